"""The Big Boss deck: four giant tiles, a community that grows, engagement, "competitors", top posts.

Glossy on purpose (template ``rlff_boss``); the numbers are the same honest ones as
everywhere else, straight from :mod:`rlff.metrics`.
"""

from __future__ import annotations

import pandas as pd

from rlff import metrics
from rlff.charts import captions, theme
from rlff.charts.base import (
    Chart,
    event_marks,
    figure,
    month_label,
    month_of,
    plain_text,
    subplot_grid,
    unavailable,
)
from rlff.i18n import fmt_day_long, fmt_day_short, fmt_int, fmt_month, fmt_month_short, fmt_pct, name, t
from rlff.memo import shared
from rlff.schema import Tables

VIEW = "boss"
TILES: tuple[str, ...] = ("retweets", "likes", "friends", "fans")


def tile_headline(kpis: metrics.VanityKPIs, lang: str) -> dict[str, str]:
    """The four tiles as label -> formatted number."""
    return {t(f"tile.{k}", lang): fmt_int(getattr(kpis, k), lang) for k in TILES}


def chart_boss_tiles(tables: Tables, *, lang: str) -> Chart:
    """Row 1: Retweets, Likes, Friends, Fans as four giant numbers with green arrows."""
    kpis = shared(tables, metrics.vanity_kpis)
    month = month_label(tables, lang)
    title = t("chart.boss_tiles.title", lang, month=month)
    grid = subplot_grid(1, 4, types=(("indicator",) * 4,))
    traces = []
    for i, k in enumerate(TILES, start=1):
        value, prev = getattr(kpis, k), getattr(kpis, f"{k}_prev")
        traces.append(
            {
                "type": "indicator",
                "mode": "number+delta" if prev is not None else "number",
                "value": value if value is not None else 0,
                "number": {"valueformat": ",d", "font": {"size": 64, "color": theme.BOSS_TEXT}},
                "delta": {
                    "reference": prev if prev is not None else 0,
                    "relative": True,
                    "valueformat": "+.1%",
                    "increasing": {"color": theme.UP},
                    "decreasing": {"color": theme.DOWN},
                    "font": {"size": 24},
                },
                "title": {"text": t(f"tile.{k}", lang), "font": {"size": 22, "color": theme.BOSS_MUTED}},
                **grid.cell(1, i),
            }
        )
    fig = figure(VIEW, lang, title, traces, grid=grid)
    return Chart("boss_tiles", VIEW, title, tiles_caption(kpis, lang), fig, tile_headline(kpis, lang))


def tiles_caption(kpis: metrics.VanityKPIs, lang: str) -> str:
    """The caption under the four tiles (the dashboard draws its tiles itself)."""
    return t("chart.boss_tiles.caption", lang, prev=fmt_month(metrics.previous_month(kpis.month), lang))


def top_posts_caption(top: pd.DataFrame, lang: str) -> str:
    """The caption under the top posts, from ``metrics.top_posts`` (or its translated table)."""

    def col(name: str) -> pd.Series:
        return top[name] if name in top else top[t(f"table.{name}", lang)]

    # A table without its sales column hides them (see top_posts_table): none to name.
    has_sales = "conversions" in top or t("table.conversions", lang) in top
    sales = int(col("conversions").sum()) if has_sales else 0
    engagement = int(col("likes").sum() + col("retweets").sum())
    # The deck is the CM's voice: it names the sales only when they flatter.
    return t(
        captions.top_posts_caption_key(len(top), sales),
        lang,
        n=fmt_int(len(top), lang),
        sales=fmt_int(sales, lang),
        engagement=fmt_int(engagement, lang),
    )


def _day(day: object, lang: str) -> str:
    """A calendar day in a sentence: ``January 26, 2026`` / ``26 janvier 2026``."""
    return fmt_day_long(day, lang)


def chart_follower_growth(tables: Tables, *, lang: str) -> Chart:
    """Row 1/16: fans and friends per day, with the CM's calendar as markers."""
    title = t("chart.follower_growth.title", lang)
    if tables.followers.empty:
        return unavailable("follower_growth", VIEW, lang, title)
    curve = shared(tables, metrics.follower_curve)
    shapes, notes = event_marks(
        tables.events,
        ("cm_day", "certificate", "follower_purchase", "strategy_deck"),
        lang,
        VIEW,
        axis=(curve["date"].min(), curve["date"].max()),
    )
    traces = [
        {
            "type": "scatter",
            "x": curve["date"],
            "y": curve["followers"],
            "name": t("series.fans", lang),
            "mode": "lines",
            "fill": "tozeroy",
            "line": {"color": theme.OKABE_ITO["sky_blue"], "width": 4},
            "fillcolor": "rgba(86,180,233,0.18)",
        },
        {
            "type": "scatter",
            "x": curve["date"],
            "y": curve["friends"],
            "name": t("series.friends", lang),
            "mode": "lines",
            "line": {"color": theme.OKABE_ITO["orange"], "width": 3},
        },
    ]
    fig = figure(VIEW, lang, title, traces, {"shapes": shapes, "annotations": notes}, date_axes=("xaxis",))
    first, last = int(curve["followers"].iloc[0]), int(curve["followers"].iloc[-1])
    change = fmt_pct((last - first) / first, lang, 0, signed=True) if first else "—"
    days = {k: d for d, k in zip(tables.events["date"], tables.events["kind"].astype(str), strict=True)}
    cm_day, certificate = days.get("cm_day"), days.get("certificate")
    one = "cm_day" if cm_day is not None else "certificate"
    caption = t(
        captions.calendar_caption(cm_day is not None, certificate is not None),
        lang,
        start=fmt_int(first, lang),
        end=fmt_int(last, lang),
        change=change,
        cm_day=_day(cm_day, lang) if cm_day is not None else "",
        certificate=_day(certificate, lang) if certificate is not None else "",
        date=_day(days.get(one), lang) if days.get(one) is not None else "",
        event=name("event", one, lang),
    )
    return Chart("follower_growth", VIEW, title, caption, fig, {t("series.fans", lang): change})


def chart_engagement_over_time(tables: Tables, *, lang: str) -> Chart:
    """Row 2: likes and retweets per month of publication; the reported month is the deck's."""
    title = t("chart.engagement_over_time.title", lang)
    if tables.posts.empty:
        return unavailable("engagement_over_time", VIEW, lang, title)
    monthly = shared(tables, metrics.monthly_engagement)
    per = monthly.groupby(["month", "kind"])["count"].sum().unstack(fill_value=0)
    per = per.reindex(columns=["like", "retweet"], fill_value=0)
    reported = month_of(tables)
    per = per[per.index <= reported]
    labels = [fmt_month_short(m, lang) for m in per.index]
    traces = [
        {
            "type": "bar",
            "x": labels,
            "y": per[kind].to_numpy(),
            "name": t(series_key, lang),
            "marker": {"color": color},
            "texttemplate": "%{y:,d}",
            "textposition": "outside",
            "textfont": {"size": 16, "color": theme.BOSS_TEXT},
            "cliponaxis": False,
        }
        for kind, series_key, color in (
            ("like", "series.likes", theme.OKABE_ITO["sky_blue"]),
            ("retweet", "series.retweets", theme.OKABE_ITO["orange"]),
        )
    ]
    fig = figure(VIEW, lang, title, traces, {"barmode": "group", "yaxis": {"rangemode": "tozero"}})
    kpis = shared(tables, metrics.vanity_kpis)
    caption = t(
        "chart.engagement_over_time.caption",
        lang,
        month=month_label(tables, lang),
        retweets=fmt_int(kpis.retweets, lang),
        likes=fmt_int(kpis.likes, lang),
    )
    headline = {
        t("tile.retweets", lang): fmt_int(kpis.retweets, lang),
        t("tile.likes", lang): fmt_int(kpis.likes, lang),
    }
    return Chart("engagement_over_time", VIEW, title, caption, fig, headline)


def chart_competitor_benchmark(tables: Tables, *, lang: str) -> Chart:
    """Row 10: the brand against its "competitors", who are the retweet ring."""
    title = t("chart.competitor_benchmark.title", lang)
    bench = metrics.competitor_benchmark(tables, kpis=shared(tables, metrics.vanity_kpis))
    if len(bench) <= 1:
        return unavailable("competitor_benchmark", VIEW, lang, title)
    bench = bench.assign(total=bench["likes"].fillna(0) + bench["retweets"].fillna(0))
    bench = bench.sort_values("total", ascending=True, kind="stable")
    labels = [
        t("series.brand", lang) + " — " + plain_text(n, 40) if b else plain_text(n, 40)
        for n, b in zip(bench["name"], bench["is_brand"], strict=True)
    ]
    colors = [
        theme.OKABE_ITO["yellow"] if b else (theme.OKABE_ITO["orange"] if r else theme.OKABE_ITO["sky_blue"])
        for b, r in zip(bench["is_brand"], bench["in_ring"], strict=True)
    ]
    status = [
        "" if b else t("series.in_ring" if r else "series.not_in_ring", lang)
        for b, r in zip(bench["is_brand"], bench["in_ring"], strict=True)
    ]
    bar = {
        "type": "bar",
        "x": bench["total"].to_numpy(),
        "y": labels,
        "orientation": "h",
        "marker": {"color": colors},
        "customdata": status,
        "hovertemplate": "%{y}: %{x:,d} (%{customdata})<extra></extra>",
        "texttemplate": "%{x:,d}",
        "textposition": "outside",
        "cliponaxis": False,
        "showlegend": False,
    }
    layout = {"height": max(420, 34 * len(bench) + 140), "xaxis": {"title": {"text": t("axis.likes_rts", lang)}}}
    fig = figure(VIEW, lang, title, [bar], layout)
    peers = bench[~bench["is_brand"]]
    ring = int(peers["in_ring"].sum())
    caption = t(
        "chart.competitor_benchmark.caption",
        lang,
        month=month_label(tables, lang),
        n=fmt_int(len(peers), lang),
        ring=fmt_int(ring, lang),
    )
    brand_rank = int((bench["total"] > bench.loc[bench["is_brand"], "total"].iloc[0]).sum()) + 1
    return Chart("competitor_benchmark", VIEW, title, caption, fig, {"#": f"{brand_rank} / {len(bench)}"})


def top_posts_table(tables: Tables, lang: str, n: int = 10) -> pd.DataFrame:
    """The month's top posts with translated column names and categories (for st.dataframe)."""
    top = shared(tables, metrics.top_posts, None, n)
    columns = {
        t("table.published_at", lang): top["published_at"],
        t("table.platform", lang): [name("platform", p, lang) for p in top["platform"]],
        t("table.format", lang): [name("format", f, lang) for f in top["format"]],
        t("table.likes", lang): top["likes"],
        t("table.retweets", lang): top["retweets"],
        t("table.replies", lang): top["replies"],
        t("table.conversions", lang): top["conversions"],
        # The long text last, so the counts (replies included) never scroll off to the right.
        t("table.text", lang): top["text"].astype(str),
    }
    if not captions.shows_sales(len(top), int(top["conversions"].sum())):
        del columns[t("table.conversions", lang)]  # the deck's voice: no column of zeros for Big Boss
    return pd.DataFrame(columns)


def chart_top_posts(tables: Tables, *, lang: str) -> Chart:
    """Row 1/8: the month's best posts by likes + retweets, with their text (escaped)."""
    title = t("chart.top_posts.title", lang)
    top = shared(tables, metrics.top_posts, None, 10)
    if top.empty:
        return unavailable("top_posts", VIEW, lang, title)
    sales = captions.shows_sales(len(top), int(top["conversions"].sum()))
    columns = ("published_at", "platform", "text", "likes", "retweets", *(("conversions",) if sales else ()))
    header = [t(f"table.{c}", lang) for c in columns]
    cells = [
        [fmt_day_short(d, lang) for d in top["published_at"]],
        [name("platform", p, lang) for p in top["platform"]],
        [plain_text(x, 90) for x in top["text"]],
        [fmt_int(v, lang) for v in top["likes"]],
        [fmt_int(v, lang) for v in top["retweets"]],
        *([[fmt_int(v, lang) for v in top["conversions"]]] if sales else []),
    ]
    table = {
        "type": "table",
        "columnwidth": [0.8, 1.1, 5.5, 0.8, 0.9, 0.7][: len(columns)],
        "header": {
            "values": header,
            "fill": {"color": theme.BOSS_PANEL},
            "align": "left",
            "font": {"color": theme.BOSS_TEXT, "size": 14},
            "height": 32,
        },
        "cells": {
            "values": cells,
            "fill": {"color": theme.BOSS_BG},
            "align": ["left", "left", "left", "right", "right", "right"][: len(columns)],
            "font": {"color": theme.BOSS_TEXT, "size": 13},
            "height": 28,
            "line": {"color": theme.BOSS_PANEL},
        },
    }
    fig = figure(VIEW, lang, title, [table], {"height": 480, "margin": {"l": 20, "r": 20, "t": 80, "b": 20}})
    caption = top_posts_caption(top, lang)
    return Chart("top_posts", VIEW, title, caption, fig, {})
