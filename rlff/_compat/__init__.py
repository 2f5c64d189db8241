"""Every use of a library's private insides, in one small module per library, each one loud.

RLFF reaches into kaleido, choreographer, plotly (here) and streamlit
(:mod:`rlff_app._compat.streamlit`) where their public APIs are slower. Each such hook is a
:class:`Hook`: it names the library, the range of versions it was written and checked for,
and what happens without it. Outside that range, or when the attribute it uses is gone, the
hook is not used: RLFF takes the library's public, slower path and logs one warning that
says so. Each module's ``fast_paths()`` tells which hooks are on; ``tests/test_compat.py``
fails when any of them is off on the installed (locked) versions, so an upgrade that
breaks one is noticed, not just slower.

The bottom layer of :mod:`rlff`: it imports nothing of RLFF.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
import re
import threading
from dataclasses import dataclass

__all__ = ["Hook", "installed_version", "parse_version", "reset_warnings"]

logger = logging.getLogger("rlff.compat")

_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def parse_version(text: str) -> tuple[int, ...]:
    """The release numbers of a version string: ``"1.5.1rc2"`` -> ``(1, 5, 1)``; ``()`` if none.

    Enough to compare against a hook's range (pre-releases count as their release).
    """
    match = re.match(r"\s*v?(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


@functools.cache
def installed_version(distribution: str) -> str | None:
    """The installed version of ``distribution`` (its metadata, not ``__version__``); None if absent."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def reset_warnings() -> None:
    """Forget which hooks already warned, and the versions read (tests)."""
    installed_version.cache_clear()
    with _warned_lock:
        _warned.clear()


@dataclass(frozen=True)
class Hook:
    """One use of a library's private insides, and the versions it was checked against.

    Attributes:
        library: the distribution's name, as installed (``importlib.metadata``).
        name: the hook's short name (a key of its module's ``fast_paths()``).
        since: the lowest version it was written for (inclusive), e.g. ``"1.5"``.
        below: the first version it was not checked against (exclusive), e.g. ``"1.6"``.
        slower: what RLFF does without it, for the warning.
    """

    library: str
    name: str
    since: str
    below: str
    slower: str

    def in_range(self, version: str | None = None) -> bool:
        """Whether ``version`` (default: the installed one) is in the range this hook was written for."""
        version = installed_version(self.library) if version is None else version
        if version is None:
            return False
        release = parse_version(version)
        return parse_version(self.since) <= release < parse_version(self.below)

    def usable(self, present: bool = True) -> bool:
        """True when the hook may run: the installed version is in range and ``present`` (what it uses exists).

        Otherwise logs, once per process, a warning naming the library, its version and the
        slower path taken, and returns False.
        """
        version = installed_version(self.library)
        if version is None:
            why = "it is not installed"
        elif not self.in_range(version):
            why = f"it was written for {self.library} >={self.since},<{self.below}"
        elif not present:
            why = f"{self.library} {version} no longer has what it uses"
        else:
            return True
        self.warn(why, version)
        return False

    def warn(self, why: str, version: str | None = None) -> None:
        """Log, once per process, that this hook is off (``why``) and RLFF takes the slower path."""
        version = installed_version(self.library) if version is None else version
        with _warned_lock:
            if (self.library, self.name) in _warned:
                return
            _warned.add((self.library, self.name))
        logger.warning(
            "%s %s: RLFF fast path %r is off (%s); %s",
            self.library,
            version or "(not installed)",
            self.name,
            why,
            self.slower,
        )
