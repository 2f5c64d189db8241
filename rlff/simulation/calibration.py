"""How many retweets and likes a month gets, by source, from the scenario's knobs.

Expected monthly totals are closed-form functions of the knobs, so the default
scenario's reported month can be calibrated *exactly* on the article's deck
("1754 RT et 9540 likes"): the customer term's constant is solved from the
defaults, and the simulation allocates those exact totals across posts at random.
Any other knob moves the totals the way it would in life.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from rlff.simulation.platforms import PROFILES, audience_fraction, audience_shares, post_shares
from rlff.simulation.scenario import DEFAULT, Scenario, reported_month
from rlff.simulation.workweek import week_plan

TARGET_RETWEETS = 1754
TARGET_LIKES = 9540

# Per ring member and per brand post: the ring likes nearly everything and RTs a lot.
PEER_LIKE_PER_POST = 0.9
PEER_RETWEET_PER_POST = 0.8  # on a platform where reposting is the norm (Twitter)
# Bought followers come with a "likes pack": engagement per bought follower per month.
BOT_LIKES_PER_BOUGHT = 0.15
BOT_RETWEETS_PER_BOUGHT = 0.03
# Liking all your own comments (and retweeting yourself now and then).
SELF_LIKES_PER_POST = 4.0
SELF_RETWEETS_PER_POST = 0.2
# Customer engagement grows less than linearly with the audience: big brands get lower rates.
AUDIENCE_EXPONENT = 0.7
# Photo + question posts pull more likes (the vanity side); this is their uplift.
PHOTO_QUESTION_UPLIFT = 0.8
# Share of new organic followers that leave again.
ORGANIC_CHURN = 0.15


def month_start(d: date | pd.Timestamp) -> pd.Timestamp:
    """First day of the month holding ``d``."""
    return pd.Timestamp(d).to_period("M").start_time


def period_months(s: Scenario) -> list[pd.Timestamp]:
    """First days of every calendar month the scenario's period touches."""
    return list(pd.period_range(s.start, s.end, freq="M").start_time)


def days_in_period(s: Scenario, month: pd.Timestamp) -> int:
    """Days of ``month`` that fall inside the scenario's period."""
    first = max(month, pd.Timestamp(s.start))
    last = min(month + pd.offsets.MonthEnd(0), pd.Timestamp(s.end))
    return max(0, (last - first).days + 1)


def brand_posts_in_month(s: Scenario, month: pd.Timestamp) -> int:
    """Number of brand posts published in ``month`` (deterministic): the rhythm the week can hold."""
    return int(round(week_plan(s).posts_per_day * days_in_period(s, month)))


def purchase_dates(s: Scenario) -> list[pd.Timestamp]:
    """Days the followers are bought: spread over the period, the last one in the reported month."""
    start, end = pd.Timestamp(s.start), pd.Timestamp(s.end)
    span = (end - start).days
    n = s.follower_purchases
    if n == 0 or s.bought_followers == 0:
        return []
    return [start + pd.Timedelta(days=int(span * (i + 0.85) / n)) for i in range(n)]


def bought_up_to(s: Scenario, when: pd.Timestamp) -> int:
    """Followers bought on or before ``when``."""
    return s.bought_followers * sum(1 for d in purchase_dates(s) if d <= when)


def expected_organic_followers(s: Scenario, when: pd.Timestamp) -> float:
    """Organic audience expected at ``when`` on the chosen platforms (net of the usual churn).

    The knobs describe the audience of a brand present everywhere; a platform left out
    takes its followers with it.
    """
    days = max(0, (when - pd.Timestamp(s.start)).days + 1)
    everywhere = s.organic_followers_start + s.organic_follows_per_day * days * (1 - ORGANIC_CHURN)
    return everywhere * audience_fraction(tuple(s.platforms))


def purchase_platform(s: Scenario) -> str:
    """Where the bought followers land: Twitter when present, else the first platform."""
    return "twitter" if "twitter" in s.platforms else s.platforms[0]


def repost_mix(s: Scenario) -> float:
    """Expected "retweetability" of a post: the post-weighted mean of the platforms' repost factor."""
    return sum(share * PROFILES[p].repost for p, share in post_shares(tuple(s.platforms)).items())


def customer_weight(s: Scenario, platform: str, kind: str) -> float:
    """Customer likes (or retweets) per post on ``platform``, per unit of the calibrated constant.

    Engagement grows less than linearly with the platform's audience (in thousands).
    """
    audience = audience_shares(tuple(s.platforms))[platform]
    p = PROFILES[platform]
    factor = p.repost if kind == "retweet" else 1.0
    return audience**AUDIENCE_EXPONENT * p.engagement * factor


def _format_factor(s: Scenario) -> float:
    return 1.0 + PHOTO_QUESTION_UPLIFT * s.photo_question_share


def _non_customer(s: Scenario, month: pd.Timestamp) -> dict[tuple[str, str], float]:
    posts = brand_posts_in_month(s, month)
    month_end = month + pd.offsets.MonthEnd(0)
    bought = bought_up_to(s, month_end)
    own = 1.0 if s.like_own_comments else 0.0
    reposts = repost_mix(s)
    bot_reposts = PROFILES[purchase_platform(s)].repost
    return {
        ("peer", "like"): s.ring_size * posts * PEER_LIKE_PER_POST,
        ("peer", "retweet"): s.ring_size * posts * PEER_RETWEET_PER_POST * reposts,
        ("bot", "like"): bought * BOT_LIKES_PER_BOUGHT,
        ("bot", "retweet"): bought * BOT_RETWEETS_PER_BOUGHT * bot_reposts,
        ("self", "like"): own * posts * SELF_LIKES_PER_POST,
        ("self", "retweet"): own * posts * SELF_RETWEETS_PER_POST * reposts,
    }


def _customer_base(s: Scenario, month: pd.Timestamp, kind: str) -> float:
    """Sum over platforms of posts × audience (thousands) ** exponent × engagement × format uplift."""
    posts = brand_posts_in_month(s, month)
    audience = expected_organic_followers(s, month + pd.offsets.MonthEnd(0)) / 1000.0
    per_post = sum(share * customer_weight(s, p, kind) for p, share in post_shares(tuple(s.platforms)).items())
    return posts * audience**AUDIENCE_EXPONENT * per_post * _format_factor(s)


def _solve_constants() -> tuple[float, float]:
    """Customer likes and RTs per unit of base, solved so the default deck reads 1754 / 9540."""
    month = pd.Timestamp(reported_month(DEFAULT))
    others = {k: round(v) for k, v in _non_customer(DEFAULT, month).items()}
    likes_left = TARGET_LIKES - sum(v for (_, kind), v in others.items() if kind == "like")
    rts_left = TARGET_RETWEETS - sum(v for (_, kind), v in others.items() if kind == "retweet")
    return likes_left / _customer_base(DEFAULT, month, "like"), rts_left / _customer_base(DEFAULT, month, "retweet")


CUSTOMER_LIKES_PER_BASE, CUSTOMER_RETWEETS_PER_BASE = _solve_constants()


def expected_engagement(s: Scenario, month: pd.Timestamp) -> dict[tuple[str, str], float]:
    """Expected (source, kind) -> count of likes and retweets on the brand posts of ``month``."""
    out = _non_customer(s, month)
    out[("customer", "like")] = CUSTOMER_LIKES_PER_BASE * _customer_base(s, month, "like")
    out[("customer", "retweet")] = CUSTOMER_RETWEETS_PER_BASE * _customer_base(s, month, "retweet")
    return out
