"""Charts as the data allows: unavailable when their input is missing, no invented number in them.

The chart side of :mod:`rlff.metrics.gaps`: the simulation (``Gaps()``) gets its charts back unchanged.
"""

from __future__ import annotations

import dataclasses

import plotly.graph_objects as go

from rlff import metrics
from rlff.charts.base import Chart, unavailable
from rlff.i18n import MISSING, fmt_month, t
from rlff.metrics.gaps import DECK, Gaps, unknown_vanity

__all__ = ["CHART_NEEDS", "honest_chart"]

# Chart key -> the reality input (rlff.metrics.missing) it cannot do without.
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
_HIDDEN = "rgba(0,0,0,0)"


def _honest_tiles(chart: Chart, gaps: Gaps, lang: str) -> Chart:
    """The four giant tiles: "—" where the data cannot give the number, no arrow without last month."""
    unknown = unknown_vanity(gaps)
    if not unknown:
        return chart
    fig = go.Figure(chart.figure)
    labels = {t(f"tile.{k}", lang): k for k in DECK}
    for trace in fig.data:
        if getattr(trace, "type", None) != "indicator":
            continue
        key = labels.get(trace.title.text or "")
        if key is None:
            continue
        if key in unknown or f"{key}_prev" in unknown:
            trace.mode = "number"  # no arrow against a month the data does not give
        if key in unknown and trace.number.font.color != _HIDDEN:  # (not twice: honest_chart is idempotent)
            trace.number.font.color = _HIDDEN  # the invented number stays invisible…
            x, y = trace.domain.x or (0, 1), trace.domain.y or (0, 1)
            fig.add_annotation(  # …under a dash
                text=MISSING, x=(x[0] + x[1]) / 2, y=(y[0] + y[1]) / 2, xref="paper", yref="paper",
                showarrow=False, font={"size": 64, "color": trace.title.font.color},
            )  # fmt: skip
    headline = {label: MISSING if labels.get(label) in unknown else value for label, value in chart.headline.items()}
    caption = chart.caption
    if not gaps.previous_month and gaps.reported_month is not None:
        prev = metrics.previous_month(metrics.month_start(gaps.reported_month))
        caption = t("boss.tiles_no_previous", lang, prev=fmt_month(prev, lang))
    return dataclasses.replace(chart, figure=fig, headline=headline, caption=caption)


def _honest_top_posts(chart: Chart, lang: str) -> Chart:
    """The top posts without a sales column the files cannot fill, and a caption that says so."""
    fig = go.Figure(chart.figure)
    if not fig.data or getattr(fig.data[0], "type", None) != "table":
        return chart
    table = fig.data[0]
    header, cells = list(table.header.values), list(table.cells.values)
    if len(header) == len(cells) and len(header) > 1 and header[-1] == t("table.conversions", lang):
        table.header.values = header[:-1]
        table.cells.values = cells[:-1]
        if table.columnwidth is not None:
            table.columnwidth = list(table.columnwidth)[:-1]
        if isinstance(table.cells.align, tuple | list):
            table.cells.align = list(table.cells.align)[:-1]
    n = len(cells[0]) if cells else 0
    return dataclasses.replace(chart, figure=fig, caption=t("boss.top_posts_no_sales", lang, n=n))


def honest_chart(chart: Chart, gaps: Gaps, lang: str) -> Chart:
    """A chart as the data allows: unavailable when its input is missing, no invented number in it."""
    if not chart.available or gaps.none:
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
    if chart.key == "boss_tiles":
        return _honest_tiles(chart, gaps, lang)
    if chart.key == "engagement_over_time" and not gaps.engagements_known:
        return unavailable(chart.key, chart.view, lang, chart.title)
    if chart.key == "top_posts" and gaps.lacks("format_performance"):
        return _honest_top_posts(chart, lang)
    return chart
