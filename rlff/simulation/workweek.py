"""The CM's week (DESIGN row 15): hours are finite, and the posts come first.

Finding pictures and posting take what the platforms and the rhythm cost
(:func:`~rlff.simulation.platforms.posting_hours_per_week`), at most the whole week (a
rhythm the week cannot hold gets fewer posts). Customer service gets the
``customer_service_share`` of the week, or what posting leaves; the rest goes by habit,
the CM's own blog among them, and a blog with no hours gets no posts. So a CM told to
spend the whole week on customers still posts for the deck, and stops blogging.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rlff.schema import ACTIVITIES
from rlff.simulation.platforms import PROFILES, posting_hours_per_week
from rlff.simulation.scenario import Scenario

# Weekly time use besides customer service (the knob) and posting (the platforms model):
# the rest of the week, split by these weights.
ACTIVITY_WEIGHTS = {
    "own_blog": 0.15,
    "watching_own_name": 0.10,
    "peer_networking": 0.12,
    "strategy": 0.04,
    "reporting": 0.09,
}
HABITS: tuple[str, ...] = tuple(
    a for a in ACTIVITIES if a not in ("customer_service", "finding_next_picture", "posting")
)
# A ten-line translation for the CM's blog, picture included.
BLOG_HOURS_PER_POST = 1.0


@dataclass(frozen=True)
class WeekPlan:
    """Hours a week per activity, and the output they allow."""

    hours: dict[str, float]  # every activity of rlff.schema.ACTIVITIES
    posts_per_day: float  # brand posts the week can hold (at most the knob)
    blog_posts_per_week: float  # blog posts the blog hours can hold (at most the knob)


def posts_per_day_within(platforms: tuple[str, ...], posts_per_day: float, hours: float) -> float:
    """The posting rhythm (at most ``posts_per_day``) whose pictures and posting fit in ``hours`` a week."""
    picture, posting = posting_hours_per_week(platforms, posts_per_day)
    if picture + posting <= hours:
        return posts_per_day
    upkeep = sum(PROFILES[p].hours_per_week for p in platforms)
    per_daily_post = (picture + posting - upkeep) / posts_per_day  # hours a week for one post a day
    return max(0.0, (hours - upkeep) / per_daily_post)


def week_plan(s: Scenario) -> WeekPlan:
    """The scenario's average week: the posts first, then customer service, then habits.

    The deck needs its posts, so finding pictures and posting come first (the week holds
    at most a full week of them); customer service gets its share of the week, or what
    posting leaves when that is less; the rest goes by habit.
    """
    week = s.hours_per_week
    platforms = tuple(s.platforms)
    posts_per_day = posts_per_day_within(platforms, s.posts_per_day, week)
    picture, posting = posting_hours_per_week(platforms, posts_per_day)
    # The platforms' upkeep alone may not fit either.
    scale = min(1.0, week / (picture + posting)) if picture + posting > 0 else 0.0
    picture, posting = picture * scale, posting * scale
    service = min(s.customer_service_share * week, max(week - picture - posting, 0.0))
    left = week - service
    weights = np.array([ACTIVITY_WEIGHTS[a] for a in HABITS], dtype=float)
    rest = weights / weights.sum() * max(left - picture - posting, 0.0)
    hours = {
        "customer_service": service,
        "finding_next_picture": picture,
        "posting": posting,
        **{a: float(h) for a, h in zip(HABITS, rest, strict=True)},
    }
    blog = min(s.blog_posts_per_week, hours["own_blog"] / BLOG_HOURS_PER_POST)
    return WeekPlan(hours, posts_per_day, blog)
