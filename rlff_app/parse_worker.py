"""Uploads are parsed in a worker process, so one heavy file cannot stall other visitors.

Every session of the dashboard runs in a thread of one process: a workbook that keeps
openpyxl busy for a minute holds the GIL for that minute, and every other visitor's
reruns wait (0.2 s became 2.4 s). Here the parsing runs in one separate process
(:data:`WORKERS`), with a bound on the uploads waiting for it (:data:`MAX_WAITING`) and
on the time one batch may take (:data:`PARSE_TIMEOUT_S`); the session that uploaded
waits, the others do not notice. Set ``RLFF_PARSE_INLINE=1`` to parse in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rlff.io.imports.merge import ImportOutcome

WORKERS = 1  # the machine's other core serves the sessions
MAX_WAITING = 4  # batches queued for the worker beyond the running one
PARSE_TIMEOUT_S = 90.0  # within the budgets (rlff.io.imports.budget) a batch takes < 30 s

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_waiting = 0
_warmed = False


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # spawn: forking a server that runs threads can copy a held lock into the child
            _pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _load_readers() -> None:
    import rlff.io.imports  # noqa: F401 - pandas, pandera and the readers: seconds, once per worker


def warm() -> None:
    """Start the worker and load the readers in it now, in the background (the uploader
    calls this when it is drawn), so the first upload does not pay for it."""
    if os.environ.get("RLFF_PARSE_INLINE") == "1":
        return
    global _warmed
    with _lock:
        if _warmed and _pool is not None:
            return
        _warmed = True
    try:
        _executor().submit(_load_readers)
    except RuntimeError:  # interpreter shutting down
        pass


def _discard_pool() -> None:
    """Stop the worker (a timed-out or crashed batch); the next upload starts a fresh one."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is None:
        return
    for proc in list(getattr(pool, "_processes", {}).values()):  # a running task cannot be cancelled
        proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _run(files: list[tuple[str, bytes]]) -> ImportOutcome:
    from rlff.io.imports import import_files

    return import_files(files)


def _refused(files: Sequence[tuple[str, bytes]], message: str, hint: str) -> ImportOutcome:
    from rlff.io.imports import ImportProblem, import_files

    outcome = import_files([])  # an empty dataset, as a batch of unreadable files gives
    outcome.problems = [ImportProblem(name, message, hint=hint) for name, _ in files]
    return outcome


def import_files_isolated(files: Sequence[tuple[str, bytes]], timeout: float = PARSE_TIMEOUT_S) -> ImportOutcome:
    """``rlff.io.imports.import_files(files)``, run in the worker process.

    Never raises for the files' sake: a batch that waits behind too many others, runs
    past ``timeout`` seconds or kills the worker comes back as one problem per file.
    """
    batch = list(files)
    if os.environ.get("RLFF_PARSE_INLINE") == "1":
        return _run(batch)
    global _waiting
    with _lock:
        if _waiting > MAX_WAITING:
            busy = True
        else:
            busy = False
            _waiting += 1
    if busy:
        return _refused(
            batch,
            "the dashboard is reading other visitors' files right now",
            "upload again in a minute",
        )
    try:
        future = _executor().submit(_run, batch)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            _discard_pool()
            return _refused(
                batch,
                f"reading these files took longer than {timeout:.0f} s, so RLFF stopped",
                "export a shorter period, or save the sheet you need as CSV",
            )
        except BrokenProcessPool:
            _discard_pool()
            return _refused(
                batch,
                "reading these files needed more memory than RLFF allows",
                "export a shorter period, or save the sheet you need as CSV",
            )
    finally:
        with _lock:
            _waiting -= 1
