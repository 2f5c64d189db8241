"""Engine benchmark: the default scenario, and a large brand vs a per-row Faker loop.

Run: .venv/bin/python benchmarks/bench_engine.py
Prints figures measured in this one run (the machine is shared: compare ratios).
Targets (2 cores): default simulate + metrics <= 0.3 s; the large brand >= 200x faster
than a per-row Faker loop producing the same columns, <= 3 s, peak memory <= 1 GB.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
from datetime import date

from faker import Faker

from rlff import metrics
from rlff.simulation.scenario import DEFAULT, Scenario
from rlff.simulation.simulate import simulate

LARGE_BRAND = Scenario(
    brand="MegaBrand",
    start=date(2025, 1, 1),
    end=date(2025, 12, 31),
    organic_followers_start=1_000_000,
    organic_follows_per_day=800.0,
    posts_per_day=2.0,
    bought_followers=50_000,
    follower_purchases=4,
    ring_size=40,
    inbox_per_day=300.0,
    brand_mentions_per_day=200.0,
    crisis_messages=3_000,
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def per_row_faker_loop(n: int, post_ids: list[str], seed: int = 0) -> float:
    """The naive way: one Faker call per column per row. Returns seconds per row."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rows = []
    t0 = time.perf_counter()
    for _ in range(n):
        rows.append(
            {
                "post_id": fake.random_element(post_ids),
                "engaged_at": fake.date_time_between(date(2025, 1, 1), date(2025, 12, 31)),
                "kind": fake.random_element(("retweet", "like", "reply")),
                "source": fake.random_element(("customer", "peer", "bot", "self")),
                "actor": "@" + fake.user_name(),
                "count": 1,
            }
        )
    return (time.perf_counter() - t0) / n


def main() -> int:
    print(f"python {sys.version.split()[0]}")
    cold, _ = timed(lambda: metrics.report(simulate(DEFAULT, 0)))
    warm, _ = timed(lambda: metrics.report(simulate(DEFAULT, 1)), repeat=5)
    sim_only, tables = timed(lambda: simulate(DEFAULT, 1), repeat=5)
    met_only, _ = timed(lambda: metrics.report(tables), repeat=5)
    print(f"default scenario: simulate + metrics cold (first call, Faker pools built) {cold:.3f} s")
    print(f"default scenario: simulate + metrics, new seed, median of 5 runs       {warm:.3f} s")
    print(f"    of which simulate {sim_only:.3f} s, metrics.report {met_only:.3f} s (target <= 0.3 s)")

    base_rss = peak_rss_mb()
    large_t, large = timed(lambda: simulate(LARGE_BRAND, 0))
    rows = len(large.engagements)
    rep_t, _ = timed(lambda: metrics.report(large))
    rss = peak_rss_mb()
    fans = metrics.vanity_kpis(large).fans
    sample = 20_000
    per_row = per_row_faker_loop(sample, list(large.posts["post_id"])[:5000])
    loop_total = per_row * rows
    print(
        f"large brand: {rows:,} engagement rows, {len(large.posts):,} posts, fans {fans:,}, "
        f"{len(large.inbox):,} inbox messages"
    )
    print(f"large brand: simulate {large_t:.2f} s, metrics.report {rep_t:.2f} s (target <= 3 s)")
    print(
        f"per-row Faker loop: {1 / per_row:,.0f} rows/s on a {sample:,}-row sample, "
        f"extrapolated to {rows:,} rows = {loop_total:,.0f} s"
    )
    print(f"speed-up of the vectorised simulation: {loop_total / large_t:,.0f}x (target >= 200x)")
    print(
        f"peak memory (max RSS of this process): {rss:,.0f} MB (before the large brand {base_rss:,.0f} MB; target <= 1024)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
