"""A brand's merged tables, kept next to its rows so that opening a brand costs one read.

Merging every file of a brand again on each reading costs seconds for a year of data; the
dashboard's first view must not. So the merged tables are stored (Parquet, in one zip per
brand) together with a fingerprint of what they were merged from: RLFF's version and the
brand's files (import, position, id, SHA-256). Any import or undo changes the fingerprint,
and a stale snapshot is never read. Writing it is best effort: a busy or read-only
workspace simply merges again next time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import date

import pandas as pd
import sqlalchemy as sa

from rlff.schema import TABLE_NAMES, Meta, Tables

from . import schema

_META = "meta.json"


def fingerprint(file_rows: Sequence[sa.Row]) -> str:
    """What a brand's merge depends on: RLFF's version and its files, in merge order."""
    from rlff import __version__

    parts = [[r.import_id, r.position, r.id, r.sha256] for r in file_rows]
    return hashlib.sha256(json.dumps([__version__, parts]).encode()).hexdigest()


def pack(tables: Tables) -> bytes:
    """The tables as a zip of Parquet files, plus the meta and the categories' index names."""
    buffer = io.BytesIO()
    names: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as zf:
        for name in TABLE_NAMES:
            frame = tables.table(name)
            part = io.BytesIO()
            frame.to_parquet(part, index=False)
            zf.writestr(f"{name}.parquet", part.getvalue())
            # Parquet keeps categories but neither their index name nor an empty categorical's dtype.
            names[name] = {
                col: frame[col].cat.categories.name
                for col in frame.columns
                if isinstance(frame[col].dtype, pd.CategoricalDtype)
                and (frame[col].cat.categories.name is not None or frame[col].cat.categories.empty)
            }
        meta = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in dataclasses.asdict(tables.meta).items()}
        zf.writestr(_META, json.dumps({"meta": meta, "category_names": names}))
    return buffer.getvalue()


def unpack(data: bytes) -> Tables:
    """The tables :func:`pack` stored."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = json.loads(zf.read(_META))
        frames = {}
        for name in TABLE_NAMES:
            frame = pd.read_parquet(io.BytesIO(zf.read(f"{name}.parquet")))
            for col, index_name in info["category_names"].get(name, {}).items():
                if not isinstance(frame[col].dtype, pd.CategoricalDtype):
                    frame[col] = frame[col].astype(object).astype("category")
                frame[col] = frame[col].cat.rename_categories(frame[col].cat.categories.rename(index_name))
            frames[name] = frame
    raw = info["meta"]
    for key in ("start", "end", "reported_month"):
        raw[key] = date.fromisoformat(raw[key])
    return Tables(meta=Meta(**raw), **frames)


def load(conn: sa.Connection, brand: str, stamp: str) -> Tables | None:
    """The brand's snapshot when it was made from exactly ``stamp``; else None."""
    row = conn.execute(
        sa.select(schema.snapshots.c.data).where(
            schema.snapshots.c.brand == brand, schema.snapshots.c.fingerprint == stamp
        )
    ).first()
    if row is None:
        return None
    try:
        return unpack(bytes(row.data))
    except (ValueError, KeyError, TypeError, OSError, zipfile.BadZipFile):
        return None  # unreadable (another RLFF's?): merge again


def save(conn: sa.Connection, brand: str, stamp: str, tables: Tables) -> None:
    """Store (or replace) the brand's snapshot inside ``conn``'s writing transaction."""
    data = pack(tables)
    conn.execute(schema.snapshots.delete().where(schema.snapshots.c.brand == brand))
    conn.execute(schema.snapshots.insert().values(brand=brand, fingerprint=stamp, data=data))
