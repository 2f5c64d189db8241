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

Single sign-on: when the secrets (``.streamlit/secrets.toml``) have an ``[auth]`` table, the
form also offers Streamlit's ``st.login`` (OpenID Connect). Back from the identity provider,
the e-mail it vouches for (``st.user.email``, with ``email_verified`` true when sent) is the
workspace user with that e-mail (``rlff users email``), logged in as with a password: same
session keys, role, brands and idle expiry. An e-mail no user has is refused, with no data
shown: a button logs out of the identity provider's session, and the password form stays.
Logging out, or idling out, of a single sign-on session also logs out of the provider's
(``st.logout``).

A link to a page (``/reality?brand=acme``) answered by the login form leads to that page once
logged in (:func:`pop_wanted_page`, used by :mod:`rlff_app.main`). After single sign-on too:
Streamlit's callback returns to the home page in a new session, so the link is kept on the
server for ten minutes under a key of the browser (:func:`rlff_app._compat.streamlit.browser_key`)
and picked up by the session that comes back logged in.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st

from rlff.i18n import t
from rlff.io.workspace import WorkspaceError
from rlff.io.workspace.throttle import LoginThrottle, idle_expired, throttle_keys
from rlff.io.workspace.users import User, authenticate, can, has_users, user_for_sso, user_named
from rlff_app import workspace
from rlff_app._compat.streamlit import SSO_DEFAULT, browser_key, sso_login, sso_settings
from rlff_app.show import plain_md

USER = "rlff.login.user"  # the User logged in (absent: nobody)
SEEN = "rlff.login.seen"  # when the session last ran, time.time()
ACTIVE = "rlff.login.active"  # True when this run is under login rules (the workspace has users)
NOTICE = "rlff.login.notice"  # a message for the next run's form (expired, logged out)
SSO = "rlff.login.sso"  # the e-mail of a session logged in by single sign-on (absent: by password)
WANTED = "rlff.login.wanted"  # the page (URL path, query or None) the visitor asked for before logging in
ENV_PUBLIC_DEMO = "RLFF_PUBLIC_DEMO"
ENV_IDLE_HOURS = "RLFF_SESSION_IDLE_HOURS"
DEFAULT_IDLE_HOURS = 8.0

clock: Callable[[], float] = time.time  # replaced by tests


@st.cache_resource(show_spinner=False)
def throttle() -> LoginThrottle:
    """The server's one login throttle (shared by every session)."""
    return LoginThrottle()


Link = tuple[str, list[tuple[str, str]] | None]  # (URL path of a page, its query; None: the current one)


class LinksThroughSso:
    """The links browsers asked for when they left for single sign-on, by browser key, for ``ttl`` seconds.

    Bounded: past ``size`` links the oldest go (a visitor clicking the button in a loop costs memory
    for ``size`` links at most).
    """

    def __init__(self, ttl: float = 600.0, size: int = 1000) -> None:
        self.ttl, self.size = ttl, size
        self._links: dict[str, tuple[float, Link]] = {}
        self._lock = threading.Lock()

    def keep(self, key: str, link: Link) -> None:
        with self._lock:
            self._links.pop(key, None)
            self._links[key] = (clock() + self.ttl, link)
            while len(self._links) > self.size:
                del self._links[next(iter(self._links))]

    def pop(self, key: str) -> Link | None:
        with self._lock:
            until, link = self._links.pop(key, (0.0, None))
        return link if link is not None and clock() < until else None


@st.cache_resource(show_spinner=False)
def links_through_sso() -> LinksThroughSso:
    """The server's one store of links waiting for a single sign-on to come back."""
    return LinksThroughSso()


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
    """The "Log out" button: forget everything this session held, then show the form.

    A single sign-on session also ends the identity cookie (and, when the provider has an
    end-session endpoint, the provider's session): ``st.logout`` redirects there and back.
    """
    came_from_sso = SSO in st.session_state
    st.session_state.clear()
    st.session_state[NOTICE] = "login.logged_out"
    if came_from_sso:
        st.logout()


def _sso_identity() -> tuple[object, object] | None:
    """(e-mail, email_verified or None) of the identity provider's login; None when nobody is logged in by it."""
    if not st.user.get("is_logged_in"):
        return None
    return st.user.get("email"), st.user.get("email_verified")


def _sso_buttons(lang: str) -> None:
    """Under the password form: one "Log in with single sign-on" button per provider of ``[auth]``."""
    settings = sso_settings()
    if settings is None:
        return
    if settings.problems:
        message = t("login.sso.misconfigured", lang, problems=", ".join(settings.problems))
        st.warning(plain_md(message), icon=":material/key_off:")
        return
    for provider in settings.providers:
        label = (
            t("login.sso.button", lang)
            if provider == SSO_DEFAULT
            else t("login.sso.button_named", lang, provider=provider)
        )
        if st.button(label, key=f"login.sso.{provider}", icon=":material/key:"):
            _keep_link_through_sso()
            problem = sso_login(provider)
            if problem:
                st.error(plain_md(t("login.sso.misconfigured", lang, problems=problem)), icon=":material/key_off:")


def _sso_user(lang: str) -> tuple[User | None, bool]:
    """(the workspace user the identity provider's login maps to, then logged in; whether it was refused).

    A login that maps to no user is refused here: a message and a button that ends it (the
    password form still follows, for someone who has a password).
    """
    settings = sso_settings()
    identity = _sso_identity() if settings is not None and not settings.problems else None
    if identity is None:
        return None, False
    ws = workspace.existing()
    try:
        if ws is None:  # (gate checked it has users)
            raise WorkspaceError("login.sso.unknown", email=str(identity[0]))
        user = user_for_sso(ws, *identity)
    except WorkspaceError as exc:
        if not exc.key.startswith("login.sso."):
            raise  # the workspace cannot be read: gate says so
        st.error(plain_md(exc.message(lang)), icon=":material/lock:")
        st.button(t("login.sso.logout", lang), key="login.sso.logout", on_click=st.logout, icon=":material/logout:")
        return None, True
    st.session_state[USER] = user
    st.session_state[SEEN] = clock()
    st.session_state[SSO] = user.email
    key = _browser_key()
    link = links_through_sso().pop(key) if key else None
    if link is not None:
        st.session_state[WANTED] = link
    return user, False


def _client_address() -> str | None:
    """The client's address: behind a reverse proxy, the first X-Forwarded-For entry, else the socket's."""
    try:
        headers = st.context.headers
        forwarded = str(headers.get("X-Forwarded-For") or "") if headers else ""
        return forwarded.split(",")[0].strip() or st.context.ip_address or None
    except Exception:  # noqa: BLE001 - no client context (AppTest, bare mode)
        return None


def _form(lang: str, offer_sso: bool = True) -> None:
    """The login form (and the single sign-on buttons, unless ``offer_sso`` is false); a good password logs in and reruns the app."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.info(t(notice, lang))
    with st.form("login.form"):
        st.subheader(t("login.title", lang))
        name = st.text_input(t("login.name", lang), key="login.name", max_chars=100)
        password = st.text_input(t("login.password", lang), type="password", key="login.password")
        submitted = st.form_submit_button(t("login.submit", lang))
    if offer_sso:
        _sso_buttons(lang)
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
    came_from_sso = SSO in st.session_state
    if idle_expired(float(st.session_state.get(SEEN, 0.0)), clock(), idle_seconds()):
        st.session_state.clear()
        st.session_state[NOTICE] = "login.expired"
        if came_from_sso:  # else the identity cookie would log the session straight back in
            st.logout()
            st.stop()
        return None
    ws = workspace.existing()
    fresh = user_named(ws, user.name) if ws is not None else None
    # A single sign-on session holds while the user still has the e-mail it logged in with.
    if came_from_sso and (fresh is None or fresh.email != st.session_state[SSO] or _sso_identity() is None):
        fresh = None
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
    refused = False
    try:
        user = _refresh(lang)
        if user is None:
            with st.sidebar if public_demo() else contextlib.nullcontext():
                user, refused = _sso_user(lang)
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
            _form(lang, offer_sso=not refused)
        return  # the simulation only: no brand is visible to nobody (see allowed)
    _remember_page()
    _form(lang, offer_sso=not refused)
    st.stop()


def _wanted_path() -> str | None:
    """The URL path of the page this session's link asked for (``reality``; ``""`` for home); None if unknown."""
    with contextlib.suppress(Exception):  # no browser context (AppTest, bare mode)
        url = st.context.url
        if url:
            return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return None


def _browser_key() -> str | None:
    with contextlib.suppress(Exception):  # no browser context (AppTest, bare mode)
        return browser_key(st.context.cookies)
    return None


def _keep_link_through_sso() -> None:
    """Before leaving for the identity provider: keep the page and query for the session that comes back."""
    path, key = _wanted_path(), _browser_key()
    if path is None or key is None:
        return  # the provider's callback lands on the home page, as without this
    query = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    if path or query:
        links_through_sso().keep(key, (path, query))


def _remember_page() -> None:
    """Keep the page the link asked for (``/reality``): the login's rerun would land on the default page."""
    path = _wanted_path()
    if path is not None:
        st.session_state[WANTED] = (path, None)  # the query stays in the address bar


def pop_wanted_page() -> Link | None:
    """(URL path, query or None for the current one) of the page asked for before the login, once; else None."""
    wanted = st.session_state.pop(WANTED, None)
    if not isinstance(wanted, tuple) or len(wanted) != 2:
        return None
    path, query = wanted
    return (path, query) if path or query else None
