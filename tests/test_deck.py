"""The deck without a browser: slides read back with python-pptx, native charts' data against
rlff.metrics, text measured with the font's metrics, imported data, templates, pptx field limits.

LibreOffice conversions are in ``test_deck_render.py``.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.util import Emu, Inches

import rlff.export.deck.build
import rlff.export.images
from rlff import i18n, metrics
from rlff.charts import build_charts
from rlff.export.deck import (
    DeckBrand,
    RedPen,
    TemplateError,
    build_deck,
    deck_charts,
    honest_notes,
    picture_charts,
    save_deck,
)
from rlff.export.deck.text import clean
from rlff.metrics.gaps import gaps_of

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
FONTS = Path("/usr/share/fonts/truetype/liberation")
LONG_BRAND = ("Compagnie Générale des Viennoiseries Artisanales et Pâtisseries Fines\x07 de la Vallée " * 4)[:305]


@functools.lru_cache
def _png(width: int = 1612, height: int = 940) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


def _read(prs) -> Presentation:  # noqa: ANN001
    buf = io.BytesIO()
    prs.save(buf)
    return Presentation(io.BytesIO(buf.getvalue()))


def make_deck(tables, *, lang: str = "en", honest: bool = False, **options):  # noqa: ANN001, ANN201
    """A deck with blank pictures for the charts that are pictures (no browser)."""
    charts = build_charts(tables, lang=lang)
    return _read(build_deck(tables, charts, {c.key: _png() for c in charts}, lang=lang, honest=honest, **options))


def imported_tables():  # noqa: ANN201
    """A Facebook export and an inbox, with a 305-character Page name and a CM called "Community Manager"."""
    import export_samples as S

    from rlff.io.imports import import_files

    t = import_files([S.facebook_posts()[:2], S.french_inbox()[:2]]).tables
    return t.replace(meta=dataclasses.replace(t.meta, brand=LONG_BRAND, cm_name="Community Manager"))


@pytest.fixture(scope="module")
def boss_deck(default_tables):
    return make_deck(default_tables)


@pytest.fixture(scope="module")
def honest_deck(default_tables):
    return make_deck(default_tables, honest=True)


@pytest.fixture(scope="module")
def french_deck(default_tables):
    return make_deck(default_tables, lang="fr", honest=True)


@pytest.fixture(scope="module")
def imported():
    return imported_tables()


@pytest.fixture(scope="module")
def imported_deck(imported):
    return make_deck(imported, honest=True)


@pytest.fixture(scope="module")
def imported_deck_fr(imported):
    return make_deck(imported, lang="fr", honest=True)


def _titles(prs) -> list[str]:  # noqa: ANN001
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]


def _named(slide, name: str) -> list:  # noqa: ANN001
    return [sh for sh in slide.shapes if sh.name == name]


def _pictures(slide) -> list:  # noqa: ANN001
    return [sh for sh in slide.shapes if sh.shape_type == 13]


def _charts(slide) -> list:  # noqa: ANN001
    return [sh.chart for sh in slide.shapes if sh.has_chart]


def _slide(prs, title: str):  # noqa: ANN001, ANN202
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == title)


def _all_text(prs) -> str:  # noqa: ANN001
    out = []
    for s in prs.slides:
        for sh in s.shapes:
            if sh.has_text_frame:
                out.append(sh.text_frame.text)
            if sh.has_table:
                out += [c.text_frame.text for row in sh.table.rows for c in row.cells]
    return "\n".join(out)


# --- structure ---------------------------------------------------------------------------------


def test_the_vanity_edition_is_all_native_and_needs_no_picture(default_tables, boss_deck):
    charts = build_charts(default_tables, lang="en", views=("boss",))
    assert picture_charts(charts) == []
    titles = _titles(boss_deck)
    assert titles[1:-1] == [c.title for c in charts]
    assert titles[-1] == "Thank you, Big Boss!"
    assert not any(_pictures(s) for s in boss_deck.slides), "nothing pasted"
    assert (boss_deck.slide_width, boss_deck.slide_height) == (SLIDE_W, SLIDE_H)


def test_the_honest_edition_adds_index_format_and_reality_and_ends_with_a_closing_slide(default_tables, honest_deck):
    charts = build_charts(default_tables, lang="en")
    vanity, appendix = deck_charts(charts, honest=True)
    titles = _titles(honest_deck)
    assert titles[1 : 1 + len(vanity)] == [c.title for c in vanity]
    assert titles[1 + len(vanity)] == "Appendix: the reality check"
    assert [c.key for c in appendix[:2]] == ["vanity_index", "format_performance"]
    assert titles[2 + len(vanity) : -1] == [c.title for c in appendix]
    assert titles[-1] == "What this deck leaves out"
    slides = list(honest_deck.slides)
    assert all(len(_named(s, "Red pen note")) == 1 for s in slides[1 : 1 + len(vanity)])
    # Pictures: only the reality charts PowerPoint cannot draw, each once, with alt text.
    pics = [p for s in slides for p in _pictures(s)]
    assert sorted(p.name for p in pics) == sorted(f"Chart {c.key}" for c in picture_charts(appendix))
    assert all("Chart: " in p._element.nvPicPr.cNvPr.get("descr") for p in pics)


def test_nothing_is_shown_twice_on_the_tiles_slide(honest_deck, default_tables):
    slide = honest_deck.slides[1]
    assert not _pictures(slide) and not _charts(slide)
    kpis = metrics.vanity_kpis(default_tables)
    values = [sh.text_frame.text for sh in slide.shapes if sh.name.endswith(" value")]
    assert values == [i18n.fmt_int(getattr(kpis, k), "en") for k in ("retweets", "likes", "friends", "fans")]
    changes = [sh.text_frame.text for sh in slide.shapes if sh.name.endswith(" change")]
    rel = (kpis.likes - kpis.likes_prev) / kpis.likes_prev
    assert changes[1].startswith("▲ " + i18n.fmt_pct(rel, "en", 0, signed=True))


def test_the_competition_tile_is_a_rank_not_a_hash(boss_deck):
    slide = _slide(boss_deck, "Us vs the competition")
    labels = [sh.text_frame.text for sh in slide.shapes if sh.name.endswith(" label")]
    assert labels == ["Our rank"] and "#" not in _all_text(boss_deck).split("\n")


# --- native charts hold rlff.metrics' numbers -------------------------------------------------


def _series(chart) -> dict[str, tuple[float, ...]]:  # noqa: ANN001
    return {s.name: tuple(s.values) for s in chart.plots[0].series}


def test_engagement_chart_embeds_the_monthly_likes_and_retweets(default_tables, boss_deck):
    (chart,) = _charts(_slide(boss_deck, "Engagement, month after month"))
    eng = metrics.monthly_engagement(default_tables)
    per = eng.groupby(["month", "kind"], observed=True)["count"].sum().unstack(fill_value=0)
    per = per[per.index <= pd.Timestamp(default_tables.meta.reported_month)]
    assert _series(chart) == {"Likes": tuple(map(float, per["like"])), "Retweets": tuple(map(float, per["retweet"]))}
    assert chart.plots[0].series[0].values[-1] == metrics.vanity_kpis(default_tables).likes


def test_growth_and_competition_charts_embed_their_metrics(default_tables, boss_deck):
    (growth,) = _charts(_slide(boss_deck, "A community that keeps growing"))
    curve = metrics.follower_curve(default_tables)
    assert _series(growth)["Fans"] == tuple(map(float, curve["followers"]))
    assert len(growth.plots[0].categories) == len(curve)
    (bench,) = _charts(_slide(boss_deck, "Us vs the competition"))
    b = metrics.competitor_benchmark(default_tables)
    totals = sorted((b["likes"].fillna(0) + b["retweets"].fillna(0)).astype(float))
    assert sorted(next(iter(_series(bench).values()))) == totals


def test_the_vanity_index_slide_embeds_its_components(default_tables, honest_deck):
    parts = metrics.vanity_index_components(default_tables)
    index = metrics.vanity_index_of(parts)
    slide = _slide(honest_deck, f"Vanity index: {i18n.fmt_float(index, 'en', 0)} / 100")
    (chart,) = _charts(slide)
    shown = sorted(next(iter(_series(chart).values())))
    assert shown == pytest.approx(sorted(float(v) for v in parts.values() if v is not None))
    assert chart.value_axis.tick_labels.number_format == f"0%;{i18n.MINUS}0%"


def test_format_vs_sales_is_two_native_charts_with_photo_question(default_tables, honest_deck):
    perf = metrics.format_performance(default_tables)
    slide = next(s for s in honest_deck.slides if _named(s, "Chart format_performance"))
    eng, sales = _charts(slide)
    assert next(iter(_series(eng).values())) == pytest.approx(tuple(perf["engagements_per_post"]))
    assert next(iter(_series(sales).values())) == pytest.approx(tuple(100 * perf["conversions_per_post"]))
    assert i18n.name("format", "photo_question", "en") in eng.plots[0].categories


# --- the best posts ----------------------------------------------------------------------------


def test_the_best_posts_table_has_every_row_and_shortens_long_posts(default_tables, boss_deck):
    (table,) = [sh.table for sh in _slide(boss_deck, "Our best posts").shapes if sh.has_table]
    top = metrics.top_posts(default_tables)
    assert len(table.rows) == 1 + len(top) == 11
    assert table.cell(0, 0).text_frame.text == "Published"
    assert [table.cell(i + 1, 3).text_frame.text for i in range(len(top))] == [i18n.fmt_int(v) for v in top["likes"]]
    texts = [table.cell(i + 1, 2).text_frame.text for i in range(len(top))]
    for shown, full in zip(texts, top["text"], strict=True):
        full = clean(full)
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1].rstrip(" ,;:.—-")))
    assert table.rows[0].height * len(table.rows) <= Inches(4.9)


# --- every text fits its box (Liberation Sans metrics, wrapped as PowerPoint wraps) ------------


@functools.lru_cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"), 200)


def _width(text: str, size: float, bold: bool) -> float:
    return _font(bold).getlength(text) * size / 200


def _lines(text: str, width: float, size: float, bold: bool) -> int:
    """Greedy wrap at spaces; a word wider than the line takes ceil(width/line) lines."""
    n = 0
    for para in text.split("\n"):
        line, count = "", 1
        for word in para.split(" "):
            trial = f"{line} {word}".strip()
            if _width(trial, size, bold) <= width:
                line = trial
            else:
                count += 1 if line else 0
                w = _width(word, size, bold)
                count += int(w // width) if w > width else 0
                line = word
        n += count
    return n


def _text_boxes(prs):  # noqa: ANN001, ANN202
    for n, slide in enumerate(prs.slides, 1):
        for sh in slide.shapes:
            if sh.has_text_frame and sh.text_frame.text.strip():
                yield n, sh


def _check_fit(prs) -> int:  # noqa: ANN001
    checked = 0
    for n, sh in _text_boxes(prs):
        tf = sh.text_frame
        runs = [r for p in tf.paragraphs for r in p.runs if r.text]
        size = max(r.font.size.pt for r in runs)
        bold = any(r.font.bold for r in runs)
        width = Emu(sh.width - tf.margin_left - tf.margin_right).pt
        height = Emu(sh.height - tf.margin_top - tf.margin_bottom).pt
        lines = sum(_lines(p.text, width, size, bold) for p in tf.paragraphs)
        assert lines * size * 1.15 <= height, f"slide {n}, {sh.name}: {lines} lines of {size} pt in {height:.0f} pt"
        assert size >= 12, f"slide {n}, {sh.name}: {size} pt"
        checked += 1
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_table:
                for j, col in enumerate(sh.table.columns):
                    for row in sh.table.rows:
                        cell = row.cells[j]
                        run = cell.text_frame.paragraphs[0].runs[0]
                        room = Emu(col.width - cell.margin_left - cell.margin_right).pt
                        assert _width(cell.text_frame.text, run.font.size.pt, bool(run.font.bold)) <= room
                        checked += 1
    return checked


def test_every_text_fits_its_box_in_every_deck(boss_deck, honest_deck, french_deck, imported_deck, imported_deck_fr):
    assert sum(_check_fit(p) for p in (boss_deck, honest_deck, french_deck, imported_deck, imported_deck_fr)) > 400


def test_seven_digit_counts_in_french_stay_apart_and_fit(default_tables, monkeypatch):
    real = metrics.vanity_kpis

    def huge(tables, month=None):  # noqa: ANN001, ANN202
        k = real(tables, month)
        return dataclasses.replace(k, retweets=1_234_567, likes=9_876_543, friends=5_704_265, fans=2_654_310)

    monkeypatch.setattr(metrics, "vanity_kpis", huge)
    prs = make_deck(default_tables.replace(meta=dataclasses.replace(default_tables.meta, brand=LONG_BRAND)), lang="fr")
    values = [sh.text_frame.text for sh in prs.slides[1].shapes if sh.name.endswith(" value")]
    assert values == [i18n.fmt_int(v, "fr") for v in (1_234_567, 9_876_543, 5_704_265, 2_654_310)]
    assert values[0] == "1\u202f234\u202f567"
    _check_fit(prs)


def test_every_shape_lies_within_the_slide(honest_deck, imported_deck):
    for prs in (honest_deck, imported_deck):
        for n, slide in enumerate(prs.slides, 1):
            for sh in slide.shapes:
                assert sh.left >= 0 and sh.top >= 0, (n, sh.name)
                assert sh.left + sh.width <= SLIDE_W and sh.top + sh.height <= SLIDE_H, (n, sh.name)


# --- decks from uploaded data -----------------------------------------------------------------


def test_an_imported_deck_has_no_blank_slide_and_lists_what_the_files_dont_say(imported, imported_deck):
    titles = _titles(imported_deck)
    charts = build_charts(imported, lang="en")
    from rlff.charts.gaps import honest_chart

    gaps = gaps_of(imported)
    blank = [c.title for c in (honest_chart(c, gaps, "en") for c in charts) if not c.available]
    assert blank and not set(blank) & set(titles)
    assert "Not in the data" not in _all_text(imported_deck)
    slide = _slide(imported_deck, "What your files don’t say")
    listed = _named(slide, "Missing")[0].text_frame.text
    for m in gaps.missing.values():
        assert i18n.t(f"missing.{m.metric}", "en") in listed and ", ".join(m.templates) in listed
    assert titles[-1] == "What this deck leaves out"


def test_an_imported_deck_names_no_one_twice_and_clips_the_305_character_brand(imported, imported_deck):
    text = _all_text(imported_deck)
    assert "Community Manager, Community Manager" not in text
    assert _named(imported_deck.slides[0], "Community manager")[0].text_frame.text == "with our Community Manager"
    props = imported_deck.core_properties
    assert len(props.title) <= 255 and props.title.endswith("…") and "\x07" not in props.title
    brand = _named(imported_deck.slides[0], "Brand name")[0].text_frame.text
    assert brand.endswith("…") and "\x07" not in brand


def test_an_uploaded_inbox_reaches_the_red_pen(imported, imported_deck):
    reality = metrics.report(imported)["reality"]
    rate = i18n.fmt_pct(reality["reply_rate"], "en", digits=0)
    notes = [sh.text_frame.text for s in imported_deck.slides for sh in _named(s, "Red pen note")]
    assert notes and all(rate in n for n in notes if "ring" not in n)
    assert not any("no source, cost or inbox data" in n for n in notes)


def test_red_pen_numbers_are_rlff_metrics(default_tables):
    t = default_tables
    notes = honest_notes(t, "en")
    rep = metrics.report(t)
    assert notes["boss_tiles"].values == {
        "non_customer_share": metrics.non_customer_share(t),
        "bought_follower_share": metrics.bought_follower_share(t.followers),
    }
    v = notes["engagement_over_time"].values
    assert (v["peer_share"], v["bot_share"], v["self_like_share"]) == (
        metrics.peer_share(t),
        metrics.bot_share(t),
        metrics.self_like_share(t),
    )
    assert v["peer_accounts"] == int(t.peers["in_ring"].sum())
    assert notes["follower_growth"].values["fans"] == rep["vanity"]["fans"]
    assert notes["top_posts"].values["roi"] == rep["reality"]["roi"]
    assert notes["*"].values["vanity_index"] == rep["vanity_index"]
    assert i18n.fmt_pct(metrics.non_customer_share(t), "en", digits=0) in notes["boss_tiles"].text
    assert f"from {v['peer_accounts']} peer accounts" in notes["engagement_over_time"].text


def test_red_pen_without_any_reality_data_points_to_the_gaps_slide(default_tables):
    from rlff.schema import empty_table

    bare = default_tables.replace(
        engagements=empty_table("engagements"), followers=empty_table("followers"), inbox=empty_table("inbox"),
        costs=empty_table("costs"), revenue=empty_table("revenue"), strategy=empty_table("strategy"),
        meta=dataclasses.replace(default_tables.meta, source="import"),
    )  # fmt: skip
    note = honest_notes(bare, "en")["boss_tiles"]
    assert note == RedPen(
        i18n.t("deck.note.unknown", "en"), {"non_customer_share": None, "bought_follower_share": None}
    )


# --- the company's template -------------------------------------------------------------------


def _corp_template(tmp_path: Path, suffix: str = ".pptx") -> Path:
    """A template made here: a master carrying a shape named "Corp band", and one sample slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    sample = prs.slides.add_slide(prs.slide_layouts[1])
    sample.shapes.title.text = "Sample slide to drop"
    band = sample.shapes.add_shape(1, 0, 0, SLIDE_W, Inches(0.3))
    band.name = "Corp band"
    prs.slide_master.shapes._spTree.append(band._element)  # moved onto the master
    path = tmp_path / f"corp{suffix}"
    prs.save(path)
    if suffix == ".potx":  # a real template: its main part says so
        data = path.read_bytes()
        src = zipfile.ZipFile(io.BytesIO(data))
        with zipfile.ZipFile(path, "w") as dst:
            for item in src.infolist():
                body = src.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(b"presentation.main+xml", b"template.main+xml")
                dst.writestr(item, body)
    return path


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_the_company_template_master_survives_and_its_sample_slides_go(default_tables, tmp_path, suffix):
    path = _corp_template(tmp_path, suffix)
    prs = make_deck(default_tables, honest=False, template=path)
    assert [sh.name for sh in prs.slide_master.shapes if sh.name == "Corp band"] == ["Corp band"]
    assert "Sample slide to drop" not in _titles(prs)
    assert _titles(prs)[0] == "Monthly community report"
    assert all(s.slide_layout.slide_master == prs.slide_master for s in prs.slides)
    assert prs.slides[1]._element.cSld.bg is None, "the template's background, not the navy"
    _check_fit(prs)


def test_a_file_that_is_not_a_template_is_a_clear_error(default_tables, tmp_path):
    bad = tmp_path / "corp.pptx"
    bad.write_text("not a deck")
    with pytest.raises(TemplateError, match="not a .pptx or .potx"):
        make_deck(default_tables, template=bad)


def test_the_brand_parameter_names_the_deck_and_its_logo(default_tables):
    buf = io.BytesIO()
    Image.new("RGB", (300, 120), "red").save(buf, "PNG")
    prs = make_deck(default_tables, brand=DeckBrand("Acme Rockets", "Wile E. Coyote", buf.getvalue()))
    first = prs.slides[0]
    assert _named(first, "Brand name")[0].text_frame.text == "Acme Rockets"
    assert _named(first, "Community manager")[0].text_frame.text == "with Wile E. Coyote, Community Manager"
    logo = _named(first, "Logo")[0]
    assert logo.shape_type == 13 and logo.image.size == (300, 120)
    assert prs.core_properties.author == "Wile E. Coyote"


def test_a_deck_write_that_fails_half_way_leaves_no_file(default_tables, tmp_path, monkeypatch):
    monkeypatch.setattr(rlff.export.deck.build, "export_deck", lambda tables, **options: b"PK" + b"x" * 100_000)
    from test_export import _fail_half_way

    _fail_half_way(monkeypatch)
    target = tmp_path / "deck.pptx"
    with pytest.raises(OSError, match="No space"):
        save_deck(default_tables, target)
    assert list(tmp_path.iterdir()) == [], "neither the deck nor a temporary file"


def test_rlff_export_refuses_a_bad_template_before_starting_a_browser(tmp_path, capsys, monkeypatch):
    from rlff.cli import main

    def no_browser(self):  # noqa: ANN001, ANN202
        raise AssertionError("a browser was started for a deck that cannot be built")

    monkeypatch.setattr(rlff.export.images.ImageRenderer, "start", no_browser)
    bad = tmp_path / "corp.potx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["export", "--format", "pptx", "--template", str(bad), "--out", str(tmp_path / "d.pptx")]) == 2
    assert capsys.readouterr().err == "error: the template is not a .pptx or .potx file (not a zip archive)\n"
    assert main(["export", "--format", "png", "--template", str(bad), "--out", str(tmp_path)]) == 2
    assert "--template is for the deck" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corp.potx"]


def test_every_appendix_slide_has_a_key_figure_from_rlff_metrics(default_tables, honest_deck):
    out = metrics.cm_output(default_tables)
    slide = next(s for s in honest_deck.slides if _named(s, "Chart cm_output"))
    values = [sh.text_frame.text for sh in slide.shapes if sh.name.endswith(" value")]
    assert values == [i18n.fmt_int(out["cm_posts"], "en"), i18n.fmt_hours(out["own_blog_hours"], "en")]
    charts = build_charts(default_tables, lang="en")
    _, appendix = deck_charts(charts, honest=True)
    for chart in appendix:
        slide = next(s for s in honest_deck.slides if _named(s, f"Chart {chart.key}"))
        assert any(sh.name.endswith(" value") for sh in slide.shapes), chart.key


def test_french_native_charts_write_french_numbers_and_months(french_deck, honest_deck):
    # LibreOffice drew "18,000" and "Oct 2025" on French slides: the Office codes carry the locale.
    french = [c for s in french_deck.slides for c in _charts(s)]
    english = [c for s in honest_deck.slides for c in _charts(s)]
    assert french and len(french) == len(english)
    allowed = {i18n.office_number_format("fr"), i18n.office_number_format("fr", percent=True)}
    assert {c.value_axis.tick_labels.number_format for c in french} <= allowed
    assert i18n.office_number_format("fr", percent=True) in {c.value_axis.tick_labels.number_format for c in french}
    months = [
        c.category_axis.tick_labels.number_format for c in french if "yyyy" in c.category_axis.tick_labels.number_format
    ]
    assert months and set(months) == {"[$-40C]mmm yyyy"}
    assert "[$-40C]" not in "".join(c.value_axis.tick_labels.number_format for c in english)


def test_native_charts_keep_the_tiles_decimals_and_slant_long_labels(honest_deck):
    from pptx.oxml.ns import qn

    slide = next(s for s in honest_deck.slides if _named(s, "Chart format_performance"))
    for chart in _charts(slide):  # "Photo + question" under a narrow column: slanted, not broken
        body = chart.category_axis._element.find(qn("c:txPr")).find(qn("a:bodyPr"))
        assert body.get("rot") == "-2700000"
    work = next(s for s in honest_deck.slides if _named(s, "Chart cm_output"))
    hours = _charts(work)[-1]  # 21.6 h on the blog: the label says 21.6 like the tile, the axis whole hours
    assert hours.plots[0].data_labels.number_format == f"#,##0.0;{i18n.MINUS}#,##0.0"
    assert hours.value_axis.tick_labels.number_format == f"#,##0;{i18n.MINUS}#,##0"
    months = next(s for s in honest_deck.slides if _named(s, "Chart engagement_over_time"))
    assert _charts(months)[0].category_axis._element.find(qn("c:txPr")).find(qn("a:bodyPr")).get("rot") is None
