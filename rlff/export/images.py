"""Charts -> PNG / SVG / PDF bytes, through kaleido and one shared Chromium.

Starting a browser costs seconds; rendering one more figure in an open browser costs
a fraction of one. So every export goes through an :class:`ImageRenderer`: one
Chromium (one kaleido tab) that renders many figures. A command-line export opens
one, renders everything, and closes it; the dashboard keeps one per process
(:func:`shared_renderer`) and lets every browser session use it at once — renders
queue on kaleido's tab and each caller gets its own results back.

``export_images`` returns content, ``save_images`` writes files (atomically, after
every image rendered, so a failure leaves no partial export behind).

A browser gets ``RLFF_BROWSER_START_TIMEOUT`` seconds to start (default 60) and
``RLFF_BROWSER_TIMEOUT`` seconds per picture (default 60); past either, it is stopped and
the export fails with :class:`BrowserFailed`, naming the browser. kaleido's and
choreographer's private hooks are in :mod:`rlff._compat`.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from rlff._compat import choreographer as choreographer_compat
from rlff._compat import kaleido as kaleido_compat
from rlff.i18n.messages import LocalizedError, Message
from rlff.io.atomic import atomic_folder, write_file

__all__ = [
    "FORMATS",
    "IMAGE_HEIGHT",
    "IMAGE_WIDTH",
    "BrowserFailed",
    "ChromiumMissing",
    "ExportError",
    "ImageRenderer",
    "Progress",
    "RenderBatch",
    "chromium_path",
    "default_scale",
    "export_images",
    "image_name",
    "require_chromium",
    "picture_timeout",
    "save_images",
    "shared_renderer",
    "start_timeout",
]

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

# 16:9, the shape of a slide. PNGs are rendered at 2x (2560 x 1440) by default.
IMAGE_WIDTH = 1280
IMAGE_HEIGHT = 720

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``: called after each step of a long export."""


class _ChartLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def figure(self) -> Any: ...


class ExportError(LocalizedError, RuntimeError):
    """An export that could not be made; the message says what to do (``message(lang)``)."""


class ChromiumMissing(ExportError):
    """No Chromium/Chrome for kaleido to render images with.

    ``detail``: what went wrong, as the browser's library said it (English), or a
    :class:`~rlff.i18n.messages.Message` of ours (said in the message's language).
    """

    def __init__(self, detail: str = "") -> None:
        if detail:
            super().__init__("export.error.no_browser_detail", detail=detail)
        else:
            super().__init__("export.error.no_browser")


class BrowserFailed(ChromiumMissing):
    """A browser that is there but does not work (closes at once, never answers, hangs on a picture).

    A :class:`ChromiumMissing` as far as callers go: the fixes are the same (a working
    browser, or ``BROWSER_PATH`` pointing at one), and so is the exit code.
    """

    def __init__(self, key: str, /, **values: object) -> None:
        ExportError.__init__(self, key, **values)


_DEFAULT_TIMEOUT_S = 60.0


def _seconds_from_env(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise BrowserFailed("export.error.bad_seconds", name=name, value=repr(text))
    return value


def start_timeout() -> float:
    """Seconds a browser gets to start: ``RLFF_BROWSER_START_TIMEOUT``, default 60."""
    return _seconds_from_env("RLFF_BROWSER_START_TIMEOUT", _DEFAULT_TIMEOUT_S)


def picture_timeout() -> float:
    """Seconds a browser gets for one picture: ``RLFF_BROWSER_TIMEOUT``, default 60."""
    return _seconds_from_env("RLFF_BROWSER_TIMEOUT", _DEFAULT_TIMEOUT_S)


class _PictureTimeout(Exception):
    """One picture took longer than its time limit (RenderBatch names it)."""


def chromium_path() -> str | None:
    """The browser kaleido will start: ``BROWSER_PATH`` if set, else the first one found; None if none.

    A ``BROWSER_PATH`` that is not an executable file counts as no browser (kaleido
    would fail on it later, with a less helpful message).
    """
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.path.isfile(override) and os.access(override, os.X_OK) else None
    return choreographer_compat.find_browser()


def require_chromium() -> str:
    """The browser's path, or :class:`ChromiumMissing` naming both fixes."""
    path = chromium_path()
    if path is None:
        override = os.environ.get("BROWSER_PATH")
        raise ChromiumMissing(Message("export.error.browser_path", path=repr(override)) if override else "")
    return path


def default_scale(fmt: str) -> float:
    """2x for PNG (crisp on a projector and a retina screen), 1 for the vector formats."""
    return 2.0 if fmt == "png" else 1.0


def _check_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"image format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


class ImageRenderer:
    """One Chromium that renders many figures; safe to share between threads.

    The browser runs kaleido on an event loop in a background thread. ``render`` may
    be called from any number of threads at once: the figures queue on kaleido's tab
    (more tabs are slower on two cores) and every caller gets its own images back.
    ``progress`` callbacks run in the caller's thread (Streamlit needs that).

    Args:
        idle_timeout: close the browser after this many idle seconds (None: keep it
            until :meth:`close`); the next render starts a new one.
        timeout: seconds allowed for any one image (default :func:`picture_timeout`).
        launch_timeout: seconds allowed for the browser to start (default :func:`start_timeout`).

    Example:
        >>> with ImageRenderer() as renderer:  # doctest: +SKIP
        ...     pngs = renderer.render([fig1, fig2], fmt="png")
    """

    def __init__(
        self, *, idle_timeout: float | None = None, timeout: float | None = None, launch_timeout: float | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: concurrent.futures.Future[Any] | None = None
        self._gate: asyncio.Lock | None = None
        self._busy = 0
        self._idle_timeout = idle_timeout
        self._idle_timer: threading.Timer | None = None
        self._timeout_arg, self._launch_timeout_arg = timeout, launch_timeout
        self._timeout = self._launch_timeout = _DEFAULT_TIMEOUT_S
        self._browser_path = ""
        self.browsers_started = 0  # how many Chromiums this renderer has launched (for tests)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Launch the browser in the background (returns at once); raises :class:`ChromiumMissing`."""
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._kaleido is not None:
            return
        self._browser_path = require_chromium()
        # Read at each start, so a bad setting is reported like a missing browser (exit code 2).
        self._timeout = self._timeout_arg or picture_timeout()
        self._launch_timeout = self._launch_timeout_arg or start_timeout()
        self._gate = asyncio.Lock()
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="rlff-kaleido", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        self._kaleido = asyncio.run_coroutine_threadsafe(self._open(), loop)
        self.browsers_started += 1

    async def _open(self) -> Any:
        try:
            # mathjax=False: no formulas in RLFF's charts, and no waiting on a CDN offline.
            k = _kaleido_class()(n=1, timeout=None, mathjax=False)  # our own limit: see one()
        except choreographer_compat.ChromeNotFoundError as exc:
            raise ChromiumMissing(str(exc).split(".")[0]) from None
        choreographer_compat.quiet_watchdog()  # a browser that fails is reported once, by us
        # Not asyncio.wait_for: choreographer turns the cancellation into its own error.
        opening = asyncio.ensure_future(k.open())
        try:
            done, _ = await asyncio.wait({opening}, timeout=self._launch_timeout)
            if not done:
                opening.cancel()
                with contextlib.suppress(BaseException):
                    await opening
                raise BrowserFailed(
                    "export.error.start_timeout", path=self._browser_path, seconds=f"{self._launch_timeout:g}"
                )
            try:
                opening.result()
            except choreographer_compat.BrowserFailedError:
                raise BrowserFailed("export.error.browser_stopped", path=self._browser_path) from None
        except BaseException:
            await _abandon(k)
            raise
        return k

    def close(self, *, wait: bool = True) -> None:
        """Close the browser and its thread (a later render starts a new one).

        With ``wait=False`` the browser shuts down in a background thread (it takes most
        of a second) and the caller gets on with its files; the interpreter still waits
        for it before exiting.
        """
        if not wait:
            threading.Thread(target=self.close, name="rlff-kaleido-close", daemon=False).start()
            return
        with self._lock:
            self._close_locked()

    def _close_locked(self, *, stop: bool = False) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        future, loop, thread = self._kaleido, self._loop, self._thread
        self._kaleido = self._loop = self._thread = None
        if future is None or loop is None:
            return
        try:
            k = future.result(timeout=self._launch_timeout + 15)  # _open() gives up by then
            if stop:  # a browser that stopped answering would not answer "close" either
                asyncio.run_coroutine_threadsafe(_abandon(k), loop).result(timeout=30)
            else:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(timeout=30)
        except Exception:  # noqa: BLE001 - closing a browser that failed to open or died
            pass
        # Tasks a failed browser left behind (its watchdog, renders never started) end here,
        # not as "Task was destroyed but it is pending!" at exit.
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_cancel_pending(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=30)
        if not loop.is_running():
            loop.close()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._busy == 0:
                self._close_locked()

    def __enter__(self) -> ImageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        """Whether a browser is running (or starting)."""
        return self._kaleido is not None

    # --- rendering ------------------------------------------------------------------------

    def submit(
        self,
        figures: Sequence[Any],
        *,
        fmt: str = "png",
        width: int = IMAGE_WIDTH,
        height: int = IMAGE_HEIGHT,
        scale: float | None = None,
        labels: Sequence[str] | None = None,
    ) -> RenderBatch:
        """Queue ``figures`` for rendering and return at once (even while the browser is starting).

        Raises:
            ChromiumMissing: no browser to start (raised here, before anything is queued).
        """
        fmt = _check_format(fmt)
        opts = {"format": fmt, "width": width, "height": height, "scale": scale or default_scale(fmt)}
        labels = list(labels) if labels is not None else [f"figure {i + 1}" for i in range(len(figures))]
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            self._start_locked()
            self._busy += 1
            browser, loop, gate, limit = self._kaleido, self._loop, self._gate, self._timeout
        assert browser is not None and loop is not None and gate is not None
        # Plotly figures become plain dicts here, in the caller's thread: the browser's
        # thread then only ships JSON, and two sessions never share a figure object.
        specs = [_as_dict(fig) for fig in figures]

        async def one(spec: Any) -> bytes:
            k = await asyncio.wrap_future(browser)
            # One picture at a time (kaleido has one tab anyway): the time limit counts the
            # render, not the wait behind other pictures.
            async with gate:
                rendering = asyncio.ensure_future(k.calc_fig(spec, opts=dict(opts)))
                done, _ = await asyncio.wait({rendering}, timeout=limit)
                if not done:
                    rendering.cancel()
                    raise _PictureTimeout(limit)
                return rendering.result()  # type: ignore[no-any-return]

        jobs = [asyncio.run_coroutine_threadsafe(one(spec), loop) for spec in specs]
        return RenderBatch(self, browser, jobs, labels, fmt)

    def render(
        self,
        figures: Sequence[Any],
        *,
        fmt: str = "png",
        width: int = IMAGE_WIDTH,
        height: int = IMAGE_HEIGHT,
        scale: float | None = None,
        labels: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> list[bytes]:
        """Render ``figures`` (plotly figures or their dicts) to ``fmt`` bytes, in order.

        Raises:
            ChromiumMissing: no browser to start.
            ExportError: a figure failed to render (names it); nothing is returned.
        """
        batch = self.submit(figures, fmt=fmt, width=width, height=height, scale=scale, labels=labels)
        return batch.results(progress)

    def _release(self) -> None:
        """A batch is finished: start the idle countdown when nothing else is rendering."""
        with self._lock:
            self._busy -= 1
            if self._busy == 0 and self._idle_timeout is not None and self._kaleido is not None:
                self._idle_timer = threading.Timer(self._idle_timeout, self._close_if_idle)
                self._idle_timer.daemon = True
                self._idle_timer.start()

    def _forget(self, future: concurrent.futures.Future[Any], *, stop: bool = False) -> None:
        """Drop a browser that failed (``stop``: stop its process first), so the next render starts a fresh one."""
        with self._lock:
            if self._kaleido is future:
                self._close_locked(stop=stop)

    @property
    def browser_path(self) -> str:
        """The browser this renderer starts (known once it started one)."""
        return self._browser_path


class RenderBatch:
    """Images queued on an :class:`ImageRenderer`, in order; each can be waited for on its own.

    ``result(i)`` waits for image ``i`` (so a caller can use the first images while the
    next ones render); ``results()`` waits for all of them. A failure cancels the rest
    of the batch and raises :class:`ExportError` naming the figure.
    """

    def __init__(
        self,
        renderer: ImageRenderer,
        browser: concurrent.futures.Future[Any],
        jobs: list[concurrent.futures.Future[bytes]],
        labels: list[str],
        fmt: str,
    ) -> None:
        self._renderer, self._browser, self._jobs = renderer, browser, jobs
        self.labels, self.fmt = labels, fmt
        self._lock = threading.Lock()
        self._pending = len(jobs)
        self._released = False
        if not jobs:
            self._release()
        for job in jobs:
            job.add_done_callback(self._one_done)

    def __len__(self) -> int:
        return len(self._jobs)

    def _one_done(self, _job: object) -> None:
        with self._lock:
            self._pending -= 1
            last = self._pending == 0
        if last:
            self._release()

    def _release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
        self._renderer._release()

    def cancel(self) -> None:
        """Drop the images not rendered yet."""
        for job in self._jobs:
            job.cancel()

    def result(self, i: int) -> bytes:
        """Image ``i``, waiting for it if needed."""
        try:
            return self._jobs[i].result()
        except BaseException as exc:
            self.cancel()
            self._fail(i, exc)
            raise  # pragma: no cover - _fail always raises

    def _fail(self, i: int, exc: BaseException) -> None:
        if isinstance(exc, ChromiumMissing):
            self._renderer._forget(self._browser)
            raise exc
        if not isinstance(exc, Exception):
            raise exc  # KeyboardInterrupt and the like
        if isinstance(exc, _PictureTimeout):
            self._renderer._forget(self._browser, stop=True)
            raise BrowserFailed(
                "export.error.picture_timeout",
                path=self._renderer.browser_path,
                chart=self.labels[i],
                seconds=f"{exc.args[0]:g}",
            ) from None
        if self._browser.done() and self._browser.exception() is not None:
            self._renderer._forget(self._browser)
            raise ExportError("export.error.browser_start", detail=str(exc)) from exc
        if self._browser.done() and not _browser_alive(self._browser.result()):
            self._renderer._forget(self._browser)
        raise ExportError("export.error.render", chart=self.labels[i], fmt=self.fmt.upper(), detail=str(exc)) from exc

    def results(self, progress: Progress | None = None) -> list[bytes]:
        """Every image, in order; ``progress(done, total, label)`` after each."""
        out = []
        for i in range(len(self._jobs)):
            out.append(self.result(i))
            if progress is not None:
                progress(i + 1, len(self._jobs), self.labels[i])
        return out


def _kaleido_class() -> type:
    """kaleido's ``Kaleido`` with RLFF's fast paths: no reload after a PNG/SVG, the served page.

    See :mod:`rlff._compat.kaleido`; ``tests/test_export_render.py`` checks the images are
    byte-identical either way.
    """
    return kaleido_compat.kaleido_class(served_page=_served_page)


def _served_page(k: Any) -> Any:
    """Serve ``k``'s page from loopback HTTP to a lasting profile (see :mod:`rlff.export.browser_cache`).

    None, and kaleido's own file:// page, when disabled, or when Chromium's command line
    cannot be extended (:mod:`rlff._compat.choreographer`).
    """
    from rlff.export.browser_cache import open_browser_cache

    cache = open_browser_cache()
    if cache is not None and not choreographer_compat.add_chromium_args(k, cache.chromium_args()):
        cache.close()
        return None
    return cache


async def _cancel_pending() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _abandon(k: Any) -> None:
    """Stop a browser that failed or hangs, and release what it took (the served page, the profile)."""
    choreographer_compat.cancel_watchdog(k)
    await asyncio.to_thread(choreographer_compat.stop_process, k)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(k.close(), 10)


def _as_dict(fig: Any) -> Any:
    return fig.to_dict() if hasattr(fig, "to_dict") else fig


def _browser_alive(k: Any) -> bool:
    process = choreographer_compat.browser_process(k)
    return process is not None and process.poll() is None


_shared: ImageRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> ImageRenderer:
    """The process-wide renderer the dashboard uses: started on first use, closed after 10 idle minutes."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ImageRenderer(idle_timeout=600)
            atexit.register(_shared.close)
        return _shared


# --- charts -> bytes / files ----------------------------------------------------------------


def image_name(key: str, fmt: str) -> str:
    """File name of a chart's image: ``<key>.<fmt>``."""
    return f"{key}.{fmt}"


def export_images(
    charts: Iterable[_ChartLike],
    fmt: str = "png",
    *,
    scale: float | None = None,
    width: int = IMAGE_WIDTH,
    height: int = IMAGE_HEIGHT,
    renderer: ImageRenderer | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Render every chart to ``fmt`` with one browser; returns ``{chart.key: bytes}`` in chart order.

    Args:
        charts: :class:`rlff.charts.Chart` objects (anything with ``key``, ``title``, ``figure``).
        fmt: "png", "svg" or "pdf".
        scale: pixel multiplier (default 2 for PNG, 1 for SVG/PDF).
        width, height: size in CSS pixels (default 1280 x 720, a 16:9 slide).
        renderer: a running :class:`ImageRenderer` to reuse; default: a fresh one, closed after.
        progress: ``progress(done, total, chart title)`` after each image.

    Raises:
        ChromiumMissing: no browser; nothing was rendered.
        ExportError: a chart failed to render.
    """
    fmt = _check_format(fmt)
    charts = list(charts)
    if not charts:
        return {}
    own = renderer is None
    renderer = renderer or ImageRenderer()
    try:
        images = renderer.render(
            [c.figure for c in charts],
            fmt=fmt,
            width=width,
            height=height,
            scale=scale,
            labels=[c.title or c.key for c in charts],
            progress=progress,
        )
    finally:
        if own:
            renderer.close()
    return {c.key: img for c, img in zip(charts, images, strict=True)}


def save_images(
    charts: Iterable[_ChartLike],
    fmt: str,
    out_dir: str | Path,
    *,
    scale: float | None = None,
    renderer: ImageRenderer | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render every chart, then write ``<out_dir>/<key>.<fmt>`` files; returns their paths.

    Nothing is written until every image rendered, and the folder is replaced whole
    (:func:`rlff.io.atomic.atomic_folder`): a failure leaves no truncated or partial file.
    """
    fmt = _check_format(fmt)
    images = export_images(charts, fmt, scale=scale, renderer=renderer, progress=progress)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError("export.error.out_is_file", out=str(out), fmt=fmt.upper())
    names = [image_name(key, fmt) for key in images]
    # Into a sibling folder swapped in whole: a full disk never leaves 3 of 20 images.
    with atomic_folder(out) as staging:
        for name, data in zip(names, images.values(), strict=True):
            write_file(staging / name, data)
    return [out / name for name in names]
