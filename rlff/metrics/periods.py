"""Periods and selections: which rows of a table belong to a month, and what the audience was.

A month is named by its first day (a ``pd.Timestamp``, a ``datetime.date`` or an ISO
string all work; any day of the month names the same month). Every period is
half-open, ``[start, end)``, so a post at 23:59 on the last day belongs to the month
and one at 00:00 on the next day does not. Everything here is pure: frames in,
new frames or numbers out; the frames given are never modified.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

import numpy as np
import pandas as pd

from rlff.i18n.messages import LocalizedError
from rlff.schema import COLUMNS, Tables

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
    return start, _shift_month(start, 1)


def previous_month(month: MonthLike) -> pd.Timestamp:
    """The first day of the month before ``month``."""
    return _shift_month(month_start(month), -1)


def _shift_month(start: pd.Timestamp, months: int) -> pd.Timestamp:
    """``start`` (a month's first day) moved by ``months`` (±1): ``start ± pd.DateOffset(months=1)``,
    without DateOffset's cost (~50 µs a call, and month bounds are computed hundreds of times)."""
    index = start.year * 12 + start.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9998:
        return start + pd.DateOffset(months=months)
    return pd.Timestamp(year=year, month=month0 + 1, day=1)


def resolve_month(tables: Tables, month: MonthLike | None) -> pd.Timestamp:
    """``month`` normalised to its first day, or the dataset's reported month when None."""
    return month_start(tables.meta.reported_month if month is None else month)


def period_mask(column: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.Series:
    """Boolean mask of the values in ``[start, end)``; a None bound is open."""
    return pd.Series(in_period(column, start, end), index=column.index)


def _bound(value: object, unit: str) -> np.datetime64 | None:
    """A naive Timestamp as a numpy datetime64 in ``unit``; None for anything else or when it does not fit."""
    if not isinstance(value, pd.Timestamp) or value.tzinfo is not None or value is pd.NaT:
        return None
    try:
        converted = value.as_unit(unit, round_ok=False)
    except (ValueError, OverflowError):
        return None
    return converted.to_datetime64()


def in_period(column: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None) -> np.ndarray:
    """:func:`period_mask` as a numpy array; numpy comparisons for a naive datetime64 column."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        unit = np.datetime_data(dtype)[0]
        lo = None if start is None else _bound(start, unit)
        hi = None if end is None else _bound(end, unit)
        if (lo is not None or start is None) and (hi is not None or end is None):
            values = column.to_numpy()
            fast = np.ones(len(values), dtype=bool)
            if lo is not None:
                fast &= values >= lo  # NaT compares False, as in pandas
            if hi is not None:
                fast &= values < hi
            return fast
    mask = pd.Series(True, index=column.index)
    if start is not None:
        mask &= column >= start
    if end is not None:
        mask &= column < end
    return mask.to_numpy(dtype=bool)


def rows_in_month(df: pd.DataFrame, column: str, month: MonthLike | None) -> pd.DataFrame:
    """The rows of ``df`` whose ``column`` falls in ``month``; all rows when ``month`` is None."""
    if month is None:
        return df
    start, end = month_bounds(month)
    return take_rows(df, in_period(df[column], start, end))


def take_rows(df: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """``df[mask]`` for a boolean array; a contiguous run of rows is sliced (no copy of every column)."""
    hits = np.flatnonzero(mask)
    if len(hits) and hits[-1] - hits[0] + 1 == len(hits):
        return df.iloc[hits[0] : hits[-1] + 1]
    return df[mask]


def brand_posts(
    posts: pd.DataFrame, month: MonthLike | None = None, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Posts of the brand's own accounts (``account == "brand"``) published in ``month``.

    ``columns`` keeps only these columns (cheaper than selecting the rows of every column).
    """
    mask = isin_mask(posts["account"], ["brand"])
    if month is not None:
        mask &= in_period(posts["published_at"], *month_bounds(month))
    return take_rows(posts if columns is None else posts[list(columns)], mask)


def isin_mask(column: pd.Series, values: Iterable[object]) -> np.ndarray:
    """``column.isin(values)`` as a numpy array; a categorical column is looked up once per category."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        wanted = set(values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else values)
        hit = np.fromiter(
            (c in wanted for c in _labels(column.cat.categories)), dtype=bool, count=len(column.cat.categories)
        )
        # Code -1 is a missing value: isin() matches it only when the values hold a missing value too.
        has_na = any(v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT for v in wanted)
        return np.append(hit, has_na)[codes_of(column)]
    return column.isin(pd.Index(list(values)).unique()).to_numpy(dtype=bool)


def codes_of(column: pd.Series) -> np.ndarray:
    """The category codes of a categorical column (-1: missing), without building a Series."""
    return column.array.codes  # type: ignore[attr-defined]


def _labels(categories: pd.Index) -> Iterable[object]:
    """Categories to iterate over: text as a numpy array of str (iterating an arrow-backed Index is slow)."""
    if categories.dtype == object or isinstance(categories.dtype, pd.StringDtype):
        return categories.to_numpy()
    return categories


def engagements_on(
    engagements: pd.DataFrame, post_ids: Iterable[str], kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Engagement rows on the given posts (and of the given kinds), whenever they happened."""
    mask = isin_mask(engagements["post_id"], post_ids)
    if kinds is not None:
        mask &= isin_mask(engagements["kind"], kinds)
    return take_rows(engagements, mask)


def count_per_post(
    post_ids: pd.Series, engagements: pd.DataFrame, kinds: Sequence[str | None] = (None,)
) -> list[np.ndarray]:
    """Per value of ``post_ids``: the summed ``count`` of its engagements, as int64, once per kind of ``kinds``
    (None: every kind).

    Each array is what ``post_ids.map(engagements_on(engagements, post_ids, [kind]).groupby("post_id")["count"]
    .sum()).fillna(0).astype("int64")`` gives, without building the grouped frames.
    """
    counts = engagements["count"]
    if counts.dtype.kind not in "iu":  # the schema's counts are integers; anything else goes through pandas
        out = []
        for kind in kinds:
            eng = engagements_on(engagements, post_ids, None if kind is None else [kind])
            per_post = eng.groupby("post_id", observed=True)["count"].sum()
            out.append(post_ids.map(per_post).fillna(0).astype("int64").to_numpy())
        return out
    ids = pd.Index(post_ids).unique()
    eng_ids = engagements["post_id"]
    if isinstance(eng_ids.dtype, pd.CategoricalDtype):
        pos = np.append(ids.get_indexer(eng_ids.cat.categories), -1)[codes_of(eng_ids)]
    else:
        pos = np.where(eng_ids.isna().to_numpy(), -1, ids.get_indexer(eng_ids))  # groupby drops missing ids
    on_posts = pos >= 0
    values = counts.to_numpy().astype(np.int64, copy=False)
    rows = ids.get_indexer(post_ids)
    out = []
    for kind in kinds:
        keep = on_posts if kind is None else on_posts & isin_mask(engagements["kind"], [kind])
        sums = np.zeros(len(ids), dtype=np.int64)
        np.add.at(sums, pos[keep], values[keep])
        out.append(sums[rows])
    return out


def audience_at(followers: pd.DataFrame, end: pd.Timestamp | None) -> pd.DataFrame:
    """Each platform's last followers row dated before ``end`` (all rows when ``end`` is None).

    A platform whose tracking stopped earlier keeps its last known row: the audience
    did not vanish because the export did.
    """
    rows = followers if end is None else take_rows(followers, in_period(followers["date"], None, end))
    # Stable sort then keep the last row per platform: vectorised "last row up to end".
    # (Exports and the simulation are already in date order: then the sort is skipped.)
    dates = rows["date"].to_numpy()
    in_order = dates.dtype.kind == "M" and not np.isnat(dates).any() and bool((dates[1:] >= dates[:-1]).all())
    if not in_order:
        rows = rows.sort_values("date", kind="stable")
    platform = rows["platform"]
    if isinstance(platform.dtype, pd.CategoricalDtype):
        codes = codes_of(platform)
    else:
        codes = pd.factorize(platform)[0]  # missing values share code -1, as in drop_duplicates
    # Position of each platform's last row, in table order (what drop_duplicates(keep="last") keeps).
    last = len(codes) - 1 - np.unique(codes[::-1], return_index=True)[1]
    return rows.iloc[np.sort(last)]


def audience_total(followers: pd.DataFrame, end: pd.Timestamp | None, column: str) -> int | None:
    """Sum over platforms of ``column`` ("followers" or "friends") on each one's last day before ``end``.

    Returns None when the followers table has no row before ``end``.
    """
    last = audience_at(followers, end)
    if last.empty:
        return None
    return int(last[column].sum())


# --- Choosing the reported month ---------------------------------------------------------
# Every metric reads the reported month from ``tables.meta.reported_month`` (resolve_month),
# so looking at another month is one change of the meta: :func:`with_month`.

_MONTH_TEXT = re.compile(r"\d{4}-\d{2}")


class MonthFormatError(LocalizedError, ValueError):
    """A month not written ``YYYY-MM``: ``str()`` in English, ``message(lang)`` in the user's language."""

    def __init__(self, text: str) -> None:
        super().__init__("month.error.format", text=repr(text[:40]))


class MonthOutOfRange(LocalizedError, ValueError):
    """A month the data has no day of. ``str()`` is the one-line message for users (``message(lang)``).

    Attributes:
        month: First day of the month asked for.
        first: First day of the data's first month.
        last: First day of the data's last month.
    """

    def __init__(self, month: date, first: date, last: date) -> None:
        self.month, self.first, self.last = month, first, last
        super().__init__("month.error.no_data", month=f"{month:%Y-%m}", first=f"{first:%Y-%m}", last=f"{last:%Y-%m}")


@dataclass(frozen=True)
class MonthCoverage:
    """How much of a month the data covers.

    Attributes:
        month: First day of the month.
        partial: The data starts after the month's first day or ends before its last day.
        empty: No row of any table is dated in the month.
    """

    month: date
    partial: bool
    empty: bool


def parse_month(text: str) -> date:
    """The first day of a month written ``YYYY-MM`` (as in ``--month 2025-09`` or ``?month=2025-09``).

    Raises:
        MonthFormatError: ``text`` is not a month written ``YYYY-MM`` (a ValueError).
    """
    cleaned = text.strip()
    if _MONTH_TEXT.fullmatch(cleaned):
        year, month = int(cleaned[:4]), int(cleaned[5:])
        if year >= 1 and 1 <= month <= 12:
            return date(year, month, 1)
    raise MonthFormatError(text)


def data_months(tables: Tables) -> list[date]:
    """First day of every month from the data's first day to its last (``meta.start`` to ``meta.end``), oldest first."""
    first = month_start(tables.meta.start)
    last = month_start(tables.meta.end)
    months = []
    current = first
    while current <= last:
        months.append(current.date())
        current = _shift_month(current, 1)
    return months


def check_month(tables: Tables, month: MonthLike) -> date:
    """``month`` as its first day, when the data has at least one day of it.

    Raises:
        MonthOutOfRange: the month is before the data's first day or after its last.
    """
    wanted = month_start(month).date()
    first, last = month_start(tables.meta.start).date(), month_start(tables.meta.end).date()
    if not first <= wanted <= last:
        raise MonthOutOfRange(wanted, first, last)
    return wanted


def with_month(tables: Tables, month: MonthLike | None) -> Tables:
    """``tables`` reporting on ``month``: the same frames, ``meta.reported_month`` moved.

    Every metric, chart and export then reads that month (and compares with the one
    before it), without the peers (a snapshot of the data's own month). ``None`` or the
    month already reported gives ``tables`` itself, so what was computed for it is reused.

    Raises:
        MonthOutOfRange: the data has no day of ``month`` (see :func:`check_month`).
    """
    if month is None:
        return tables
    wanted = check_month(tables, month)
    if wanted == month_start(tables.meta.reported_month).date():
        return tables
    # The peers file holds what the "competitors" showed for the data's own reported month:
    # next to another month of the brand it would compare two different months, so it goes.
    return tables.replace(meta=dataclasses.replace(tables.meta, reported_month=wanted), peers=tables.peers.iloc[0:0])


def month_coverage(tables: Tables, month: MonthLike | None = None) -> MonthCoverage:
    """Whether the data covers all of ``month`` (default: the reported month) and has any row in it."""
    start, end = month_bounds(resolve_month(tables, month))
    partial = start < pd.Timestamp(tables.meta.start) or end - pd.Timedelta(days=1) > pd.Timestamp(tables.meta.end)
    empty = True
    for name, columns in COLUMNS.items():
        frame = tables.table(name)
        if frame.empty:
            continue
        for column, (kind, _meaning) in columns.items():
            # first_response_at is an answer, not a row of the month: a month with only answers is empty.
            if kind in ("date", "datetime") and column != "first_response_at":
                if in_period(frame[column], start, end).any():
                    empty = False
                    break
        if not empty:
            break
    return MonthCoverage(month=start.date(), partial=partial, empty=empty)
