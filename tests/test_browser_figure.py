"""rlff_app.browser_figure: the dashboard's copy of a figure, template folded in, plain arrays, a datarevision.

That both copies draw the same pixels is checked in Chromium (tests/test_export_render.py);
that the dashboard then computes each chart once, in tests/browser.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from rlff.charts import CHART_KEYS, build_chart
from rlff.charts.base import unavailable
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from rlff_app.browser_figure import data_revision, for_browser


def _spec(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def _missing_as_none(value):
    """NaN and null are the same missing value to plotly.js."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, list):
        return [_missing_as_none(v) for v in value]
    return value


def _decoded(value):
    """Independent decoding of plotly.py's typed arrays, to compare values."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


@pytest.fixture(scope="module")
def tables_fr():
    return simulate(DEFAULT.replace(lang="fr"), 4)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("key", CHART_KEYS)
def test_every_chart_goes_to_the_browser_without_template_or_typed_arrays(key, lang, default_tables, tables_fr):
    tables = default_tables if lang == "en" else tables_fr
    original = build_chart(tables, key, lang=lang).figure
    spec = _spec(for_browser(original))
    text = json.dumps(spec)
    assert spec["layout"].get("template") is None  # absent, or null: no template either way
    assert '"bdata"' not in text
    assert spec["layout"]["datarevision"] == data_revision(spec["data"])
    # Same traces, same values: only the template's defaults were added.
    before = _decoded(_spec(original)["data"])
    assert len(spec["data"]) == len(before)
    for old, new in zip(before, spec["data"], strict=True):
        for attr in ("type", "x", "y", "values", "labels", "text", "name", "value"):
            assert _missing_as_none(new.get(attr)) == _missing_as_none(old.get(attr)), (key, attr)


def test_the_figure_s_own_values_win_over_the_template(default_tables):
    fig = build_chart(default_tables, "competitor_benchmark", lang="en").figure
    template = fig.layout.template
    spec = _spec(for_browser(fig))["layout"]
    assert spec["height"] == fig.layout.height != template.layout.height
    assert spec["title"]["text"] == fig.layout.title.text
    assert spec["title"]["font"]["size"] == template.layout.title.font.size
    assert spec["paper_bgcolor"] == template.layout.paper_bgcolor
    assert spec["font"]["family"] == template.layout.font.family


def test_the_template_s_trace_defaults_cycle_per_type():
    template = go.layout.Template(
        data={"bar": [go.Bar(opacity=0.5), go.Bar(opacity=0.25)]}, layout={"paper_bgcolor": "#101010"}
    )
    fig = go.Figure(
        data=[go.Bar(y=[1]), go.Scatter(y=[1]), go.Bar(y=[2]), go.Bar(y=[3], opacity=1.0)],
        layout={"template": template},
    )
    data = _spec(for_browser(fig))["data"]
    assert [d.get("opacity") for d in data] == [0.5, None, 0.25, 1.0]
    assert all("type" in d for d in data)


def test_axes_keep_off_what_plotly_js_turns_on_only_for_the_figure_s_own_settings():
    template = go.layout.Template(layout={"xaxis": {"linecolor": "#BFBFBF", "gridcolor": "#EEEEEE", "showgrid": True}})
    fig = go.Figure(
        data=[go.Bar(y=[1, 2]), go.Bar(y=[1, 2], xaxis="x2", yaxis="y2")],
        layout={"template": template, "xaxis": {"linecolor": "#000000"}, "xaxis2": {}},
    )
    layout = _spec(for_browser(fig))["layout"]
    # The figure set linecolor on xaxis: plotly.js shows the line itself; nothing to add.
    assert "showline" not in layout["xaxis"]
    # On xaxis2 only the template did: the line stays off, as with the template.
    assert layout["xaxis2"]["showline"] is False and layout["xaxis2"]["linecolor"] == "#BFBFBF"
    # showgrid is the template's own setting: folded as it is.
    assert layout["xaxis"]["showgrid"] is True and layout["xaxis2"]["showgrid"] is True


def test_axes_used_only_by_traces_get_the_template_and_a_pie_gets_no_axis():
    template = go.layout.Template(layout={"xaxis": {"tickfont": {"size": 9}}, "yaxis": {"tickfont": {"size": 8}}})
    cartesian = go.Figure(data=[go.Bar(y=[1], xaxis="x3", yaxis="y3")], layout={"template": template})
    layout = _spec(for_browser(cartesian))["layout"]
    assert layout["xaxis3"]["tickfont"]["size"] == 9 and layout["yaxis3"]["tickfont"]["size"] == 8
    assert "xaxis" not in layout
    pie = go.Figure(data=[go.Pie(values=[1, 2])], layout={"template": template})
    layout = _spec(for_browser(pie))["layout"]
    assert not any(key.startswith(("xaxis", "yaxis")) for key in layout)


@pytest.mark.parametrize(
    "template_layout", [{"polar": {"bgcolor": "#FFFFFF"}}, {"annotationdefaults": {"font": {"size": 20}}}]
)
def test_a_template_it_cannot_fold_leaves_the_figure_as_it_is(template_layout):
    fig = go.Figure(data=[go.Bar(y=[1])], layout={"template": go.layout.Template(layout=template_layout)})
    assert for_browser(fig) is fig


def test_an_animated_figure_is_left_as_it_is():
    template = go.layout.Template(layout={"paper_bgcolor": "#101010"})
    fig = go.Figure(data=[go.Bar(y=[1])], layout={"template": template}, frames=[go.Frame(data=[go.Bar(y=[2])])])
    assert for_browser(fig) is fig


def test_two_dimensional_typed_arrays_come_back_as_nested_lists():
    z = np.arange(6, dtype=np.int32).reshape(2, 3)
    fig = go.Figure(data=[go.Heatmap(z=z)], layout={"template": go.layout.Template()})
    assert "bdata" in pio.to_json(fig, validate=False)  # plotly.py did encode it
    assert _spec(for_browser(fig))["data"][0]["z"] == [[0, 1, 2], [3, 4, 5]]


def test_the_datarevision_follows_the_data_only(default_tables):
    first = _spec(for_browser(build_chart(default_tables, "bought_followers", lang="en").figure))
    again = _spec(for_browser(build_chart(default_tables, "bought_followers", lang="en").figure))
    other = simulate(DEFAULT.replace(follower_purchases=3), 0)
    moved = _spec(for_browser(build_chart(other, "bought_followers", lang="en").figure))
    assert first["layout"]["datarevision"] == again["layout"]["datarevision"]
    assert first["layout"]["datarevision"] != moved["layout"]["datarevision"]


def test_a_chart_the_data_cannot_draw_goes_through_too():
    fig = unavailable("roi", "reality", "fr", "ROI").figure
    layout = _spec(for_browser(fig))["layout"]
    assert layout["annotations"][0]["text"] == fig.layout.annotations[0].text
    assert layout["xaxis"]["visible"] is False
