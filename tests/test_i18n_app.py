"""The "Your data" page in French (streamlit's AppTest): errors, notes and kinds in French."""

from __future__ import annotations

import export_samples as S
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_app_upload import APP, BAD, _data_page, _shown, _upload
from test_i18n_imports import _english_left

from rlff.i18n import NNBSP, fmt_int
from rlff.simulation.scenario import DEFAULT
from rlff_app.sidebar import group_key


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_a_bad_upload_is_explained_in_french_and_a_good_one_recognised_in_french():
    at = _upload(_data_page("fr"), BAD)
    assert not at.exception and len(at.error) == 1
    shown = _shown(at.error[0].value)
    assert shown.startswith(f"Non importé. notes.csv{NNBSP}: RLFF ne reconnaît pas ce fichier")
    assert f"Pour corriger{NNBSP}: " in shown
    assert _english_left(shown, "notes.csv") == set(), shown

    name, data, _ = S.x_posts()
    at = _upload(at, (name, data, "text/csv"), ("copie.csv", data, "text/csv"))
    assert not at.exception
    stored = [_shown(s.value) for s in at.success]
    assert stored and stored[0].startswith("Enregistré dans"), stored
    assert _english_left(stored[0], name, "copie.csv") == set(), stored


def test_the_language_can_change_after_the_upload():
    at = _upload(_data_page("en"), BAD)
    assert _shown(at.error[0].value).startswith("Not imported. notes.csv: RLFF does not recognise this file")
    at.radio(key="scenario.lang").set_value("fr").run()
    assert not at.exception
    assert _shown(at.error[0].value).startswith(f"Non importé. notes.csv{NNBSP}: RLFF ne reconnaît pas ce fichier")


def _sidebar(lang: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    for group in ("audience", "work", "money"):
        at.session_state[group_key(group)] = True
    return at.run()


def _label(at: AppTest, knob: str) -> str:
    """What the slider of ``knob`` shows for its value."""
    widget = at.select_slider(key=f"scenario.{knob}")
    return widget.format_func(widget.value)  # type: ignore[attr-defined]


def test_sidebar_sliders_show_numbers_as_each_language_writes_them():
    fr = _sidebar("fr")
    assert not fr.exception
    assert _label(fr, "salary_eur_year") == f"{fmt_int(DEFAULT.salary_eur_year, 'fr')}{NNBSP}€"
    assert _label(fr, "strategy_adherence") == f"{round(100 * DEFAULT.strategy_adherence)}{NNBSP}%"
    assert _label(fr, "bought_followers") == fmt_int(DEFAULT.bought_followers, "fr")
    assert "," in _label(fr, "posts_per_day") and "." not in _label(fr, "posts_per_day")
    en = _sidebar("en")
    assert _label(en, "salary_eur_year") == f"€{DEFAULT.salary_eur_year:,.0f}"
    assert _label(en, "strategy_adherence") == f"{100 * DEFAULT.strategy_adherence:.0f}%"


def test_a_link_with_a_value_between_steps_keeps_it_and_moving_the_slider_changes_the_scenario():
    at = _sidebar("fr", salary_eur_year="41234")
    assert not at.exception
    assert at.select_slider(key="scenario.salary_eur_year").value == 41234
    assert _label(at, "salary_eur_year") == f"41{NNBSP}234{NNBSP}€"
    at.select_slider(key="scenario.salary_eur_year").set_value(60000.0).run()
    assert not at.exception
    assert at.select_slider(key="scenario.salary_eur_year").value == 60000
    assert float(str(at.query_params["salary_eur_year"]).strip("[]'")) == 60000  # the link follows
