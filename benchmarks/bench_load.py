"""Many users at once: N sessions open together on a freshly started server, R runs each.

    .venv/bin/python benchmarks/bench_load.py                 # 20 sessions × 3 runs
    .venv/bin/python benchmarks/bench_load.py --sessions 40

A browser-free client speaks Streamlit's own websocket protocol (``/_stcore/stream``,
protobuf ``BackMsg`` / ``ForwardMsg``), as the frontend does. Each session:

1. opens the landing page (Big Boss view, the article's scenario);
2. switches to the Reality check and opens the sidebar group that holds the seed (its
   widgets are drawn only while it is open);
3. moves a knob (the seed, one of three values shared across sessions: a few cache
   misses, many hits — people open the same links).

Counts exceptions shown in the page, ``st.error`` alerts and runs that did not finish,
and prints runs per second and the server's peak resident memory.
Targets: 0 errors, >= 4 runs/s, peak memory <= 1 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the served-app harness lives with the tests

from served_app import served_process  # noqa: E402

from rlff_app.sidebar import group_key  # noqa: E402

GENERAL_GROUP = group_key("general")  # the sidebar group that holds the seed

RUN_TIMEOUT_S = 120.0


T0 = [0.0]  # perf_counter() when the sessions start


@dataclass
class RunResult:
    seconds: float
    finished: bool
    ended_at: float = 0.0  # seconds since the sessions started
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    charts: int = 0


@dataclass
class SessionState:
    query_string: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> widget id


def _element_type(msg: ForwardMsg) -> tuple[str, object] | None:
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    el = msg.delta.new_element
    kind = el.WhichOneof("type")
    return kind, getattr(el, kind)


async def one_run(
    ws, state: SessionState, page_hash: str = "", widgets: list[tuple[str, int | bool]] = ()
) -> RunResult:
    back = BackMsg()
    back.rerun_script.query_string = state.query_string
    back.rerun_script.page_script_hash = page_hash
    for widget_id, value in widgets:
        ws_state = back.rerun_script.widget_states.widgets.add()
        ws_state.id = widget_id
        if isinstance(value, bool):  # an expander's open state
            ws_state.bool_value = value
        else:
            ws_state.int_value = value
    started = time.perf_counter()
    await ws.send(back.SerializeToString())
    result = RunResult(seconds=0.0, finished=False)
    deadline = started + RUN_TIMEOUT_S
    while time.perf_counter() < deadline:
        try:
            data = await asyncio.wait_for(ws.recv(), timeout=deadline - time.perf_counter())
        except TimeoutError:
            break
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            state.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            state.query_string = msg.page_info_changed.query_string
        elif kind == "script_finished":
            result.finished = msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
            break
        if kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
            block = msg.delta.add_block
            if block.WhichOneof("type") == "expandable" and block.expandable.id:
                state.widget_ids[block.expandable.id.rsplit("-", 1)[-1]] = block.expandable.id
        element = _element_type(msg)
        if element is not None:
            etype, body = element
            if etype == "exception":
                result.exceptions.append(f"{body.type}: {body.message}")
            elif etype == "alert" and body.format == body.ERROR:
                result.alerts.append(body.body)
            elif etype == "plotly_chart" and "rlff.prefetch" not in body.id:  # not the warm-up's blank chart
                result.charts += 1
            widget_id = getattr(body, "id", "")
            if isinstance(widget_id, str) and "scenario." in widget_id:
                state.widget_ids[widget_id[widget_id.index("scenario.") :]] = widget_id
    result.seconds = time.perf_counter() - started
    result.ended_at = time.perf_counter() - T0[0]
    return result


async def one_session(url: str, index: int, runs: int) -> list[RunResult]:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    state = SessionState()
    results: list[RunResult] = []
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        results.append(await one_run(ws, state))  # 1. landing page
        reality = state.pages.get("reality", "")
        for r in range(1, runs):
            if r == 1:  # 2. the reality check, with the seed's group opened
                group_id = state.widget_ids.get(GENERAL_GROUP)
                opened = [(group_id, True)] if group_id else []
                results.append(await one_run(ws, state, page_hash=reality, widgets=opened))
            else:  # 3. a knob: the seed, one of three values shared by all sessions
                seed_id = state.widget_ids.get("scenario.seed")
                if seed_id is None:
                    raise RuntimeError("no seed widget in the page: the knob run would move nothing")
                widgets = [(seed_id, 1 + (index + r) % 3)]
                results.append(await one_run(ws, state, page_hash=reality, widgets=widgets))
    return results


class MemoryPeak(threading.Thread):
    """Polls the resident memory of a process and its children; keeps the peak."""

    def __init__(self, pid: int, every_s: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.every_s = every_s
        self.peak_bytes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs)
                self.peak_bytes = max(self.peak_bytes, rss)
            except psutil.Error:
                pass
            time.sleep(self.every_s)

    def stop(self) -> None:
        self._halt.set()
        self.join()


async def load(url: str, sessions: int, runs: int) -> tuple[list[list[RunResult]], float]:
    started = T0[0] = time.perf_counter()
    results = await asyncio.gather(*(one_session(url, i, runs) for i in range(sessions)), return_exceptions=True)
    wall = time.perf_counter() - started
    out: list[list[RunResult]] = []
    for r in results:
        if isinstance(r, BaseException):
            out.append([RunResult(0.0, False, exceptions=[f"client: {type(r).__name__}: {r}"])])
        else:
            out.append(r)
    return out, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    log = Path("/tmp/rlff_bench_load_server.log")
    with served_process(log=log) as (url, proc):
        server = psutil.Process(proc.pid)
        baseline = server.memory_info().rss
        cpu_before = sum(server.cpu_times()[:2])
        memory = MemoryPeak(proc.pid)
        memory.start()
        results, wall = asyncio.run(load(url, args.sessions, args.runs))
        memory.stop()
        cpu = sum(server.cpu_times()[:2]) - cpu_before
    runs = [r for session in results for r in session]
    finished = [r for r in runs if r.finished]
    errors = [e for r in runs for e in r.exceptions + r.alerts] + [
        "run did not finish" for r in runs if not r.finished and not r.exceptions
    ]
    expected = args.sessions * args.runs
    times = [r.seconds for r in finished]
    print(f"sessions: {args.sessions} × {args.runs} runs on a freshly started server ({url})")
    print(f"runs finished: {len(finished)} / {expected}")
    print(f"errors: {len(errors)}" + (f" — first: {errors[0]}" if errors else ""))
    print(f"wall time: {wall:.2f} s  ->  {len(finished) / wall:.2f} runs/s")
    if times:
        q = statistics.quantiles(times, n=20) if len(times) > 1 else [times[0]] * 19
        print(f"run time: median {statistics.median(times):.2f} s, p95 {q[18]:.2f} s, max {max(times):.2f} s")
    for r in range(args.runs):
        ends = sorted(s[r].ended_at for s in results if len(s) > r and s[r].finished)
        if ends:
            print(f"run {r + 1} of every session done between {ends[0]:.1f} s and {ends[-1]:.1f} s")
    first = [s[0].seconds for s in results if s and s[0].finished]
    if first:
        print(f"first run (cold: imports, warm-up, default charts): fastest session {min(first):.2f} s")
    print(f"server CPU time: {cpu:.1f} s over {wall:.1f} s wall ({os.cpu_count()} cores, shared with other work)")
    print(f"server memory: {baseline / 2**20:.0f} MiB after start, peak {memory.peak_bytes / 2**20:.0f} MiB")
    ok = not errors and len(finished) == expected and len(finished) / wall >= 4 and memory.peak_bytes <= 2**30
    print("targets (0 errors, >= 4 runs/s, <= 1 GiB):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
