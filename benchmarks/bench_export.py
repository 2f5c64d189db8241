"""Export benchmark: the deck and every PNG with one browser, against one browser per figure.

Run: .venv/bin/python benchmarks/bench_export.py [--sample N]

Every measure is cold: a new Chromium is started inside the timed part (the tables are
simulated beforehand; the charts are built inside the timed part for the deck).

* deck: ``export_deck(honest=True)`` — the honest deck, 5 vanity + 11 reality charts;
* all PNGs: ``export_images(every chart, "png")`` — 20 charts at 2x with one browser;
* one browser per figure: ``kaleido.calc_fig_sync`` once per chart (kaleido's one-shot
  call starts and closes a browser each time). ``--sample N`` times only N figures and
  extrapolates to all of them (said so in the output).

Targets (2 shared cores): the deck (>= 8 charts) <= 6 s; one browser for all PNGs >= 4x
faster than one browser per figure. Exits 1 when a target is missed. The machine is
shared: figures vary from run to run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

DECK_TARGET_SECONDS = 6.0
SPEEDUP_TARGET = 4.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="time only N figures one browser each (0: all)")
    args = parser.parse_args(argv)

    import kaleido

    from rlff.charts import build_charts
    from rlff.deck import export_deck
    from rlff.images import IMAGE_HEIGHT, IMAGE_WIDTH, ImageRenderer, chromium_path, export_images
    from rlff.scenario import DEFAULT
    from rlff.simulate import simulate

    if chromium_path() is None:
        print("no Chromium: apt-get install chromium", file=sys.stderr)
        return 2
    print(f"cpus: {os.cpu_count()}, load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tables = simulate(DEFAULT, 0)

    # The deck, cold: charts built while the browser starts, 16 renders, assembly.
    marks: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    deck = export_deck(
        tables, lang="en", honest=True, progress=lambda d, n, label: marks.append((label, time.perf_counter()))
    )
    deck_s = time.perf_counter() - t0
    first_image = marks[0][1] - t0
    last_image = marks[-2][1] - t0
    n_deck = len(marks) - 1
    print(
        f"deck (honest, {n_deck} charts), cold:       {deck_s:6.2f} s  "
        f"[first image at {first_image:.2f} s, last at {last_image:.2f} s, "
        f"{(last_image - first_image) / max(n_deck - 1, 1):.2f} s/image, {len(deck) / 1e6:.1f} MB]"
    )

    # The boss deck (5 charts), cold, for comparison.
    t0 = time.perf_counter()
    export_deck(tables, lang="en", honest=False)
    print(f"deck (boss, 5 charts), cold:          {time.perf_counter() - t0:6.2f} s")

    # All PNGs, cold, one browser.
    charts = build_charts(tables, lang="en")
    t0 = time.perf_counter()
    renderer = ImageRenderer()
    pngs = export_images(charts, "png", renderer=renderer)
    one_browser_s = time.perf_counter() - t0
    assert len(pngs) == len(charts) and renderer.browsers_started == 1
    print(f"all {len(charts)} PNGs, one browser, cold:  {one_browser_s:6.2f} s")

    # One browser per figure (kaleido's one-shot call), cold each time.
    sample = charts[: args.sample] if args.sample else charts
    opts = {"format": "png", "width": IMAGE_WIDTH, "height": IMAGE_HEIGHT, "scale": 2}
    t0 = time.perf_counter()
    for chart in sample:
        kaleido.calc_fig_sync(chart.figure, opts=opts, kopts={"mathjax": False})
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
