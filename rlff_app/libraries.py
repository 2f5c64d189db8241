"""The third-party libraries every page draws with, imported completely and exercised once.

plotly builds its validators and trace classes lazily, on first use; this module builds a
small figure and serialises it the way ``st.plotly_chart`` does, so that the classes a
layout needs exist before two threads can reach for them. The launcher imports it first,
then lets sessions draw their placeholders (:mod:`rlff_app.prefetch`) while it goes on
with :mod:`rlff_app.warmup`.
"""

from __future__ import annotations

import pandas
import plotly.graph_objects as go
import plotly.io
import plotly.subplots  # noqa: F401
import plotly.tools
import pyarrow  # noqa: F401 - st.dataframe's serialisation

# What st.plotly_chart does with a figure: validate it and serialise it.
plotly.io.to_json(
    plotly.tools.return_figure_from_figure_or_data(go.Figure(layout={"height": 10}), True), validate=False
)
pandas.DataFrame({"": []})
