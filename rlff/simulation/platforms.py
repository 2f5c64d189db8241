"""What each social platform gives a neighbourhood bakery, and what it costs the CM.

A marketer's rough model (DESIGN.md row 7), one profile per platform:

* ``audience``: share of the brand's reachable organic audience that lives there (the
  shares of all five sum to 1: dropping a platform drops its followers);
* ``posts``: share of the CM's posts it gets when every platform is on ("be present
  everywhere": close to even, whatever the audience);
* ``engagement``: likes per follower, relative to Twitter;
* ``repost``: how much of that engagement can be a "retweet" (retweet, share,
  repost, repin; Instagram has none);
* ``reach``: share of the followers who see a post (organic reach);
* ``click``: link clicks per view, relative to Twitter (Instagram has no links);
* ``buyers``: share of clicks that turn into a sale. Pinterest clicks are recipe
  savers from anywhere, not neighbours who walk into the shop;
* ``minutes_per_post``: adapting a post to the platform (a vertical pin is a design job);
* ``hours_per_week``: the fixed cost of keeping the account alive.

Pinterest comes out as the article's joke: 15% of the posts and the most minutes per
post, for 4% of the audience and almost no buyers.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class PlatformProfile:
    """One platform's audience, value and effort (see the module docstring)."""

    audience: float
    posts: float
    engagement: float
    repost: float
    reach: float
    click: float
    buyers: float
    minutes_per_post: float
    hours_per_week: float


PROFILES: MappingProxyType[str, PlatformProfile] = MappingProxyType(
    {
        "twitter": PlatformProfile(0.30, 0.25, 1.0, 1.0, 0.25, 1.0, 0.08, 5, 0.5),
        "facebook": PlatformProfile(0.38, 0.20, 1.0, 0.5, 0.15, 1.3, 0.20, 5, 0.5),
        "instagram": PlatformProfile(0.22, 0.20, 1.6, 0.0, 0.30, 0.3, 0.14, 12, 0.75),
        "linkedin": PlatformProfile(0.06, 0.17, 0.5, 0.3, 0.30, 0.8, 0.08, 10, 0.5),
        "pinterest": PlatformProfile(0.04, 0.18, 0.6, 0.3, 0.40, 1.0, 0.008, 25, 1.0),
    }
)
# Finding the picture (the article's "next picture") costs the same whatever the platform.
PICTURE_MINUTES_PER_POST = 25.0


def audience_fraction(platforms: tuple[str, ...]) -> float:
    """Share of the all-platform audience the chosen platforms reach."""
    return sum(PROFILES[p].audience for p in platforms)


def audience_shares(platforms: tuple[str, ...]) -> dict[str, float]:
    """Each chosen platform's share of the brand's (chosen-platform) audience; sums to 1."""
    total = audience_fraction(platforms)
    return {p: PROFILES[p].audience / total for p in platforms}


def post_shares(platforms: tuple[str, ...]) -> dict[str, float]:
    """Each chosen platform's share of the posts; sums to 1."""
    total = sum(PROFILES[p].posts for p in platforms)
    return {p: PROFILES[p].posts / total for p in platforms}


def posting_hours_per_week(platforms: tuple[str, ...], posts_per_day: float) -> tuple[float, float]:
    """(hours finding pictures, hours posting) a week for this presence and rhythm.

    Fewer platforms, fewer hours: each one costs its upkeep plus its per-post adaptation.
    """
    posts_week = posts_per_day * 7
    shares = post_shares(platforms)
    picture = posts_week * PICTURE_MINUTES_PER_POST / 60
    posting = sum(
        PROFILES[p].hours_per_week + posts_week * shares[p] * PROFILES[p].minutes_per_post / 60 for p in platforms
    )
    return picture, posting
