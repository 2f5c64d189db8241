"""Charts PowerPoint cannot draw, as pictures rendered at the size they take on the slide.

A picture ``w`` inches wide is rendered ``w`` x 96 CSS pixels wide (at 2x for sharpness),
so one CSS pixel is 0.75 pt on the slide; every font in the figure is raised to at
least 16 px, i.e. 12 pt. On the dark deck the figure takes the slide's navy and light text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from rlff.charts import theme
from rlff.export.deck.look import MAIN_H, MAIN_W, MIN_PT, Palette
from rlff.export.images import ImageRenderer, Progress, RenderBatch

__all__ = [
    "PICTURE_HEIGHT_PX",
    "PICTURE_SCALE",
    "PICTURE_WIDTH_PX",
    "Arriving",
    "deck_figure",
    "render_pictures",
    "submit_pictures",
]

PICTURE_WIDTH_PX = round(MAIN_W / 914400 * 96)  # 806: the picture's width on the slide, in CSS px
PICTURE_HEIGHT_PX = round(MAIN_H / 914400 * 96)  # 470
PICTURE_SCALE = 2
MIN_PX = MIN_PT / 0.75  # 16 px = 12 pt at the size the picture is shown

# Dark text and lines of the light (reality) template, and what they become on navy.
_ON_NAVY = {
    theme.REALITY_TEXT.upper(): theme.BOSS_TEXT,
    theme.REFERENCE.upper(): "#D9D9D9",
    "#000000": theme.BOSS_TEXT,
    "BLACK": theme.BOSS_TEXT,
    "#444": theme.BOSS_MUTED,
    "#444444": theme.BOSS_MUTED,
    "WHITE": theme.BOSS_BG,
    "#FFFFFF": theme.BOSS_BG,
    "#FFF": theme.BOSS_BG,
    theme.LIGHT_GREY.upper(): "rgba(255,255,255,0.18)",
    "#EEEEEE": "rgba(255,255,255,0.12)",
    "#E5ECF6": theme.BOSS_BG,
    "#EBEBEB": "rgba(255,255,255,0.14)",
    "#BFBFBF": "rgba(255,255,255,0.35)",
    "#595959": theme.BOSS_MUTED,
    "RGBA(255,255,255,0.85)": "rgba(11,31,58,0.85)",
}


def _walk(node: Any, dark: bool) -> Any:
    if isinstance(node, dict):
        return {key: _walk(value, dark) for key, value in node.items()}
    if isinstance(node, list):
        return [_walk(v, dark) for v in node]
    if dark and isinstance(node, str) and node.upper() in _ON_NAVY:
        return _ON_NAVY[node.upper()]
    return node


def _raise_fonts(node: Any) -> None:
    """Every font dict (``font``, ``tickfont``, ``textfont``…) gets a size of at least 16 px."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                size = value.get("size")
                if size is None or (isinstance(size, int | float) and size < MIN_PX):
                    value["size"] = MIN_PX
                elif isinstance(size, list):
                    value["size"] = [max(s, MIN_PX) for s in size]
            _raise_fonts(value)
    elif isinstance(node, list):
        for v in node:
            _raise_fonts(v)


def deck_figure(figure: Any, palette: Palette | None = None) -> go.Figure:
    """A copy of a chart's figure for a slide: no in-figure title, text at least 12 pt, the deck's colours."""
    dark = palette is not None and palette.dark
    spec = _walk(figure.to_plotly_json(), dark)
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {})
    _raise_fonts(spec)
    layout["title"] = {"text": ""}
    margin = layout.get("margin") or {}
    layout["margin"] = {**margin, "t": 50}
    if dark:
        layout["paper_bgcolor"] = theme.BOSS_BG
        layout["plot_bgcolor"] = theme.BOSS_BG
        layout["font"]["color"] = theme.BOSS_TEXT
    fig = go.Figure(spec)
    return fig


def submit_pictures(charts: Sequence[Any], renderer: ImageRenderer, palette: Palette | None = None) -> RenderBatch:
    """Queue the PNGs of ``charts`` at the size they take on a slide."""
    return renderer.submit(
        [deck_figure(c.figure, palette) for c in charts], fmt="png", width=PICTURE_WIDTH_PX,
        height=PICTURE_HEIGHT_PX, scale=PICTURE_SCALE, labels=[c.title or c.key for c in charts],
    )  # fmt: skip


def render_pictures(
    charts: Sequence[Any],
    *,
    renderer: ImageRenderer | None = None,
    progress: Progress | None = None,
    palette: Palette | None = None,
) -> dict[str, bytes]:
    """PNGs of ``charts`` as they go on slides, by key, with one browser."""
    own = renderer is None
    renderer = renderer or ImageRenderer()
    try:
        pngs = submit_pictures(charts, renderer, palette).results(progress)
    finally:
        if own:
            renderer.close()
    return {c.key: png for c, png in zip(charts, pngs, strict=True)}


class Arriving(Mapping[str, bytes]):
    """Slide pictures by chart key, each waited for when the deck needs it (the rest keep rendering)."""

    def __init__(self, charts: Sequence[Any], batch: RenderBatch, progress: Progress) -> None:
        self._index = {c.key: i for i, c in enumerate(charts)}
        self._batch, self._progress = batch, progress
        self._got: dict[str, bytes] = {}

    def __getitem__(self, key: str) -> bytes:
        if key not in self._got:
            i = self._index[key]
            self._got[key] = self._batch.result(i)
            self._progress(len(self._got), len(self._index), self._batch.labels[i])
        return self._got[key]

    def __contains__(self, key: object) -> bool:
        return key in self._index  # without waiting for the picture

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
