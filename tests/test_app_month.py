"""The month picker in streamlit's AppTest: the months of the data, ``?month=``, the deltas, out-of-range links."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rlff.i18n import fmt_int
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from rlff_app.month_picker import MONTH_KEY

sys.path.insert(0, str(Path(__file__).parent))
import export_samples  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(scope="module")
def sim():
    return simulate(DEFAULT, 0)


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _shown(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _brand_sum(tables, kind: str, month: str) -> int:
    """Engagements of ``kind`` on the brand's posts published in ``month`` ("YYYY-MM"), with plain pandas."""
    posts = tables.posts
    in_month = (posts["account"] == "brand") & (posts["published_at"].dt.strftime("%Y-%m") == month)
    ids = set(posts.loc[in_month, "post_id"])
    eng = tables.engagements
    return int(eng.loc[eng["post_id"].astype(str).isin(ids) & (eng["kind"] == kind), "count"].sum())


def test_the_picker_offers_the_months_of_the_data_newest_complete_first():
    at = _app()
    assert not at.exception
    picker = at.selectbox(key=MONTH_KEY)
    assert picker.options == ["January 2026", "December 2025", "November 2025", "October 2025"]
    assert picker.value == "2026-01"
    assert "month" not in at.query_params


@pytest.mark.parametrize(("month", "before"), [("2025-11", "2025-10"), ("2025-12", "2025-11")])
def test_month_in_the_link_gives_that_months_tiles_and_deltas_against_the_month_before(sim, month, before):
    at = _app(month=month)
    assert not at.exception and not at.warning
    assert at.selectbox(key=MONTH_KEY).value == month
    label = pd.Timestamp(f"{month}-01").strftime("%B %Y")
    assert label in at.title[0].value
    tiles = at.metric[:2]
    rts, likes = _brand_sum(sim, "retweet", month), _brand_sum(sim, "like", month)
    assert [m.value for m in tiles] == [fmt_int(rts, "en"), fmt_int(likes, "en")]
    rts_before = _brand_sum(sim, "retweet", before)
    assert fmt_int(abs(rts - rts_before), "en") in tiles[0].delta  # e.g. "+88 (+5.6%)"


def test_picking_a_month_puts_it_in_the_url_and_the_default_takes_it_out(sim):
    at = _app()
    at.selectbox(key=MONTH_KEY).set_value("2025-10").run()
    assert not at.exception
    assert at.query_params["month"] == ["2025-10"] or at.query_params["month"] == "2025-10"
    assert at.metric[0].value == fmt_int(_brand_sum(sim, "retweet", "2025-10"), "en")
    assert "October 2025" in at.title[0].value
    at.switch_page("rlff_app/views/reality.py").run()  # every view follows the picker
    assert not at.exception and "October 2025" in at.title[0].value
    at.selectbox(key=MONTH_KEY).set_value("2026-01").run()
    assert "month" not in at.query_params
    assert "January 2026" in at.title[0].value


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_month_outside_the_data_in_the_link_is_a_message_and_the_default_month(lang):
    at = _app(month="2024-02", lang=lang)
    assert not at.exception and not at.error
    messages = [_shown(w.value) for w in at.warning]
    expected = {
        "en": "No data for February 2024: the data covers October 2025 to January 2026. Showing January 2026 instead.",
        "fr": "Aucune donnée pour février 2024\u202f: les données vont de octobre 2025 à janvier 2026. "
        "Affichage de janvier 2026 à la place.",
    }[lang]
    assert messages == [expected]
    assert at.selectbox(key=MONTH_KEY).value == "2026-01"
    assert at.metric[0].value == fmt_int(1754, lang)
    assert "month" not in at.query_params


def test_a_badly_written_month_in_the_link_is_ignored_with_a_warning():
    at = _app(month="sept")
    assert not at.exception
    assert any("month=sept" in _shown(w.value) and "YYYY-MM" in _shown(w.value) for w in at.warning)
    assert at.selectbox(key=MONTH_KEY).value == "2026-01"


def test_uploaded_data_offers_its_own_months_and_says_when_one_is_partial():
    name, data, rows = export_samples.legacy_tweets(80)  # 2015-09-01 to 2015-11-02
    at = _app(month="2025-12")
    assert at.selectbox(key=MONTH_KEY).value == "2025-12"
    at.switch_page("rlff_app/views/data.py").run()
    at.file_uploader(key="data.upload").set_value([(name, data, "text/csv")]).run()
    assert not at.exception
    picker = at.selectbox(key=MONTH_KEY)
    assert picker.options == ["November 2015", "October 2015", "September 2015"]
    # December 2025 is not in these files: said once, and their own month shown.
    assert any("No data for December 2025" in _shown(w.value) for w in at.warning)
    assert picker.value == "2015-10"
    at.switch_page("rlff_app/views/boss.py").run()
    assert at.metric[0].value == fmt_int(sum(r["retweets"] for r in rows if r["time"].month == 10), "en")
    at.selectbox(key=MONTH_KEY).set_value("2015-11").run()
    assert not at.exception
    notes = [_shown(i.value) for i in at.info]
    assert any("only part of November 2015" in n for n in notes)
    assert at.metric[0].value == fmt_int(sum(r["retweets"] for r in rows if r["time"].month == 11), "en")
    at.selectbox(key=MONTH_KEY).set_value("2015-09").run()
    assert at.metric[0].delta is None or at.metric[0].delta == ""  # no August in the files: no arrow


def test_the_export_page_exports_the_month_picked(monkeypatch):
    import rlff_app.export_page

    seen = []
    monkeypatch.setattr(
        rlff_app.export_page,
        "render_export_page",
        lambda tables, lang, charts=None: seen.append(tables.meta.reported_month),
    )
    at = _app(month="2025-11")
    at.switch_page("rlff_app/views/export.py").run()
    assert not at.exception
    at.selectbox(key=MONTH_KEY).set_value("2025-10").run()
    assert [f"{m:%Y-%m}" for m in seen] == ["2025-11", "2025-10"]
