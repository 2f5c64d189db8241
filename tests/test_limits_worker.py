"""Issue 12, item 2: upload parsing runs off the server's process, bounded in time and queue."""

from __future__ import annotations

import time

import pytest

from rlff_app import parse_worker
from tests.export_samples import x_posts


def _slow_import(files):  # noqa: ANN001, ANN202 - runs in the worker: pure Python, holds its GIL
    deadline = time.perf_counter() + 3.0
    n = 0
    while time.perf_counter() < deadline:
        n += 1
    from rlff.io.imports import import_files

    return import_files(files)


@pytest.fixture
def worker(monkeypatch):
    monkeypatch.delenv("RLFF_PARSE_INLINE", raising=False)
    parse_worker.warm()
    yield parse_worker
    parse_worker._discard_pool()


def test_a_file_parsed_in_the_worker_gives_what_the_importer_gives(worker) -> None:
    from rlff.io.imports import import_files

    name, data, rows = x_posts(50)
    isolated = worker.import_files_isolated([(name, data)], timeout=300)
    direct = import_files([(name, data)])
    assert not isolated.problems
    assert isolated.row_counts == direct.row_counts
    assert isolated.row_counts["posts"] == len(rows)


def test_a_busy_parse_costs_this_process_no_cpu(worker, monkeypatch) -> None:
    """The 3 s of CPU an upload burns are the worker's: the server's sessions keep theirs.

    Parsed in-process (RLFF_PARSE_INLINE=1) the same call costs this process >= 3 s of CPU.
    """
    worker.import_files_isolated([x_posts(3)[:2]], timeout=300)  # the worker is up
    monkeypatch.setattr(parse_worker, "_run", _slow_import)
    before = time.process_time()
    outcome = worker.import_files_isolated([x_posts(5)[:2]], timeout=300)
    spent = time.process_time() - before
    assert not outcome.problems
    assert spent < 0.5


def test_a_parse_past_the_timeout_is_stopped_with_a_message(worker, monkeypatch) -> None:
    worker.import_files_isolated([x_posts(3)[:2]], timeout=300)
    monkeypatch.setattr(parse_worker, "_run", _slow_import)
    started = time.perf_counter()
    outcome = worker.import_files_isolated([("slow.xlsx", b"PK")], timeout=1.0)
    assert time.perf_counter() - started < 10
    assert len(outcome.problems) == 1
    assert "took longer than 1 s" in str(outcome.problems[0])
    assert outcome.row_counts["posts"] == 0


def test_too_many_waiting_uploads_are_refused(worker, monkeypatch) -> None:
    monkeypatch.setattr(parse_worker, "_waiting", parse_worker.MAX_WAITING + 1)
    outcome = worker.import_files_isolated([("a.csv", b"x")])
    assert "reading other visitors' files" in str(outcome.problems[0])
