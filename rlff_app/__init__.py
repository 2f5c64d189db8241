"""RLFF's Streamlit dashboard (``streamlit run dashboard.py`` or ``rlff dashboard``).

Kept apart from :mod:`rlff`, which never imports streamlit. This ``__init__`` imports
only ``threading``, so ``import rlff_app`` stays cheap and streamlit-free; the app itself
is :mod:`rlff_app.main`, one small script per view lives in :mod:`rlff_app.views`.

It also holds the warm-up gate: :mod:`rlff_app.startup.launch` (how ``rlff dashboard`` starts
the server) warms the app up in a background thread while the first browser loads the
page, and every session's first run waits for it (:func:`wait_for_warm_up`) instead of
importing the same modules at the same time.
"""

from __future__ import annotations

import threading

_warm = threading.Event()
_warm.set()  # nothing to wait for unless the launcher says so
_libraries = threading.Event()
_libraries.set()

WARM_UP_TIMEOUT_S = 300.0


def warming_up() -> None:
    """The launcher has started warming the app up: sessions wait until :func:`warmed_up`."""
    _libraries.clear()
    _warm.clear()


def libraries_loaded() -> None:
    """pandas and plotly are fully imported (:mod:`rlff_app.startup.libraries`): a session may draw a chart."""
    _libraries.set()


def warmed_up() -> None:
    """The warm-up has finished (or failed: sessions then import and report the error themselves)."""
    _libraries.set()
    _warm.set()


def is_warming_up() -> bool:
    """True while the launcher's warm-up runs."""
    return not _warm.is_set()


def wait_for_libraries(timeout: float = WARM_UP_TIMEOUT_S) -> bool:
    """Block until pandas and plotly are imported (at once when there is no warm-up); False on timeout."""
    return _libraries.wait(timeout)


def wait_for_warm_up(timeout: float = WARM_UP_TIMEOUT_S) -> bool:
    """Block until the launcher's warm-up is done (at once when there is none); False on timeout."""
    return _warm.wait(timeout)
