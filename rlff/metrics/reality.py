"""The reality panel: what the deck for Big Boss leaves out.

Response times and backlog, cost and ROI, who really engages, how the audience was
inflated, whether the strategy was followed, who gets talked about, where the hours go.
Pure pandas: frames in, plain Python numbers (or new frames) out; nothing here reads
files, draws random numbers or modifies a frame it was given. ``None`` means "the data
cannot say", never zero in disguise.

Functions that take a single frame and ``month=None`` use the whole frame when no month
is given; functions that take :class:`~rlff.schema.Tables` default to the reported month.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from rlff.metrics.periods import (
    MonthLike,
    audience_at,
    audience_total,
    brand_posts,
    codes_of,
    count_per_post,
    engagements_on,
    isin_mask,
    month_bounds,
    resolve_month,
    rows_in_month,
    take_rows,
)
from rlff.schema import ENGAGEMENT_SOURCES, MESSAGE_KINDS, PLATFORMS, POST_FORMATS, Tables

# Robust spread: 1.4826 × MAD estimates the standard deviation of normal data.
MAD_SCALE = 1.4826
# Who is a "real" engager; everything else with a known source is vanity padding.
NON_CUSTOMER_SOURCES: tuple[str, ...] = ("peer", "bot", "self")
CRISIS_EVENT_KINDS: tuple[str, ...] = ("crisis_start", "crisis_peak")


def _float(x: object) -> float | None:
    """A plain float, or None for NaN/None (pandas reductions return numpy scalars and NaN)."""
    if x is None or pd.isna(x):  # type: ignore[arg-type]
        return None
    return float(x)  # type: ignore[arg-type]


def _share(part: float, whole: float) -> float | None:
    return None if whole == 0 else float(part) / float(whole)


def _response_minutes(inbox: pd.DataFrame) -> pd.Series:
    """Minutes from receipt to first response; NaN for unanswered messages."""
    return (inbox["first_response_at"] - inbox["received_at"]).dt.total_seconds() / 60.0


def _of_kinds(inbox: pd.DataFrame, kind: str | Iterable[str] | None) -> pd.DataFrame:
    if kind is None:
        return inbox
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return take_rows(inbox, isin_mask(inbox["kind"], kinds))


# --- inbox -----------------------------------------------------------------------------


def messages_received_in(inbox: pd.DataFrame, month: MonthLike | None) -> pd.DataFrame:
    """Inbox messages received in ``month`` (all messages when None)."""
    return rows_in_month(inbox, "received_at", month)


def reply_rate(inbox: pd.DataFrame) -> float | None:
    """Share of messages that got a first response, 0..1.

    Args:
        inbox: the inbox table (filter it to a period first if needed).

    Returns:
        The share, or None for an empty inbox (no messages: the rate is undefined, not 0).
    """
    if inbox.empty:
        return None
    return float(inbox["first_response_at"].notna().mean())


def median_first_response_minutes(inbox: pd.DataFrame) -> dict[str, float | None]:
    """Median minutes to the first response, per message kind, over answered messages only.

    Unanswered messages are not in the median (they are in :func:`reply_rate` and the
    backlog); this is why "real time" for compliments and "whenever" for complaints
    show side by side.

    Returns:
        One entry per kind in ``schema.MESSAGE_KINDS`` (always all of them); None for a
        kind with no answered message.
    """
    answered = inbox[inbox["first_response_at"].notna()]
    medians = _response_minutes(answered).groupby(answered["kind"].astype(str)).median()
    return {k: _float(medians.get(k)) for k in MESSAGE_KINDS}


def answered_within_share(
    inbox: pd.DataFrame, hours: float, kind: str | Iterable[str] | None = "complaint"
) -> float | None:
    """Share of the messages of ``kind`` answered within ``hours`` (inclusive) of receipt.

    Unanswered messages count as not answered within the limit.

    Args:
        inbox: the inbox table.
        hours: the limit, e.g. 1 (what 72% of complaining users expect) or 24.
        kind: a message kind, several kinds, or None for every message.

    Returns:
        The share in 0..1, or None when there is no message of that kind.
    """
    msgs = _of_kinds(inbox, kind)
    if msgs.empty:
        return None
    # NaN (unanswered) <= limit is False, which is what we want.
    return float((_response_minutes(msgs) <= hours * 60.0).mean())


def unanswered_backlog(inbox: pd.DataFrame, at: pd.Timestamp | None = None) -> int:
    """Messages still waiting for a first response.

    Args:
        inbox: the inbox table.
        at: the moment to look at; messages received before ``at`` and not answered by
            then. None counts every message that was never answered.

    Returns:
        The number of open messages (0 for an empty inbox).
    """
    responded = inbox["first_response_at"]
    if at is None:
        return int(responded.isna().sum())
    at = pd.Timestamp(at)
    open_ = (inbox["received_at"] < at) & (responded.isna() | (responded > at))
    return int(open_.sum())


def response_time_by_kind(inbox: pd.DataFrame) -> pd.DataFrame:
    """Per message kind: messages, answered, reply_rate, median_minutes, p90_minutes.

    One row per kind of ``schema.MESSAGE_KINDS`` in that order (kinds with no message
    have 0 messages and NaN rates/times). Times are over answered messages only.
    """
    frame = pd.DataFrame(
        {
            "kind": inbox["kind"].astype(str),
            "answered": inbox["first_response_at"].notna(),
            "minutes": _response_minutes(inbox),
        }
    )
    grouped = frame.groupby("kind")
    out = pd.DataFrame(
        {
            "messages": grouped.size(),
            "answered": grouped["answered"].sum(),
            "median_minutes": grouped["minutes"].median(),
            "p90_minutes": grouped["minutes"].quantile(0.9),
        }
    )
    extra = [k for k in out.index if k not in MESSAGE_KINDS]
    out = out.reindex(list(MESSAGE_KINDS) + extra)
    out["messages"] = out["messages"].fillna(0).astype("int64")
    out["answered"] = out["answered"].fillna(0).astype("int64")
    out["reply_rate"] = out["answered"] / out["messages"].where(out["messages"] > 0)
    out = out.rename_axis("kind").reset_index()
    return out[["kind", "messages", "answered", "reply_rate", "median_minutes", "p90_minutes"]]


# --- money -----------------------------------------------------------------------------


def total_cost(costs: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Euros spent in ``month`` (the whole table when None); None when there is no cost data at all."""
    if costs.empty:
        return None
    return float(rows_in_month(costs, "date", month)["amount_eur"].sum())


def total_revenue(revenue: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Attributed revenue in euros in ``month`` (whole table when None); None without revenue data."""
    if revenue.empty:
        return None
    return float(rows_in_month(revenue, "date", month)["amount_eur"].sum())


def cost_breakdown(costs: pd.DataFrame, month: MonthLike | None = None) -> pd.DataFrame:
    """Columns ``category, amount_eur``: spend per cost category in ``month``, largest first."""
    rows = rows_in_month(costs, "date", month)
    out = rows.groupby(rows["category"].astype(str))["amount_eur"].sum().rename_axis("category").reset_index()
    return out.sort_values(["amount_eur", "category"], ascending=[False, True], ignore_index=True)


def roi(costs: pd.DataFrame, revenue: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Return on investment as a fraction: (revenue − cost) / cost (−0.8 means 80% lost).

    Multiply by 100 for the usual "Social ROI %". None when there is no cost data, the
    cost is 0, or there is no revenue data at all.
    """
    cost = total_cost(costs, month)
    value = total_revenue(revenue, month)
    if cost is None or cost == 0 or value is None:
        return None
    return (value - cost) / cost


# --- audience --------------------------------------------------------------------------


def bought_follower_share(followers: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Bought follows up to the end of ``month`` / followers at the end of ``month``, clipped to 0..1.

    With ``month=None`` the whole table is used. None without follower rows or with
    0 followers. Platform exports carry no bought flag: there, see :func:`follower_spikes`.
    """
    end = None if month is None else month_bounds(month)[1]
    fans = audience_total(followers, end, "followers")
    if not fans:
        return None
    rows = followers if end is None else followers[followers["date"] < end]
    return min(max(float(rows["bought_follows"].sum()) / fans, 0.0), 1.0)


def follower_spikes(followers: pd.DataFrame, k: float = 5.0) -> pd.DataFrame:
    """Days whose new follows jump far above the usual: a follower-purchase detector.

    New follows per day = organic + bought, summed over platforms (an export only has
    the sum, so the detector never looks at the bought flag). A day is a spike when
    ``new_follows > median + k × 1.4826 × MAD``. The robust spread is floored at one
    follow so that a perfectly flat series does not flag every tiny wiggle.

    Returns:
        Columns ``date, new_follows, threshold``, one row per spike day, by date.
    """
    daily = (followers["organic_follows"] + followers["bought_follows"]).groupby(followers["date"]).sum()
    if daily.empty:
        return pd.DataFrame(
            {
                "date": pd.Series([], dtype="datetime64[us]"),
                "new_follows": pd.Series([], dtype="int64"),
                "threshold": pd.Series([], dtype="float64"),
            }
        )
    median = float(daily.median())
    spread = max(MAD_SCALE * float((daily - median).abs().median()), 1.0)
    threshold = median + k * spread
    spikes = daily[daily > threshold].rename("new_follows").rename_axis("date").reset_index()
    spikes["new_follows"] = spikes["new_follows"].astype("int64")
    spikes["threshold"] = threshold
    return spikes


# --- who engages ------------------------------------------------------------------------


def source_counts(
    tables: Tables, month: MonthLike | None = None, kinds: Iterable[str] = ("like", "retweet")
) -> pd.Series:
    """Engagements (summing ``count``) of ``kinds`` on the month's brand posts, per source.

    Indexed by every source of ``schema.ENGAGEMENT_SOURCES`` (0 where none), as ints.
    """
    posts = brand_posts(tables.posts, resolve_month(tables, month), ["post_id"])
    counts = _counts_by_source(tables.engagements, posts["post_id"], kinds)
    if counts is None:
        eng = engagements_on(tables.engagements, posts["post_id"], kinds)
        counts = eng.groupby("source", observed=True)["count"].sum()
    counts.index = counts.index.astype(str)
    extra = [s for s in counts.index if s not in ENGAGEMENT_SOURCES]
    return counts.reindex(list(ENGAGEMENT_SOURCES) + extra, fill_value=0).astype("int64")


def _counts_by_source(engagements: pd.DataFrame, post_ids: pd.Series, kinds: Iterable[str]) -> pd.Series | None:
    """``engagements_on(...).groupby("source", observed=True)["count"].sum()`` through the source's codes,
    for a categorical source and integer counts (the schema's); None otherwise."""
    source, counts = engagements["source"], engagements["count"].to_numpy()
    if not isinstance(source.dtype, pd.CategoricalDtype) or counts.dtype.kind not in "iu":
        return None
    rows = isin_mask(engagements["post_id"], post_ids) & isin_mask(engagements["kind"], kinds)
    codes = codes_of(source)
    rows &= codes >= 0  # groupby leaves missing sources out
    categories = source.cat.categories
    sums = np.zeros(len(categories), dtype=np.int64)
    np.add.at(sums, codes[rows], counts[rows].astype(np.int64, copy=False))
    seen = np.zeros(len(categories), dtype=bool)
    seen[codes[rows]] = True  # observed=True: the sources with at least one row, in category order
    index = pd.CategoricalIndex(categories[seen], categories=categories, name="source")
    return pd.Series(sums[seen], index=index, name="count")


def engagement_sources(tables: Tables, month: MonthLike | None = None) -> dict[str, float | None]:
    """Share of likes + retweets on the month's brand posts per source (sums to 1).

    Counts are weighted by ``count`` (an imported row stands for a platform total).
    Every source of ``schema.ENGAGEMENT_SOURCES`` is a key, "unknown" included; all
    values are None when the posts got no like or retweet at all.
    """
    return source_shares(source_counts(tables, month))


def source_shares(counts: pd.Series) -> dict[str, float | None]:
    """Each source's share of ``counts`` (a :func:`source_counts` result), as :func:`engagement_sources` gives it."""
    total = int(counts.sum())
    return {s: _share(int(n), total) for s, n in counts.items()}


def known_source_share(counts: pd.Series, sources: Iterable[str]) -> float | None:
    """The share of ``sources`` in ``counts`` (a :func:`source_counts` result), among known sources.

    Engagements with source "unknown" (platform totals) cannot be attributed: they are left
    out of the denominator instead of pretending they came from customers.
    """
    known = counts.drop("unknown", errors="ignore")
    return _share(int(known.reindex(list(sources), fill_value=0).sum()), int(known.sum()))


def _known_source_share(
    tables: Tables, month: MonthLike | None, sources: Iterable[str], kinds: Iterable[str]
) -> float | None:
    return known_source_share(source_counts(tables, month, kinds), sources)


def peer_share(tables: Tables, month: MonthLike | None = None) -> float | None:
    """Share of likes + retweets that come from the peer ring, among those whose source is known."""
    return _known_source_share(tables, month, ("peer",), ("like", "retweet"))


def bot_share(tables: Tables, month: MonthLike | None = None) -> float | None:
    """Share of likes + retweets that come from bought bot accounts, among those whose source is known."""
    return _known_source_share(tables, month, ("bot",), ("like", "retweet"))


def self_like_share(tables: Tables, month: MonthLike | None = None) -> float | None:
    """Share of likes the CM gave to the brand's own posts, among likes whose source is known."""
    return _known_source_share(tables, month, ("self",), ("like",))


def non_customer_share(tables: Tables, month: MonthLike | None = None) -> float | None:
    """Share of likes + retweets from peers, bots or the CM, among those whose source is known."""
    return _known_source_share(tables, month, NON_CUSTOMER_SOURCES, ("like", "retweet"))


# --- strategy, mentions, time ---------------------------------------------------------------


def strategy_adherence(strategy: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Planned actions executed / planned actions, for the weeks whose Monday is in ``month``.

    None when no action was planned for the period (nothing to adhere to).
    """
    planned = rows_in_month(strategy, "week", month)
    planned = planned[planned["planned"]]
    if planned.empty:
        return None
    return float(planned["executed"].mean())


def _net_sentiment(sentiment: pd.Series) -> float | None:
    if sentiment.empty:
        return None
    return float((sentiment > 0.1).mean() - (sentiment < -0.1).mean())


def mention_shares(mentions: pd.DataFrame, month: MonthLike | None = None) -> dict[str, object]:
    """Who gets talked about, and how: the CM's e-reputation next to the brand's.

    Returns:
        ``{"mentions": n, "share": {"cm": .., "brand": ..}, "net_sentiment": {"cm": .., "brand": ..}}``
        where a share is the target's fraction of all mentions in the period and
        net sentiment = share(sentiment > 0.1) − share(sentiment < −0.1) among that
        target's mentions. None where there is no mention to compute it on.
    """
    rows = rows_in_month(mentions, "mentioned_at", month)
    target = rows["target"].astype(str)
    n = len(rows)
    return {
        "mentions": n,
        "share": {t: _share(int((target == t).sum()), n) for t in ("cm", "brand")},
        "net_sentiment": {t: _net_sentiment(rows.loc[target == t, "sentiment"]) for t in ("cm", "brand")},
    }


def hours_per_activity(time_use: pd.DataFrame, month: MonthLike | None = None) -> pd.DataFrame:
    """Columns ``activity, hours``: hours per activity, largest first.

    Covers the weeks whose Monday is in ``month`` (the whole table when None).
    """
    rows = rows_in_month(time_use, "week", month)
    out = rows.groupby(rows["activity"].astype(str))["hours"].sum().rename_axis("activity").reset_index()
    return out.sort_values(["hours", "activity"], ascending=[False, True], ignore_index=True)


def activity_hours(time_use: pd.DataFrame, activity: str, month: MonthLike | None = None) -> float | None:
    """Hours spent on one activity in the period; None when the period has no time-use rows."""
    rows = rows_in_month(time_use, "week", month)
    if rows.empty:
        return None
    return float(rows.loc[rows["activity"] == activity, "hours"].sum())


def customer_service_hours_share(time_use: pd.DataFrame, month: MonthLike | None = None) -> float | None:
    """Share of the logged hours spent on customer service; None when no hours are logged."""
    rows = rows_in_month(time_use, "week", month)
    return _share(float(rows.loc[rows["activity"] == "customer_service", "hours"].sum()), float(rows["hours"].sum()))


# --- effort vs value ---------------------------------------------------------------------


def _post_frame(tables: Tables, month: MonthLike | None) -> pd.DataFrame:
    """The month's brand posts with their total engagements (all kinds, by ``count``)."""
    columns = ["post_id", "platform", "format", "conversions"]
    out = brand_posts(tables.posts, resolve_month(tables, month), columns).astype({"platform": str, "format": str})
    return out.assign(engagements=count_per_post(out["post_id"], tables.engagements)[0])


def _ordered(labels: Iterable[str], order: tuple[str, ...]) -> list[str]:
    present = set(labels)
    return [x for x in order if x in present] + sorted(present - set(order))


def platform_effort_vs_reach(tables: Tables, month: MonthLike | None = None) -> pd.DataFrame:
    """Per platform: brand posts, engagements, followers at month end, conversions.

    "Be present everywhere, even on Pinterest": effort (posts) next to reach
    (followers) and value (conversions). One row per platform that has posts in the
    month or follower rows, in ``schema.PLATFORMS`` order; ``followers`` is NaN for
    a platform with no follower data.
    """
    start, end = month_bounds(resolve_month(tables, month))
    posts = _post_frame(tables, start)
    per = posts.groupby("platform")[["engagements", "conversions"]].sum()
    per["posts"] = posts.groupby("platform").size()
    audience = audience_at(tables.followers, end)
    fans = audience.groupby(audience["platform"].astype(str))["followers"].sum()
    platforms = _ordered(list(per.index) + list(fans.index), PLATFORMS)
    out = per.reindex(platforms).fillna(0).astype("int64")
    out["followers"] = fans.reindex(platforms).astype("float64")
    out = out.rename_axis("platform").reset_index()
    return out[["platform", "posts", "engagements", "followers", "conversions"]]


def format_performance(tables: Tables, month: MonthLike | None = None) -> pd.DataFrame:
    """Per post format: engagement per post (vanity) next to conversions per post (value).

    Columns: format, posts, engagements, engagements_per_post, conversions,
    conversions_per_post. Brand posts of the month (default: the reported month),
    in ``schema.POST_FORMATS`` order.
    """
    posts = _post_frame(tables, month)
    grouped = posts.groupby("format")
    out = grouped[["engagements", "conversions"]].sum()
    out["posts"] = grouped.size()
    out = out.reindex(_ordered(out.index, POST_FORMATS))
    out["engagements_per_post"] = out["engagements"] / out["posts"]
    out["conversions_per_post"] = out["conversions"] / out["posts"]
    out = out.rename_axis("format").reset_index()
    return out[["format", "posts", "engagements", "engagements_per_post", "conversions", "conversions_per_post"]]


def crisis_timeline(tables: Tables) -> pd.DataFrame:
    """Per day, complaints and crisis messages: received, answered_same_day, open_backlog; plus crisis events.

    Covers every day from the dataset's start to its end (stretched to the data when
    messages or events fall outside). ``open_backlog`` counts complaint/crisis messages
    received by the end of the day and not answered by then. ``event`` and
    ``event_label`` name the crisis events of the day ("crisis_start", "crisis_peak";
    several are joined with "; "), empty strings otherwise.
    """
    msgs = _of_kinds(tables.inbox[["kind", "received_at", "first_response_at"]], ("complaint", "crisis"))
    events = tables.events[tables.events["kind"].isin(CRISIS_EVENT_KINDS)]
    received_day = msgs["received_at"].dt.floor("D")
    # A response stamped before its message (bad data) closes it on the day it arrived.
    answered_day = (
        msgs["first_response_at"]
        .where(
            msgs["first_response_at"] >= msgs["received_at"],
            msgs["received_at"].where(msgs["first_response_at"].notna()),
        )
        .dt.floor("D")
    )
    meta = tables.meta
    bounds = [pd.Timestamp(meta.start), pd.Timestamp(meta.end)]
    for s in (received_day, events["date"]):
        if not s.empty:
            bounds += [s.min(), s.max()]
    days = pd.date_range(min(bounds), max(bounds), freq="D", unit="us")

    received = _count_per_day(received_day, days)
    same_day = _count_per_day(received_day[answered_day == received_day], days)
    closed = _count_per_day(answered_day, days)
    # The day's events, in table order, joined with "; " (what a groupby("date").agg("; ".join) gives).
    on_day: dict[pd.Timestamp, tuple[list[str], list[str]]] = {}
    for day, kind, label in zip(events["date"], events["kind"].astype(str), events["label"], strict=True):
        if not pd.isna(day):
            kinds, texts = on_day.setdefault(day, ([], []))
            kinds.append(kind)
            texts.append(label)
    out = pd.DataFrame(
        {
            "date": days,
            "received": received,
            "answered_same_day": same_day,
            "open_backlog": np.cumsum(received) - np.cumsum(closed),
            "event": np.array(["; ".join(on_day[d][0]) if d in on_day else "" for d in days], dtype=object),
            "event_label": np.array(["; ".join(on_day[d][1]) if d in on_day else "" for d in days], dtype=object),
        }
    )
    return out.astype({"event": "str", "event_label": "str"})


def _count_per_day(stamps: pd.Series, days: pd.DatetimeIndex) -> np.ndarray:
    """How many of ``stamps`` (days at midnight) fall on each of ``days``, as int64; NaT and other days aside.

    ``stamps.value_counts().reindex(days, fill_value=0)`` without building the counts' index.
    """
    position = days.get_indexer(stamps.to_numpy())
    return np.bincount(position[position >= 0], minlength=len(days)).astype(np.int64)


def cm_output(tables: Tables, month: MonthLike | None = None) -> dict[str, int | float | None]:
    """What the CM produced for themself vs for the brand in the month (default: reported month).

    Returns:
        ``cm_posts`` (posts on the CM's own account/blog), ``brand_posts``, and hours on
        ``own_blog_hours`` vs ``customer_service_hours`` (weeks whose Monday is in the
        month). Post counts are None when there is no posts table; hours None when no
        hours are logged for the month.
    """
    m = resolve_month(tables, month)
    posts = rows_in_month(tables.posts, "published_at", m)
    has_posts = not tables.posts.empty
    return {
        "cm_posts": int((posts["account"] == "cm").sum()) if has_posts else None,
        "brand_posts": int((posts["account"] == "brand").sum()) if has_posts else None,
        "own_blog_hours": activity_hours(tables.time_use, "own_blog", m),
        "customer_service_hours": activity_hours(tables.time_use, "customer_service", m),
    }
