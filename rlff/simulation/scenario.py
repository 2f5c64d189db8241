"""Every knob of the community manager's month, in one frozen dataclass.

The defaults reproduce the article (``shared/seed``): a CM paid 50 k€ a year, a
monitoring licence nobody opens, 2 × 5,000 bought followers, a retweet ring of 12
"competitors", compliments thanked at once and complaints answered "whenever I feel
like it", a strategy deck followed one time in five, a crisis left to rot, and a
reported month with exactly 1754 retweets and 9540 likes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from rlff.i18n import t
from rlff.schema import MESSAGE_KINDS, PLATFORMS

SOCIAL_PLATFORMS: tuple[str, ...] = tuple(p for p in PLATFORMS if p != "blog")


class ScenarioError(ValueError):
    """A scenario whose knobs cannot describe a month (says which knob and why).

    ``key`` names the message in the catalogs (``scenario_error.*``), ``values`` fills it;
    ``str(error)`` is the English text, :meth:`in_lang` the text in another language.
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def in_lang(self, lang: str) -> ScenarioError:
        """The same error, its message in ``lang`` ('en' or 'fr')."""
        out = ScenarioError(self.key, **self.values)
        out.args = (t(self.key, lang, **self.values),)
        return out


@dataclass(frozen=True)
class Scenario:
    """The knobs (DESIGN.md rows 3–15). Hashable, so it can key a cache."""

    # Who and when
    brand: str = "Brioche & Co"
    cm_name: str = ""  # empty: Faker names the CM from the seed
    start: date = date(2025, 10, 1)
    end: date = date(2026, 1, 31)  # the reported month is the last complete one: January 2026
    lang: str = "en"

    # Row 7: be present everywhere, even on Pinterest
    platforms: tuple[str, ...] = SOCIAL_PLATFORMS
    posts_per_day: float = 3.0
    # Row 8: photo + heavy text phrased as a question, in one post
    photo_question_share: float = 0.6

    # Row 4: inflate the community
    organic_followers_start: int = 6_000
    organic_follows_per_day: float = 12.0
    bought_followers: int = 5_000  # per purchase
    follower_purchases: int = 2
    price_per_1000_followers_eur: float = 15.0

    # Rows 5 and 10: follow peers, RT each other; the "competitors" are the ring
    ring_size: int = 12
    follow_for_follow: int = 800  # peers followed for follow-backs: inflates "friends"

    # Row 6: like all your own comments
    like_own_comments: bool = True

    # Row 3: "real time" means "when I feel like it"
    inbox_per_day: float = 10.0
    reply_rate_compliment: float = 0.95
    reply_hours_compliment: float = 0.05
    reply_rate_question: float = 0.55
    reply_hours_question: float = 20.0
    reply_rate_complaint: float = 0.40
    reply_hours_complaint: float = 40.0
    reply_rate_crisis: float = 0.10
    reply_hours_crisis: float = 72.0

    # Row 13: "the crisis is a myth"
    crisis: bool = True
    crisis_day: int = 12  # day of the reported month the crisis starts
    crisis_messages: int = 150

    # Row 9: a strategy you present and do not follow
    strategy_actions_per_week: int = 4
    strategy_adherence: float = 0.2

    # Row 11: Google Alert on your own name
    brand_mentions_per_day: float = 6.0
    cm_mentions_per_day: float = 4.0

    # Row 12: a blog of ten-line translations every other day
    blog_posts_per_week: float = 3.5

    # Row 14: salary, a monitoring licence, bought followers; what it earns
    salary_eur_year: float = 50_000.0
    monitoring_tool_eur_month: float = 500.0
    training_eur: float = 1_500.0  # the one-week certificate
    revenue_per_conversion_eur: float = 30.0

    # Row 15: 35-hour week, no time for customer service
    hours_per_week: float = 35.0
    customer_service_share: float = 0.06

    def __post_init__(self) -> None:
        validate(self)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some knobs changed (validated)."""
        return dataclasses.replace(self, **changes)

    def reply_policy(self, kind: str) -> tuple[float, float]:
        """(reply rate 0..1, median hours to first reply) for a message kind."""
        return getattr(self, f"reply_rate_{kind}"), getattr(self, f"reply_hours_{kind}")


def _month_start(d: date) -> date:
    return date(d.year, d.month, 1)


def reported_month(scenario: Scenario) -> date:
    """First day of the last complete calendar month of the scenario's period."""
    from rlff.months import last_complete_month

    return last_complete_month(scenario.start, scenario.end)


def validate(s: Scenario) -> None:
    """Raise :class:`ScenarioError` naming the first knob that makes no sense."""
    if not isinstance(s.start, date) or not isinstance(s.end, date):
        raise ScenarioError("scenario_error.dates")
    if s.end <= s.start:
        raise ScenarioError("scenario_error.end_before_start", start=s.start, end=s.end)
    months = (s.end.year - s.start.year) * 12 + s.end.month - s.start.month
    if months < 1:
        raise ScenarioError("scenario_error.too_short")
    if months > 36:
        raise ScenarioError("scenario_error.too_long")
    if s.lang not in ("en", "fr"):
        raise ScenarioError("scenario_error.lang", lang=repr(s.lang))
    unknown = [p for p in s.platforms if p not in SOCIAL_PLATFORMS]
    if unknown or not s.platforms:
        raise ScenarioError("scenario_error.platforms", choices=", ".join(SOCIAL_PLATFORMS))
    shares = {
        "photo_question_share": s.photo_question_share,
        "strategy_adherence": s.strategy_adherence,
        "customer_service_share": s.customer_service_share,
    }
    shares.update({f"reply_rate_{k}": getattr(s, f"reply_rate_{k}") for k in MESSAGE_KINDS})
    for name, value in shares.items():
        if not 0.0 <= float(value) <= 1.0:
            raise ScenarioError("scenario_error.share", knob=name, value=value)
    non_negative = [f.name for f in fields(s) if f.type in ("int", "float") and f.name not in shares]
    for name in non_negative:
        if getattr(s, name) < 0:
            raise ScenarioError("scenario_error.negative", knob=name, value=getattr(s, name))
    if s.posts_per_day <= 0:
        raise ScenarioError("scenario_error.no_posts")
    if s.hours_per_week <= 0 or s.hours_per_week > 80:
        raise ScenarioError("scenario_error.hours_per_week", value=s.hours_per_week)
    if not 1 <= s.crisis_day <= 28:
        raise ScenarioError("scenario_error.crisis_day", value=s.crisis_day)
    if s.ring_size > 500:
        raise ScenarioError("scenario_error.ring_size")
    for kind in MESSAGE_KINDS:
        if getattr(s, f"reply_hours_{kind}") > 24 * 60:
            raise ScenarioError("scenario_error.reply_hours", knob=f"reply_hours_{kind}")


DEFAULT = Scenario()
