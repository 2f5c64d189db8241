"""Small Streamlit pieces every page uses: a chart with its caption, tiles, the deck's look.

Text that comes from the data or the user (brand, names, post texts, file names, import
messages, URL values) is shown with ``st.text`` or ``st.dataframe``, or passed through
:func:`plain_md` before an element that renders Markdown (``st.error``, ``st.caption``…).
The only HTML here is static CSS.
"""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from rlff import metrics
from rlff.charts import Chart
from rlff.i18n import fmt_int, fmt_pct, fmt_signed, t
from rlff.memo import shared
from rlff_app._compat.streamlit import metric_selectors
from rlff_app.browser_figure import for_browser

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping them all
# leaves no link, emphasis, HTML tag, entity, directive (:red[…]) or LaTeX ($…$) to render.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")

# Static CSS only (no data): the Big Boss view dresses its tiles like an agency slide. The
# selectors are Streamlit's private element names (rlff_app._compat.streamlit).
_BOSS_CSS = """
<style>
{metric} {{
  background: linear-gradient(135deg, #0B1F3A 0%, #12305A 100%);
  border-radius: 14px; padding: 18px 22px; box-shadow: 0 6px 18px rgba(11,31,58,0.25);
}}
{metric} label, {metric} label p {{ color: #A9C1E0 !important; font-size: 1.05rem; }}
{value} {{ color: #FFFFFF; font-size: 2.5rem; font-weight: 700; }}
</style>
"""


def boss_style() -> None:
    """Apply the glossy deck look to this page's tiles (Streamlit's plain look if its element names are unknown)."""
    selectors = metric_selectors()
    if selectors is not None:
        st.html(_BOSS_CSS.format(**selectors))


def plain_md(text: object) -> str:
    """``text`` escaped for an element that renders Markdown: shown literally, nothing runs or links.

    ``[click](javascript:alert(1))`` becomes ``\\[click\\]\\(javascript\\:alert\\(1\\)\\)``,
    which Markdown shows as the original characters.
    """
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def chart(c: Chart, hint: str | None = None) -> None:
    """One chart, exactly as exported (``theme=None``), with its one-line caption below.

    A chart the data cannot draw shows its "what is missing" message instead, and ``hint``
    (what to upload to get it) when given.
    """
    if not c.available:
        with st.container(border=True):
            st.info(plain_md(c.caption), icon=":material/block:")
            if hint:
                st.caption(plain_md(hint))
        return
    st.plotly_chart(browser_figure(c.figure), theme=None, width="stretch", config=PLOTLY_CONFIG, key=f"chart.{c.key}")
    st.caption(plain_md(c.caption))


def browser_figure(fig: go.Figure) -> go.Figure:
    """:func:`rlff_app.browser_figure.for_browser` of ``fig``, once per figure object.

    The context's cached charts are never mutated, so their browser copies are kept as long
    as they live (a rerun that draws a cached chart costs a dict lookup).
    """
    return shared(fig, for_browser)


def delta_text(now: int | None, before: int | None, lang: str) -> str | None:
    """``+1,026 (+12.1%)``: the absolute and relative change since last month."""
    if now is None or before is None:
        return None
    rel = fmt_pct((now - before) / before, lang, 1, signed=True) if before else ""
    return f"{fmt_signed(now - before, lang)} ({rel})" if rel else fmt_signed(now - before, lang)


def delta_direction(now: int | None, before: int | None) -> dict[str, Any]:
    """``st.metric`` arguments that colour and point a fall red and down (else Streamlit's default)."""
    if now is not None and before is not None and now < before:
        return {"delta_color": "red", "delta_arrow": "down"}
    return {}


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
                # The delta's minus is U+2212, which Streamlit does not read as negative: say it.
                **delta_direction(getattr(kpis, name), getattr(kpis, f"{name}_prev")),
                help=t(f"tile.help.{name}", lang),
                border=True,
            )


def fact_tiles(facts: list[tuple[str, str]]) -> None:
    """Sober tiles (label, formatted value) with no arrows."""
    for col, (label, value) in zip(st.columns(len(facts)), facts, strict=True):
        with col:
            st.metric(label, value, border=True)
