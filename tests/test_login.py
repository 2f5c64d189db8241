"""Logging in to the dashboard (AppTest): nothing before a login, each user's brands only, viewers read-only, logout, expiry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rlff.i18n import t
from rlff.io.workspace import open_workspace
from rlff.io.workspace.users import add_user
from rlff_app import login

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()  # a fresh login throttle too
    yield


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """A workspace with brands acme and beta, viewer vic (acme), editor ed (acme)."""
    url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    monkeypatch.setenv("RLFF_DATABASE_URL", url)
    monkeypatch.delenv("RLFF_PUBLIC_DEMO", raising=False)
    with open_workspace(url) as ws:
        posts = [("posts.csv", (SAMPLE / "posts.csv").read_bytes())]
        ws.import_files(posts, brand="acme")
        ws.import_files(posts, brand="beta")
        add_user(ws, "vic", "viewer-pass", "viewer", ["acme"])
        add_user(ws, "ed", "editor-pass", "editor", ["acme"])
    return url


def _shown(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "text") for e in at.get(kind)]
    return re.sub(r"\\(.)", r"\1", " ".join(str(p) for p in parts))


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _log_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login.name").set_value(name)
    at.text_input(key="login.password").set_value(password)
    return _submit(at)


def _submit(at: AppTest) -> AppTest:
    (button,) = [b for b in at.get("button") if b.proto.is_form_submitter]
    return button.click().run()


def _is_login_page(at: AppTest) -> bool:
    return bool([w for w in at.text_input if w.key == "login.password"])


def test_nothing_is_shown_before_a_login_and_a_wrong_password_is_refused(database):
    at = _app()
    assert not at.exception
    assert _is_login_page(at)
    assert not at.get("selectbox") and not at.get("plotly_chart") and not at.get("metric")
    at = _log_in(at, "vic", "wrong-password")
    assert t("login.failed", "en") in _shown(at)
    assert _is_login_page(at) and not at.get("metric")
    at = _log_in(at, "vic", "viewer-pass")
    assert not at.exception
    assert not _is_login_page(at)
    assert "Logged in as vic (viewer)" in _shown(at)


def test_a_viewer_sees_only_their_brand_even_when_the_link_names_another(database):
    at = _log_in(_app(brand="beta"), "vic", "viewer-pass")
    (picker,) = [s for s in at.selectbox if s.key == "data.source"]
    assert "acme" in picker.options and "beta" not in picker.options
    shown = _shown(at)
    # The same words as for a brand that does not exist at all.
    assert t("brand.unknown", "en", brand="beta").replace("\\", "") in shown
    assert at.query_params.get("brand") in (None, [], [""])
    other = _log_in(_app(brand="nosuchbrand"), "vic", "viewer-pass")
    assert t("brand.unknown", "en", brand="nosuchbrand").replace("\\", "") in _shown(other)


def test_a_viewer_has_no_upload_and_no_remove_button(database):
    at = _log_in(_app(brand="acme"), "vic", "viewer-pass")
    at.switch_page("rlff_app/views/data.py").run()
    assert not at.exception
    assert not at.get("file_uploader")
    assert not [b for b in at.button if b.key and b.key.startswith("data.undo.")]
    assert t("data.ws.viewer", "en") in _shown(at)
    # An editor of the same brand has both.
    at = _log_in(_app(brand="acme"), "ed", "editor-pass")
    at.switch_page("rlff_app/views/data.py").run()
    assert at.get("file_uploader")
    assert [b for b in at.button if b.key and b.key.startswith("data.undo.")]


def test_logout_ends_the_session(database):
    at = _log_in(_app(brand="acme"), "ed", "editor-pass")
    at.button(key="login.logout").click().run()
    assert _is_login_page(at)
    assert t("login.logged_out", "en") in _shown(at)
    assert not at.get("metric")


def test_an_idle_session_expires(database, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(login, "clock", lambda: now[0])
    monkeypatch.setenv("RLFF_SESSION_IDLE_HOURS", "8")
    at = _log_in(_app(), "vic", "viewer-pass")
    now[0] += 8 * 3600 - 60
    at.run()
    assert not _is_login_page(at)  # still within 8 h (and the clock restarts at each run)
    now[0] += 8 * 3600
    at.run()
    assert _is_login_page(at)
    assert t("login.expired", "en") in _shown(at)


def test_repeated_failures_make_even_the_right_password_wait(database):
    at = _app()
    for _ in range(4):  # three free failures, then a wait
        at = _log_in(at, "vic", "nope-nope")
    at = _log_in(at, "vic", "viewer-pass")
    assert _is_login_page(at)
    assert "Too many failed attempts" in _shown(at)


def test_the_public_demo_shows_the_simulation_but_no_brand(database, monkeypatch):
    monkeypatch.setenv("RLFF_PUBLIC_DEMO", "1")
    at = _app(brand="acme")
    assert not at.exception
    assert at.get("metric")  # the parody's KPI tiles
    (picker,) = [s for s in at.selectbox if s.key == "data.source"]
    assert len(picker.options) == 1 and "acme" not in picker.options
    assert t("brand.unknown", "en", brand="acme").replace("\\", "") in _shown(at)


def test_without_users_there_is_no_login(tmp_path, monkeypatch):
    monkeypatch.setenv("RLFF_DATABASE_URL", f"sqlite:///{tmp_path / 'none.sqlite'}")
    at = _app()
    assert not at.exception and not _is_login_page(at) and at.get("metric")
