"""Import the heavy modules completely, and draw the default dashboard once, before sessions draw.

A freshly started server runs its first sessions in parallel threads. plotly builds its
validators and trace classes lazily, on first use; two threads doing that first use at
the same time can see a half-built module. Importing this module (once per process: the
import lock makes concurrent sessions wait for it) builds every figure of the article's
scenario through the app's own caches, so later sessions find finished modules and a
warm cache for the link most people open.
"""

from __future__ import annotations

import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import plotly.io
import plotly.subplots  # noqa: F401
import plotly.tools

import rlff.charts  # noqa: F401
import rlff.metrics  # noqa: F401
import rlff.simulate  # noqa: F401
from rlff.scenario import DEFAULT
from rlff_app import context
from rlff_app.views import boss, reality, side


def _warm_up() -> None:
    key = context.data_key(DEFAULT, 0)
    context.vanity_kpis(DEFAULT, 0, key)
    context.reality_numbers(DEFAULT, 0, key)
    context.top_posts_table(DEFAULT, 0, key, "en")
    for chart_key in dict.fromkeys((*boss.CHARTS, *reality.CHARTS, *side.CHARTS)):
        chart = context.one_chart(DEFAULT, 0, key, chart_key, "en")
        # What st.plotly_chart does with a figure: validate it and serialise it.
        plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(chart.figure, True), validate=False)


_warm_up()
READY = True
