"""The dashboard in streamlit's AppTest: every view renders, tiles equal rlff.metrics, knobs and URL work."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rlff import metrics
from rlff.i18n import fmt_int, t
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from rlff_app.sidebar import group_key

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = {"boss": "rlff_app/views/boss.py", "reality": "rlff_app/views/reality.py", "side": "rlff_app/views/side.py"}
TILES = ("retweets", "likes", "friends", "fans")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _open_group(at: AppTest, group: str) -> AppTest:
    """Open a sidebar group, as a click on its header does (its widgets are drawn only while open)."""
    at.session_state[group_key(group)] = True
    return at.run()


def _tile_values(at: AppTest) -> list[str]:
    return [m.value for m in at.metric][:4]


def _shown(markdown: str) -> str:
    """What an escaped Markdown text (rlff_app.show.plain_md) shows: its backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("view", list(PAGES))
def test_every_view_renders_without_exception(view, lang):
    at = _app(lang=lang)
    if view != "boss":
        at.switch_page(PAGES[view]).run()
    assert not at.exception
    assert not at.error
    assert at.title
    assert len(at.get("plotly_chart")) >= 3
    # Every chart comes with its one-line caption.
    assert len(at.caption) >= len(at.get("plotly_chart"))


def test_tiles_equal_rlff_metrics_for_the_default_scenario():
    at = _app()
    kpis = metrics.vanity_kpis(simulate(DEFAULT, 0))
    assert _tile_values(at) == [fmt_int(getattr(kpis, k), "en") for k in TILES]
    assert _tile_values(at)[:2] == ["1,754", "9,540"]
    assert [m.label for m in at.metric][:4] == ["Retweets", "Likes", "Friends", "Fans"]


def test_a_knob_change_moves_the_tiles_to_the_new_scenarios_metrics():
    at = _open_group(_app(), "audience")
    before = _tile_values(at)
    at.slider(key="scenario.ring_size").set_value(40).run()
    assert not at.exception
    kpis = metrics.vanity_kpis(simulate(DEFAULT.replace(ring_size=40), 0))
    assert _tile_values(at) == [fmt_int(getattr(kpis, k), "en") for k in TILES]
    assert _tile_values(at)[0] != before[0]
    assert at.query_params["ring_size"] == "40"


def test_the_groups_start_closed_and_draw_only_the_language():
    at = _app()
    assert [r.key for r in at.sidebar.radio] == ["scenario.lang"]
    assert not at.sidebar.slider and not at.sidebar.date_input and not at.sidebar.number_input
    assert len(at.sidebar.expander) == 5
    _open_group(at, "customers")
    assert {w.key for w in at.sidebar.slider} == {"scenario.crisis_day"}
    assert at.sidebar.checkbox(key="scenario.crisis").value is DEFAULT.crisis


def test_a_closed_group_keeps_its_knobs():
    at = _open_group(_app(), "audience")
    at.slider(key="scenario.ring_size").set_value(40).run()
    at.session_state[group_key("audience")] = False
    at.run()  # the group closed: its sliders are not drawn
    assert not at.sidebar.slider
    expected = metrics.vanity_kpis(simulate(DEFAULT.replace(ring_size=40), 0))
    assert _tile_values(at) == [fmt_int(getattr(expected, k), "en") for k in TILES]
    at.run()  # and stay as they were over further runs
    assert at.query_params["ring_size"] == "40"
    assert _open_group(at, "audience").slider(key="scenario.ring_size").value == 40


def test_the_url_query_sets_the_language_and_the_knobs():
    at = _app(lang="fr", ring_size="40", seed="3")
    assert not at.exception
    assert at.title[0].value.startswith("Rapport mensuel")
    assert at.slider(key="scenario.ring_size").value == 40
    kpis = metrics.vanity_kpis(simulate(DEFAULT.replace(lang="fr", ring_size=40), 3))
    assert _tile_values(at) == [fmt_int(getattr(kpis, k), "fr") for k in TILES]
    assert "\u202f" in _tile_values(at)[1]  # French thousands separator


def test_lang_fr_alone_opens_the_reality_check_in_french():
    at = _app(lang="fr")
    at.switch_page(PAGES["reality"]).run()
    assert at.title[0].value.startswith("Retour au réel")
    assert [m.label for m in at.metric][0] == t("tile.reply_rate", "fr") == "Messages avec réponse"


def test_switching_the_language_radio_translates_the_page_and_the_url():
    at = _app()
    at.radio(key="scenario.lang").set_value("fr").run()
    assert at.title[0].value.startswith("Rapport mensuel")
    assert at.query_params["lang"] == "fr"


def test_an_impossible_period_shows_a_clear_message_not_a_traceback():
    at = _open_group(_app(), "general")
    at.date_input(key="scenario.end").set_value(date(2025, 9, 1)).run()
    assert not at.exception
    assert len(at.error) == 1
    assert "before it starts" in at.error[0].value
    assert not at.get("plotly_chart")


def test_a_bad_url_value_is_ignored_with_a_warning():
    at = _app(seed="banana")
    assert not at.exception
    assert any("seed=banana" in _shown(w.value) for w in at.warning)
    assert _tile_values(at)[:2] == ["1,754", "9,540"]


def test_the_reset_button_brings_back_the_articles_scenario():
    at = _app(ring_size="40", lang="fr")
    at.button(key="scenario.reset").click().run()
    assert at.slider(key="scenario.ring_size").value == DEFAULT.ring_size
    assert _tile_values(at)[:2] == ["1\u202f754", "9\u202f540"]
    assert dict(at.query_params) == {"lang": "fr"}


def test_no_pages_folder_sits_next_to_an_entry_script():
    # streamlit runs a `pages/` folder next to the main script as an old-style multipage
    # app, without the entry script: `rlff dashboard` (rlff_app/main.py) would break.
    root = Path(__file__).resolve().parent.parent
    assert not (root / "pages").exists()
    assert not (root / "rlff_app" / "pages").is_dir()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tile_labels_fit_their_tiles(lang):
    # The side-by-side view puts two tiles in half a page (~200 px of 14 px text) and the
    # Big Boss view four in a row: a longer label is cut with "…" (seen: "Friends (abonn…").
    keys = ["retweets", "likes", "friends", "fans", "reply_rate", "complaint_wait", "backlog", "roi"]
    keys += ["bought_share", "strategy_adherence"]
    long = [t(f"tile.{k}", lang) for k in keys if len(t(f"tile.{k}", lang)) > 24]
    assert not long
