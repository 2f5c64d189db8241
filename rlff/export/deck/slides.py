"""The deck's slides, one function each, all on the grid of :mod:`rlff.export.deck.look`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from rlff.export.deck.look import (
    BODY_TOP,
    CAPTION_H,
    CAPTION_TOP,
    FOOTER_H,
    FOOTER_TOP,
    MAIN_H,
    MAIN_W,
    MARGIN,
    MIN_PT,
    PANEL_LEFT,
    PANEL_W,
    SLIDE_WIDTH,
    TITLE_H,
    TITLE_TOP,
    DeckBrand,
    Palette,
)
from rlff.export.deck.native import NativeChart, Tile, add_native_chart, add_table, add_tiles
from rlff.export.deck.template import Base
from rlff.export.deck.text import clean, write

__all__ = ["Slides"]


def textbox(slide: Any, left: int, top: int, width: int, height: int, text: str, name: str, **style: Any) -> Any:
    """A text box with ``text`` sized to fit it."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    write(box.text_frame, text, width, height, **style)
    return box


@dataclass
class Slides:
    """Adds slides to ``base.prs`` in the deck's look."""

    base: Base
    palette: Palette
    brand: DeckBrand
    footer: str
    lang: str

    # --- pieces every slide shares ------------------------------------------------------------

    def _new(self, layout: Any) -> Any:
        slide = self.base.prs.slides.add_slide(layout)
        for ph in list(slide.placeholders):  # keep the title only: no "Click to add text" left over
            if ph.placeholder_format.type not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                ph._element.getparent().remove(ph._element)
        if self.palette.background is not None and self.base.company is False:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = self.palette.background
        return slide

    def _title(self, slide: Any, text: str, *, top: int = TITLE_TOP, height: int = TITLE_H, size: float = 32,
               align: Any = PP_ALIGN.LEFT, color: Any = None) -> Any:  # fmt: skip
        title = slide.shapes.title
        if title is None:
            title = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
            title.name = "Title"
        title.left, title.top, title.width, title.height = MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height
        write(title.text_frame, text, title.width, title.height, max_pt=size, min_pt=20, bold=True,
              color=color or self.palette.text, align=align, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        return title

    def _rule(self, slide: Any, color: Any, top: int = TITLE_TOP + TITLE_H + Inches(0.02)) -> None:
        """A short accent line under the title: gold for the vanity slides, red pen for the honest ones."""
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN + Inches(0.08), top, Inches(1.2), Inches(0.06))
        bar.name = "Accent"
        bar.fill.solid()
        bar.fill.fore_color.rgb = color
        bar.line.fill.background()
        bar.shadow.inherit = False

    def _footer(self, slide: Any) -> None:
        number = len(self.base.prs.slides)
        textbox(slide, MARGIN, FOOTER_TOP, SLIDE_WIDTH - 2 * MARGIN - Inches(1.2), FOOTER_H, self.footer, "Footer",
                max_pt=12, min_pt=MIN_PT, color=self.palette.muted, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        textbox(slide, SLIDE_WIDTH - MARGIN - Inches(1.0), FOOTER_TOP, Inches(1.0), FOOTER_H, str(number),
                "Slide number", max_pt=12, min_pt=MIN_PT, color=self.palette.muted, align=PP_ALIGN.RIGHT,
                anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip

    def _caption(self, slide: Any, text: str, *, left: int = MARGIN, width: int = MAIN_W,
                 top: int = CAPTION_TOP, height: int = CAPTION_H) -> None:  # fmt: skip
        textbox(slide, left, top, width, height, text, "Caption", max_pt=16, min_pt=MIN_PT, color=self.palette.muted)

    def _notes(self, slide: Any, text: str) -> None:
        slide.notes_slide.notes_text_frame.text = clean(text)

    def red_pen(self, slide: Any, text: str, left: int, top: int, width: int, height: int) -> Any:
        """The honest note, in red, in a slightly tilted box."""
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
        box.name = "Red pen note"
        box.fill.solid()
        box.fill.fore_color.rgb = self.palette.red_pen_fill
        box.line.color.rgb = self.palette.red_pen
        box.line.width = Pt(2)
        box.shadow.inherit = False
        box.rotation = -1.0
        write(box.text_frame, text, width, height, max_pt=18, min_pt=MIN_PT, bold=True, italic=True,
              color=self.palette.red_pen, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        return box

    # --- the slides ---------------------------------------------------------------------------

    def title_slide(
        self, title: str, subtitle: str, headline: str | None, cm_line: str, honest: bool, alt_logo: str
    ) -> Any:
        p = self.palette
        slide = self._new(self.base.title_layout)
        if not self.base.company:
            band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, Inches(2.1))
            band.name = "Brand band"
            band.fill.solid()
            band.fill.fore_color.rgb = p.panel
            band.line.fill.background()
            band.shadow.inherit = False
        x, y, d = Inches(0.6), Inches(0.35), Inches(1.4)
        if self.brand.logo_png:
            logo = slide.shapes.add_picture(io.BytesIO(self.brand.logo_png), x, y, height=d)
            if logo.width > Inches(2.2):  # a wide logo: keep it in its corner
                logo.width, logo.height = Inches(2.2), int(logo.height * Inches(2.2) / logo.width)
            logo._element.nvPicPr.cNvPr.set("descr", clean(alt_logo, 255))
            name_left = x + logo.width + Inches(0.25)
        else:
            logo = slide.shapes.add_shape(MSO_SHAPE.OVAL, x, y, d, d)
            logo.fill.solid()
            logo.fill.fore_color.rgb = p.accent
            logo.line.fill.background()
            logo.shadow.inherit = False
            write(logo.text_frame, self.brand.initials, d, d, max_pt=36, min_pt=MIN_PT, bold=True,
                  color=p.panel if p.dark else p.text, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
            logo._element.nvSpPr.cNvPr.set("descr", clean(alt_logo, 255))
            name_left = x + d + Inches(0.25)
        logo.name = "Logo"
        width = SLIDE_WIDTH - name_left - MARGIN
        textbox(slide, name_left, Inches(0.35), width, Inches(0.8), self.brand.name, "Brand name", max_pt=32,
                min_pt=16, bold=True, color=p.text, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        textbox(slide, name_left, Inches(1.1), width, Inches(0.65), cm_line, "Community manager", max_pt=22,
                min_pt=MIN_PT, color=p.accent, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
        self._title(slide, title, top=Inches(2.6), height=Inches(1.4), size=44, align=PP_ALIGN.CENTER)
        textbox(slide, Inches(1.5), Inches(4.2), SLIDE_WIDTH - Inches(3.0), Inches(1.0), subtitle, "Subtitle",
                max_pt=24, min_pt=MIN_PT, color=p.red_pen if honest else p.muted, align=PP_ALIGN.CENTER)  # fmt: skip
        if headline:
            textbox(slide, Inches(1.5), Inches(5.4), SLIDE_WIDTH - Inches(3.0), Inches(1.0), headline, "Headline",
                    max_pt=32, min_pt=16, bold=True, color=p.up, align=PP_ALIGN.CENTER)  # fmt: skip
        return slide

    def tiles_slide(self, title: str, tiles: Sequence[Tile], caption: str, note: str | None) -> Any:
        """The four big numbers, across the slide; the red pen under them."""
        slide = self._new(self.base.content_layout)
        self._title(slide, title)
        self._rule(slide, self.palette.accent)
        width = SLIDE_WIDTH - 2 * MARGIN
        tiles_h = Inches(2.7) if note else Inches(4.2)
        add_tiles(slide, tiles, MARGIN, BODY_TOP + Inches(0.2), width, tiles_h, self.palette,
                  cols=min(4, len(tiles)), max_value_pt=60, max_tile_h=tiles_h)  # fmt: skip
        if note:
            self.red_pen(slide, note, MARGIN + Inches(0.3), BODY_TOP + Inches(3.25), width - Inches(0.6), Inches(1.5))
        self._caption(slide, caption, width=width)
        self._footer(slide)
        self._notes(slide, caption + (f"\n\n{note}" if note else ""))
        return slide

    def chart_slide(
        self,
        title: str,
        caption: str,
        *,
        native: Sequence[NativeChart] = (),
        png: bytes | None = None,
        alt: str = "",
        key: str = "",
        tiles: Sequence[Tile] = (),
        note: str | None = None,
        appendix: bool = False,
    ) -> Any:
        """A chart (native, or a picture) with its big numbers and the red pen in the panel on the right."""
        p = self.palette
        slide = self._new(self.base.content_layout)
        self._title(slide, title)
        self._rule(slide, p.red_pen if appendix else p.accent)
        if native:
            w = int(MAIN_W / len(native))
            for i, spec in enumerate(native):
                add_native_chart(slide, spec, MARGIN + i * w, BODY_TOP, w, MAIN_H, p, f"Chart {key}")
        elif png is not None:
            pic = slide.shapes.add_picture(io.BytesIO(png), MARGIN, BODY_TOP, width=MAIN_W, height=MAIN_H)
            pic.name = f"Chart {key}"
            pic._element.nvPicPr.cNvPr.set("descr", clean(alt, 4000))
        top, bottom = int(BODY_TOP), int(BODY_TOP + MAIN_H)
        note_h = Inches(2.0) if note else Inches(0)
        if tiles:
            tiles_h = min(
                Inches(1.7) * len(tiles) + Inches(0.15) * (len(tiles) - 1), bottom - top - note_h - Inches(0.2)
            )
            add_tiles(slide, tiles, PANEL_LEFT, top, PANEL_W, tiles_h, p, cols=1)
            top += tiles_h + Inches(0.2)
        if appendix:  # the reality check: the caption is the message, in the panel
            textbox(slide, PANEL_LEFT, top, PANEL_W, bottom - top, caption, "Caption", max_pt=20, min_pt=MIN_PT,
                    color=p.text)  # fmt: skip
        else:
            if note:
                self.red_pen(slide, note, PANEL_LEFT, max(top, bottom - note_h), PANEL_W, min(note_h, bottom - top))
            self._caption(slide, caption)
        self._footer(slide)
        self._notes(slide, caption + (f"\n\n{note}" if note else ""))
        return slide

    def table_slide(self, title: str, header: Sequence[str], rows: Sequence[Sequence[str]], caption: str,
                    note: str | None, *, wide: int, numeric: Sequence[int]) -> Any:  # fmt: skip
        slide = self._new(self.base.content_layout)
        self._title(slide, title)
        self._rule(slide, self.palette.accent)
        width = SLIDE_WIDTH - 2 * MARGIN
        height = Inches(3.95) if note else MAIN_H
        add_table(slide, header, rows, MARGIN, BODY_TOP, width, height, self.palette, wide=wide, numeric=numeric,
                  name="Best posts")  # fmt: skip
        if note:
            self.red_pen(slide, note, MARGIN + Inches(0.3), BODY_TOP + Inches(4.05), width - Inches(0.6), Inches(0.85))
        self._caption(slide, caption, width=width)
        self._footer(slide)
        self._notes(slide, caption + (f"\n\n{note}" if note else ""))
        return slide

    def text_slide(self, title: str, body: str, *, honest: bool = False, name: str = "Body") -> Any:
        slide = self._new(self.base.content_layout)
        self._title(slide, title, top=Inches(1.2), height=Inches(1.3), size=40, align=PP_ALIGN.CENTER,
                    color=self.palette.red_pen if honest else None)  # fmt: skip
        textbox(slide, Inches(1.5), Inches(2.8), SLIDE_WIDTH - Inches(3.0), Inches(3.8), body, name, max_pt=28,
                min_pt=MIN_PT, color=self.palette.text, align=PP_ALIGN.CENTER)  # fmt: skip
        self._footer(slide)
        return slide

    def list_slide(self, title: str, intro: str, items: Sequence[str]) -> Any:
        """A title, a sentence, and a list (what the files don't say)."""
        slide = self._new(self.base.content_layout)
        self._title(slide, title)
        self._rule(slide, self.palette.red_pen)
        width = SLIDE_WIDTH - 2 * MARGIN
        textbox(slide, MARGIN, BODY_TOP, width, Inches(1.0), intro, "Intro", max_pt=20, min_pt=MIN_PT,
                color=self.palette.muted)  # fmt: skip
        body = "\n".join(f"• {item}" for item in items)
        textbox(slide, MARGIN, BODY_TOP + Inches(1.1), width, FOOTER_TOP - BODY_TOP - Inches(1.2), body, "Missing",
                max_pt=20, min_pt=MIN_PT, color=self.palette.text)  # fmt: skip
        self._footer(slide)
        self._notes(slide, intro + "\n" + body)
        return slide
