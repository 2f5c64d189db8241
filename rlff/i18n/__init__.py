"""English and French: every string the dashboard, the charts and the deck show, and number formats.

The strings live in gettext catalogs, ``locales/<lang>/LC_MESSAGES/rlff.po`` (the message id is
the key, e.g. ``page.reality``), compiled to ``.mo`` by ``scripts/compile_catalogs.py``.

``t(key, lang)`` looks a string up (a missing French string falls back to English, a
missing key returns the key itself, so a typo shows instead of crashing a deck);
``name(group, value, lang)`` translates a category of the data (message kinds,
engagement sources, platforms, activities, formats, cost categories, events);
the ``fmt_*`` helpers write numbers the way each language does:

* English: ``1,754`` · ``41.2%`` · ``€4,742`` · ``26 h``
* French: ``1 754`` · ``41,2 %`` · ``4 742 €`` · ``26 h`` — every space a narrow
  no-break space (U+202F, :data:`NNBSP`), so a number never breaks across lines.

Pure: no streamlit, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from rlff.i18n.catalogs import load_strings

LANGS: tuple[str, ...] = ("en", "fr")
DEFAULT_LANG = "en"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before %, €, h
MISSING = "—"  # what a number the data cannot give looks like

_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# key -> {lang: text}, from the gettext catalogs in locales/ (see rlff.i18n.catalogs).
# Texts may hold str.format placeholders such as {month}.
STRINGS: dict[str, dict[str, str]] = load_strings(LANGS)


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Falls back to English when the language lacks the key, and to the key itself when
    no language has it.

    Example:
        >>> t("page.reality", "fr")
        'Retour au réel'
    """
    texts = STRINGS.get(key)
    if texts is None:
        text = key
    else:
        text = texts.get(lang) or texts[DEFAULT_LANG]
    return text.format(**values) if values else text


def name(group: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a category of the data, e.g. ``name("message_kind", "complaint", "fr")``.

    Groups: ``message_kind``, ``source``, ``platform``, ``activity``, ``format``, ``cost``,
    ``event``, ``target``, ``component``. Unknown values (an imported platform, say) are
    shown as they are.
    """
    key = f"{group}.{value}"
    return t(key, lang) if key in STRINGS else str(value)


def names(group: str, values: object, lang: str = DEFAULT_LANG) -> list[str]:
    """:func:`name` over an iterable of values."""
    return [name(group, str(v), lang) for v in values]  # type: ignore[attr-defined]


# --- numbers ---------------------------------------------------------------------------------


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _group(text: str, lang: str) -> str:
    """Turn Python's ``1,754.5`` into the language's ``1,754.5`` / ``1 754,5``."""
    if lang == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text


def fmt_int(n: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """A whole number with the language's thousands separator: ``1,754`` / ``1 754`` (U+202F)."""
    if _missing(n):
        return MISSING
    return _group(f"{int(round(float(n))):,}", lang)  # type: ignore[arg-type]


def fmt_float(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A decimal number: ``1,754.5`` / ``1 754,5``."""
    if _missing(x):
        return MISSING
    return _group(f"{float(x):,.{digits}f}", lang)  # type: ignore[arg-type]


def fmt_signed(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """A number with its sign, for deltas: ``+1,026`` / ``+1 026`` (an ASCII ``-`` so widgets colour it red)."""
    if _missing(x):
        return MISSING
    return _group(f"{float(x):+,.{digits}f}", lang)  # type: ignore[arg-type]


def fmt_pct(x: float | None, lang: str = DEFAULT_LANG, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.412 → ``41.2%`` / ``41,2 %`` (U+202F before %)."""
    if _missing(x):
        return MISSING
    sign = "+" if signed else ""
    text = _group(f"{100 * float(x):{sign},.{digits}f}", lang)  # type: ignore[arg-type]
    return f"{text}{NNBSP}%" if lang == "fr" else f"{text}%"


def fmt_eur(x: float | None, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """Euros: ``€4,742`` / ``4 742 €`` (negative: ``-€120`` / ``-120 €``)."""
    if _missing(x):
        return MISSING
    value = float(x)  # type: ignore[arg-type]
    body = _group(f"{abs(value):,.{digits}f}", lang)
    sign = "-" if value < 0 and round(abs(value), digits) != 0 else ""
    return f"{sign}{body}{NNBSP}€" if lang == "fr" else f"{sign}€{body}"


def fmt_duration_minutes(minutes: float | None, lang: str = DEFAULT_LANG) -> str:
    """A wait in minutes, human-sized: ``2 min``, ``2.5 h`` / ``2,5 h``, ``26 h``."""
    if _missing(minutes):
        return MISSING
    m = float(minutes)  # type: ignore[arg-type]
    if m < 1:
        return f"<{NNBSP}1{NNBSP}min"
    if m < 59.5:
        return f"{int(round(m))}{NNBSP}min"
    hours = m / 60
    if hours < 9.95:
        return f"{fmt_float(hours, lang, 1)}{NNBSP}h"
    return f"{fmt_int(hours, lang)}{NNBSP}h"


def fmt_hours(hours: float | None, lang: str = DEFAULT_LANG) -> str:
    """Hours of work: ``41.7 h`` / ``41,7 h``."""
    if _missing(hours):
        return MISSING
    return f"{fmt_float(hours, lang, 1)}{NNBSP}h"


def fmt_month(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for a title: ``January 2026`` / ``janvier 2026``."""
    ts = pd.Timestamp(month)  # type: ignore[arg-type]
    if lang == "fr":
        return f"{_MONTHS_FR[ts.month - 1]} {ts.year}"
    return ts.strftime("%B %Y")


_MONTHS_FR_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def fmt_month_short(month: object, lang: str = DEFAULT_LANG) -> str:
    """A month for an axis: ``Jan 2026`` / ``janv. 2026``."""
    ts = pd.Timestamp(month)  # type: ignore[arg-type]
    if lang == "fr":
        return f"{_MONTHS_FR_SHORT[ts.month - 1]} {ts.year}"
    return ts.strftime("%b %Y")


def fmt_date(day: object, lang: str = DEFAULT_LANG) -> str:
    """A day: ``2026-01-12`` / ``12/01/2026``."""
    ts = pd.Timestamp(day)  # type: ignore[arg-type]
    return ts.strftime("%d/%m/%Y") if lang == "fr" else ts.strftime("%Y-%m-%d")


def plotly_separators(lang: str = DEFAULT_LANG) -> str:
    """The ``layout.separators`` string plotly needs: decimal mark then thousands separator."""
    return f",{NNBSP}" if lang == "fr" else ".,"


def plotly_date_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for hover labels (numeric in French: plotly's month names are English)."""
    return "%d/%m/%Y" if lang == "fr" else "%Y-%m-%d"


def plotly_tick_format(lang: str = DEFAULT_LANG) -> str:
    """d3 date format for the ticks of a daily axis."""
    return "%d/%m" if lang == "fr" else "%b %d"


def check_lang(lang: str) -> str:
    """``lang`` if supported, else :data:`DEFAULT_LANG`."""
    return lang if lang in LANGS else DEFAULT_LANG


def missing_keys(strings: Mapping[str, Mapping[str, str]] = STRINGS) -> dict[str, list[str]]:
    """Keys lacking a non-empty text, per language (what the unit test checks is empty)."""
    return {lang: sorted(k for k, v in strings.items() if not v.get(lang)) for lang in LANGS}


def is_finite(x: object) -> bool:
    """True for a real, finite number (not None, NaN or inf)."""
    try:
        return x is not None and math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
