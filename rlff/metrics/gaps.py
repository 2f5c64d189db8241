"""What a dataset cannot tell, and the numbers and reports with those blanks left blank.

Platform exports lack a lot: who engaged, which followers were bought, the follower
total (they give new follows only), the accounts the brand follows, sales. RLFF shows
what the data cannot give as missing ("—", ``null``, "n/a"), never as an invented 0.

:func:`gaps_of` reads the gaps from :class:`~rlff.schema.Tables` alone (the one fact the
rows cannot say, whether the follower total is known, travels in
``meta.followers_total_known``), so the dashboard, ``rlff report`` and ``rlff export``
agree. :func:`honest_kpis`, :func:`honest_reality` and
:func:`honest_report` blank out what is missing (:mod:`rlff.charts.gaps` does the same for charts). The simulation has no gaps
(``Gaps()``): for it every function here returns its input unchanged.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from rlff import metrics
from rlff.metrics.missing import MissingInput, missing_reality_inputs
from rlff.schema import Tables

__all__ = [
    "TILE_NEEDS",
    "Gaps",
    "gaps_of",
    "honest_kpis",
    "honest_reality",
    "honest_report",
]

# Reality tile (AppContext.reality_numbers) -> the reality input it needs.
TILE_NEEDS: dict[str, str] = {
    "reply_rate": "reply_rate",
    "complaint_median_minutes": "response_time_by_kind",
    "unanswered_backlog": "unanswered_backlog",
    "roi": "roi",
    "bought_follower_share": "bought_follower_share",
    "strategy_adherence": "strategy_adherence",
}
# Reality input -> the keys of rlff.metrics.report()["reality"] it gives.
REPORT_NEEDS: dict[str, tuple[str, ...]] = {
    "reply_rate": ("reply_rate",),
    "response_time_by_kind": (
        "median_first_response_minutes",
        "complaints_answered_within_1h",
        "complaints_answered_within_24h",
    ),
    "unanswered_backlog": ("unanswered_backlog",),
    "roi": ("roi",),
    "bought_follower_share": ("bought_follower_share",),
    "engagement_sources": ("peer_share", "self_like_share", "bot_share"),
    "strategy_adherence": ("strategy_adherence",),
    "mention_shares": ("cm_mention_share", "net_sentiment_cm", "net_sentiment_brand"),
    "hours_per_activity": ("customer_service_hours_share",),
}
# Reality input -> the vanity-index component it gives.
COMPONENT_NEEDS: dict[str, str] = {
    "engagement_sources": "non_customer_engagement_share",
    "bought_follower_share": "bought_follower_share",
    "response_time_by_kind": "slow_answer_share",
    "strategy_adherence": "strategy_gap",
    "roi": "roi_shortfall",
}
_ENGAGEMENT_KEYS = ("retweets", "likes", "replies")
DECK = ("retweets", "likes", "friends", "fans")


@dataclass(frozen=True)
class Gaps:
    """What a dataset cannot tell. The defaults (nothing missing) are the simulation's.

    Attributes:
        missing: Reality inputs the data lacks, by metric name (see rlff.metrics.missing).
        engagements_known: False when no file gives any engagement count (posts alone, say).
        revenue_known: False when no file gives any sale.
        friends_known: False when no file gives the accounts the brand follows.
        fans_known: False when the follower total was counted from 0 (exports give new follows only).
        previous_month: False when the data does not reach into the month before the reported one.
        reported_month: The month reported on (None for the simulation, whose captions need no change).
    """

    missing: dict[str, MissingInput] = field(default_factory=dict)
    engagements_known: bool = True
    revenue_known: bool = True
    friends_known: bool = True
    fans_known: bool = True
    previous_month: bool = True
    reported_month: date | None = None

    def lacks(self, metric: str) -> bool:
        """True when the data cannot give ``metric``."""
        return metric in self.missing

    @property
    def none(self) -> bool:
        """True when the data can give everything (the simulation)."""
        return dataclasses.replace(self, reported_month=None) == Gaps()


def gaps_of(tables: Tables) -> Gaps:
    """What ``tables`` cannot tell; ``Gaps()`` for the simulation, which knows everything."""
    meta = tables.meta
    if meta.source == "simulation":
        return Gaps()
    followers = tables.followers
    month = metrics.month_start(meta.reported_month)
    return Gaps(
        missing={m.metric: m for m in missing_reality_inputs(tables)},
        engagements_known=not tables.engagements.empty,
        revenue_known=not tables.revenue.empty,
        friends_known=not followers.empty and bool(followers["friends"].gt(0).any()),
        fans_known=not followers.empty and bool(getattr(meta, "followers_total_known", True)),
        previous_month=pd.Timestamp(meta.start) < month,
        reported_month=meta.reported_month,
    )


def unknown_vanity(gaps: Gaps) -> set[str]:
    """The vanity fields (``retweets``, ``fans_prev``, ``engagement_rate``…) the data cannot give."""
    unknown: set[str] = set()
    if not gaps.engagements_known:
        unknown |= {f"{k}{s}" for k in _ENGAGEMENT_KEYS for s in ("", "_prev")} | {"engagement_rate"}
    if not gaps.friends_known:
        unknown |= {"friends", "friends_prev"}
    if not gaps.fans_known:
        unknown |= {"fans", "fans_prev", "engagement_rate"}
    if not gaps.previous_month:
        unknown |= {f"{k}_prev" for k in (*_ENGAGEMENT_KEYS, "friends", "fans")}
    return unknown


def honest_kpis(kpis: metrics.VanityKPIs, gaps: Gaps) -> metrics.VanityKPIs:
    """The deck's tiles with what the files cannot give set to None (shown as "—")."""
    unknown = unknown_vanity(gaps)
    return dataclasses.replace(kpis, **dict.fromkeys(sorted(unknown))) if unknown else kpis


def honest_reality(numbers: dict[str, Any], gaps: Gaps) -> dict[str, Any]:
    """The reality tiles with the metrics the files cannot give set to None."""
    if not gaps.missing:
        return numbers
    return {k: None if gaps.lacks(TILE_NEEDS.get(k, "")) else v for k, v in numbers.items()}


def honest_report(rep: dict[str, Any], tables: Tables) -> dict[str, Any]:
    """:func:`rlff.metrics.report` with what ``tables`` cannot give set to None (``null`` in JSON).

    Vanity: the tiles, last month's figures and changes the data cannot give (a follower
    total counted from 0, no friends, a month before the data). Reality: each metric
    whose input is missing (see :mod:`rlff.metrics.missing`); costs or revenue when no
    such file was given. The vanity index is recomputed from the components left.
    The simulation's report comes back unchanged (the same object).
    """
    gaps = gaps_of(tables)
    if gaps.none:
        return rep
    out = copy.deepcopy(rep)
    vanity: dict[str, Any] = out["vanity"]
    unknown = unknown_vanity(gaps)
    for key in unknown & set(vanity):
        vanity[key] = None
    for name in DECK:
        if f"{name}_change" in vanity and (vanity.get(name) is None or vanity.get(f"{name}_prev") is None):
            vanity[f"{name}_change"] = None
    reality: dict[str, Any] = out["reality"]
    for need, keys in REPORT_NEEDS.items():
        if gaps.lacks(need):
            for key in keys:
                if isinstance(reality.get(key), dict):
                    # Keep the documented shape (one entry per message kind), each unknown.
                    reality[key] = dict.fromkeys(reality[key])
                elif key in reality:
                    reality[key] = None
    if tables.costs.empty and "cost_eur" in reality:
        reality["cost_eur"] = None
    if tables.revenue.empty and "revenue_eur" in reality:
        reality["revenue_eur"] = None
    components: dict[str, Any] | None = out.get("vanity_index_components")
    if components is not None:
        for need, key in COMPONENT_NEEDS.items():
            if gaps.lacks(need) and key in components:
                components[key] = None
        out["vanity_index"] = metrics.vanity_index_of(components)
    return out
