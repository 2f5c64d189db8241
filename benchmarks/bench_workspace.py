"""Workspace benchmark: does a growing workspace slow imports and the first view down?

Run: .venv/bin/python benchmarks/bench_workspace.py [rows] [--postgresql URL_OF_AN_EMPTY_DB]

1. Import a 100,000-row X per-post export (built as in bench_import.py) into an empty
   workspace, and into one that already holds 12 months of the same brand (the default
   scenario simulated over a year, imported as RLFF CSVs). Target: ratio <= 2.
2. Read that 12-month brand back (``Workspace.tables``) vs ``simulate()`` of the default
   scenario, what the dashboard shows first. Target: ratio <= 1 (reported; the machine is
   shared, so wall times vary: CPU times are printed too). The first reading after an import
   merges every file and stores the result (a snapshot); the next ones read the snapshot.

Prints medians of a few runs; exits 1 when the import ratio misses its target.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_import import x_export  # noqa: E402

from rlff.io.tables import table_to_csv_bytes  # noqa: E402
from rlff.io.workspace import open_workspace  # noqa: E402
from rlff.schema import TABLE_NAMES  # noqa: E402
from rlff.simulation.scenario import DEFAULT  # noqa: E402
from rlff.simulation.simulate import simulate  # noqa: E402

IMPORT_TARGET = 2.0
RUNS = 3


def year_of_a_brand() -> list[tuple[str, bytes]]:
    """12 months of the default scenario, as the RLFF CSVs a user would import."""
    tables = simulate(DEFAULT.replace(start=date(2025, 1, 1), end=date(2025, 12, 31)), 0)
    return [(f"{n}.csv", table_to_csv_bytes(n, tables.table(n))) for n in TABLE_NAMES if len(tables.table(n))]


def timed(fn) -> tuple[float, float]:  # noqa: ANN001
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    args = sys.argv[1:]
    pg_url = None
    if "--postgresql" in args:
        pg_url = args[args.index("--postgresql") + 1]
        args = [a for a in args if a not in ("--postgresql", pg_url)]
    rows = int(args[0]) if args else 100_000
    export = [("account_analytics_content.csv", x_export(rows))]
    year = year_of_a_brand()
    work = Path(tempfile.mkdtemp(prefix="rlff-bench-ws-"))
    try:
        return run(work, export, year, rows, pg_url)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, export, year, rows: int, pg_url: str | None) -> int:  # noqa: ANN001
    if pg_url:
        print(f"database: PostgreSQL ({pg_url.split('@')[-1]})")
    else:
        print("database: SQLite (one file)")

    def fresh(name: str, with_year: bool) -> str:
        if pg_url:
            import sqlalchemy as sa

            engine = sa.create_engine(pg_url)
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            engine.dispose()
            url = pg_url
        else:
            url = f"sqlite:///{work / name}"
        ws = open_workspace(url)
        if with_year:
            ws.import_files(year, brand="acme")
        ws.close()
        return url

    seed = fresh("seed.sqlite", True)
    ws = open_workspace(seed)
    held = ws.tables("acme")
    ws.close()
    print(
        f"12-month brand: {held.meta.start} to {held.meta.end}, "
        + ", ".join(f"{len(held.table(n)):,} {n}" for n in ("posts", "engagements", "inbox", "mentions"))
    )

    empty_t, full_t = [], []
    for i in range(RUNS):
        for with_year, sink in ((False, empty_t), (True, full_t)):
            url = fresh(f"run{i}-{int(with_year)}.sqlite", with_year)
            ws = open_workspace(url)
            sink.append(timed(lambda ws=ws: ws.import_files(export, brand="acme")))
            ws.close()
    empty, full = statistics.median(t for t, _ in empty_t), statistics.median(t for t, _ in full_t)
    ratio = full / empty
    print(
        f"import {rows:,} X posts into an empty workspace:   {empty:6.2f} s (cpu {statistics.median(c for _, c in empty_t):.2f} s)"
    )
    print(
        f"import {rows:,} X posts next to 12 months:          {full:6.2f} s (cpu {statistics.median(c for _, c in full_t):.2f} s)"
    )
    print(f"ratio: {ratio:.2f} (target <= {IMPORT_TARGET})")

    firsts, reads = [], []
    for i in range(RUNS):
        url = fresh(f"read{i}.sqlite", True)
        ws = open_workspace(url)
        firsts.append(timed(lambda ws=ws: ws.tables("acme")))  # merges, stores the snapshot
        reads.append(timed(lambda ws=ws: ws.tables("acme")))  # reads the snapshot
        ws.close()
    first = statistics.median(t for t, _ in firsts)
    print(
        f"Workspace.tables(), first reading after an import (merge): {first:6.2f} s "
        f"(cpu {statistics.median(c for _, c in firsts):.2f} s; `rlff import` does it, the dashboard does not)"
    )
    simulate(DEFAULT, 0)
    sims = [timed(lambda: simulate(DEFAULT, 0)) for _ in range(RUNS)]
    read, sim = statistics.median(t for t, _ in reads), statistics.median(t for t, _ in sims)
    print(
        f"Workspace.tables() of the 12-month brand, snapshot: {read:6.2f} s (cpu {statistics.median(c for _, c in reads):.2f} s)"
    )
    print(f"simulate() of the default scenario:       {sim:6.2f} s (cpu {statistics.median(c for _, c in sims):.2f} s)")
    print(f"ratio: {read / sim:.2f} (the first view is no slower when <= 1)")
    return 0 if ratio <= IMPORT_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
