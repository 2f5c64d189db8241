"""Small Streamlit pieces every page uses: a chart with its caption, tiles, the deck's look.

Text that comes from the data (brand, names, post texts) is shown with ``st.text`` or
``st.dataframe``, never as Markdown or HTML. The only HTML here is static CSS.
"""

from __future__ import annotations

import streamlit as st

from rlff import metrics
from rlff.charts import Chart
from rlff.i18n import fmt_int, fmt_pct, fmt_signed, t

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

# Static CSS only (no data): the Big Boss view dresses its tiles like an agency slide.
_BOSS_CSS = """
<style>
div[data-testid="stMetric"] {
  background: linear-gradient(135deg, #0B1F3A 0%, #12305A 100%);
  border-radius: 14px; padding: 18px 22px; box-shadow: 0 6px 18px rgba(11,31,58,0.25);
}
div[data-testid="stMetric"] label, div[data-testid="stMetric"] label p { color: #A9C1E0 !important; font-size: 1.05rem; }
div[data-testid="stMetricValue"] { color: #FFFFFF; font-size: 2.5rem; font-weight: 700; }
</style>
"""


def boss_style() -> None:
    """Apply the glossy deck look to this page's tiles."""
    st.html(_BOSS_CSS)


def chart(c: Chart) -> None:
    """One chart, exactly as exported (``theme=None``), with its one-line caption below."""
    st.plotly_chart(c.figure, theme=None, width="stretch", config=PLOTLY_CONFIG, key=f"chart.{c.key}")
    st.caption(c.caption)


def delta_text(now: int | None, before: int | None, lang: str) -> str | None:
    """``+1,026 (+12.1%)``: the absolute and relative change since last month."""
    if now is None or before is None:
        return None
    rel = fmt_pct((now - before) / before, lang, 1, signed=True) if before else ""
    return f"{fmt_signed(now - before, lang)} ({rel})" if rel else fmt_signed(now - before, lang)


def vanity_tiles(
    kpis: metrics.VanityKPIs, lang: str, names: tuple[str, ...] = ("retweets", "likes", "friends", "fans")
) -> None:
    """The deck's giant numbers with their green arrows, one column each."""
    for col, name in zip(st.columns(len(names)), names, strict=True):
        with col:
            st.metric(
                t(f"tile.{name}", lang),
                fmt_int(getattr(kpis, name), lang),
                delta=delta_text(getattr(kpis, name), getattr(kpis, f"{name}_prev"), lang),
                help=t(f"tile.help.{name}", lang),
                border=True,
            )


def fact_tiles(facts: list[tuple[str, str]]) -> None:
    """Sober tiles (label, formatted value) with no arrows."""
    for col, (label, value) in zip(st.columns(len(facts)), facts, strict=True):
        with col:
            st.metric(label, value, border=True)
