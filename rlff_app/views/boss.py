"""Big Boss view: the glossy monthly deck — four giant tiles, growth, engagement, "competitors", top posts."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rlff.charts.base import month_label
from rlff.charts.boss import tiles_caption, top_posts_caption
from rlff.i18n import fmt_int, fmt_month, fmt_pct, t, widget_datetime_format
from rlff.metrics import previous_month
from rlff.metrics.reach import reach_numbers
from rlff_app import show
from rlff_app.context import AppContext, PageSpec, current

CHARTS: tuple[str, ...] = ("engagement_over_time", "follower_growth", "competitor_benchmark")


def render(ctx: AppContext) -> None:
    """Draw the deck for the reported month."""
    lang = ctx.lang
    tables = ctx.tables()
    charts = ctx.charts(CHARTS)
    show.boss_style()
    st.title(t("boss.heading", lang, month=month_label(tables, lang)))
    # The CM's name comes from the data: plain text, never Markdown.
    st.text(t("boss.subheading", lang, cm=tables.meta.cm_name or "#CM"))

    kpis = ctx.kpis()
    gaps = ctx.gaps()
    show.vanity_tiles(kpis, lang)
    if gaps.previous_month:
        st.caption(tiles_caption(kpis, lang))
    else:
        st.caption(t("boss.tiles_no_previous", lang, prev=fmt_month(previous_month(kpis.month), lang)))
    if not gaps.engagements_known:
        st.caption(t("data.caption.engagements_unknown", lang))
    if not (gaps.friends_known and gaps.fans_known):
        st.caption(t("data.caption.audience_unknown", lang))
    if kpis.engagement_rate is not None:
        # Engagement per impression next to engagement per follower, where the data has impressions.
        reach = reach_numbers(tables.posts, tables.engagements, kpis.month)
        follower = fmt_pct(kpis.engagement_rate, lang)
        if reach["engagement_per_impression"] is None:
            st.caption(t("boss.engagement_rate_only", lang, follower=follower))
        else:
            st.caption(
                t(
                    "boss.engagement_rates",
                    lang,
                    follower=follower,
                    impression=fmt_pct(reach["engagement_per_impression"], lang),
                    impressions=fmt_int(reach["impressions"], lang),
                )
            )

    left, right = st.columns(2)
    with left:
        show.chart(charts["engagement_over_time"], ctx.chart_hint("engagement_over_time"))
    with right:
        show.chart(charts["follower_growth"], ctx.chart_hint("follower_growth"))
    show.chart(charts["competitor_benchmark"], ctx.chart_hint("competitor_benchmark"))

    st.subheader(t("boss.top_posts", lang))
    # Post texts come from the data: a dataframe shows them as plain text.
    published = t("table.published_at", lang)
    date_format = widget_datetime_format(lang)
    top = ctx.top_posts()
    no_sales = gaps.lacks("format_performance")  # the files do not say what each post sold
    if no_sales:
        top = top.drop(columns=[t("table.conversions", lang)], errors="ignore")
    st.dataframe(
        top,
        hide_index=True,
        width="stretch",
        key="boss.top_posts",
        column_config={published: st.column_config.DatetimeColumn(published, format=date_format)},
    )
    if no_sales:
        st.caption(t("boss.top_posts_no_sales", lang, n=fmt_int(len(top), lang)))
    else:
        st.caption(top_posts_caption(top, lang))


PAGE = PageSpec(key="boss", title_key="page.boss", file=Path(__file__), default=True)

if __name__ == "__main__":
    render(current())
