"""Export: the deck for Big Boss (.pptx), every chart in a ZIP, one PNG per chart (rlff_app.export_page).

The files follow the dashboard: the simulated scenario or the uploaded data, in the
sidebar's language, with the charts the views have already built and cached.
"""

from __future__ import annotations

from pathlib import Path

from rlff.charts import CHART_KEYS
from rlff_app.context import AppContext, PageSpec, current
from rlff_app.export_page import render_export_page


def render(ctx: AppContext) -> None:
    """Draw the Export page for the data and the language in use."""
    charts = ctx.charts(tuple(CHART_KEYS))
    render_export_page(ctx.tables(), ctx.lang, charts=[charts[k] for k in CHART_KEYS])


PAGE = PageSpec(key="export", title_key="page.export", file=Path(__file__))

if __name__ == "__main__":
    render(current())
