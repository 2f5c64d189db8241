"""An uploaded dataset and what it cannot tell: the dashboard shows "—", never an invented number.

Pure (no streamlit): :class:`UploadedData` is what the "Your data" page keeps in the
session; :class:`Gaps` says which numbers and charts the files cannot give, and
:func:`honest_kpis`, :func:`honest_reality` and :func:`honest_chart` blank them out.
The simulation has no gaps (``Gaps()``), so nothing changes for it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rlff import metrics
from rlff.charts_base import Chart, unavailable
from rlff.i18n import MISSING, STRINGS, t
from rlff.imports import ImportResult, MissingInput, missing_reality_inputs, template_filename
from rlff.schema import Tables

PREVIEW_ROWS = 20

# Chart key -> the reality input (rlff.imports.missing) it cannot do without.
CHART_NEEDS: dict[str, str] = {
    "response_time": "response_time_by_kind",
    "reply_rate": "reply_rate",
    "crisis_timeline": "crisis_timeline",
    "roi": "roi",
    "engagement_sources": "engagement_sources",
    "strategy_adherence": "strategy_adherence",
    "e_reputation": "mention_shares",
    "hours_per_activity": "hours_per_activity",
    "cm_output": "hours_per_activity",  # without a time sheet it would only count blog posts no export has
    "competitor_benchmark": "competitor_benchmark",
    "format_performance": "format_performance",
    "posts_vanity_value": "format_performance",
}
# Reality tile (AppContext.reality_numbers) -> the reality input it needs.
TILE_NEEDS: dict[str, str] = {
    "reply_rate": "reply_rate",
    "complaint_median_minutes": "response_time_by_kind",
    "unanswered_backlog": "unanswered_backlog",
    "roi": "roi",
    "bought_follower_share": "bought_follower_share",
    "strategy_adherence": "strategy_adherence",
}
# The reasons rlff.imports.missing gives, as i18n keys (an unknown reason is shown as it is).
REASON_KEYS: dict[str, str] = {
    "no inbox was uploaded": "missing.reason.no_inbox",
    "no engagements were uploaded": "missing.reason.no_engagements",
    "platform exports give totals per post, never who engaged (peer, bot, self or customer)": (
        "missing.reason.no_sources"
    ),
    "no follower file was uploaded": "missing.reason.no_followers",
    "platform exports never say which followers were bought (the spike detector still runs)": (
        "missing.reason.bought_unknown"
    ),
    "no costs and no revenue were uploaded": "missing.reason.no_costs_revenue",
    "no costs were uploaded": "missing.reason.no_costs",
    "no revenue was uploaded": "missing.reason.no_revenue",
    "no posts were uploaded": "missing.reason.no_posts",
    "exports count engagement, not the sales each post brought": "missing.reason.no_conversions",
    "no strategy plan was uploaded": "missing.reason.no_strategy",
    "no mentions file was uploaded": "missing.reason.no_mentions",
    "no time sheet was uploaded": "missing.reason.no_time_use",
    "no peers file was uploaded": "missing.reason.no_peers",
}


@dataclass(frozen=True)
class Gaps:
    """What a dataset cannot tell. The defaults (nothing missing) are the simulation's.

    Attributes:
        missing: Reality inputs the data lacks, by metric name (see rlff.imports.missing).
        engagements_known: False when no file gives any engagement count (posts alone, say).
        revenue_known: False when no file gives any sale.
        friends_known: False when no file gives the accounts the brand follows.
        fans_known: False when the follower total was counted from 0 (exports give new follows only).
        previous_month: False when the data does not reach into the month before the reported one.
    """

    missing: dict[str, MissingInput] = field(default_factory=dict)
    engagements_known: bool = True
    revenue_known: bool = True
    friends_known: bool = True
    fans_known: bool = True
    previous_month: bool = True

    def lacks(self, metric: str) -> bool:
        """True when the data cannot give ``metric``."""
        return metric in self.missing


@dataclass(frozen=True)
class FileSummary:
    """One file that was read: what it was recognised as, how many rows, a preview of each table."""

    filename: str
    label: str
    row_counts: dict[str, int]
    warnings: tuple[str, ...]
    previews: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class UploadedData:
    """The dataset the "Your data" page keeps: the merged tables and the files they came from."""

    tables: Tables
    digest: str
    results: tuple[ImportResult, ...]
    files: tuple[FileSummary, ...]
    warnings: tuple[str, ...]
    gaps: Gaps

    @property
    def filenames(self) -> list[str]:
        """The names of the files in the dataset, in upload order."""
        return [f.filename for f in self.files]


def gaps_of(tables: Tables, results: Sequence[ImportResult]) -> Gaps:
    """What the merged ``tables`` of ``results`` cannot tell."""
    followers = tables.followers
    month = metrics.month_start(tables.meta.reported_month)
    return Gaps(
        missing={m.metric: m for m in missing_reality_inputs(tables)},
        engagements_known=not tables.engagements.empty,
        revenue_known=not tables.revenue.empty,
        friends_known=not followers.empty and bool(followers["friends"].gt(0).any()),
        fans_known=any(r.followers_known and r.row_counts.get("followers", 0) > 0 for r in results),
        previous_month=pd.Timestamp(tables.meta.start) < month,
    )


def dataset_digest(results: Sequence[ImportResult]) -> str:
    """A short name for the data of these files (their bytes, in order): the cache key of an upload."""
    joined = "|".join(r.digest for r in results)
    return hashlib.sha256(joined.encode("ascii")).hexdigest()[:20]


def summarise(result: ImportResult) -> FileSummary:
    """What the page shows of one file (previews are small copies: the results stay untouched)."""
    return FileSummary(
        filename=result.filename,
        label=result.label,
        row_counts=dict(result.row_counts),
        warnings=tuple(result.warnings),
        previews={name: frame.head(PREVIEW_ROWS).copy() for name, frame in result.tables.items() if len(frame)},
    )


def uploaded_data(tables: Tables, results: Sequence[ImportResult], warnings: Sequence[str] = ()) -> UploadedData:
    """Everything the page keeps about a merged upload."""
    return UploadedData(
        tables=tables,
        digest=dataset_digest(results),
        results=tuple(results),
        files=tuple(summarise(r) for r in results),
        warnings=tuple(warnings),
        gaps=gaps_of(tables, results),
    )


def honest_kpis(kpis: metrics.VanityKPIs, gaps: Gaps) -> metrics.VanityKPIs:
    """The deck's tiles with what the files cannot give set to None (shown as "—")."""
    changes: dict[str, Any] = {}
    if not gaps.engagements_known:
        changes |= {k: None for k in ("retweets", "likes", "replies", "retweets_prev", "likes_prev", "replies_prev")}
        changes["engagement_rate"] = None
    if not gaps.friends_known:
        changes |= {"friends": None, "friends_prev": None}
    if not gaps.fans_known:
        changes |= {"fans": None, "fans_prev": None, "engagement_rate": None}
    if not gaps.previous_month:
        changes |= {f"{k}_prev": None for k in ("retweets", "likes", "replies", "friends", "fans")}
    return dataclasses.replace(kpis, **changes) if changes else kpis


def honest_reality(numbers: dict[str, Any], gaps: Gaps) -> dict[str, Any]:
    """The reality tiles with the metrics the files cannot give set to None."""
    if not gaps.missing:
        return numbers
    return {k: None if gaps.lacks(TILE_NEEDS.get(k, "")) else v for k, v in numbers.items()}


def honest_chart(chart: Chart, gaps: Gaps, lang: str) -> Chart:
    """A chart as the data allows: unavailable when its input is missing, no invented number in its caption."""
    if not chart.available:
        return chart
    if chart.key == "follower_growth" and not gaps.fans_known:
        return dataclasses.replace(chart, caption=t("data.caption.fans_from_zero", lang), headline={})
    need = CHART_NEEDS.get(chart.key)
    if need and gaps.lacks(need):
        return unavailable(chart.key, chart.view, lang, chart.title)
    if chart.key == "platform_effort" and not gaps.revenue_known:
        return dataclasses.replace(chart, caption=t("data.caption.platform_effort_no_sales", lang))
    if chart.key == "bought_followers" and gaps.lacks("bought_follower_share"):
        caption = t("data.caption.bought_unknown", lang)
        return dataclasses.replace(chart, caption=caption, headline={t("tile.bought_share", lang): MISSING})
    return chart


def missing_label(item: MissingInput, lang: str) -> str:
    """The metric's name in ``lang``."""
    return t(f"missing.{item.metric}", lang) if f"missing.{item.metric}" in STRINGS else item.label


def missing_reason(item: MissingInput, lang: str) -> str:
    """Why it is missing, in ``lang`` (the importer's English text for a reason this page does not know)."""
    key = REASON_KEYS.get(item.reason)
    return t(key, lang) if key else item.reason


def missing_upload(item: MissingInput, lang: str) -> str:
    """What to upload to get it, in ``lang``."""
    key = f"missing.upload.{item.metric}"
    return t(key, lang) if key in STRINGS else item.upload


def chart_hint(chart_key: str, gaps: Gaps, lang: str) -> str | None:
    """For a chart the data cannot draw: what to upload to get it (None when unknown)."""
    need = CHART_NEEDS.get(chart_key)
    if chart_key == "bought_followers":
        need = "bought_follower_share"
    item = gaps.missing.get(need or "")
    return None if item is None else t("data.chart_hint", lang, upload=missing_upload(item, lang))


def templates_needed(gaps: Gaps) -> list[tuple[str, str]]:
    """(table, file name) of each blank template that would fill a gap, once each, in panel order."""
    tables = dict.fromkeys(table for item in gaps.missing.values() for table in item.tables)
    return [(table, template_filename(table)) for table in tables]
