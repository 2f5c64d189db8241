"""English and French strings and number formats (rlff.i18n)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from rlff import i18n
from rlff.charts import CHART_KEYS
from rlff.i18n import name, t
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


# French typography: a narrow no-break space (U+202F) before : ; ! ? % € and », after «;
# never a plain or no-break space there (a line could break before the colon), never nothing.
_LOOSE = re.compile(r"[ \u00a0][:;!?%€»]|«[ \u00a0]")
_TIGHT = re.compile(r"[\w}»)][:;!?](?=\s|$)|«(?!\u202f)|(?<!\u202f)»")


@pytest.mark.parametrize("key", sorted(k for k, v in i18n.STRINGS.items() if "fr" in v))
def test_french_texts_put_a_narrow_no_break_space_before_high_punctuation(key):
    text = i18n.STRINGS[key]["fr"]
    assert not _LOOSE.search(text), repr(text)
    assert not _TIGHT.search(text), repr(text)


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


def test_every_compiled_catalog_matches_its_po_file():
    import importlib.util

    spec = importlib.util.spec_from_file_location("compile_catalogs", ROOT / "scripts" / "compile_catalogs.py")
    assert spec is not None and spec.loader is not None
    compile_catalogs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compile_catalogs)
    for lang in i18n.LANGS:
        po, mo = catalog_path(lang, ".po"), catalog_path(lang)
        # The messages, not the bytes: the header names the Babel that compiled it (the floors run an older one).
        fresh, shipped = _messages(compile_catalogs.compiled(po)), _messages(mo.read_bytes())
        assert shipped == fresh, f"{mo} is stale: run scripts/compile_catalogs.py"
        assert len(fresh) == len(i18n.STRINGS) + 1  # every key, and the header


def _messages(mo: bytes) -> dict[str, object]:
    import io

    from babel.messages.mofile import read_mo

    catalog = read_mo(io.BytesIO(mo))
    texts: dict[str, object] = {m.id: m.string for m in catalog if m.id}  # type: ignore[misc]
    texts[""] = [h for h in catalog.mime_headers if h[0] != "Generated-By"]
    return texts


def test_the_catalog_reader_gives_every_french_text_of_the_po_file():
    from babel.messages.pofile import read_po

    with catalog_path("fr", ".po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id and m.string}
    assert po == {k: v["fr"] for k, v in i18n.STRINGS.items() if "fr" in v}
