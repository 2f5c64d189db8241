"""The sidebar's knobs and the URL query: the parser lives in :mod:`rlff.simulation.query`.

The command line (``rlff report|export --scenario``) uses the same parser; this module
keeps the dashboard's import path.
"""

from __future__ import annotations

from rlff.simulation.query import (
    GROUPS,
    KNOBS,
    KNOBS_BY_NAME,
    REPLY_POLICIES,
    Knob,
    QueryProblem,
    default_state,
    scenario_from_state,
    state_from_query,
    state_to_query,
)

__all__ = [
    "GROUPS",
    "KNOBS",
    "KNOBS_BY_NAME",
    "REPLY_POLICIES",
    "Knob",
    "QueryProblem",
    "default_state",
    "scenario_from_state",
    "state_from_query",
    "state_to_query",
]
