"""Import the heavy modules completely, and exercise plotly once, before any session draws.

A freshly started server runs its first sessions in parallel threads. plotly builds its
validators and trace classes lazily, on first use; two threads doing that first use at
the same time can see a half-built module. Importing this module (once per process: the
import lock makes concurrent sessions wait for it) builds every figure once, so later
sessions only ever find finished modules.
"""

from __future__ import annotations

import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import plotly.io
import plotly.subplots  # noqa: F401
import plotly.tools

import rlff.charts
import rlff.metrics  # noqa: F401
import rlff.simulate
from rlff.scenario import DEFAULT


def _warm_up() -> None:
    tables = rlff.simulate.simulate(DEFAULT, 0)
    # One language is enough: French figures use the same trace and layout classes.
    for chart in rlff.charts.build_charts(tables, lang="en"):
        # What st.plotly_chart does with a figure: validate it and serialise it.
        plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(chart.figure, True), validate=False)


_warm_up()
READY = True
