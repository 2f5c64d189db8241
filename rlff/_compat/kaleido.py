"""kaleido's private insides RLFF uses, and the slower public path when they are gone.

Two hooks, both checked against kaleido 1.5.1:

* ``no_reload``: kaleido reloads its tab (and re-parses plotly.js) after every image,
  which costs more than the render itself. PNG and SVG renders leave no state in the
  page, so the tab goes straight back to kaleido's queue (``_render_task``,
  ``_return_kaleido_tab``, ``tabs_ready``). A PDF render prints the page: it keeps the reload.
* ``served_page``: kaleido's page served over loopback HTTP (:mod:`rlff.export.browser_cache`)
  instead of a ``file://`` page it writes itself (``_saved_page_arg``, ``_index``,
  ``kaleido._page_generator``, and ``choreographer.Browser.open`` under ``Kaleido.open``).

Off, kaleido renders the same images with its own page and reloads.
"""

from __future__ import annotations

import contextvars
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from rlff._compat import Hook

__all__ = [
    "NO_RELOAD",
    "SERVED_PAGE",
    "ServedPage",
    "fast_paths",
    "kaleido_class",
    "page_with_scripts",
    "scopes_script",
]

NO_RELOAD = Hook(
    "kaleido", "no_reload", "1.5", "1.6", "kaleido reloads its tab after every image (about 1 s more per PNG/SVG)"
)
SERVED_PAGE = Hook(
    "kaleido",
    "served_page",
    "1.5",
    "1.6",
    "kaleido loads plotly.js from a file in a new profile every time (about 1 s more per export)",
)

_NO_RELOAD_METHODS = ("_render_task", "_return_kaleido_tab")
# The format being rendered by the current kaleido render task (each task has its own context).
_RENDER_FORMAT: contextvars.ContextVar[str | None] = contextvars.ContextVar("rlff_render_format", default=None)
_NO_RELOAD_FORMATS = ("png", "svg")


class ServedPage(Protocol):
    """What :func:`kaleido_class` needs of a served page (:class:`rlff.export.browser_cache.BrowserCache`)."""

    index_url: str

    def closing(self) -> None: ...
    def close(self) -> None: ...


def _page_generator() -> Any:
    try:
        return importlib.import_module("kaleido._page_generator")
    except ImportError:
        return None


def _no_reload_present(base: type) -> bool:
    return all(callable(getattr(base, name, None)) for name in _NO_RELOAD_METHODS)


def _served_page_present(base: type) -> bool:
    pages = _page_generator()
    return (
        pages is not None
        and isinstance(getattr(getattr(pages, "PageGenerator", None), "footer", None), str)
        and Path(getattr(pages, "KJS_PATH", "")).is_file()
        and callable(getattr(base.__mro__[1], "open", None))
    )


def fast_paths() -> dict[str, bool]:
    """Which kaleido hooks are on with the installed kaleido (False ones have warned)."""
    import kaleido

    base = kaleido.Kaleido
    return {
        NO_RELOAD.name: NO_RELOAD.usable(_no_reload_present(base)),
        SERVED_PAGE.name: SERVED_PAGE.usable(_served_page_present(base)),
    }


def scopes_script() -> bytes | None:
    """kaleido's page script (``kaleido_scopes.js``), or None when the served page is off."""
    pages = _page_generator()
    path = Path(getattr(pages, "KJS_PATH", ""))
    return path.read_bytes() if pages is not None and path.is_file() else None


def page_with_scripts(plotly_url: str, scopes_url: str) -> str | None:
    """kaleido's page, loading plotly.js from ``plotly_url`` and its script from ``scopes_url``.

    None (kaleido keeps its own ``file://`` page) when the ``served_page`` hook is off or
    the page still names a local file.
    """
    import kaleido

    if not SERVED_PAGE.usable(_served_page_present(kaleido.Kaleido)):
        return None
    pages = _page_generator()
    local = Path(pages.KJS_PATH).as_uri()
    footer = pages.PageGenerator.footer
    if local not in footer:
        SERVED_PAGE.warn("its page no longer names kaleido_scopes.js where expected")
        return None

    class Page(pages.PageGenerator):  # type: ignore[misc, name-defined]
        pass

    Page.footer = footer.replace(local, scopes_url)
    index: str = Page(plotly=(plotly_url, "utf-8"), mathjax=False).generate_index()
    if "file://" in index:
        SERVED_PAGE.warn("its page still loads a local file")
        return None
    return index


async def _page_ready(tab: Any) -> bool:
    """True when the tab's JavaScript context (kaleido's ``_current_js_id``) holds kaleido's script."""
    try:
        reply = await tab.tab.send_command(
            "Runtime.evaluate",
            params={"expression": "typeof kaleido_scopes", "contextId": tab._current_js_id, "returnByValue": True},
        )
    except Exception:  # noqa: BLE001 - a context that is gone: not ready
        return False
    result = reply.get("result", {}).get("result", {}) if isinstance(reply, dict) else {}
    return result.get("value") not in (None, "undefined")


def kaleido_class(served_page: Callable[[Any], ServedPage | None] | None = None) -> type:
    """kaleido's ``Kaleido``, with the hooks that are on.

    Args:
        served_page: called with each new browser (before it opens) for the page to serve it;
            it may add to the browser's command line. None or a None result: kaleido's own page.

    The class counts what it did in ``fast_returns`` (tabs given back without a reload) and
    ``served`` (whether it opened the served page), so tests can see the fast paths run.
    """
    import kaleido

    base: Any = kaleido.Kaleido
    no_reload = NO_RELOAD.usable(_no_reload_present(base))
    serve = served_page is not None and SERVED_PAGE.usable(_served_page_present(base))
    if not (no_reload or serve):
        return base
    browser_open = base.__mro__[1].open  # choreographer's Browser.open, under Kaleido.open

    class FastKaleido(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.served = False
            self.fast_returns = 0
            self.context_fixes = 0  # tabs that had the blank page's context and were reloaded
            self._rlff_checked: set[int] = set()
            self._rlff_page: ServedPage | None = None
            if serve and served_page is not None:
                if hasattr(self, "_saved_page_arg"):
                    self._rlff_page = served_page(self)
                else:
                    SERVED_PAGE.warn("Kaleido() no longer keeps its page for open()")

        async def open(self) -> None:
            if self._rlff_page is None:
                await super().open()
                return
            # kaleido's open(), minus writing its page to a temporary file: the page is served.
            del self._saved_page_arg
            self._index = self._rlff_page.index_url
            self.served = True
            await browser_open(self)

        async def _get_kaleido_tab(self) -> Any:
            tab = await super()._get_kaleido_tab()
            if self.served and id(tab) not in self._rlff_checked:
                # kaleido takes the first JavaScript context reported after it navigates; over
                # HTTP, under load, that can still be the blank page's, where its script is not
                # defined ("kaleido_scopes is not defined"). Check once per tab; reload if so.
                self._rlff_checked.add(id(tab))
                if not await _page_ready(tab):
                    await tab.reload()  # Runtime is enabled now: the reload reports the page's context
                    self.context_fixes += 1
            return tab

        async def close(self) -> None:
            if self._rlff_page is not None:
                self._rlff_page.closing()
            try:
                await super().close()
            finally:
                if self._rlff_page is not None:
                    self._rlff_page.close()
                    self._rlff_page = None

        if no_reload:

            async def _render_task(self, fig_arg: Any, **kwargs: Any) -> Any:
                _RENDER_FORMAT.set((fig_arg.get("opts") or {}).get("format"))
                return await super()._render_task(fig_arg, **kwargs)

            async def _return_kaleido_tab(self, tab: Any) -> None:
                queue = getattr(self, "tabs_ready", None)
                if _RENDER_FORMAT.get() in _NO_RELOAD_FORMATS and queue is not None:
                    await queue.put(tab)
                    self.fast_returns += 1
                    return
                if queue is None:
                    NO_RELOAD.warn("Kaleido has no tabs_ready queue")
                await super()._return_kaleido_tab(tab)

    return FastKaleido
