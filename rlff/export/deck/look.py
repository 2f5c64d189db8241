"""The deck's look: the slide grid, two palettes, and the brand it is made for.

One look for the whole deck. Without a company template the slides are the dashboard's
deep navy (:mod:`rlff.charts.theme`), vanity and appendix alike; the honest slides add
one red-pen accent. On a company template the slides keep its background and the text
turns dark (:data:`LIGHT`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.util import Inches

from rlff.charts import theme
from rlff.export.deck.text import clean

__all__ = [
    "DARK",
    "LIGHT",
    "SLIDE_HEIGHT",
    "SLIDE_WIDTH",
    "DeckBrand",
    "Palette",
    "rgb",
]

SLIDE_WIDTH = Inches(13.333)  # 16:9
SLIDE_HEIGHT = Inches(7.5)

# The grid every slide follows (EMU).
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_H = Inches(0.3), Inches(0.95)
BODY_TOP = Inches(1.4)
MAIN_W = Inches(8.4)  # the chart, table or picture
MAIN_H = Inches(4.9)
PANEL_LEFT = MARGIN + MAIN_W + Inches(0.35)
PANEL_W = SLIDE_WIDTH - PANEL_LEFT - MARGIN
CAPTION_TOP = BODY_TOP + MAIN_H + Inches(0.08)
FOOTER_TOP, FOOTER_H = Inches(7.0), Inches(0.4)
CAPTION_H = FOOTER_TOP - CAPTION_TOP - Inches(0.04)
MIN_PT = 12.0  # no text on a slide is smaller: it must read on a projector

# pptx fields with a length limit (core properties: 255 characters).
CORE_LIMIT = 255


def rgb(color: str) -> RGBColor:
    """``"#0B1F3A"`` -> RGBColor."""
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


@dataclass(frozen=True)
class Palette:
    """Colours of one look, as RGBColor; ``chart`` are the series colours of native charts."""

    background: RGBColor | None  # None: keep the template's background
    text: RGBColor
    muted: RGBColor
    panel: RGBColor
    accent: RGBColor
    up: RGBColor
    down: RGBColor
    red_pen: RGBColor
    red_pen_fill: RGBColor
    grid: RGBColor
    dark: bool


DARK = Palette(
    background=rgb(theme.BOSS_BG),
    text=rgb(theme.BOSS_TEXT),
    muted=rgb(theme.BOSS_MUTED),
    panel=rgb(theme.BOSS_PANEL),
    accent=rgb(theme.OKABE_ITO["yellow"]),
    up=rgb(theme.UP),
    down=rgb(theme.DOWN),
    red_pen=rgb("#FF6B5B"),  # a red that reads on navy
    red_pen_fill=rgb("#2A1F33"),
    grid=rgb("#2A4470"),
    dark=True,
)
LIGHT = Palette(
    background=None,
    text=rgb("#1F2A44"),
    muted=rgb("#5F6B7A"),
    panel=rgb("#F3F5F9"),
    accent=rgb(theme.OKABE_ITO["blue"]),
    up=rgb("#1A7F37"),
    down=rgb(theme.DOWN),
    red_pen=rgb("#C00000"),
    red_pen_fill=rgb("#FFF4F4"),
    grid=rgb("#D9D9D9"),
    dark=False,
)


@dataclass(frozen=True)
class DeckBrand:
    """Who the deck is made for: the brand's name, its community manager, its logo.

    Attributes:
        name: the brand as Big Boss knows it.
        cm_name: the community manager's name ("" when unknown).
        logo_png: the logo as PNG (or JPEG) bytes; None draws a disc with the brand's initials.
    """

    name: str
    cm_name: str = ""
    logo_png: bytes | None = None

    @classmethod
    def of(cls, meta: object, logo_png: bytes | None = None) -> DeckBrand:
        """The brand of a dataset's :class:`~rlff.schema.Meta` (brand and CM name)."""
        return cls(str(getattr(meta, "brand", "") or ""), str(getattr(meta, "cm_name", "") or ""), logo_png)

    def cleaned(self) -> DeckBrand:
        """The same brand with names safe for any pptx field (plain text, at most 255 characters)."""
        return DeckBrand(clean(self.name, CORE_LIMIT) or "RLFF", clean(self.cm_name, CORE_LIMIT), self.logo_png)

    @property
    def initials(self) -> str:
        """Up to two initials for the logo disc."""
        words = self.name.replace("&", " ").split()
        return "".join(w[0] for w in words if w[:1].isalnum())[:2].upper() or "R"
