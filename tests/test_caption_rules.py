"""Captions follow the data: the punchline when the numbers make it, a plain line when not.

Each rule of rlff/charts/captions.py is checked on both sides with hand-made numbers, and
on simulated scenarios where the chart's own caption must change with the knobs.
"""

from __future__ import annotations

from functools import cache

import pytest

from rlff.charts import build_chart, captions
from rlff.simulation.query import REPLY_POLICIES
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate


@cache
def tables(**changes):
    return simulate(DEFAULT.replace(**changes), 0)


def caption(key: str, lang: str = "en", **changes) -> str:
    return build_chart(tables(**changes), key, lang=lang).caption


# --- the rules, both sides, on numbers -------------------------------------------------


def test_reply_rate_rule():
    assert captions.reply_rate_caption({"compliment": 0.9, "question": 0.0, "complaint": 0.0}).endswith(".ghost")
    assert captions.reply_rate_caption({"compliment": 0.9, "question": 0.5, "complaint": 0.3}).endswith(".vain")
    assert captions.reply_rate_caption({"compliment": 0.9, "question": 0.9, "complaint": 0.85}).endswith(".plain")
    assert captions.reply_rate_caption({"compliment": 0.9}).endswith(".plain")  # no complaint to compare


def test_response_time_rule():
    assert captions.response_time_caption(0, None).endswith(".no_complaints")
    assert captions.response_time_caption(12, None).endswith(".never")
    assert captions.response_time_caption(12, 66.0).endswith(".slow")
    assert captions.response_time_caption(12, 0.5).endswith(".plain")


def test_crisis_rule_and_title():
    assert captions.crisis_caption(0, 0).endswith(".none")
    assert captions.crisis_caption(150, 3).endswith(".myth")
    assert captions.crisis_caption(150, 140).endswith(".handled")
    assert captions.crisis_title(150, 0) == "chart.crisis_timeline.title"
    assert captions.crisis_title(0, 0).endswith(".plain")
    # A crisis answered for the most part is no myth: the title says so too.
    assert captions.crisis_title(150, 140).endswith(".plain")


def test_platform_rule():
    posts = {"twitter": 0.3, "facebook": 0.2, "instagram": 0.2, "linkedin": 0.15, "pinterest": 0.15}
    assert captions.platform_caption(posts, {"twitter": 0.5, "facebook": 0.4, "pinterest": 0.01}) == (
        "chart.platform_effort.caption.pinterest",
        "pinterest",
    )
    # The inversion: Pinterest sells more than its share of posts -> it is not named.
    key, named = captions.platform_caption(
        posts, {"twitter": 0.3, "facebook": 0.3, "instagram": 0.19, "pinterest": 0.2, "linkedin": 0.01}
    )
    assert (key, named) == ("chart.platform_effort.caption.worst", "linkedin")
    key, named = captions.platform_caption(posts, dict(posts))
    assert (key, named) == ("chart.platform_effort.caption.plain", None)
    assert captions.platform_title(["twitter", "pinterest"]) == "chart.platform_effort.title"
    assert captions.platform_title(["twitter"]).endswith(".plain")


def test_other_rules_both_sides():
    assert captions.self_likes_caption(372) == "chart.self_likes.caption"
    assert captions.self_likes_caption(0).endswith(".none")
    assert captions.top_posts_caption_key(10, 25) == "chart.top_posts.caption"
    assert captions.top_posts_caption_key(10, 2).endswith(".no_sales")
    assert captions.shows_sales(10, 10) and not captions.shows_sales(10, 9)
    assert not captions.shows_sales(0, 0)
    assert captions.format_caption("photo_question", "link").endswith(".vain")
    assert captions.format_caption("photo", "link").endswith(".plain")
    assert captions.format_caption("photo_question", "photo_question").endswith(".plain")
    assert captions.format_caption("link", "link", has_photo_question=False).endswith(".no_pq")
    assert captions.bought_caption(0.59).endswith(".bought")
    assert captions.bought_caption(0.0).endswith(".none")
    assert captions.bought_caption(None).endswith(".unknown")
    assert captions.hours_caption(0.05).endswith(".low")
    assert captions.hours_caption(0.5).endswith(".plain")
    assert captions.calendar_caption(True, True).endswith(".calendar")
    assert captions.calendar_caption(True, False).endswith(".one")
    assert captions.calendar_caption(False, False).endswith(".plain")
    assert captions.e_reputation_caption(0.98, -0.22).endswith(".cm")
    assert captions.e_reputation_caption(0.1, 0.2).endswith(".brand")


# --- the charts, on scenarios that flip each rule --------------------------------------


def test_ghost_says_never_once_and_not_a_dash():
    chart = build_chart(tables(**REPLY_POLICIES["ghost"]), "response_time", lang="en")
    assert "never answered" in chart.caption.lower() and "—" not in chart.caption
    assert chart.headline["Complaints wait"] == "never answered"
    notes = [a.text for a in chart.figure.layout.annotations if "never" in a.text]
    assert len(notes) == 3  # question, complaint, crisis: one note each, under its own bar
    assert all(a.y < 0 for a in chart.figure.layout.annotations if "never" in a.text)  # under the 1 h line


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_real_time_joke_only_when_complaints_are_neglected(lang):
    joke = "real time" if lang == "en" else "temps réel"
    assert joke in caption("reply_rate", lang)
    responsive = REPLY_POLICIES["responsive"] | {"crisis": False, "customer_service_share": 0.5}
    assert joke not in caption("reply_rate", lang, **responsive)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_myth_needs_a_crisis(lang):
    myth = "myth" if lang == "en" else "mythe"
    chart = build_chart(tables(), "crisis_timeline", lang=lang)
    assert myth in chart.caption and myth in chart.title
    quit_word = "quit" if lang == "en" else "démissionner"
    assert quit_word in chart.caption
    calm = build_chart(tables(crisis=False), "crisis_timeline", lang=lang)
    assert myth not in calm.caption and myth not in calm.title


def test_even_on_pinterest_only_with_pinterest():
    assert "Pinterest" in caption("platform_effort")
    no_pin = caption("platform_effort", platforms=("twitter", "facebook", "instagram", "linkedin"))
    assert "Pinterest" not in no_pin


def test_a_scenario_with_nothing_to_draw_does_not_blame_the_data():
    text = caption("competitor_benchmark", ring_size=0)
    assert "invent" not in text and "scenario" in text


def test_self_likes_caption_follows_the_knob():
    assert "372" in caption("self_likes")
    assert "no self-likes" in caption("self_likes", like_own_comments=False)
