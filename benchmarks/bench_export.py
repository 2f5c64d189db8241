"""Export benchmark: the deck and every PNG with one browser, against one browser per figure.

Run: .venv/bin/python benchmarks/bench_export.py [--sample N]

Every measure is cold: a new Chromium is started inside the timed part (the tables are
simulated beforehand; the charts are built inside the timed part for the deck).

Chromium keeps plotly.js compiled in RLFF's browser profile (:mod:`rlff.export.browser_cache`),
so the benchmark uses a new, empty cache folder and times the deck twice:

* deck, empty cache: the very first export on a machine;
* deck, cold browser: a new Chromium on a profile that has seen two earlier starts, as
  every later export does (this is the figure held against the target);
* the boss deck (5 slides): all PowerPoint shapes, tables and charts, so no browser at all;
* the honest deck with native charts against the same deck with every chart a picture
  (``export_deck(native=False)``), one cold run each: time, ratio and file size;
* all PNGs: ``export_images(every chart, "png")`` — 20 charts at 2x with one browser;
* one browser per figure: a new :class:`~rlff.export.images.ImageRenderer` (same page, same
  cache) for each chart. ``--sample N`` times only N figures and extrapolates to all
  of them (said so in the output).

Targets (2 shared cores): the deck (>= 8 charts) <= 6 s; one browser for all PNGs >= 4x
faster than one browser per figure. Exits 1 when a target is missed. The machine is
shared: figures vary from run to run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time

DECK_TARGET_SECONDS = 6.0
SPEEDUP_TARGET = 4.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="time only N figures one browser each (0: all)")
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="rlff-bench-cache-")
    os.environ["RLFF_CACHE_DIR"] = tmp.name  # before rlff.export.images starts any browser

    from rlff.charts import build_charts
    from rlff.export.deck import export_deck
    from rlff.export.images import ImageRenderer, chromium_path, export_images
    from rlff.simulation.scenario import DEFAULT
    from rlff.simulation.simulate import simulate

    if chromium_path() is None:
        print("no Chromium: apt-get install chromium", file=sys.stderr)
        return 2
    print(f"cpus: {os.cpu_count()}, load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tables = simulate(DEFAULT, 0)

    def joined() -> None:
        # export_deck closes its browser in the background; let it finish before the next start.
        for thread in threading.enumerate():
            if thread.name == "rlff-kaleido-close":
                thread.join()

    def deck(label: str) -> float:
        """The honest deck, cold: charts built while the browser starts, its pictures rendered, assembly."""
        marks: list[float] = []
        t0 = time.perf_counter()
        data = export_deck(tables, lang="en", honest=True, progress=lambda d, n, lbl: marks.append(time.perf_counter()))
        took = time.perf_counter() - t0
        first, last, n = marks[0] - t0, marks[-2] - t0, len(marks) - 1
        print(
            f"deck (honest, {n} charts), {label}: {took:6.2f} s  [first image at {first:.2f} s, "
            f"last at {last:.2f} s, {(last - first) / max(n - 1, 1):.2f} s/image, {len(data) / 1e6:.1f} MB]"
        )
        joined()
        return took

    empty_s = deck("empty cache ")
    deck("second start")  # the start after which Chromium stores plotly.js compiled
    deck_s = deck("cold browser")
    print(f"  (a cold browser on a warm profile is {empty_s / deck_s:.2f}x faster than on an empty one)")

    # The boss deck: every slide native, no browser.
    t0 = time.perf_counter()
    export_deck(tables, lang="en", honest=False)
    print(f"deck (boss, all native, no browser): {time.perf_counter() - t0:6.2f} s")

    # The honest deck: native charts against every chart a picture, one cold run each.
    runs = {}
    for native in (True, False):
        t0 = time.perf_counter()
        data = export_deck(tables, lang="en", honest=True, native=native)
        runs[native] = (time.perf_counter() - t0, len(data))
        joined()
    (n_s, n_b), (p_s, p_b) = runs[True], runs[False]
    print(
        f"deck (honest), native charts: {n_s:6.2f} s, {n_b / 1e6:.2f} MB; all pictures: {p_s:6.2f} s, "
        f"{p_b / 1e6:.2f} MB; native / pictures = {n_s / p_s:.2f} (time), {n_b / p_b:.2f} (size)"
    )

    # All PNGs, cold, one browser.
    charts = build_charts(tables, lang="en")
    t0 = time.perf_counter()
    renderer = ImageRenderer()
    pngs = export_images(charts, "png", renderer=renderer)
    one_browser_s = time.perf_counter() - t0
    renderer.close()
    assert len(pngs) == len(charts) and renderer.browsers_started == 1
    print(f"all {len(charts)} PNGs, one browser, cold:  {one_browser_s:6.2f} s")

    # One browser per figure: the same renderer, started and closed for each chart.
    sample = charts[: args.sample] if args.sample else charts
    t0 = time.perf_counter()
    for chart in sample:
        export_images([chart], "png")
    per_figure_s = (time.perf_counter() - t0) * len(charts) / len(sample)
    note = "" if len(sample) == len(charts) else f" (extrapolated from {len(sample)})"
    print(f"all {len(charts)} PNGs, one browser each:   {per_figure_s:6.2f} s{note}")

    speedup = per_figure_s / one_browser_s
    print(f"speed-up of one shared browser:     {speedup:6.1f}x  (target >= {SPEEDUP_TARGET:.0f}x)")
    print(f"deck target <= {DECK_TARGET_SECONDS:.0f} s: {'met' if deck_s <= DECK_TARGET_SECONDS else 'MISSED'}")
    ok = deck_s <= DECK_TARGET_SECONDS and speedup >= SPEEDUP_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
