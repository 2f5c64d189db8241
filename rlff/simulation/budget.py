"""How many rows a scenario will simulate, known before simulating it, and the ceiling.

Three years with every knob at its maximum simulate 12.3M engagement rows (~280 MB of
tables, 25 s of CPU) per seed: a dashboard that cached a few of those ran out of memory.
:func:`estimate_rows` computes each table's expected rows from the knobs alone (the same
expectations :mod:`.calibration` gives the simulation); :func:`check_budget` refuses a
scenario above :data:`MAX_SCENARIO_ROWS` and says how long a period would fit.
"""

from __future__ import annotations

import pandas as pd

from rlff.i18n import fmt_int, t
from rlff.simulation import calibration as cal
from rlff.simulation.scenario import Scenario, ScenarioError, reported_month

# ~24 bytes of memory per engagement row: 3M rows keep one simulated dataset under ~80 MB,
# and the default scenario (44k rows) 70 times below the ceiling.
MAX_SCENARIO_ROWS = 3_000_000

# Mirrors rlff.simulation.simulate: replies customers add per like, and each blog post's
# likes from the ring (one per two peers).
_CUSTOMER_REPLIES_PER_LIKE = 0.08
_BLOG_LIKES_PER_PEER = 0.5
_CRISIS_DAYS = 5  # len(simulate.CRISIS_SHAPE); brand mentions are 4 times as many on those days
_CRISIS_MENTION_FACTOR = 4.0


class ScenarioTooLarge(ScenarioError):
    """A scenario whose simulation would exceed :data:`MAX_SCENARIO_ROWS` rows.

    Attributes:
        rows: The estimated rows, all tables together.
        limit: The ceiling.
        months: The period's calendar months.
        fitting_months: How many months of the same knobs would fit (at least 2).
    """

    def __init__(self, rows: int, limit: int, months: int, fitting_months: int) -> None:
        self.rows, self.limit, self.months, self.fitting_months = rows, limit, months, fitting_months
        super().__init__(self.text("en"))

    def in_lang(self, lang: str) -> ScenarioTooLarge:
        """The same error, its message in ``lang``."""
        out = ScenarioTooLarge(self.rows, self.limit, self.months, self.fitting_months)
        out.args = (self.text(lang),)
        return out

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"fr"``)."""
        return t(
            "limits.scenario_too_large",
            lang,
            rows=fmt_int(self.rows, lang),
            limit=fmt_int(self.limit, lang),
            months=self.months,
            fitting=self.fitting_months,
        )


def estimate_rows(s: Scenario) -> dict[str, int]:
    """Expected rows of the large tables of ``simulate(s, seed)``, from the knobs alone.

    Within a few percent of any seed's counts (the tests check it against simulate()):
    the reported month's engagement totals are exact, other months are Poisson draws
    around the same expectations.
    """
    months = cal.period_months(s)
    days = sum(cal.days_in_period(s, m) for m in months)
    brand_posts = sum(cal.brand_posts_in_month(s, m) for m in months)
    blog_posts = sum(round(s.blog_posts_per_week * cal.days_in_period(s, m) / 7) for m in months)
    engagements = 0.0
    for month in months:
        if cal.brand_posts_in_month(s, month) == 0:
            continue
        expected = cal.expected_engagement(s, month)
        engagements += sum(expected.values())
        engagements += expected.get(("customer", "like"), 0.0) * _CUSTOMER_REPLIES_PER_LIKE
    if blog_posts:
        engagements += blog_posts * s.ring_size * _BLOG_LIKES_PER_PEER
    crisis_days = 0
    if s.crisis:
        start = pd.Timestamp(reported_month(s)) + pd.Timedelta(days=s.crisis_day - 1)
        crisis_days = sum(1 for i in range(_CRISIS_DAYS) if start + pd.Timedelta(days=i) <= pd.Timestamp(s.end))
    crisis = s.crisis_messages if s.crisis else 0
    crisis_mentions = crisis_days * s.brand_mentions_per_day * (_CRISIS_MENTION_FACTOR - 1)
    return {
        "posts": int(brand_posts + blog_posts),
        "engagements": int(round(engagements)),
        "inbox": int(round(days * s.inbox_per_day + crisis)),
        "mentions": int(round(days * (s.brand_mentions_per_day + s.cm_mentions_per_day) + crisis_mentions)),
        "followers": days * len(s.platforms),
    }


def total_rows(s: Scenario) -> int:
    """All the estimated rows of ``s`` together."""
    return sum(estimate_rows(s).values())


def check_budget(s: Scenario, limit: int = MAX_SCENARIO_ROWS) -> int:
    """The estimated rows of ``s``; raises when they pass ``limit``.

    Raises:
        ScenarioTooLarge: with the estimate and how many months of these knobs would fit.
    """
    rows = total_rows(s)
    if rows <= limit:
        return rows
    months = len(cal.period_months(s))
    per_month = rows / max(1, months)
    fitting = max(2, int(limit // per_month))
    raise ScenarioTooLarge(rows, limit, months, fitting)
