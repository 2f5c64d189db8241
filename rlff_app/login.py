"""Logging in to a dashboard whose workspace has users (:mod:`rlff.io.workspace.users`).

:func:`gate` runs first in every run of the app. With no user in the workspace (or no
workspace yet) it does nothing: the dashboard is open, as before users existed. Otherwise
nothing is drawn until the visitor logs in (name + password), except the simulated parody
when the server was started with ``rlff dashboard --public-demo`` (``RLFF_PUBLIC_DEMO=1``):
then the login form sits in the sidebar and no workspace brand is shown before it.

Failed logins are slowed down per user name and per client address
(:class:`~rlff.io.workspace.throttle.LoginThrottle`, one per server process). A session
idle for ``RLFF_SESSION_IDLE_HOURS`` hours (8 by default) logs out; so does the sidebar's
"Log out" button, which clears the whole session. The user's role and brands are read
again on every run, so a change made with ``rlff users`` applies at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import streamlit as st

from rlff.i18n import t
from rlff.io.workspace import WorkspaceError
from rlff.io.workspace.throttle import LoginThrottle, idle_expired, throttle_keys
from rlff.io.workspace.users import User, authenticate, can, has_users, user_named
from rlff_app import workspace
from rlff_app.show import plain_md

USER = "rlff.login.user"  # the User logged in (absent: nobody)
SEEN = "rlff.login.seen"  # when the session last ran, time.time()
ACTIVE = "rlff.login.active"  # True when this run is under login rules (the workspace has users)
NOTICE = "rlff.login.notice"  # a message for the next run's form (expired, logged out)
ENV_PUBLIC_DEMO = "RLFF_PUBLIC_DEMO"
ENV_IDLE_HOURS = "RLFF_SESSION_IDLE_HOURS"
DEFAULT_IDLE_HOURS = 8.0

clock: Callable[[], float] = time.time  # replaced by tests


@st.cache_resource(show_spinner=False)
def throttle() -> LoginThrottle:
    """The server's one login throttle (shared by every session)."""
    return LoginThrottle()


def idle_seconds() -> float:
    """How long a session may stay idle: ``$RLFF_SESSION_IDLE_HOURS`` (default 8) hours."""
    try:
        hours = float(os.environ.get(ENV_IDLE_HOURS, "") or DEFAULT_IDLE_HOURS)
    except ValueError:
        hours = DEFAULT_IDLE_HOURS
    return max(hours, 0.0) * 3600


def public_demo() -> bool:
    """Whether the simulation is shown without a login (``rlff dashboard --public-demo``)."""
    return os.environ.get(ENV_PUBLIC_DEMO, "") not in ("", "0", "false", "no")


def current_user() -> User | None:
    """The user logged in, or None (nobody, or no login rules: see :func:`allowed`)."""
    user = st.session_state.get(USER)
    return user if isinstance(user, User) else None


def allowed(action: str, brand: str | None) -> bool:
    """Whether this session may do ``action`` on ``brand`` (always, on a workspace without users)."""
    if not st.session_state.get(ACTIVE):
        return True
    return can(current_user(), action, brand)


def logout() -> None:
    """The "Log out" button: forget everything this session held, then show the form."""
    st.session_state.clear()
    st.session_state[NOTICE] = "login.logged_out"


def _client_address() -> str | None:
    """The client's address: behind a reverse proxy, the first X-Forwarded-For entry, else the socket's."""
    try:
        headers = st.context.headers
        forwarded = str(headers.get("X-Forwarded-For") or "") if headers else ""
        return forwarded.split(",")[0].strip() or st.context.ip_address or None
    except Exception:  # noqa: BLE001 - no client context (AppTest, bare mode)
        return None


def _form(lang: str) -> None:
    """The login form; a good password logs in and reruns the app."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.info(t(notice, lang))
    with st.form("login.form"):
        st.subheader(t("login.title", lang))
        name = st.text_input(t("login.name", lang), key="login.name", max_chars=100)
        password = st.text_input(t("login.password", lang), type="password", key="login.password")
        submitted = st.form_submit_button(t("login.submit", lang))
    if not submitted:
        return
    keys = throttle_keys(name, _client_address())
    wait = throttle().wait(keys)
    if wait > 0:
        st.error(t("login.wait", lang, seconds=int(wait) + 1), icon=":material/timer:")
        return
    ws = workspace.existing()
    user = authenticate(ws, name, password) if ws is not None else None
    if user is None:
        throttle().failed(keys)
        st.error(t("login.failed", lang), icon=":material/lock:")
        return
    throttle().succeeded(keys[:1])
    for key in ("login.name", "login.password"):
        st.session_state.pop(key, None)
    st.session_state[USER] = user
    st.session_state[SEEN] = clock()
    st.rerun()


def _refresh(lang: str) -> User | None:
    """The session's user, read again from the workspace; None when expired or removed."""
    user = current_user()
    if user is None:
        return None
    if idle_expired(float(st.session_state.get(SEEN, 0.0)), clock(), idle_seconds()):
        st.session_state.clear()
        st.session_state[NOTICE] = "login.expired"
        return None
    ws = workspace.existing()
    fresh = user_named(ws, user.name) if ws is not None else None
    if fresh is None:
        st.session_state.clear()
        return None
    st.session_state[USER] = fresh
    st.session_state[SEEN] = clock()
    return fresh


def gate(lang: str) -> None:
    """Run first: let the run go on when the session may see the app, else draw the form and stop.

    Never raises: a workspace that cannot be read is a message (and nothing else is drawn).
    """
    try:
        ws = workspace.existing()
        active = ws is not None and has_users(ws)
    except WorkspaceError as exc:
        st.error(plain_md(t("login.error", lang, message=exc.message(lang))), icon=":material/error:")
        st.stop()
    st.session_state[ACTIVE] = active
    if not active:
        st.session_state.pop(USER, None)
        return
    try:
        user = _refresh(lang)
    except WorkspaceError as exc:
        st.error(plain_md(t("login.error", lang, message=exc.message(lang))), icon=":material/error:")
        st.stop()
    if user is not None:
        with st.sidebar:
            st.caption(plain_md(t("login.signed_in", lang, name=user.name, role=user.role)))
            st.button(t("login.logout", lang), key="login.logout", on_click=logout, icon=":material/logout:")
        return
    if public_demo():
        with st.sidebar:
            _form(lang)
        return  # the simulation only: no brand is visible to nobody (see allowed)
    _form(lang)
    st.stop()
