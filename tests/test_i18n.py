"""English and French strings and number formats (rlff.i18n)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from rlff import i18n
from rlff.charts import CHART_KEYS
from rlff.i18n import NNBSP, fmt_duration_minutes, fmt_eur, fmt_float, fmt_int, fmt_month, fmt_pct, name, t
from rlff.i18n.catalogs import catalog_path
from rlff.schema import (
    ACTIVITIES,
    COST_CATEGORIES,
    ENGAGEMENT_SOURCES,
    EVENT_KINDS,
    MESSAGE_KINDS,
    PLATFORMS,
    POST_FORMATS,
)
from rlff_app.query import KNOBS, REPLY_POLICIES

ROOT = Path(__file__).resolve().parent.parent


def _placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_a_text_in_english_and_in_french():
    assert i18n.missing_keys() == {"en": [], "fr": []}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_use_the_same_placeholders(key):
    texts = i18n.STRINGS[key]
    assert _placeholders(texts["en"]) == _placeholders(texts["fr"])


def test_a_key_missing_in_french_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "test.only_english", {"en": "Only in English"})
    assert t("test.only_english", "fr") == "Only in English"


def test_an_unknown_key_shows_itself_instead_of_crashing():
    assert t("no.such.key", "fr") == "no.such.key"


def test_placeholders_are_filled():
    assert t("chart.vanity_index.title", "fr", index="68") == "Indice de vanité\u202f: 68 / 100"


@pytest.mark.parametrize(
    ("group", "values"),
    [
        ("message_kind", MESSAGE_KINDS),
        ("source", ENGAGEMENT_SOURCES),
        ("platform", PLATFORMS),
        ("activity", ACTIVITIES),
        ("format", POST_FORMATS),
        ("cost", COST_CATEGORIES),
        ("event", EVENT_KINDS),
        ("target", ("cm", "brand")),
    ],
)
def test_every_category_of_the_schema_has_a_name_in_both_languages(group, values):
    for value in values:
        assert f"{group}.{value}" in i18n.STRINGS


def test_an_unknown_category_value_is_shown_as_it_is():
    assert name("platform", "mastodon", "fr") == "mastodon"
    assert name("message_kind", "complaint", "fr") == "Réclamation"


def test_every_chart_has_a_title_and_a_caption():
    for key in CHART_KEYS:
        assert f"chart.{key}.title" in i18n.STRINGS
        assert f"chart.{key}.caption" in i18n.STRINGS


def test_every_sidebar_knob_and_reply_policy_has_a_label():
    for knob in KNOBS:
        assert f"knob.{knob.name}" in i18n.STRINGS
    for policy in REPLY_POLICIES:
        assert f"policy.{policy}" in i18n.STRINGS


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (1754, "1,754", f"1{NNBSP}754"),
        (9540, "9,540", f"9{NNBSP}540"),
        (1234567, "1,234,567", f"1{NNBSP}234{NNBSP}567"),
        (12, "12", "12"),
        (-3000, "-3,000", f"-3{NNBSP}000"),
    ],
)
def test_whole_numbers_use_the_languages_thousands_separator(value, en, fr):
    assert fmt_int(value, "en") == en
    assert fmt_int(value, "fr") == fr


def test_decimals_use_a_comma_in_french():
    assert fmt_float(1754.25, "en", 2) == "1,754.25"
    assert fmt_float(1754.25, "fr", 2) == f"1{NNBSP}754,25"


def test_percentages_follow_french_typography():
    assert fmt_pct(0.412, "en") == "41.2%"
    assert fmt_pct(0.412, "fr") == f"41,2{NNBSP}%"
    assert fmt_pct(-0.81, "en", 0, signed=True) == "-81%"
    assert fmt_pct(0.067, "fr", 1, signed=True) == f"+6,7{NNBSP}%"


def test_euros_go_before_in_english_and_after_in_french():
    assert fmt_eur(4741.67, "en") == "€4,742"
    assert fmt_eur(4741.67, "fr") == f"4{NNBSP}742{NNBSP}€"
    assert fmt_eur(-120, "en") == "-€120"


@pytest.mark.parametrize(
    ("minutes", "en", "fr"),
    [
        (0.5, f"<{NNBSP}1{NNBSP}min", f"<{NNBSP}1{NNBSP}min"),
        (2.4, f"2{NNBSP}min", f"2{NNBSP}min"),
        (150, f"2.5{NNBSP}h", f"2,5{NNBSP}h"),
        (26 * 60, f"26{NNBSP}h", f"26{NNBSP}h"),
    ],
)
def test_waits_are_written_in_minutes_or_hours(minutes, en, fr):
    assert fmt_duration_minutes(minutes, "en") == en
    assert fmt_duration_minutes(minutes, "fr") == fr


def test_a_number_the_data_cannot_give_is_a_dash_not_zero():
    for fmt in (fmt_int, fmt_float, fmt_pct, fmt_eur, fmt_duration_minutes):
        assert fmt(None, "fr") == i18n.MISSING
        assert fmt(float("nan"), "en") == i18n.MISSING


def test_months_are_written_in_the_language():
    assert fmt_month("2026-01-01", "en") == "January 2026"
    assert fmt_month("2026-01-01", "fr") == "janvier 2026"


def test_plotly_separators_match_the_number_formats():
    assert i18n.plotly_separators("en") == ".,"
    assert i18n.plotly_separators("fr") == f",{NNBSP}"


def test_every_compiled_catalog_matches_its_po_file():
    import importlib.util

    spec = importlib.util.spec_from_file_location("compile_catalogs", ROOT / "scripts" / "compile_catalogs.py")
    assert spec is not None and spec.loader is not None
    compile_catalogs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compile_catalogs)
    for lang in i18n.LANGS:
        po, mo = catalog_path(lang, ".po"), catalog_path(lang)
        assert mo.read_bytes() == compile_catalogs.compiled(po), f"{mo} is stale: run scripts/compile_catalogs.py"


def test_the_catalog_reader_gives_every_french_text_of_the_po_file():
    from babel.messages.pofile import read_po

    with catalog_path("fr", ".po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id and m.string}
    assert po == {k: v["fr"] for k, v in i18n.STRINGS.items() if "fr" in v}
