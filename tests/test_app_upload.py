"""The "Your data" page in streamlit's AppTest: upload to the workspace, report, data picker, every view on imported data.

Each test has its own workspace (a SQLite file in the test's temporary folder).
"""

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
from rlff.charts import CHART_KEYS
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


@pytest.fixture(autouse=True)
def database_url(tmp_path, monkeypatch) -> str:
    """A workspace of this test only."""
    url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    monkeypatch.setenv("RLFF_DATABASE_URL", url)
    return url


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


def _uploader(at: AppTest):  # noqa: ANN202 - the page's one FileUploader (its key changes after each batch)
    (widget,) = at.get("file_uploader")
    return widget


def _upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    return _uploader(at).set_value(list(files)).run()


def _history(at: AppTest) -> list[str]:
    """The lines of the brand's import history ("#1 · date · files · rows")."""
    return [x.value for x in at.text if x.value.startswith("#")]


def _source(at: AppTest) -> str:
    """What the data picker shows: "" for the simulation, else a brand's name."""
    return at.selectbox(key="data.source").value


def _open(at: AppTest, view: str) -> AppTest:
    at.switch_page(VIEWS[view]).run()
    assert not at.exception
    return at


def _tiles(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_an_x_export_alone_switches_every_view_to_it_with_dashes_for_what_it_cannot_tell(x_file):
    at = _upload(_data_page(), x_file)
    assert not at.exception and not at.error
    assert _source(at) == "@acme"  # the brand the file names
    assert x_file[0] in _history(at)[0]
    assert any(x.value.startswith("Brand: @acme") for x in at.text)
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
    assert len(at.get("plotly_chart")) == sum(view == "reality" for view in CHART_KEYS.values())


def test_a_bad_upload_shows_its_error_and_the_data_stored_before_stays(x_file):
    at = _upload(_data_page(), x_file)
    before = _tiles(_open(at, "boss"))
    at = _open(at, "data")
    _upload(at, BAD)
    assert not at.exception
    assert len(at.error) == 1
    assert _shown(at.error[0].value).startswith("Not imported. notes.csv: RLFF does not recognise this file")
    assert any("Nothing was stored" in i.value for i in at.info)
    assert _source(at) == "@acme"
    assert len(_history(at)) == 1 and x_file[0] in _history(at)[0]
    assert _tiles(_open(at, "boss")) == before


def test_a_bad_file_among_good_ones_is_reported_and_the_good_ones_are_stored(x_file, database_url):
    from rlff.io.workspace import open_workspace

    at = _upload(_data_page(), x_file, BAD)
    assert not at.exception
    assert len(at.error) == 1 and "notes.csv" in _shown(at.error[0].value)
    with open_workspace(database_url) as ws:
        (record,) = ws.history()
    assert [f.name for f in record.files] == [x_file[0]]


def test_a_bad_first_upload_leaves_the_simulation_and_creates_no_brand(database_url):
    from rlff.io.workspace import open_workspace

    at = _upload(_data_page(), BAD)
    assert not at.exception and len(at.error) == 1
    assert _source(at) == ""
    assert at.selectbox(key="data.source").options == ["Simulated scenario (the article)"]
    assert _tiles(_open(at, "boss"))[:2] == ["1,754", "9,540"]
    with open_workspace(database_url) as ws:
        assert ws.brands() == [] and ws.history() == []


def test_a_failure_of_the_importer_itself_is_a_message_not_a_traceback(x_file, monkeypatch):
    import rlff.io.workspace.store

    def broken(data, name):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    at = _upload(_data_page(), x_file)
    monkeypatch.setattr(rlff.io.workspace.store, "read_file", broken)  # what Workspace.import_files reads with
    _upload(at, ("again.csv", x_file[1], x_file[2]))  # readable (the parsing worker passes it), then the store breaks
    assert not at.exception
    assert "an error in RLFF itself: RuntimeError" in _shown(at.error[0].value)
    assert len(_history(at)) == 1 and x_file[0] in _history(at)[0]


def test_files_add_up_as_imports_and_removing_one_takes_its_rows_out(x_file):
    def months(at: AppTest) -> list[str]:
        return at.selectbox(key="data.month").options

    def missing(at: AppTest) -> set[str]:
        return set(at.dataframe[-1].value.iloc[:, 0])  # the table of what the files cannot tell comes last

    at = _upload(_data_page(), x_file)
    assert months(at) == ["September 2026"] and "Response time by message kind" in missing(at)
    inbox = export_samples.french_inbox()  # messages of November 2026
    _upload(at, (inbox[0], inbox[1], "text/csv"))
    assert not at.exception and not at.error
    history = _history(at)
    assert history[0].startswith("#2") and inbox[0] in history[0] and x_file[0] in history[1]
    assert months(at) == ["November 2026", "October 2026", "September 2026"]
    assert "Response time by message kind" not in missing(at)
    at.button(key="data.undo.2").click().run()
    assert not at.exception
    assert any("Import #2 removed" in _shown(s.value) for s in at.success)
    assert len(_history(at)) == 1
    assert months(at) == ["September 2026"] and "Response time by message kind" in missing(at)


def test_the_picker_takes_the_dashboard_back_to_the_simulation_and_again_to_the_brand(x_file):
    at = _upload(_data_page(), x_file)
    assert at.query_params["brand"] in ("@acme", ["@acme"])
    at.selectbox(key="data.source").set_value("").run()
    assert "brand" not in at.query_params
    assert _tiles(_open(at, "boss"))[:2] == ["1,754", "9,540"]
    at = _open(at, "data")
    assert _source(at) == ""  # kept across pages
    at.selectbox(key="data.source").set_value("@acme").run()
    assert _tiles(_open(at, "boss"))[2:] == ["—", "—"]
    assert any("@acme" in _shown(c.value) for c in at.sidebar.caption)


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
    assert "roi" in seen[-1][2] and len(seen[-1][2]) == len(CHART_KEYS)


def test_the_upload_limit_is_the_importers_in_the_config_and_in_rlff_dashboard(monkeypatch):
    import argparse
    import os
    import tomllib

    from rlff.cli import cmd_dashboard
    from rlff.io.imports import MAX_UPLOAD_MB
    from rlff_app.startup.flags import server_flags

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    calls = []

    def execv(path: str, cmd: list[str]) -> None:  # `rlff dashboard` becomes the server: not here
        calls.append(cmd)
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    with pytest.raises(SystemExit):
        cmd_dashboard(argparse.Namespace(port=8599, address="127.0.0.1", headless=True))
    # rlff dashboard runs the launcher, which adds the dashboard's server options
    assert calls[0][1:3] == ["-m", "rlff_app.startup.launch"]
    flags = server_flags()
    assert flags[flags.index("--server.maxUploadSize") + 1] == str(MAX_UPLOAD_MB)


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


def test_the_same_file_again_is_counted_once(x_file):
    at = _upload(_data_page(), x_file)
    tiles = _tiles(_open(at, "boss"))
    _upload(_open(at, "data"), x_file)
    assert not at.exception and not at.error
    assert any("already in the workspace" in _shown(w.value) for w in at.warning)
    assert len(_history(at)) == 2
    assert _tiles(_open(at, "boss")) == tiles


def test_the_uploader_empties_once_the_files_are_stored(x_file):
    """Its × cannot leave data in use: what the views show is what the workspace holds."""
    at = _upload(_data_page(), x_file)
    assert not at.exception
    assert _uploader(at).value in (None, [])
    assert _uploader(at).key != "data.upload"  # a fresh, empty widget
    assert _tiles(_open(at, "boss"))[2:] == ["—", "—"]
