"""Figures built in one go (rlff.charts.base.figure, subplot_grid) equal plotly's step-by-step construction."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from rlff import metrics
from rlff.charts.base import SUBPLOT_TITLE_SIZE, figure, finish, subplot_grid

DATES = ["2026-01-01", "2026-01-02", "2026-01-03"]


def test_figure_equals_traces_added_then_layout_updated_then_finished():
    step = go.Figure()
    step.add_trace(go.Bar(x=DATES, y=[1, 2, 3], name="a", marker={"color": "#000000"}))
    step.add_trace(go.Scatter(x=DATES, y=[3, 2, 1], name="b", mode="lines"))
    step.add_shape(type="line", xref="paper", x0=0, x1=1, y0=2, y1=2, line={"color": "#404040"})
    step.add_annotation(x=DATES[1], y=2, text="two", showarrow=False)
    step.update_layout(barmode="stack")
    step.update_yaxes(title={"text": "n"}, rangemode="tozero")
    finish(step, title="T", view="reality", lang="fr", date_axes=("xaxis",))

    traces = [
        {"type": "bar", "x": DATES, "y": [1, 2, 3], "name": "a", "marker": {"color": "#000000"}},
        {"type": "scatter", "x": DATES, "y": [3, 2, 1], "name": "b", "mode": "lines"},
    ]
    layout = {
        "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 2, "y1": 2, "line": {"color": "#404040"}}],
        "annotations": [{"x": DATES[1], "y": 2, "text": "two", "showarrow": False}],
        "barmode": "stack",
        "yaxis": {"title": {"text": "n"}, "rangemode": "tozero"},
    }
    once = figure("reality", "fr", "T", traces, layout, date_axes=("xaxis",))
    assert once.to_dict() == step.to_dict()


@pytest.mark.parametrize(
    ("grid_args", "subplot_args", "kinds"),
    [
        ({"types": (("indicator",) * 4,)}, {"specs": [[{"type": "indicator"}] * 4]}, ["indicator"] * 4),
        (
            {"types": (("indicator", "xy"),), "column_widths": (0.35, 0.65), "horizontal_spacing": 0.3},
            {
                "specs": [[{"type": "indicator"}, {"type": "xy"}]],
                "column_widths": [0.35, 0.65],
                "horizontal_spacing": 0.3,
            },
            ["indicator", "bar"],
        ),
        (
            {"subplot_titles": ("left", "right"), "horizontal_spacing": 0.12},
            {"subplot_titles": ("left", "right"), "horizontal_spacing": 0.12},
            ["bar", "bar"],
        ),
    ],
)
def test_subplot_grid_places_traces_and_axes_as_make_subplots_does(grid_args, subplot_args, kinds):
    cols = len(kinds)

    def trace(kind: str, col: int) -> dict:
        return {"type": "indicator", "value": col} if kind == "indicator" else {"type": kind, "x": ["a"], "y": [col]}

    step = make_subplots(rows=1, cols=cols, **subplot_args)
    for col, kind in enumerate(kinds, start=1):
        step.add_trace(trace(kind, col), row=1, col=col)
    if kinds[-1] != "indicator":
        step.update_yaxes(range=[0, 2], row=1, col=cols)
    step.update_annotations(font_size=SUBPLOT_TITLE_SIZE)  # the grid's one change: smaller subplot titles
    finish(step, title="T", view="side", lang="en")

    grid = subplot_grid(1, cols, **grid_args)
    layout = {grid.axis("y", 1, cols): {"range": [0, 2]}} if kinds[-1] != "indicator" else {}
    traces = [trace(kind, col) | grid.cell(1, col) for col, kind in enumerate(kinds, start=1)]
    once = figure("side", "en", "T", traces, layout, grid=grid)
    assert once.to_dict() == step.to_dict()


def test_subplot_grid_hands_out_copies():
    grid = subplot_grid(1, 2, subplot_titles=("a", "b"))
    figure("side", "en", "T", [], {"annotations": [{"text": "extra"}]}, grid=grid)
    grid.cell(1, 2)["xaxis"] = "x9"
    assert grid.cell(1, 2) == {"xaxis": "x2", "yaxis": "y2"}
    assert [a["text"] for a in grid.layout["annotations"]] == ["a", "b"]


def test_competitor_benchmark_reuses_kpis_of_the_same_month_only(default_tables):
    plain = metrics.competitor_benchmark(default_tables)
    kpis = metrics.vanity_kpis(default_tables)
    assert metrics.competitor_benchmark(default_tables, kpis=kpis).equals(plain)
    other = metrics.vanity_kpis(default_tables, metrics.previous_month(kpis.month))
    assert metrics.competitor_benchmark(default_tables, kpis=other).equals(plain)


def test_vanity_index_of_its_components_is_the_vanity_index(default_tables):
    components = metrics.vanity_index_components(default_tables)
    assert metrics.vanity_index_of(components) == metrics.vanity_index(default_tables)
    assert metrics.vanity_index_of(dict.fromkeys(components)) is None


def test_one_source_count_gives_the_shares_and_the_non_customer_share(default_tables):
    counts = metrics.source_counts(default_tables)
    assert metrics.source_shares(counts) == metrics.engagement_sources(default_tables)
    assert metrics.known_source_share(counts, metrics.NON_CUSTOMER_SOURCES) == metrics.non_customer_share(
        default_tables
    )
