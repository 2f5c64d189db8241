"""Text that fits its box, measured with the font's own metrics.

The deck writes every text in Arial; LibreOffice draws it with Liberation Sans, which
has the same advance widths. Widths are measured with Pillow on Liberation Sans and
lines are wrapped as PowerPoint wraps them: greedily at spaces, a word longer than the
line broken between characters. When the fonts are not installed, a conservative
average glyph width stands in.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

__all__ = [
    "FONT",
    "INSET",
    "LINE_HEIGHT",
    "clean",
    "fit",
    "fit_font_size",
    "line_count",
    "text_width_pt",
    "wrap",
    "write",
]

FONT = "Arial"  # on every PowerPoint; metric-compatible Liberation Sans in LibreOffice
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
LINE_HEIGHT = 1.2  # a line is 1.2 x the size (Arial's ascent + descent is 1.15 em)
SAFETY = 1.04  # widths measured 4 % wider: hinting and renderers differ a little
INSET = Inches(0.08)
_EM = 1000  # Pillow measures at 1000 px per em; widths scale linearly
_BLANKS = re.compile(r"[ \t\f\v]+")
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: object, limit: int | None = None) -> str:
    """Data text made safe for a .pptx field: no XML-invalid characters, at most ``limit`` characters.

    Control characters (which lxml refuses) are dropped, runs of spaces within a line
    collapsed; a text longer than ``limit`` ends with "…".
    """
    s = _XML_BAD.sub("", "" if text is None else str(text))
    # Collapse ASCII blanks only: str.split() would also eat French narrow no-break spaces (U+202F).
    lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    s = "\n".join(_BLANKS.sub(" ", line).strip(" ") for line in lines)
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    return s


@lru_cache(maxsize=4)
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    path = FONT_DIR / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf")
    try:
        return ImageFont.truetype(str(path), _EM)
    except OSError:
        return None


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points."""
    font = _font(bold)
    if font is None:
        return len(text) * size * (0.64 if bold else 0.58) * SAFETY
    return font.getlength(text) * size / _EM * SAFETY


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces, cur = [], ""
    for ch in word:
        if cur and text_width_pt(cur + ch, size, bold) > width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    return [*pieces, cur] if cur else pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """The lines of ``text`` in a box ``width`` points wide (one paragraph per ``\\n``)."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split(" "):
            trial = f"{cur} {word}" if cur else word
            if text_width_pt(trial, size, bold) <= width:
                cur = trial
                continue
            if cur:
                lines.append(cur)
            if text_width_pt(word, size, bold) <= width:
                cur = word
            else:
                *full, cur = _break_word(word, width, size, bold) or [""]
                lines.extend(full)
        lines.append(cur)
    return lines


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width`` points wide."""
    return len(wrap(text, width, size, bold))


def fit_font_size(
    text: str, width: int, height: int, *, max_pt: float, min_pt: float, bold: bool = False, inset: int = INSET
) -> float | None:
    """The largest whole size, ``min_pt..max_pt``, at which ``text`` fits a box of ``width`` x ``height`` EMU.

    The box's insets are taken off both sides; None when even ``min_pt`` does not fit.
    """
    usable_w = (width - 2 * inset) / 12700
    usable_h = (height - 2 * inset) / 12700
    size = math.floor(max_pt)
    while size >= min_pt:
        if usable_w > 0 and line_count(text, usable_w, size, bold) * size * LINE_HEIGHT <= usable_h:
            return float(size)
        size -= 1
    return None


def fit(
    text: str, width: int, height: int, *, max_pt: float, min_pt: float, bold: bool = False, inset: int = INSET
) -> tuple[str, float]:
    """``text`` (shortened with "…" if it must be) and the size at which it fits."""
    size = fit_font_size(text, width, height, max_pt=max_pt, min_pt=min_pt, bold=bold, inset=inset)
    if size is not None:
        return text, size
    words = text.split(" ")

    def cut(n: int) -> str:
        if len(words) == 1:  # one long word: cut it by characters
            return text[:n].rstrip() + "…"
        return " ".join(words[:n]).rstrip(" ,;:.—-") + "…"

    lo, hi = 0, (len(text) if len(words) == 1 else len(words)) - 1
    while lo < hi:  # the longest prefix that fits at min_pt, by bisection
        mid = (lo + hi + 1) // 2
        if fit_font_size(cut(mid), width, height, max_pt=min_pt, min_pt=min_pt, bold=bold, inset=inset) is not None:
            lo = mid
        else:
            hi = mid - 1
    return cut(lo), float(min_pt)


def write(
    frame: Any,
    text: str,
    width: int,
    height: int,
    *,
    max_pt: float,
    min_pt: float,
    color: RGBColor,
    bold: bool = False,
    italic: bool = False,
    align: Any = PP_ALIGN.LEFT,
    anchor: Any = MSO_ANCHOR.TOP,
    inset: int = INSET,
) -> float:
    """Put ``text`` in a text frame, sized to fit its box; returns the size used."""
    text, size = fit(clean(text), width, height, max_pt=max_pt, min_pt=min_pt, bold=bold, inset=inset)
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", inset)
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.line_spacing = 1.0
        run = para.add_run()
        run.text = line
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = color
    return size
