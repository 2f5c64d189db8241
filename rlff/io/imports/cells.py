"""Cell text to typed values: numbers in any local notation, dates in any order, yes/no, choices.

Each function works on a whole column at once (exports reach 100,000 rows) and raises an
:class:`~rlff.io.imports.problems.ImportProblem` naming the rows it cannot read. Range and
membership rules (no negative counts, known categories) are pandera's job, in
:mod:`rlff.io.imports.validate`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from rlff.i18n.messages import Message

from .sheet import Sheet

NONE_MARKS = ("", "-", "–", "—")  # exports write "-" where there is nothing to count
_SPACES = r"[\s\u00a0\u202f'’]"  # thousands separators as written by France, Switzerland, ...
_CURRENCY = r"^[€$£]|[€$£]$|(?i:eur)$"
_COMMA_THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
_DOT_THOUSANDS = r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"

NUMBER_HINT = Message("import.hint.number")
DATE_HINT = Message("import.hint.date")


def text(sheet: Sheet, fld: str, default: str = "") -> pd.Series:
    """A text column, stripped, empty cells as ``default`` ('' when the file lacks the column)."""
    if not sheet.has(fld):
        return pd.Series(default, index=sheet.frame.index, dtype="str")
    s = sheet.frame[fld]
    if pd.api.types.is_numeric_dtype(s.dtype):  # an id column the CSV parser read as numbers
        s = s.map(lambda v: "" if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v)))
    s = s.astype("str").fillna("").str.strip()
    return s.mask(s == "", default) if default else s


def numbers(sheet: Sheet, fld: str, *, empty: float | None = 0.0, whole: bool = False) -> pd.Series:
    """A numeric column as float64: empty or '-' cells become ``empty`` (NaN when None).

    Thousands separators (``15,000``, ``1 234``, ``1.234`` in a decimal-comma file), decimal
    commas and a leading or trailing currency sign are understood. With ``whole`` (counts),
    ``15,000`` is fifteen thousand even in a decimal-comma file: a count has no decimals.

    Raises:
        ImportProblem: naming the rows whose cells are not numbers.
    """
    fill = np.nan if empty is None else empty
    if not sheet.has(fld):
        return pd.Series(fill, index=sheet.frame.index, dtype="float64")
    raw = sheet.frame[fld]
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        return raw.astype("float64").fillna(fill)
    s = raw.astype("str").fillna("").str.replace(_SPACES, "", regex=True).str.replace(_CURRENCY, "", regex=True)
    none = s.isin(NONE_MARKS)
    if whole:
        s = s.mask(s.str.contains(_COMMA_THOUSANDS, regex=True), s.str.replace(",", "", regex=False))
    if sheet.decimal == ",":
        s = s.mask(s.str.contains(_DOT_THOUSANDS, regex=True), s.str.replace(".", "", regex=False))
        s = s.mask(
            s.str.contains(r",\d*$", regex=True) & s.str.contains(".", regex=False), s.str.replace(".", "", regex=False)
        )
        s = s.str.replace(",", ".", regex=False)
    else:
        s = s.mask(s.str.contains(_COMMA_THOUSANDS, regex=True), s.str.replace(",", "", regex=False))
        # one comma and no dot in a dot-decimal file: a quoted decimal comma ("12,5")
        s = s.mask(s.str.fullmatch(r"[+-]?\d*,\d+"), s.str.replace(",", ".", regex=False))
    values = pd.to_numeric(s.mask(none, None), errors="coerce").astype("float64")
    bad = values.isna() & ~none
    if bad.any():
        raise sheet.problem(fld, Message("import.not_a_number"), bad, NUMBER_HINT)
    return values.fillna(fill)


def dates(sheet: Sheet, fld: str, *, dayfirst: bool | None = None) -> pd.Series:
    """A date or date-time column as naive UTC ``datetime64[us]``; empty cells are NaT.

    Reads ISO dates with or without a UTC offset (``2015-09-30 18:42 +0000``), ``25/11/2026 14:05``
    and ``11/25/2026 2:05 PM`` (the order decided from the whole column),
    and English month names (``Sat, Sep 12, 2026``). Each distinct text is parsed once: exports
    repeat the same day on many rows.

    Raises:
        ImportProblem: naming the rows whose cells are not dates.
    """
    index = sheet.frame.index
    if not sheet.has(fld):
        return pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
    codes, uniques = pd.factorize(text(sheet, fld))
    try:
        parsed = _parse_dates(pd.Series(uniques.astype("str"), dtype="str"), dayfirst, sheet.decimal)
    except _BadDates as bad:
        rows = pd.Series(np.isin(codes, np.flatnonzero(bad.mask)), index=index)
        if bad.first_only:  # show one row of each conflicting kind, not every row
            rows = rows & _first_of_each(codes, bad.mask)
        raise sheet.problem(fld, bad.message, rows, bad.hint) from None
    for note in parsed.attrs.get("notes", ()):
        sheet.warnings.append(Message("import.note.dates", file=sheet.file, column=sheet.column_name(fld), note=note))
    return pd.Series(parsed.to_numpy()[codes], index=index, dtype="datetime64[us]")


class _BadDates(Exception):
    """Distinct values that are not dates (``mask`` over them), raised inside :func:`_parse_dates`."""

    def __init__(self, message: str, mask: np.ndarray, hint: str = DATE_HINT, first_only: bool = False) -> None:
        super().__init__(message)
        self.message, self.mask, self.hint, self.first_only = message, mask, hint, first_only


def _first_of_each(codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rows holding the first occurrence of each flagged distinct value."""
    first = np.zeros(len(codes), dtype=bool)
    for code in np.flatnonzero(mask):
        hits = np.flatnonzero(codes == code)
        if len(hits):
            first[hits[0]] = True
    return first


def _parse_dates(s: pd.Series, dayfirst: bool | None, decimal: str) -> pd.Series:
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    todo = ~s.isin(NONE_MARKS).to_numpy()
    iso = todo & s.str.match(r"\d{4}-\d{1,2}-\d{1,2}").to_numpy(dtype=bool)
    if iso.any():
        parsed = pd.to_datetime(s[iso], format="ISO8601", utc=True, errors="coerce")
        out[iso] = parsed.dt.tz_localize(None).astype("datetime64[us]").to_numpy()
        note = _mixed_offsets(s[iso])
        if note:
            out.attrs.setdefault("notes", []).append(note)
    slash = todo & ~iso & s.str.match(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b").to_numpy(dtype=bool)
    if slash.any():
        values, note = _slash_dates(s[slash], dayfirst, decimal, slash)
        out[slash] = values
        if note:
            out.attrs.setdefault("notes", []).append(note)
    rest = todo & out.isna().to_numpy()
    for fmt in _WORDY_FORMATS:
        if not rest.any():
            break
        parsed = pd.to_datetime(s[rest].str.replace(r"\s+", " ", regex=True), format=fmt, errors="coerce")
        out[rest] = parsed.astype("datetime64[us]").to_numpy()
        rest = todo & out.isna().to_numpy()
    if rest.any():
        raise _BadDates(Message("import.bad_date"), rest)
    return out


_OFFSET = r"(?:Z|[+-]\d{2}(?::?\d{2})?)$"
_TIME = r"\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}"


def _mixed_offsets(values: pd.Series) -> str | None:
    """A note when some times carry a UTC offset and others none: those are read as UTC,
    which is off by the offset if they were local times."""
    text = values.str.strip()
    timed = text.str.match(_TIME).to_numpy(dtype=bool)
    with_offset = timed & text.str.contains(_OFFSET, regex=True).to_numpy(dtype=bool)
    naive = timed & ~with_offset
    if not with_offset.any() or not naive.any():
        return None
    return (
        f"mix times with a UTC offset (such as '{text[with_offset].iloc[0]}') and times without one "
        f"(such as '{text[naive].iloc[0]}'): RLFF reads those without an offset as UTC; "
        "if they are local times, add their offset or export the column again"
    )


_WORDY_FORMATS = (
    "%a, %b %d, %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a %b %d %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a, %b %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%d %b %Y %H:%M",
    "%b %d, %Y %I:%M %p",
)
_SLASH = (
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?\s*$"
)


def _slash_dates(s: pd.Series, dayfirst: bool | None, decimal: str, where: np.ndarray) -> tuple[np.ndarray, str]:
    """``25/11/2026 14:05``-style values; ``where`` places them among all distinct values (for errors)."""

    def among_all(mask: np.ndarray) -> np.ndarray:
        full = np.zeros(len(where), dtype=bool)
        full[np.flatnonzero(where)[mask]] = True
        return full

    parts = s.str.extract(_SLASH)
    unread = parts[0].isna().to_numpy()
    if unread.any():
        raise _BadDates(Message("import.bad_date"), among_all(unread))
    first, second = parts[0].astype(int), parts[1].astype(int)
    day_first_seen, month_first_seen = (first > 12).to_numpy(), (second > 12).to_numpy()
    if day_first_seen.any() and month_first_seen.any():
        mixed = np.zeros(len(s), dtype=bool)
        mixed[np.flatnonzero(day_first_seen)[0]] = mixed[np.flatnonzero(month_first_seen)[0]] = True
        raise _BadDates(
            Message("import.mixed_dates"),
            among_all(mixed),
            Message("import.hint.same_date_format"),
            first_only=True,
        )
    note: str = ""
    if day_first_seen.any() or month_first_seen.any():
        dayfirst = bool(day_first_seen.any())  # a 25 can only be a day: the data decides
    else:
        guess = dayfirst if dayfirst is not None else decimal == ","
        if (first != second).any():
            order = Message("import.order.day_month" if guess else "import.order.month_day")
            note = Message("import.note.dates_ambiguous", order=order)
        dayfirst = guess
    day, month = (first, second) if dayfirst else (second, first)
    year = parts[2].astype(int)
    year = year.where(year >= 100, year + 2000)
    hour = parts[3].fillna("0").astype(int)
    meridiem = parts[6].fillna("").str.lower()
    hour = hour.where(~((meridiem == "pm") & (hour < 12)), hour + 12).where(~((meridiem == "am") & (hour == 12)), 0)
    built = pd.to_datetime(
        pd.DataFrame(
            {
                "year": year,
                "month": month,
                "day": day,
                "hour": hour,
                "minute": parts[4].fillna("0").astype(int),
                "second": parts[5].fillna("0").astype(int),
            }
        ),
        errors="coerce",
    )
    if built.isna().any():
        raise _BadDates(Message("import.not_a_date"), among_all(built.isna().to_numpy()))
    return built.astype("datetime64[us]").to_numpy(), note


_TRUE = ("true", "yes", "y", "1", "x", "oui", "vrai", "t", "1.0")
_FALSE = ("false", "no", "n", "0", "non", "faux", "f", "0.0", "")


def flags(sheet: Sheet, fld: str, *, default: bool = False) -> pd.Series:
    """A yes/no column as bool (true/false, yes/no, 1/0, x, oui/non); empty cells are ``default``.

    Raises:
        ImportProblem: naming the rows that are neither yes nor no.
    """
    if not sheet.has(fld):
        return pd.Series(default, index=sheet.frame.index, dtype="bool")
    s = text(sheet, fld).str.lower()
    yes, no = s.isin(_TRUE), s.isin(_FALSE)
    bad = ~(yes | no)
    if bad.any():
        raise sheet.problem(fld, Message("import.not_yes_no"), bad, Message("import.hint.yes_no"))
    return (yes | ((s == "") & default)).astype("bool")


def choices(sheet: Sheet, fld: str, aliases: Mapping[str, str] | None = None, default: str = "") -> pd.Series:
    """A category column in lower case with known synonyms mapped (membership is checked by pandera)."""
    s = text(sheet, fld).str.lower().str.replace(r"\s+", " ", regex=True)
    if aliases:
        s = s.replace(dict(aliases))
    return s.mask(s == "", default) if default else s
