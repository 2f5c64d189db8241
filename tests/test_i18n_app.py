"""The "Your data" page in French (streamlit's AppTest): errors, notes and kinds in French."""

from __future__ import annotations

import export_samples as S
import pytest
import streamlit as st
from test_app_upload import BAD, _data_page, _files, _shown, _upload
from test_i18n_imports import _english_left

from rlff.i18n import NNBSP, t


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
    files = _files(at)
    assert list(files[t("data.files.kind", "fr")]) == ["export X par publication (account_analytics_content)"]
    notes = [_shown(w.value) for w in at.warning]
    assert f"copie.csv est le même fichier que {name}{NNBSP}: compté une seule fois." in notes, notes


def test_the_language_can_change_after_the_upload():
    at = _upload(_data_page("en"), BAD)
    assert _shown(at.error[0].value).startswith("Not imported. notes.csv: RLFF does not recognise this file")
    at.radio(key="scenario.lang").set_value("fr").run()
    assert not at.exception
    assert _shown(at.error[0].value).startswith(f"Non importé. notes.csv{NNBSP}: RLFF ne reconnaît pas ce fichier")
