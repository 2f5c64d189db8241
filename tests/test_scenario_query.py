"""The what-if query string: one parser for the dashboard URL and `rlff report|export --scenario`."""

from __future__ import annotations

import json

import pytest

from rlff.cli import main
from rlff.simulation.query import scenario_from_query, state_from_query
from rlff.simulation.scenario import DEFAULT, ScenarioError


def test_a_query_string_gives_the_same_scenario_as_the_dashboard_url():
    scenario, seed, lang = scenario_from_query("?reply_policy=ghost&ring_size=40&seed=3&lang=fr")
    assert (seed, lang) == (3, "fr")
    assert scenario.ring_size == 40 and scenario.lang == "fr"
    assert scenario.reply_rate_complaint == 0.0 and scenario.reply_rate_compliment == DEFAULT.reply_rate_compliment


@pytest.mark.parametrize(
    ("query", "lang", "needle"),
    [
        ("lang=fr&platforms=", "fr", "platforms doit être un sous-ensemble non vide de twitter"),
        ("platforms=", "en", "platforms must be a non-empty subset of twitter"),
        ("lang=fr&ring_size=abc", "fr", "ce n'est pas un nombre"),
        ("lang=fr&ring_size=9999", "fr", "entre 0 et 200"),
        ("ring_size=9999", "en", "between 0 and 200"),
        ("rign_size=3", "en", "unknown knob “rign_size”"),
        ("lang=fr&start=2026-01-01&end=2025-06-01", "fr", "la période finit (2025-06-01) avant de commencer"),
    ],
)
def test_a_bad_query_is_an_error_in_the_users_language(query, lang, needle):
    with pytest.raises(ScenarioError) as info:
        scenario_from_query(query)
    assert needle in str(info.value)


def test_the_dashboard_warning_for_an_out_of_range_value_says_the_range():
    _, problems = state_from_query({"customer_service_share": "3"})
    assert problems[0].message("en") == "out of range: between 0 and 1"
    assert problems[0].message("fr") == "hors limites\u202f: entre 0 et 1"


def test_rlff_report_runs_the_what_if(capsys):
    assert main(["report", "--json"]) == 0
    base = json.loads(capsys.readouterr().out)
    assert main(["report", "--json", "--scenario", "customer_service_share=1"]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert moved["reality"]["reply_rate"] > base["reality"]["reply_rate"] + 0.2
    # Answering customers does not change the deck's month (the posts come first); the
    # blog it costs moves the random draws of the months before, a little.
    assert {k: moved["vanity"][k] for k in ("retweets", "likes", "friends", "fans")} == {
        k: base["vanity"][k] for k in ("retweets", "likes", "friends", "fans")
    }


def test_rlff_report_reports_a_bad_scenario_on_one_line_in_french(capsys):
    assert main(["report", "--scenario", "lang=fr&platforms="]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: platforms doit être un sous-ensemble non vide")


def test_scenario_and_data_together_are_refused(capsys, tmp_path):
    assert main(["report", "--scenario", "ring_size=3", "--data", str(tmp_path)]) == 2
    assert "--scenario" in capsys.readouterr().err
