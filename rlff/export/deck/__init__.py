"""The "PowerPoint for Big Boss": a 16:9 .pptx of the vanity figures, and its honest edition.

Tiles, the best-posts table and the bar and line charts are PowerPoint's own shapes,
tables and charts (editable, data embedded); only what PowerPoint cannot draw is a
picture, rendered at the size it takes on the slide. Modules:

* :mod:`~rlff.export.deck.build`: which slides, in which order; ``build_deck``, ``export_deck``, ``save_deck``;
* :mod:`~rlff.export.deck.slides`: one function per kind of slide;
* :mod:`~rlff.export.deck.native`: tiles, tables, native charts from plotly figures;
* :mod:`~rlff.export.deck.pictures`: the charts that stay pictures;
* :mod:`~rlff.export.deck.notes`: the red-pen notes;
* :mod:`~rlff.export.deck.text`: text that fits its box (font metrics);
* :mod:`~rlff.export.deck.look`: the grid, the palettes, :class:`DeckBrand`;
* :mod:`~rlff.export.deck.template`: the company's .pptx/.potx.
"""

from __future__ import annotations

from rlff.export.deck.build import (
    BOSS_VIEW,
    NATIVE_CHARTS,
    REALITY_VIEW,
    build_deck,
    deck_charts,
    deck_file_name,
    export_deck,
    picture_charts,
    save_deck,
)
from rlff.export.deck.look import SLIDE_HEIGHT, SLIDE_WIDTH, DeckBrand
from rlff.export.deck.notes import RedPen, honest_notes
from rlff.export.deck.pictures import deck_figure, render_pictures
from rlff.export.deck.template import TemplateError
from rlff.export.deck.text import fit_font_size

__all__ = [
    "BOSS_VIEW",
    "NATIVE_CHARTS",
    "REALITY_VIEW",
    "SLIDE_HEIGHT",
    "SLIDE_WIDTH",
    "DeckBrand",
    "RedPen",
    "TemplateError",
    "build_deck",
    "deck_charts",
    "deck_figure",
    "deck_file_name",
    "export_deck",
    "fit_font_size",
    "honest_notes",
    "picture_charts",
    "render_pictures",
    "save_deck",
]
