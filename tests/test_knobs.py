"""Knobs move the metrics the way they would in life (simulation + metrics together)."""

from __future__ import annotations

import pytest

from rlff import metrics
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

SEEDS = (0, 1)


def both(changes: dict, fn):
    """The metric on the default scenario and on the changed one, for each seed."""
    return [(fn(simulate(DEFAULT, s)), fn(simulate(DEFAULT.replace(**changes), s))) for s in SEEDS]


def test_buying_more_followers_raises_fans_and_bought_share_and_lowers_roi():
    more = {"bought_followers": 25_000}
    for base, moved in both(more, lambda t: metrics.vanity_kpis(t).fans):
        assert moved > base
    for base, moved in both(more, lambda t: metrics.bought_follower_share(t.followers)):
        assert moved > base
    for base, moved in both(more, lambda t: metrics.roi(t.costs, t.revenue, t.meta.reported_month)):
        assert moved < base


def test_buying_no_followers_gives_a_zero_bought_share():
    tables = simulate(DEFAULT.replace(bought_followers=0), 0)
    assert metrics.bought_follower_share(tables.followers) == 0.0


def test_a_slower_complaint_policy_raises_the_complaint_median():
    slower = {"reply_hours_complaint": 120.0, "reply_rate_complaint": 0.9}
    for base, moved in both(slower, lambda t: metrics.median_first_response_minutes(t.inbox)["complaint"]):
        assert moved > base


def test_a_bigger_ring_raises_the_peer_share():
    for base, moved in both({"ring_size": 40}, lambda t: metrics.peer_share(t)):
        assert moved > base


def test_not_liking_own_comments_zeroes_the_self_like_share():
    tables = simulate(DEFAULT.replace(like_own_comments=False), 0)
    assert metrics.self_like_share(tables) == 0.0


def test_following_the_strategy_raises_adherence_and_lowers_the_vanity_index():
    for base, moved in both({"strategy_adherence": 0.95}, lambda t: metrics.strategy_adherence(t.strategy)):
        assert moved > base
    for base, moved in both({"strategy_adherence": 0.95}, metrics.vanity_index):
        assert moved < base


def test_a_black_sheep_cm_has_a_lower_vanity_index():
    honest = DEFAULT.replace(
        bought_followers=0,
        ring_size=0,
        like_own_comments=False,
        reply_rate_question=0.98,
        reply_hours_question=0.5,
        reply_rate_complaint=0.98,
        reply_hours_complaint=0.5,
        reply_rate_crisis=0.98,
        reply_hours_crisis=0.5,
        strategy_adherence=0.95,
    )
    for seed in SEEDS:
        assert metrics.vanity_index(simulate(honest, seed)) < metrics.vanity_index(simulate(DEFAULT, seed)) - 30


@pytest.mark.parametrize("seed", SEEDS)
def test_the_crisis_leaves_complaints_open(seed):
    with_crisis = simulate(DEFAULT, seed)
    without = simulate(DEFAULT.replace(crisis=False), seed)
    assert metrics.unanswered_backlog(with_crisis.inbox) > metrics.unanswered_backlog(without.inbox)


def test_bought_share_is_unknown_when_the_data_has_no_bought_flag():
    from dataclasses import replace

    tables = simulate(DEFAULT, 0)
    blind = tables.replace(meta=replace(tables.meta, bought_flag_known=False))
    assert metrics.known_bought_follower_share(tables) == metrics.bought_follower_share(tables.followers)
    assert metrics.known_bought_follower_share(blind) is None
    assert metrics.report(blind)["reality"]["bought_follower_share"] is None
    assert metrics.vanity_index_components(blind)["bought_follower_share"] is None


def test_daily_platform_totals_without_posts_count_in_the_deck_once():
    """An X daily overview gives totals per day with no post: they count, in their month only."""
    import pandas as pd

    from rlff.schema import Meta, Tables, conform

    daily = conform(
        "engagements",
        pd.DataFrame(
            {
                "post_id": ["", "", "", ""],
                "engaged_at": pd.to_datetime(["2026-01-03", "2026-01-31", "2026-02-01", "2025-12-31"]),
                "kind": ["like", "like", "like", "retweet"],
                "source": "unknown",
                "actor": "",
                "count": [100, 20, 7, 5],
            }
        ),
    )
    meta = Meta(
        brand="b",
        cm_name="",
        start=pd.Timestamp("2025-12-01").date(),
        end=pd.Timestamp("2026-02-01").date(),
        reported_month=pd.Timestamp("2026-01-01").date(),
        source="import",
    )
    kpis = metrics.vanity_kpis(Tables(meta=meta, engagements=daily))
    assert (kpis.likes, kpis.retweets) == (120, 0)  # 100 + 20; February's 7 is not January's
    assert (kpis.likes_prev, kpis.retweets_prev) == (0, 5)
