"""The presentation a deck is built on: python-pptx's default, or the company's own template.

A company template (.pptx or .potx) keeps its masters, layouts, theme and background;
its sample slides are dropped. A .potx is a .pptx whose main part has a "template"
content type, which python-pptx refuses: it is changed to the presentation's on the way in.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from rlff.export.deck.look import SLIDE_HEIGHT, SLIDE_WIDTH
from rlff.i18n.messages import LocalizedError

__all__ = ["TemplateError", "Base", "open_base"]

_TEMPLATE_CT = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


class TemplateError(LocalizedError, ValueError):
    """A template that cannot be used (not a PowerPoint file, too big, no layouts); ``message(lang)``."""


@dataclass
class Base:
    """The presentation to add slides to, and the two layouts the deck uses."""

    prs: Any
    title_layout: Any
    content_layout: Any
    company: bool  # True on a company template (keep its background and look)


def _potx_as_pptx(data: bytes) -> bytes:
    """A .potx's bytes with the main part's content type changed to a presentation's."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(_TEMPLATE_CT, _PRESENTATION_CT)
            dst.writestr(item, body)
    return out.getvalue()


def _read_template(template: bytes | str | Path) -> bytes:
    if isinstance(template, bytes | bytearray):
        return bytes(template)
    path = Path(template)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TemplateError("template.error.unreadable", path=str(path), reason=str(exc.strerror or exc)) from None


def _drop_slides(prs: Any) -> None:
    """Remove the template's sample slides (and their parts' relationships)."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.get(qn("r:id")))
        ids.remove(sld)


def _placeholder_types(layout: Any) -> list[Any]:
    return [ph.placeholder_format.type for ph in layout.placeholders]


_DECOR = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


def _pick_layouts(prs: Any) -> tuple[Any, Any]:
    """(title layout, content layout): a layout with a centred title, and the one with a title and least else."""
    layouts = list(prs.slide_layouts)
    if not layouts:
        raise TemplateError("template.error.no_layouts")
    title = next((lo for lo in layouts if PP_PLACEHOLDER.CENTER_TITLE in _placeholder_types(lo)), layouts[0])
    with_title = [lo for lo in layouts if PP_PLACEHOLDER.TITLE in _placeholder_types(lo)] or layouts
    content = min(with_title, key=lambda lo: len([t for t in _placeholder_types(lo) if t not in _DECOR]))
    return title, content


def _widen(prs: Any) -> None:
    """Stretch a 4:3 master and its layouts to 16:9 (the deck is laid out for 13.33 x 7.5 in)."""
    ratio_x = SLIDE_WIDTH / prs.slide_width
    ratio_y = SLIDE_HEIGHT / prs.slide_height
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    if abs(ratio_x - 1) < 1e-3 and abs(ratio_y - 1) < 1e-3:
        return
    for master in prs.slide_masters:
        for owner in [master, *master.slide_layouts]:
            for xfrm in owner.shapes._spTree.iter(qn("a:xfrm")):
                off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                if off is not None and ext is not None:
                    off.set("x", str(round(int(off.get("x")) * ratio_x)))
                    ext.set("cx", str(round(int(ext.get("cx")) * ratio_x)))
                    off.set("y", str(round(int(off.get("y")) * ratio_y)))
                    ext.set("cy", str(round(int(ext.get("cy")) * ratio_y)))


def open_base(template: bytes | str | Path | None = None) -> Base:
    """The presentation to build on: the company's ``template`` (.pptx/.potx bytes or path) or the default.

    Raises:
        TemplateError: the template is not a PowerPoint file, is too big or has no layouts.
    """
    if template is None:
        prs = Presentation()
        _widen(prs)
        layouts = prs.slide_layouts
        return Base(prs, layouts[0], layouts[5], company=False)  # "Title Slide", "Title Only"
    data = _read_template(template)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            "template.error.too_big", size=f"{len(data) / 1e6:.0f}", limit=str(MAX_TEMPLATE_BYTES // 10**6)
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError("template.error.not_zip")
    try:
        if _TEMPLATE_CT in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml"):
            data = _potx_as_pptx(data)
        prs = Presentation(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, AttributeError) as exc:
        raise TemplateError("template.error.not_powerpoint", detail=str(exc)) from None
    _drop_slides(prs)
    _widen(prs)
    title, content = _pick_layouts(prs)
    return Base(prs, title, content, company=True)
