"""Streamlit's private insides the dashboard uses, and what happens without them.

Four hooks, checked against streamlit 1.67.0 (see :mod:`rlff._compat` for the rules):

* ``use_warning_once``: run, from the warm-up's shallow stack, the check Streamlit does on
  the first element any session draws (``delta_generator._maybe_print_use_warning``, which
  calls ``inspect.stack()``: 0.3-1 s on a session's deep stack). Off, the first visitor waits.
* ``quiet_warm_up``: silence the logger that warns at every cached call outside a session
  (``streamlit.runtime.scriptrunner_utils.script_run_context``). Off, the warm-up logs noise.
* ``metric_css``: the ``data-testid`` names of ``st.metric``'s box and value, which the Big
  Boss view's CSS dresses. Off, the tiles keep Streamlit's plain look.
* ``browser_key``: the token inside Streamlit's XSRF cookie (``_streamlit_xsrf``, decoded by
  ``starlette_app_utils.decode_xsrf_token_string``), the one thing a browser carries unchanged
  through a single sign-on's round trip, which starts a new session. Off, a link opened before
  a single sign-on lands on the home page.

Single sign-on (:func:`sso_settings`, :func:`sso_login`) uses public Streamlit only, but reads
the secrets' ``[auth]`` table with the rules Streamlit 1.67 applies to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType

from rlff._compat import Hook

__all__ = [
    "METRIC_CSS",
    "QUIET_WARM_UP",
    "SSO_DEFAULT",
    "USE_WARNING_ONCE",
    "BROWSER_KEY",
    "SsoSettings",
    "browser_key",
    "fast_paths",
    "metric_selectors",
    "quiet_outside_sessions",
    "run_streamlit",
    "sso_login",
    "sso_settings",
    "streamlit_once_per_process",
]

_RANGE = ("1.50", "1.68")
USE_WARNING_ONCE = Hook(
    "streamlit", "use_warning_once", *_RANGE, "the first visitor's first element waits 0.3-1 s on inspect.stack()"
)
QUIET_WARM_UP = Hook("streamlit", "quiet_warm_up", *_RANGE, "the warm-up logs a warning at every cached call")
METRIC_CSS = Hook("streamlit", "metric_css", *_RANGE, "the Big Boss tiles keep Streamlit's plain look")
BROWSER_KEY = Hook(
    "streamlit", "browser_key", *_RANGE, "a link opened before a single sign-on lands on the home page after it"
)
_XSRF_COOKIE = "_streamlit_xsrf"

_SESSION_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
_METRIC_SELECTORS = {"metric": 'div[data-testid="stMetric"]', "value": 'div[data-testid="stMetricValue"]'}


def _delta_generator() -> ModuleType | None:
    try:
        return importlib.import_module("streamlit.delta_generator")
    except ImportError:
        return None


def _use_warning_present() -> bool:
    dg = _delta_generator()
    return callable(getattr(dg, "_maybe_print_use_warning", None)) and isinstance(
        getattr(dg, "_use_warning_has_been_displayed", None), bool
    )


def _session_logger_present() -> bool:
    try:
        return importlib.util.find_spec(_SESSION_LOGGER) is not None
    except ImportError:
        return False


def fast_paths() -> dict[str, bool]:
    """Which Streamlit hooks are on with the installed Streamlit (False ones have warned)."""
    return {
        USE_WARNING_ONCE.name: USE_WARNING_ONCE.usable(_use_warning_present()),
        QUIET_WARM_UP.name: QUIET_WARM_UP.usable(_session_logger_present()),
        METRIC_CSS.name: METRIC_CSS.usable(),
        BROWSER_KEY.name: BROWSER_KEY.usable(_xsrf_decoder() is not None),
    }


def _xsrf_decoder() -> Callable[[str], tuple[bytes | None, int | None]] | None:
    try:
        module = importlib.import_module("streamlit.web.server.starlette.starlette_app_utils")
    except ImportError:
        return None
    decode = getattr(module, "decode_xsrf_token_string", None)
    return decode if callable(decode) else None


def browser_key(cookies: Mapping[str, str]) -> str | None:
    """A key of this browser that outlives its session (a hash of the XSRF cookie's token); None if unknown.

    ``cookies``: ``st.context.cookies``. The cookie's text changes at every page load (a fresh
    mask), its token does not. None when XSRF protection is off or the hook is.
    """
    decode = _xsrf_decoder()
    if not BROWSER_KEY.usable(decode is not None):
        return None
    raw = cookies.get(_XSRF_COOKIE)
    if not raw:
        return None
    try:
        token, _ = decode(raw)  # type: ignore[misc]  # (None only when the hook is off)
    except Exception:  # noqa: BLE001 - a cookie we cannot read is no key, not an error page
        return None
    return hashlib.sha256(b"rlff.browser|" + token).hexdigest() if token else None


def streamlit_once_per_process() -> bool:
    """Do Streamlit's once-per-process first-element check now, from a shallow stack; False if the hook is off."""
    if not USE_WARNING_ONCE.usable(_use_warning_present()):
        return False
    dg = _delta_generator()
    if not getattr(dg, "_use_warning_has_been_displayed", True):
        dg._maybe_print_use_warning()  # type: ignore[union-attr]  # (None only when the hook is off)
    return True


@contextlib.contextmanager
def quiet_outside_sessions() -> Iterator[None]:
    """Silence Streamlit's "no script run context" warnings for the block (the warm-up is not a session)."""
    if not QUIET_WARM_UP.usable(_session_logger_present()):
        yield
        return
    quiet = logging.getLogger(_SESSION_LOGGER)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        yield
    finally:
        quiet.setLevel(level)


def metric_selectors() -> dict[str, str] | None:
    """CSS selectors of ``st.metric``'s box (``metric``) and value (``value``); None when the hook is off."""
    return dict(_METRIC_SELECTORS) if METRIC_CSS.usable() else None


def run_streamlit(argv: Sequence[str]) -> None:
    """``streamlit <argv>`` in this process (Streamlit's own command line, public)."""
    import sys

    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main(prog_name="streamlit")


# --- single sign-on: which st.login() providers the secrets' [auth] section sets up ------------------
# Public Streamlit (st.secrets, st.login), but the shape of [auth] is Streamlit's, checked against
# 1.67 (streamlit.auth_util.validate_auth_credentials): kept here so an upgrade has one place to look.

SSO_SHARED_KEYS = ("redirect_uri", "cookie_secret")
SSO_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
SSO_DEFAULT = "default"  # the provider st.login() uses when given no name: [auth]'s own keys


@dataclass(frozen=True)
class SsoSettings:
    """What ``[auth]`` of the secrets sets up.

    Attributes:
        providers: names to give ``st.login`` (:data:`SSO_DEFAULT` for ``[auth]``'s own keys), in order.
        problems: what keeps single sign-on from working, e.g. ``"[auth] redirect_uri"``; empty when fine.
    """

    providers: tuple[str, ...]
    problems: tuple[str, ...]


def _auth_section() -> Mapping[str, object] | None:
    """The secrets' ``[auth]`` table, or None (no secrets file, or no such table)."""
    import streamlit as st

    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no (readable) secrets file
        return None
    return section if isinstance(section, Mapping) else None


def sso_settings() -> SsoSettings | None:
    """The single sign-on set up in the secrets' ``[auth]`` table; None when there is none."""
    auth = _auth_section()
    if auth is None:
        return None
    problems = [f"[auth] {key}" for key in SSO_SHARED_KEYS if not auth.get(key)]
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not redirect.rstrip("/").endswith("/oauth2callback"):
        problems.append("[auth] redirect_uri …/oauth2callback")
    named = [k for k, v in auth.items() if isinstance(v, Mapping) and k != "client_kwargs"]
    providers: list[str] = []
    if any(auth.get(key) for key in SSO_PROVIDER_KEYS) or not named:
        providers.append(SSO_DEFAULT)
        problems += [f"[auth] {key}" for key in SSO_PROVIDER_KEYS if not auth.get(key)]
    for name in named:
        section = auth[name]
        assert isinstance(section, Mapping)  # (named keeps mappings only)
        providers.append(name)
        if "_" in name:  # Streamlit refuses provider names with an underscore
            problems.append(f"[auth.{name}] (no _)")
        problems += [f"[auth.{name}] {key}" for key in SSO_PROVIDER_KEYS if not section.get(key)]
    if importlib.util.find_spec("authlib") is None:
        problems.append("Authlib (pip install 'streamlit[auth]')")
    return SsoSettings(tuple(providers), tuple(problems))


def sso_login(provider: str) -> str | None:
    """Start ``st.login`` with ``provider``; the error's text when Streamlit refuses the settings."""
    import streamlit as st
    from streamlit.errors import StreamlitAPIException

    try:
        st.login() if provider == SSO_DEFAULT else st.login(provider)
    except StreamlitAPIException as exc:  # StreamlitAuthError, StreamlitMissingAuthlibError
        return " ".join(str(exc).split())
    return None
