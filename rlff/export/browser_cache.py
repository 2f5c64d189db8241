"""kaleido's page served over loopback HTTP to a lasting profile, so Chromium keeps plotly.js compiled.

Every new browser parses and runs plotly.js (4.8 MB) before its first image: 1.2-1.6 s
on this machine, the largest part of a cold export. V8 keeps compiled code between runs,
but only for scripts fetched over HTTP(S) into a profile's HTTP cache; kaleido loads its
page and plotly.js from ``file://`` URLs in a new, temporary profile, so it never can.

Here a small HTTP server on 127.0.0.1 (in this process, from memory) serves kaleido's
page, plotly.js and kaleido's script under one fixed host name, which Chromium maps to the
server's port (``--host-resolver-rules``): the URLs, the cache's keys, stay the same from
run to run while the port changes. The browser uses a profile under the user's cache
folder. From its third start on, Chromium runs plotly.js from its code cache (~0.4 s
instead of ~1.5 s, measured with ``benchmarks/bench_export.py``). The page is kaleido's
own, same scripts: the images are byte-identical (``tests/test_export_render.py``).

The scripts' URLs carry a hash of their content: they are served ``immutable``, so a new
plotly or kaleido must get new URLs, or the lasting profile would keep running the old script.

One process at a time holds the profile (a lock file); another one, or an unwritable
cache folder, or a system without ``fcntl`` (Windows), or ``RLFF_BROWSER_CACHE=0``, gets a
throwaway profile: slower, same images. kaleido's private hooks are in :mod:`rlff._compat.kaleido`.
The folder is ``$RLFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/rlff``, else ``~/.cache/rlff``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from rlff._compat import kaleido as kaleido_compat

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: no profile lock, so no lasting profile (slower, same images)
    fcntl = None

__all__ = ["HOST", "Asset", "AssetServer", "BrowserCache", "cache_dir", "open_browser_cache"]

HOST = "rlff-kaleido.invalid"
"""The host name of kaleido's page; Chromium resolves it to the asset server (never DNS)."""

# The page is revalidated (no-cache); the scripts are named by their content's hash (immutable).
_INDEX = "/index.html"


def cache_dir() -> Path:
    """Where RLFF keeps its cache (the browser profile lives in ``chromium-profile`` below it)."""
    if explicit := os.environ.get("RLFF_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rlff"


def _enabled() -> bool:
    return os.environ.get("RLFF_BROWSER_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Asset:
    """A file served from memory, with its ETag (made once: hashing plotly.js takes ~10 ms)."""

    body: bytes
    content_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, content_type: str) -> Asset:
        """An asset of ``body``; its ETag is a hash of the content."""
        return cls(body, content_type, '"' + content_hash(body) + '"')


def content_hash(body: bytes) -> str:
    """A short name of ``body``'s content (16 hex digits of its SHA-256)."""
    return hashlib.sha256(body).hexdigest()[:16]


def hashed_path(stem: str, body: bytes, suffix: str) -> str:
    """The URL path of a script: ``/<stem>-<content hash><suffix>``, so new content gets a new URL."""
    return f"/{stem}-{content_hash(body)}{suffix}"


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away mid-request, or a server closing: nothing to print."""


class AssetServer:
    """Serves a fixed set of files from memory on 127.0.0.1, in a daemon thread.

    :meth:`close` never waits for that thread: a close from an ``atexit`` handler, when
    daemon threads no longer run, would wait forever (``socketserver``'s ``shutdown()`` did).
    """

    def __init__(self, assets: dict[str, Asset]) -> None:
        files = dict(assets)

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                asset = files.get(self.path.split("?", 1)[0])
                if asset is None:
                    self.send_error(404)
                    return
                if self.headers.get("If-None-Match") == asset.etag:
                    self.send_response(304)
                    self.send_header("ETag", asset.etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", asset.content_type)
                self.send_header("Content-Length", str(len(asset.body)))
                # The page is tiny and revalidated; the scripts have versioned names and never change.
                immutable = not self.path.startswith(_INDEX)
                self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
                self.send_header("ETag", asset.etag)
                self.end_headers()
                self.wfile.write(asset.body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the access log
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.timeout = 0.05  # how often the loop looks at the stop flag
        self.port = int(self._server.server_address[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="rlff-assets", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            while not self._stop.is_set():
                self._server.handle_request()
        finally:
            self._server.server_close()

    def close(self) -> None:
        """Stop serving (within 50 ms, in the server's thread); returns at once."""
        self._stop.set()

    @property
    def serving(self) -> bool:
        """Whether the server's thread still runs."""
        return self._thread.is_alive()


@functools.lru_cache(maxsize=1)
def _kaleido_assets() -> tuple[dict[str, Asset], str] | None:
    """kaleido's page with its scripts at ``http://HOST/...``; None if this kaleido is laid out differently."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        return None
    scopes_js = kaleido_compat.scopes_script()
    if scopes_js is None:
        return None
    return page_assets(get_plotlyjs().encode("utf-8"), scopes_js)


def page_assets(plotly_js: bytes, scopes_js: bytes) -> tuple[dict[str, Asset], str] | None:
    """kaleido's page and its two scripts, under URLs named by their content; and the page's URL."""
    plotly_path = hashed_path("plotly", plotly_js, ".min.js")
    scopes_path = hashed_path("kaleido_scopes", scopes_js, ".js")
    index = kaleido_compat.page_with_scripts(f"http://{HOST}{plotly_path}", f"http://{HOST}{scopes_path}")
    if index is None:
        return None
    js = "text/javascript; charset=utf-8"
    assets = {
        _INDEX: Asset.of(index.encode(), "text/html; charset=utf-8"),
        plotly_path: Asset.of(plotly_js, js),
        scopes_path: Asset.of(scopes_js, js),
    }
    return assets, f"http://{HOST}{_INDEX}"


class BrowserCache:
    """A served kaleido page and, when this process holds it, the lasting profile; close() releases both."""

    def __init__(self, server: AssetServer, index_url: str, profile: Path | None, lock: IO[bytes] | None) -> None:
        self.server, self.index_url, self.profile, self._lock = server, index_url, profile, lock
        self._closing = False

    def chromium_args(self) -> list[str]:
        """Switches appended to kaleido's command line (a later ``--user-data-dir`` wins)."""
        args = [
            f"--host-resolver-rules=MAP {HOST} 127.0.0.1:{self.server.port}",
            f"--proxy-bypass-list={HOST}",  # if kaleido was given a proxy (CHOREO_PROXY_SERVER)
            "--disable-background-networking",
        ]
        if self.profile is not None:
            args.append(f"--user-data-dir={self.profile}")
        return args

    def closing(self) -> None:
        """The browser is shutting down: an export starting now waits for the profile (see :func:`close`)."""
        global _closing
        if self._lock is not None and not self._closing:
            self._closing = True
            with _released:
                _closing += 1

    def close(self) -> None:
        """Stop serving and release the profile (call once the browser has exited)."""
        self.server.close()
        if self._lock is not None:
            _unlock(self._lock, closing=self._closing)
            self._lock = None


# Profiles of this process whose browser is shutting down. A browser closes in the background
# (ImageRenderer.close(wait=False)) while the next export starts: that one waits for the
# profile rather than start without it. A profile held by a running browser is not waited for.
_closing = 0
_released = threading.Condition()
_WAIT_FOR_OWN_CLOSE_S = 5.0


def _try_lock(lock: IO[bytes]) -> bool:
    if fcntl is None:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(lock: IO[bytes], *, closing: bool = False) -> None:
    global _closing
    with _released:
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
        if closing:
            _closing -= 1
        _released.notify_all()


def _lock_profile() -> tuple[Path, IO[bytes]] | None:
    """The lasting profile folder, locked for this process; None if another process holds it or it cannot be made."""
    if fcntl is None:  # no way to keep two processes out of one profile: a throwaway one each
        return None
    root = cache_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / "chromium-profile.lock", "ab")  # noqa: SIM115 - held until close()
    except OSError:
        return None
    with _released:
        got = _try_lock(lock) or (
            _closing > 0
            and _released.wait_for(lambda: _closing == 0 and _try_lock(lock), timeout=_WAIT_FOR_OWN_CLOSE_S)
        )
        if not got:
            lock.close()
            return None
    profile = root / "chromium-profile"
    try:
        profile.mkdir(exist_ok=True)
    except OSError:
        _unlock(lock)
        return None
    return profile, lock


def open_browser_cache() -> BrowserCache | None:
    """Serve kaleido's page and lock the profile; None when disabled or kaleido's layout is unknown."""
    if not _enabled():
        return None
    found = _kaleido_assets()
    if found is None:
        return None
    assets, index_url = found
    locked = _lock_profile()
    profile, lock = locked if locked is not None else (None, None)
    return BrowserCache(AssetServer(assets), index_url, profile, lock)
