"""Twenty sessions opening together on a freshly started server all render, with no exception.

A browser-free client (benchmarks/bench_load.py) speaks Streamlit's websocket protocol.
The server is started the way ``rlff dashboard`` starts it (rlff_app.startup.launch): the
warm-up runs in the background while the sessions arrive, and they must wait for it.
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from served_app import served_app

from rlff.charts import CHART_KEYS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_load  # noqa: E402


def test_twenty_sessions_on_a_cold_server_all_render_every_chart(tmp_path):
    log = tmp_path / "server.log"
    with served_app(log=log) as url:
        # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
        with ThreadPoolExecutor(1) as pool:
            results, _wall = pool.submit(asyncio.run, bench_load.load(url, sessions=20, runs=2)).result()
    runs = [r for session in results for r in session]
    assert len(runs) == 40
    problems = [e for r in runs for e in r.exceptions + r.alerts]
    assert not problems, problems[:3]
    assert all(r.finished for r in runs)
    first, second = [s[0] for s in results], [s[1] for s in results]
    assert {r.charts for r in first} == {3}  # Big Boss view
    assert {r.charts for r in second} == {sum(v == "reality" for v in CHART_KEYS.values())}  # Reality check
    assert "dashboard warmed up" in log.read_text()
