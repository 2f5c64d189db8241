"""The dashboard on the workspace, in streamlit's AppTest: what one session stores, another sees; ?brand=; caching.

Each test has its own workspace (a SQLite file in its temporary folder, named by RLFF_DATABASE_URL).
"""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rlff import metrics
from rlff.i18n import fmt_int
from rlff.io.workspace import UndoRefused, Workspace, open_workspace
from rlff_app import upload

sys.path.insert(0, str(Path(__file__).parent))
import export_samples  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data" / "workspace.sqlite"
    monkeypatch.setenv("RLFF_DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture(scope="module")
def tweets():
    """80 legacy tweets: September and October 2015 whole, two days of November."""
    return export_samples.legacy_tweets(80)


def _shown(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _upload(at: AppTest, target: str, *files: tuple[str, bytes]) -> AppTest:
    at.switch_page("rlff_app/views/data.py").run()
    (box,) = [w for w in at.text_input if w.key.startswith("data.target.")]
    box.set_value(target).run()
    (uploader,) = at.get("file_uploader")
    uploader.set_value([(name, data, "text/csv") for name, data in files]).run()
    assert not at.exception
    return at


def test_viewing_the_dashboard_creates_no_workspace(database):
    at = _app()
    at.switch_page("rlff_app/views/data.py").run()
    assert not at.exception
    assert not database.exists() and not database.parent.exists()
    assert at.selectbox(key="data.source").options == ["Simulated scenario (the article)"]


def test_an_upload_is_stored_and_a_new_session_sees_it(database, tweets):
    name, data, rows = tweets
    _upload(_app(), "acme", (name, data))
    assert database.is_file()
    with open_workspace(f"sqlite:///{database}") as ws:
        (record,) = ws.history("acme")
        assert [f.name for f in record.files] == [name]
    october = sum(r["retweets"] for r in rows if r["time"].month == 10)
    # Another browser: a new session, the link it was sent.
    other = _app(brand="acme")
    assert not other.exception and not other.warning
    assert other.selectbox(key="data.source").value == "acme"
    assert other.metric[0].value == fmt_int(october, "en")
    assert "October 2015" in other.title[0].value
    # And a session opened without the link can pick the brand: one click away.
    third = _app()
    assert third.metric[0].value == "1,754"  # a newcomer sees the simulation
    third.selectbox(key="data.source").set_value("acme").run()
    assert third.metric[0].value == fmt_int(october, "en")


def test_brand_and_month_in_the_link(tweets):
    name, data, rows = tweets
    _upload(_app(), "acme", (name, data))
    at = _app(brand="acme", month="2015-09")
    assert not at.exception and not at.warning
    assert at.metric[0].value == fmt_int(sum(r["retweets"] for r in rows if r["time"].month == 9), "en")
    assert at.query_params["brand"] in ("acme", ["acme"]) and at.query_params["month"] in ("2015-09", ["2015-09"])


def test_an_unknown_brand_in_the_link_is_a_message_and_the_simulation_stays_usable(tweets):
    _upload(_app(), "acme", tweets[:2])
    at = _app(brand="nobody")
    assert not at.exception and not at.error
    assert [_shown(w.value) for w in at.warning] == [
        "No brand “nobody” in the workspace: the simulated scenario is shown instead."
    ]
    assert at.selectbox(key="data.source").value == ""
    assert [m.value for m in at.metric][:2] == ["1,754", "9,540"]
    assert "brand" not in at.query_params
    at.switch_page("rlff_app/views/reality.py").run()
    assert not at.exception and not at.warning  # said once


def test_the_undo_button_removes_the_import_and_every_session_sees_it(tweets):
    name, data, rows = tweets
    at = _upload(_app(), "acme", (name, data))
    inbox = export_samples.french_inbox()
    _upload(at, "acme", inbox[:2])
    other = _app(brand="acme")
    assert "November 2026" in other.selectbox(key="data.month").options  # the inbox's month
    at.switch_page("rlff_app/views/data.py").run()
    at.button(key="data.undo.2").click().run()
    assert not at.exception
    assert any("Import #2 removed" in _shown(s.value) for s in at.success)
    other.run()  # the other session's next rerun reads the store again
    assert other.selectbox(key="data.month").options == ["November 2015", "October 2015", "September 2015"]
    at.button(key="data.undo.1").click().run()
    assert any("No import left" in i.value for i in at.info)
    with open_workspace() as ws:
        assert ws.history("acme") == []


def test_a_refused_undo_is_a_message(tweets, database):
    name, data, _rows = tweets
    at = _upload(_app(), "acme", (name, data))
    _upload(at, "acme", (name, data))  # the same file again: import 2 relies on import 1's rows
    at.switch_page("rlff_app/views/data.py").run()
    at.button(key="data.undo.1").click().run()
    assert not at.exception
    assert [_shown(e.value) for e in at.error] == [
        UndoRefused("workspace.error.undo_refused", id=1, later="2").message()
    ]
    with open_workspace() as ws:
        assert [r.id for r in ws.history("acme")] == [2, 1]


def test_two_sessions_storing_at_once_both_end_up_in_the_store(database, tweets):
    """Two tabs (one shared Workspace, as in one server) and two servers (a Workspace each) uploading together."""
    url = f"sqlite:///{database}"
    batches = [
        [tweets[:2]],
        [export_samples.x_posts()[:2]],
        [export_samples.french_inbox()[:2]],
        [export_samples.costs_csv()[:2]],
    ]
    shared = open_workspace(url)
    workspaces = [shared, shared, open_workspace(url), open_workspace(url)]
    reports: list[upload.BatchReport] = []
    start = threading.Barrier(len(batches))

    def run(files, ws: Workspace) -> None:  # noqa: ANN001
        start.wait()
        reports.append(upload.store(files, "acme", "en", ws=ws))

    threads = [threading.Thread(target=run, args=(b, w)) for b, w in zip(batches, workspaces, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r.stored and not r.error for r in reports), reports
    history = shared.history("acme")
    assert sorted(f.name for r in history for f in r.files) == sorted(b[0][0] for b in batches)
    tables = shared.tables("acme")
    assert metrics.total_cost(tables.costs, None) > 0 and len(tables.inbox) and len(tables.posts)
    for ws in {id(w): w for w in workspaces}.values():
        ws.close()


def test_reruns_read_the_brand_once_until_it_changes(monkeypatch, tweets):
    calls: list[str] = []
    original = Workspace.tables

    def counting(self: Workspace, brand: str):  # noqa: ANN202
        calls.append(brand)
        return original(self, brand)

    monkeypatch.setattr(Workspace, "tables", counting)
    at = _upload(_app(), "acme", tweets[:2])
    n = len(calls)
    assert n >= 1
    for view in ("boss", "reality", "side", "boss"):
        at.switch_page(f"rlff_app/views/{view}.py").run()
    assert len(calls) == n  # served from the cache
    _upload(at, "acme", export_samples.french_inbox()[:2])
    assert len(calls) == n + 1  # a new import: read again, once


def test_the_link_keeps_the_workspace_brand_apart_from_the_simulated_brands_name(tweets):
    """?brand= names a workspace brand; the scenario's brand-name knob travels as ?sim_brand=."""
    _upload(_app(), "acme", tweets[:2])
    at = _app(brand="acme")
    assert at.session_state["scenario.brand"] == "Brioche & Co"  # the knob did not take the workspace brand
    at.selectbox(key="data.source").set_value("").run()
    assert "brand" not in at.query_params and "sim_brand" not in at.query_params
    other = _app(sim_brand="Pain & Cie")
    assert other.session_state["scenario.brand"] == "Pain & Cie"
    assert other.selectbox(key="data.source").value == ""
    assert "brand" not in other.query_params


@pytest.mark.parametrize("argv", [["--database-url", "URL", "dashboard"], ["dashboard", "--database-url", "URL"]])
def test_rlff_dashboard_hands_its_database_url_to_the_server(monkeypatch, tmp_path, argv):
    import os

    from rlff.cli import main

    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite'}"
    seen = []

    def execv(path: str, cmd: list[str]) -> None:  # `rlff dashboard` becomes the server: not here
        seen.append(os.environ.get("RLFF_DATABASE_URL"))
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    monkeypatch.delenv("RLFF_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit):
        main([url if a == "URL" else a for a in argv] + ["--headless"])
    assert seen[0] == url
    monkeypatch.delenv("RLFF_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit):
        main(["dashboard", "--headless"])
    assert seen[1] is None  # no option: the server inherits RLFF_DATABASE_URL, or the default file
