"""The third-party libraries every page draws with, imported completely and exercised once.

plotly builds its validators and trace classes lazily, on first use; this module builds a
small figure and serialises it the way ``st.plotly_chart`` does, so that the classes a
layout needs exist before two threads can reach for them. The launcher imports it first,
then lets sessions draw their placeholders (:mod:`rlff_app.startup.prefetch`) while it goes on
with :mod:`rlff_app.startup.warmup`.
"""

from __future__ import annotations

import pandas
import plotly.graph_objects as go
import plotly.io
import plotly.subplots  # noqa: F401
import plotly.tools
import pyarrow

# The blank chart and table rlff_app.startup.prefetch draws while the rest warms up: built here first,
# so the plotly classes and pandas/Arrow conversions they use exist before a session uses them.
BLANK_LAYOUT = {
    "height": 10,
    "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
    "xaxis": {"visible": False},
    "yaxis": {"visible": False},
}
EMPTY_TABLE = pandas.DataFrame({"": []})

# What st.plotly_chart does with a figure: validate it and serialise it; st.dataframe: Arrow.
plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(go.Figure(layout=BLANK_LAYOUT), True), validate=False)
pyarrow.Table.from_pandas(EMPTY_TABLE)
