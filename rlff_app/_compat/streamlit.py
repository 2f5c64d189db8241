"""Streamlit's private insides the dashboard uses, and what happens without them.

Three hooks, checked against streamlit 1.67.0 (see :mod:`rlff._compat` for the rules):

* ``use_warning_once``: run, from the warm-up's shallow stack, the check Streamlit does on
  the first element any session draws (``delta_generator._maybe_print_use_warning``, which
  calls ``inspect.stack()``: 0.3-1 s on a session's deep stack). Off, the first visitor waits.
* ``quiet_warm_up``: silence the logger that warns at every cached call outside a session
  (``streamlit.runtime.scriptrunner_utils.script_run_context``). Off, the warm-up logs noise.
* ``metric_css``: the ``data-testid`` names of ``st.metric``'s box and value, which the Big
  Boss view's CSS dresses. Off, the tiles keep Streamlit's plain look.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
from collections.abc import Iterator, Sequence
from types import ModuleType

from rlff._compat import Hook

__all__ = [
    "METRIC_CSS",
    "QUIET_WARM_UP",
    "USE_WARNING_ONCE",
    "fast_paths",
    "metric_selectors",
    "quiet_outside_sessions",
    "run_streamlit",
    "streamlit_once_per_process",
]

_RANGE = ("1.50", "1.68")
USE_WARNING_ONCE = Hook(
    "streamlit", "use_warning_once", *_RANGE, "the first visitor's first element waits 0.3-1 s on inspect.stack()"
)
QUIET_WARM_UP = Hook("streamlit", "quiet_warm_up", *_RANGE, "the warm-up logs a warning at every cached call")
METRIC_CSS = Hook("streamlit", "metric_css", *_RANGE, "the Big Boss tiles keep Streamlit's plain look")

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
    }


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
