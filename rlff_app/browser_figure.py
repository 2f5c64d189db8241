"""A figure as the dashboard hands it to plotly.js, so a new chart is computed and drawn once.

Streamlit's plotly element draws a new chart, then, in an effect right after it mounts,
gives plotly.js a deep copy of the same figure (``Plotly.react``). plotly.js decides what
that copy changed by comparing objects, not values, in three places:

* ``layout.template`` is one attribute of type "any": a copied template is a changed
  template, and a changed template means "recalculate everything";
* plotly.py sends numpy arrays as base64 typed arrays, and two typed arrays are always
  "changed" data;
* plain data arrays are compared by identity unless ``layout.datarevision`` is set.

So every new chart was computed and drawn twice (measured: the second pass costs as much
as the first, ~30-40 ms a chart here). :func:`for_browser` returns the same picture with
the template folded into the layout and the traces, plain arrays, and a ``datarevision``
that names the data; the second ``Plotly.react`` then finds nothing to do.
``tests/test_browser_figure.py`` checks, in Chromium, that both figures draw the same
pixels, and ``tests/browser`` that the dashboard's charts are computed once.

Pure plotly (no streamlit): the exports keep the templated figures.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from rlff._compat.plotly import figure_without_validation

# Template layout keys that apply to every subplot of their kind ("xaxis" to xaxis2...).
_AXES = ("xaxis", "yaxis")
# plotly.js turns these on when the figure itself sets one of the attributes after them
# (``showline`` when it sets ``linecolor``), but not when only the template does: once the
# template is folded in, that must be said explicitly. Value: what "off" is.
_IMPLIED: dict[str, tuple[Any, tuple[str, ...]]] = {
    "showline": (False, ("linecolor", "linewidth")),
    "showgrid": (False, ("gridcolor", "gridwidth")),
    "zeroline": (False, ("zerolinecolor", "zerolinewidth")),
    "ticks": ("", ("ticklen", "tickwidth", "tickcolor")),
}
# Other subplot kinds, and defaults for items of arrays (annotationdefaults...): not folded.
_UNFOLDED = re.compile(r"^(scene|polar|geo|ternary|mapbox|map|smith|coloraxis)$|defaults$")


def for_browser(fig: go.Figure) -> go.Figure:
    """``fig`` with its template folded in, plain arrays and a ``datarevision``: the same picture.

    A template this module cannot fold (subplot kinds other than x/y axes, ``*defaults``)
    and animation frames (their traces take the template at play time) leave the figure as
    it is: still right, only drawn twice.
    """
    spec = json.loads(pio.to_json(fig, validate=False))
    layout: dict[str, Any] = spec.get("layout", {})
    template = layout.pop("template", None) or {}
    template_layout: dict[str, Any] = template.get("layout", {})
    if spec.get("frames") or any(_UNFOLDED.search(key) for key in template_layout):
        return fig
    data = [_plain(trace) for trace in spec.get("data", [])]
    data = _fold_traces(data, template.get("data", {}))
    layout = _plain(layout)
    for key, value in template_layout.items():
        if key in _AXES:
            for name in _axes_of(key, layout, data):
                layout[name] = _fold_axis(layout.get(name) or {}, value)
        else:
            layout[key] = _under(layout.get(key), value)
    layout["datarevision"] = data_revision(data)
    # Everything here comes out of a validated figure and a registered (validated) template:
    # validating it again would triple the cost (plotly's private switch: rlff._compat.plotly).
    out = figure_without_validation(data, layout)
    out.layout.template = None  # not plotly's default template either: the folded one is all
    return out


def data_revision(data: list[dict[str, Any]]) -> str:
    """A short name of the traces' content: it changes exactly when the data does."""
    # NaN as null: plotly writes a missing value either way, depending on where it comes from.
    text = json.dumps(_nan_as_none(data), sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _nan_as_none(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _nan_as_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_as_none(v) for v in value]
    return value


def _under(value: Any, default: Any) -> Any:
    """``value`` with ``default`` filling what it leaves unset (dicts merge, the rest is kept)."""
    if value is None:
        return json.loads(json.dumps(default))
    if isinstance(value, dict) and isinstance(default, dict):
        out = dict(value)
        for key, fallback in default.items():
            out[key] = _under(value.get(key), fallback)
        return out
    return value


def _fold_axis(axis: dict[str, Any], template_axis: dict[str, Any]) -> dict[str, Any]:
    """An axis over the template's, keeping off what plotly.js would not have turned on."""
    out = _under(axis, template_axis)
    for flag, (off, implied_by) in _IMPLIED.items():
        from_template = any(k in template_axis for k in implied_by) and not any(k in axis for k in implied_by)
        if flag not in axis and flag not in template_axis and from_template:
            out[flag] = off
    return out


def _fold_traces(data: list[dict[str, Any]], template_data: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each trace over its type's template trace, cycling as plotly.js does (n-th bar, n-th template bar)."""
    seen: dict[str, int] = {}
    out = []
    for trace in data:
        kind = trace.get("type", "scatter")
        defaults = template_data.get(kind) or []
        index = seen.get(kind, 0)
        seen[kind] = index + 1
        if defaults:
            default = {k: v for k, v in defaults[index % len(defaults)].items() if k != "type"}
            trace = _under(trace, default)
        out.append(trace)
    return out


def _axes_of(kind: str, layout: dict[str, Any], data: list[dict[str, Any]]) -> list[str]:
    """Every ``xaxis``/``yaxis``... the figure draws: named in the layout, or used by a cartesian trace."""
    pattern = re.compile(rf"^{kind}\d*$")
    names = {key for key in layout if pattern.match(key)}
    letter = kind[0]
    for trace in data:
        if _is_cartesian(trace.get("type", "scatter")):
            ref = trace.get(f"{letter}axis", letter)
            names.add(f"{kind}{ref[1:]}")
    return sorted(names, key=lambda name: (len(name), name))


@lru_cache(maxsize=64)
def _is_cartesian(kind: str) -> bool:
    return "xaxis" in go.Figure(data=[{"type": kind}]).data[0]  # a property of this trace type


def _plain(value: Any) -> Any:
    """JSON with plotly.py's base64 typed arrays (``{"dtype", "bdata"}``) turned back into lists."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            if "shape" in value:
                shape = value["shape"]
                array = array.reshape([int(n) for n in str(shape).split(",")] if isinstance(shape, str) else shape)
            return array.tolist()
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
