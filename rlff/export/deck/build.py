"""Assemble the deck: which slides, in which order, from which numbers; render; save.

``build_deck`` is pure (charts + the PNGs of the charts that stay pictures in,
``Presentation`` out); ``export_deck`` renders those pictures with one browser (none at
all when every chart is native, as in the vanity edition) and returns the file's bytes;
``save_deck`` writes it atomically.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from rlff import i18n, metrics
from rlff.charts.captions import shows_sales
from rlff.charts.gaps import honest_chart
from rlff.export.deck.look import CORE_LIMIT, DARK, LIGHT, DeckBrand
from rlff.export.deck.native import NativeChart, Tile, native_charts
from rlff.export.deck.notes import RedPen, honest_notes
from rlff.export.deck.pictures import Arriving, submit_pictures
from rlff.export.deck.slides import Slides
from rlff.export.deck.template import open_base
from rlff.export.deck.text import clean
from rlff.export.images import ImageRenderer, Progress, RenderBatch
from rlff.io.atomic import atomic_write_bytes
from rlff.metrics.gaps import gaps_of, honest_kpis, honest_report
from rlff.schema import Tables

__all__ = [
    "APPENDIX_FIRST",
    "BOSS_VIEW",
    "NATIVE_CHARTS",
    "REALITY_VIEW",
    "build_deck",
    "deck_charts",
    "deck_file_name",
    "export_deck",
    "picture_charts",
    "save_deck",
]

BOSS_VIEW = "boss"
REALITY_VIEW = "reality"
# Side-by-side charts the honest appendix opens with: the index, and "photo + question" vs sales.
APPENDIX_FIRST = ("vanity_index", "format_performance")
# Charts drawn as PowerPoint charts (bars and lines); tiles and the best posts are native too.
NATIVE_CHARTS = (
    "engagement_over_time",
    "follower_growth",
    "competitor_benchmark",
    *APPENDIX_FIRST,
    "platform_effort",
    "cm_output",
)
_ALWAYS_NATIVE = ("boss_tiles", "top_posts")
_FOOTER_BRAND = 60  # characters of the brand's name in the footer


def deck_charts(charts: Iterable[Any], *, honest: bool) -> tuple[list[Any], list[Any]]:
    """(vanity slides, appendix slides): the boss view; with ``honest`` the index, format vs sales and
    the reality check. Charts the data cannot draw are left out (the gaps slide lists them)."""
    charts = [c for c in charts if c.available]
    vanity = [c for c in charts if c.view == BOSS_VIEW]
    if not honest:
        return vanity, []
    first = [c for key in APPENDIX_FIRST for c in charts if c.key == key]
    return vanity, first + [c for c in charts if c.view == REALITY_VIEW]


def _native(chart: Any, native: bool, lang: str = "en") -> list[NativeChart] | None:
    if not native or chart.key not in NATIVE_CHARTS:
        return None
    return native_charts(chart.figure, lang)


def picture_charts(charts: Sequence[Any], *, native: bool = True) -> list[Any]:
    """The charts of a deck that go on slides as pictures (PowerPoint cannot draw them)."""
    return [c for c in charts if not (native and c.key in _ALWAYS_NATIVE) and _native(c, native) is None]


def _cm_name(brand: DeckBrand) -> str:
    """The CM's name without a job title: "Jane, Community Manager" and "Community Manager" must not
    read "…Community Manager, Community Manager" once the deck adds the title."""
    name = brand.cm_name.strip()
    for suffix in (", community manager", " - community manager", " community manager", "community manager"):
        if name.casefold().endswith(suffix):
            name = name[: len(name) - len(suffix)].strip(" ,-–—")
    return name


def _cm_line(brand: DeckBrand, lang: str) -> str:
    name = _cm_name(brand)
    return i18n.t("deck.cm_line", lang, cm=name) if name else i18n.t("deck.cm_line.unknown", lang)


def _tiles(tables: Tables, gaps: Any, lang: str) -> list[Tile]:
    kpis = honest_kpis(metrics.vanity_kpis(tables), gaps)
    prev = i18n.fmt_month_short(metrics.previous_month(kpis.month), lang)
    tiles = []
    for key in ("retweets", "likes", "friends", "fans"):
        value, before = getattr(kpis, key), getattr(kpis, f"{key}_prev")
        delta = rising = None
        if value is not None and before:
            change = (value - before) / before
            arrow = "▲" if change > 0 else ("▼" if change < 0 else "=")
            delta = f"{arrow} " + i18n.t(
                "deck.delta", lang, change=i18n.fmt_pct(change, lang, 0, signed=True), prev=prev
            )
            rising = change >= 0
        shown = i18n.fmt_int(value, lang) if value is not None else i18n.MISSING
        tiles.append(Tile(i18n.t(f"tile.{key}", lang), shown, delta, rising))
    return tiles


def _headline_tiles(chart: Any, lang: str) -> list[Tile]:
    tiles = []
    for label, value in list(chart.headline.items())[:3]:
        if label == "#":  # the benchmark's rank, "6 / 13"
            rank, _, n = str(value).partition(" / ")
            tiles.append(Tile(i18n.t("deck.rank", lang), i18n.t("deck.rank.value", lang, rank=rank, n=n)))
        elif chart.key == "vanity_index":
            tiles.append(Tile(str(label), f"{value} / 100"))
        else:
            tiles.append(Tile(str(label), str(value)))
    return tiles


def _derived_tiles(chart: Any, specs: Sequence[NativeChart], lang: str) -> list[Tile]:
    """Key figures for a slide whose chart has no headline, read off its own (metrics') numbers."""
    if chart.key == "platform_effort" and specs and len(specs[0].series) >= 2:
        effort, reach = specs[0].series[:2]
        # The platform with the worst effort-to-reach ratio, as the caption names it.
        worst = max(range(len(effort.values)), key=lambda i: effort.values[i] / (reach.values[i] or 1e-9))
        where = str(specs[0].categories[worst])
        return [Tile(f"{s.name} — {where}", i18n.fmt_pct(s.values[worst], lang, 0)) for s in (effort, reach)]
    if chart.key == "format_performance" and len(specs) == 2:
        # "Photo + question": the most applause, the fewest sales (the article's row 8).
        pq = i18n.name("format", "photo_question", lang)
        return [
            Tile(f"{spec.title} — {pq}", i18n.fmt_float(spec.series[0].values[spec.categories.index(pq)], lang, digits))
            for spec, digits in zip(specs, (0, 1), strict=True)
            if pq in spec.categories
        ]
    if chart.key == "cm_output" and len(specs) == 2:
        posts, hours = specs
        return [
            Tile(f"{posts.title} — {posts.categories[0]}", i18n.fmt_int(posts.series[0].values[0], lang)),
            Tile(f"{hours.title} — {hours.categories[0]}", i18n.fmt_hours(hours.series[0].values[0], lang)),
        ]
    return []


def _best_posts(tables: Tables, gaps: Any, lang: str) -> tuple[list[str], list[list[str]], list[int]]:
    top = metrics.top_posts(tables, None, 10)
    # Sales only when the files tell them and they flatter (the deck is the CM's voice).
    sales = not gaps.lacks("format_performance") and shows_sales(len(top), int(top["conversions"].sum()))
    cols = ["published_at", "platform", "text", "likes", "retweets", *(["conversions"] if sales else [])]
    header = [i18n.t(f"table.{c}", lang) for c in cols]
    rows = []
    for _, r in top.iterrows():
        row = [
            i18n.fmt_day_short(r["published_at"], lang),
            i18n.name("platform", r["platform"], lang),
            clean(" ".join(str(r["text"]).split())),
            i18n.fmt_int(r["likes"], lang),
            i18n.fmt_int(r["retweets"], lang),
        ]
        if sales:
            row.append(i18n.fmt_int(r["conversions"], lang))
        rows.append(row)
    return header, rows, list(range(3, len(cols)))


def _closing(tables: Tables, rep: Mapping[str, Any], lang: str, honest: bool) -> tuple[str, str]:
    v: dict[str, Any] = rep["vanity"]  # type: ignore[assignment]
    r: dict[str, Any] = rep["reality"]  # type: ignore[assignment]
    month = i18n.fmt_month(tables.meta.reported_month, lang)
    if not honest:
        if None in (v.get("retweets"), v.get("likes"), v.get("fans")):
            return i18n.t("deck.closing.title", lang), i18n.t("deck.closing.body.short", lang)
        body = i18n.t("deck.closing.body", lang, retweets=i18n.fmt_int(v["retweets"], lang),
                      likes=i18n.fmt_int(v["likes"], lang), fans=i18n.fmt_int(v["fans"], lang), month=month)  # fmt: skip
        return i18n.t("deck.closing.title", lang), body
    lines = []
    if rep.get("vanity_index") is not None:
        lines.append(i18n.t("deck.closing.index", lang, index=i18n.fmt_int(rep["vanity_index"], lang)))
    pct = lambda x: i18n.fmt_pct(x, lang, digits=0)  # noqa: E731
    for key, text_key in (("reply_rate", "reply_rate"), ("roi", "roi"), ("bought_follower_share", "bought")):
        if r.get(key) is not None:
            lines.append(i18n.t(f"deck.closing.{text_key}", lang, value=pct(r[key])))
    lines.append(i18n.t("deck.closing.outro", lang))
    return i18n.t("deck.closing.title.honest", lang), "\n".join(lines)


def build_deck(
    tables: Tables,
    charts: Sequence[Any],
    images: Mapping[str, bytes],
    *,
    lang: str = "en",
    honest: bool = False,
    report: Mapping[str, Any] | None = None,
    notes: Mapping[str, RedPen] | None = None,
    brand: DeckBrand | None = None,
    template: bytes | str | Path | None = None,
    native: bool = True,
) -> Any:
    """Assemble the deck from charts and the PNGs of those that stay pictures; returns a ``pptx.Presentation``.

    Slides: title; one per vanity (boss-view) chart the data can draw; with ``honest``,
    each vanity slide carries a red-pen note and an appendix follows (a divider, the
    vanity index, format vs sales, the reality charts); for imported data with gaps, a
    "What your files don't say" slide; a closing slide last.

    Args:
        tables: the dataset.
        charts: its charts (:func:`rlff.charts.build_charts`), any views.
        images: PNG by chart key for :func:`picture_charts` of the deck's charts.
        lang: "en" or "fr".
        honest: the honest edition.
        report: :func:`rlff.metrics.report` of ``tables`` if already computed.
        notes: :func:`~rlff.export.deck.notes.honest_notes` if already computed.
        brand: name, CM and logo (default: from ``tables.meta``).
        template: the company's .pptx/.potx (bytes or path): its masters and layouts are used.
        native: draw tiles, tables and bar/line charts as PowerPoint objects (False: all pictures).

    Raises:
        KeyError: a picture chart without its PNG in ``images``.
        rlff.export.deck.template.TemplateError: a template that cannot be used.
    """
    lang = i18n.check_lang(lang)
    gaps = gaps_of(tables)
    vanity, appendix = deck_charts([honest_chart(c, gaps, lang) for c in charts], honest=honest)
    pictures = picture_charts([*vanity, *appendix], native=native)
    missing = [c.key for c in pictures if c.key not in images]
    if missing:
        raise KeyError(f"no image for chart(s): {', '.join(missing)}")
    brand = (brand or DeckBrand.of(tables.meta)).cleaned()
    base = open_base(template)
    palette = LIGHT if base.company else DARK
    month = i18n.fmt_month(tables.meta.reported_month, lang)
    props = base.prs.core_properties
    props.title = clean(f"{brand.name} — {i18n.t('deck.title', lang)}", CORE_LIMIT)
    props.author = clean(brand.cm_name or "RLFF", CORE_LIMIT)
    props.last_modified_by = "RLFF"
    props.subject = clean(i18n.t("deck.subtitle.honest" if honest else "deck.subtitle", lang, month=month), CORE_LIMIT)
    props.language = lang
    footer = i18n.t("deck.footer", lang, brand=clean(brand.name, _FOOTER_BRAND), month=month,
                    cm=clean(_cm_name(brand), _FOOTER_BRAND) or i18n.t("deck.cm_unknown", lang))  # fmt: skip
    rep = honest_report(dict(report) if report is not None else metrics.report(tables), tables)
    if honest and notes is None:
        notes = honest_notes(tables, lang, report=rep)
    notes = notes or {}
    s = Slides(base, palette, brand, footer, lang)
    red = lambda key: i18n.t("deck.red_pen.prefix", lang, text=(notes.get(key) or notes["*"]).text) if honest else None  # noqa: E731

    kpis = honest_kpis(metrics.vanity_kpis(tables), gaps)
    brag = None
    if kpis.retweets is not None and kpis.likes is not None:
        brag = i18n.t(
            "deck.brag", lang, retweets=i18n.fmt_int(kpis.retweets, lang), likes=i18n.fmt_int(kpis.likes, lang)
        )
    s.title_slide(i18n.t("deck.title", lang), i18n.t("deck.subtitle.honest" if honest else "deck.subtitle", lang,
                  month=month), brag, _cm_line(brand, lang), honest, i18n.t("deck.alt.logo", lang, brand=brand.name))  # fmt: skip

    def chart_slide(chart: Any, *, appendix: bool) -> None:
        alt = i18n.t("deck.alt.chart", lang, title=chart.title, caption=chart.caption)
        if native and chart.key == "boss_tiles":
            s.tiles_slide(chart.title, _tiles(tables, gaps, lang), chart.caption, red(chart.key))
        elif native and chart.key == "top_posts":
            header, rows, numeric = _best_posts(tables, gaps, lang)
            s.table_slide(chart.title, header, rows, chart.caption, red(chart.key), wide=2, numeric=numeric)
        else:
            spec = _native(chart, native, lang)
            tiles = _headline_tiles(chart, lang) or _derived_tiles(chart, spec or [], lang)
            s.chart_slide(chart.title, chart.caption, native=spec or (), png=None if spec else images[chart.key],
                          alt=alt, key=chart.key, tiles=tiles,
                          note=None if appendix else red(chart.key), appendix=appendix)  # fmt: skip

    for chart in vanity:
        chart_slide(chart, appendix=False)
    if appendix:
        s.text_slide(i18n.t("deck.appendix.title", lang), i18n.t("deck.appendix.body", lang), honest=True)
        for chart in appendix:
            chart_slide(chart, appendix=True)
    if gaps.missing:
        items = [
            i18n.t("deck.gaps.item", lang, label=i18n.t(f"missing.{m.metric}", lang), templates=", ".join(m.templates))
            for m in gaps.missing.values()
        ]
        s.list_slide(i18n.t("deck.gaps.title", lang), i18n.t("deck.gaps.intro", lang), items)
    title, body = _closing(tables, rep, lang, honest)
    s.text_slide(title, body, honest=honest, name="Closing")
    return base.prs


def export_deck(
    tables: Tables,
    *,
    lang: str = "en",
    honest: bool = False,
    progress: Progress | None = None,
    charts: Sequence[Any] | None = None,
    renderer: ImageRenderer | None = None,
    brand: DeckBrand | None = None,
    template: bytes | str | Path | None = None,
    native: bool = True,
) -> bytes:
    """The deck as .pptx bytes: builds the charts, renders the pictures with one browser, assembles.

    Tiles, the best posts and the bar and line charts are PowerPoint's own; only the
    charts it cannot draw are rendered (none in the vanity edition, which then needs no
    browser). Pictures render while the slides before them are assembled.

    Args:
        tables: the dataset.
        lang: "en" or "fr".
        honest: the honest edition (red-pen notes and the reality appendix).
        progress: ``progress(done, total, label)`` after each picture and once the deck is built.
        charts: charts already built for ``tables`` and ``lang`` (default: built here).
        renderer: a running :class:`~rlff.export.images.ImageRenderer` (default: a fresh one, closed after).
        brand: name, CM name and logo (default: from ``tables.meta``).
        template: the company's .pptx/.potx to build on.
        native: False puts every chart on its slide as a picture (for comparison).

    Raises:
        rlff.export.images.ChromiumMissing: pictures to render and no browser; nothing was built.
        rlff.export.images.ExportError: a chart failed to render.
        rlff.export.deck.template.TemplateError: a template that cannot be used.
    """
    lang = i18n.check_lang(lang)
    if template is not None:
        open_base(template)  # a bad template fails now, before any rendering
    if charts is None:
        from rlff.charts import build_charts

        charts = build_charts(tables, lang=lang, views=("boss", "reality", "side") if honest else ("boss",))
    gaps = gaps_of(tables)  # no chart states a number the data cannot give (imports)
    vanity, appendix = deck_charts([honest_chart(c, gaps, lang) for c in charts], honest=honest)
    pictures = picture_charts([*vanity, *appendix], native=native)
    total = len(pictures) + 1

    def step(done: int, _total: int, label: str) -> None:
        if progress is not None:
            progress(done, total, label)

    own = renderer is None and bool(pictures)
    if own:
        renderer = ImageRenderer()
    batch: RenderBatch | None = None
    try:
        images: Mapping[str, bytes] = {}
        if pictures:
            assert renderer is not None
            renderer.start()  # fails at once without a browser
            palette = LIGHT if template is not None else DARK
            batch = submit_pictures(pictures, renderer, palette)
            images = Arriving(pictures, batch, step)
        rep = honest_report(metrics.report(tables), tables)  # computed while the browser renders
        notes = honest_notes(tables, lang, report=rep) if honest else None
        prs = build_deck(tables, [*vanity, *appendix], images, lang=lang, honest=honest, report=rep, notes=notes,
                         brand=brand, template=template, native=native)  # fmt: skip
    except BaseException:
        if batch is not None:
            batch.cancel()
        raise
    finally:
        if own and renderer is not None:
            renderer.close(wait=False)  # the browser shuts down while the deck is saved
    buf = io.BytesIO()
    prs.save(buf)
    step(total, total, "deck")
    return buf.getvalue()


def deck_file_name(tables: Tables, *, honest: bool = False) -> str:
    """A file name for the deck: ``rlff-deck-2026-01.pptx`` (``-honest`` for the honest edition)."""
    month = f"{pd.Timestamp(tables.meta.reported_month):%Y-%m}"  # ISO, for a file name: no language
    return f"rlff-deck-{month}{'-honest' if honest else ''}.pptx"


def save_deck(tables: Tables, path: str | Path, **options: Any) -> Path:
    """Write :func:`export_deck` to ``path`` (a folder gets :func:`deck_file_name`), atomically."""
    out = Path(path)
    if out.is_dir():
        out = out / deck_file_name(tables, honest=bool(options.get("honest")))
    data = export_deck(tables, **options)
    atomic_write_bytes(out, data)
    return out
