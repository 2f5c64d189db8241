"""English and French: every string the dashboard, the charts and the deck show, and number formats.

The strings live in gettext catalogs, ``locales/<lang>/LC_MESSAGES/rlff.po`` (the message id is
the key, e.g. ``page.reality``), compiled to ``.mo`` by ``scripts/compile_catalogs.py``.

``t(key, lang)`` looks a string up (a missing French string falls back to English, a
missing key returns the key itself, so a typo shows instead of crashing a deck);
``name(group, value, lang)`` translates a category of the data (message kinds,
engagement sources, platforms, activities, formats, cost categories, events);
the ``fmt_*`` helpers, from :mod:`rlff.i18n.formats` (the one module that chooses formats by
language, with Babel), write numbers and dates the way each language does:

* English: ``1,754`` · ``41.2%`` · ``€4,742`` · ``−81%`` · ``26 h``
* French: ``1 754`` · ``41,2 %`` · ``4 742 €`` · ``−81 %`` · ``26 h`` — every space a narrow
  no-break space (U+202F, :data:`NNBSP`), so a number never breaks across lines.

Pure: no streamlit, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from rlff.i18n.catalogs import load_strings
from rlff.i18n.formats import (
    DEFAULT_LANG,
    MINUS,
    MISSING,
    NNBSP,
    fmt_date,
    fmt_day_long,
    fmt_day_short,
    fmt_duration_minutes,
    fmt_eur,
    fmt_float,
    fmt_hours,
    fmt_int,
    fmt_month,
    fmt_month_short,
    fmt_pct,
    fmt_signed,
    labelled,
    language_of,
    office_month_format,
    office_number_format,
    plotly_date_format,
    plotly_separators,
    plotly_tick_format,
    widget_date_format,
    widget_datetime_format,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MINUS",
    "MISSING",
    "NNBSP",
    "STRINGS",
    "check_lang",
    "fmt_date",
    "fmt_day_long",
    "fmt_day_short",
    "fmt_duration_minutes",
    "fmt_eur",
    "fmt_float",
    "fmt_hours",
    "fmt_int",
    "fmt_month",
    "fmt_month_short",
    "fmt_pct",
    "fmt_signed",
    "is_finite",
    "labelled",
    "language_of",
    "missing_keys",
    "name",
    "names",
    "office_month_format",
    "office_number_format",
    "plotly_date_format",
    "plotly_separators",
    "plotly_tick_format",
    "t",
    "widget_date_format",
    "widget_datetime_format",
]

LANGS: tuple[str, ...] = ("en", "fr")

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
