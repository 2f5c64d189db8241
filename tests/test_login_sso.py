"""Single sign-on without a browser: the e-mail mapping (users.user_for_sso) and the login gate (AppTest, st.user seeded).

The real round trip through an OpenID provider is tests/browser/test_sso_browser.py.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_login import APP, SAMPLE, _is_login_page, _shown

from rlff.i18n import t
from rlff.io.workspace import WorkspaceError, open_workspace
from rlff.io.workspace.users import User, add_user, set_email, user_for_sso, users
from rlff_app import login

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-tests-only",
    "client_id": "rlff",
    "client_secret": "rlff-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


# -- the mapping, on SQLite and PostgreSQL ----------------------------------------------------------


def test_an_e_mail_maps_to_its_user_case_insensitively_with_role_and_brands(workspace):
    add_user(workspace, "vic", "viewer-pass", "viewer", ["acme"], email=" Vic@Example.COM ")
    add_user(workspace, "ada", "admin-pass", "admin", email="ada@example.com")
    add_user(workspace, "ed", "editor-pass", "editor", ["acme", "beta"])  # no e-mail: password only
    assert user_for_sso(workspace, "VIC@example.com", True) == User(
        "vic", "viewer", frozenset({"acme"}), "vic@example.com"
    )
    assert user_for_sso(workspace, "ada@example.com", "true").is_admin  # Cognito sends a string
    assert user_for_sso(workspace, "ada@example.com", None).name == "ada"  # no claim: accepted (Entra)
    set_email(workspace, "ed", "Ed@Example.com")
    assert user_for_sso(workspace, "ed@example.com", True).brands == {"acme", "beta"}
    set_email(workspace, "ed", None)
    with pytest.raises(WorkspaceError) as err:
        user_for_sso(workspace, "ed@example.com", True)
    assert err.value.key == "login.sso.unknown"


@pytest.mark.parametrize(
    ("email", "verified", "key"),
    [
        ("stranger@example.com", True, "login.sso.unknown"),
        ("vic@example.com", False, "login.sso.unverified"),
        ("vic@example.com", "false", "login.sso.unverified"),
        ("vic@example.com", 1, "login.sso.unverified"),  # only true (or "true") is verified
        ("", True, "login.sso.no_email"),
        (None, True, "login.sso.no_email"),
        ("not an address", True, "login.sso.unknown"),
    ],
)
def test_a_login_that_maps_to_no_user_is_refused_with_its_reason(workspace, email, verified, key):
    add_user(workspace, "vic", "viewer-pass", "viewer", ["acme"], email="vic@example.com")
    with pytest.raises(WorkspaceError) as err:
        user_for_sso(workspace, email, verified)
    assert err.value.key == key
    assert "\n" not in err.value.message("fr") and err.value.message("fr") != err.value.message("en")


def test_one_e_mail_one_user_and_bad_e_mails_are_refused(workspace):
    add_user(workspace, "vic", "viewer-pass", "viewer", ["acme"], email="vic@example.com")
    add_user(workspace, "ed", "editor-pass", "editor", ["acme"])
    for call, key in [
        (
            lambda: add_user(workspace, "x", "x-password", "viewer", ["acme"], email="VIC@example.com"),
            "users.error.email_taken",
        ),
        (lambda: set_email(workspace, "ed", "Vic@Example.com"), "users.error.email_taken"),
        (lambda: set_email(workspace, "ed", "ed at example.com"), "users.error.bad_email"),
        (lambda: set_email(workspace, "ed", "ed@localhost"), "users.error.bad_email"),
        (lambda: set_email(workspace, "nobody", "n@example.com"), "users.error.no_user"),
    ]:
        with pytest.raises(WorkspaceError) as err:
            call()
        assert err.value.key == key
    assert [(u.name, u.email) for u in users(workspace)] == [("ed", None), ("vic", "vic@example.com")]
    set_email(workspace, "vic", "VIC@example.com")  # its own e-mail again: fine
    # The database itself refuses a second user with the same e-mail (the unique index).
    with pytest.raises(sa.exc.IntegrityError), workspace._writing() as conn:
        conn.exec_driver_sql("UPDATE users SET email = 'vic@example.com' WHERE name = 'ed'")


# -- the dashboard's gate ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """Brands acme and beta; viewer vic (acme, vic@example.com); editor ed (acme, no e-mail)."""
    url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    monkeypatch.setenv("RLFF_DATABASE_URL", url)
    monkeypatch.delenv("RLFF_PUBLIC_DEMO", raising=False)
    with open_workspace(url) as ws:
        posts = [("posts.csv", (SAMPLE / "posts.csv").read_bytes())]
        ws.import_files(posts, brand="acme")
        ws.import_files(posts, brand="beta")
        add_user(ws, "vic", "viewer-pass", "viewer", ["acme"], email="vic@example.com")
        add_user(ws, "ed", "editor-pass", "editor", ["acme"])
    return url


def _app(auth: dict | None = AUTH, user: dict | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if auth is not None:
        at.secrets["auth"] = dict(auth)
    at.user = dict(user) if user is not None else {"is_logged_in": False}
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _sso_buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("login.sso.") and b.key != "login.sso.logout"]


def test_with_auth_in_the_secrets_the_form_offers_single_sign_on_besides_the_password(database):
    at = _app()
    assert not at.exception and _is_login_page(at)
    assert _sso_buttons(at) == [t("login.sso.button", "en")]
    assert not at.get("metric")
    named = _app(auth={"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x" * 20, "okta": AUTH})
    assert _sso_buttons(named) == [t("login.sso.button_named", "en", provider="okta")]


def test_without_auth_there_is_only_the_password_form(database):
    at = _app(auth=None, user={"is_logged_in": True, "email": "vic@example.com"})
    assert not at.exception and _is_login_page(at) and _sso_buttons(at) == []
    assert "Logged in as" not in _shown(at)  # no [auth]: an identity, however it came, is not used


def test_an_incomplete_auth_table_is_a_clear_message_not_a_button(database):
    at = _app(auth={"redirect_uri": "http://localhost:8501/", "client_id": "rlff"})
    assert not at.exception and _is_login_page(at) and _sso_buttons(at) == []
    shown = _shown(at)
    for missing in ("[auth] cookie_secret", "[auth] client_secret", "[auth] server_metadata_url", "oauth2callback"):
        assert missing in shown
    # And a provider's login is not trusted while the settings are wrong.
    at = _app(auth={"client_id": "rlff"}, user={"is_logged_in": True, "email": "vic@example.com"})
    assert _is_login_page(at) and "Logged in as" not in _shown(at)


def test_a_verified_e_mail_logs_its_user_in_with_their_brands(database):
    user = {"is_logged_in": True, "email": "Vic@Example.com", "email_verified": True}
    at = _app(user=user, brand="beta")
    assert not at.exception and not _is_login_page(at)
    assert "Logged in as vic (viewer)" in _shown(at)
    (picker,) = [s for s in at.selectbox if s.key == "data.source"]
    assert "acme" in picker.options and "beta" not in picker.options
    assert at.session_state[login.SSO] == "vic@example.com"
    assert at.session_state[login.USER] == User("vic", "viewer", frozenset({"acme"}), "vic@example.com")


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        ({"email": "stranger@example.com", "email_verified": True}, "No user of this dashboard has the e-mail"),
        ({"email": "vic@example.com", "email_verified": False}, "is not verified"),
        ({"name": "Vic"}, "sent no e-mail address"),
    ],
)
def test_a_login_with_no_user_is_refused_with_no_data_and_can_be_ended(database, claims, words):
    at = _app(user={"is_logged_in": True, **claims}, brand="acme")
    assert not at.exception
    assert words in _shown(at)
    assert not at.get("metric") and not at.get("plotly_chart") and not at.get("selectbox")
    assert login.USER not in at.session_state
    assert _is_login_page(at) and _sso_buttons(at) == []  # the password form, not the same button again
    at.button(key="login.sso.logout").click().run()
    assert at.user["is_logged_in"] is False  # st.logout() ran: the identity cookie goes
    assert _is_login_page(at) and words not in _shown(at)
    assert _sso_buttons(at) == [t("login.sso.button", "en")]


def test_a_refused_provider_login_still_lets_a_password_in(database):
    at = _app(user={"is_logged_in": True, "email": "stranger@example.com", "email_verified": True})
    at.text_input(key="login.name").set_value("ed")
    at.text_input(key="login.password").set_value("editor-pass")
    (button,) = [b for b in at.get("button") if b.proto.is_form_submitter]
    at = button.click().run()
    assert "Logged in as ed (editor)" in _shown(at) and at.get("metric")
    assert login.SSO not in at.session_state


def test_the_refusal_is_in_french_too(database):
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": True, "email": "stranger@example.com", "email_verified": True}
    at.query_params["lang"] = "fr"
    at.run()
    assert t("login.sso.unknown", "fr", email="stranger@example.com") in _shown(at)


def test_logout_of_a_single_sign_on_session_logs_out_of_the_provider(database):
    at = _app(user={"is_logged_in": True, "email": "vic@example.com", "email_verified": True})
    assert "Logged in as vic" in _shown(at)
    at.button(key="login.logout").click().run()
    assert at.user["is_logged_in"] is False
    assert _is_login_page(at) and not at.get("metric")
    assert login.SSO not in at.session_state


def test_a_password_logout_leaves_the_provider_alone(database):
    at = _app(user={"is_logged_in": False})
    at.text_input(key="login.name").set_value("ed")
    at.text_input(key="login.password").set_value("editor-pass")
    (button,) = [b for b in at.get("button") if b.proto.is_form_submitter]
    at = button.click().run()
    assert "Logged in as ed" in _shown(at) and login.SSO not in at.session_state
    at.user = {"is_logged_in": True, "email": "someone@example.com"}  # as if also logged in elsewhere
    at.button(key="login.logout").click().run()
    assert at.user["is_logged_in"] is True  # no st.logout(): the session was not the provider's


def test_an_idle_single_sign_on_session_expires_and_logs_out_of_the_provider(database, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(login, "clock", lambda: now[0])
    monkeypatch.setenv("RLFF_SESSION_IDLE_HOURS", "1")
    at = _app(user={"is_logged_in": True, "email": "vic@example.com", "email_verified": True})
    assert "Logged in as vic" in _shown(at)
    now[0] += 3600 + 1
    at.run()
    assert at.user["is_logged_in"] is False
    assert not at.get("metric") and "Logged in as" not in _shown(at)


def test_a_user_who_loses_the_e_mail_loses_the_session(database):
    at = _app(user={"is_logged_in": True, "email": "vic@example.com", "email_verified": True})
    assert "Logged in as vic" in _shown(at)
    with open_workspace(database) as ws:
        set_email(ws, "vic", "victor@example.com")
    at.run()
    assert not at.get("metric") and "Logged in as" not in _shown(at)
    assert "No user of this dashboard has the e-mail vic@example.com" in _shown(at)


def test_a_link_waits_ten_minutes_for_its_browser_once_and_the_store_is_bounded(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(login, "clock", lambda: now[0])
    links = login.LinksThroughSso(ttl=600, size=3)
    links.keep("a", ("reality", [("brand", "acme")]))
    assert links.pop("b") is None  # another browser gets nothing
    assert links.pop("a") == ("reality", [("brand", "acme")])
    assert links.pop("a") is None  # once
    links.keep("a", ("data", []))
    now[0] += 601
    assert links.pop("a") is None  # too late: the home page, as without a link
    for key in "wxyz":
        links.keep(key, (key, None))
    assert links.pop("w") is None and links.pop("z") == ("z", None)  # the oldest went
