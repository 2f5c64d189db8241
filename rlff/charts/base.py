"""What every RLFF chart builder shares: the :class:`Chart` record and small figure helpers.

A builder takes the tables first and the language as a keyword, computes its numbers
through :mod:`rlff.metrics`, and returns a :class:`Chart` (figure, translated title and
caption, headline numbers). Text that comes from the data (post texts, names, the
brand) goes through :func:`plain_text` before it reaches a figure: plotly renders a
subset of HTML in titles, labels and hover text, and data must stay plain text.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rlff.charts import theme
from rlff.i18n import (
    check_lang,
    fmt_month,
    plotly_date_format,
    plotly_separators,
    plotly_tick_format,
    t,
)
from rlff.metrics.periods import month_start
from rlff.schema import Tables

VIEWS: tuple[str, ...] = ("boss", "reality", "side")


@dataclass(frozen=True)
class Chart:
    """One chart of the dashboard or the deck.

    Attributes:
        key: stable identifier, e.g. ``"response_time"`` (see ``rlff.charts.CHART_KEYS``).
        view: ``"boss"``, ``"reality"`` or ``"side"``.
        title: translated title (plain text).
        caption: one translated line saying what the chart shows, with its numbers.
        figure: the plotly figure, templated with the view's theme.
        headline: big numbers for a slide, label -> formatted value (may be empty).
        available: False when the data cannot draw it (an import without an inbox, say);
            the figure then only says so.
    """

    key: str
    view: str
    title: str
    caption: str
    figure: go.Figure
    headline: dict[str, str] = field(default_factory=dict)
    available: bool = True


def plain_text(text: object, max_len: int | None = None) -> str:
    """Data text made safe for a plotly figure: ``<``/``>``/``&`` escaped, newlines flattened.

    Args:
        text: any value (None and NaN become an empty string).
        max_len: cut to this many characters, ending with "…".
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = " ".join(str(text).split())
    if max_len is not None and len(s) > max_len:
        s = s[: max_len - 1].rstrip() + "…"
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def month_of(tables: Tables) -> pd.Timestamp:
    """The reported month of the dataset, as a Timestamp at its first day."""
    return month_start(tables.meta.reported_month)


def merge_into(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``extra`` into ``base`` the way ``fig.update_layout`` does: nested dicts merge, the rest replaces."""
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            merge_into(base[key], value)
        else:
            base[key] = copy.deepcopy(value) if isinstance(value, (dict, list)) else value
    return base


def figure(
    view: str,
    lang: str,
    title: str,
    data: Iterable[Mapping[str, Any]] = (),
    layout: Mapping[str, Any] | None = None,
    *,
    date_axes: tuple[str, ...] = (),
    grid: Grid | None = None,
) -> go.Figure:
    """A finished figure, built and validated once: traces as dicts (``{"type": "bar", ...}``),
    the layout as one dict, then the view's template, the title, the language's number
    separators and date formats on top (what :func:`finish` does to a figure).

    One ``go.Figure(data, layout)`` validates everything in one pass; building a figure with
    ``add_trace``/``update_layout``/``make_subplots`` validates (and deep-copies) at every
    step and costs several times more. ``grid`` places traces on subplots (:func:`subplot_grid`).
    """
    full: dict[str, Any] = copy.deepcopy(grid.layout) if grid is not None else {}
    merge_into(full, layout or {})
    merge_into(full, finishing_layout(view, lang, title, date_axes))
    template = full.pop("template")
    fig = go.Figure(data=list(data), layout=full)
    _set_registered_template(fig, template)
    return fig


def percent_axis(lang: str, top: float = 1.15, step: float | None = None) -> dict[str, Any]:
    """A 0..``top`` axis of shares with ticks written by the language (``20 %`` in French).

    plotly's ``.0%`` tick format glues the sign to the number; French puts a narrow
    no-break space before it, so the ticks are given as text.
    """
    from rlff.i18n import fmt_pct

    step = step or (0.2 if top > 0.5 else 0.1)
    values = [round(i * step, 6) for i in range(int(top / step + 1e-9) + 1)]
    return {"range": [0, top], "tickvals": values, "ticktext": [fmt_pct(v, lang, 0) for v in values]}


def _set_registered_template(fig: go.Figure, name: str) -> None:
    """Put the registered template ``name`` on ``fig`` without validating and deep-copying it again.

    Setting a template by name makes plotly deep-copy and re-validate the registered
    Template object: 4-5 ms a figure, most of the cost of building a small chart. It was
    validated when it was registered, and plotly sets its own default template the same
    way (``_initialize_layout_template``). ``tests/test_charts.py`` checks every figure
    carries its view's template, whole.
    """
    import plotly.io as pio

    from rlff._compat.plotly import set_template

    set_template(fig, pio.templates[name])


def finishing_layout(view: str, lang: str, title: str, date_axes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The view's template, the title, the language's number separators and date formats, as a layout dict."""
    lang = check_lang(lang)
    out: dict[str, Any] = {
        "template": theme.template_for(view),
        "title": {"text": title},
        "separators": plotly_separators(lang),
    }
    for axis in date_axes:
        out[axis] = {"tickformat": plotly_tick_format(lang), "hoverformat": plotly_date_format(lang)}
    return out


def finish(fig: go.Figure, *, title: str, view: str, lang: str, date_axes: tuple[str, ...] = ()) -> go.Figure:
    """Apply the view's template, the title, the language's number separators and date formats."""
    fig.update_layout(finishing_layout(view, lang, title, date_axes))
    return fig


@dataclass(frozen=True)
class Grid:
    """A subplot grid as plotly's ``make_subplots`` lays it out: the layout (axes' domains,
    subplot titles) and, per cell, what a trace needs to land there (``xaxis``/``yaxis``
    or ``domain``). Read-only: :func:`figure` and :meth:`cell` hand out copies.
    """

    layout: dict[str, Any]
    cells: dict[tuple[int, int], dict[str, Any]]

    def cell(self, row: int, col: int) -> dict[str, Any]:
        """Trace properties that put a trace in cell (row, col), e.g. ``{"xaxis": "x2", "yaxis": "y2"}``."""
        return copy.deepcopy(self.cells[(row, col)])

    def axis(self, letter: str, row: int, col: int) -> str:
        """Layout name of the cell's x or y axis: ``axis("y", 1, 2)`` -> ``"yaxis2"``."""
        ref = self.cells[(row, col)][f"{letter}axis"]
        return f"{letter}axis{ref[1:]}"


@lru_cache(maxsize=64)
def subplot_grid(
    rows: int,
    cols: int,
    *,
    types: tuple[tuple[str, ...], ...] | None = None,
    column_widths: tuple[float, ...] | None = None,
    horizontal_spacing: float | None = None,
    subplot_titles: tuple[str, ...] | None = None,
) -> Grid:
    """``make_subplots(rows, cols, ...)`` computed once per arguments (it costs ~20 ms a call).

    ``types`` gives each cell's subplot type (``"xy"``, ``"indicator"``...), row by row.
    """
    specs = None if types is None else [[{"type": kind} for kind in row] for row in types]
    kwargs: dict[str, Any] = {"specs": specs, "column_widths": column_widths, "subplot_titles": subplot_titles}
    if horizontal_spacing is not None:
        kwargs["horizontal_spacing"] = horizontal_spacing
    fig = make_subplots(rows=rows, cols=cols, **{k: v for k, v in kwargs.items() if v is not None})
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            kind = "xy" if types is None else types[r - 1][c - 1]
            probe = go.Indicator() if kind == "indicator" else go.Scatter()
            fig.add_trace(probe, row=r, col=c)
            placed = fig.data[-1].to_plotly_json()
            cells[(r, c)] = {k: v for k, v in placed.items() if k in ("xaxis", "yaxis", "domain")}
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    # Subplot titles sit side by side over half a dashboard row: 14 px, not plotly's 16, so
    # two French titles ("Engagements par publication", "Ventes pour 100 publications") do not touch.
    for note in layout.get("annotations", ()):
        note["font"] = {**note.get("font", {}), "size": SUBPLOT_TITLE_SIZE}
    return Grid(layout=layout, cells=cells)


def unavailable(key: str, view: str, lang: str, title: str) -> Chart:
    """A chart whose data is missing: an empty figure that says so, and ``available=False``."""
    message = t("app.chart_missing", lang, title=title)
    note = {
        "text": plain_text(message, 140),
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 16, "color": theme.muted_color(theme.template_for(view))},
    }
    layout = {"annotations": [note], "xaxis": {"visible": False}, "yaxis": {"visible": False}}
    fig = figure(view, lang, title, (), layout)
    return Chart(key=key, view=view, title=title, caption=message, figure=fig, headline={}, available=False)


def month_label(tables: Tables, lang: str) -> str:
    """The reported month written out: ``January 2026`` / ``janvier 2026``."""
    return fmt_month(month_of(tables), lang)


def period_months(tables: Tables) -> list[pd.Timestamp]:
    """First days of the months of the dataset's period (start to end, inclusive)."""
    meta = tables.meta
    return list(pd.period_range(meta.start, meta.end, freq="M").start_time)


SUBPLOT_TITLE_SIZE = 14
# An event label's font (11 px) is ~6.5 px a character; half a dashboard row is ~420 px of plot.
LABEL_CHARS_PER_PLOT = 60


def label_spans(
    labels: list[tuple[pd.Timestamp, str]], axis: tuple[pd.Timestamp, pd.Timestamp], chars_per_plot: int
) -> list[tuple[int, bool]]:
    """(level, written leftwards) for each dated label, so that no two labels of a level overlap.

    A label takes ``len(text)`` characters of the plot's ``chars_per_plot``: its width in
    days follows from the axis span. It reads rightwards from its day, or leftwards when
    that would run past the axis end. Each label gets the lowest level it overlaps nothing on.
    """
    start, end = axis
    days_per_char = max((end - start).days, 1) / chars_per_plot
    taken: list[tuple[float, float, int]] = []  # (from day, to day, level), days after start
    out: list[tuple[int, bool]] = []
    for day, text in labels:
        at = (day - start).days
        width = (len(text) + 1) * days_per_char
        leftwards = at + width > (end - start).days
        lo, hi = (at - width, at) if leftwards else (at, at + width)
        busy = {lvl for a, b, lvl in taken if a < hi and lo < b}
        level = next(i for i in range(len(taken) + 1) if i not in busy)
        taken.append((lo, hi, level))
        out.append((level, leftwards))
    return out


def event_marks(
    events: pd.DataFrame,
    kinds: tuple[str, ...],
    lang: str,
    view: str,
    axis: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    chars_per_plot: int = LABEL_CHARS_PER_PLOT,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dotted vertical lines (shapes) with a translated label (annotations) at each event of ``kinds``.

    Row 16: the calendar. ``axis`` is the date axis's span (default: the events' own),
    ``chars_per_plot`` how many label characters fit across the plot: labels that would
    overlap are put on the next level down. Returns ``(shapes, annotations)`` to put in a
    figure's layout.
    """
    from rlff.i18n import name

    kind_text = events["kind"].astype(str)
    rows = events[kind_text.isin(kinds)].sort_values("date")
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    days = [pd.Timestamp(d) for d in rows["date"]]
    texts = [name("event", k, lang) for k in rows["kind"].astype(str)]
    if axis is None:
        axis = (min(days), max(days)) if days else (pd.Timestamp(0), pd.Timestamp(0))
    spans = label_spans(
        list(zip(days, texts, strict=True)), (pd.Timestamp(axis[0]), pd.Timestamp(axis[1])), chars_per_plot
    )
    for day_ts, kind, text, (level, leftwards) in zip(days, rows["kind"].astype(str), texts, spans, strict=True):
        day = pd.Timestamp(day_ts).isoformat()
        color = theme.EVENT_COLORS.get(kind, theme.NEUTRAL)
        shapes.append(
            {
                "type": "line",
                "x0": day,
                "x1": day,
                "y0": 0,
                "y1": 1,
                "xref": "x",
                "yref": "paper",
                "line": {"color": color, "width": 1.5, "dash": "dot"},
            }
        )
        notes.append(
            {
                "x": day,
                "y": 1 - 0.07 * (level % 4),
                "xref": "x",
                "yref": "paper",
                "text": text,
                "showarrow": False,
                "xanchor": "right" if leftwards else "left",
                "yanchor": "top",
                "font": {"size": 11, "color": color},
                "bgcolor": theme.BOSS_BG if view == "boss" else "rgba(255,255,255,0.8)",
            }
        )
    return shapes, notes
