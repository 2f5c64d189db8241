"""Issue 12, item 3 on a served app: heavy links stay within the server's memory budget.

Eight sessions each open a link with every knob at its maximum over five months (1.7M
rows, 37 MB of tables each: eight pass the cache's budget) and a different seed; a ninth asks for three years
and gets the ceiling's message instead of a simulation. Before the cache was bounded
by memory, 19 such links took the server to 6.8 GB.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil
import pytest
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load  # noqa: E402
from served_app import served_process  # noqa: E402

from rlff_app.context import SIMULATED_CACHE_MB  # noqa: E402

MAXED = {
    "posts_per_day": "20",
    "bought_followers": "100000",
    "follower_purchases": "12",
    "ring_size": "200",
    "follow_for_follow": "10000",
    "end": "2026-01-31",
}


async def open_link(url: str, params: dict[str, str]) -> bench_load.RunResult:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    state = bench_load.SessionState(query_string=urlencode(params))
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        return await bench_load.one_run(ws, state)


def rss_mb(proc: psutil.Process) -> float:
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 1024**2


@pytest.mark.slow
def test_eight_heavy_links_keep_the_server_under_2_gb(tmp_path: Path) -> None:
    with served_process(log=tmp_path / "server.log") as (url, proc):
        server = psutil.Process(proc.pid)
        first = asyncio.run(open_link(url, {}))  # the landing page: libraries loaded, default cached
        assert first.finished
        baseline = rss_mb(server)
        peak = bench_load.MemoryPeak(proc.pid)
        peak.start()
        started = time.perf_counter()
        try:
            for seed in range(1, 9):
                run = asyncio.run(open_link(url, {**MAXED, "start": "2025-09-01", "seed": str(seed)}))
                assert run.finished and not run.exceptions, run.exceptions
            refused = asyncio.run(open_link(url, {**MAXED, "start": "2023-01-01", "seed": "9"}))
        finally:
            peak.stop()
        seconds = time.perf_counter() - started
        after = rss_mb(server)
    print(f"baseline {baseline:.0f} MB, peak {peak.peak_bytes / 1024**2:.0f} MB, after {after:.0f} MB, {seconds:.0f} s")
    assert any("shorter period" in a for a in refused.alerts)
    assert peak.peak_bytes / 1024**2 < 2048
    # what stays is the bounded cache plus what reruns allocate (the charts and their browser copies are
    # cached too, ~50 MB a view), not eight datasets (8 × ~200 MB)
    assert after - baseline < SIMULATED_CACHE_MB + 300
