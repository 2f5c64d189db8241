"""RLFF's own CSV schema on disk: one ``<table>.csv`` per table, plus ``meta.json``.

Writing is byte-deterministic (fixed column order, ISO timestamps, ``\\n`` line ends,
fixed float format) so that the same scenario and seed give the same files.
A folder is written whole or not at all (:func:`rlff.io.atomic.atomic_folder`): a failed
or killed write leaves the earlier files as they were, never a mix of two datasets.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd

from rlff.i18n.messages import LocalizedError
from rlff.io.atomic import atomic_folder, check_target, recover_folder, write_file
from rlff.months import last_complete_month
from rlff.schema import COLUMNS, TABLE_NAMES, Meta, Tables, conform

META_FILE = "meta.json"
DICTIONARY_FILE = "DATA_DICTIONARY.md"


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


class NoTables(LocalizedError, FileNotFoundError):
    """A folder that is not one, or holds no RLFF table: ``str()`` in English, ``message(lang)``."""


def neutralise_formula_text(values: pd.Series) -> pd.Series:
    """Text values with a ``'`` put before any that a spreadsheet would run as a formula.

    For text (``str`` or ``category``) columns only: numbers such as -3 stay numbers.
    Categorical columns keep their dtype (only the categories are rewritten).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = values.cat.categories.astype("str")
        risky = cats.str.startswith(FORMULA_PREFIXES)
        if not risky.any():
            return values
        return values.cat.rename_categories(cats.where(~risky, "'" + cats))
    text = values.astype("str")
    risky = text.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
    return text.where(~risky, "'" + text)


def table_to_csv_bytes(name: str, df: pd.DataFrame, *, neutralise_formulas: bool = False) -> bytes:
    """One table as CSV bytes in RLFF's schema (UTF-8, ``,``, ISO dates).

    With ``neutralise_formulas``, text cells starting with ``= + - @``, a tab or a CR
    get a leading ``'`` so that a spreadsheet shows them instead of running them.
    """
    frame = conform(name, df).copy()
    for col, (kind, _) in COLUMNS[name].items():
        if kind == "date":
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        elif kind == "datetime":
            frame[col] = frame[col].dt.strftime("%Y-%m-%dT%H:%M:%S")
        elif kind in ("str", "category"):
            if neutralise_formulas:
                frame[col] = neutralise_formula_text(frame[col])
            frame[col] = _line_breaks_as_lf(frame[col])
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n", float_format="%.6g")
    return buf.getvalue().encode("utf-8")


def _line_breaks_as_lf(values: pd.Series) -> pd.Series:
    """CR and CRLF inside a cell become LF: the csv writer quotes a cell holding the line
    terminator (LF) but not a bare CR, which any reader would take for a row break."""
    text = values.astype("str")
    if not text.str.contains("\r", regex=False, na=False).any():
        return values
    return text.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)


def meta_to_json_bytes(meta: Meta) -> bytes:
    """The dataset's :class:`Meta` as JSON (sorted keys, ISO dates)."""
    payload = {
        "brand": meta.brand,
        "cm_name": meta.cm_name,
        "start": meta.start.isoformat(),
        "end": meta.end.isoformat(),
        "reported_month": meta.reported_month.isoformat(),
        "lang": meta.lang,
        "source": meta.source,
        "bought_flag_known": meta.bought_flag_known,
    }
    if not meta.followers_total_known:  # written only when False: older meta.json files stay as they were
        payload["followers_total_known"] = False
    return (json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def data_dictionary_markdown() -> str:
    """A short data dictionary of every table and column, generated from the schema."""
    lines = [
        "# RLFF data dictionary",
        "",
        "One CSV per table, UTF-8, comma-separated, timestamps `YYYY-MM-DDTHH:MM:SS` in UTC,",
        "dates `YYYY-MM-DD`. Empty cell = missing (e.g. a message never answered).",
        "Generated from `rlff/schema.py`; do not edit by hand.",
        "",
    ]
    for table, cols in COLUMNS.items():
        lines += [f"## `{table}.csv`", "", "| column | type | meaning |", "|---|---|---|"]
        for col, (kind, meaning) in cols.items():
            lines.append(f"| `{col}` | {kind} | {meaning} |")
        lines.append("")
    return "\n".join(lines)


def write_tables(
    tables: Tables, out_dir: str | Path, *, dictionary: bool = True, neutralise_formulas: bool = False
) -> list[Path]:
    """Write every table as ``<table>.csv`` plus ``meta.json`` (and the data dictionary).

    ``neutralise_formulas`` protects spreadsheet users (see :func:`table_to_csv_bytes`).
    Returns the paths written, in a fixed order.
    """
    out = check_target(out_dir)
    names = [f"{name}.csv" for name in TABLE_NAMES] + [META_FILE] + ([DICTIONARY_FILE] if dictionary else [])
    # Written into a sibling folder swapped in whole: a full disk, a kill or a second
    # writer never leaves one dataset's posts next to another dataset's tables.
    with atomic_folder(out) as staging:
        for name in TABLE_NAMES:
            data = table_to_csv_bytes(name, tables.table(name), neutralise_formulas=neutralise_formulas)
            write_file(staging / f"{name}.csv", data)
            del data  # one table's bytes in memory at a time
        write_file(staging / META_FILE, meta_to_json_bytes(tables.meta))
        if dictionary:
            write_file(staging / DICTIONARY_FILE, data_dictionary_markdown().encode("utf-8"))
    return [out / name for name in names]


def read_meta(path: str | Path) -> Meta:
    """Read ``meta.json``."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Meta(
        brand=str(raw["brand"]),
        cm_name=str(raw.get("cm_name", "")),
        start=date.fromisoformat(raw["start"]),
        end=date.fromisoformat(raw["end"]),
        reported_month=date.fromisoformat(raw["reported_month"]),
        lang=str(raw.get("lang", "en")),
        source=str(raw.get("source", "import")),
        bought_flag_known=bool(raw.get("bought_flag_known", True)),
        followers_total_known=bool(raw.get("followers_total_known", True)),
    )


def read_table_csv(name: str, source: str | Path | bytes) -> pd.DataFrame:
    """Read one table written by :func:`write_tables` (strict: RLFF's exact schema)."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    dtypes = {}
    for col, (kind, _) in COLUMNS[name].items():
        if kind in ("str", "category"):
            dtypes[col] = "str"
    df = pd.read_csv(handle, dtype=dtypes, keep_default_na=False, na_values=[""])
    for col, (kind, _) in COLUMNS[name].items():
        if kind == "str" and col in df:
            df[col] = df[col].fillna("")
    return conform(name, df)


def read_tables(in_dir: str | Path, *, validate: bool = True) -> Tables:
    """Read a folder written by :func:`write_tables` (or by ``rlff import``).

    Tables whose CSV is absent come back empty. With ``validate`` (the default) the tables
    pass the same rules as an upload (no negative counts, no answer before its message,
    dates in 2000–2099): a hand-edited folder cannot turn into negative fans.

    Raises:
        NoTables: when the folder holds none of RLFF's files (a FileNotFoundError).
        ValueError: when a file is malformed or breaks a rule (an ``ImportProblem`` then).
    """
    folder = Path(in_dir)
    if not folder.is_dir() or any(folder.parent.glob(f".{glob.escape(folder.name)}.*-*")):
        with contextlib.suppress(OSError):  # a writer killed mid-swap: finish or undo it first
            recover_folder(folder)
    if not folder.is_dir():
        raise NoTables("tables.error.not_a_folder", folder=str(folder))
    present = [n for n in TABLE_NAMES if (folder / f"{n}.csv").is_file()]
    if not present:
        raise NoTables("tables.error.none", folder=str(folder), files=", ".join(n + ".csv" for n in TABLE_NAMES))
    frames: dict[str, pd.DataFrame] = {}
    for name in present:
        try:
            frames[name] = read_table_csv(name, folder / f"{name}.csv")
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{folder / (name + '.csv')}: {exc}") from exc
    if validate:
        from rlff.io.imports.rlff_csv import check_tables  # pandera loads only when a folder is read

        check_tables(frames, str(folder))
    meta_path = folder / META_FILE
    meta = read_meta(meta_path) if meta_path.is_file() else _meta_from_frames(frames)
    return Tables(meta=meta, **frames)


def _meta_from_frames(frames: dict[str, pd.DataFrame]) -> Meta:
    """Infer the period from the data when ``meta.json`` is absent."""
    stamps: list[pd.Timestamp] = []
    for name, df in frames.items():
        for col, (kind, _) in COLUMNS[name].items():
            if kind in ("date", "datetime") and len(df) and df[col].notna().any():
                stamps += [df[col].min(), df[col].max()]
    if not stamps:
        unknown = date(2000, 1, 1)
        return Meta(brand="My brand", cm_name="", start=unknown, end=unknown, reported_month=unknown, source="import")
    start, end = min(stamps).date(), max(stamps).date()
    return Meta(
        brand="My brand",
        cm_name="",
        start=start,
        end=end,
        reported_month=last_complete_month(start, end),
        source="import",
    )
