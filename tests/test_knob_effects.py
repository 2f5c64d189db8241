"""Every knob of docs/knobs.md moves what it would move in a real team, in its direction.

One row per (knob change, measured quantity, direction) of the table in docs/knobs.md;
the quantities are computed here from the raw tables (not through rlff.metrics), so a
broken metric cannot hide a broken simulation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandas as pd
import pytest

from rlff.simulation.platforms import PROFILES
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

MONTH = pd.Timestamp("2026-01-01")
NEXT = pd.Timestamp("2026-02-01")


@cache
def run(changes: tuple[tuple[str, object], ...], seed: int = 0):
    return simulate(DEFAULT.replace(**dict(changes)), seed)


def _month_inbox(t) -> pd.DataFrame:
    inbox = t.inbox
    return inbox[(inbox["received_at"] >= MONTH) & (inbox["received_at"] < NEXT)]


def answered_share(t, kind: str | None = None) -> float:
    inbox = _month_inbox(t)
    if kind:
        inbox = inbox[inbox["kind"] == kind]
    return float(inbox["first_response_at"].notna().mean())


def complaint_wait_hours(t) -> float:
    inbox = _month_inbox(t)
    inbox = inbox[(inbox["kind"] == "complaint") & inbox["first_response_at"].notna()]
    return float(((inbox["first_response_at"] - inbox["received_at"]).dt.total_seconds() / 3600).median())


def hours(t, activity: str) -> float:
    tu = t.time_use
    return float(tu[(tu["activity"] == activity) & (tu["week"] >= MONTH) & (tu["week"] < NEXT)]["hours"].sum())


def posting_hours(t) -> float:
    return hours(t, "posting") + hours(t, "finding_next_picture")


def _brand_posts(t) -> pd.DataFrame:
    p = t.posts
    return p[(p["account"] == "brand") & (p["published_at"] >= MONTH) & (p["published_at"] < NEXT)]


def blog_posts(t) -> int:
    p = t.posts
    return int(((p["account"] == "cm") & (p["published_at"] >= MONTH) & (p["published_at"] < NEXT)).sum())


def engagement(t, kind: str, source: str | None = None) -> int:
    e = t.engagements[t.engagements["post_id"].astype(str).isin(set(_brand_posts(t)["post_id"]))]
    e = e[e["kind"] == kind]
    if source:
        e = e[e["source"] == source]
    return int(e["count"].sum())


def fans(t) -> int:
    f = t.followers
    last = f[f["date"] < NEXT]["date"].max()
    return int(f[f["date"] == last]["followers"].sum())


def friends(t) -> int:
    f = t.followers
    last = f[f["date"] < NEXT]["date"].max()
    return int(f[f["date"] == last]["friends"].sum())


def cost(t) -> float:
    c = t.costs
    return float(c[(c["date"] >= MONTH) & (c["date"] < NEXT)]["amount_eur"].sum())


def revenue(t) -> float:
    r = t.revenue
    return float(r[(r["date"] >= MONTH) & (r["date"] < NEXT)]["amount_eur"].sum())


def roi(t) -> float:
    return (revenue(t) - cost(t)) / cost(t)


def pinterest_sales_per_post_vs_rest(t) -> float:
    """Pinterest's share of sales over its share of posts, in the whole period."""
    p = t.posts[t.posts["account"] == "brand"]
    pin = p["platform"] == "pinterest"
    return (p.loc[pin, "conversions"].sum() / max(p["conversions"].sum(), 1)) / (pin.sum() / len(p))


def executed_share(t) -> float:
    s = t.strategy[t.strategy["planned"]]
    return float(s["executed"].mean())


def crisis_messages(t) -> int:
    return int((_month_inbox(t)["kind"] == "crisis").sum())


def unanswered_complaints(t) -> int:
    inbox = _month_inbox(t)
    return int((inbox["kind"].isin(["complaint", "crisis"]) & inbox["first_response_at"].isna()).sum())


Measure = Callable[[object], float]
# (knob changes, what it moves, +1 up / -1 down): the table of docs/knobs.md.
EFFECTS: list[tuple[dict, str, Measure, int]] = [
    ({"customer_service_share": 0.3}, "reply rate", answered_share, +1),
    ({"customer_service_share": 0.3}, "complaint wait", complaint_wait_hours, -1),
    ({"customer_service_share": 0.3}, "own blog hours", lambda t: hours(t, "own_blog"), -1),
    ({"customer_service_share": 0.8}, "own blog posts", blog_posts, -1),
    ({"posts_per_day": 12.0}, "reply rate", answered_share, -1),
    ({"customer_service_share": 0.0}, "reply rate", answered_share, -1),
    ({"hours_per_week": 45.0}, "reply rate", answered_share, +1),
    ({"hours_per_week": 45.0}, "complaint wait", complaint_wait_hours, -1),
    ({"inbox_per_day": 30.0}, "reply rate", answered_share, -1),
    ({"reply_rate_complaint": 0.0, "reply_rate_question": 0.0}, "complaints answered", unanswered_complaints, +1),
    ({"platforms": ("twitter", "facebook")}, "hours posting", posting_hours, -1),
    ({"platforms": ("twitter", "facebook")}, "own blog hours", lambda t: hours(t, "own_blog"), +1),
    ({"platforms": ("pinterest",)}, "retweets", lambda t: engagement(t, "retweet"), -1),
    ({"platforms": ("pinterest",)}, "fans", fans, -1),
    ({"platforms": ("pinterest",)}, "ROI", roi, -1),
    ({"platforms": ("instagram",)}, "retweets", lambda t: engagement(t, "retweet", "customer"), -1),
    ({"platforms": ("twitter", "facebook", "instagram")}, "ROI", roi, +1),
    ({"posts_per_day": 6.0}, "likes", lambda t: engagement(t, "like"), +1),
    ({"posts_per_day": 6.0}, "hours posting", posting_hours, +1),
    ({"photo_question_share": 1.0}, "likes", lambda t: engagement(t, "like"), +1),
    ({"photo_question_share": 1.0}, "sales", revenue, -1),
    ({"bought_followers": 20_000}, "fans", fans, +1),
    ({"bought_followers": 20_000}, "cost", cost, +1),
    ({"follower_purchases": 0}, "fans", fans, -1),
    ({"ring_size": 40}, "peer likes", lambda t: engagement(t, "like", "peer"), +1),
    ({"ring_size": 0}, "peer likes", lambda t: engagement(t, "like", "peer"), -1),
    ({"ring_size": 40}, "friends", friends, +1),
    ({"follow_for_follow": 3_000}, "friends", friends, +1),
    ({"like_own_comments": False}, "self likes", lambda t: engagement(t, "like", "self"), -1),
    ({"crisis": False}, "crisis messages", crisis_messages, -1),
    ({"crisis": False}, "reply rate", answered_share, +1),
    ({"strategy_adherence": 0.9}, "strategy executed", executed_share, +1),
    ({"salary_eur_year": 70_000.0}, "cost", cost, +1),
    ({"monitoring_tool_eur_month": 0.0}, "cost", cost, -1),
    ({"revenue_per_conversion_eur": 60.0}, "ROI", roi, +1),
]


@pytest.mark.parametrize(
    ("changes", "what", "measure", "direction"),
    EFFECTS,
    ids=[f"{','.join(c)}-{w}" for c, w, _, _ in EFFECTS],
)
def test_each_knob_moves_what_it_would_move_in_a_real_team(changes, what, measure, direction):
    base = measure(run(()))
    moved = measure(run(tuple(sorted(changes.items()))))
    assert (moved - base) * direction > 0, f"{changes}: {what} went from {base} to {moved}"


def test_all_hours_on_customer_service_answer_almost_everything_quickly():
    """The issue's what-if: a week given to customers must show in the inbox, not only in its chart."""
    base, t = run(()), run((("customer_service_share", 1.0),))
    assert answered_share(t, "question") > 0.8
    assert answered_share(t, "complaint") > 0.7  # against 22% by default: the crisis week still swamps it
    assert complaint_wait_hours(t) < 12
    # The posts come first (the deck needs them): as many as before, their hours too; the
    # customers get the rest of the week, and the blog gets nothing, so it has no posts.
    assert len(_brand_posts(t)) == len(_brand_posts(base))
    assert posting_hours(t) == pytest.approx(posting_hours(base), rel=0.1)
    assert hours(t, "customer_service") + posting_hours(t) == pytest.approx(35 * 31 / 7, rel=0.1)
    assert hours(t, "own_blog") == 0 and blog_posts(t) == 0 < blog_posts(base)


def test_a_week_full_of_posts_leaves_no_time_for_customers():
    """More posts than the week can hold: fewer go out, and nobody is answered."""
    t = run((("posts_per_day", 12.0),))
    assert len(_brand_posts(t)) < 12 * 31 * 0.7
    assert hours(t, "customer_service") == 0
    assert answered_share(t) == 0.0


def test_ghost_never_answers_complaints_whatever_the_time():
    t = run((("customer_service_share", 1.0), ("reply_rate_complaint", 0.0)))
    assert answered_share(t, "complaint") == 0.0


def test_pinterest_is_high_effort_low_value():
    """Row 7: more posts than audience, and fewer sales per post than any other platform."""
    assert PROFILES["pinterest"].posts > PROFILES["pinterest"].audience * 3
    assert max(PROFILES, key=lambda p: PROFILES[p].minutes_per_post) == "pinterest"
    ratios = [pinterest_sales_per_post_vs_rest(run((), seed)) for seed in (0, 1, 2)]
    assert all(r < 0.5 for r in ratios), ratios


@pytest.mark.parametrize("seed", [0, 3])
def test_the_same_knobs_and_seed_give_identical_tables(seed):
    changes = {"customer_service_share": 0.5, "platforms": ("twitter", "pinterest")}
    a = simulate(DEFAULT.replace(**changes), seed)
    b = simulate(DEFAULT.replace(**changes), seed)
    for name in ("inbox", "time_use", "posts", "engagements"):
        pd.testing.assert_frame_equal(a.table(name), b.table(name))


def test_engagement_per_impression_is_engagements_over_impressions_of_the_months_posts():
    from rlff.metrics.reach import reach_numbers

    t = run(())
    posts = _brand_posts(t)
    ids = set(posts["post_id"])
    engaged = int(t.engagements[t.engagements["post_id"].astype(str).isin(ids)]["count"].sum())
    got = reach_numbers(t.posts, t.engagements, MONTH)
    assert got["impressions"] == int(posts["impressions"].sum())
    assert got["engagement_per_impression"] == pytest.approx(engaged / posts["impressions"].sum())
    assert reach_numbers(t.posts.drop(columns="impressions"), t.engagements, MONTH)["impressions"] is None
