"""Which reality metrics a dataset cannot give, and which file would give them.

Platform exports hold no response times, costs, revenue or engagement sources. Rather than
invent them, the dashboard lists what is missing, why, what to upload, and offers the
blank template (:func:`rlff.io.imports.blank_template`) of the table that would fill the gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rlff.schema import Tables


@dataclass(frozen=True)
class MissingInput:
    """A reality metric the data cannot give.

    Attributes:
        metric: Name of the metric (as in :mod:`rlff.metrics.reality`), e.g. ``"reply_rate"``.
        label: What it shows, in plain English.
        tables: RLFF tables that would provide it (their templates are ``<table>.csv``).
        reason: Why it is missing from this dataset.
        upload: What to upload to get it.
    """

    metric: str
    label: str
    tables: tuple[str, ...]
    reason: str
    upload: str

    @property
    def templates(self) -> tuple[str, ...]:
        """File names of the blank templates to offer."""
        return tuple(f"{t}.csv" for t in self.tables)


_INBOX = (
    "an inbox file: one row per inbound message with received_at, kind (compliment, question, "
    "complaint, crisis) and first_response_at (empty when never answered); export it from your "
    "help desk or fill the template"
)


def _empty(table: str, what: str) -> Callable[[Tables], str | None]:
    return lambda t: f"no {what} was uploaded" if t.table(table).empty else None


def _no_sources(t: Tables) -> str | None:
    if t.engagements.empty:
        return "no engagements were uploaded"
    if t.engagements["source"].astype("str").eq("unknown").all():
        return "platform exports give totals per post, never who engaged (peer, bot, self or customer)"
    return None


def _bought_unknown(t: Tables) -> str | None:
    if t.followers.empty:
        return "no follower file was uploaded"
    if not getattr(t.meta, "bought_flag_known", True):
        return "platform exports never say which followers were bought (the spike detector still runs)"
    return None


def _no_value(t: Tables) -> str | None:
    if t.costs.empty and t.revenue.empty:
        return "no costs and no revenue were uploaded"
    if t.costs.empty:
        return "no costs were uploaded"
    if t.revenue.empty:
        return "no revenue was uploaded"
    return None


def _no_conversions(t: Tables) -> str | None:
    if t.posts.empty:
        return "no posts were uploaded"
    attributed = not t.revenue.empty and t.revenue["post_id"].astype("str").ne("").any()
    if t.posts["conversions"].sum() == 0 and not attributed:
        return "exports count engagement, not the sales each post brought"
    return None


# metric, label, tables that provide it, test (None when available), what to upload
REALITY_INPUTS: tuple[tuple[str, str, tuple[str, ...], Callable[[Tables], str | None], str], ...] = (
    ("response_time_by_kind", "Response time by message kind", ("inbox",), _empty("inbox", "inbox"), _INBOX),
    ("reply_rate", "Share of messages answered", ("inbox",), _empty("inbox", "inbox"), _INBOX),
    ("unanswered_backlog", "Messages left unanswered", ("inbox",), _empty("inbox", "inbox"), _INBOX),
    ("crisis_timeline", "Complaint spikes and crises left open", ("inbox",), _empty("inbox", "inbox"), _INBOX),
    (
        "roi",
        "Return on investment: attributed revenue against total cost",
        ("costs", "revenue"),
        _no_value,
        "a costs file (salary, tools, bought followers, ads: one row per month and category) and a revenue "
        "file (sales attributed to social media)",
    ),
    (
        "format_performance",
        "Conversions by post format",
        ("revenue",),
        _no_conversions,
        "a revenue file whose rows name the post_id each sale is attributed to",
    ),
    (
        "engagement_sources",
        "Who really engages: customers, the retweet ring, bots, the CM",
        ("engagements",),
        _no_sources,
        "an engagements file with one row per engagement and its source (customer, peer, bot, self)",
    ),
    (
        "bought_follower_share",
        "Share of followers that were bought",
        ("followers",),
        _bought_unknown,
        "a followers file with bought_follows per day (from your invoices), or events of kind follower_purchase",
    ),
    (
        "strategy_adherence",
        "Strategy presented vs strategy followed",
        ("strategy",),
        _empty("strategy", "strategy plan"),
        "a strategy file: the actions planned per week and whether each was done",
    ),
    (
        "mention_shares",
        "Mentions of the CM vs mentions of the brand",
        ("mentions",),
        _empty("mentions", "mentions file"),
        "a mentions file from your monitoring tool, with target and sentiment",
    ),
    (
        "hours_per_activity",
        "Where the working hours go",
        ("time_use",),
        _empty("time_use", "time sheet"),
        "a time-use file: hours per activity per week",
    ),
    (
        "competitor_benchmark",
        "The 'competitors' the deck compares with",
        ("peers",),
        _empty("peers", "peers file"),
        "a peers file: the accounts you compare with, their followers and whether they retweet you",
    ),
)


def missing_reality_inputs(tables: Tables) -> list[MissingInput]:
    """The reality metrics ``tables`` cannot give, each with why and what to upload.

    Args:
        tables: A dataset, typically :attr:`ImportOutcome.tables`.

    Returns:
        One :class:`MissingInput` per metric that cannot be computed, in the reality panel's order;
        an empty list when everything can be.
    """
    missing = []
    for metric, label, needed, test, upload in REALITY_INPUTS:
        reason = test(tables)
        if reason:
            missing.append(MissingInput(metric, label, needed, reason, upload))
    return missing
