"""The sidebar's knobs round-trip through the URL query (rlff_app.query, no streamlit needed)."""

from __future__ import annotations

from datetime import date

import pytest

from rlff.simulation.scenario import DEFAULT, ScenarioError
from rlff_app.query import (
    KNOBS,
    REPLY_POLICIES,
    default_state,
    scenario_from_state,
    state_from_query,
    state_to_query,
)


def test_the_default_state_is_the_articles_scenario_and_an_empty_query():
    state = default_state()
    assert state_to_query(state) == {}
    assert scenario_from_state(state) == (DEFAULT, 0)


def test_lang_alone_opens_the_french_dashboard():
    state, problems = state_from_query({"lang": "fr"})
    assert not problems
    scenario, seed = scenario_from_state(state)
    assert scenario == DEFAULT.replace(lang="fr") and seed == 0
    assert state_to_query(state) == {"lang": "fr"}


def test_a_copied_link_restores_every_knob():
    state = default_state() | {
        "lang": "fr",
        "seed": 7,
        "ring_size": 40,
        "bought_followers": 20_000,
        "like_own_comments": False,
        "reply_policy": "responsive",
        "end": date(2026, 3, 31),
        "platforms": ("twitter", "pinterest"),
        "strategy_adherence": 0.85,
        "brand": "Pain & Cie",
    }
    query = state_to_query(state)
    restored, problems = state_from_query(query)
    assert not problems
    assert restored == state


def test_every_knob_survives_the_round_trip_at_a_non_default_value():
    for knob in KNOBS:
        if knob.kind == "int":
            value = int(knob.max)
        elif knob.kind == "float":
            value = float(knob.min)
        elif knob.kind == "bool":
            value = not knob.default
        elif knob.kind == "date":
            value = date(2025, 6, 1)
        elif knob.kind == "choice":
            value = [c for c in knob.choices if c != knob.default][0]
        elif knob.kind == "platforms":
            value = ("facebook",)
        else:
            value = "Other brand"
        state = default_state() | {knob.name: value}
        assert state_from_query(state_to_query(state))[0][knob.name] == value, knob.name


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("seed", "abc", "app.query_error.number"),
        ("ring_size", "-3", "app.query_error.range"),
        ("lang", "de", "app.query_error.choice"),
        ("start", "yesterday", "app.query_error.date"),
        ("platforms", "twitter,myspace", "app.query_error.choice"),
        ("crisis", "maybe", "app.query_error.choice"),
        ("strategy_adherence", "nan", "app.query_error.number"),
    ],
)
def test_a_bad_url_value_is_reported_and_the_knob_keeps_its_default(key, value, reason):
    state, problems = state_from_query({"seed": "3", key: value})
    assert [(p.key, p.reason) for p in problems] == [(key, reason)]
    assert state[key] == default_state()[key]
    if key != "seed":
        assert state["seed"] == 3


def test_unknown_url_parameters_are_ignored():
    state, problems = state_from_query({"utm_source": "newsletter"})
    assert state == default_state() and not problems


def test_reply_policies_set_the_reply_knobs():
    responsive, _ = scenario_from_state(default_state() | {"reply_policy": "responsive"})
    assert responsive.reply_policy("complaint") == (0.95, 1.0)
    ghost, _ = scenario_from_state(default_state() | {"reply_policy": "ghost"})
    assert ghost.reply_rate_complaint == 0.0 and ghost.reply_rate_compliment == DEFAULT.reply_rate_compliment
    assert REPLY_POLICIES["vain"] == {}


def test_an_impossible_period_raises_scenario_error():
    with pytest.raises(ScenarioError, match="before it starts"):
        scenario_from_state(default_state() | {"start": date(2026, 2, 1), "end": date(2025, 10, 1)})
