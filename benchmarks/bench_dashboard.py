"""How fast the dashboard feels, in a real browser and on the server.

    .venv/bin/python benchmarks/bench_dashboard.py            # 7 knob changes per view
    .venv/bin/python benchmarks/bench_dashboard.py --trials 3 --first-renders 1

Prints:

* server side: a rerun with a warm cache (no knob changed), per view, through AppTest;
* in Chromium, on a freshly started server (started as ``rlff dashboard`` starts it): the
  first full render (page load to the last chart drawn), for a first-time visitor (a new
  browser profile: Streamlit's 10 MB of JavaScript, plotly.js among it, downloaded and
  compiled) and for a returning one (a profile that opened the dashboard before, on an
  earlier server at the same address), each on three fresh servers (median and runs);
  then warm page loads;
* in Chromium: a knob change ("number of follower purchases", a new scenario each time,
  so the simulation runs) to every chart of the view redrawn, per view.

Targets on this machine: knob change <= 1 s median, warm rerun <= 150 ms, first full
render <= 5 s. The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the served-app harness lives with the tests

from served_app import (  # noqa: E402
    CHARTS_DRAWN_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    SETTLED_JS,
    charts_drawn,
    free_port,
    open_sidebar_group,
    served_app,
)

# url path -> (page file for AppTest, plotly charts drawn, index of a tile the knob moves)
VIEWS = {
    "boss": ("", "rlff_app/views/boss.py", 3, 3),  # Fans
    "reality": ("reality", "rlff_app/views/reality.py", 11, 4),  # Bought fans
    "side": ("side", "rlff_app/views/side.py", 10, 3),  # Fans
}
KNOB = "Number of purchases"
KNOB_GROUP = "Inflate the community"  # the sidebar group that holds it (opened before timing)


def _median_ms(values: list[float]) -> str:
    return (
        f"median {1000 * statistics.median(values):.0f} ms (min {1000 * min(values):.0f}, max {1000 * max(values):.0f})"
    )


def warm_reruns(n: int = 10) -> dict[str, list[float]]:
    """Server-side rerun time with a warm cache, per view (AppTest, in this process)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    out: dict[str, list[float]] = {}
    for view, (_, page_file, _, _) in VIEWS.items():
        at.switch_page(page_file).run()
        at.run()  # the view's charts are now cached
        times = []
        for _ in range(n):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        assert not at.exception, at.exception
        out[view] = times
    return out


def _settle(page) -> None:
    page.wait_for_function(SETTLED_JS, timeout=60_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def load_time(page, url: str, n_charts: int) -> float:
    """Seconds from navigation to the last chart drawn and the app settled."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        f"n => ({CHARTS_DRAWN_JS})() >= n",
        arg=n_charts,
        timeout=90_000,
    )
    _settle(page)
    return time.perf_counter() - started


FRAMES: list[float] = []  # perf_counter() of every websocket frame the page received


def _watch_frames(page) -> None:
    page.on("websocket", lambda ws: ws.on("framereceived", lambda _payload: FRAMES.append(time.perf_counter())))


def knob_change_time(page, tile_index: int, n_charts: int) -> tuple[float, float]:
    """Seconds from a knob change to the moved tile updated and every chart redrawn.

    Returns:
        (total, server part): the server part ends with the last websocket frame of the
        rerun (the script finished and every delta sent); the rest is the browser drawing.
    """
    tiles = page.locator("[data-testid='stMetricValue']")
    before = tiles.nth(tile_index).inner_text()
    slider = page.get_by_role("slider", name=KNOB)
    slider.focus()
    started = time.perf_counter()
    slider.press("ArrowRight")
    page.wait_for_function(
        "([i, v]) => { const t = document.querySelectorAll(\"[data-testid='stMetricValue']\")[i];"
        " return t && t.innerText !== v; }",
        arg=[tile_index, before],
        timeout=60_000,
    )
    _settle(page)
    ended = time.perf_counter()
    assert charts_drawn(page) >= n_charts
    last_frame = max((f for f in FRAMES if started <= f <= ended), default=ended)
    return ended - started, last_frame - started


def returning_visitor_first_render(pw) -> float:  # noqa: ANN001 - playwright's sync API
    """First full render on a freshly started server, in a browser profile that visited it before.

    The profile opens the dashboard twice on a first server (V8 keeps a script's compiled
    code from its second run on), that server stops, a new one starts at the same address,
    and the timed page load goes to it: its caches are cold, the browser's are not.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rlff-bench-profile-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000}
        )
        page = context.new_page()
        with served_app(port=port) as url:
            for _ in range(2):
                load_time(page, url, VIEWS["boss"][2])
        with served_app(port=port) as url:
            took = load_time(page, url, VIEWS["boss"][2])
        context.close()
    return took


def new_visitor_first_render(pw, browser) -> float:  # noqa: ANN001 - playwright's sync API
    """First full render on a freshly started server, in a new browser profile (nothing cached)."""
    with served_app() as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        took = load_time(context.new_page(), url, VIEWS["boss"][2])
        context.close()
    return took


def browser_timings(trials: int, first_renders: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    results: dict[str, object] = {}
    errors: list[str] = []
    with served_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _watch_frames(page)
        first_render = [load_time(page, url, VIEWS["boss"][2])]  # cold server
        for view, (path, _, n_charts, _) in VIEWS.items():
            results[f"load_{view}"] = [load_time(page, f"{url}/{path}", n_charts) for _ in range(3)]
        for i, (view, (path, _, n_charts, tile)) in enumerate(VIEWS.items()):
            # A fresh session with its own seed, so every knob change is a new scenario.
            load_time(page, f"{url}/{path}?seed={100 + i}", n_charts)
            open_sidebar_group(page, KNOB_GROUP)
            results[f"knob_{view}"] = [knob_change_time(page, tile, n_charts) for _ in range(trials)]
        # More cold starts: one sample of a first render says little on a shared machine.
        first_render += [new_visitor_first_render(pw, browser) for _ in range(first_renders - 1)]
        results["first_render"] = first_render
        browser.close()
        results["first_render_returning"] = [returning_visitor_first_render(pw) for _ in range(first_renders)]
    results["page_errors"] = errors
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=7, help="knob changes per view (at most 10)")
    parser.add_argument("--first-renders", type=int, default=3, help="cold starts timed per kind of visitor")
    args = parser.parse_args(argv)
    trials = max(1, min(args.trials, 10))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

    b = browser_timings(trials, max(1, args.first_renders))
    for who, key in (("new browser profile", "first_render"), ("returning browser", "first_render_returning")):
        runs = ", ".join(f"{x:.2f}" for x in b[key])
        print(
            f"first full render (cold server, Big Boss view), {who}: median {statistics.median(b[key]):.2f} s ({runs})"
        )
    print("    [target <= 5 s]")
    for view in VIEWS:
        print(f"page load to last chart, {view:<8}: {_median_ms(b[f'load_{view}'])}")
    knob_all = []
    for view in VIEWS:
        totals = [t for t, _ in b[f"knob_{view}"]]
        server = [s for _, s in b[f"knob_{view}"]]
        knob_all += totals
        print(f"knob change to every chart redrawn, {view:<8}: {_median_ms(totals)}")
        print(f"    of which server (last websocket frame): {_median_ms(server)}")
    print(f"knob change, all views: {_median_ms(knob_all)}  [target <= 1 s median]")
    print(f"browser page errors: {len(b['page_errors'])}")

    reruns = warm_reruns()
    for view, times in reruns.items():
        print(f"server rerun, warm cache, {view:<8}: {_median_ms(times)}  [target <= 150 ms]")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
