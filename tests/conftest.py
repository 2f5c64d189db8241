"""Shared fixtures: the default scenario simulated once per test session."""

from __future__ import annotations

import pytest

from rlff.scenario import DEFAULT
from rlff.schema import Tables
from rlff.simulate import simulate


@pytest.fixture(scope="session")
def default_tables() -> Tables:
    """The default scenario, seed 0 (treat as read-only)."""
    return simulate(DEFAULT, 0)
