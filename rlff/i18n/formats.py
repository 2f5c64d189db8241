"""Every choice that depends on the language, in one place: numbers, dates, months, widget formats.

Numbers and dates are written by Babel from the CLDR data of each language, never by
``strftime`` (whose month names follow the machine's C locale). Where CLDR and RLFF's house
style differ, the house style wins and the difference is written here:

* French puts a narrow no-break space (U+202F, :data:`NNBSP`) before ``%``, ``€``, ``h`` and
  ``:``; CLDR puts a no-break space (U+00A0) before ``%`` and ``€``. Babel writes the number,
  RLFF adds the unit.
* Negative numbers carry the true minus sign (U+2212, :data:`MINUS`) in both languages,
  where CLDR's English and French use the hyphen-minus.

* English: ``1,754`` · ``41.2%`` · ``€4,742`` · ``−81%`` · ``January 2026``
* French: ``1 754`` · ``41,2 %`` · ``4 742 €`` · ``−81 %`` · ``janvier 2026``

Any other module that must choose by language asks a function of this module instead of
testing ``lang == "fr"`` itself. Pure: no streamlit, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, parse_pattern

DEFAULT_LANG = "en"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before %, €, h, :
MINUS = "\u2212"  # the true minus sign, for negative numbers in both languages
MISSING = "—"  # what a number the data cannot give looks like


@dataclass(frozen=True)
class Style:
    """How one language writes numbers and dates (CLDR patterns, d3 and moment.js formats).

    Attributes:
        locale: The Babel locale (``"en"``, ``"fr"``).
        unit_space: What goes between a number and ``%`` or ``€`` (nothing, or U+202F).
        euro_first: ``€4,742`` (True) or ``4 742 €`` (False).
        colon: What separates a label from its value: ``": "`` or U+202F + ``": "``.
        day: CLDR pattern of a day in a table: ``2026-01-12`` / ``12/01/2026``.
        day_short: CLDR pattern of a day without its year: ``Jan 05`` / ``05/01``.
        month: CLDR pattern of a month in a title: ``January 2026`` / ``janvier 2026``.
        month_short: CLDR pattern of a month on an axis: ``Jan 2026`` / ``janv. 2026``.
        plotly_separators: plotly's ``layout.separators``: decimal mark, then thousands separator.
        plotly_date: d3 format of a day in hover labels (numeric in French: plotly's month
            names are English only).
        plotly_tick: d3 format of the ticks of a daily axis.
        widget_date: moment.js format of Streamlit's date input.
        widget_datetime: moment.js format of a Streamlit datetime column.
        quotes: How a value from a file is quoted in a message: ``'x'`` (Python's repr, as
            the English messages always did) or ``« x »`` (U+202F inside the guillemets).
        office_number: Number format of a native deck chart (Office codes). ``[$-40C]``
            asks for French separators and month names (LibreOffice shows ``18 000``).
        office_percent: The same for shares: ``50 %`` and ``−50 %`` in French.
        office_month: Format of a monthly category axis: ``Oct 2025`` / ``oct. 2025``.
    """

    locale: str
    unit_space: str
    euro_first: bool
    colon: str
    day: str
    day_short: str
    month: str
    month_short: str
    plotly_separators: str
    plotly_date: str
    plotly_tick: str
    widget_date: str
    widget_datetime: str
    quotes: str
    office_number: str
    office_percent: str
    office_month: str


STYLES: dict[str, Style] = {
    "en": Style(
        locale="en",
        unit_space="",
        euro_first=True,
        colon=": ",
        day="yyyy-MM-dd",
        day_short="MMM dd",
        month="LLLL y",
        month_short="LLL y",
        plotly_separators=".,",
        plotly_date="%Y-%m-%d",
        plotly_tick="%b %d",
        widget_date="YYYY-MM-DD",
        widget_datetime="YYYY-MM-DD HH:mm",
        quotes="repr",
        office_number=f"#,##0;{MINUS}#,##0",
        office_percent=f"0%;{MINUS}0%",
        office_month="mmm yyyy",
    ),
    "fr": Style(
        locale="fr",
        unit_space=NNBSP,
        euro_first=False,
        colon=f"{NNBSP}: ",
        day="dd/MM/yyyy",
        day_short="dd/MM",
        month="LLLL y",
        month_short="LLL y",
        plotly_separators=f",{NNBSP}",
        plotly_date="%d/%m/%Y",
        plotly_tick="%d/%m",
        widget_date="DD/MM/YYYY",
        widget_datetime="DD/MM/YYYY HH:mm",
        quotes=f"«{NNBSP}{{}}{NNBSP}»",
        office_number=f"[$-40C]#,##0;[$-40C]{MINUS}#,##0",
        office_percent=f"[$-40C]0{NNBSP}%;[$-40C]{MINUS}0{NNBSP}%",
        office_month="[$-40C]mmm yyyy",
    ),
}


def style(lang: str) -> Style:
    """The :class:`Style` of ``lang`` (English for a language RLFF does not have)."""
    return STYLES.get(lang) or STYLES[DEFAULT_LANG]


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(style(lang).locale)


@cache
def _pattern(digits: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * digits if digits > 0 else ""))


def _missing(x: object) -> bool:
    """None, NaN, NaT or pandas' NA: a number the data cannot give."""
    if x is None:
        return True
    if isinstance(x, float | int):
        return x != x  # NaN is the one value unequal to itself
    import pandas as pd  # only for pandas' own missing values; keeps `rlff --help` free of pandas

    try:
        return bool(pd.isna(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@lru_cache(maxsize=8192)  # Babel takes ~35 µs a number; reruns format the same ones again
def _number(value: float, lang: str, digits: int, plus: bool = False) -> str:
    """``value`` rounded to ``digits`` places, with the language's separators and a true minus.

    Babel rounds half to even on the float's exact binary value (``Decimal(value)``), as
    Python's own ``format`` does, so ``2.675`` gives ``2.67`` in both. A value that rounds to
    zero carries no sign.
    """
    exact = Decimal(value)
    body = _pattern(digits).apply(abs(exact), _locale(lang))
    if value < 0 and body.strip("0,.\u202f") != "":
        return MINUS + body
    return "+" + body if plus else body


def fmt_int(n: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """A whole number with the language's thousands separator: ``1,754`` / ``1 754`` (U+202F)."""
    if _missing(n):
        return MISSING
    return _number(round(float(n)), lang, 0)  # type: ignore[arg-type]


def fmt_float(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A decimal number: ``1,754.5`` / ``1 754,5``."""
    if _missing(x):
        return MISSING
    return _number(float(x), lang, digits)  # type: ignore[arg-type]


def fmt_signed(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """A number with its sign, for deltas: ``+1,026`` / ``+1 026`` / ``−1,026`` (U+2212)."""
    if _missing(x):
        return MISSING
    return _number(float(x), lang, digits, plus=True)  # type: ignore[arg-type]


def fmt_pct(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.412 → ``41.2%`` / ``41,2 %`` (U+202F before %)."""
    if _missing(x):
        return MISSING
    text = _number(100 * float(x), lang, digits, plus=signed)  # type: ignore[arg-type]
    return f"{text}{style(lang).unit_space}%"


def fmt_eur(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """Euros: ``€4,742`` / ``4 742 €`` (negative: ``−€120`` / ``−120 €``)."""
    if _missing(x):
        return MISSING
    text = _number(float(x), lang, digits)  # type: ignore[arg-type]
    s = style(lang)
    if not s.euro_first:
        return f"{text}{s.unit_space}€"
    sign = MINUS if text.startswith(MINUS) else ""
    return f"{sign}€{text.removeprefix(MINUS)}"


def fmt_duration_minutes(minutes: float | None, lang: str = DEFAULT_LANG) -> str:
    """A wait in minutes, human-sized: ``2 min``, ``2.5 h`` / ``2,5 h``, ``26 h``."""
    if _missing(minutes):
        return MISSING
    m = float(minutes)  # type: ignore[arg-type]
    if m < 1:
        return f"<{NNBSP}1{NNBSP}min"
    if m < 59.5:
        return f"{fmt_int(m, lang)}{NNBSP}min"
    hours = m / 60
    if hours < 9.95:
        return f"{fmt_float(hours, lang, 1)}{NNBSP}h"
    return f"{fmt_int(hours, lang)}{NNBSP}h"


def fmt_hours(hours: float | None, lang: str = DEFAULT_LANG) -> str:
    """Hours of work: ``41.7 h`` / ``41,7 h``."""
    if _missing(hours):
        return MISSING
    return f"{fmt_float(hours, lang, 1)}{NNBSP}h"


# --- dates -----------------------------------------------------------------------------------


def day_of(value: object) -> dt.date:
    """The calendar day of a date, datetime, pandas Timestamp or ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    import pandas as pd  # strings, numpy datetimes: pandas reads them all

    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def fmt_month(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for a title: ``January 2026`` / ``janvier 2026``."""
    return _babel_date(day_of(month), style(lang).month, locale=_locale(lang))


def fmt_month_short(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for an axis: ``Jan 2026`` / ``janv. 2026``."""
    return _babel_date(day_of(month), style(lang).month_short, locale=_locale(lang))


def fmt_date(day: object, lang: str = DEFAULT_LANG) -> str:
    """A day: ``2026-01-12`` / ``12/01/2026``."""
    return _babel_date(day_of(day), style(lang).day, locale=_locale(lang))


def fmt_day_long(day: object, lang: str = DEFAULT_LANG) -> str:
    """A day in a sentence: ``January 26, 2026`` / ``26 janvier 2026`` (CLDR's long date)."""
    return _babel_date(day_of(day), "long", locale=_locale(lang))


def fmt_day_short(day: object, lang: str = DEFAULT_LANG) -> str:
    """A day of the reported month, in a table: ``Jan 05`` / ``05/01``."""
    return _babel_date(day_of(day), style(lang).day_short, locale=_locale(lang))


def labelled(label: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """``Engagement rate: 4.1%`` / ``Taux d'engagement : 4,1 %`` (U+202F before the colon)."""
    return f"{label}{style(lang).colon}{value}"


def office_number_format(lang: str = DEFAULT_LANG, *, percent: bool = False, decimals: int = 0) -> str:
    """Number format of a native PowerPoint chart's values (shares when ``percent``)."""
    st = style(lang)
    code = st.office_percent if percent else st.office_number
    return code.replace("##0", "##0." + "0" * decimals) if decimals and not percent else code


def office_month_format(lang: str = DEFAULT_LANG) -> str:
    """Number format of a native PowerPoint chart's monthly category axis."""
    return style(lang).office_month


def plotly_separators(lang: str = DEFAULT_LANG) -> str:
    """The ``layout.separators`` string plotly needs: decimal mark then thousands separator."""
    return style(lang).plotly_separators


def plotly_date_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for hover labels (numeric in French: plotly's month names are English)."""
    return style(lang).plotly_date


def plotly_tick_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for the ticks of a daily axis."""
    return style(lang).plotly_tick


def widget_date_format(lang: str = DEFAULT_LANG) -> str:
    """moment.js format of Streamlit's ``st.date_input``: ``YYYY-MM-DD`` / ``DD/MM/YYYY``."""
    return style(lang).widget_date


def widget_datetime_format(lang: str = DEFAULT_LANG) -> str:
    """moment.js format of a Streamlit ``DatetimeColumn``: ``YYYY-MM-DD HH:mm`` / ``DD/MM/YYYY HH:mm``."""
    return style(lang).widget_datetime


def quoted(value: str, lang: str = DEFAULT_LANG) -> str:
    """A value from a file, quoted for a message: ``'beaucoup'`` / ``« beaucoup »``."""
    quotes = style(lang).quotes
    return repr(value) if quotes == "repr" else quotes.format(value)


# POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
LOCALE_VARIABLES: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_of(environ: Mapping[str, str]) -> str:
    """The language a terminal asks for: ``fr`` for ``LANG=fr_FR.UTF-8``, else English.

    The first of LC_ALL, LC_MESSAGES, LANG that is set decides (``C`` and ``POSIX`` mean
    English); a language RLFF does not have falls back to English.
    """
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            return code if code in STYLES else DEFAULT_LANG
    return DEFAULT_LANG
