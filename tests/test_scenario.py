"""The scenario: defaults from the article, validation that names the knob."""

from __future__ import annotations

from datetime import date

import pytest

from rlff.simulation.scenario import DEFAULT, Scenario, ScenarioError, reported_month


def test_defaults_reproduce_the_article():
    assert DEFAULT.salary_eur_year == 50_000  # "au salaire de 50-60K €"
    assert DEFAULT.hours_per_week == 35  # "comme vous êtes au 35h"
    assert "pinterest" in DEFAULT.platforms  # "Tu ne peux pas te passer de Piner"
    assert DEFAULT.like_own_comments  # "liker tous tes commentaires"
    assert DEFAULT.bought_followers > 0 and DEFAULT.ring_size > 0
    assert DEFAULT.crisis  # "la crise, c'est un mythe"
    rate_c, hours_c = DEFAULT.reply_policy("compliment")
    rate_k, hours_k = DEFAULT.reply_policy("complaint")
    assert hours_c < 1 < hours_k and rate_c > rate_k


def test_scenario_is_hashable_and_frozen():
    assert hash(DEFAULT) == hash(Scenario())
    with pytest.raises(AttributeError):
        DEFAULT.ring_size = 3  # type: ignore[misc]


def test_reported_month_is_the_last_complete_month():
    assert reported_month(DEFAULT) == date(2026, 1, 1)
    assert reported_month(DEFAULT.replace(end=date(2026, 1, 30))) == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("changes", "knob"),
    [
        ({"end": date(2025, 9, 1)}, "before it starts"),
        ({"end": date(2025, 10, 20)}, "two calendar months"),
        ({"strategy_adherence": 1.5}, "strategy_adherence"),
        ({"reply_rate_complaint": -0.1}, "reply_rate_complaint"),
        ({"bought_followers": -5}, "bought_followers"),
        ({"lang": "de"}, "language"),
        ({"platforms": ("myspace",)}, "platforms"),
        ({"platforms": ()}, "platforms"),
        ({"posts_per_day": 0.0}, "posts_per_day"),
        ({"crisis_day": 31}, "crisis_day"),
        ({"hours_per_week": 0.0}, "hours_per_week"),
    ],
)
def test_impossible_knobs_raise_a_scenario_error_naming_them(changes, knob):
    with pytest.raises(ScenarioError, match=knob):
        DEFAULT.replace(**changes)
