"""Start the browser loading Streamlit's chart and table code while the server warms up.

Streamlit's page fetches the code of a kind of element (plotly.js, 4.7 MB; the data grid
and Arrow, 1.3 MB) when the first element of that kind arrives, then compiles it: 1.5-2 s
in a browser that never loaded it. On a freshly started server the first session would
otherwise wait for the warm-up (~1 s) with the browser idle, then wait again for that
code. So, during the warm-up, the session draws an empty chart and an empty table in a
one-pixel slot, and clears the slot once the warm-up is done: the browser has spent the
wait fetching and compiling the code the view's real charts need.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from rlff_app.startup.libraries import BLANK_LAYOUT, EMPTY_TABLE

_BLANK = go.Figure(layout=BLANK_LAYOUT)


def start_loading_components() -> DeltaGenerator:
    """Draw the blank chart and table; returns the slot to clear (``slot.empty()``)."""
    slot = st.empty()
    with slot.container(height=1, border=False):
        st.plotly_chart(_BLANK, config={"staticPlot": True}, key="rlff.prefetch.chart")
        st.dataframe(EMPTY_TABLE, key="rlff.prefetch.table", hide_index=True)
    return slot
