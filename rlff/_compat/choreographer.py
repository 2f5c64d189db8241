"""choreographer's private insides RLFF uses (it runs kaleido's Chromium), and the fallbacks.

Two hooks, checked against choreographer 1.4.0:

* ``extra_args``: more switches on Chromium's command line (the served page's host rule
  and the lasting profile, :mod:`rlff.export.browser_cache`), by wrapping the private
  ``Browser._browser_impl.get_cli``. Off, kaleido's page and a throwaway profile are used.
* ``quiet_stop``: stopping a browser that hangs cancels choreographer's watchdog first
  (``Browser._watch_dog_task``), and the watchdog's "Wait expired, Browser is being closed"
  warning is dropped (RLFF reports the failure itself, on one line). Off, that line shows too.

The rest is choreographer's public API, kept here so the export code names no choreographer
module: finding the browser, its process, its errors.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from typing import Any

from rlff._compat import Hook

__all__ = [
    "EXTRA_ARGS",
    "QUIET_STOP",
    "BrowserFailedError",
    "ChromeNotFoundError",
    "add_chromium_args",
    "browser_process",
    "cancel_watchdog",
    "fast_paths",
    "find_browser",
    "quiet_watchdog",
    "stop_process",
]

EXTRA_ARGS = Hook(
    "choreographer",
    "extra_args",
    "1.4",
    "1.5",
    "Chromium starts with a throwaway profile and kaleido's file page (about 1 s more per export)",
)

try:
    from choreographer.errors import BrowserFailedError, ChromeNotFoundError
except ImportError:  # pragma: no cover - an older layout: the same classes, one level down
    from choreographer.browsers import BrowserFailedError  # type: ignore[no-redef]
    from choreographer.browsers.chromium import ChromeNotFoundError  # type: ignore[no-redef]

QUIET_STOP = Hook(
    "choreographer", "quiet_stop", "1.4", "1.5", "stopping a hung browser logs choreographer's warning too"
)

_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _impl_class() -> Any:
    from choreographer.browsers.chromium import Chromium

    return Chromium


def fast_paths() -> dict[str, bool]:
    """Which choreographer hooks are on with the installed choreographer (False ones have warned)."""
    from choreographer import Browser

    return {
        EXTRA_ARGS.name: EXTRA_ARGS.usable(callable(getattr(_impl_class(), "get_cli", None))),
        QUIET_STOP.name: QUIET_STOP.usable(hasattr(Browser, "_watch_dog_task")),
    }


def add_chromium_args(browser: Any, args: Sequence[str]) -> bool:
    """Append ``args`` to the command line ``browser`` (a choreographer Browser, not yet open) will run.

    Returns False, having warned, when the hook is off: the browser starts as choreographer says.
    """
    impl = getattr(browser, "_browser_impl", None)
    if not EXTRA_ARGS.usable(callable(getattr(impl, "get_cli", None))):
        return False
    get_cli = impl.get_cli  # type: ignore[union-attr]
    impl.get_cli = lambda: [*get_cli(), *args]  # type: ignore[union-attr]
    return True


def find_browser() -> str | None:
    """The Chrome/Chromium choreographer would start (``BROWSER_PATH`` aside); None if none."""
    try:
        found = _impl_class().find_browser(skip_local=False)
    except (AttributeError, TypeError):  # a choreographer without it: look on PATH ourselves
        found = next((path for name in _BROWSER_NAMES if (path := shutil.which(name))), None)
    return str(found) if found else None


def browser_process(browser: Any) -> subprocess.Popen[Any] | None:
    """The browser's process (choreographer's public ``Browser.subprocess``), None before it starts."""
    process = getattr(browser, "subprocess", None)
    return process if isinstance(process, subprocess.Popen) else None


class _NoWatchdogNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Wait expired, Browser is being closed")


_WATCHDOG_LOGGER = "choreographer.browser_async"
_quiet_filter = _NoWatchdogNotice()


def quiet_watchdog() -> None:
    """Drop choreographer's "browser is being closed by watchdog" warning (idempotent)."""
    from choreographer import Browser

    if QUIET_STOP.usable(hasattr(Browser, "_watch_dog_task")):
        logger = logging.getLogger(_WATCHDOG_LOGGER)
        if _quiet_filter not in logger.filters:
            logger.addFilter(_quiet_filter)


def cancel_watchdog(browser: Any) -> None:
    """Cancel choreographer's task that waits on the browser's process (call in the browser's event loop)."""
    if QUIET_STOP.usable(hasattr(type(browser), "_watch_dog_task")):
        task = getattr(browser, "_watch_dog_task", None)
        if task is not None:
            task.cancel()


def stop_process(browser: Any, grace: float = 1.0) -> None:
    """Stop the browser now: SIGTERM to its process group (choreographer starts it in a session of
    its own: the wrapper and Chromium), then SIGKILL after ``grace`` seconds; on Windows, kill it.

    The grace is short on purpose: choreographer's wrapper waits 5 s on a child it cannot
    reap (its SIGTERM handler runs inside its own ``wait()``), while Chromium exits at once.
    """
    process = browser_process(browser)
    if process is None or process.poll() is not None:
        return
    for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGKILL", None)):
        try:
            if hasattr(os, "killpg") and sig is not None:
                os.killpg(process.pid, sig)
            else:
                process.kill()
        except (ProcessLookupError, PermissionError):
            process.kill()
        try:
            process.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue
