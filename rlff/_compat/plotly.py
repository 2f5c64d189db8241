"""plotly.py's private insides RLFF uses, and the slower public path when they are gone.

Two hooks, checked against plotly 7.1.0 (present since plotly 4):

* ``unvalidated_template``: put an already validated, registered template on a figure without
  plotly deep-copying and validating it again (4-5 ms a figure), by switching off the
  layout's private ``_validate`` flag for that one assignment, as plotly does for its own default.
* ``unvalidated_figure``: ``go.Figure(..., _validate=False)`` for a figure built from a
  validated one (:mod:`rlff_app.browser_figure`).

Off, the same figures are built through plotly's public, validating path.
"""

from __future__ import annotations

import functools
from typing import Any

from rlff._compat import Hook

__all__ = ["UNVALIDATED_FIGURE", "UNVALIDATED_TEMPLATE", "fast_paths", "figure_without_validation", "set_template"]

UNVALIDATED_TEMPLATE = Hook(
    "plotly", "unvalidated_template", "6.1", "8", "each chart validates its template again (4-5 ms more a chart)"
)
UNVALIDATED_FIGURE = Hook(
    "plotly", "unvalidated_figure", "6.1", "8", "each dashboard chart is validated a second time (a few ms more)"
)


@functools.cache
def _template_flag_present() -> bool:
    import plotly.graph_objects as go

    return isinstance(getattr(go.Layout(), "_validate", None), bool)


@functools.cache
def _figure_flag_present() -> bool:
    import plotly.graph_objects as go

    return getattr(go.Figure(_validate=False), "_validate", True) is False


def fast_paths() -> dict[str, bool]:
    """Which plotly hooks are on with the installed plotly (False ones have warned)."""
    return {
        UNVALIDATED_TEMPLATE.name: UNVALIDATED_TEMPLATE.usable(_template_flag_present()),
        UNVALIDATED_FIGURE.name: UNVALIDATED_FIGURE.usable(_figure_flag_present()),
    }


def set_template(fig: Any, template: Any) -> None:
    """``fig.layout.template = template``, without validating a registered template again when the hook is on."""
    layout = fig.layout
    validate = getattr(layout, "_validate", None)
    if not UNVALIDATED_TEMPLATE.usable(isinstance(validate, bool)):
        layout.template = template
        return
    layout._validate = False
    try:
        layout.template = template
    finally:
        layout._validate = validate


def figure_without_validation(data: list[dict[str, Any]], layout: dict[str, Any]) -> Any:
    """``go.Figure(data, layout)`` for content that comes out of a validated figure: not validated again when the hook is on."""
    import plotly.graph_objects as go

    if UNVALIDATED_FIGURE.usable(_figure_flag_present()):
        return go.Figure(data=data, layout=layout, _validate=False)
    return go.Figure(data=data, layout=layout)
