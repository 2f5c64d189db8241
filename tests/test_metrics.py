"""rlff.metrics (and the reality side it re-exports) against small hand-computed tables.

The shared fixture ``world()`` describes February 2024 (a leap month: 29 days) for a
bakery, with January before it and a few March rows that must never leak into February.
Every expected number is worked out by hand in a comment next to its assertion.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlff import metrics as M
from rlff.schema import COLUMNS, ENGAGEMENT_SOURCES, MESSAGE_KINDS, Meta, Tables, conform

META = Meta(
    brand="Acme Bakery",
    cm_name="Kevin",
    start=date(2024, 1, 1),
    end=date(2024, 3, 31),
    reported_month=date(2024, 2, 1),
)


# --- row builders -----------------------------------------------------------------------------


def post(post_id, published_at, *, platform="twitter", account="brand", fmt="photo", conversions=0, text=""):
    return {
        "post_id": post_id,
        "platform": platform,
        "account": account,
        "published_at": published_at,
        "format": fmt,
        "text": text or f"text of {post_id}",
        "impressions": 0,
        "clicks": 0,
        "conversions": conversions,
    }


def eng(post_id, kind, source="customer", count=1, engaged_at="2024-02-10 12:00"):
    return {
        "post_id": post_id,
        "engaged_at": engaged_at,
        "kind": kind,
        "source": source,
        "actor": "",
        "count": count,
    }


def fol(day, platform="twitter", followers=0, friends=0, organic=0, bought=0, unfollows=0):
    return {
        "date": day,
        "platform": platform,
        "organic_follows": organic,
        "bought_follows": bought,
        "unfollows": unfollows,
        "followers": followers,
        "friends": friends,
    }


def msg(message_id, received_at, kind, first_response_at=None, platform="twitter"):
    return {
        "message_id": message_id,
        "received_at": received_at,
        "platform": platform,
        "kind": kind,
        "first_response_at": first_response_at,
        "resolved": first_response_at is not None,
        "author": "Jo",
        "text": "hello?",
    }


def cost(day, category, amount):
    return {"date": day, "category": category, "amount_eur": amount, "note": ""}


def rev(day, amount, conversions=1, post_id="", platform="twitter"):
    return {
        "date": day,
        "post_id": post_id,
        "platform": platform,
        "conversions": conversions,
        "amount_eur": amount,
    }


def plan(week, planned=True, executed=False, action="post a video"):
    return {"week": week, "action": action, "planned": planned, "executed": executed}


def mention(at, target, sentiment):
    return {
        "mentioned_at": at,
        "target": target,
        "platform": "twitter",
        "sentiment": sentiment,
        "author": "a",
        "text": "t",
    }


def hours(week, activity, h):
    return {"week": week, "activity": activity, "hours": h}


def event(day, kind, label):
    return {"date": day, "kind": kind, "label": label}


def peer(handle, followers, likes, retweets, in_ring=True):
    return {
        "handle": handle,
        "name": handle.title(),
        "followers": followers,
        "likes_reported_month": likes,
        "retweets_reported_month": retweets,
        "in_ring": in_ring,
    }


def make_tables(meta: Meta = META, **rows: list[dict]) -> Tables:
    """Tables from lists of row dicts, conformed to the schema; tables not given are empty."""
    frames = {name: conform(name, pd.DataFrame(r, columns=list(COLUMNS[name]))) for name, r in rows.items()}
    return Tables(meta=meta, **frames)


# --- the shared February ----------------------------------------------------------------------

POSTS = [
    post("p1", "2024-02-01 00:00", platform="twitter", fmt="photo_question"),  # first instant of Feb
    post("p2", "2024-02-29 23:59", platform="facebook", fmt="photo", conversions=3),  # last minute of Feb
    post("p3", "2024-03-01 00:00", platform="twitter", fmt="link", conversions=5),  # March: never Feb
    post("p4", "2024-01-15 10:00", platform="twitter", fmt="photo"),  # January
    post("c1", "2024-02-10 10:00", platform="blog", account="cm", fmt="text"),  # the CM's own blog
]
ENGAGEMENTS = [
    eng("p1", "retweet", "customer", engaged_at="2024-02-01 00:05"),
    eng("p1", "retweet", "peer"),
    eng("p1", "like", "customer"),
    eng("p1", "like", "self"),
    eng("p1", "like", "bot"),
    eng("p1", "reply", "customer"),
    eng("p2", "like", "unknown", count=10, engaged_at="2024-03-02 09:00"),  # after Feb, still Feb's post
    eng("p2", "retweet", "unknown", count=4, engaged_at="2024-02-29 23:59"),
    eng("p2", "retweet", "peer", engaged_at="2024-03-01 08:00"),
    eng("p3", "like", "customer", count=100, engaged_at="2024-03-01 10:00"),
    eng("p4", "like", "customer", count=7, engaged_at="2024-01-16 10:00"),
    eng("p4", "retweet", "customer", count=2, engaged_at="2024-01-16 11:00"),
    eng("c1", "like", "customer", count=50),
]
FOLLOWERS = [
    fol("2024-01-31", "twitter", followers=1000, friends=400, organic=20, bought=50),
    fol("2024-01-31", "facebook", followers=500, friends=0, organic=5),
    fol("2024-02-10", "facebook", followers=550, friends=10, organic=50),
    fol("2024-02-15", "twitter", followers=1100, friends=420, organic=100),
    fol("2024-02-29", "twitter", followers=1200, friends=450, organic=0, bought=100, unfollows=3),
    fol("2024-03-01", "twitter", followers=5000, friends=900, bought=1000),  # March
]
INBOX = [
    msg("m1", "2024-02-05 10:00", "compliment", "2024-02-05 10:02"),  # 2 min
    msg("m2", "2024-02-06 10:00", "compliment", "2024-02-06 10:04"),  # 4 min
    msg("m3", "2024-02-07 09:00", "question", "2024-02-07 12:00"),  # 180 min
    msg("m4", "2024-02-08 09:00", "question"),  # never
    msg("m5", "2024-02-10 09:00", "complaint", "2024-02-10 09:30"),  # 30 min
    msg("m6", "2024-02-11 09:00", "complaint", "2024-02-12 08:00"),  # 23 h = 1380 min
    msg("m7", "2024-02-12 09:00", "complaint", "2024-02-14 09:00"),  # 48 h = 2880 min
    msg("m8", "2024-02-29 23:00", "complaint"),  # never
    msg("m9", "2024-02-20 10:00", "crisis"),  # never
    msg("m10", "2024-01-20 10:00", "complaint"),  # January, never answered
    msg("m11", "2024-03-01 00:00", "question"),  # March, never answered
]
COSTS = [
    cost("2024-01-01", "salary", 4000.0),
    cost("2024-02-01", "salary", 4000.0),
    cost("2024-02-01", "monitoring_tool", 500.0),
    cost("2024-02-29", "bought_followers", 500.0),
    cost("2024-03-01", "salary", 4000.0),
]
REVENUE = [rev("2024-02-10", 1000.0), rev("2024-02-29", 1000.0), rev("2024-03-01", 9999.0)]
STRATEGY = [
    plan("2024-01-29", executed=True),  # Monday in January: not a February week
    plan("2024-02-05", executed=True),
    plan("2024-02-12"),
    plan("2024-02-19"),
    plan("2024-02-26"),
    plan("2024-02-26", planned=False, executed=True, action="selfie with the croissant"),
]
MENTIONS = [
    mention("2024-02-03", "cm", 0.5),
    mention("2024-02-04", "cm", 0.9),
    mention("2024-02-05", "cm", -0.5),
    mention("2024-02-06", "brand", -0.8),
    mention("2024-02-07", "brand", 0.05),
    mention("2024-03-02", "cm", 1.0),  # March
]
TIME_USE = [
    hours("2024-01-29", "customer_service", 30.0),  # week of a January Monday
    hours("2024-02-05", "finding_next_picture", 10.0),
    hours("2024-02-12", "finding_next_picture", 10.0),
    hours("2024-02-05", "own_blog", 6.0),
    hours("2024-02-05", "customer_service", 2.0),
    hours("2024-02-12", "posting", 2.0),
]
EVENTS = [
    event("2024-01-28", "cm_day", "#CMday"),
    event("2024-02-20", "crisis_start", "Burnt croissants"),
    event("2024-02-21", "crisis_peak", "Everyone is angry"),
]
PEERS = [peer("ring_one", 2000, 9000, 1500, True), peer("lonely", 300, 10, 1, False)]


def world() -> Tables:
    return make_tables(
        posts=POSTS,
        engagements=ENGAGEMENTS,
        followers=FOLLOWERS,
        inbox=INBOX,
        costs=COSTS,
        revenue=REVENUE,
        strategy=STRATEGY,
        mentions=MENTIONS,
        time_use=TIME_USE,
        events=EVENTS,
        peers=PEERS,
    )


def feb_inbox() -> pd.DataFrame:
    return M.messages_received_in(world().inbox, "2024-02-01")


# --- periods -----------------------------------------------------------------------------------


def test_month_bounds_are_half_open_and_handle_leap_february():
    assert M.month_bounds(pd.Timestamp("2024-02-01")) == (
        pd.Timestamp("2024-02-01"),
        pd.Timestamp("2024-03-01"),
    )
    assert M.month_bounds(date(2024, 12, 17)) == (pd.Timestamp("2024-12-01"), pd.Timestamp("2025-01-01"))


def test_previous_month_crosses_the_year():
    assert M.previous_month(pd.Timestamp("2024-01-01")) == pd.Timestamp("2023-12-01")


# --- vanity ------------------------------------------------------------------------------------


def test_vanity_totals_sum_count_on_the_months_brand_posts_whenever_engaged():
    k = M.vanity_kpis(world())
    # retweets: p1 customer 1 + p1 peer 1 + p2 unknown 4 + p2 peer 1 = 7 (p3 is March, c1 is the CM's)
    assert k.retweets == 7
    # likes: p1 customer + self + bot = 3, p2 unknown count 10 (engaged in March, post in Feb) -> 13
    assert k.likes == 13
    assert k.replies == 1
    # January: p4 only -> 2 retweets, 7 likes
    assert (k.retweets_prev, k.likes_prev) == (2, 7)
    assert all(isinstance(v, int) for v in (k.retweets, k.likes, k.fans, k.friends))


def test_vanity_counts_a_post_at_2359_on_the_last_day_but_not_one_at_midnight_next_month():
    t = make_tables(
        posts=[post("in", "2024-02-29 23:59:59"), post("out", "2024-03-01 00:00:00")],
        engagements=[eng("in", "like", count=2), eng("out", "like", count=5)],
    )
    assert M.vanity_kpis(t).likes == 2


def test_fans_and_friends_take_each_platforms_last_row_up_to_month_end():
    k = M.vanity_kpis(world())
    # Feb: twitter's last row is 29 Feb (1200 fans, 450 friends), facebook's is 10 Feb (550, 10);
    # the 1 March row (5000) is after the month.
    assert (k.fans, k.friends) == (1200 + 550, 450 + 10)
    # Jan: 31 Jan rows: 1000 + 500 fans, 400 + 0 friends
    assert (k.fans_prev, k.friends_prev) == (1500, 400)


def test_vanity_deltas_absolute_and_relative():
    k = M.vanity_kpis(world())
    assert k.fans_delta == 250  # 1750 - 1500
    assert k.fans_change == pytest.approx(250 / 1500)
    assert k.retweets_delta == 5  # 7 - 2
    assert k.retweets_change == pytest.approx(2.5)  # 5 / 2
    assert k.friends_change == pytest.approx(60 / 400)


def test_relative_delta_is_none_when_previous_month_is_zero():
    t = make_tables(posts=[post("p", "2024-02-03")], engagements=[eng("p", "like", count=3)])
    k = M.vanity_kpis(t)
    assert (k.likes, k.likes_prev) == (3, 0)
    assert k.likes_delta == 3
    assert k.likes_change is None


def test_engagement_rate_is_by_followers():
    k = M.vanity_kpis(world())
    # (13 likes + 7 retweets + 1 reply) / 1750 fans
    assert k.engagement_rate == pytest.approx(21 / 1750)
    assert M.ENGAGEMENT_RATE_VARIANT == "by_followers"


def test_vanity_retweets_are_zero_with_posts_but_no_engagement():
    k = M.vanity_kpis(make_tables(posts=[post("p", "2024-02-03")]))
    assert (k.retweets, k.likes) == (0, 0)


def test_vanity_is_none_without_posts_or_followers():
    k = M.vanity_kpis(make_tables())
    assert (k.retweets, k.likes, k.friends, k.fans) == (None, None, None, None)
    assert k.engagement_rate is None
    assert k.fans_delta is None and k.fans_change is None


def test_vanity_kpis_as_dict_is_json_ready():
    d = M.vanity_kpis(world()).as_dict()
    assert json.loads(json.dumps(d))["month"] == "2024-02-01"
    assert d["fans_delta"] == 250


def test_monthly_engagement_by_publication_matches_the_deck():
    me = M.monthly_engagement(world())
    assert list(me.columns) == ["month", "kind", "source", "count"]
    feb = me[me["month"] == pd.Timestamp("2024-02-01")]
    by_kind = feb.groupby("kind")["count"].sum().to_dict()
    assert by_kind == {"like": 13, "retweet": 7, "reply": 1}
    # peer retweets in Feb: p1 1 + p2 1 = 2
    assert feb.set_index(["kind", "source"]).loc[("retweet", "peer"), "count"] == 2
    # March holds p3's 100 likes only; the CM's blog post is never counted
    mar = me[me["month"] == pd.Timestamp("2024-03-01")]
    assert mar["count"].sum() == 100


def test_monthly_engagement_by_engagement_date_moves_late_likes():
    me = M.monthly_engagement(world(), by="engaged")
    mar = me[me["month"] == pd.Timestamp("2024-03-01")]
    # p2's 10 unknown likes (2 March) + p2 peer retweet (1 March) + p3's 100 likes
    assert mar["count"].sum() == 111


def test_daily_engagement_groups_by_engaged_day_and_kind():
    de = M.daily_engagement(world())
    assert list(de.columns) == ["date", "kind", "count"]
    day = de[de["date"] == pd.Timestamp("2024-02-29")]
    assert day.to_dict("records") == [{"date": pd.Timestamp("2024-02-29"), "kind": "retweet", "count": 4}]


def test_follower_curve_sums_platforms_and_carries_totals_forward():
    fc = M.follower_curve(world()).set_index("date")
    assert list(fc.columns) == ["followers", "friends", "organic_follows", "bought_follows", "unfollows"]
    # 31 Jan: 1000 + 500; bought 50, organic 20 + 5
    assert fc.loc["2024-01-31"].to_dict() == {
        "followers": 1500,
        "friends": 400,
        "organic_follows": 25,
        "bought_follows": 50,
        "unfollows": 0,
    }
    # 10 Feb has only a facebook row: twitter keeps its 1000 from 31 Jan -> 1000 + 550
    assert fc.loc["2024-02-10", "followers"] == 1550
    assert fc.loc["2024-02-29", "followers"] == 1750  # 1200 + 550


def test_competitor_benchmark_puts_the_brand_next_to_the_ring():
    cb = M.competitor_benchmark(world())
    assert list(cb.columns) == ["handle", "name", "followers", "likes", "retweets", "in_ring", "is_brand"]
    assert cb["is_brand"].tolist() == [True, False, False]
    assert cb.iloc[0][["name", "followers", "likes", "retweets"]].tolist() == ["Acme Bakery", 1750, 13, 7]
    assert cb.iloc[1][["handle", "followers", "likes", "retweets", "in_ring"]].tolist() == [
        "ring_one",
        2000,
        9000,
        1500,
        True,
    ]


def test_top_posts_sorts_by_likes_plus_retweets_then_post_id():
    tp = M.top_posts(world())
    # p2: 10 likes + 5 retweets = 15; p1: 3 + 2 = 5; p3 (March) and c1 (CM) are out
    assert tp["post_id"].tolist() == ["p2", "p1"]
    assert tp.iloc[1][["likes", "retweets", "replies", "conversions"]].tolist() == [3, 2, 1, 0]
    tie = make_tables(
        posts=[post("b", "2024-02-02"), post("a", "2024-02-03"), post("c", "2024-02-04")],
        engagements=[eng("b", "like", count=2), eng("a", "retweet", count=2), eng("c", "like")],
    )
    assert M.top_posts(tie, n=2)["post_id"].tolist() == ["a", "b"]


# --- inbox -------------------------------------------------------------------------------------


def test_reply_rate_counts_messages_with_a_first_response():
    # Feb: m1..m9 = 9 messages; answered m1, m2, m3, m5, m6, m7 = 6
    assert M.reply_rate(feb_inbox()) == pytest.approx(6 / 9)


def test_reply_rate_is_none_for_empty_inbox():
    assert M.reply_rate(make_tables().inbox) is None


def test_reply_rate_is_zero_when_nobody_is_answered():
    inbox = make_tables(inbox=[msg("a", "2024-02-01", "question"), msg("b", "2024-02-02", "complaint")]).inbox
    assert M.reply_rate(inbox) == 0.0


def test_median_first_response_per_kind_over_answered_messages():
    med = M.median_first_response_minutes(feb_inbox())
    assert list(med) == list(MESSAGE_KINDS)
    assert med["compliment"] == pytest.approx(3.0)  # median(2, 4)
    assert med["question"] == pytest.approx(180.0)  # m4 unanswered is not in the median
    assert med["complaint"] == pytest.approx(1380.0)  # median(30, 1380, 2880)
    assert med["crisis"] is None  # m9 never answered


def test_median_first_response_has_all_kinds_for_empty_inbox():
    assert M.median_first_response_minutes(make_tables().inbox) == dict.fromkeys(MESSAGE_KINDS)


def test_answered_within_share_counts_unanswered_as_late():
    inbox = feb_inbox()
    # complaints m5 (30 min), m6 (23 h), m7 (48 h), m8 (never): 1 of 4 within 1 h, 2 of 4 within 24 h
    assert M.answered_within_share(inbox, 1) == pytest.approx(0.25)
    assert M.answered_within_share(inbox, 24) == pytest.approx(0.5)
    assert M.answered_within_share(inbox, 1, kind="compliment") == 1.0
    # questions + complaints + crisis: m3..m9 = 7; within 24 h: m3, m5, m6 = 3
    assert M.answered_within_share(inbox, 24, kind=("question", "complaint", "crisis")) == pytest.approx(3 / 7)


def test_answered_within_share_is_none_without_messages_of_that_kind():
    inbox = make_tables(inbox=[msg("a", "2024-02-01", "compliment", "2024-02-01 00:01")]).inbox
    assert M.answered_within_share(inbox, 24, kind="complaint") is None


def test_unanswered_backlog_defaults_to_never_answered_messages():
    # m4, m8, m9, m10, m11
    assert M.unanswered_backlog(world().inbox) == 5


def test_unanswered_backlog_at_a_moment():
    # received before 13 Feb 00:00: m1..m7 and m10; still open then: m4, m7 (answered 14 Feb), m10
    assert M.unanswered_backlog(world().inbox, pd.Timestamp("2024-02-13")) == 3


def test_unanswered_backlog_is_zero_for_empty_inbox():
    assert M.unanswered_backlog(make_tables().inbox) == 0


def test_response_time_by_kind_has_one_row_per_kind():
    rt = M.response_time_by_kind(feb_inbox()).set_index("kind")
    assert list(rt.index) == list(MESSAGE_KINDS)
    assert rt.loc["compliment", "p90_minutes"] == pytest.approx(3.8)  # 2 + 0.9 × (4 − 2)
    # complaints: 4 messages, 3 answered; p90 of (30, 1380, 2880) = 1380 + 0.8 × 1500
    assert rt.loc["complaint", ["messages", "answered"]].tolist() == [4, 3]
    assert rt.loc["complaint", "reply_rate"] == pytest.approx(0.75)
    assert rt.loc["complaint", "p90_minutes"] == pytest.approx(2580.0)
    assert rt.loc["crisis", "reply_rate"] == 0.0 and math.isnan(rt.loc["crisis", "median_minutes"])


def test_response_time_by_kind_on_empty_inbox_has_zero_messages():
    rt = M.response_time_by_kind(make_tables().inbox)
    assert rt["messages"].tolist() == [0, 0, 0, 0]
    assert rt["reply_rate"].isna().all()


# --- money -------------------------------------------------------------------------------------


def test_costs_revenue_and_roi_of_the_month():
    t = world()
    assert M.total_cost(t.costs, "2024-02-01") == 5000.0  # 4000 + 500 + 500 (29 Feb counts)
    assert M.total_revenue(t.revenue, "2024-02-01") == 2000.0  # 1000 + 1000; 1 March is out
    assert M.roi(t.costs, t.revenue, "2024-02-01") == pytest.approx(-0.6)  # (2000 − 5000) / 5000
    assert M.total_cost(t.costs) == 13000.0  # whole table: 3 salaries × 4000 + 500 + 500


def test_cost_breakdown_largest_first():
    cb = M.cost_breakdown(world().costs, "2024-02-01")
    # salary 4000; bought_followers and monitoring_tool tie at 500 and sort by name
    assert cb.to_dict("records") == [
        {"category": "salary", "amount_eur": 4000.0},
        {"category": "bought_followers", "amount_eur": 500.0},
        {"category": "monitoring_tool", "amount_eur": 500.0},
    ]


def test_roi_is_none_when_cost_is_zero():
    t = make_tables(costs=[cost("2024-02-01", "other", 0.0)], revenue=[rev("2024-02-03", 100.0)])
    assert M.roi(t.costs, t.revenue, "2024-02-01") is None


def test_roi_and_cost_are_none_without_cost_data():
    t = make_tables(revenue=[rev("2024-02-03", 100.0)])
    assert M.total_cost(t.costs) is None
    assert M.roi(t.costs, t.revenue) is None


# --- audience ----------------------------------------------------------------------------------


def test_bought_follower_share_up_to_month_end():
    # bought up to 29 Feb: 50 + 100 = 150 (the 1000 of 1 March is later); fans 1750
    assert M.bought_follower_share(world().followers, "2024-02-01") == pytest.approx(150 / 1750)


def test_bought_follower_share_is_none_without_followers():
    assert M.bought_follower_share(make_tables().followers) is None


def test_bought_follower_share_is_clipped_to_one():
    f = make_tables(followers=[fol("2024-02-01", followers=10, bought=500)]).followers
    assert M.bought_follower_share(f) == 1.0


def test_follower_spikes_flags_a_purchase_day_without_the_bought_flag():
    daily = [10, 12, 11, 9, 10]
    rows = [fol(f"2024-02-0{i + 1}", organic=n) for i, n in enumerate(daily)]
    # the spike day arrives as organic on twitter + "organic" on facebook: exports cannot tell
    rows += [fol("2024-02-06", "twitter", organic=20), fol("2024-02-06", "facebook", organic=480)]
    spikes = M.follower_spikes(make_tables(followers=rows).followers)
    # days: 9, 10, 10, 11, 12, 500 -> median 10.5; |dev| 0.5, 0.5, 0.5, 1.5, 1.5, 489.5 -> MAD 1.0
    # threshold = 10.5 + 5 × 1.4826 × 1.0 = 17.913
    assert spikes["date"].tolist() == [pd.Timestamp("2024-02-06")]
    assert spikes["new_follows"].tolist() == [500]
    assert spikes["threshold"].iloc[0] == pytest.approx(17.913)


def test_follower_spikes_ignore_a_flat_series():
    rows = [fol(f"2024-02-0{i + 1}", organic=n) for i, n in enumerate([5, 5, 5, 6])]
    # MAD 0 -> spread floored at one follow -> threshold 5 + 5 = 10; 6 is no spike
    assert M.follower_spikes(make_tables(followers=rows).followers).empty


def test_follower_spikes_on_missing_followers_is_an_empty_frame():
    spikes = M.follower_spikes(make_tables().followers)
    assert spikes.empty and list(spikes.columns) == ["date", "new_follows", "threshold"]


# --- who engages -------------------------------------------------------------------------------


def test_engagement_sources_weight_by_count_and_sum_to_one():
    s = M.engagement_sources(world())
    # likes + retweets on Feb brand posts: customer 2, peer 2, bot 1, self 1, unknown 10 + 4 = 14; total 20
    assert s == pytest.approx({"customer": 0.1, "peer": 0.1, "bot": 0.05, "self": 0.05, "unknown": 0.7})
    assert list(s) == list(ENGAGEMENT_SOURCES)


def test_engagement_sources_are_none_without_engagement():
    s = M.engagement_sources(make_tables(posts=[post("p", "2024-02-02")]))
    assert s == dict.fromkeys(ENGAGEMENT_SOURCES)


def test_peer_bot_and_self_shares_leave_unknown_sources_out():
    t = world()
    # known likes + retweets: customer 2, peer 2, bot 1, self 1 = 6
    assert M.peer_share(t) == pytest.approx(2 / 6)
    assert M.bot_share(t) == pytest.approx(1 / 6)
    assert M.non_customer_share(t) == pytest.approx(4 / 6)
    # known likes: customer, self, bot = 3 -> self 1/3
    assert M.self_like_share(t) == pytest.approx(1 / 3)


def test_peer_share_is_none_when_every_source_is_unknown():
    t = make_tables(posts=[post("p", "2024-02-02")], engagements=[eng("p", "like", "unknown", count=40)])
    assert M.peer_share(t) is None
    assert M.engagement_sources(t)["unknown"] == 1.0


# --- strategy, mentions, time ------------------------------------------------------------------


def test_strategy_adherence_over_weeks_starting_in_the_month():
    # Feb Mondays 5, 12, 19, 26: 4 planned, 1 executed; the unplanned selfie does not count
    assert M.strategy_adherence(world().strategy, "2024-02-01") == pytest.approx(0.25)


def test_strategy_adherence_is_none_without_a_plan():
    assert M.strategy_adherence(make_tables().strategy) is None


def test_mention_shares_and_net_sentiment():
    ms = M.mention_shares(world().mentions, "2024-02-01")
    assert ms["mentions"] == 5
    assert ms["share"] == pytest.approx({"cm": 0.6, "brand": 0.4})  # 3 of 5, 2 of 5
    # cm: 2 of 3 positive, 1 of 3 negative -> 1/3; brand: 0 positive (0.05 is neutral), 1 of 2 negative
    assert ms["net_sentiment"] == pytest.approx({"cm": 1 / 3, "brand": -0.5})


def test_mention_shares_are_none_without_mentions():
    ms = M.mention_shares(make_tables().mentions)
    assert ms == {
        "mentions": 0,
        "share": {"cm": None, "brand": None},
        "net_sentiment": {"cm": None, "brand": None},
    }


def test_hours_per_activity_sorted_desc_and_customer_service_share():
    tu = world().time_use
    hp = M.hours_per_activity(tu, "2024-02-01")
    assert hp.to_dict("records") == [
        {"activity": "finding_next_picture", "hours": 20.0},
        {"activity": "own_blog", "hours": 6.0},
        {"activity": "customer_service", "hours": 2.0},  # ties by name
        {"activity": "posting", "hours": 2.0},
    ]
    assert M.customer_service_hours_share(tu, "2024-02-01") == pytest.approx(2 / 30)
    assert M.customer_service_hours_share(make_tables().time_use) is None


# --- effort vs value ---------------------------------------------------------------------------


def test_platform_effort_vs_reach():
    pe = M.platform_effort_vs_reach(world())
    assert pe.to_dict("records") == [
        # p1: 6 engagement rows of count 1; twitter fans 1200 on 29 Feb
        {"platform": "twitter", "posts": 1, "engagements": 6, "followers": 1200.0, "conversions": 0},
        # p2: 10 + 4 + 1 = 15; facebook fans 550 on 10 Feb
        {"platform": "facebook", "posts": 1, "engagements": 15, "followers": 550.0, "conversions": 3},
    ]


def test_format_performance_vanity_vs_value_per_post():
    fp = M.format_performance(world()).set_index("format")
    assert list(fp.index) == ["photo_question", "photo"]
    question = fp.loc["photo_question"]
    assert (question["posts"], question["engagements_per_post"], question["conversions_per_post"]) == (
        1,
        6.0,
        0.0,
    )
    assert fp.loc["photo", ["engagements_per_post", "conversions_per_post"]].tolist() == [15.0, 3.0]


def test_crisis_timeline_counts_receipts_same_day_answers_and_open_backlog():
    ct = M.crisis_timeline(world())
    assert len(ct) == 91  # 1 Jan .. 31 Mar 2024
    day = ct.set_index("date")
    assert day.loc["2024-01-20", "open_backlog"] == 1  # m10
    assert day.loc["2024-02-10", ["received", "answered_same_day", "open_backlog"]].tolist() == [1, 1, 1]
    assert day.loc["2024-02-11", "open_backlog"] == 2  # + m6
    assert day.loc["2024-02-12", "open_backlog"] == 2  # m6 closed, m7 arrives
    assert day.loc["2024-02-14", "open_backlog"] == 1  # m7 closed
    assert day.loc["2024-02-20", ["received", "open_backlog", "event"]].tolist() == [1, 2, "crisis_start"]
    assert day.loc["2024-02-21", "event_label"] == "Everyone is angry"
    assert day.loc["2024-01-28", "event"] == ""  # #CMday is not a crisis event
    assert day.loc["2024-03-31", "open_backlog"] == 3  # m8, m9, m10


def test_crisis_timeline_without_messages_still_spans_the_period():
    ct = M.crisis_timeline(make_tables())
    assert len(ct) == 91 and ct["open_backlog"].eq(0).all()


def test_cm_output_counts_own_posts_and_hours():
    assert M.cm_output(world()) == {
        "cm_posts": 1,
        "brand_posts": 2,
        "own_blog_hours": 6.0,
        "customer_service_hours": 2.0,
    }
    assert M.cm_output(make_tables()) == dict.fromkeys(
        ["cm_posts", "brand_posts", "own_blog_hours", "customer_service_hours"]
    )


# --- vanity index and report -------------------------------------------------------------------


def test_vanity_index_is_the_mean_of_its_components():
    comps = M.vanity_index_components(world())
    expected = {
        "non_customer_engagement_share": Fraction(4, 6),
        "bought_follower_share": Fraction(150, 1750),
        "slow_answer_share": Fraction(4, 7),  # 1 − 3/7
        "strategy_gap": Fraction(3, 4),  # 1 − 0.25
        "roi_shortfall": Fraction(3, 5),  # clip(0.6, 0, 1)
    }
    assert comps == pytest.approx({k: float(v) for k, v in expected.items()})
    assert M.vanity_index(world()) == pytest.approx(float(100 * sum(expected.values()) / 5))
    assert set(comps) == set(M.VANITY_INDEX_COMPONENTS)


def test_vanity_index_skips_missing_components():
    # only engagements: 1 peer like of 2 known -> (a) = 0.5; everything else None
    t = make_tables(posts=[post("p", "2024-02-02")], engagements=[eng("p", "like", "peer"), eng("p", "like")])
    comps = M.vanity_index_components(t)
    assert [k for k, v in comps.items() if v is not None] == ["non_customer_engagement_share"]
    assert M.vanity_index(t) == pytest.approx(50.0)


def test_vanity_index_is_none_without_any_data():
    assert M.vanity_index(make_tables()) is None


def test_roi_shortfall_is_zero_when_social_pays_for_itself():
    t = make_tables(costs=[cost("2024-02-01", "salary", 100.0)], revenue=[rev("2024-02-02", 300.0)])
    assert M.vanity_index_components(t)["roi_shortfall"] == 0.0


def test_vanity_index_formula_names_every_component():
    for word in ("peer", "bought", "24 h", "strategy", "ROI"):
        assert word in M.VANITY_INDEX_FORMULA


REPORT_REALITY_KEYS = {
    "reply_rate",
    "median_first_response_minutes",
    "complaints_answered_within_1h",
    "complaints_answered_within_24h",
    "unanswered_backlog",
    "roi",
    "cost_eur",
    "revenue_eur",
    "bought_follower_share",
    "peer_share",
    "self_like_share",
    "bot_share",
    "strategy_adherence",
    "cm_mention_share",
    "net_sentiment_cm",
    "net_sentiment_brand",
    "customer_service_hours_share",
}
REPORT_VANITY_KEYS = {
    "retweets",
    "likes",
    "friends",
    "fans",
    "retweets_prev",
    "likes_prev",
    "friends_prev",
    "fans_prev",
    "engagement_rate",
    "engagement_rate_variant",
}


def test_report_is_json_ready_and_has_every_key():
    r = json.loads(json.dumps(M.report(world())))
    assert r["period"] == {"start": "2024-02-01", "end": "2024-02-29"}
    assert (r["brand"], r["source"]) == ("Acme Bakery", "simulation")
    assert REPORT_VANITY_KEYS <= set(r["vanity"])
    assert REPORT_REALITY_KEYS <= set(r["reality"])
    assert set(r["vanity_index_components"]) == set(M.VANITY_INDEX_COMPONENTS)
    assert (r["vanity"]["retweets"], r["vanity"]["likes"]) == (7, 13)
    reality = r["reality"]
    assert reality["reply_rate"] == pytest.approx(6 / 9)  # Feb messages only
    assert reality["median_first_response_minutes"]["complaint"] == pytest.approx(1380.0)
    assert reality["complaints_answered_within_1h"] == pytest.approx(0.25)
    assert reality["unanswered_backlog"] == 4  # at 1 March 00:00: m4, m8, m9 and January's m10
    assert (reality["cost_eur"], reality["revenue_eur"]) == (5000.0, 2000.0)
    assert reality["roi"] == pytest.approx(-0.6)
    assert reality["cm_mention_share"] == pytest.approx(0.6)
    assert r["vanity_index"] == pytest.approx(M.vanity_index(world()))


def test_report_on_empty_tables_says_none_rather_than_zero():
    r = M.report(make_tables())
    json.dumps(r)
    assert r["reality"]["reply_rate"] is None
    assert r["reality"]["unanswered_backlog"] is None
    assert r["reality"]["roi"] is None
    assert r["vanity"]["fans"] is None
    assert r["vanity_index"] is None


def test_metrics_never_modify_the_frames_they_are_given():
    t = world()
    before = {name: t.table(name).copy(deep=True) for name in COLUMNS}
    M.report(t)
    for fn in (
        M.monthly_engagement,
        M.daily_engagement,
        M.follower_curve,
        M.competitor_benchmark,
        M.top_posts,
        M.platform_effort_vs_reach,
        M.format_performance,
        M.crisis_timeline,
        M.cm_output,
    ):
        fn(t)
    M.response_time_by_kind(t.inbox)
    M.follower_spikes(t.followers)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(t.table(name), frame)


def test_importing_metrics_does_not_load_streamlit():
    code = "import sys, rlff.metrics; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


TABLE_FUNCTIONS = [
    M.vanity_kpis,
    M.monthly_engagement,
    M.daily_engagement,
    M.follower_curve,
    M.competitor_benchmark,
    M.top_posts,
    M.engagement_sources,
    M.peer_share,
    M.platform_effort_vs_reach,
    M.format_performance,
    M.crisis_timeline,
    M.cm_output,
    M.vanity_index_components,
    M.report,
]


@pytest.mark.parametrize("fn", TABLE_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("case", ["empty", "posts_only"])
def test_every_table_function_copes_with_missing_data(fn, case):
    t = make_tables() if case == "empty" else make_tables(posts=[post("p", "2024-02-02")])
    fn(t)  # no exception; the None/empty semantics are tested function by function above


@pytest.mark.slow
def test_a_million_engagements_are_summarised_quickly():
    import time

    import numpy as np

    n_posts, n = 2000, 1_000_000
    rng = np.random.default_rng(1)
    published = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90 * 86400, n_posts), unit="s")
    ids = np.array([f"p{i}" for i in range(n_posts)])
    posts = pd.DataFrame([post(i, ts) for i, ts in zip(ids, published, strict=True)])
    which = rng.integers(0, n_posts, n)
    engagements = pd.DataFrame(
        {
            "post_id": ids[which],
            "engaged_at": published[which],
            "kind": rng.choice(["like", "retweet", "reply"], n),
            "source": rng.choice(list(ENGAGEMENT_SOURCES), n),
            "actor": "",
            "count": 1,
        }
    )
    t = Tables(meta=META, posts=conform("posts", posts), engagements=conform("engagements", engagements))
    started = time.perf_counter()
    M.report(t)
    M.monthly_engagement(t)
    M.daily_engagement(t)
    M.top_posts(t)
    # ~0.5 s on two cores; a per-row Python loop would take minutes
    assert time.perf_counter() - started < 5.0


# --- properties --------------------------------------------------------------------------------

_sources = st.sampled_from(ENGAGEMENT_SOURCES)
_kinds = st.sampled_from(("like", "retweet", "reply"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_kinds, _sources, st.integers(1, 1000)), min_size=1, max_size=30))
def test_engagement_source_shares_sum_to_one(rows):
    t = make_tables(posts=[post("p", "2024-02-02")], engagements=[eng("p", k, s, n) for k, s, n in rows])
    shares = M.engagement_sources(t)
    if any(k != "reply" for k, _, _ in rows):
        assert sum(shares.values()) == pytest.approx(1.0)
        assert all(0.0 <= v <= 1.0 for v in shares.values())
    else:
        assert all(v is None for v in shares.values())


_messages = st.lists(
    st.tuples(
        st.sampled_from(MESSAGE_KINDS),
        st.integers(0, 28 * 24 * 60),  # received: minutes into February
        st.one_of(st.none(), st.integers(0, 5 * 24 * 60)),  # wait in minutes, or never
    ),
    max_size=25,
)


def _inbox(rows) -> pd.DataFrame:
    feb = pd.Timestamp("2024-02-01")
    return make_tables(
        inbox=[
            msg(
                f"m{i}",
                feb + pd.Timedelta(minutes=r),
                k,
                None if w is None else feb + pd.Timedelta(minutes=r + w),
            )
            for i, (k, r, w) in enumerate(rows)
        ]
    ).inbox


@settings(max_examples=60, deadline=None)
@given(_messages)
def test_reply_rate_and_within_shares_are_bounded_and_monotone(rows):
    inbox = _inbox(rows)
    rate = M.reply_rate(inbox)
    assert (rate is None) == (not rows)
    if rows:
        assert 0.0 <= rate <= 1.0
        within = [M.answered_within_share(inbox, h, kind=None) for h in (1, 24, 1000)]
        assert within == sorted(within) and within[-1] <= rate + 1e-12


@settings(max_examples=25, deadline=None)
@given(
    _messages,
    st.lists(st.tuples(_kinds, _sources, st.integers(1, 50)), max_size=10),
    st.floats(0, 1e5),
    st.floats(0, 1e5),
    st.lists(st.tuples(st.booleans(), st.booleans()), max_size=6),
    st.integers(0, 5000),
    st.integers(0, 5000),
)
def test_vanity_index_stays_between_0_and_100(messages, engagements, spent, earned, plans, fans, bought):
    t = make_tables(
        posts=[post("p", "2024-02-02")],
        engagements=[eng("p", k, s, n) for k, s, n in engagements],
        inbox=[
            msg(f"m{i}", pd.Timestamp("2024-02-01") + pd.Timedelta(minutes=r), k)
            for i, (k, r, _) in enumerate(messages)
        ],
        costs=[cost("2024-02-01", "salary", spent)],
        revenue=[rev("2024-02-02", earned)],
        strategy=[plan("2024-02-05", p, e) for p, e in plans],
        followers=[fol("2024-02-10", followers=fans, bought=bought)],
    )
    index = M.vanity_index(t)
    assert index is None or 0.0 <= index <= 100.0
    assert all(v is None or 0.0 <= v <= 1.0 for v in M.vanity_index_components(t).values())
    json.dumps(M.report(t))
