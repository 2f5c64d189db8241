"""Numbers and dates in each language (rlff.i18n.formats): Babel's CLDR data, RLFF's typography."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlff import i18n
from rlff.i18n import (
    MINUS,
    NNBSP,
    fmt_date,
    fmt_day_short,
    fmt_duration_minutes,
    fmt_eur,
    fmt_float,
    fmt_int,
    fmt_month,
    fmt_month_short,
    fmt_pct,
    fmt_signed,
    labelled,
)

ROOT = Path(__file__).resolve().parent.parent

# Written out by hand (not from any library): what a French reader expects.
MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS_FR_SHORT = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()
MONTHS_EN = "January February March April May June July August September October November December".split()


def _python(value: float, lang: str, digits: int) -> str:
    """An independent writer: Python's own format, separators swapped, true minus, no '-0'."""
    text = f"{abs(value):,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return (MINUS + text) if value < 0 and text.strip("0,." + NNBSP) else text


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (1754, "1,754", f"1{NNBSP}754"),
        (9540, "9,540", f"9{NNBSP}540"),
        (1234567, "1,234,567", f"1{NNBSP}234{NNBSP}567"),
        (12, "12", "12"),
        (-3000, f"{MINUS}3,000", f"{MINUS}3{NNBSP}000"),
    ],
)
def test_whole_numbers_use_the_languages_thousands_separator_and_a_true_minus(value, en, fr):
    assert fmt_int(value, "en") == en
    assert fmt_int(value, "fr") == fr


@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    digits=st.integers(min_value=0, max_value=3),
    lang=st.sampled_from(["en", "fr"]),
)
def test_babel_writes_every_number_as_python_would_with_the_languages_separators(value, digits, lang):
    assert fmt_float(value, lang, digits) == _python(value, lang, digits)


def test_ties_round_to_even_on_the_floats_exact_value_like_python():
    assert fmt_float(2.675, "en", 2) == "2.67"  # 2.675 is 2.67499999… in binary
    assert fmt_float(1754.25, "fr", 1) == f"1{NNBSP}754,2"
    assert fmt_int(2.5, "en") == "2"
    assert fmt_int(3.5, "en") == "4"


def test_a_value_that_rounds_to_zero_has_no_sign():
    assert fmt_float(-0.04, "fr", 1) == "0,0"
    assert fmt_pct(-0.0004, "en", 0, signed=True) == "+0%"
    assert fmt_eur(-0.4, "en") == "€0"


def test_percentages_follow_each_languages_typography():
    assert fmt_pct(0.412, "en") == "41.2%"
    assert fmt_pct(0.412, "fr") == f"41,2{NNBSP}%"
    assert fmt_pct(-0.81, "en", 0, signed=True) == f"{MINUS}81%"
    assert fmt_pct(-0.81, "fr", 0, signed=True) == f"{MINUS}81{NNBSP}%"
    assert fmt_pct(0.067, "fr", 1, signed=True) == f"+6,7{NNBSP}%"


def test_euros_go_before_in_english_and_after_in_french():
    assert fmt_eur(4741.67, "en") == "€4,742"
    assert fmt_eur(4741.67, "fr") == f"4{NNBSP}742{NNBSP}€"
    assert fmt_eur(-120, "en") == f"{MINUS}€120"
    assert fmt_eur(-120, "fr") == f"{MINUS}120{NNBSP}€"


def test_signed_deltas():
    assert fmt_signed(1026, "fr") == f"+1{NNBSP}026"
    assert fmt_signed(-1026, "en") == f"{MINUS}1,026"


def test_decimals_use_a_comma_in_french():
    assert fmt_float(1754.25, "en", 2) == "1,754.25"
    assert fmt_float(1754.25, "fr", 2) == f"1{NNBSP}754,25"


@pytest.mark.parametrize(
    ("minutes", "en", "fr"),
    [
        (0.5, f"<{NNBSP}1{NNBSP}min", f"<{NNBSP}1{NNBSP}min"),
        (2.4, f"2{NNBSP}min", f"2{NNBSP}min"),
        (150, f"2.5{NNBSP}h", f"2,5{NNBSP}h"),
        (26 * 60, f"26{NNBSP}h", f"26{NNBSP}h"),
        (2000 * 60, f"2,000{NNBSP}h", f"2{NNBSP}000{NNBSP}h"),
    ],
)
def test_waits_are_written_in_minutes_or_hours(minutes, en, fr):
    assert fmt_duration_minutes(minutes, "en") == en
    assert fmt_duration_minutes(minutes, "fr") == fr


def test_a_number_the_data_cannot_give_is_a_dash_not_zero():
    for fmt in (fmt_int, fmt_float, fmt_pct, fmt_eur, fmt_duration_minutes, fmt_signed):
        assert fmt(None, "fr") == i18n.MISSING
        assert fmt(float("nan"), "en") == i18n.MISSING


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names_come_from_cldr_not_from_the_machines_locale(month, monkeypatch):
    # strftime would follow LC_TIME; Babel does not look at it.
    monkeypatch.setenv("LC_ALL", "C")
    day = dt.date(2026, month, 1)
    assert fmt_month(day, "en") == f"{MONTHS_EN[month - 1]} 2026"
    assert fmt_month(day, "fr") == f"{MONTHS_FR[month - 1]} 2026"
    assert fmt_month_short(day, "en") == f"{MONTHS_EN[month - 1][:3]} 2026"
    assert fmt_month_short(day, "fr") == f"{MONTHS_FR_SHORT[month - 1]} 2026"


def test_days_are_iso_in_english_and_day_first_in_french():
    assert fmt_date("2026-01-05", "en") == "2026-01-05"
    assert fmt_date("2026-01-05", "fr") == "05/01/2026"
    assert fmt_day_short("2026-01-05 14:30", "en") == "Jan 05"
    assert fmt_day_short("2026-01-05 14:30", "fr") == "05/01"


def test_a_label_and_its_value_take_a_narrow_space_before_the_colon_in_french():
    assert labelled("Engagement rate", "4.1%", "en") == "Engagement rate: 4.1%"
    assert labelled("Taux", "4,1 %", "fr") == f"Taux{NNBSP}: 4,1 %"


def test_an_unknown_language_is_written_as_english():
    assert fmt_int(1754, "de") == "1,754"
    assert fmt_month("2026-01-01", "de") == "January 2026"


def test_plotly_separators_match_the_number_formats():
    for lang in i18n.LANGS:
        decimal, group = i18n.plotly_separators(lang)
        assert fmt_float(1234.5, lang) == f"1{group}234{decimal}5"


# Locale choices live in rlff/i18n/formats.py alone: nowhere else tests the language by hand
# or writes a date with strftime (whose month names depend on the machine's locale).
_CHOOSES_BY_HAND = re.compile(r"""lang\s*[!=]=\s*["']fr["']|["']fr["']\s*[!=]=|\.strftime\(""")
# Machine formats, not reading: ISO dates in CSV files and file names. providers.py picks
# the Faker text pool of a language (what is written, not how numbers and dates look).
_ALLOWED = {"rlff/io/tables.py", "rlff/simulation/providers.py"}


def test_no_module_but_formats_chooses_a_format_by_language():
    offenders = []
    for folder in ("rlff", "rlff_app"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "rlff/i18n/formats.py" or rel in _ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _CHOOSES_BY_HAND.search(line):
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []
