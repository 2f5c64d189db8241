"""The served kaleido page and the lasting Chromium profile (rlff.export.browser_cache)."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rlff.export import browser_cache
from rlff.export.browser_cache import HOST, Asset, AssetServer, open_browser_cache


@pytest.fixture
def cache_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RLFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RLFF_BROWSER_CACHE", raising=False)
    return tmp_path / "cache"


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), b""


def test_the_asset_server_serves_from_memory_with_etags():
    server = AssetServer(
        {"/a.js": Asset.of(b"var a = 1;", "text/javascript"), "/index.html": Asset.of(b"<html>", "text/html")}
    )
    try:
        base = f"http://127.0.0.1:{server.port}"
        status, headers, body = _get(f"{base}/a.js")
        assert (status, body) == (200, b"var a = 1;")
        assert "immutable" in headers["Cache-Control"]
        assert _get(f"{base}/a.js", {"If-None-Match": headers["ETag"]})[0] == 304
        assert _get(f"{base}/index.html")[1]["Cache-Control"] == "no-cache"
        assert _get(f"{base}/missing.js")[0] == 404
    finally:
        server.close()


def test_kaleidos_page_is_served_with_every_script_over_http(cache_root):
    cache = open_browser_cache()
    assert cache is not None
    try:
        port = cache.server.port
        status, _, page = _get(f"http://127.0.0.1:{port}/index.html")
        assert status == 200 and b"file://" not in page
        scripts = [s.split('"')[0] for s in page.decode().split(f'src="http://{HOST}')[1:]]
        assert len(scripts) == 2 and any("plotly-" in s for s in scripts)
        for path in scripts:
            status, _, body = _get(f"http://127.0.0.1:{port}{path}")
            assert status == 200 and len(body) > 10_000, path
        args = cache.chromium_args()
        assert f"--host-resolver-rules=MAP {HOST} 127.0.0.1:{port}" in args
        assert f"--user-data-dir={cache_root / 'chromium-profile'}" in args
    finally:
        cache.close()


def test_a_second_browser_while_the_first_runs_gets_a_throwaway_profile_at_once(cache_root):
    first = open_browser_cache()
    started = time.perf_counter()
    second = open_browser_cache()
    waited = time.perf_counter() - started
    try:
        assert first is not None and first.profile is not None
        assert second is not None and second.profile is None
        assert not any(a.startswith("--user-data-dir") for a in second.chromium_args())
        assert waited < browser_cache._WAIT_FOR_OWN_CLOSE_S / 2
    finally:
        first.close()
        second.close()
    third = open_browser_cache()
    assert third is not None and third.profile is not None  # released by close()
    third.close()


def test_an_export_starting_while_the_last_browser_closes_waits_for_the_profile(cache_root):
    first = open_browser_cache()
    assert first is not None and first.profile is not None
    first.closing()
    timer = threading.Timer(0.3, first.close)
    timer.start()
    second = open_browser_cache()
    timer.join()
    assert second is not None and second.profile == first.profile
    second.close()


def test_the_cache_can_be_turned_off_and_an_unwritable_folder_only_loses_the_profile(cache_root, monkeypatch):
    monkeypatch.setenv("RLFF_BROWSER_CACHE", "0")
    assert open_browser_cache() is None
    monkeypatch.setenv("RLFF_BROWSER_CACHE", "1")
    cache_root.parent.mkdir(exist_ok=True)
    cache_root.write_text("a file where the folder should be")
    cache = open_browser_cache()
    assert cache is not None and cache.profile is None
    cache.close()


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("RLFF_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert browser_cache.cache_dir() == tmp_path / "rlff"
