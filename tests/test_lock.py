"""The locks pin what pyproject.toml asks for, agree with each other, and are what is installed.

``requirements-test.lock`` (runtime + the ``test`` extra) and ``requirements.lock`` (runtime)
are made by ``uv pip compile --generate-hashes`` (README, "Dependencies and the lock").
``scripts/test.sh`` installs the test lock; ``scripts/test.sh --latest`` and
``scripts/test_floors.sh`` install other versions on purpose and set ``RLFF_UNLOCKED=1``;
the floors script also sets ``RLFF_FLOORS=1``.
"""

from __future__ import annotations

import importlib.metadata
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
TEST_LOCK = ROOT / "requirements-test.lock"
RUNTIME_LOCK = ROOT / "requirements.lock"
# Installed next to the lock's packages without being pinned: the project itself and the
# installers' own tools.
NOT_LOCKED = {"rlff", "pip", "setuptools", "wheel"}


@dataclass(frozen=True)
class Pin:
    name: str  # canonical: lower case, "-" for "_" and "."
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self) -> bool:
        """Whether this pin is for the running interpreter and platform."""
        return self.marker is None or self.marker.evaluate()


def read_lock(path: Path) -> list[Pin]:
    """The pins of a ``uv pip compile`` requirements file (comments and options left out)."""
    pins: list[Pin] = []
    logical = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            logical += line[:-1] + " "
            continue
        logical += line
        if logical.strip() and not logical.lstrip().startswith("-"):
            words = logical.split()
            hashes = tuple(w.removeprefix("--hash=") for w in words if w.startswith("--hash="))
            req = Requirement(" ".join(w for w in words if not w.startswith("--hash=")))
            (spec,) = req.specifier  # a pin has exactly one specifier, and it is ==
            assert spec.operator == "==", f"{path.name}: {req} is not pinned with =="
            pins.append(Pin(canonicalize_name(req.name), Version(spec.version), req.marker, hashes))
        logical = ""
    return pins


def direct_dependencies() -> tuple[list[Requirement], list[Requirement]]:
    """pyproject.toml's runtime dependencies and its ``test`` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    test = [Requirement(r) for r in project["optional-dependencies"]["test"]]
    return runtime, test


def versions(pins: list[Pin]) -> dict[str, set[tuple[Version, str]]]:
    """Each package's pinned versions, with the marker each one is for."""
    out: dict[str, set[tuple[Version, str]]] = {}
    for p in pins:
        out.setdefault(p.name, set()).add((p.version, str(p.marker or "")))
    return out


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}


def floor(req: Requirement) -> Version | None:
    bounds = [Version(s.version) for s in req.specifier if s.operator == ">="]
    return max(bounds) if bounds else None


def test_every_pin_in_both_locks_is_exact_and_hash_checked():
    for path in (TEST_LOCK, RUNTIME_LOCK):
        pins = read_lock(path)
        assert len(pins) > 30, path.name
        assert [p.name for p in pins if not p.hashes] == [], f"{path.name}: pins without a hash"


def test_the_two_locks_pin_the_same_versions_of_the_packages_they_share():
    runtime, test = versions(read_lock(RUNTIME_LOCK)), versions(read_lock(TEST_LOCK))
    assert set(runtime) <= set(test), "the runtime lock holds packages the test lock does not"
    assert {name: test[name] for name in runtime} == runtime


def test_every_direct_dependency_is_in_the_locks_at_a_version_it_accepts():
    runtime_deps, test_deps = direct_dependencies()
    for path, deps in ((RUNTIME_LOCK, runtime_deps), (TEST_LOCK, runtime_deps + test_deps)):
        pinned = versions(read_lock(path))
        for req in deps:
            name = canonicalize_name(req.name)
            assert name in pinned, f"{req} is not in {path.name}: compile the locks again (README)"
            for version, _ in pinned[name]:
                assert req.specifier.contains(version, prereleases=True), f"{path.name} pins {name} {version}, {req}"


def test_every_direct_dependency_declares_a_floor():
    runtime_deps, test_deps = direct_dependencies()
    assert [str(r) for r in runtime_deps + test_deps if floor(r) is None] == []


def test_the_readme_gives_the_commands_that_made_the_locks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in (TEST_LOCK, RUNTIME_LOCK):
        command = path.read_text(encoding="utf-8").splitlines()[1].removeprefix("#").strip()
        assert command.startswith("uv pip compile ") and command in readme, path.name


@pytest.mark.skipif(
    os.environ.get("RLFF_UNLOCKED") == "1",
    reason="RLFF_UNLOCKED=1: an environment with other versions than the lock on purpose "
    "(scripts/test.sh --latest or scripts/test_floors.sh)",
)
def test_the_installed_distributions_are_exactly_the_test_lock():
    have = installed()
    pins = [p for p in read_lock(TEST_LOCK) if p.applies()]
    wrong = {
        p.name: (str(p.version), have.get(p.name))
        for p in pins
        if p.name not in have or Version(have[p.name]) != p.version
    }
    extra = set(have) - {p.name for p in pins} - NOT_LOCKED
    assert wrong == {}, "installed versions that differ from requirements-test.lock: (lock, installed)"
    assert extra == set(), "installed packages that requirements-test.lock does not hold"


@pytest.mark.skipif(os.environ.get("RLFF_FLOORS") != "1", reason="only in scripts/test_floors.sh (RLFF_FLOORS=1)")
def test_each_direct_dependency_is_installed_at_its_floor():
    runtime_deps, test_deps = direct_dependencies()
    have = installed()
    off: dict[str, str | None] = {}
    for req in runtime_deps + test_deps:
        version = have.get(canonicalize_name(req.name))
        if version is None or Version(version) != floor(req):
            off[str(req)] = version
    assert off == {}, "the lowest installable version is not the floor: raise the floor to it"
