"""Slowing down password guessing: failed logins per user name and per client address, in one process.

After ``free`` failures in a row under a key (a name, an address), the key must wait
``base * 2**(n - free - 1)`` seconds after its latest failure (capped at ``cap``) before the
next attempt is even checked; a success clears the name's count. Failures older than
``forget`` seconds are forgotten. The clock is a parameter, so tests use a fake one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class _Failures:
    count: int
    last: float


class LoginThrottle:
    """Exponential back-off of failed logins, keyed by strings (``"name:alice"``, ``"ip:10.0.0.1"``).

    Args:
        clock: Seconds, monotonic (default :func:`time.monotonic`).
        free: Failures allowed before any wait.
        base: The first wait, in seconds.
        cap: The longest wait, in seconds.
        forget: A key's failures are dropped this long after its latest one.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        free: int = 3,
        base: float = 2.0,
        cap: float = 900.0,
        forget: float = 3600.0,
    ) -> None:
        self._clock = clock
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        """The wait after ``failures`` failures in a row (0 while within the free ones)."""
        if failures <= self.free:
            return 0.0
        return min(self.cap, self.base * 2.0 ** (failures - self.free - 1))

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before an attempt under ``keys`` may be checked (0: now); the longest of the keys."""
        now = self._clock()
        longest = 0.0
        with self._lock:
            for key in keys:
                seen = self._failures.get(key)
                if seen is None:
                    continue
                if now - seen.last >= self.forget:
                    del self._failures[key]
                    continue
                longest = max(longest, seen.last + self.delay(seen.count) - now)
        return max(0.0, longest)

    def failed(self, keys: Iterable[str]) -> None:
        """Count one failed attempt under each of ``keys``."""
        now = self._clock()
        with self._lock:
            for key in keys:
                seen = self._failures.get(key)
                if seen is None or now - seen.last >= self.forget:
                    self._failures[key] = _Failures(1, now)
                else:
                    seen.count += 1
                    seen.last = now

    def succeeded(self, keys: Iterable[str]) -> None:
        """Clear ``keys`` (call with the name's key only: one good password must not clear an address)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


def throttle_keys(name: str, address: str | None) -> list[str]:
    """The keys an attempt counts under: the user name (case-folded) and the client address when known."""
    keys = [f"name:{name.strip().casefold()}"]
    if address:
        keys.append(f"ip:{address}")
    return keys


def idle_expired(last_seen: float, now: float, idle_seconds: float) -> bool:
    """Whether a session last seen at ``last_seen`` has been idle for ``idle_seconds`` or more at ``now``."""
    return now - last_seen >= idle_seconds
