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


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of this test run (skipped, with the reason, when it cannot run here)."""
    import postgres_server as pg

    reason = pg.why_unavailable()
    if reason:
        pytest.skip(reason)
    server = pg.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace_url(request, tmp_path) -> str:
    """A fresh, empty workspace URL: a SQLite file, or a new database on the test PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ws' / 'workspace.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"t{next(_DATABASE_NUMBERS)}")


_DATABASE_NUMBERS = iter(range(1, 1_000_000))


@pytest.fixture
def workspace(workspace_url):
    """An open workspace on SQLite and on PostgreSQL (closed after the test)."""
    from rlff.io.workspace import open_workspace

    ws = open_workspace(workspace_url)
    yield ws
    ws.close()
