"""What every RLFF chart builder shares: the :class:`Chart` record and small figure helpers.

A builder takes the tables first and the language as a keyword, computes its numbers
through :mod:`rlff.metrics`, and returns a :class:`Chart` (figure, translated title and
caption, headline numbers). Text that comes from the data (post texts, names, the
brand) goes through :func:`plain_text` before it reaches a figure: plotly renders a
subset of HTML in titles, labels and hover text, and data must stay plain text.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go

from rlff import theme
from rlff.i18n import (
    check_lang,
    fmt_month,
    plotly_date_format,
    plotly_separators,
    plotly_tick_format,
    t,
)
from rlff.schema import Tables

VIEWS: tuple[str, ...] = ("boss", "reality", "side")
T = TypeVar("T")

# Several charts need the same metric of the same tables (the follower curve, the monthly
# engagement, the vanity KPIs...). shared() computes it once per Tables object and keeps
# it until that object is garbage-collected. Results are shared: builders never modify them.
_SHARED: dict[int, dict[tuple[Any, ...], Any]] = {}
_SHARED_LOCK = threading.Lock()


def shared(tables: Tables, fn: Callable[..., T], *args: Any) -> T:
    """``fn(tables, *args)``, computed once per ``tables`` object (args must be hashable)."""
    with _SHARED_LOCK:
        store = _SHARED.get(id(tables))
        if store is None:
            store = _SHARED[id(tables)] = {}
            weakref.finalize(tables, _SHARED.pop, id(tables), None)
    key = (fn.__module__, fn.__qualname__, *args)
    if key not in store:
        store[key] = fn(tables, *args)
    return store[key]


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
    return pd.Timestamp(tables.meta.reported_month).to_period("M").start_time


def finish(fig: go.Figure, *, title: str, view: str, lang: str, date_axes: tuple[str, ...] = ()) -> go.Figure:
    """Apply the view's template, the title, the language's number separators and date formats."""
    lang = check_lang(lang)
    fig.update_layout(
        template=theme.template_for(view),
        title={"text": title},
        separators=plotly_separators(lang),
    )
    for axis in date_axes:
        fig.update_layout({axis: {"tickformat": plotly_tick_format(lang), "hoverformat": plotly_date_format(lang)}})
    return fig


def unavailable(key: str, view: str, lang: str, title: str) -> Chart:
    """A chart whose data is missing: an empty figure that says so, and ``available=False``."""
    message = t("app.chart_missing", lang, title=title)
    fig = go.Figure()
    fig.add_annotation(
        text=plain_text(message, 140),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 16, "color": theme.muted_color(theme.template_for(view))},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    finish(fig, title=title, view=view, lang=lang)
    return Chart(key=key, view=view, title=title, caption=message, figure=fig, headline={}, available=False)


def month_label(tables: Tables, lang: str) -> str:
    """The reported month written out: ``January 2026`` / ``janvier 2026``."""
    return fmt_month(month_of(tables), lang)


def period_months(tables: Tables) -> list[pd.Timestamp]:
    """First days of the months of the dataset's period (start to end, inclusive)."""
    meta = tables.meta
    return list(pd.period_range(meta.start, meta.end, freq="M").start_time)


def add_event_lines(fig: go.Figure, events: pd.DataFrame, kinds: tuple[str, ...], lang: str, view: str) -> None:
    """Dotted vertical lines with a translated label at each event of ``kinds`` (row 16: the calendar)."""
    from rlff.i18n import name

    rows = events[events["kind"].astype(str).isin(kinds)].sort_values("date")
    shapes, notes = list(fig.layout.shapes), list(fig.layout.annotations)
    seen: dict[str, int] = {}
    for day_ts, kind in zip(rows["date"], rows["kind"].astype(str), strict=True):
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
        # Stagger labels of events in the same month so they do not overlap.
        level = seen.get(day[:7], 0)
        seen[day[:7]] = level + 1
        notes.append(
            {
                "x": day,
                "y": 1 - 0.07 * (level % 3),
                "xref": "x",
                "yref": "paper",
                "text": name("event", kind, lang),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 11, "color": color},
                "bgcolor": theme.BOSS_BG if view == "boss" else "rgba(255,255,255,0.8)",
            }
        )
    # One layout update instead of one per shape: plotly validates the whole list each time.
    fig.update_layout(shapes=shapes, annotations=notes)
