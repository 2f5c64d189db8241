"""RLFF tables to database rows and back, column by column (vectorised where pandas allows).

Writing turns each column into plain Python values (``None`` for missing ones) that both
SQLite and PostgreSQL bind; reading takes the driver's raw values (ISO text on SQLite,
``datetime`` on PostgreSQL) and rebuilds the schema's dtypes, categories included, so a
table read back equals the table written.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from rlff.schema import COLUMNS, conform, empty_table


def column_values(kind: str, s: pd.Series) -> list[object]:
    """The values of one column as Python objects a DB-API driver binds; missing -> None.

    Timestamps and dates go as ISO text (``2026-01-31 09:05:00.000000``, ``2026-01-31``),
    built by numpy for the whole column: SQLite stores them so (as SQLAlchemy would), and
    PostgreSQL's COPY parses them into ``timestamp`` and ``date``.
    """
    missing = s.isna().to_numpy()
    if kind in ("datetime", "date"):
        stamps = s.to_numpy(dtype="datetime64[us]")
        text = np.datetime_as_string(stamps, unit="us" if kind == "datetime" else "D")
        values = (np.char.replace(text, "T", " ") if kind == "datetime" else text).astype(object)
    elif kind == "int":
        return s.astype("int64").tolist()
    elif kind == "bool":
        return s.astype("bool").tolist()
    elif kind == "float":
        values = s.astype("float64").to_numpy().astype(object)
    else:  # str, category
        values = s.astype(object).to_numpy()
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values.tolist()


def frame_columns(name: str, df: pd.DataFrame) -> dict[str, list[object]]:
    """Every schema column of ``df`` (table ``name``) as a list of bindable values."""
    return {col: column_values(kind, df[col]) for col, (kind, _) in COLUMNS[name].items()}


def build_frame(name: str, columns: dict[str, Sequence[object]], categories: dict[str, dict]) -> pd.DataFrame:
    """A table of the schema from raw column values, as :func:`frame_columns` wrote them.

    Args:
        name: The RLFF table.
        columns: Column -> raw values read from the database.
        categories: Category column -> ``{"values": categories, "name": index name}`` as
            :func:`categories_of` gave them.
    """
    if not columns or not len(next(iter(columns.values()))):
        frame = empty_table(name)
        for col, cats in categories.items():
            frame[col] = pd.Categorical([], categories=_index(cats))
        return frame
    out: dict[str, pd.Series] = {}
    for col, (kind, _) in COLUMNS[name].items():
        raw = columns[col]
        if kind in ("datetime", "date"):
            first = next((v for v in raw if v is not None), None)
            if isinstance(first, str):  # SQLite: ISO text
                s = pd.Series(pd.to_datetime(pd.Series(raw, dtype="str"), format="ISO8601"))
            else:
                s = pd.Series(pd.to_datetime(pd.Series(raw, dtype=object)))
            out[col] = s.astype("datetime64[us]")
        elif kind == "int":
            out[col] = pd.Series(raw, dtype="int64")
        elif kind == "float":
            out[col] = pd.Series(raw, dtype="float64")
        elif kind == "bool":
            out[col] = pd.Series(raw, dtype="bool")
        elif kind == "category":
            known = categories.get(col)
            values = pd.Series(raw, dtype="str")
            if known is None:
                out[col] = values.astype("category")
            else:
                out[col] = pd.Series(pd.Categorical(values, categories=_index(known)))
        else:
            out[col] = pd.Series(raw, dtype="str")
    return conform(name, pd.DataFrame(out))


def categories_of(name: str, df: pd.DataFrame) -> dict[str, dict]:
    """The categories of each categorical column of ``df`` (order and index name), to rebuild it as it was."""
    cats = {}
    for col, (kind, _) in COLUMNS[name].items():
        if kind == "category" and isinstance(df[col].dtype, pd.CategoricalDtype):
            index = df[col].cat.categories
            cats[col] = {"values": index.astype("str").tolist(), "name": index.name}
    return cats


def _index(cats: dict) -> pd.Index:
    return pd.Index(cats["values"], dtype="str", name=cats.get("name"))
