"""Blank RLFF CSV templates: the header a file needs, and one commented example row."""

from __future__ import annotations

import csv
import io

from rlff.schema import COLUMNS

# One plausible row per table, in the schema's column order (tests check that it imports).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "posts": (
        "1850000000000000001",
        "twitter",
        "brand",
        "2026-11-25T14:05:00",
        "photo_question",
        "Who else loves Mondays? #coffee",
        "1200",
        "35",
        "2",
    ),
    "engagements": ("1850000000000000001", "2026-11-25T14:30:00", "like", "customer", "@jane", "1"),
    "followers": ("2026-11-25", "twitter", "42", "0", "3", "10250", "180"),
    "inbox": (
        "msg-0001",
        "2026-11-25T09:12:00",
        "twitter",
        "complaint",
        "2026-11-25T16:40:00",
        "false",
        "Jane Doe",
        "My order never arrived",
    ),
    "mentions": ("2026-11-25T10:00:00", "brand", "twitter", "-0.6", "@jane", "Still waiting for my refund"),
    "costs": ("2026-11-01", "salary", "4200", "CM salary, November"),
    "revenue": ("2026-11-25", "1850000000000000001", "twitter", "3", "89.70"),
    "strategy": ("2026-11-23", "Answer every complaint within one hour", "true", "false"),
    "time_use": ("2026-11-23", "customer_service", "2.5"),
    "events": ("2026-01-26", "cm_day", "#CMday"),
    "peers": ("@rivalbrand", "Rival Brand", "15000", "800", "150", "true"),
}


def blank_template(table: str, *, example: bool = True) -> bytes:
    """A CSV template for one RLFF table: its header, and (by default) a commented example row.

    Lines starting with ``#`` are ignored on import, so the template imports as soon as real
    rows are added below the example; removing the ``# `` turns the example into a row.

    Args:
        table: One of :data:`rlff.schema.TABLE_NAMES`.
        example: Whether to add the commented example row.

    Returns:
        UTF-8 CSV bytes, comma-separated.

    Raises:
        KeyError: for an unknown table.
    """
    if table not in COLUMNS:
        raise KeyError(f"unknown table {table!r}; expected one of {', '.join(COLUMNS)}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS[table])
    if example:
        row = io.StringIO()
        csv.writer(row, lineterminator="\n").writerow(EXAMPLES[table])
        buffer.write("# " + row.getvalue())
    return buffer.getvalue().encode("utf-8")


def template_filename(table: str) -> str:
    """The name a template is offered under (the name RLFF itself writes)."""
    return f"{table}.csv"
