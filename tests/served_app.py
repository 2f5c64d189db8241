"""Start the dashboard in a subprocess on a free loopback port (tests, benchmarks, screenshots).

No streamlit import here: the server is a child ``python -m rlff_app.startup.launch`` process (``streamlit run`` plus an early warm-up).

Example:
    >>> with served_app() as url:  # doctest: +SKIP
    ...     print(url)
    http://127.0.0.1:45123
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
CHROMIUM = os.environ.get("RLFF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    """Poll ``/_stcore/health`` until it answers "ok"; raise RuntimeError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the dashboard at {url} did not become healthy within {timeout:.0f} s")


@contextlib.contextmanager
def served_app(
    script: Path = DASHBOARD,
    port: int | None = None,
    log: Path | None = None,
    extra: list[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run the app (see :func:`served_process`) and yield only its base URL."""
    with served_process(script, port, log, extra, env) as (url, _proc):
        yield url


@contextlib.contextmanager
def served_process(
    script: Path = DASHBOARD,
    port: int | None = None,
    log: Path | None = None,
    extra: list[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``streamlit run script`` headless on 127.0.0.1, as ``rlff dashboard`` does (through
    :mod:`rlff_app.startup.launch`), yield (base URL, process); stop it afterwards.

    Args:
        script: the app file (default: the repository's dashboard.py).
        port: a port, or None for a free one.
        log: file receiving the server's stdout and stderr (default: discarded).
        extra: more ``streamlit run`` options.
        env: variables added to the server's environment (say, ``RLFF_DATABASE_URL`` of a test's workspace).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    # As `rlff dashboard` starts it: the launcher adds the server options of rlff_app.startup.flags.
    cmd = [
        sys.executable, "-m", "rlff_app.startup.launch", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",  # tests and benchmarks: no reloads
        *(extra or []),
    ]  # fmt: skip
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
    )
    try:
        wait_healthy(url, proc=proc)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def server_pid_memory_mb(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc)."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# --- helpers for a Playwright page (duck-typed: this module does not import playwright) ---

CHART_SVG = ".js-plotly-plot .main-svg"
# A chart is drawn when its plotly div holds an SVG (plotly draws two .main-svg per chart).
CHARTS_DRAWN_JS = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(e => e.querySelector('.main-svg')).length"
)
# Streamlit is done when nothing runs, nothing is stale and no placeholder waits for content.
SETTLED_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')"""


def charts_drawn(page) -> int:  # noqa: ANN001 - a playwright Page
    """How many plotly charts of the page have drawn their SVG."""
    return int(page.evaluate(CHARTS_DRAWN_JS))


def wait_idle(page, timeout_ms: int = 60_000) -> None:  # noqa: ANN001
    """Wait until streamlit has stopped running and every element has its content."""
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms)


def wait_for_charts(page, n: int, timeout_ms: int = 60_000) -> None:  # noqa: ANN001
    """Wait until ``n`` plotly charts have drawn their SVG and the app has settled."""
    page.wait_for_function(f"n => ({CHARTS_DRAWN_JS})() >= n", arg=n, timeout=timeout_ms)
    wait_idle(page, timeout_ms)


def open_sidebar_group(page, label: str, timeout_ms: int = 30_000) -> None:  # noqa: ANN001
    """Open the sidebar group titled ``label`` (its widgets are drawn only once it is open)."""
    group = page.locator("[data-testid='stSidebar'] [data-testid='stExpander']").filter(has_text=label)
    group.locator("summary").click()
    group.locator("[data-testid='stExpanderDetails'] [data-testid^='st']").first.wait_for(timeout=timeout_ms)
    wait_idle(page, timeout_ms)
