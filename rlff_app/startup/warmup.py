"""Import the heavy modules completely, and draw the default dashboard once, before sessions draw.

A freshly started server runs its first sessions in parallel threads. plotly builds its
validators and trace classes lazily, on first use; two threads doing that first use at
the same time can see a half-built module. Importing this module (once per process: the
import lock makes concurrent sessions wait for it) builds every figure of the article's
scenario through the app's own caches, so later sessions find finished modules and a
warm cache for the link most people open.
"""

from __future__ import annotations

import plotly.io
import plotly.tools

import rlff.charts  # noqa: F401
import rlff.metrics  # noqa: F401
import rlff.simulation.simulate  # noqa: F401
import rlff_app.startup.libraries  # noqa: F401 - pandas and plotly, complete
from rlff.simulation.scenario import DEFAULT
from rlff_app import context
from rlff_app._compat.streamlit import streamlit_once_per_process
from rlff_app.pages import PAGES  # noqa: F401 - every page module, as main.py imports them
from rlff_app.show import browser_figure
from rlff_app.views import boss, reality, side


def _warm_up() -> None:
    # What Streamlit does once, on the first element any session draws (inspect.stack(), 0.3-1 s
    # on a session's deep stack): done here, from a shallow one (a private hook; see _compat).
    streamlit_once_per_process()
    key = context.data_key(DEFAULT, 0)
    context.vanity_kpis(DEFAULT, 0, key)
    context.reality_numbers(DEFAULT, 0, key)
    context.top_posts_table(DEFAULT, 0, key, "en")
    for chart_key in dict.fromkeys((*boss.CHARTS, *reality.CHARTS, *side.CHARTS)):
        chart = context.one_chart(DEFAULT, 0, key, chart_key, "en")
        # What rlff_app.show.chart and then st.plotly_chart do with a figure.
        figure = browser_figure(chart.figure)
        plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(figure, True), validate=False)


_warm_up()
READY = True
