"""Reality check: the same month, measured by what customers and the budget feel."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from rlff.charts.base import month_label
from rlff.i18n import fmt_duration_minutes, fmt_int, fmt_pct, t
from rlff_app import show
from rlff_app.context import AppContext, PageSpec, current

# Section -> rows; a row of one chart takes the full width (the crisis needs its days).
SECTIONS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("customers", (("response_time", "reply_rate"), ("crisis_timeline",))),
    ("money", (("roi", "platform_effort"),)),
    ("audience", (("bought_followers", "engagement_sources"), ("self_likes", "e_reputation"))),
    ("work", (("strategy_adherence", "hours_per_activity"), ("cm_output",))),
)


CHARTS: tuple[str, ...] = tuple(k for _, rows in SECTIONS for row in rows for k in row)


def reality_facts(r: dict, lang: str, complaint_wait: str | None = None) -> list[tuple[str, str]]:
    """The sober tiles (AppContext.reality_numbers), formatted for the language.

    ``complaint_wait`` is the response-time chart's own tile text, which says "never
    answered" where a bare median would show "—" (no data).
    """
    wait = complaint_wait or fmt_duration_minutes(r["complaint_median_minutes"], lang)
    return [
        (t("tile.reply_rate", lang), fmt_pct(r["reply_rate"], lang, 0)),
        (t("tile.complaint_wait", lang), wait),
        (t("tile.backlog", lang), fmt_int(r["unanswered_backlog"], lang)),
        (t("tile.roi", lang), fmt_pct(r["roi"], lang, 0, signed=True)),
        (t("tile.bought_share", lang), fmt_pct(r["bought_follower_share"], lang, 0)),
        (t("tile.strategy_adherence", lang), fmt_pct(r["strategy_adherence"], lang, 0)),
    ]


def render(ctx: AppContext) -> None:
    """Draw every reality chart of the reported month, by section, two per row (one when it needs the width)."""
    lang = ctx.lang
    charts = ctx.charts(CHARTS)
    st.title(t("reality.heading", lang, month=month_label(ctx.tables(), lang)))
    st.caption(t("reality.subheading", lang))
    wait = charts["response_time"].headline.get(t("tile.complaint_wait", lang))
    facts = reality_facts(ctx.reality_numbers(), lang, wait)
    show.fact_tiles(facts[:3])
    show.fact_tiles(facts[3:])
    for section, rows in SECTIONS:
        st.subheader(t(f"reality.section.{section}", lang))
        for row in rows:
            if len(row) == 1:
                show.chart(charts[row[0]], ctx.chart_hint(row[0]))
                continue
            for col, key in zip(st.columns(len(row)), row, strict=True):
                with col:
                    show.chart(charts[key], ctx.chart_hint(key))


PAGE = PageSpec(key="reality", title_key="page.reality", file=Path(__file__))

if __name__ == "__main__":
    render(current())
