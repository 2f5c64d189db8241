"""Side by side: vanity next to value, and the vanity index that measures the gap.

Sober template; the vanity series wear the deck's colours (sky blue, orange), the
value series the reality's (dark blue, green).
"""

from __future__ import annotations

import pandas as pd

from rlff import metrics
from rlff.charts import captions, theme
from rlff.charts.base import (
    Chart,
    figure,
    month_label,
    month_of,
    percent_axis,
    period_months,
    plain_text,
    subplot_grid,
    unavailable,
)
from rlff.i18n import fmt_float, fmt_int, fmt_month_short, fmt_pct, name, t
from rlff.memo import shared
from rlff.schema import Tables

VIEW = "side"


def chart_vanity_index(tables: Tables, *, lang: str) -> Chart:
    """The vanity index as a gauge, with its five components as bars."""
    parts = shared(tables, metrics.vanity_index_components)
    index = metrics.vanity_index_of(parts)
    shown = fmt_float(index, lang, 0)
    title = t("chart.vanity_index.title", lang, index=shown)
    if index is None:
        return unavailable("vanity_index", VIEW, lang, title)
    keys = [k for k in metrics.VANITY_INDEX_COMPONENTS if parts.get(k) is not None]
    grid = subplot_grid(1, 2, types=(("indicator", "xy"),), column_widths=(0.35, 0.65), horizontal_spacing=0.3)
    gauge = {
        "type": "indicator",
        "mode": "gauge",  # the number is in the title: once, not twice
        "value": index,
        "gauge": {
            "axis": {"range": [0, 100]},
            "bar": {"color": theme.REFERENCE, "thickness": 0.3},
            "steps": [
                {"range": [0, 33], "color": "#CFE6F5"},
                {"range": [33, 66], "color": "#F7DDB0"},
                {"range": [66, 100], "color": "#F2C0A0"},
            ],
        },
        **grid.cell(1, 1),
    }
    values = [float(parts[k] or 0.0) for k in keys][::-1]
    bars = {
        "type": "bar",
        "x": values,
        "y": [name("component", k, lang) for k in keys][::-1],
        "orientation": "h",
        "marker": {"color": [theme.BAD if v >= 0.5 else theme.GOOD for v in values]},
        "text": [fmt_pct(v, lang, 0) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "showlegend": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        **grid.cell(1, 2),
    }
    layout = {grid.axis("x", 1, 2): percent_axis(lang)}
    fig = figure(VIEW, lang, title, [gauge, bars], layout, grid=grid)
    caption = t("chart.vanity_index.caption", lang)
    return Chart("vanity_index", VIEW, title, caption, fig, {t("tile.vanity_index", lang): shown})


def vanity_value_series(tables: Tables) -> pd.DataFrame:
    """Per month up to the reported one: likes + RTs, fans at month end, revenue, reply rate."""
    rows = []
    curve = shared(tables, metrics.follower_curve) if not tables.followers.empty else None
    monthly = shared(tables, metrics.monthly_engagement) if not tables.posts.empty else None
    for m in [m for m in period_months(tables) if m <= month_of(tables)]:
        start, end = metrics.month_bounds(m)
        engagement = None
        if monthly is not None:
            sel = monthly[(monthly["month"] == m) & monthly["kind"].isin(["like", "retweet"])]
            engagement = int(sel["count"].sum())
        fans = None
        if curve is not None:
            upto = curve[curve["date"] < end]
            fans = int(upto["followers"].iloc[-1]) if len(upto) else None
        inbox = metrics.messages_received_in(tables.inbox, m)
        rows.append(
            {
                "month": m,
                "engagement": engagement,
                "fans": fans,
                "revenue": metrics.total_revenue(tables.revenue, m),
                "reply_rate": metrics.reply_rate(inbox),
            }
        )
    return pd.DataFrame(rows, columns=["month", "engagement", "fans", "revenue", "reply_rate"])


def _index100(series: pd.Series) -> pd.Series | None:
    s = pd.to_numeric(series, errors="coerce")
    valid = s.dropna()
    if valid.empty or valid.iloc[0] == 0:
        return None
    return 100 * s / valid.iloc[0]


def chart_vanity_vs_value(tables: Tables, *, lang: str) -> Chart:
    """Month by month, vanity series and value series indexed to 100 at the first month."""
    title = t("chart.vanity_vs_value.title", lang)
    series = vanity_value_series(tables)
    if len(series) < 2:
        return unavailable("vanity_vs_value", VIEW, lang, title)
    labels = [fmt_month_short(m, lang) for m in series["month"]]
    specs = (
        ("engagement", "series.vanity_engagement", theme.OKABE_ITO["sky_blue"], "solid"),
        ("fans", "series.vanity_fans", theme.OKABE_ITO["orange"], "solid"),
        ("revenue", "series.value_revenue", theme.GOOD, "dash"),
        ("reply_rate", "series.value_reply_rate", theme.OKABE_ITO["bluish_green"], "dash"),
    )
    last: dict[str, float | None] = {}
    traces = []
    for col, key, color, dash in specs:
        idx = _index100(series[col])
        if idx is None:
            last[col] = None
            continue
        last[col] = float(idx.iloc[-1]) if pd.notna(idx.iloc[-1]) else None
        traces.append(
            {
                "type": "scatter",
                "x": labels,
                "y": idx.to_numpy(),
                "name": t(key, lang),
                "mode": "lines+markers",
                "line": {"color": color, "dash": dash, "width": 3},
            }
        )
    layout = {
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 100,
                "y1": 100,
                "line": {"color": theme.LIGHT_GREY},
            }
        ],
        "yaxis": {"title": {"text": t("axis.index100", lang)}},
    }
    fig = figure(VIEW, lang, title, traces, layout)
    caption = t(
        "chart.vanity_vs_value.caption",
        lang,
        vanity=fmt_int(last.get("engagement"), lang),
        value=fmt_int(last.get("revenue"), lang),
    )
    return Chart("vanity_vs_value", VIEW, title, caption, fig, {})


def chart_posts_vanity_value(tables: Tables, *, lang: str) -> Chart:
    """Per post of the reported month: likes + retweets against attributed sales."""
    title = t("chart.posts_vanity_value.title", lang)
    if tables.posts.empty:
        return unavailable("posts_vanity_value", VIEW, lang, title)
    posts = shared(tables, metrics.top_posts, None, len(tables.posts))
    if posts.empty:
        return unavailable("posts_vanity_value", VIEW, lang, title)
    applause = posts["likes"] + posts["retweets"]
    points = {
        "type": "scatter",
        "x": applause.to_numpy(),
        "y": posts["conversions"].to_numpy(),
        "mode": "markers",
        "marker": {
            "size": 10,
            "opacity": 0.75,
            "color": [theme.OKABE_ITO["orange"] if f == "photo_question" else theme.GOOD for f in posts["format"]],
        },
        "text": [plain_text(x, 80) for x in posts["text"]],
        "customdata": [name("format", f, lang) for f in posts["format"]],
        "hovertemplate": "%{text}<br>%{customdata}: %{x:,d} / %{y:,d}<extra></extra>",
        "showlegend": False,
    }
    layout = {
        "xaxis": {"title": {"text": t("axis.likes_rts", lang)}},
        "yaxis": {"title": {"text": t("axis.sales", lang)}, "rangemode": "tozero"},
    }
    fig = figure(VIEW, lang, title, [points], layout)
    zero = int((posts["conversions"] == 0).sum())
    caption = t(
        "chart.posts_vanity_value.caption",
        lang,
        n=fmt_int(len(posts), lang),
        month=month_label(tables, lang),
        zero=fmt_int(zero, lang),
    )
    return Chart("posts_vanity_value", VIEW, title, caption, fig, {})


def chart_format_performance(tables: Tables, *, lang: str) -> Chart:
    """Row 8: engagements per post (vanity) next to sales per 100 posts (value), by format."""
    title = t("chart.format_performance.title", lang)
    perf = metrics.format_performance(tables)
    if perf.empty:
        return unavailable("format_performance", VIEW, lang, title)
    labels = [name("format", f, lang) for f in perf["format"]]
    colors = [theme.OKABE_ITO["orange"] if f == "photo_question" else theme.NEUTRAL for f in perf["format"]]
    grid = subplot_grid(
        1,
        2,
        horizontal_spacing=0.12,
        subplot_titles=(t("series.engagements_per_post", lang), t("series.sales_per_100", lang)),
    )
    per100 = 100 * perf["conversions_per_post"]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": perf["engagements_per_post"].to_numpy(),
            "marker": {"color": colors},
            "text": [fmt_float(v, lang, 0) for v in perf["engagements_per_post"]],
            "textposition": "outside",
            "cliponaxis": False,
            "showlegend": False,
            **grid.cell(1, 1),
        },
        {
            "type": "bar",
            "x": labels,
            "y": per100.to_numpy(),
            "marker": {"color": [theme.GOOD if f != "photo_question" else theme.BAD for f in perf["format"]]},
            "text": [fmt_float(v, lang, 1) for v in per100],
            "textposition": "outside",
            "cliponaxis": False,
            "showlegend": False,
            **grid.cell(1, 2),
        },
    ]
    fig = figure(VIEW, lang, title, traces, grid=grid)
    pq = perf[perf["format"] == "photo_question"]
    known_sales = perf["conversions_per_post"].notna().any()
    best_eng = str(perf.loc[perf["engagements_per_post"].idxmax(), "format"]) if len(perf) else None
    best_sales = str(perf.loc[perf["conversions_per_post"].idxmax(), "format"]) if known_sales else None
    caption = t(
        captions.format_caption(best_eng, best_sales, len(pq) > 0),
        lang,
        month=month_label(tables, lang),
        pq_eng=fmt_float(pq["engagements_per_post"].iloc[0] if len(pq) else None, lang, 0),
        pq_conv=fmt_float(100 * pq["conversions_per_post"].iloc[0] if len(pq) else None, lang, 1),
        best=name("format", best_sales, lang) if best_sales else "—",
        best_conv=fmt_float(100 * perf["conversions_per_post"].max() if known_sales else None, lang, 1),
    )
    return Chart("format_performance", VIEW, title, caption, fig, {})
