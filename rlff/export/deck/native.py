"""What PowerPoint draws itself: big-number tiles, tables and charts, with real text and data.

A native chart is built from the plotly figure of a :class:`~rlff.charts.Chart` (its
traces hold the numbers :mod:`rlff.metrics` computed), so the slide and the dashboard
show the same values; Big Boss can edit them (right click, "Edit Data"). A figure whose
traces PowerPoint cannot draw (pies, heatmaps, boxes, shapes…) gives ``None`` and stays
a picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from rlff.export.deck.look import MIN_PT, Palette, rgb
from rlff.export.deck.text import FONT, INSET, LINE_HEIGHT, clean, fit, text_width_pt, write
from rlff.i18n import office_month_format, office_number_format

__all__ = ["NativeChart", "Series", "Tile", "add_native_chart", "add_table", "add_tiles", "native_charts"]

CHART_PT = 14  # axis, legend and label text of native charts
MAX_CATEGORY_CHARS = 40


@dataclass(frozen=True)
class Series:
    """One series of a native chart: its name, values and colour(s) (``#RRGGBB``)."""

    name: str
    values: tuple[float, ...]
    color: str | None = None
    point_colors: tuple[str, ...] | None = None


@dataclass(frozen=True)
class NativeChart:
    """A chart PowerPoint can draw: ``kind`` is ``"column"``, ``"bar"`` (horizontal) or ``"line"``."""

    kind: str
    categories: tuple[Any, ...]
    series: tuple[Series, ...]
    title: str = ""
    number_format: str = "#,##0"
    labels: bool = True  # data labels on the bars
    month_format: str = "mmm yyyy"  # of a monthly category axis
    axis_format: str | None = None  # of the value axis, when not number_format (whole ticks)
    extra: dict[str, Any] = field(default_factory=dict)


def _color(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith("#") and len(value) in (4, 7):
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        return value.upper()
    return None


def _values(seq: Any) -> tuple[float, ...]:
    arr = np.asarray(seq, dtype="float64")
    return tuple(float(v) if np.isfinite(v) else 0.0 for v in arr)


def _categories(seq: Any) -> tuple[Any, ...]:
    out = []
    for v in seq:
        if isinstance(v, pd.Timestamp | np.datetime64):
            out.append(pd.Timestamp(v).date())
        elif isinstance(v, dt.datetime):
            out.append(v.date())
        elif isinstance(v, dt.date):
            out.append(v)
        else:
            out.append(
                clean(str(v).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"), MAX_CATEGORY_CHARS)
            )
    return tuple(out)


def _axis_is_percent(layout: Any, axis_name: str) -> bool:
    axis = getattr(layout, axis_name, None)
    if axis is None:
        return False
    # Share axes give their ticks as text ("20 %" in French, rlff.charts.base.percent_axis).
    ticks = axis.ticktext or ()
    return bool(
        (axis.tickformat and axis.tickformat.endswith("%")) or (ticks and all(str(x).endswith("%") for x in ticks))
    )


def native_charts(figure: Any, lang: str = "en") -> list[NativeChart] | None:
    """The native charts of a plotly figure, one per subplot; None if PowerPoint cannot draw it.

    ``lang`` writes the numbers and months (``18 000``, ``50 %``, ``oct. 2025`` in French).

    Bars (vertical or horizontal) and line traces are drawn; indicators are left to the
    slide's tiles; any other trace type means the figure stays a picture.
    """
    by_axis: dict[str, list[Any]] = {}
    for trace in figure.data:
        kind = trace.type
        if kind == "indicator":
            continue
        if kind == "bar" or (kind == "scatter" and "lines" in (trace.mode or "lines")):
            by_axis.setdefault(trace.xaxis or "x", []).append(trace)
        else:
            return None
    if not by_axis:
        return None
    titles = [clean(a.text) for a in (figure.layout.annotations or ()) if a.xref == "paper" and a.yref == "paper"]
    out: list[NativeChart] = []
    for n, traces in enumerate(by_axis.values()):
        first = traces[0]
        horizontal = first.type == "bar" and first.orientation == "h"
        kind = "line" if first.type == "scatter" else ("bar" if horizontal else "column")
        if (first.x if horizontal else first.y) is None:
            return None  # no values: nothing to draw natively
        source = first.y if horizontal else first.x
        # No categories given: plotly numbers the points 0, 1, 2…
        cats = _categories(source if source is not None else range(len(first.x if horizontal else first.y)))
        series = []
        for i, tr in enumerate(traces):
            given = tr.x if horizontal else tr.y
            if given is None:
                return None
            vals = _values(given)
            if len(vals) != len(cats):
                return None  # traces on different categories: not one category chart
            marker = tr.marker.color if tr.type == "bar" else tr.line.color
            points = (
                tuple(_color(c) or "#8C8C8C" for c in marker) if isinstance(marker, tuple | list | np.ndarray) else None
            )
            series.append(Series(clean(tr.name or f"{i + 1}"), vals, _color(marker), points))
        ax = (first.xaxis or "x") if horizontal else (first.yaxis or "y")
        value_axis = ax[0] + "axis" + ax[1:]  # "y2" -> layout.yaxis2
        pct = _axis_is_percent(figure.layout, value_axis)
        title = titles[n] if len(titles) == len(by_axis) and len(by_axis) > 1 else ""
        # Small numbers with fractions (17.2 sales per 100 posts, 7.4 h) keep one decimal, as the tiles do.
        numbers = [v for s in series for v in s.values if np.isfinite(v)]
        fractions = not pct and any(v != round(v) for v in numbers) and max(map(abs, numbers), default=0) < 100
        out.append(
            NativeChart(
                kind,
                cats,
                tuple(series),
                title,
                office_number_format(lang, percent=pct, decimals=1 if fractions else 0),
                labels=kind != "line" and len(cats) <= 24,
                month_format=office_month_format(lang),
                axis_format=office_number_format(lang, percent=pct) if fractions else None,
            )
        )
    return out


def _no_fill(element: Any) -> None:
    """Give a chart part (chartSpace, plotArea) a transparent fill and no border."""
    from lxml import etree

    sp = element.find(qn("c:spPr"))
    if sp is None:
        sp = etree.SubElement(element, qn("c:spPr"))
        txpr = element.find(qn("c:txPr"))
        if txpr is not None:  # spPr comes before txPr in the schema
            txpr.addprevious(sp)
        else:
            ext = element.find(qn("c:externalData"))
            if ext is not None:
                ext.addprevious(sp)
    for child in list(sp):
        sp.remove(child)
    etree.SubElement(sp, qn("a:noFill"))
    ln = etree.SubElement(sp, qn("a:ln"))
    etree.SubElement(ln, qn("a:noFill"))


def _monthly_ticks(date_axis: Any) -> None:
    """One tick label per month on a date axis of days (not one per day)."""
    from lxml import etree

    if date_axis.tag != qn("c:dateAx"):
        return
    for tag in ("c:baseTimeUnit", "c:majorUnit", "c:majorTimeUnit"):
        for old in date_axis.findall(qn(tag)):
            date_axis.remove(old)
    anchor = date_axis.find(qn("c:lblOffset"))
    if anchor is None:
        anchor = date_axis.find(qn("c:auto"))
    new = []
    for tag, val in (("c:baseTimeUnit", "days"), ("c:majorUnit", "1"), ("c:majorTimeUnit", "months")):
        el = etree.Element(qn(tag))
        el.set("val", val)
        new.append(el)
    if anchor is not None:
        for el in reversed(new):
            anchor.addnext(el)
    else:
        ext = date_axis.find(qn("c:extLst"))
        for el in new:
            (ext.addprevious(el) if ext is not None else date_axis.append(el))


def _dated(spec: NativeChart) -> bool:
    return bool(spec.categories) and isinstance(spec.categories[0], dt.date)


def add_native_chart(
    slide: Any, spec: NativeChart, left: int, top: int, width: int, height: int, palette: Palette, name: str
) -> Any:
    """Draw ``spec`` as an editable PowerPoint chart with its data embedded; returns the graphic frame."""
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = list(spec.categories)
    for s in spec.series:
        data.add_series(s.name, list(s.values))
    kind = {
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "line": XL_CHART_TYPE.LINE,
    }[spec.kind]
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)
    frame.name = name
    chart = frame.chart
    chart.font.name = FONT
    chart.font.size = Pt(CHART_PT)
    chart.font.color.rgb = palette.muted
    _no_fill(chart._chartSpace)
    _no_fill(chart._chartSpace.chart.plotArea)
    if spec.title:
        chart.has_title = True
        chart.chart_title.text_frame.text = spec.title
        font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
        font.size, font.bold, font.color.rgb, font.name = Pt(16), True, palette.text, FONT
    else:
        chart.has_title = False
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_PT)
        chart.legend.font.color.rgb = palette.text
    va, ca = chart.value_axis, chart.category_axis
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = palette.grid
    va.format.line.fill.background()
    va.tick_labels.number_format = spec.axis_format or spec.number_format
    va.tick_labels.number_format_is_linked = False
    va.tick_labels.font.size = Pt(CHART_PT)
    ca.format.line.color.rgb = palette.grid
    ca.tick_labels.font.size = Pt(CHART_PT)
    ca.tick_labels.font.color.rgb = palette.text if spec.kind == "bar" else palette.muted
    longest = max((len(str(c)) for c in spec.categories), default=0)
    column_pt = 0.85 * width / 12700 / max(len(spec.categories), 1)  # EMU -> points, less the axis
    if spec.kind == "column" and not _dated(spec) and longest * CHART_PT * 0.5 > column_pt:
        # Long labels under narrow columns: slanted, not broken inside a word ("questio/n").
        ca.tick_labels.font.size = Pt(CHART_PT)  # makes the axis's text properties
        body = ca._element.find(qn("c:txPr")).find(qn("a:bodyPr"))
        body.set("rot", "-2700000")
        body.set("vert", "horz")
    if _dated(spec):
        ca.tick_labels.number_format = spec.month_format
        ca.tick_labels.number_format_is_linked = False
        _monthly_ticks(ca._element)
    plot = chart.plots[0]
    if spec.kind in ("column", "bar"):
        plot.gap_width = 60
        plot.overlap = 0 if len(spec.series) == 1 else -10
        if spec.labels:
            plot.has_data_labels = True
            labels = plot.data_labels
            labels.number_format = spec.number_format
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.size = Pt(CHART_PT)
            labels.font.color.rgb = palette.text
    for s, series in zip(spec.series, plot.series, strict=True):
        if spec.kind == "line":
            series.smooth = False
            series.format.line.width = Pt(3)
            if s.color:
                series.format.line.color.rgb = rgb(s.color)
            from pptx.enum.chart import XL_MARKER_STYLE

            series.marker.style = XL_MARKER_STYLE.NONE
            continue
        series.invert_if_negative = False
        if s.color:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(s.color)
        if s.point_colors:
            for i, c in enumerate(s.point_colors):
                point = series.points[i]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(c)
    return frame


# --- tiles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """A big number: its label, the formatted value, and a change ("+12 % vs Dec 2025") if known."""

    label: str
    value: str
    delta: str | None = None
    rising: bool | None = None


def add_tiles(
    slide: Any,
    tiles: Sequence[Tile],
    left: int,
    top: int,
    width: int,
    height: int,
    palette: Palette,
    *,
    cols: int | None = None,
    max_value_pt: float = 40,
    max_tile_h: int = Inches(1.9),
) -> list[Any]:
    """Draw ``tiles`` in a grid inside the box; each text in its own box, sized to fit."""
    if not tiles:
        return []
    gap = Inches(0.15)
    cols = cols or (1 if len(tiles) <= 2 else 2)
    rows = -(-len(tiles) // cols)
    tile_w = int((width - gap * (cols - 1)) / cols)
    tile_h = min(max_tile_h, int((height - gap * (rows - 1)) / rows))
    shapes = []
    for i, tile in enumerate(tiles):
        x = left + (i % cols) * (tile_w + gap)
        y = top + (i // cols) * (tile_h + gap)
        box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, tile_w, tile_h)
        box.name = f"Tile {i + 1}"
        box.adjustments[0] = 0.08
        box.fill.solid()
        box.fill.fore_color.rgb = palette.panel
        box.line.fill.background()
        box.shadow.inherit = False
        pad = Inches(0.06)
        label_h = max(int(tile_h * 0.28), Inches(0.45))  # one line at 12 pt, insets included
        delta_h = int(tile_h * 0.22) if tile.delta else 0
        value_h = tile_h - label_h - delta_h - 2 * pad
        inner_w = tile_w - 2 * pad
        label = slide.shapes.add_textbox(x + pad, y + pad, inner_w, label_h)
        label.name = f"Tile {i + 1} label"
        write(label.text_frame, tile.label, inner_w, label_h, max_pt=18, min_pt=MIN_PT, color=palette.muted,
              anchor=MSO_ANCHOR.BOTTOM)  # fmt: skip
        value = slide.shapes.add_textbox(x + pad, y + pad + label_h, inner_w, value_h)
        value.name = f"Tile {i + 1} value"
        write(value.text_frame, tile.value, inner_w, value_h, max_pt=max_value_pt, min_pt=MIN_PT, bold=True,
              color=palette.text, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        shapes += [box, label, value]
        if tile.delta:
            color = palette.muted if tile.rising is None else (palette.up if tile.rising else palette.down)
            delta = slide.shapes.add_textbox(x + pad, y + pad + label_h + value_h, inner_w, delta_h)
            delta.name = f"Tile {i + 1} change"
            write(delta.text_frame, tile.delta, inner_w, delta_h, max_pt=16, min_pt=MIN_PT, bold=True, color=color,
                  anchor=MSO_ANCHOR.TOP)  # fmt: skip
            shapes.append(delta)
    return shapes


# --- tables --------------------------------------------------------------------------------------

CELL_MARGIN = Inches(0.06)


def _cell(cell: Any, text: str, size: float, *, bold: bool, color: Any, fill: Any, align: Any) -> None:
    cell.margin_left = cell.margin_right = CELL_MARGIN
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    tf = cell.text_frame
    tf.word_wrap = True
    para = tf.paragraphs[0]
    para.alignment = align
    run = para.add_run()
    run.text = text
    run.font.name, run.font.size, run.font.bold, run.font.color.rgb = FONT, Pt(size), bold, color


def add_table(
    slide: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    left: int,
    top: int,
    width: int,
    height: int,
    palette: Palette,
    *,
    wide: int,
    numeric: Sequence[int] = (),
    name: str = "Table",
) -> Any:
    """A native table, every row on the slide: one line per cell, the ``wide`` column shortened with "…".

    Columns other than ``wide`` are as wide as their longest text (header included);
    the size is the largest from 16 pt down to 12 pt at which all rows fit ``height``.
    """
    n_rows = len(rows) + 1
    size = 16.0
    while size > MIN_PT and n_rows * (size * LINE_HEIGHT + 6) * 12700 > height:
        size -= 1
    margins = 2 * CELL_MARGIN / 12700 + 2
    widths_pt = []
    for j, head in enumerate(header):
        if j == wide:
            widths_pt.append(0.0)
            continue
        texts = [text_width_pt(clean(head), size, True), *(text_width_pt(clean(r[j]), size, False) for r in rows)]
        widths_pt.append(max(texts) + margins)
    rest = width / 12700 - sum(widths_pt)
    widths_pt[wide] = max(rest, 72.0)
    scale = min(1.0, (width / 12700) / sum(widths_pt))
    widths = [int(w * scale * 12700) for w in widths_pt]
    row_h = int((size * LINE_HEIGHT + 6) * 12700)
    shape = slide.shapes.add_table(n_rows, len(header), left, top, sum(widths), row_h * n_rows)
    shape.name = name
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for j, w in enumerate(widths):
        table.columns[j].width = w
    for i in range(n_rows):
        table.rows[i].height = row_h
    one_line = int(size * LINE_HEIGHT * 12700) + 2 * INSET

    def fitted(text: str, j: int, bold: bool) -> str:
        return fit(clean(text), widths[j] - 2 * CELL_MARGIN + 2 * INSET, one_line, max_pt=size, min_pt=size,
                   bold=bold)[0]  # fmt: skip

    stripe = palette.panel
    for j, head in enumerate(header):
        align = PP_ALIGN.RIGHT if j in numeric else PP_ALIGN.LEFT
        _cell(table.cell(0, j), fitted(head, j, True), size, bold=True, color=palette.text, fill=palette.grid,
              align=align)  # fmt: skip
    for i, row in enumerate(rows, start=1):
        fill = stripe if i % 2 else (palette.background or rgb("#FFFFFF"))
        for j, text in enumerate(row):
            align = PP_ALIGN.RIGHT if j in numeric else PP_ALIGN.LEFT
            _cell(table.cell(i, j), fitted(text, j, False), size, bold=False, color=palette.text, fill=fill,
                  align=align)  # fmt: skip
    return shape
