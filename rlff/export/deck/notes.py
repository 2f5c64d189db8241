"""Red-pen notes: what each vanity slide hides, in numbers from :mod:`rlff.metrics`.

A clause whose number the data cannot give is left out, never written with a 0. A slide
whose own clauses are all missing gets what the data does give about the customers
(reply rate, waits, backlog, ROI, vanity index), so an uploaded inbox always shows; only
when the data gives none of it does the note point to the "What your files don't say" slide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rlff import i18n, metrics
from rlff.metrics.gaps import gaps_of, honest_report
from rlff.metrics.periods import brand_posts, engagements_on, resolve_month
from rlff.schema import Tables

__all__ = ["RedPen", "honest_notes"]


@dataclass(frozen=True)
class RedPen:
    """A red-pen note: the text on the slide and the numbers it was written from."""

    text: str
    values: dict[str, float | int | None] = field(default_factory=dict)


def _peer_accounts(tables: Tables, month: pd.Timestamp) -> int:
    """Distinct peer accounts that liked or retweeted the month's brand posts (else the ring's size)."""
    posts = brand_posts(tables.posts, month)
    eng = engagements_on(tables.engagements, posts["post_id"], ("like", "retweet"))
    actors = eng.loc[eng["source"] == "peer", "actor"].astype("str")
    n = int(actors[actors != ""].nunique())
    if n == 0 and not tables.peers.empty:
        n = int(tables.peers["in_ring"].sum())
    return n


def _bought_follows(tables: Tables, month: pd.Timestamp) -> int | None:
    f = tables.followers
    if f.empty:
        return None
    end = metrics.month_bounds(month)[1]
    return int(f.loc[f["date"] < end, "bought_follows"].sum())


Clause = tuple[str, dict[str, Any]]


def _customer_clauses(reality: Mapping[str, Any], vi: float | None, lang: str) -> list[Clause]:
    """What the data says about customers and money, for a slide with nothing of its own."""
    pct = lambda x: i18n.fmt_pct(x, lang, digits=0)  # noqa: E731
    parts: list[Clause] = []
    if reality.get("reply_rate") is not None:
        parts.append(("deck.note.reply_rate", {"rate": pct(reality["reply_rate"])}))
    wait = (reality.get("median_first_response_minutes") or {}).get("complaint")
    if wait is not None:
        parts.append(("deck.note.complaint_wait", {"wait": i18n.fmt_duration_minutes(wait, lang)}))
    if reality.get("unanswered_backlog") is not None:
        parts.append(("deck.note.backlog", {"backlog": i18n.fmt_int(reality["unanswered_backlog"], lang)}))
    if reality.get("roi") is not None:
        parts.append(_roi_clause(reality, lang))
    if vi is not None and not parts:
        parts.append(("deck.note.vanity_index", {"index": i18n.fmt_int(vi, lang)}))
    return parts


def _roi_clause(reality: Mapping[str, Any], lang: str) -> Clause:
    return (
        "deck.note.roi",
        {
            "cost": i18n.fmt_eur(reality.get("cost_eur"), lang),
            "revenue": i18n.fmt_eur(reality.get("revenue_eur"), lang),
            "roi": i18n.fmt_pct(reality["roi"], lang, digits=0),
        },
    )


def honest_notes(tables: Tables, lang: str = "en", *, report: Mapping[str, Any] | None = None) -> dict[str, RedPen]:
    """Red-pen notes for the vanity slides, by chart key, plus ``"*"`` for any other vanity slide.

    Every number comes from :mod:`rlff.metrics` for the reported month and is kept in
    :attr:`RedPen.values` (unformatted) so that tests can compare; a clause whose number
    the data cannot give is left out. ``report`` is :func:`rlff.metrics.report` of
    ``tables`` if already computed.
    """
    lang = i18n.check_lang(lang)
    m = resolve_month(tables, None)
    pct = lambda x: i18n.fmt_pct(x, lang, digits=0)  # noqa: E731
    gaps = gaps_of(tables)
    rep = honest_report(dict(report) if report is not None else metrics.report(tables, m), tables)
    reality: dict[str, Any] = rep["reality"]  # type: ignore[assignment]
    vanity: dict[str, Any] = rep["vanity"]  # type: ignore[assignment]
    no_sources = gaps.lacks("engagement_sources")
    non_customer = None if no_sources else metrics.non_customer_share(tables, m)
    bought_share = None if gaps.lacks("bought_follower_share") else metrics.bought_follower_share(tables.followers, m)
    if no_sources:
        peer = bot = self_ = None
    else:
        peer, bot, self_ = (
            metrics.peer_share(tables, m),
            metrics.bot_share(tables, m),
            metrics.self_like_share(tables, m),
        )
    vi: float | None = rep["vanity_index"]  # type: ignore[assignment]
    fallback = _customer_clauses(reality, vi, lang)
    notes: dict[str, RedPen] = {}

    def note(key: str, parts: list[Clause], values: dict[str, Any]) -> None:
        parts = parts or fallback
        text = " ".join(i18n.t(k, lang, **v) for k, v in parts)
        notes[key] = RedPen(text or i18n.t("deck.note.unknown", lang), values)

    # The four tiles.
    parts: list[Clause] = []
    if non_customer is not None:
        parts.append(("deck.note.non_customer", {"share": pct(non_customer)}))
    if bought_share is not None:
        parts.append(("deck.note.bought", {"share": pct(bought_share)}))
    note("boss_tiles", parts, {"non_customer_share": non_customer, "bought_follower_share": bought_share})

    # Engagement over time: who gave those likes and retweets.
    parts = []
    accounts = _peer_accounts(tables, m)
    if peer is not None:
        parts.append(("deck.note.peers", {"share": pct(peer), "accounts": i18n.fmt_int(accounts, lang)}))
    if bot is not None:
        parts.append(("deck.note.bots", {"share": pct(bot)}))
    if self_ is not None:
        parts.append(("deck.note.self", {"share": pct(self_)}))
    note(
        "engagement_over_time",
        parts,
        {"peer_share": peer, "bot_share": bot, "self_like_share": self_, "peer_accounts": accounts},
    )

    # Follower growth: bought fans.
    bought = _bought_follows(tables, m)
    fans = vanity.get("fans")
    parts = []
    if bought_share is not None and bought is not None and fans:
        values = {"bought": i18n.fmt_int(bought, lang), "fans": i18n.fmt_int(fans, lang), "share": pct(bought_share)}
        parts.append(("deck.note.bought_count", values))
    elif bought_share is not None:
        parts.append(("deck.note.bought", {"share": pct(bought_share)}))
    note("follower_growth", parts, {"bought_follower_share": bought_share, "bought_follows": bought, "fans": fans})

    # The competitor benchmark is the ring itself.
    parts = []
    ring = int(tables.peers["in_ring"].sum()) if not tables.peers.empty else None
    if ring is not None:
        values = {"ring": i18n.fmt_int(ring, lang), "peers": i18n.fmt_int(len(tables.peers), lang)}
        parts.append(("deck.note.ring", values))
    if peer is not None:
        parts.append(("deck.note.peers", {"share": pct(peer), "accounts": i18n.fmt_int(accounts, lang)}))
    note("competitor_benchmark", parts, {"ring": ring, "peers": len(tables.peers), "peer_share": peer})

    # Top posts: applause is not sales.
    parts = []
    top = metrics.top_posts(tables, m)
    sales = int(top["conversions"].sum()) if len(top) and not gaps.lacks("format_performance") else None
    if sales is not None:
        parts.append(("deck.note.top_sales", {"sales": i18n.fmt_int(sales, lang)}))
    roi = reality.get("roi")
    if roi is not None:
        parts.append(_roi_clause(reality, lang))
    note("top_posts", parts, {"top_post_sales": sales, "roi": roi})

    # Any other vanity slide: the index, and the customers left waiting.
    parts = []
    if vi is not None:
        parts.append(("deck.note.vanity_index", {"index": i18n.fmt_int(vi, lang)}))
    backlog, within = reality.get("unanswered_backlog"), reality.get("complaints_answered_within_1h")
    if backlog is not None and within is not None:
        parts.append(("deck.note.answers", {"backlog": i18n.fmt_int(backlog, lang), "within": pct(within)}))
    elif backlog is not None:
        parts.append(("deck.note.backlog", {"backlog": i18n.fmt_int(backlog, lang)}))
    note("*", parts, {"vanity_index": vi, "unanswered_backlog": backlog, "complaints_answered_within_1h": within})
    return notes
