"""Periods and selections: which rows of a table belong to a month, and what the audience was.

A month is named by its first day (a ``pd.Timestamp``, a ``datetime.date`` or an ISO
string all work; any day of the month names the same month). Every period is
half-open, ``[start, end)``, so a post at 23:59 on the last day belongs to the month
and one at 00:00 on the next day does not. Everything here is pure: frames in,
new frames or numbers out; the frames given are never modified.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeAlias

import pandas as pd

from rlff.schema import Tables

MonthLike: TypeAlias = pd.Timestamp | date | str


def month_start(month: MonthLike) -> pd.Timestamp:
    """The first day (midnight) of the month that contains ``month``."""
    ts = pd.Timestamp(month)
    return pd.Timestamp(year=ts.year, month=ts.month, day=1)


def month_bounds(month: MonthLike) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``(start, end_exclusive)`` of a month: its first day and the next month's first day.

    Example:
        >>> month_bounds("2024-02-01")
        (Timestamp('2024-02-01 00:00:00'), Timestamp('2024-03-01 00:00:00'))
    """
    start = month_start(month)
    return start, start + pd.DateOffset(months=1)


def previous_month(month: MonthLike) -> pd.Timestamp:
    """The first day of the month before ``month``."""
    return month_start(month) - pd.DateOffset(months=1)


def resolve_month(tables: Tables, month: MonthLike | None) -> pd.Timestamp:
    """``month`` normalised to its first day, or the dataset's reported month when None."""
    return month_start(tables.meta.reported_month if month is None else month)


def period_mask(column: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.Series:
    """Boolean mask of the values in ``[start, end)``; a None bound is open."""
    mask = pd.Series(True, index=column.index)
    if start is not None:
        mask &= column >= start
    if end is not None:
        mask &= column < end
    return mask


def rows_in_month(df: pd.DataFrame, column: str, month: MonthLike | None) -> pd.DataFrame:
    """The rows of ``df`` whose ``column`` falls in ``month``; all rows when ``month`` is None."""
    if month is None:
        return df
    start, end = month_bounds(month)
    return df[period_mask(df[column], start, end)]


def brand_posts(posts: pd.DataFrame, month: MonthLike | None = None) -> pd.DataFrame:
    """Posts of the brand's own accounts (``account == "brand"``) published in ``month``."""
    return rows_in_month(posts[posts["account"] == "brand"], "published_at", month)


def engagements_on(
    engagements: pd.DataFrame, post_ids: Iterable[str], kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Engagement rows on the given posts (and of the given kinds), whenever they happened."""
    mask = engagements["post_id"].isin(pd.Index(list(post_ids)).unique())
    if kinds is not None:
        mask &= engagements["kind"].isin(list(kinds))
    return engagements[mask]


def audience_at(followers: pd.DataFrame, end: pd.Timestamp | None) -> pd.DataFrame:
    """Each platform's last followers row dated before ``end`` (all rows when ``end`` is None).

    A platform whose tracking stopped earlier keeps its last known row: the audience
    did not vanish because the export did.
    """
    rows = followers if end is None else followers[followers["date"] < end]
    # Stable sort then keep the last row per platform: vectorised "last row up to end".
    return rows.sort_values("date", kind="stable").drop_duplicates("platform", keep="last")


def audience_total(followers: pd.DataFrame, end: pd.Timestamp | None, column: str) -> int | None:
    """Sum over platforms of ``column`` ("followers" or "friends") on each one's last day before ``end``.

    Returns None when the followers table has no row before ``end``.
    """
    last = audience_at(followers, end)
    if last.empty:
        return None
    return int(last[column].sum())
