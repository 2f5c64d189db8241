"""The "Your data" page in streamlit's AppTest: upload, report, switch, and every view on imported data."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import rlff.export.images
import rlff.io.imports
import rlff_app.export_page
from rlff import metrics
from rlff.i18n import fmt_int
from rlff.io.imports import import_files
from rlff_app.sidebar import group_key

sys.path.insert(0, str(Path(__file__).parent))
import export_samples  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
VIEWS = {k: f"rlff_app/views/{k}.py" for k in ("boss", "reality", "side", "data", "export")}
BAD = ("notes.csv", b"hello,world\n1,2\n", "text/csv")


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    # AppTest times a run out at 60 s: parse in-process here (tests/test_limits_worker.py
    # covers the worker process, the browser tests the served app with it)
    monkeypatch.setenv("RLFF_PARSE_INLINE", "1")
    yield


@pytest.fixture(scope="module")
def x_file() -> tuple[str, bytes, str]:
    name, data, _rows = export_samples.x_posts()
    return name, data, "text/csv"


def _shown(markdown: str) -> str:
    """What an escaped Markdown text (rlff_app.show.plain_md) shows: its backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    return at.switch_page(VIEWS["data"]).run()


def _upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    return at.file_uploader(key="data.upload").set_value(list(files)).run()


def _open(at: AppTest, view: str) -> AppTest:
    at.switch_page(VIEWS[view]).run()
    assert not at.exception
    return at


def _files(at: AppTest):  # noqa: ANN202 - a DataFrame
    """The table of files read, first of the data page's dataframes."""
    return at.dataframe[0].value


def _tiles(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_an_x_export_alone_switches_every_view_to_it_with_dashes_for_what_it_cannot_tell(x_file):
    at = _upload(_data_page(), x_file)
    assert not at.exception and not at.error
    assert at.radio(key="data.source").value == "upload"
    assert "X per-post export" in _files(at).iloc[0, 1]
    assert at.text[0].value.startswith("Brand: @acme")
    assert {d.key for d in at.get("download_button")} >= {"data.template.inbox", "data.template.costs"}

    kpis = metrics.vanity_kpis(import_files([x_file[:2]]).tables)
    _open(at, "boss")
    assert at.title[0].value == "Monthly report — September 2026"
    # Retweets and likes come from the file; no export gives friends or a follower total.
    assert _tiles(at) == [fmt_int(kpis.retweets, "en"), fmt_int(kpis.likes, "en"), "—", "—"]
    assert all(m.proto.delta == "" for m in at.metric)  # no August in the file: no arrows
    assert "Sales" not in at.dataframe[0].value.columns
    assert any("Not in the data: Us vs the competition" in _shown(i.value) for i in at.info)
    assert not at.error

    _open(at, "reality")
    assert _tiles(at) == ["—"] * 6
    assert len(at.get("plotly_chart")) == 2  # new followers and platform effort; the others say what is missing
    assert any("upload an inbox file" in _shown(c.value) for c in at.caption)
    _open(at, "side")
    assert _tiles(at)[:2] == [fmt_int(kpis.retweets, "en"), fmt_int(kpis.likes, "en")]
    assert not at.error
    _open(at, "export")
    if rlff.export.images.chromium_path() is not None:  # else the page says how to install one
        assert not at.error
        assert "export.png.roi" in {d.key for d in at.get("download_button")}


def test_the_sample_csvs_uploaded_give_the_tiles_of_the_simulation():
    at = AppTest.from_file(APP, default_timeout=60).run()
    simulated = _tiles(at)
    reality = _tiles(_open(at, "reality"))
    files = [(p.name, p.read_bytes(), "text/csv") for p in sorted((ROOT / "sample_data").glob("*.csv"))]
    _upload(_open(at, "data"), *files)
    assert not at.exception and not at.error
    assert at.success and not at.get("download_button")  # nothing missing: no template offered
    assert _tiles(_open(at, "boss")) == simulated
    assert simulated[:2] == ["1,754", "9,540"]
    assert _tiles(_open(at, "reality")) == reality
    assert len(at.get("plotly_chart")) == 11


def test_a_bad_upload_shows_its_error_and_the_data_loaded_before_stays(x_file):
    at = _upload(_data_page(), x_file)
    before = _tiles(_open(at, "boss"))
    at = _open(at, "data")
    at.file_uploader(key="data.upload").set_value(BAD).run()
    assert not at.exception
    assert len(at.error) == 1
    assert _shown(at.error[0].value).startswith("Not imported. notes.csv: RLFF does not recognise this file")
    assert any("The data loaded before is still in use." in i.value for i in at.info)
    assert at.radio(key="data.source").value == "upload"
    assert _files(at).iloc[0, 0] == x_file[0]
    assert _tiles(_open(at, "boss")) == before


def test_a_bad_first_upload_leaves_the_simulation_and_the_switch_off():
    at = _upload(_data_page(), BAD)
    assert not at.exception and len(at.error) == 1
    assert at.radio(key="data.source").value == "simulation"
    assert at.radio(key="data.source").disabled
    assert _tiles(_open(at, "boss"))[:2] == ["1,754", "9,540"]


def test_a_failure_of_the_importer_itself_is_a_message_not_a_traceback(x_file, monkeypatch):
    def broken(files):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    at = _upload(_data_page(), x_file)
    monkeypatch.setattr(rlff.io.imports, "import_files", broken)  # upload.py imports it on use
    at.file_uploader(key="data.upload").set_value([x_file, BAD]).run()
    assert not at.exception
    assert "an error in RLFF itself: RuntimeError" in _shown(at.error[0].value)
    assert _files(at).iloc[0, 0] == x_file[0]


def test_files_add_up_and_forget_goes_back_to_the_simulation(x_file):
    at = _upload(_data_page(), x_file)
    inbox = export_samples.french_inbox()
    at.file_uploader(key="data.upload").set_value((inbox[0], inbox[1], "text/csv")).run()
    assert not at.exception and not at.error
    assert list(_files(at).iloc[:, 0]) == [x_file[0], inbox[0]]
    at.button(key="data.forget").click().run()
    assert not at.exception
    assert at.radio(key="data.source").value == "simulation"
    assert not at.dataframe
    assert _tiles(_open(at, "boss"))[:2] == ["1,754", "9,540"]


def test_the_switch_takes_the_dashboard_back_to_the_simulation_and_again_to_the_data(x_file):
    at = _upload(_data_page(), x_file)
    at.radio(key="data.source").set_value("simulation").run()
    assert _tiles(_open(at, "boss"))[:2] == ["1,754", "9,540"]
    assert not at.sidebar.info
    at = _open(at, "data")
    assert at.radio(key="data.source").value == "simulation"  # kept across pages
    at.radio(key="data.source").set_value("upload").run()
    assert _tiles(_open(at, "boss"))[2:] == ["—", "—"]
    assert "your files" in at.sidebar.info[0].value


def test_the_export_page_follows_the_switch_and_the_language(x_file, monkeypatch):
    seen = []
    monkeypatch.setattr(
        rlff_app.export_page,
        "render_export_page",
        lambda tables, lang, charts=None: seen.append((tables.meta.source, lang, [c.key for c in charts])),
    )
    at = _open(_data_page("fr"), "export")
    _upload(_open(at, "data"), x_file)
    assert not at.exception and not at.error
    assert at.title[0].value == "Vos données"
    _open(at, "export")
    assert [s[:2] for s in seen] == [("simulation", "fr"), ("import", "fr")]
    assert "roi" in seen[-1][2] and len(seen[-1][2]) == 20


def test_the_upload_limit_is_the_importers_in_the_config_and_in_rlff_dashboard(monkeypatch):
    import argparse
    import subprocess
    import tomllib

    from rlff.cli import cmd_dashboard
    from rlff.io.imports import MAX_UPLOAD_MB

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd: calls.append(cmd) or 0)
    assert cmd_dashboard(argparse.Namespace(port=8599, headless=True)) == 0
    cmd = calls[0]
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == str(MAX_UPLOAD_MB)


def test_posts_without_engagements_show_dashes_not_zeros():
    posts = (ROOT / "sample_data" / "posts.csv").read_bytes()
    at = _upload(_data_page(), ("posts.csv", posts, "text/csv"))
    assert _tiles(_open(at, "boss"))[:2] == ["—", "—"]
    assert any("no engagement counts" in c.value for c in at.caption)


def test_a_broken_scenario_does_not_hide_the_uploaded_data(x_file):
    from datetime import date

    at = _upload(_data_page(), x_file)
    at.session_state[group_key("general")] = True  # open the group that holds the period
    at.run()
    at.date_input(key="scenario.end").set_value(date(2025, 9, 1)).run()
    _open(at, "boss")
    assert not at.error
    assert "before it starts" in _shown(at.sidebar.warning[0].value)
    assert at.title[0].value == "Monthly report — September 2026"


def test_a_file_with_the_same_name_replaces_the_earlier_one(x_file):
    at = _upload(_data_page(), x_file)
    other = export_samples.x_posts(n=12, seed=9)
    at.file_uploader(key="data.upload").set_value((x_file[0], other[1], "text/csv")).run()
    assert not at.exception and not at.error
    assert f"Replaced by the new upload: {x_file[0]}." in [_shown(i.value) for i in at.main.info]
    assert list(_files(at).iloc[:, 0]) == [x_file[0]]
    assert _files(at).iloc[0, 2].startswith("posts 12")
