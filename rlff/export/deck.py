"""The "PowerPoint for Big Boss": a 16:9 .pptx of the vanity charts, and its honest edition.

The deck: a title slide (brand, month, and the community manager's name next to the
logo, as the article wishes), one slide per vanity chart with its big numbers, and a
closing slide. The honest edition adds a red-pen note to each vanity slide — what
the chart hides, computed from the same data by :mod:`rlff.metrics` — and an appendix
of the reality-check charts with their captions.

Every picture carries alt text; every title sits in a box placed for 16:9; every text
is sized so that it fits its box by a conservative characters-per-line estimate
(:func:`fit_font_size`), and shortened with "…" if even the smallest size does not fit.

``build_deck`` is pure (charts + PNG bytes in, ``Presentation`` out); ``export_deck``
renders the images with one browser and returns the file's bytes; ``save_deck``
writes it atomically.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from rlff import i18n, metrics
from rlff.charts.gaps import honest_chart
from rlff.export.images import ImageRenderer, Progress, RenderBatch
from rlff.io.atomic import atomic_write_bytes
from rlff.metrics.gaps import gaps_of, honest_kpis, honest_report
from rlff.metrics.periods import brand_posts, engagements_on, resolve_month
from rlff.schema import Tables

__all__ = [
    "BOSS_VIEW",
    "CHAR_WIDTH_EM",
    "FONT",
    "LINE_HEIGHT",
    "REALITY_VIEW",
    "SLIDE_HEIGHT",
    "SLIDE_WIDTH",
    "RedPen",
    "build_deck",
    "deck_charts",
    "deck_figure",
    "deck_file_name",
    "export_deck",
    "fit_font_size",
    "honest_notes",
    "render_deck_images",
    "submit_deck_images",
    "save_deck",
]

SLIDE_WIDTH = Inches(13.333)  # 16:9
SLIDE_HEIGHT = Inches(7.5)
BOSS_VIEW = "boss"
REALITY_VIEW = "reality"

# Conservative text metrics: average glyph width in em (Calibri is ~0.5 em, its
# LibreOffice stand-ins a little wider) and line height as a multiple of the size.
CHAR_WIDTH_EM = {False: 0.58, True: 0.64}  # regular, bold
LINE_HEIGHT = 1.2
# Arial: on every PowerPoint, and metric-compatible Liberation Sans in LibreOffice.
FONT = "Arial"
_INSET = Inches(0.08)

NAVY = RGBColor(0x1F, 0x2A, 0x44)
GREY = RGBColor(0x5F, 0x6B, 0x7A)
GREEN = RGBColor(0x1A, 0x7F, 0x37)
RED_PEN = RGBColor(0xC0, 0x00, 0x00)
GOLD = RGBColor(0xF2, 0xB7, 0x05)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
PALE = RGBColor(0xF3, 0xF5, 0xF9)

# The deck's own words (chart titles and captions come from rlff.charts / rlff.i18n).
TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Monthly community report", "fr": "Rapport mensuel de la communauté"},
    "subtitle": {"en": "{month} · Retweets, Likes, Friends, Fans", "fr": "{month} · Retweets, Likes, Friends, Fans"},
    "subtitle.honest": {
        "en": "{month} · honest edition, with red-pen notes and a reality check",
        "fr": "{month} · édition honnête, annotée au stylo rouge, avec retour au réel",
    },
    "brag": {
        "en": "{retweets} RT and {likes} likes this month ↑",
        "fr": "{retweets} RT et {likes} likes ce mois-ci ↑",
    },
    "cm_line": {"en": "with {cm}, Community Manager", "fr": "avec {cm}, Community Manager"},
    "cm_unknown": {"en": "our Community Manager", "fr": "notre Community Manager"},
    "closing.title": {"en": "Thank you, Big Boss!", "fr": "Merci, Big Boss !"},
    "closing.body": {
        "en": "{retweets} retweets · {likes} likes · {fans} fans in {month}.\nSee you next month, with even bigger numbers.",
        "fr": "{retweets} retweets · {likes} likes · {fans} fans en {month}.\n"
        "Rendez-vous le mois prochain, avec des chiffres encore plus grands.",
    },
    "closing.title.honest": {"en": "What this deck leaves out", "fr": "Ce que cette présentation passe sous silence"},
    "closing.body.honest": {
        "en": "Vanity index: {index} / 100 (0 = vanity and value agree).\n"
        "Messages answered: {reply_rate} · ROI: {roi} · bought fans: {bought}.\n"
        "The appendix shows the numbers behind the applause.",
        "fr": "Indice de vanité : {index} / 100 (0 = vanité et valeur d'accord).\n"
        "Messages ayant reçu une réponse : {reply_rate} · ROI : {roi} · fans achetés : {bought}.\n"
        "L'annexe montre les chiffres derrière les applaudissements.",
    },
    "appendix.title": {"en": "Appendix: the reality check", "fr": "Annexe : le retour au réel"},
    "appendix.body": {
        "en": "The same month, the metrics that matter: how long customers wait, what it costs and earns, "
        "who really engages, how the community was inflated.",
        "fr": "Le même mois, les indicateurs qui comptent : combien de temps les clients attendent, ce que ça coûte "
        "et rapporte, qui s'engage vraiment, comment la communauté a été gonflée.",
    },
    "red_pen": {"en": "Red pen", "fr": "Stylo rouge"},
    "footer": {"en": "{brand} · {month} · {cm}", "fr": "{brand} · {month} · {cm}"},
    "alt.chart": {"en": "Chart: {title}. {caption}", "fr": "Graphique : {title}. {caption}"},
    "alt.logo": {"en": "{brand} logo", "fr": "Logo {brand}"},
    # red-pen notes: {placeholders} filled with numbers formatted by rlff.i18n
    "note.non_customer": {
        "en": "{share} of these likes and retweets come from the peer ring, bought bots and the CM's own likes.",
        "fr": "{share} de ces likes et retweets viennent du cercle de pairs, de bots achetés et des likes du CM "
        "lui-même.",
    },
    "note.bought": {
        "en": "{share} of the fans were bought.",
        "fr": "{share} des fans ont été achetés.",
    },
    "note.bought_count": {
        "en": "{bought} of the {fans} fans were bought ({share}).",
        "fr": "{bought} des {fans} fans ont été achetés ({share}).",
    },
    "note.peers": {
        "en": "{share} of these likes and retweets come from {accounts} peer accounts who get the same in return.",
        "fr": "{share} de ces likes et retweets viennent de {accounts} comptes de pairs, à charge de revanche.",
    },
    "note.bots": {"en": "Bought bots add {share}.", "fr": "Les bots achetés en ajoutent {share}."},
    "note.self": {
        "en": "{share} of the likes are the CM liking the brand's own posts.",
        "fr": "{share} des likes sont ceux du CM sur les publications de la marque.",
    },
    "note.ring": {
        "en": "{ring} of these {peers} “competitors” are our own retweet ring: they retweet us, we retweet them.",
        "fr": "{ring} de ces {peers} « concurrents » forment notre propre cercle de retweets : ils nous "
        "retweetent, nous les retweetons.",
    },
    "note.roi": {
        "en": "The month cost {cost} and brought {revenue} of sales: ROI {roi}.",
        "fr": "Le mois a coûté {cost} pour {revenue} de ventes : ROI de {roi}.",
    },
    "note.top_sales": {
        "en": "Together these posts made {sales} sales.",
        "fr": "À elles toutes, ces publications ont fait {sales} ventes.",
    },
    "note.answers": {
        "en": "Meanwhile {backlog} customer messages wait for an answer; complaints answered within 1 h: {within}.",
        "fr": "Pendant ce temps, {backlog} messages de clients attendent une réponse ; réclamations traitées en "
        "moins d'1 h : {within}.",
    },
    "note.vanity_index": {
        "en": "Vanity index {index} / 100: how far this deck has drifted from value.",
        "fr": "Indice de vanité {index} / 100 : l'écart entre cette présentation et la valeur.",
    },
    "note.unknown": {
        "en": "The data cannot say what this slide hides (no source, cost or inbox data).",
        "fr": "Les données ne disent pas ce que cache cette diapositive (ni sources, ni coûts, ni messagerie).",
    },
}


def _t(key: str, lang: str, **values: object) -> str:
    texts = TEXT[key]
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text


# --- what each vanity slide hides -----------------------------------------------------------


@dataclass(frozen=True)
class RedPen:
    """A red-pen note: the text on the slide and the numbers it was written from."""

    text: str
    values: dict[str, float | int | None] = field(default_factory=dict)


def _peer_accounts(tables: Tables, month: pd.Timestamp) -> int:
    """Distinct peer accounts that liked or retweeted the month's brand posts (else the ring's size)."""
    posts = brand_posts(tables.posts, month)
    eng = engagements_on(tables.engagements, posts["post_id"], ("like", "retweet"))
    actors = eng.loc[eng["source"] == "peer", "actor"].astype("str")
    n = int(actors[actors != ""].nunique())
    if n == 0 and not tables.peers.empty:
        n = int(tables.peers["in_ring"].sum())
    return n


def _bought_follows(tables: Tables, month: pd.Timestamp) -> int | None:
    f = tables.followers
    if f.empty:
        return None
    end = metrics.month_bounds(month)[1]
    return int(f.loc[f["date"] < end, "bought_follows"].sum())


def honest_notes(tables: Tables, lang: str = "en", *, report: Mapping[str, Any] | None = None) -> dict[str, RedPen]:
    """Red-pen notes for the vanity charts, by chart key, plus ``"*"`` for any other vanity chart.

    Every number comes from :mod:`rlff.metrics` for the reported month and is kept in
    :attr:`RedPen.values` (unformatted) so that tests can compare; a clause whose
    number the data cannot give is left out. ``report`` is :func:`rlff.metrics.report`
    of ``tables`` if already computed.
    """
    m = resolve_month(tables, None)
    pct = lambda x: i18n.fmt_pct(x, lang, digits=0)  # noqa: E731
    # What the data cannot give (imports) is None: its sentence is left out, never written with a 0.
    gaps = gaps_of(tables)
    rep = honest_report(dict(report) if report is not None else metrics.report(tables, m), tables)
    reality: dict[str, Any] = rep["reality"]  # type: ignore[assignment]
    vanity: dict[str, Any] = rep["vanity"]  # type: ignore[assignment]
    no_sources = gaps.lacks("engagement_sources")
    non_customer = None if no_sources else metrics.non_customer_share(tables, m)
    bought_share = None if gaps.lacks("bought_follower_share") else metrics.bought_follower_share(tables.followers, m)
    if no_sources:
        peer = bot = self_ = None
    else:
        peer, bot, self_ = (
            metrics.peer_share(tables, m),
            metrics.bot_share(tables, m),
            metrics.self_like_share(tables, m),
        )
    vi: float | None = rep["vanity_index"]  # type: ignore[assignment]
    notes: dict[str, RedPen] = {}

    def note(key: str, parts: list[tuple[str, dict[str, object]]], values: dict[str, Any]) -> None:
        text = " ".join(_t(k, lang, **v) for k, v in parts)
        notes[key] = RedPen(text or _t("note.unknown", lang), values)

    # The four tiles.
    parts: list[tuple[str, dict[str, object]]] = []
    if non_customer is not None:
        parts.append(("note.non_customer", {"share": pct(non_customer)}))
    if bought_share is not None:
        parts.append(("note.bought", {"share": pct(bought_share)}))
    note("boss_tiles", parts, {"non_customer_share": non_customer, "bought_follower_share": bought_share})

    # Engagement over time: who gave those likes and retweets.
    parts = []
    accounts = _peer_accounts(tables, m)
    if peer is not None:
        parts.append(("note.peers", {"share": pct(peer), "accounts": i18n.fmt_int(accounts, lang)}))
    if bot is not None:
        parts.append(("note.bots", {"share": pct(bot)}))
    if self_ is not None:
        parts.append(("note.self", {"share": pct(self_)}))
    note(
        "engagement_over_time",
        parts,
        {"peer_share": peer, "bot_share": bot, "self_like_share": self_, "peer_accounts": accounts},
    )

    # Follower growth: bought fans.
    bought = _bought_follows(tables, m)
    fans = vanity.get("fans")
    parts = []
    if bought_share is not None and bought is not None and fans:
        parts.append(
            (
                "note.bought_count",
                {"bought": i18n.fmt_int(bought, lang), "fans": i18n.fmt_int(fans, lang), "share": pct(bought_share)},
            )
        )
    elif bought_share is not None:
        parts.append(("note.bought", {"share": pct(bought_share)}))
    note("follower_growth", parts, {"bought_follower_share": bought_share, "bought_follows": bought, "fans": fans})

    # The competitor benchmark is the ring itself.
    parts = []
    ring = int(tables.peers["in_ring"].sum()) if not tables.peers.empty else None
    if ring is not None:
        parts.append(("note.ring", {"ring": i18n.fmt_int(ring, lang), "peers": i18n.fmt_int(len(tables.peers), lang)}))
    if peer is not None:
        parts.append(("note.peers", {"share": pct(peer), "accounts": i18n.fmt_int(accounts, lang)}))
    note("competitor_benchmark", parts, {"ring": ring, "peers": len(tables.peers), "peer_share": peer})

    # Top posts: applause is not sales.
    parts = []
    top = metrics.top_posts(tables, m)
    sales = int(top["conversions"].sum()) if len(top) and not gaps.lacks("format_performance") else None
    if sales is not None:
        parts.append(("note.top_sales", {"sales": i18n.fmt_int(sales, lang)}))
    roi = reality.get("roi")
    if roi is not None:
        parts.append(
            (
                "note.roi",
                {
                    "cost": i18n.fmt_eur(reality.get("cost_eur"), lang),
                    "revenue": i18n.fmt_eur(reality.get("revenue_eur"), lang),
                    "roi": i18n.fmt_pct(roi, lang, digits=0),
                },
            )
        )
    note("top_posts", parts, {"top_post_sales": sales, "roi": roi})

    # Any other vanity chart: the index, and the customers left waiting.
    parts = []
    if vi is not None:
        parts.append(("note.vanity_index", {"index": i18n.fmt_int(vi, lang)}))
    backlog, within = reality.get("unanswered_backlog"), reality.get("complaints_answered_within_1h")
    if backlog is not None:
        parts.append(("note.answers", {"backlog": i18n.fmt_int(backlog, lang), "within": pct(within)}))
    note("*", parts, {"vanity_index": vi, "unanswered_backlog": backlog, "complaints_answered_within_1h": within})
    return notes


# --- text that fits ---------------------------------------------------------------------------


def _lines(text: str, chars_per_line: int) -> int:
    return sum(
        max(1, len(textwrap.wrap(p, chars_per_line, break_long_words=True, break_on_hyphens=False)))
        for p in text.split("\n")
    )


def fit_font_size(
    text: str, width: int, height: int, *, max_pt: float, min_pt: float, bold: bool = False, lines_of: int = 1
) -> float | None:
    """The largest size in whole points, ``min_pt..max_pt``, at which ``text`` fits a box; None if none does.

    ``width``/``height`` are the box's size in EMU; insets are taken off. A line holds
    ``width / (size × CHAR_WIDTH_EM)`` characters and is ``size × LINE_HEIGHT`` tall.
    ``lines_of`` reserves extra lines of the same size (for a paragraph added later).
    """
    usable_w = (width - 2 * _INSET) / 12700  # EMU -> pt
    usable_h = (height - 2 * _INSET) / 12700
    size = math.floor(max_pt)
    while size >= min_pt:
        cpl = int(usable_w // (size * CHAR_WIDTH_EM[bold]))
        if cpl >= 1 and (_lines(text, cpl) + lines_of - 1) * size * LINE_HEIGHT <= usable_h:
            return float(size)
        size -= 1
    return None


def _fit(text: str, width: int, height: int, *, max_pt: float, min_pt: float, bold: bool = False) -> tuple[str, float]:
    """``text`` (shortened with "…" if it must be) and the size at which it fits."""
    size = fit_font_size(text, width, height, max_pt=max_pt, min_pt=min_pt, bold=bold)
    if size is not None:
        return text, size
    words = text.split(" ")

    def cut(n: int) -> str:
        return " ".join(words[:n]).rstrip(" ,;:.—-") + "…"

    lo, hi = 1, len(words) - 1  # the longest prefix that fits at min_pt, by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fit_font_size(cut(mid), width, height, max_pt=min_pt, min_pt=min_pt, bold=bold) is not None:
            lo = mid
        else:
            hi = mid - 1
    return cut(lo), min_pt


def _write(
    frame: Any,
    text: str,
    width: int,
    height: int,
    *,
    max_pt: float,
    min_pt: float,
    bold: bool = False,
    color: RGBColor = NAVY,
    align: Any = PP_ALIGN.LEFT,
    italic: bool = False,
    anchor: Any = MSO_ANCHOR.TOP,
) -> float:
    """Put ``text`` in a text frame, sized to fit; returns the size used."""
    text, size = _fit(text, width, height, max_pt=max_pt, min_pt=min_pt, bold=bold)
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", _INSET)
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = color
    return size


def _textbox(slide: Any, left: int, top: int, width: int, height: int, text: str, name: str, **style: Any) -> Any:
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    _write(box.text_frame, text, width, height, **style)
    return box


# --- slides -----------------------------------------------------------------------------------

_MARGIN = Inches(0.5)
_TITLE_TOP, _TITLE_H = Inches(0.3), Inches(0.95)
_BODY_TOP = Inches(1.4)
_PIC_W = Inches(8.4)
_PIC_H = int(_PIC_W * 9 / 16)
_PANEL_LEFT = _MARGIN + _PIC_W + Inches(0.35)
_PANEL_W = SLIDE_WIDTH - _PANEL_LEFT - _MARGIN
_FOOTER_TOP, _FOOTER_H = Inches(7.0), Inches(0.35)
_CAPTION_TOP = _BODY_TOP + _PIC_H + Inches(0.05)
_CAPTION_H = _FOOTER_TOP - _CAPTION_TOP - Inches(0.05)


def _widen_template(prs: Any) -> None:
    """Stretch the default (4:3) master and layouts to 16:9, for slides a user adds later."""
    from pptx.oxml.ns import qn

    ratio = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in owner.shapes._spTree.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * ratio)))
                ext.set("cx", str(round(int(ext.get("cx")) * ratio)))


def _place_title(slide: Any, text: str, *, top: int = _TITLE_TOP, height: int = _TITLE_H, size: float = 30) -> Any:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _MARGIN, top, SLIDE_WIDTH - 2 * _MARGIN, height
    _write(
        title.text_frame, text, title.width, title.height, max_pt=size, min_pt=18, bold=True, anchor=MSO_ANCHOR.MIDDLE
    )
    return title


def _footer(slide: Any, text: str, number: int) -> None:
    _textbox(slide, _MARGIN, _FOOTER_TOP, Inches(10.5), _FOOTER_H, text, "Footer", max_pt=10, min_pt=7, color=GREY)
    _textbox(
        slide,
        SLIDE_WIDTH - _MARGIN - Inches(1.0),
        _FOOTER_TOP,
        Inches(1.0),
        _FOOTER_H,
        str(number),
        "Slide number",
        max_pt=10,
        min_pt=7,
        color=GREY,
        align=PP_ALIGN.RIGHT,
    )


def _picture(slide: Any, png: bytes, left: int, top: int, width: int, alt: str, name: str) -> Any:
    pic = slide.shapes.add_picture(io.BytesIO(png), left, top, width=width)
    pic.name = name
    pic._element.nvPicPr.cNvPr.set("descr", alt)  # the alt text PowerPoint and screen readers show
    return pic


def _alt_text(chart: Any, lang: str) -> str:
    alt = _t("alt.chart", lang, title=chart.title, caption=chart.caption).strip()
    if chart.headline:
        alt += " " + "; ".join(f"{k}: {v}" for k, v in chart.headline.items()) + "."
    return alt


def _notes(slide: Any, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _big_numbers(slide: Any, headline: Mapping[str, str], top: int, height: int) -> None:
    """Up to four tiles: one column for one or two numbers, a 2 x 2 grid for three or four."""
    items = list(headline.items())[:4]
    if not items:
        return
    gap = Inches(0.12)
    cols = 1 if len(items) <= 2 else 2
    rows = math.ceil(len(items) / cols)
    tile_w = int((_PANEL_W - gap * (cols - 1)) / cols)
    tile_h = min(Inches(1.4), int((height - gap * (rows - 1)) / rows))
    for i, (label, value) in enumerate(items):
        x = _PANEL_LEFT + (i % cols) * (tile_w + gap)
        y = top + (i // cols) * (tile_h + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, tile_w, tile_h)
        tile.name = f"Big number {i + 1}"
        tile.fill.solid()
        tile.fill.fore_color.rgb = PALE
        tile.line.fill.background()
        tile.shadow.inherit = False
        value_h = int(tile_h * 0.6)
        rising = str(value).lstrip().startswith(("+", "▲", "↑"))
        _write(
            tile.text_frame, str(value), tile_w, value_h, max_pt=32, min_pt=10, bold=True,
            color=GREEN if rising else NAVY, anchor=MSO_ANCHOR.TOP,
        )  # fmt: skip
        # The label goes in its own box under the value (two sizes in one frame are hard to fit).
        _textbox(
            slide, x, y + value_h, tile_w, tile_h - value_h, str(label), f"Big number {i + 1} label",
            max_pt=14, min_pt=8, color=GREY,
        )  # fmt: skip


def _red_pen(slide: Any, note: RedPen, lang: str, top: int, height: int) -> Any:
    """The note in red, in a box no taller than its text needs (at most ``height``)."""
    text = f"{_t('red_pen', lang)}: {note.text}"
    text, size = _fit(text, _PANEL_W, height, max_pt=16, min_pt=9, bold=True)
    cpl = int((_PANEL_W - 2 * _INSET) / 12700 // (size * CHAR_WIDTH_EM[True]))
    needed = int(_lines(text, cpl) * size * LINE_HEIGHT * 12700 + 2 * _INSET + Inches(0.15))
    height = max(min(height, needed), Inches(0.9))
    box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _PANEL_LEFT, top, _PANEL_W, height)
    box.name = "Red pen note"
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xFF, 0xF4, 0xF4)
    box.line.color.rgb = RED_PEN
    box.line.width = Pt(2)
    box.shadow.inherit = False
    box.rotation = -1.5
    _write(box.text_frame, text, _PANEL_W, height, max_pt=size, min_pt=9, italic=True, bold=True, color=RED_PEN,
           anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    return box


def _title_slide(prs: Any, tables: Tables, lang: str, honest: bool) -> None:
    meta = tables.meta
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    month = i18n.fmt_month(meta.reported_month, lang)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_WIDTH, Inches(2.1))
    band.name = "Brand band"
    band.fill.solid()
    band.fill.fore_color.rgb = NAVY
    band.line.fill.background()
    band.shadow.inherit = False
    # The logo: a gold disc with the brand's initials (no external image needed).
    logo = slide.shapes.add_shape(MSO_SHAPE.OVAL, Inches(0.6), Inches(0.35), Inches(1.4), Inches(1.4))
    logo.name = "Logo"
    logo.fill.solid()
    logo.fill.fore_color.rgb = GOLD
    logo.line.color.rgb = WHITE
    logo.line.width = Pt(3)
    logo.shadow.inherit = False
    initials = "".join(w[0] for w in meta.brand.replace("&", " ").split() if w[:1].isalnum())[:3].upper() or "R"
    _write(logo.text_frame, initials, Inches(1.4), Inches(1.4), max_pt=36, min_pt=14, bold=True, color=NAVY,
           align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    logo._element.nvSpPr.cNvPr.set("descr", _t("alt.logo", lang, brand=meta.brand))
    # Next to the logo: the brand, and the community manager's name (the article's wish).
    _textbox(slide, Inches(2.25), Inches(0.35), Inches(10.5), Inches(0.8), meta.brand, "Brand name",
             max_pt=32, min_pt=16, bold=True, color=WHITE, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    cm = meta.cm_name or _t("cm_unknown", lang)
    _textbox(slide, Inches(2.25), Inches(1.1), Inches(10.5), Inches(0.65), _t("cm_line", lang, cm=cm),
             "Community manager", max_pt=22, min_pt=12, color=GOLD, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _MARGIN, Inches(2.7), SLIDE_WIDTH - 2 * _MARGIN, Inches(1.5)
    _write(title.text_frame, _t("title", lang), title.width, title.height, max_pt=44, min_pt=24, bold=True,
           align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)  # fmt: skip
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(1.5), Inches(4.4), SLIDE_WIDTH - Inches(3.0), Inches(1.2)
    kpis = honest_kpis(metrics.vanity_kpis(tables), gaps_of(tables))
    if kpis.retweets is not None and kpis.likes is not None:
        brag = _t("brag", lang, retweets=i18n.fmt_int(kpis.retweets, lang), likes=i18n.fmt_int(kpis.likes, lang))
        _textbox(slide, Inches(1.5), Inches(5.8), SLIDE_WIDTH - Inches(3.0), Inches(0.9), brag, "Headline",
                 max_pt=30, min_pt=14, bold=True, color=GREEN, align=PP_ALIGN.CENTER)  # fmt: skip
    key = "subtitle.honest" if honest else "subtitle"
    _write(sub.text_frame, _t(key, lang, month=month), sub.width, sub.height, max_pt=24, min_pt=12,
           color=RED_PEN if honest else GREY, align=PP_ALIGN.CENTER)  # fmt: skip


def _chart_slide(
    prs: Any, chart: Any, png: bytes, *, lang: str, footer: str, note: RedPen | None, appendix: bool
) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _place_title(slide, chart.title)
    _picture(slide, png, _MARGIN, _BODY_TOP, _PIC_W, _alt_text(chart, lang), f"Chart {chart.key}")
    if appendix:
        # The reality check: the caption is the message, beside the chart.
        _textbox(slide, _PANEL_LEFT, _BODY_TOP, _PANEL_W, _PIC_H, chart.caption, "Caption",
                 max_pt=18, min_pt=10, color=NAVY)  # fmt: skip
        if chart.headline:
            items = " · ".join(f"{k}: {v}" for k, v in chart.headline.items())
            _textbox(slide, _MARGIN, _CAPTION_TOP, _PIC_W, _CAPTION_H, items, "Key figures",
                     max_pt=14, min_pt=8, bold=True, color=NAVY)  # fmt: skip
    else:
        panel_h = _PIC_H
        if note is not None:
            note_h = Inches(2.0)
            if chart.headline:
                _big_numbers(slide, chart.headline, _BODY_TOP, panel_h - note_h - Inches(0.2))
                _red_pen(slide, note, lang, _BODY_TOP + panel_h - note_h, note_h)
            else:
                _red_pen(slide, note, lang, _BODY_TOP + Inches(0.1), note_h)
        else:
            _big_numbers(slide, chart.headline, _BODY_TOP, panel_h)
        _textbox(slide, _MARGIN, _CAPTION_TOP, _PIC_W, _CAPTION_H, chart.caption, "Caption",
                 max_pt=12, min_pt=8, color=GREY)  # fmt: skip
    _footer(slide, footer, len(prs.slides))
    _notes(slide, chart.caption + (f"\n\n{_t('red_pen', lang)}: {note.text}" if note else ""))


def _text_slide(prs: Any, title: str, body: str, footer: str, *, color: RGBColor = NAVY) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _place_title(slide, title, top=Inches(1.2), height=Inches(1.3), size=40)
    _textbox(slide, Inches(1.5), Inches(2.9), SLIDE_WIDTH - Inches(3.0), Inches(3.2), body, "Body",
             max_pt=26, min_pt=12, color=color, align=PP_ALIGN.CENTER)  # fmt: skip
    _footer(slide, footer, len(prs.slides))


def _closing_body(tables: Tables, rep: Mapping[str, Any], lang: str, honest: bool) -> tuple[str, str]:
    v: dict[str, Any] = rep["vanity"]  # type: ignore[assignment]
    r: dict[str, Any] = rep["reality"]  # type: ignore[assignment]
    month = i18n.fmt_month(tables.meta.reported_month, lang)
    if not honest:
        body = _t(
            "closing.body", lang, retweets=i18n.fmt_int(v["retweets"], lang), likes=i18n.fmt_int(v["likes"], lang),
            fans=i18n.fmt_int(v["fans"], lang), month=month,
        )  # fmt: skip
        return _t("closing.title", lang), body
    vi = rep["vanity_index"]
    body = _t(
        "closing.body.honest", lang, index=i18n.fmt_int(vi, lang) if vi is not None else i18n.MISSING,
        reply_rate=i18n.fmt_pct(r["reply_rate"], lang, digits=0), roi=i18n.fmt_pct(r["roi"], lang, digits=0),
        bought=i18n.fmt_pct(r["bought_follower_share"], lang, digits=0),
    )  # fmt: skip
    return _t("closing.title.honest", lang), body


def deck_charts(charts: Iterable[Any], *, honest: bool) -> tuple[list[Any], list[Any]]:
    """(vanity charts, appendix charts) of a deck: the boss view, and with ``honest`` the reality check."""
    charts = list(charts)
    vanity = [c for c in charts if c.view == BOSS_VIEW]
    appendix = [c for c in charts if c.view == REALITY_VIEW] if honest else []
    return vanity, appendix


def build_deck(
    tables: Tables,
    charts: Sequence[Any],
    images: Mapping[str, bytes],
    *,
    lang: str = "en",
    honest: bool = False,
    report: Mapping[str, Any] | None = None,
    notes: Mapping[str, RedPen] | None = None,
) -> Any:
    """Assemble the deck from charts and their PNGs (no browser); returns a ``pptx.Presentation``.

    Slides: title; one per vanity (boss-view) chart; closing; with ``honest``, each
    vanity slide also carries a red-pen note and an appendix (a divider and one slide
    per reality chart) follows the closing slide. ``report`` (:func:`rlff.metrics.report`)
    and ``notes`` (:func:`honest_notes`) are computed here unless given.
    """
    lang = i18n.check_lang(lang)
    gaps = gaps_of(tables)
    vanity, appendix = deck_charts([honest_chart(c, gaps, lang) for c in charts], honest=honest)
    missing = [c.key for c in (*vanity, *appendix) if c.key not in images]
    if missing:
        raise KeyError(f"no image for chart(s): {', '.join(missing)}")
    prs = Presentation()
    _widen_template(prs)
    prs.core_properties.title = f"{tables.meta.brand} — {_t('title', lang)}"
    prs.core_properties.author = tables.meta.cm_name or "RLFF"
    prs.core_properties.language = lang
    meta = tables.meta
    footer = _t(
        "footer", lang, brand=meta.brand, month=i18n.fmt_month(meta.reported_month, lang),
        cm=meta.cm_name or _t("cm_unknown", lang),
    )  # fmt: skip
    rep = honest_report(dict(report) if report is not None else metrics.report(tables), tables)
    if honest and notes is None:
        notes = honest_notes(tables, lang, report=rep)
    notes = notes or {}
    _title_slide(prs, tables, lang, honest)
    for chart in vanity:
        note = (notes.get(chart.key) or notes["*"]) if honest else None
        _chart_slide(prs, chart, images[chart.key], lang=lang, footer=footer, note=note, appendix=False)
    title, body = _closing_body(tables, rep, lang, honest)
    _text_slide(prs, title, body, footer, color=RED_PEN if honest else NAVY)
    if appendix:
        _text_slide(prs, _t("appendix.title", lang), _t("appendix.body", lang), footer)
        for chart in appendix:
            _chart_slide(prs, chart, images[chart.key], lang=lang, footer=footer, note=None, appendix=True)
    return prs


# Deck pictures are 8.4 in wide on a 13.33 in slide: rendered at that fraction of the
# 1280 px export width, text keeps the size it has on a full-slide image.
DECK_IMAGE_WIDTH = 800
DECK_IMAGE_HEIGHT = 450
DECK_IMAGE_SCALE = 2


def deck_figure(figure: Any) -> Any:
    """A copy of a chart's figure for a slide: no in-figure title (the slide has it), a slimmer top."""
    fig = go.Figure(figure)
    fig.update_layout(title={"text": ""}, margin={"t": 50})
    return fig


def submit_deck_images(charts: Sequence[Any], renderer: ImageRenderer) -> RenderBatch:
    """Queue the PNGs of ``charts`` as they go on slides (no in-figure title, 800 x 450 at 2x)."""
    return renderer.submit(
        [deck_figure(c.figure) for c in charts], fmt="png", width=DECK_IMAGE_WIDTH, height=DECK_IMAGE_HEIGHT,
        scale=DECK_IMAGE_SCALE, labels=[c.title or c.key for c in charts],
    )  # fmt: skip


def render_deck_images(
    charts: Sequence[Any], *, renderer: ImageRenderer | None = None, progress: Progress | None = None
) -> dict[str, bytes]:
    """PNGs of ``charts`` as they go on slides, by key, with one browser."""
    own = renderer is None
    renderer = renderer or ImageRenderer()
    try:
        pngs = submit_deck_images(charts, renderer).results(progress)
    finally:
        if own:
            renderer.close()
    return {c.key: png for c, png in zip(charts, pngs, strict=True)}


class _Arriving(Mapping[str, bytes]):
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


def export_deck(
    tables: Tables,
    *,
    lang: str = "en",
    honest: bool = False,
    progress: Progress | None = None,
    charts: Sequence[Any] | None = None,
    renderer: ImageRenderer | None = None,
) -> bytes:
    """The deck as .pptx bytes: builds the charts, renders their PNGs with one browser, assembles.

    The browser starts while the charts and numbers are computed, and the slides are
    assembled while the next pictures render.

    Args:
        tables: the dataset.
        lang: "en" or "fr".
        honest: the honest edition (red-pen notes and the reality appendix).
        progress: ``progress(done, total, label)`` after each image and once the deck is built.
        charts: charts already built for ``tables`` and ``lang`` (default: built here).
        renderer: a running :class:`~rlff.export.images.ImageRenderer` (default: a fresh one, closed after).

    Raises:
        rlff.export.images.ChromiumMissing: no browser to render the charts; nothing was built.
        rlff.export.images.ExportError: a chart failed to render.
    """
    lang = i18n.check_lang(lang)
    own = renderer is None
    renderer = renderer or ImageRenderer()
    batch: RenderBatch | None = None
    try:
        renderer.start()  # fails at once without a browser; otherwise starts while the charts are built
        if charts is None:
            from rlff.charts import build_charts

            wanted = (BOSS_VIEW, REALITY_VIEW) if honest else (BOSS_VIEW,)
            charts = build_charts(tables, lang=lang, views=wanted)
        gaps = gaps_of(tables)  # no chart states a number the data cannot give (imports)
        vanity, appendix = deck_charts([honest_chart(c, gaps, lang) for c in charts], honest=honest)
        shown = [*vanity, *appendix]
        total = len(shown) + 1

        def step(done: int, _total: int, label: str) -> None:
            if progress is not None:
                progress(done, total, label)

        batch = submit_deck_images(shown, renderer)
        rep = honest_report(metrics.report(tables), tables)  # computed while the browser starts and renders
        notes = honest_notes(tables, lang, report=rep) if honest else None
        prs = build_deck(
            tables, shown, _Arriving(shown, batch, step), lang=lang, honest=honest, report=rep, notes=notes
        )
    except BaseException:
        if batch is not None:
            batch.cancel()
        raise
    finally:
        if own:
            renderer.close(wait=False)  # the browser shuts down while the deck is saved
    buf = io.BytesIO()
    prs.save(buf)
    step(total, total, "deck")
    return buf.getvalue()


def deck_file_name(tables: Tables, *, honest: bool = False) -> str:
    """A file name for the deck: ``rlff-deck-2026-01.pptx`` (``-honest`` for the honest edition)."""
    month = pd.Timestamp(tables.meta.reported_month).strftime("%Y-%m")
    return f"rlff-deck-{month}{'-honest' if honest else ''}.pptx"


def save_deck(tables: Tables, path: str | Path, **options: Any) -> Path:
    """Write :func:`export_deck` to ``path`` (a folder gets :func:`deck_file_name`), atomically."""
    out = Path(path)
    if out.is_dir():
        out = out / deck_file_name(tables, honest=bool(options.get("honest")))
    data = export_deck(tables, **options)
    atomic_write_bytes(out, data)
    return out
