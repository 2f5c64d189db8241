"""Shared fixtures: the default scenario simulated once per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

from rlff.schema import Tables
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

# Chromium's lasting profile (rlff.export.browser_cache) goes to a folder of this test run, not the
# user's ~/.cache; the served dashboard in the browser tests inherits it.
os.environ["RLFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="rlff-test-cache-")
# Likewise the workspace (rlff.io.workspace): never the user's; tests that store set their own URL.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="rlff-test-data-")
os.environ.pop("RLFF_DATABASE_URL", None)


@pytest.fixture(scope="session")
def default_tables() -> Tables:
    """The default scenario, seed 0 (treat as read-only)."""
    return simulate(DEFAULT, 0)
