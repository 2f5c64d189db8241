"""Side by side: what the deck says next to what it hides, and the vanity index between them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rlff.charts.base import month_label
from rlff.i18n import t
from rlff_app import show
from rlff_app.context import AppContext, PageSpec, current
from rlff_app.views.reality import reality_facts

# (vanity chart, value chart) shown on the same row.
PAIRS: tuple[tuple[str, str], ...] = (
    ("engagement_over_time", "engagement_sources"),
    ("follower_growth", "bought_followers"),
    ("competitor_benchmark", "response_time"),
)
CHARTS: tuple[str, ...] = (
    "vanity_index",
    *(k for pair in PAIRS for k in pair),
    "vanity_vs_value",
    "posts_vanity_value",
    "format_performance",
)


def render(ctx: AppContext) -> None:
    """Draw vanity (left) next to value (right), then the per-month and per-post comparisons."""
    lang = ctx.lang
    charts = ctx.charts(CHARTS)
    st.title(t("side.heading", lang, month=month_label(ctx.tables(), lang)))
    show.chart(charts["vanity_index"], ctx.chart_hint("vanity_index"))

    left, right = st.columns(2)
    with left:
        st.subheader(t("side.vanity", lang))
        show.vanity_tiles(ctx.kpis(), lang, names=("retweets", "likes"))
        show.vanity_tiles(ctx.kpis(), lang, names=("friends", "fans"))
    with right:
        st.subheader(t("side.value", lang))
        facts = reality_facts(ctx.reality_numbers(), lang)
        # Two a row, as the deck's side: three in half a page cut their labels short.
        for row in range(0, len(facts), 2):
            show.fact_tiles(facts[row : row + 2])
    for vanity, value in PAIRS:
        left, right = st.columns(2)
        with left:
            show.chart(charts[vanity], ctx.chart_hint(vanity))
        with right:
            show.chart(charts[value], ctx.chart_hint(value))
    show.chart(charts["vanity_vs_value"], ctx.chart_hint("vanity_vs_value"))
    left, right = st.columns(2)
    with left:
        show.chart(charts["posts_vanity_value"], ctx.chart_hint("posts_vanity_value"))
    with right:
        show.chart(charts["format_performance"], ctx.chart_hint("format_performance"))


PAGE = PageSpec(key="side", title_key="page.side", file=Path(__file__))

if __name__ == "__main__":
    render(current())
