"""Tables in, numbers out: the vanity deck (Retweets, Likes, Friends, Fans) and the reality it hides.

This is the one module the CLI, the charts and the dashboard call for numbers. The
vanity side lives here; the reality side lives in :mod:`rlff.metrics.reality` and the period
helpers in :mod:`rlff.metrics.periods`; both are re-exported so callers only need
``from rlff import metrics``.

Conventions:
    * A month is named by its first day; ``month=None`` means the dataset's reported
      month (``tables.meta.reported_month``) for functions that take :class:`Tables`.
    * Posts "of the month" are posts with ``published_at`` in ``[start, end)``. Vanity
      totals count engagements (summing ``count``, not rows) on the brand's posts of the
      month, whenever the engagement happened: that is how the monthly deck adds up.
    * Results are plain Python ints/floats (JSON-ready); ``None`` means the data cannot
      say, never a number made up to fill a tile.
    * Pure and vectorised: no I/O, no randomness, no streamlit, frames never modified.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
import pandas as pd

from rlff.metrics.periods import (
    MonthLike,
    audience_at,
    brand_posts,
    codes_of,
    count_per_post,
    in_period,
    isin_mask,
    month_bounds,
    month_start,
    previous_month,
    resolve_month,
)
from rlff.metrics.reality import (
    NON_CUSTOMER_SOURCES,
    activity_hours,
    answered_within_share,
    bot_share,
    bought_follower_share,
    cm_output,
    cost_breakdown,
    crisis_timeline,
    customer_service_hours_share,
    engagement_sources,
    follower_spikes,
    format_performance,
    hours_per_activity,
    known_source_share,
    median_first_response_minutes,
    mention_shares,
    messages_received_in,
    non_customer_share,
    peer_share,
    platform_effort_vs_reach,
    reply_rate,
    response_time_by_kind,
    roi,
    self_like_share,
    source_counts,
    source_shares,
    strategy_adherence,
    total_cost,
    total_revenue,
    unanswered_backlog,
)
from rlff.schema import Tables

__all__ = [
    "ENGAGEMENT_RATE_VARIANT",
    "NON_CUSTOMER_SOURCES",
    "VANITY_INDEX_COMPONENTS",
    "VANITY_INDEX_FORMULA",
    "VanityKPIs",
    "activity_hours",
    "answered_within_share",
    "bot_share",
    "bought_follower_share",
    "known_bought_follower_share",
    "cm_output",
    "competitor_benchmark",
    "cost_breakdown",
    "crisis_timeline",
    "customer_service_hours_share",
    "daily_engagement",
    "engagement_sources",
    "follower_curve",
    "follower_spikes",
    "format_performance",
    "hours_per_activity",
    "known_source_share",
    "median_first_response_minutes",
    "mention_shares",
    "messages_received_in",
    "month_bounds",
    "month_start",
    "monthly_engagement",
    "non_customer_share",
    "peer_share",
    "platform_effort_vs_reach",
    "previous_month",
    "reply_rate",
    "report",
    "response_time_by_kind",
    "roi",
    "self_like_share",
    "source_counts",
    "source_shares",
    "strategy_adherence",
    "top_posts",
    "total_cost",
    "total_revenue",
    "unanswered_backlog",
    "vanity_index",
    "vanity_index_components",
    "vanity_index_of",
    "vanity_kpis",
]

# Engagement rate comes in several variants (by reach, by followers, by impressions);
# the deck uses the one that flatters an inflated audience least... and says so.
ENGAGEMENT_RATE_VARIANT = "by_followers"

VANITY_INDEX_FORMULA = (
    "Vanity index = 100 × the mean of the components the data can compute, each in 0..1: "
    "(a) the share of likes + retweets not from real customers (peer ring + bots + the CM's "
    "self-likes, among engagements whose source is known); "
    "(b) the share of followers that were bought; "
    "(c) the share of questions, complaints and crisis messages not answered within 24 h; "
    "(d) 1 − strategy adherence (planned actions not executed); "
    "(e) the ROI shortfall, clip(−ROI, 0, 1) (0 when the social budget pays for itself, "
    "1 when it is all lost). 0 = vanity and value agree; 100 = the deck is all vanity."
)

# Keys of vanity_index_components(), in the order of VANITY_INDEX_FORMULA.
VANITY_INDEX_COMPONENTS: tuple[str, ...] = (
    "non_customer_engagement_share",
    "bought_follower_share",
    "slow_answer_share",
    "strategy_gap",
    "roi_shortfall",
)

_DECK = ("retweets", "likes", "friends", "fans")


# --- vanity ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VanityKPIs:
    """The four tiles of the deck for one month, with the previous month for the green arrows.

    ``retweets``/``likes``/``replies`` sum ``count`` over engagements on the brand's posts
    published in the month; ``friends``/``fans`` are the accounts the brand follows and
    its followers at the end of the month, summed over platforms. ``engagement_rate``
    is (likes + retweets + replies) / fans at month end (variant "by_followers").
    """

    month: pd.Timestamp
    retweets: int | None
    likes: int | None
    replies: int | None
    friends: int | None
    fans: int | None
    retweets_prev: int | None
    likes_prev: int | None
    replies_prev: int | None
    friends_prev: int | None
    fans_prev: int | None
    engagement_rate: float | None

    def delta(self, name: str) -> int | None:
        """Absolute change of a tile ("retweets", "likes", "friends", "fans") since last month."""
        now, before = getattr(self, name), getattr(self, f"{name}_prev")
        return None if now is None or before is None else now - before

    def relative_delta(self, name: str) -> float | None:
        """Relative change as a fraction (0.25 = +25%); None when last month is 0 or unknown."""
        now, before = getattr(self, name), getattr(self, f"{name}_prev")
        return None if now is None or not before else (now - before) / before

    retweets_delta = property(lambda self: self.delta("retweets"), doc="Retweets minus last month's.")
    likes_delta = property(lambda self: self.delta("likes"), doc="Likes minus last month's.")
    friends_delta = property(lambda self: self.delta("friends"), doc="Friends minus last month's.")
    fans_delta = property(lambda self: self.delta("fans"), doc="Fans minus last month's.")
    retweets_change = property(lambda self: self.relative_delta("retweets"), doc="Relative change of retweets.")
    likes_change = property(lambda self: self.relative_delta("likes"), doc="Relative change of likes.")
    friends_change = property(lambda self: self.relative_delta("friends"), doc="Relative change of friends.")
    fans_change = property(lambda self: self.relative_delta("fans"), doc="Relative change of fans.")

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields (month as ISO date) plus the deltas and the variant name."""
        out: dict[str, object] = asdict(self)
        out["month"] = self.month.date().isoformat()
        for name in _DECK:
            out[f"{name}_delta"] = self.delta(name)
            out[f"{name}_change"] = self.relative_delta(name)
        out["engagement_rate_variant"] = ENGAGEMENT_RATE_VARIANT
        return out


def _unattached_mask(engagements: pd.DataFrame, month: pd.Timestamp) -> np.ndarray:
    """Daily platform totals that belong to no post (empty ``post_id``), dated in ``month``.

    Importers only keep them for days no per-post file covers, so adding them to the
    per-post totals never counts an engagement twice.
    """
    pid = engagements["post_id"]
    start, end = month_bounds(month)
    loose = pid.isna().to_numpy() | isin_mask(pid, [""])
    return loose & in_period(engagements["engaged_at"], start, end)


def _count_sum(counts: pd.Series, mask: np.ndarray) -> int:
    """Sum of ``count`` over the rows of ``mask`` (counts are integers; NaN is skipped as pandas does)."""
    values = counts.to_numpy()
    if values.dtype.kind in "iub":
        return int(values[mask].sum())
    return int(counts[mask].sum())


def _kind_totals(tables: Tables, month: pd.Timestamp) -> dict[str, int | None]:
    """Retweets, likes, replies on the brand's posts of ``month`` plus daily totals of the month.

    None when there is neither a post nor a daily total at all.
    """
    eng = tables.engagements
    if tables.posts.empty and not isin_mask(eng["post_id"], [""]).any():
        return {"retweet": None, "like": None, "reply": None}
    on_posts = isin_mask(eng["post_id"], brand_posts(tables.posts, month, ["post_id"])["post_id"])
    loose = _unattached_mask(eng, month)
    totals: dict[str, int | None] = {}
    for kind in ("retweet", "like", "reply"):
        of_kind = isin_mask(eng["kind"], [kind])
        # The month's posts' engagements plus the month's daily totals (rows can be in both).
        totals[kind] = _count_sum(eng["count"], on_posts & of_kind) + _count_sum(eng["count"], loose & of_kind)
    return totals


def vanity_kpis(tables: Tables, month: MonthLike | None = None) -> VanityKPIs:
    """Retweets, Likes, Friends, Fans for ``month`` (default: the reported month) and the month before.

    Retweets and likes are 0 when there are posts but no engagement, None when the posts
    table has no row at all. Friends and fans take, per platform, the last followers row
    up to the month's last day and sum them; None when the followers table has none.
    The engagement rate is "by followers" (:data:`ENGAGEMENT_RATE_VARIANT`):
    (likes + retweets + replies on the month's brand posts) / fans at month end, None
    when fans are 0 or unknown.
    """
    m = resolve_month(tables, month)
    prev = previous_month(m)
    now, before = _kind_totals(tables, m), _kind_totals(tables, prev)
    end, prev_end = month_bounds(m)[1], month_bounds(prev)[1]
    fans, friends = _audience_totals(tables.followers, end)
    fans_prev, friends_prev = _audience_totals(tables.followers, prev_end)
    counts = [now["like"], now["retweet"], now["reply"]]
    engaged = None if None in counts else sum(c for c in counts if c is not None)
    return VanityKPIs(
        month=m,
        retweets=now["retweet"],
        likes=now["like"],
        replies=now["reply"],
        friends=friends,
        fans=fans,
        retweets_prev=before["retweet"],
        likes_prev=before["like"],
        replies_prev=before["reply"],
        friends_prev=friends_prev,
        fans_prev=fans_prev,
        engagement_rate=None if engaged is None or not fans else engaged / fans,
    )


def _audience_totals(followers: pd.DataFrame, end: pd.Timestamp) -> tuple[int | None, int | None]:
    """(followers, friends) summed over platforms at ``end``, as :func:`audience_total` gives them."""
    last = audience_at(followers, end)
    if last.empty:
        return None, None
    return int(last["followers"].sum()), int(last["friends"].sum())


def _brand_engagement_by(tables: Tables, by: Literal["published", "engaged"], unit: str) -> pd.DataFrame:
    """Engagements on all brand posts with a ``period`` column truncated to ``unit`` ("M" or "D")."""
    posts = brand_posts(tables.posts, columns=["post_id", "published_at"]).drop_duplicates("post_id")
    eng = tables.engagements
    # Position of each engagement's post among the brand posts (-1: not a brand post),
    # without a merge. A categorical post_id is looked up once per category, then
    # spread by code (code -1, a missing id, lands on the appended -1).
    index, ids = pd.Index(posts["post_id"]), eng["post_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype):
        pos = np.append(index.get_indexer(ids.cat.categories), -1)[codes_of(ids)]
    else:
        pos = index.get_indexer(ids)
    keep = pos >= 0
    if by == "published":
        stamps = posts["published_at"].to_numpy()[pos[keep]]
    elif by == "engaged":
        stamps = eng["engaged_at"].to_numpy()[keep]
    else:
        raise ValueError(f"by must be 'published' or 'engaged', not {by!r}")
    period = stamps.astype(f"datetime64[{unit}]").astype("datetime64[us]")
    return pd.DataFrame(
        {
            "period": period,
            # .array keeps the categoricals as codes; to_numpy() would build 2M strings.
            "kind": eng["kind"].array[keep],
            "source": eng["source"].array[keep],
            "count": eng["count"].to_numpy()[keep],
        }
    )


def _sum_by(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``count`` summed per observed combination of ``keys`` (sorted), positive sums only.

    The ``period`` key is datetime64, the others categorical; kind and source come back as str.
    """
    fast = _sum_by_codes(frame, keys)
    if fast is not None:
        return fast
    out = frame.groupby(keys, observed=True, sort=True)["count"].sum().reset_index()
    out = out[out["count"] > 0].reset_index(drop=True)
    return out.astype({k: "str" for k in keys if k in ("kind", "source")} | {"count": "int64"})


def _sum_by_codes(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame | None:
    """:func:`_sum_by` through integer codes (what the groupby does, without its frames); None when
    a column is not as the schema has it (integer counts, datetime64 period, categorical keys)."""
    counts = frame["count"].to_numpy()
    if counts.dtype.kind not in "iu":
        return None
    labels, codes = [], []
    valid = np.ones(len(frame), dtype=bool)
    for key in keys:
        column = frame[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            code = codes_of(column).astype(np.int64)
            labels.append(column.cat.categories)
            valid &= code >= 0  # groupby leaves missing keys out (and so do the sums below)
        elif isinstance(column.dtype, np.dtype) and column.dtype.kind == "M":
            code, uniques = pd.factorize(column.to_numpy(), sort=True)  # NaT: code -1
            labels.append(uniques)
            valid &= code >= 0
        else:
            return None
        codes.append(code)
    # One int per combination, in the groupby's sort order (each key by its code).
    combined = np.zeros(len(frame), dtype=np.int64)
    size = 1
    for code, label in zip(codes, labels, strict=True):
        combined = combined * len(label) + code
        size *= len(label)
    if size > 4 * len(frame) + 4096:
        return None  # sparse combinations: the groupby is the better tool
    sums = np.zeros(size, dtype=np.int64)
    np.add.at(sums, combined[valid], counts[valid].astype(np.int64, copy=False))
    groups = np.flatnonzero(sums > 0)
    sums = sums[groups]
    columns: dict[str, object] = {}
    for key, label in reversed(list(zip(keys, labels, strict=True))):
        groups, code = np.divmod(groups, len(label))
        columns[key] = label[code] if isinstance(label, np.ndarray) else label.take(code).astype("str")
    out = {key: columns[key] for key in keys}
    return pd.DataFrame({**out, "count": sums})


def monthly_engagement(tables: Tables, by: Literal["published", "engaged"] = "published") -> pd.DataFrame:
    """Engagements on brand posts per month, kind and source: columns ``month, kind, source, count``.

    Args:
        tables: the dataset.
        by: "published" (default) puts each engagement in the month its post was
            published, so the reported month's bar equals the deck's totals;
            "engaged" uses the month the engagement happened.

    Returns:
        One row per month/kind/source with a positive count, sorted; ``month`` is the
        first day of the month.
    """
    frame = _brand_engagement_by(tables, by, "M")
    return _sum_by(frame, ["period", "kind", "source"]).rename(columns={"period": "month"})


def daily_engagement(tables: Tables) -> pd.DataFrame:
    """Engagements on brand posts per day they happened and kind: columns ``date, kind, count``."""
    frame = _brand_engagement_by(tables, "engaged", "D")
    return _sum_by(frame, ["period", "kind"]).rename(columns={"period": "date"})


def follower_curve(tables: Tables) -> pd.DataFrame:
    """Per date, summed over platforms: followers, friends, organic_follows, bought_follows, unfollows.

    ``followers`` and ``friends`` are running totals: a platform with no row on a date
    keeps its last known total (as :func:`vanity_kpis` does), so a gap in one export
    does not show as a fall. The daily flows count only the rows of that date.
    """
    f = tables.followers
    stocks = ["followers", "friends"]
    flows = ["organic_follows", "bought_follows", "unfollows"]
    fast = _follower_curve_codes(f, stocks, flows)
    if fast is not None:
        return fast
    out = f.groupby("date", sort=True)[flows].sum()
    for col in stocks:
        # date × platform grid (small: days × a handful of platforms), carried forward.
        wide = f.pivot_table(index="date", columns="platform", values=col, aggfunc="last", observed=True)
        out[col] = wide.ffill().sum(axis=1)
    out = out.astype("int64").rename_axis("date").reset_index()
    return out[["date", *stocks, *flows]]


def _follower_curve_codes(f: pd.DataFrame, stocks: list[str], flows: list[str]) -> pd.DataFrame | None:
    """:func:`follower_curve` in numpy: per-date sums and each platform's last row carried forward.

    None when the table is not as the schema has it (datetime64 dates without NaT, platforms
    without missing values, integer counts): the pandas code handles those.
    """
    dates = f["date"].to_numpy()
    platform = f["platform"]
    if not (dates.dtype.kind == "M" and all(f[c].to_numpy().dtype.kind in "iu" for c in (*stocks, *flows))):
        return None
    day, days = pd.factorize(dates, sort=True)
    if isinstance(platform.dtype, pd.CategoricalDtype):
        plat, n_platforms = codes_of(platform).astype(np.int64), len(platform.cat.categories)
    else:
        plat, uniques = pd.factorize(platform)
        n_platforms = len(uniques)
    if (day < 0).any() or (plat < 0).any():
        return None
    out: dict[str, np.ndarray] = {"date": days}
    # The row of each (date, platform) that pivot_table(aggfunc="last") keeps: the last one.
    cell = day * n_platforms + plat
    last_in_cell = np.full(len(days) * n_platforms, -1, dtype=np.int64)
    np.maximum.at(last_in_cell, cell, np.arange(len(f), dtype=np.int64))
    last_row = last_in_cell.reshape(len(days), n_platforms)
    # ffill(): each platform's row on the latest date so far (none before its first date: left out of the sum).
    latest_day = np.maximum.accumulate(np.where(last_row >= 0, np.arange(len(days))[:, None], -1), axis=0)
    known = np.where(latest_day >= 0, last_row[np.maximum(latest_day, 0), np.arange(n_platforms)], -1)
    for col in stocks:
        values = f[col].to_numpy().astype(np.int64, copy=False)
        out[col] = np.where(known >= 0, values[known], 0).sum(axis=1)
    for col in flows:
        sums = np.zeros(len(days), dtype=np.int64)
        np.add.at(sums, day, f[col].to_numpy().astype(np.int64, copy=False))
        out[col] = sums
    return pd.DataFrame({c: out[c] for c in ["date", *stocks, *flows]})


def competitor_benchmark(
    tables: Tables, month: MonthLike | None = None, *, kpis: VanityKPIs | None = None
) -> pd.DataFrame:
    """The brand next to its "competitors".

    Columns: handle, name, followers, likes, retweets, in_ring, is_brand.
    The brand's row has its fans at month end and likes/retweets of the month's posts;
    each peer row carries what the peer reports for the reported month. The punchline
    is ``in_ring``: the benchmark is the retweet ring itself. The brand row comes first
    with ``in_ring`` False (the column describes peers); unknown brand values are NaN.

    ``kpis`` may pass ``vanity_kpis(tables, month)`` when the caller already has it (the
    charts do); KPIs of another month are ignored and computed afresh.
    """
    if kpis is None or kpis.month != resolve_month(tables, month):
        kpis = vanity_kpis(tables, month)
    peers = tables.peers
    brand = pd.DataFrame(
        {
            "handle": [""],
            "name": [tables.meta.brand],
            "followers": [np.nan if kpis.fans is None else kpis.fans],
            "likes": [np.nan if kpis.likes is None else kpis.likes],
            "retweets": [np.nan if kpis.retweets is None else kpis.retweets],
            "in_ring": [False],
            "is_brand": [True],
        }
    )
    others = pd.DataFrame(
        {
            "handle": peers["handle"],
            "name": peers["name"],
            "followers": peers["followers"],
            "likes": peers["likes_reported_month"],
            "retweets": peers["retweets_reported_month"],
            "in_ring": peers["in_ring"],
            "is_brand": False,
        }
    )
    out = pd.concat([brand, others], ignore_index=True) if len(others) else brand
    if out[["followers", "likes", "retweets"]].notna().all().all():
        out = out.astype({"followers": "int64", "likes": "int64", "retweets": "int64"})
    return out.astype({"handle": "str", "name": "str", "in_ring": "bool", "is_brand": "bool"})


def top_posts(tables: Tables, month: MonthLike | None = None, n: int = 10) -> pd.DataFrame:
    """The month's ``n`` best brand posts by likes + retweets (ties by post_id).

    Columns: post_id, published_at, platform, format, text, likes, retweets, replies,
    conversions.
    """
    columns = ["post_id", "published_at", "platform", "format", "text", "conversions"]
    out = brand_posts(tables.posts, resolve_month(tables, month), columns).astype({"platform": "str", "format": "str"})
    out["likes"], out["retweets"], out["replies"] = count_per_post(
        out["post_id"], tables.engagements, ("like", "retweet", "reply")
    )
    out["_score"] = out["likes"] + out["retweets"]
    out = out.sort_values(["_score", "post_id"], ascending=[False, True]).head(n)
    cols = [
        "post_id",
        "published_at",
        "platform",
        "format",
        "text",
        "likes",
        "retweets",
        "replies",
        "conversions",
    ]
    return out[cols].reset_index(drop=True)


# --- the gap between the two ---------------------------------------------------------------


def vanity_index_components(tables: Tables, month: MonthLike | None = None) -> dict[str, float | None]:
    """The five components of :func:`vanity_index` for ``month`` (default: reported month), each in 0..1.

    Keys are :data:`VANITY_INDEX_COMPONENTS`; a component is None when the data cannot
    compute it (no known-source engagement, no follower data, no question/complaint/
    crisis message received in the month, no planned action, no cost or revenue data).
    """
    m = resolve_month(tables, month)
    inbox = messages_received_in(tables.inbox, m)
    answered = answered_within_share(inbox, 24, kind=("question", "complaint", "crisis"))
    adherence = strategy_adherence(tables.strategy, m)
    r = roi(tables.costs, tables.revenue, m)
    return {
        "non_customer_engagement_share": non_customer_share(tables, m),
        "bought_follower_share": known_bought_follower_share(tables, m),
        "slow_answer_share": None if answered is None else 1.0 - answered,
        "strategy_gap": None if adherence is None else 1.0 - adherence,
        "roi_shortfall": None if r is None else min(max(-r, 0.0), 1.0),
    }


def known_bought_follower_share(tables: Tables, month: MonthLike | None = None) -> float | None:
    """:func:`bought_follower_share`, or None when the data cannot tell bought from organic.

    Platform exports carry no bought flag (``meta.bought_flag_known`` is False): their
    zero bought follows mean "unknown", not "none", and must not flatter the index.
    """
    if not tables.meta.bought_flag_known:
        return None
    return bought_follower_share(tables.followers, month)


def vanity_index(tables: Tables, month: MonthLike | None = None) -> float | None:
    """How far vanity and value have drifted apart, 0..100 (see :data:`VANITY_INDEX_FORMULA`).

    100 × the mean of the available components of :func:`vanity_index_components`:
    (a) non-customer share of known-source likes + retweets, (b) bought follower share,
    (c) share of questions/complaints/crisis messages not answered within 24 h,
    (d) 1 − strategy adherence, (e) clip(−ROI, 0, 1). Missing components are skipped;
    None when all are missing.
    """
    return vanity_index_of(vanity_index_components(tables, month))


def vanity_index_of(components: dict[str, float | None]) -> float | None:
    """The vanity index (0..100) of components already computed by :func:`vanity_index_components`.

    100 × the mean of the components that are not None; None when all are.
    """
    parts = [v for v in components.values() if v is not None]
    return None if not parts else 100.0 * sum(parts) / len(parts)


def report(tables: Tables, month: MonthLike | None = None) -> dict[str, object]:
    """The JSON-ready summary behind ``rlff report --json``, for ``month`` (default: reported month).

    The vanity block is the deck (with last month's figures). Every reality metric is
    computed over the same month: inbox messages *received* in the month (their answers
    may come later), costs and revenue dated in the month, strategy and time use of the
    weeks whose Monday is in the month, mentions of the month, followers at month end.
    The backlog is the stock of messages received before the month's end and still
    unanswered at that moment (older ones included: a backlog does not reset monthly);
    it is None when there is no inbox data at all.
    """
    m = resolve_month(tables, month)
    start, end = month_bounds(m)
    inbox = messages_received_in(tables.inbox, m)
    vanity = vanity_kpis(tables, m)
    mentions = mention_shares(tables.mentions, m)
    components = vanity_index_components(tables, m)
    return {
        "period": {"start": start.date().isoformat(), "end": (end - pd.Timedelta(days=1)).date().isoformat()},
        "brand": tables.meta.brand,
        "source": tables.meta.source,
        "vanity": {
            **{k: getattr(vanity, k) for name in _DECK for k in (name, f"{name}_prev")},
            **{f"{name}_change": vanity.relative_delta(name) for name in _DECK},
            "engagement_rate": vanity.engagement_rate,
            "engagement_rate_variant": ENGAGEMENT_RATE_VARIANT,
        },
        "reality": {
            "reply_rate": reply_rate(inbox),
            "median_first_response_minutes": median_first_response_minutes(inbox),
            "complaints_answered_within_1h": answered_within_share(inbox, 1),
            "complaints_answered_within_24h": answered_within_share(inbox, 24),
            "unanswered_backlog": None if tables.inbox.empty else unanswered_backlog(tables.inbox, end),
            "roi": roi(tables.costs, tables.revenue, m),
            "cost_eur": total_cost(tables.costs, m),
            "revenue_eur": total_revenue(tables.revenue, m),
            "bought_follower_share": components["bought_follower_share"],
            "peer_share": peer_share(tables, m),
            "self_like_share": self_like_share(tables, m),
            "bot_share": bot_share(tables, m),
            "strategy_adherence": strategy_adherence(tables.strategy, m),
            "cm_mention_share": mentions["share"]["cm"],  # type: ignore[index]
            "net_sentiment_cm": mentions["net_sentiment"]["cm"],  # type: ignore[index]
            "net_sentiment_brand": mentions["net_sentiment"]["brand"],  # type: ignore[index]
            "customer_service_hours_share": customer_service_hours_share(tables.time_use, m),
        },
        "vanity_index": vanity_index_of(components),
        "vanity_index_components": components,
    }
