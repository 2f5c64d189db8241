"""Cell text to typed values: numbers in any local notation, dates in any order, yes/no, choices.

Each function works on a whole column at once (exports reach 100,000 rows) and raises an
:class:`~rlff.imports.problems.ImportProblem` naming the rows it cannot read. Range and
membership rules (no negative counts, known categories) are pandera's job, in
:mod:`rlff.imports.validate`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .sheet import Sheet

NONE_MARKS = ("", "-", "–", "—")  # exports write "-" where there is nothing to count
_SPACES = r"[\s\u00a0\u202f'’]"  # thousands separators as written by France, Switzerland, ...
_CURRENCY = r"^[€$£]|[€$£]$|(?i:eur)$"
_COMMA_THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
_DOT_THOUSANDS = r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"

NUMBER_HINT = (
    "write plain numbers such as 1234, 1 234 or 1234,5 (no words or units); leave the cell empty or put '-' "
    "when there is nothing to count"
)
DATE_HINT = (
    "write dates as 2026-11-25 or 2026-11-25 14:05 (ISO), or as 25/11/2026 14:05; "
    "a spreadsheet's date format works too"
)


def text(sheet: Sheet, fld: str, default: str = "") -> pd.Series:
    """A text column, stripped, empty cells as ``default`` ('' when the file lacks the column)."""
    if not sheet.has(fld):
        return pd.Series(default, index=sheet.frame.index, dtype="str")
    s = sheet.frame[fld]
    if pd.api.types.is_numeric_dtype(s.dtype):  # an id column the CSV parser read as numbers
        s = s.map(lambda v: "" if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v)))
    s = s.astype("str").fillna("").str.strip()
    return s.mask(s == "", default) if default else s


def numbers(sheet: Sheet, fld: str, *, empty: float | None = 0.0) -> pd.Series:
    """A numeric column as float64: empty or '-' cells become ``empty`` (NaN when None).

    Thousands separators (``15,000``, ``1 234``, ``1.234`` in a decimal-comma file), decimal
    commas and a leading or trailing currency sign are understood.

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
    if sheet.decimal == ",":
        s = s.mask(s.str.contains(_DOT_THOUSANDS, regex=True), s.str.replace(".", "", regex=False))
        s = s.mask(s.str.contains(r",\d*$", regex=True) & s.str.contains(".", regex=False),
                   s.str.replace(".", "", regex=False))
        s = s.str.replace(",", ".", regex=False)
    else:
        s = s.mask(s.str.contains(_COMMA_THOUSANDS, regex=True), s.str.replace(",", "", regex=False))
        # one comma and no dot in a dot-decimal file: a quoted decimal comma ("12,5")
        s = s.mask(s.str.fullmatch(r"[+-]?\d*,\d+"), s.str.replace(",", ".", regex=False))
    values = pd.to_numeric(s.mask(none, None), errors="coerce").astype("float64")
    bad = values.isna() & ~none
    if bad.any():
        raise sheet.problem(fld, "{values} is not a number", bad, NUMBER_HINT)
    return values.fillna(fill)


def dates(sheet: Sheet, fld: str, *, dayfirst: bool | None = None) -> pd.Series:
    """A date or date-time column as naive UTC ``datetime64[us]``; empty cells are NaT.

    Reads ISO dates with or without a UTC offset (``2015-09-30 18:42 +0000``), ``25/11/2026 14:05``
    and ``11/25/2026 2:05 PM`` (the order decided from the whole column, see :func:`_slash_order`),
    and English month names (``Sat, Sep 12, 2026``).

    Raises:
        ImportProblem: naming the rows whose cells are not dates.
    """
    index = sheet.frame.index
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
    if not sheet.has(fld):
        return out
    s = text(sheet, fld)
    todo = ~s.isin(NONE_MARKS)
    iso = todo & s.str.match(r"\d{4}-\d{1,2}-\d{1,2}")
    if iso.any():
        parsed = pd.to_datetime(s[iso], format="ISO8601", utc=True, errors="coerce")
        out[iso] = parsed.dt.tz_localize(None).astype("datetime64[us]")
    slash = todo & ~iso & s.str.match(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
    if slash.any():
        out[slash] = _slash_dates(sheet, fld, s[slash], dayfirst)
    rest = todo & out.isna()
    for fmt in _WORDY_FORMATS:
        if not rest.any():
            break
        parsed = pd.to_datetime(s[rest].str.replace(r"\s+", " ", regex=True), format=fmt, errors="coerce")
        out[rest] = parsed.astype("datetime64[us]")
        rest = todo & out.isna()
    if rest.any():
        raise sheet.problem(fld, "{values} cannot be read as a date", rest, DATE_HINT)
    return out


_WORDY_FORMATS = (
    "%a, %b %d, %Y", "%b %d, %Y", "%B %d, %Y", "%a %b %d %Y", "%d %b %Y", "%d %B %Y",
    "%a, %b %d, %Y %H:%M", "%b %d, %Y %H:%M", "%d %b %Y %H:%M", "%b %d, %Y %I:%M %p",
)
_SLASH = (
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?\s*$"
)


def _slash_dates(sheet: Sheet, fld: str, s: pd.Series, dayfirst: bool | None) -> pd.Series:
    parts = s.str.extract(_SLASH)
    unread = parts[0].isna()
    if unread.any():
        raise sheet.problem(fld, "{values} cannot be read as a date", unread.reindex(sheet.frame.index,
                            fill_value=False), DATE_HINT)
    first, second = parts[0].astype(int), parts[1].astype(int)
    dayfirst = _slash_order(sheet, fld, first, second, dayfirst)
    day, month = (first, second) if dayfirst else (second, first)
    year = parts[2].astype(int)
    year = year.where(year >= 100, year + 2000)
    hour = parts[3].fillna("0").astype(int)
    pm = parts[6].str.lower().eq("pm").fillna(False).astype(bool)
    am = parts[6].str.lower().eq("am").fillna(False).astype(bool)
    hour = hour.where(~(pm & (hour < 12)), hour + 12).where(~(am & (hour == 12)), 0)
    built = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month, "day": day, "hour": hour,
                      "minute": parts[4].fillna("0").astype(int), "second": parts[5].fillna("0").astype(int)}),
        errors="coerce",
    )
    if built.isna().any():
        raise sheet.problem(fld, "{values} is not a real date", built.isna().reindex(sheet.frame.index,
                            fill_value=False), DATE_HINT)
    return built.astype("datetime64[us]")


def _slash_order(sheet: Sheet, fld: str, first: pd.Series, second: pd.Series, dayfirst: bool | None) -> bool:
    """Day or month first? The data decides when it can (a 25 can only be a day), else the file's locale."""
    day_first_seen, month_first_seen = (first > 12), (second > 12)
    if day_first_seen.any() and month_first_seen.any():
        mask = pd.Series(False, index=sheet.frame.index)
        mask[day_first_seen[day_first_seen].index[:1]] = True
        mask[month_first_seen[month_first_seen].index[:1]] = True
        raise sheet.problem(fld, "{values} mix day-first and month-first dates", mask,
                            "write every date the same way, ideally as 2026-11-25")
    if day_first_seen.any():
        return True
    if month_first_seen.any():
        return False
    guess = dayfirst if dayfirst is not None else sheet.decimal == ","
    if (first != second).any():
        order = "day/month" if guess else "month/day"
        sheet.warnings.append(
            f"{sheet.file}: dates in column '{sheet.column_name(fld)}' could be day/month or month/day; "
            f"read as {order}, as this kind of file usually writes them."
        )
    return guess


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
        raise sheet.problem(fld, "{values} is not a yes/no value", bad,
                            "write true or false (yes/no, 1/0 and oui/non work too)")
    return (yes | ((s == "") & default)).astype("bool")


def choices(sheet: Sheet, fld: str, aliases: Mapping[str, str] | None = None, default: str = "") -> pd.Series:
    """A category column in lower case with known synonyms mapped (membership is checked by pandera)."""
    s = text(sheet, fld).str.lower().str.replace(r"\s+", " ", regex=True)
    if aliases:
        s = s.replace(dict(aliases))
    return s.mask(s == "", default) if default else s
