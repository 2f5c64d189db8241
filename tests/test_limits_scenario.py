"""Issue 12, item 3: a scenario's rows are known before simulating it, and capped."""

from __future__ import annotations

from datetime import date

import pytest

from rlff.i18n import NNBSP
from rlff.simulation.budget import MAX_SCENARIO_ROWS, ScenarioTooLarge, check_budget, estimate_rows
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from rlff_app.query import scenario_from_state, state_from_query

MAXED = {
    "posts_per_day": 20.0,
    "bought_followers": 100_000,
    "follower_purchases": 12,
    "ring_size": 200,
    "follow_for_follow": 10_000,
}


@pytest.mark.parametrize(
    "scenario",
    [
        DEFAULT,
        DEFAULT.replace(ring_size=0, crisis=False, platforms=("twitter",)),
        DEFAULT.replace(start=date(2025, 3, 1), end=date(2025, 8, 31), **MAXED),
    ],
    ids=["default", "small", "heavy"],
)
def test_the_estimate_matches_the_rows_simulate_gives(scenario) -> None:
    tables = simulate(scenario, 5)
    for name, expected in estimate_rows(scenario).items():
        real = len(tables.table(name))
        assert abs(real - expected) <= max(25, 0.08 * real), (name, real, expected)


def test_three_years_at_every_maximum_is_refused_before_simulating() -> None:
    heavy = DEFAULT.replace(start=date(2023, 1, 1), end=date(2025, 12, 31), **MAXED)
    # ~7M rows (the issue measured 12.9M before the week capped the posts at what it can hold)
    assert sum(estimate_rows(heavy).values()) > 2 * MAX_SCENARIO_ROWS
    with pytest.raises(ScenarioTooLarge) as caught:
        simulate(heavy, 1)
    err = caught.value
    assert err.months == 36 and 2 <= err.fitting_months < 36
    first = date(2025, 12, 1)
    back = err.fitting_months - 1  # the suggested period ends where the asked one does
    fitting = heavy.replace(
        start=date(first.year - (12 - first.month + back) // 12, (first.month - 1 - back) % 12 + 1, 1)
    )
    assert check_budget(fitting) <= MAX_SCENARIO_ROWS  # the suggestion fits
    assert "shorter period" in str(err)
    assert f"3{NNBSP}000{NNBSP}000" in err.text("fr") and f"{NNBSP};" in err.text("fr")


def test_a_heavy_link_is_refused_by_the_dashboard_state() -> None:
    params = {"start": "2023-01-01", "end": "2025-12-31", **{k: str(v) for k, v in MAXED.items()}}
    state, problems = state_from_query(params)
    assert not problems
    with pytest.raises(ScenarioTooLarge):
        scenario_from_state(state)
