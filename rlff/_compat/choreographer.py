"""choreographer's private insides RLFF uses (it runs kaleido's Chromium), and the fallbacks.

One hook, checked against choreographer 1.4.0:

* ``extra_args``: more switches on Chromium's command line (the served page's host rule
  and the lasting profile, :mod:`rlff.export.browser_cache`), by wrapping the private
  ``Browser._browser_impl.get_cli``. Off, kaleido's page and a throwaway profile are used.

The rest is choreographer's public API, kept here so the export code names no choreographer
module: finding the browser, its process, its errors.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

from rlff._compat import Hook

__all__ = [
    "EXTRA_ARGS",
    "BrowserFailedError",
    "ChromeNotFoundError",
    "add_chromium_args",
    "browser_process",
    "fast_paths",
    "find_browser",
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

_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _impl_class() -> Any:
    from choreographer.browsers.chromium import Chromium

    return Chromium


def fast_paths() -> dict[str, bool]:
    """Which choreographer hooks are on with the installed choreographer (False ones have warned)."""
    return {EXTRA_ARGS.name: EXTRA_ARGS.usable(callable(getattr(_impl_class(), "get_cli", None)))}


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


def stop_process(browser: Any, grace: float = 6.0) -> None:
    """Stop the browser's process now: SIGTERM (its wrapper stops Chromium), then SIGKILL after ``grace`` s."""
    process = browser_process(browser)
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
