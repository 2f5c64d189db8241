"""A process-wide cache bounded by memory as well as by entries (and by age).

``st.cache_resource(max_entries=16)`` counts entries, not bytes: sixteen heavy scenarios
(80 MB of tables each) held 1.3 GB. :class:`BoundedCache` evicts the least recently used
entries until the total size, measured once per entry, fits ``max_bytes``.
"""

from __future__ import annotations

import ctypes
import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

import pandas as pd

from rlff.schema import TABLE_NAMES, Tables

V = TypeVar("V")


def tables_nbytes(tables: Tables) -> int:
    """Memory the frames of ``tables`` hold (deep: text counted too)."""
    return int(sum(tables.table(name).memory_usage(index=True, deep=True).sum() for name in TABLE_NAMES))


def frame_nbytes(frame: pd.DataFrame) -> int:
    """Memory one frame holds."""
    return int(frame.memory_usage(index=True, deep=True).sum())


def release_free_memory() -> None:
    """Give freed heap pages back to the system (glibc keeps them otherwise: an evicted
    80 MB dataset would still count in the server's resident memory). No-op elsewhere."""
    gc.collect()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


class BoundedCache(Generic[V]):
    """Least-recently-used cache with a size budget, an entry budget and a time to live.

    A value bigger than the whole budget is returned but not kept. Concurrent callers of
    the same key compute it once (the others wait for the first).
    """

    def __init__(self, max_bytes: int, max_entries: int, ttl_seconds: float, sizeof: Callable[[V], int]) -> None:
        self.max_bytes, self.max_entries, self.ttl = max_bytes, max_entries, ttl_seconds
        self._sizeof = sizeof
        self._items: OrderedDict[str, tuple[V, int, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[str, threading.Lock] = {}

    @property
    def nbytes(self) -> int:
        """Total size of what is kept."""
        with self._lock:
            return sum(size for _, size, _ in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()

    def _lookup(self, key: str) -> tuple[bool, V | None]:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return False, None
            if time.monotonic() - item[2] > self.ttl:
                del self._items[key]
                return False, None
            self._items.move_to_end(key)
            return True, item[0]

    def get_or_compute(self, key: str, compute: Callable[[], V]) -> V:
        """The value kept under ``key``, else ``compute()`` (kept if it fits the budget)."""
        found, value = self._lookup(key)
        if found:
            return value  # type: ignore[return-value]
        with self._lock:
            gate = self._pending.setdefault(key, threading.Lock())
        with gate:
            found, value = self._lookup(key)
            if found:
                return value  # type: ignore[return-value]
            value = compute()
            size = self._sizeof(value)
            with self._lock:
                self._pending.pop(key, None)
                dropped = False
                if size <= self.max_bytes:
                    self._items[key] = (value, size, time.monotonic())
                    dropped = self._evict()
            if dropped:
                release_free_memory()
            return value

    def _evict(self) -> bool:
        """Drop the oldest entries until both budgets hold; True when something was dropped."""
        total = sum(size for _, size, _ in self._items.values())
        dropped = False
        while self._items and (total > self.max_bytes or len(self._items) > self.max_entries):
            _, (_, size, _) = self._items.popitem(last=False)
            total -= size
            dropped = True
        return dropped
