"""A memo keyed on an object's identity, kept while that object lives."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Several charts need the same metric of the same tables (the follower curve, the monthly
# engagement, the vanity KPIs...). shared() computes it once per Tables object (or any other
# object treated as read-only: the dashboard keys a figure's browser copy on the figure) and
# keeps it until that object is garbage-collected. Results are shared: nobody modifies them.
_SHARED: dict[int, dict[tuple[Any, ...], Any]] = {}
_SHARED_LOCK = threading.Lock()


def shared(tables: Any, fn: Callable[..., T], *args: Any) -> T:
    """``fn(tables, *args)``, computed once per ``tables`` object (args must be hashable)."""
    with _SHARED_LOCK:
        store = _SHARED.get(id(tables))
        if store is None:
            store = _SHARED[id(tables)] = {}
            weakref.finalize(tables, _SHARED.pop, id(tables), None)
    key = (fn.__module__, fn.__qualname__, *args)
    if key not in store:
        store[key] = fn(tables, *args)
    return store[key]
