"""The reality check: what the deck hides, sober (template ``rlff_reality``).

Response times against what customers expect, reply rate and backlog, ROI, bought
followers, who really engages, strategy adherence, whose e-reputation, the crisis,
where the hours go, effort per platform, the CM's own output. Every number comes from
:mod:`rlff.metrics`; the reference figures come from EXPORTS.md.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from rlff import metrics
from rlff.charts import captions, theme
from rlff.charts.base import (
    Chart,
    event_marks,
    figure,
    month_label,
    month_of,
    percent_axis,
    period_months,
    subplot_grid,
    unavailable,
)
from rlff.i18n import (
    fmt_duration_minutes,
    fmt_eur,
    fmt_float,
    fmt_hours,
    fmt_int,
    fmt_month_short,
    fmt_pct,
    fmt_signed,
    is_finite,
    name,
    t,
)
from rlff.memo import shared
from rlff.schema import MESSAGE_KINDS, Tables

VIEW = "reality"

# Reference figures (EXPORTS.md): hours.
EXPECTED_COMPLAINT_HOURS = 1.0  # 72% of complainers (53% of all users) expect a reply within 1 h
EXPECTED_HOURS = 4.0  # Sprout Social Index 2016: consumers expect ~4 h
BRAND_AVERAGE_HOURS = 10.0  # ... and brands answer in ~10 h on average


def _month_inbox(tables: Tables) -> pd.DataFrame:
    """Messages received in the reported month (shared by the charts that need them)."""
    return shared(tables, _received_in_reported_month)


def _received_in_reported_month(tables: Tables) -> pd.DataFrame:
    return metrics.messages_received_in(tables.inbox, month_of(tables))


def _response_times(tables: Tables) -> pd.DataFrame:
    """metrics.response_time_by_kind of the reported month's inbox."""
    return metrics.response_time_by_kind(_month_inbox(tables))


def chart_response_time(tables: Tables, *, lang: str) -> Chart:
    """Row 3: median (and 90th percentile) hours to a first answer by kind, against expectations."""
    title = t("chart.response_time.title", lang)
    inbox = _month_inbox(tables)
    if inbox.empty:
        return unavailable("response_time", VIEW, lang, title)
    rt = shared(tables, _response_times)
    rt = rt[rt["kind"].isin(MESSAGE_KINDS) & (rt["messages"] > 0)]
    kinds = [name("message_kind", k, lang) for k in rt["kind"]]
    median_h = rt["median_minutes"] / 60
    p90_h = rt["p90_minutes"] / 60
    traces = [
        {
            "type": "bar",
            "x": kinds,
            "y": median_h.to_numpy(),
            "name": t("series.median", lang),
            "marker": {"color": [theme.MESSAGE_KIND_COLORS.get(k, theme.NEUTRAL) for k in rt["kind"]]},
            "text": [fmt_duration_minutes(m, lang) for m in rt["median_minutes"]],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{x}: %{text}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": kinds,
            "y": p90_h.to_numpy(),
            "name": t("series.p90", lang),
            "mode": "markers",
            "marker": {"symbol": "line-ew-open", "size": 34, "color": theme.REFERENCE, "line": {"width": 2}},
            "text": [fmt_duration_minutes(m, lang) for m in rt["p90_minutes"]],
            "hovertemplate": "%{x}, 90%: %{text}<extra></extra>",
        },
    ]
    shapes, notes = [], []
    for hours, key, dash, anchor in (
        (EXPECTED_COMPLAINT_HOURS, "ref.expect_1h_complaint", "solid", "bottom"),
        (EXPECTED_HOURS, "ref.expect_4h", "dash", "top"),
        (BRAND_AVERAGE_HOURS, "ref.brand_10h", "dot", "bottom"),
    ):
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": hours,
                "y1": hours,
                "line": {"color": theme.REFERENCE, "width": 1.5, "dash": dash},
            }
        )
        # Annotations on a log axis are placed in log10 units.
        notes.append(
            {
                "xref": "paper",
                "x": 1,
                "yref": "y",
                "y": math.log10(hours),
                "text": t(key, lang),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": anchor,
                "font": {"size": 10, "color": theme.REFERENCE},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    finite = [v for v in [*median_h, *p90_h] if is_finite(v) and v > 0]
    low = math.log10(max(min([*finite, 0.5]) / 2, 1 / 600))
    high = math.log10(max([*finite, BRAND_AVERAGE_HOURS]) * 2.5)
    # "Never answered" sits at the foot of its own empty bar, on two lines, under the reference lines.
    never = t("ref.never", lang).replace(" ", "<br>", 1)
    for kind_label, answered in zip(kinds, rt["answered"], strict=True):
        if answered == 0:
            notes.append(
                {
                    "x": kind_label,
                    "y": low,
                    "yref": "y",
                    "yanchor": "bottom",
                    "text": never,
                    "showarrow": False,
                    "font": {"color": theme.BAD, "size": 11},
                }
            )
    layout = {
        "shapes": shapes,
        "annotations": notes,
        "yaxis": {"type": "log", "dtick": 1, "range": [low, high], "title": {"text": t("axis.hours_log", lang)}},
        # Room on the right of the bars for the reference lines' labels.
        "xaxis": {"range": [-0.5, len(kinds) - 0.5 + 1.8]},
    }
    fig = figure(VIEW, lang, title, traces, layout)
    medians = metrics.median_first_response_minutes(inbox)
    within_1h = metrics.answered_within_share(inbox, 1)
    complaints = int((inbox["kind"].astype(str) == "complaint").sum())
    complaint_minutes = medians.get("complaint")
    key = captions.response_time_caption(complaints, None if complaint_minutes is None else complaint_minutes / 60)
    wait = complaint_wait_text(complaints, complaint_minutes, lang)
    caption = t(key, lang, month=month_label(tables, lang), complaint=wait)
    headline = {t("tile.complaint_wait", lang): wait, "≤ 1 h": fmt_pct(within_1h, lang, 0)}
    return Chart("response_time", VIEW, title, caption, fig, headline)


def complaint_wait_text(complaints: int, median_minutes: float | None, lang: str) -> str:
    """The complaint wait as a tile shows it: "never answered" when complaints came and none got an answer."""
    if complaints and median_minutes is None:
        return t("tile.complaint_wait.never", lang)
    return fmt_duration_minutes(median_minutes, lang)


def chart_reply_rate(tables: Tables, *, lang: str) -> Chart:
    """Row 3: share of the month's messages answered, by kind; the backlog at month end."""
    title = t("chart.reply_rate.title", lang)
    inbox = _month_inbox(tables)
    if inbox.empty:
        return unavailable("reply_rate", VIEW, lang, title)
    rt = shared(tables, _response_times)
    rt = rt[rt["messages"] > 0]
    bar = {
        "type": "bar",
        "x": [name("message_kind", k, lang) for k in rt["kind"]],
        "y": rt["reply_rate"].to_numpy(),
        "marker": {"color": [theme.MESSAGE_KIND_COLORS.get(k, theme.NEUTRAL) for k in rt["kind"]]},
        "text": [
            f"{fmt_pct(r, lang, 0)} ({fmt_int(a, lang)}/{fmt_int(m, lang)})"
            for r, a, m in zip(rt["reply_rate"], rt["answered"], rt["messages"], strict=True)
        ],
        "textposition": "outside",
        "cliponaxis": False,
        "showlegend": False,
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }
    layout = {"yaxis": {**percent_axis(lang, 1.12), "title": {"text": t("axis.share", lang)}}}
    fig = figure(VIEW, lang, title, [bar], layout)
    end = metrics.month_bounds(month_of(tables))[1]
    backlog = metrics.unanswered_backlog(tables.inbox, end)
    overall = metrics.reply_rate(inbox)
    rates = {k: float(r) for k, r in zip(rt["kind"], rt["reply_rate"], strict=True) if is_finite(r)}
    caption = t(
        captions.reply_rate_caption(rates),
        lang,
        month=month_label(tables, lang),
        overall=fmt_pct(overall, lang, 0),
        backlog=fmt_int(backlog, lang),
        compliment=fmt_pct(rates.get("compliment"), lang, 0),
        complaint=fmt_pct(rates.get("complaint"), lang, 0),
    )
    headline = {t("tile.reply_rate", lang): fmt_pct(overall, lang, 0), t("tile.backlog", lang): fmt_int(backlog, lang)}
    return Chart("reply_rate", VIEW, title, caption, fig, headline)


def chart_roi(tables: Tables, *, lang: str) -> Chart:
    """Row 14: the month's costs by category next to the revenue attributed to social."""
    title = t("chart.roi.title", lang)
    month = month_of(tables)
    if tables.costs.empty or tables.revenue.empty:
        return unavailable("roi", VIEW, lang, title)
    breakdown = metrics.cost_breakdown(tables.costs, month)
    cost = metrics.total_cost(tables.costs, month)
    revenue = metrics.total_revenue(tables.revenue, month)
    r = metrics.roi(tables.costs, tables.revenue, month)
    x_cost, x_rev = t("series.cost", lang), t("series.revenue", lang)
    palette = [
        theme.BAD,
        theme.OKABE_ITO["orange"],
        theme.OKABE_ITO["reddish_purple"],
        theme.NEUTRAL,
        theme.OKABE_ITO["sky_blue"],
        theme.LIGHT_GREY,
    ]
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": [x_cost],
            "y": [row.amount_eur],
            "name": name("cost", row.category, lang),
            "marker": {"color": palette[i % len(palette)]},
            "hovertemplate": "%{fullData.name}: " + fmt_eur(row.amount_eur, lang) + "<extra></extra>",
        }
        for i, row in enumerate(breakdown.itertuples(index=False))
    ]
    traces.append(
        {
            "type": "bar",
            "x": [x_rev],
            "y": [revenue or 0.0],
            "name": x_rev,
            "marker": {"color": theme.GOOD},
            "text": [fmt_eur(revenue, lang)],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": x_rev + ": " + fmt_eur(revenue, lang) + "<extra></extra>",
        }
    )
    total = {
        "x": x_cost,
        "y": cost or 0,
        "text": fmt_eur(cost, lang),
        "showarrow": False,
        "yanchor": "bottom",
        "font": {"size": 14},
    }
    layout = {
        "annotations": [total],
        "barmode": "stack",
        "yaxis": {"title": {"text": t("axis.eur", lang)}, "rangemode": "tozero"},
    }
    fig = figure(VIEW, lang, title, traces, layout)
    caption = t(
        "chart.roi.caption",
        lang,
        month=month_label(tables, lang),
        cost=fmt_eur(cost, lang),
        revenue=fmt_eur(revenue, lang),
        roi=fmt_pct(r, lang, 0, signed=True),
    )
    headline = {t("tile.roi", lang): fmt_pct(r, lang, 0, signed=True), t("series.cost", lang): fmt_eur(cost, lang)}
    return Chart("roi", VIEW, title, caption, fig, headline)


def chart_bought_followers(tables: Tables, *, lang: str) -> Chart:
    """Row 4: new followers per day, organic vs bought, with the days a spike detector flags."""
    title = t("chart.bought_followers.title", lang)
    if tables.followers.empty:
        return unavailable("bought_followers", VIEW, lang, title)
    curve = shared(tables, metrics.follower_curve)
    spikes = metrics.follower_spikes(tables.followers)
    traces = [
        {
            "type": "bar",
            "x": curve["date"],
            "y": curve["organic_follows"],
            "name": t("series.organic", lang),
            "marker": {"color": theme.GOOD},
        },
        {
            "type": "bar",
            "x": curve["date"],
            "y": curve["bought_follows"],
            "name": t("series.bought", lang),
            "marker": {"color": theme.BAD},
        },
        {
            "type": "scatter",
            "x": spikes["date"],
            "y": spikes["new_follows"],
            "name": t("series.spike", lang),
            "mode": "markers",
            "marker": {"symbol": "x", "size": 12, "color": theme.REFERENCE},
        },
    ]
    layout = {"barmode": "stack", "bargap": 0.05, "yaxis": {"title": {"text": t("axis.new_follows", lang)}}}
    fig = figure(VIEW, lang, title, traces, layout, date_axes=("xaxis",))
    share = metrics.bought_follower_share(tables.followers, month_of(tables))
    known = getattr(tables.meta, "bought_flag_known", True)
    caption = t(
        captions.bought_caption(share if known else None),
        lang,
        share=fmt_pct(share, lang, 0),
        month=month_label(tables, lang),
        spikes=fmt_int(len(spikes), lang),
    )
    return Chart("bought_followers", VIEW, title, caption, fig, {t("tile.bought_share", lang): fmt_pct(share, lang, 0)})


def chart_engagement_sources(tables: Tables, *, lang: str) -> Chart:
    """Rows 5/6: likes + retweets per month by source: customers, peer ring, bots, self-likes."""
    title = t("chart.engagement_sources.title", lang)
    if tables.posts.empty or tables.engagements.empty:
        return unavailable("engagement_sources", VIEW, lang, title)
    monthly = shared(tables, metrics.monthly_engagement)
    monthly = monthly[monthly["kind"].isin(["like", "retweet"]) & (monthly["month"] <= month_of(tables))]
    per = monthly.groupby(["month", "source"])["count"].sum().unstack(fill_value=0)
    labels = [fmt_month_short(m, lang) for m in per.index]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": per[source].to_numpy(),
            "name": name("source", source, lang),
            "marker": {"color": theme.SOURCE_COLORS[source]},
        }
        for source in ("customer", "peer", "bot", "self", "unknown")
        if source in per.columns and per[source].sum() > 0
    ]
    layout = {"barmode": "stack", "yaxis": {"title": {"text": t("axis.likes_rts", lang)}}}
    fig = figure(VIEW, lang, title, traces, layout)
    # One count per source serves the caption's shares and the headline's non-customer share.
    counts = shared(tables, metrics.source_counts)
    shares = metrics.source_shares(counts)
    caption = t(
        "chart.engagement_sources.caption",
        lang,
        month=month_label(tables, lang),
        **{s: fmt_pct(shares.get(s), lang, 0) for s in ("peer", "bot", "self", "customer")},
    )
    non_customer = metrics.known_source_share(counts, metrics.NON_CUSTOMER_SOURCES)
    return Chart(
        "engagement_sources",
        VIEW,
        title,
        caption,
        fig,
        {t("tile.non_customer_share", lang): fmt_pct(non_customer, lang, 0)},
    )


def chart_strategy_adherence(tables: Tables, *, lang: str) -> Chart:
    """Row 9: share of the planned actions executed, month by month."""
    title = t("chart.strategy_adherence.title", lang)
    if tables.strategy.empty:
        return unavailable("strategy_adherence", VIEW, lang, title)
    months = [m for m in period_months(tables) if m <= month_of(tables)]
    values = [metrics.strategy_adherence(tables.strategy, m) for m in months]
    bar = {
        "type": "bar",
        "x": [fmt_month_short(m, lang) for m in months],
        "y": [v if v is not None else 0 for v in values],
        "marker": {"color": [theme.BAD if (v or 0) < 0.5 else theme.GOOD for v in values]},
        "text": [fmt_pct(v, lang, 0) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "name": t("series.adherence", lang),
        "showlegend": False,
    }
    full_plan = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": 1,
        "y1": 1,
        "line": {"color": theme.REFERENCE, "dash": "dash"},
    }
    layout = {
        "shapes": [full_plan],
        "yaxis": {**percent_axis(lang), "title": {"text": t("series.adherence", lang)}},
    }
    fig = figure(VIEW, lang, title, [bar], layout)
    current = metrics.strategy_adherence(tables.strategy, month_of(tables))
    caption = t(
        "chart.strategy_adherence.caption", lang, month=month_label(tables, lang), adherence=fmt_pct(current, lang, 0)
    )
    return Chart(
        "strategy_adherence", VIEW, title, caption, fig, {t("tile.strategy_adherence", lang): fmt_pct(current, lang, 0)}
    )


def chart_e_reputation(tables: Tables, *, lang: str) -> Chart:
    """Row 11: mentions of the CM vs of the brand, and the sentiment of each."""
    title = t("chart.e_reputation.title", lang)
    shares = metrics.mention_shares(tables.mentions, month_of(tables))
    if not shares["mentions"]:
        return unavailable("e_reputation", VIEW, lang, title)
    # mention_shares() returns {"share": {...}, "net_sentiment": {...}} (typed as object).
    share: dict[str, float | None] = shares["share"]  # type: ignore[assignment]
    sentiment: dict[str, float | None] = shares["net_sentiment"]  # type: ignore[assignment]
    targets = ["cm", "brand"]
    labels = [name("target", x, lang) for x in targets]
    colors = [theme.OKABE_ITO["orange"], theme.GOOD]
    grid = subplot_grid(
        1,
        2,
        subplot_titles=(t("series.mention_share", lang), t("axis.net_sentiment_scale", lang)),
        horizontal_spacing=0.15,
    )
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": [share[x] or 0 for x in targets],
            "marker": {"color": colors},
            "showlegend": False,
            "text": [fmt_pct(share[x], lang, 0) for x in targets],
            "textposition": "outside",
            "cliponaxis": False,
            **grid.cell(1, 1),
        },
        {
            "type": "bar",
            "x": labels,
            "y": [100 * (sentiment[x] or 0) for x in targets],
            "showlegend": False,
            "marker": {"color": [theme.GOOD if (sentiment[x] or 0) >= 0 else theme.BAD for x in targets]},
            "text": [_sentiment(sentiment[x], lang) for x in targets],
            "textposition": "outside",
            "cliponaxis": False,
            **grid.cell(1, 2),
        },
    ]
    layout = {
        grid.axis("y", 1, 1): percent_axis(lang),
        grid.axis("y", 1, 2): {"range": [-115, 115], "dtick": 50, "zeroline": True, "zerolinecolor": theme.REFERENCE},
    }
    fig = figure(VIEW, lang, title, traces, layout, grid=grid)
    caption = t(
        captions.e_reputation_caption(sentiment["cm"], sentiment["brand"]),
        lang,
        month=month_label(tables, lang),
        cm_share=fmt_pct(share["cm"], lang, 0),
        brand_share=fmt_pct(share["brand"], lang, 0),
        cm_sentiment=_sentiment(sentiment["cm"], lang),
        brand_sentiment=_sentiment(sentiment["brand"], lang),
    )
    return Chart("e_reputation", VIEW, title, caption, fig, {name("target", "cm", lang): fmt_pct(share["cm"], lang, 0)})


def _sentiment(x: float | None, lang: str) -> str:
    """Net sentiment on the scale people read: −100 (all negative) to +100 (all positive)."""
    return fmt_signed(None if x is None else 100 * x, lang, 0)


def chart_crisis_timeline(tables: Tables, *, lang: str) -> Chart:
    """Row 13: complaints and crisis messages per day, what was answered, and the backlog on its own axis."""
    inbox = _month_inbox(tables)
    kinds = inbox["kind"].astype(str)
    crisis_n = int((kinds == "crisis").sum())
    crisis_answered = int(((kinds == "crisis") & inbox["first_response_at"].notna()).sum())
    title = t(captions.crisis_title(crisis_n, crisis_answered), lang)
    if tables.inbox.empty:
        return unavailable("crisis_timeline", VIEW, lang, title)
    tl = metrics.crisis_timeline(tables)
    traces = [
        {
            "type": "bar",
            "x": tl["date"],
            "y": tl["received"],
            "name": t("series.received", lang),
            "marker": {"color": theme.BAD},
        },
        {
            "type": "bar",
            "x": tl["date"],
            "y": tl["answered_same_day"],
            "name": t("series.answered_same_day", lang),
            "marker": {"color": theme.GOOD},
        },
        {
            # A running total is not "per day": it gets its own axis, on the right.
            "type": "scatter",
            "x": tl["date"],
            "y": tl["open_backlog"],
            "name": t("series.open_backlog", lang),
            "mode": "lines",
            "line": {"color": theme.REFERENCE, "width": 2},
            "yaxis": "y2",
        },
    ]
    # The reported month and the one before it: the crisis, and the calm it broke.
    first = max(metrics.previous_month(month_of(tables)), tl["date"].min())
    last = metrics.month_bounds(month_of(tables))[1]
    shapes, notes = event_marks(tables.events, ("crisis_start", "crisis_peak"), lang, VIEW, axis=(first, last))
    layout = {
        "shapes": shapes,
        "annotations": notes,
        "barmode": "overlay",
        "bargap": 0.1,
        "yaxis": {"title": {"text": t("axis.messages", lang)}, "rangemode": "tozero"},
        "yaxis2": {
            "title": {"text": t("axis.open_backlog", lang)},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            # A count of messages: whole ticks (plotly would sync them to the left axis's grid: 67.3).
            "tickmode": "auto",
            "tickformat": ",d",
        },
        "xaxis": {"range": [first - pd.Timedelta(hours=12), last - pd.Timedelta(hours=12)]},
        # Under the date ticks, not on them: the top is the event labels'.
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "right", "x": 1},
    }
    fig = figure(VIEW, lang, title, traces, layout, date_axes=("xaxis",))
    start, end = metrics.month_bounds(month_of(tables))
    in_month = tl[(tl["date"] >= start) & (tl["date"] < end)]
    backlog = int(in_month["open_backlog"].iloc[-1]) if len(in_month) else None
    caption = t(
        captions.crisis_caption(crisis_n, crisis_answered),
        lang,
        month=month_label(tables, lang),
        received=fmt_int(in_month["received"].sum(), lang),
        same_day=fmt_int(in_month["answered_same_day"].sum(), lang),
        backlog=fmt_int(backlog, lang),
        crisis=fmt_int(crisis_n, lang),
        crisis_answered=fmt_int(crisis_answered, lang),
    )
    return Chart("crisis_timeline", VIEW, title, caption, fig, {t("series.open_backlog", lang): fmt_int(backlog, lang)})


def chart_hours_per_activity(tables: Tables, *, lang: str) -> Chart:
    """Row 15: hours per activity in the month; customer service in red."""
    title = t("chart.hours_per_activity.title", lang)
    month = month_of(tables)
    hours = metrics.hours_per_activity(tables.time_use, month)
    if hours.empty:
        return unavailable("hours_per_activity", VIEW, lang, title)
    hours = hours.iloc[::-1]
    highlight = {"customer_service": theme.BAD, "finding_next_picture": theme.OKABE_ITO["orange"]}
    bar = {
        "type": "bar",
        "x": hours["hours"].to_numpy(),
        "y": [name("activity", a, lang) for a in hours["activity"]],
        "orientation": "h",
        "marker": {"color": [highlight.get(a, theme.NEUTRAL) for a in hours["activity"]]},
        "text": [fmt_hours(h, lang) for h in hours["hours"]],
        "textposition": "outside",
        "cliponaxis": False,
        "showlegend": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    # Room on the right for the longest bar's label ("41.7 h" was clipped).
    top = float(hours["hours"].max()) if len(hours) else 1.0
    layout = {"xaxis": {"title": {"text": t("axis.hours", lang)}, "range": [0, top * 1.18]}}
    fig = figure(VIEW, lang, title, [bar], layout)
    share = metrics.customer_service_hours_share(tables.time_use, month)
    caption = t(
        captions.hours_caption(share),
        lang,
        month=month_label(tables, lang),
        picture=fmt_hours(metrics.activity_hours(tables.time_use, "finding_next_picture", month), lang),
        service=fmt_hours(metrics.activity_hours(tables.time_use, "customer_service", month), lang),
        share=fmt_pct(share, lang, 0),
    )
    return Chart(
        "hours_per_activity",
        VIEW,
        title,
        caption,
        fig,
        {name("activity", "customer_service", lang): fmt_pct(share, lang, 0)},
    )


def chart_platform_effort(tables: Tables, *, lang: str) -> Chart:
    """Row 7: per platform, share of posts (effort) vs share of fans (reach) vs share of sales (value)."""
    per = metrics.platform_effort_vs_reach(tables)
    title = t(captions.platform_title([str(p) for p in per["platform"]]), lang)
    if per.empty or per["posts"].sum() == 0:
        return unavailable("platform_effort", VIEW, lang, title)
    per = per[per["platform"] != "blog"]
    shares = pd.DataFrame({"platform": per["platform"]})
    for col in ("posts", "followers", "conversions"):
        total = per[col].fillna(0).sum()
        shares[col] = per[col].fillna(0) / total if total else 0.0
    labels = [name("platform", p, lang) for p in shares["platform"]]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": shares[col].to_numpy(),
            "name": t(key, lang),
            "marker": {"color": color},
            "hovertemplate": "%{x}: %{y:.0%}<extra>%{fullData.name}</extra>",
        }
        for col, key, color in (
            ("posts", "series.posts_share", theme.OKABE_ITO["orange"]),
            ("followers", "series.fans_share", theme.OKABE_ITO["sky_blue"]),
            ("conversions", "series.sales_share", theme.GOOD),
        )
    ]
    top = float(shares[["posts", "followers", "conversions"]].max().max()) if len(shares) else 1.0
    layout = {
        "barmode": "group",
        "yaxis": {**percent_axis(lang, min(1.0, top * 1.08 + 0.01)), "title": {"text": t("axis.share", lang)}},
    }
    fig = figure(VIEW, lang, title, traces, layout)
    by = shares.set_index("platform")
    key, named = captions.platform_caption(by["posts"].to_dict(), by["conversions"].to_dict())
    row = by.loc[named] if named is not None else None
    caption = t(
        key,
        lang,
        platform=name("platform", named, lang) if named else "",
        posts=fmt_pct(None if row is None else row["posts"], lang, 0),
        fans=fmt_pct(None if row is None else row["followers"], lang, 0),
        sales=fmt_pct(None if row is None else row["conversions"], lang, 0),
    )
    return Chart("platform_effort", VIEW, title, caption, fig, {})


def chart_cm_output(tables: Tables, *, lang: str) -> Chart:
    """Row 12: the CM's own blog posts and hours next to the brand's posts and customer service."""
    title = t("chart.cm_output.title", lang)
    out = metrics.cm_output(tables)
    if out["cm_posts"] is None and out["own_blog_hours"] is None:
        return unavailable("cm_output", VIEW, lang, title)
    grid = subplot_grid(
        1, 2, subplot_titles=(t("series.posts", lang), t("series.hours", lang)), horizontal_spacing=0.15
    )
    post_labels = [t("cm_output.cm_posts", lang), t("cm_output.brand_posts", lang)]
    post_values = [out["cm_posts"] or 0, out["brand_posts"] or 0]
    hour_labels = [t("cm_output.blog_hours", lang), t("cm_output.service_hours", lang)]
    hour_values = [out["own_blog_hours"] or 0.0, out["customer_service_hours"] or 0.0]
    traces = [
        {
            "type": "bar",
            "x": post_labels,
            "y": post_values,
            "marker": {"color": [theme.OKABE_ITO["orange"], theme.GOOD]},
            "text": [fmt_int(v, lang) for v in post_values],
            "textposition": "outside",
            "cliponaxis": False,
            "showlegend": False,
            **grid.cell(1, 1),
        },
        {
            "type": "bar",
            "x": hour_labels,
            "y": hour_values,
            "marker": {"color": [theme.OKABE_ITO["orange"], theme.BAD]},
            "text": [fmt_hours(v, lang) for v in hour_values],
            "textposition": "outside",
            "cliponaxis": False,
            "showlegend": False,
            **grid.cell(1, 2),
        },
    ]
    fig = figure(VIEW, lang, title, traces, grid=grid)
    caption = t(
        "chart.cm_output.caption",
        lang,
        month=month_label(tables, lang),
        cm_posts=fmt_int(out["cm_posts"], lang),
        brand_posts=fmt_int(out["brand_posts"], lang),
        blog_hours=fmt_hours(out["own_blog_hours"], lang),
        service_hours=fmt_hours(out["customer_service_hours"], lang),
    )
    return Chart("cm_output", VIEW, title, caption, fig, {})


def chart_self_likes(tables: Tables, *, lang: str) -> Chart:
    """Row 6: the CM liking the brand's own posts, month by month, next to customers and the ring."""
    title = t("chart.self_likes.title", lang)
    if tables.posts.empty or tables.engagements.empty:
        return unavailable("self_likes", VIEW, lang, title)
    monthly = shared(tables, metrics.monthly_engagement)
    likes = monthly[(monthly["kind"] == "like") & (monthly["month"] <= month_of(tables))]
    per = likes.groupby(["month", "source"])["count"].sum().unstack(fill_value=0)
    if "unknown" in per.columns and per.drop(columns="unknown").to_numpy().sum() == 0:
        return unavailable("self_likes", VIEW, lang, title)  # an export: nobody knows who liked
    per = per.reindex(columns=["self", "peer", "customer"], fill_value=0)
    labels = [fmt_month_short(m, lang) for m in per.index]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": per[source].to_numpy(),
            "name": t(key, lang),
            "marker": {"color": theme.SOURCE_COLORS[source]},
            "text": [fmt_int(v, lang) for v in per[source]] if source == "self" else None,
            "textposition": "outside" if source == "self" else None,
            "cliponaxis": False,
        }
        for source, key in (
            ("self", "series.self_likes"),
            ("peer", "series.peer_likes"),
            ("customer", "series.customer_likes"),
        )
    ]
    layout = {"barmode": "group", "yaxis": {"title": {"text": t("axis.likes", lang)}, "rangemode": "tozero"}}
    fig = figure(VIEW, lang, title, traces, layout)
    month = month_of(tables)
    row = per.loc[month] if month in per.index else pd.Series({"self": 0, "peer": 0, "customer": 0})
    total_likes = int(likes[likes["month"] == month]["count"].sum())
    lo, hi = metrics.month_bounds(month)
    published = tables.posts["published_at"]
    posts = int(((tables.posts["account"] == "brand") & (published >= lo) & (published < hi)).sum())
    self_n = int(row["self"])
    caption = t(
        captions.self_likes_caption(self_n),
        lang,
        month=month_label(tables, lang),
        self=fmt_int(self_n, lang),
        share=fmt_pct(self_n / total_likes if total_likes else None, lang, 0),
        per_post=fmt_float(self_n / posts if posts else None, lang, 1),
        peer=fmt_int(int(row["peer"]), lang),
        customers=fmt_int(int(row["customer"]), lang),
    )
    return Chart("self_likes", VIEW, title, caption, fig, {t("series.self_likes", lang): fmt_int(self_n, lang)})
