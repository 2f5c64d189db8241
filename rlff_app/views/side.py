"""Side by side: what the deck says next to what it hides, and the vanity index between them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rlff.charts_base import month_label
from rlff.i18n import t
from rlff_app import show
from rlff_app.context import AppContext, PageSpec, current
from rlff_app.views.reality import reality_facts

# (vanity chart, value chart) shown on the same row.
PAIRS: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("boss", "engagement_over_time"), ("reality", "engagement_sources")),
    (("boss", "follower_growth"), ("reality", "bought_followers")),
    (("boss", "competitor_benchmark"), ("reality", "response_time")),
)


def render(ctx: AppContext) -> None:
    """Draw vanity (left) next to value (right), then the per-month and per-post comparisons."""
    lang = ctx.lang
    views = {v: ctx.charts(v) for v in ("boss", "reality", "side")}
    st.title(t("side.heading", lang, month=month_label(ctx.tables(), lang)))
    show.chart(views["side"]["vanity_index"])

    left, right = st.columns(2)
    with left:
        st.subheader(t("side.vanity", lang))
        show.vanity_tiles(ctx.kpis(), lang, names=("retweets", "likes"))
        show.vanity_tiles(ctx.kpis(), lang, names=("friends", "fans"))
    with right:
        st.subheader(t("side.value", lang))
        facts = reality_facts(ctx.report(), lang)
        show.fact_tiles(facts[:3])
        show.fact_tiles(facts[3:])
    for (v1, k1), (v2, k2) in PAIRS:
        left, right = st.columns(2)
        with left:
            show.chart(views[v1][k1])
        with right:
            show.chart(views[v2][k2])
    show.chart(views["side"]["vanity_vs_value"])
    left, right = st.columns(2)
    with left:
        show.chart(views["side"]["posts_vanity_value"])
    with right:
        show.chart(views["side"]["format_performance"])


PAGE = PageSpec(key="side", title_key="page.side", file=Path(__file__))

if __name__ == "__main__":
    render(current())
