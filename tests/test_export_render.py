"""Real renders: kaleido in Debian's Chromium, and the deck opened by LibreOffice.

One browser and one honest deck per test session (see the fixtures); run only these
with ``pytest -m "chromium or libreoffice"``, or skip them with ``-m "not chromium"``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import threading
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

from rlff.charts import build_charts
from rlff.cli import main
from rlff.export.command import export_zip
from rlff.export.deck import deck_figure, export_deck, picture_charts
from rlff.export.deck.build import deck_charts
from rlff.export.deck.pictures import PICTURE_HEIGHT_PX, PICTURE_SCALE, PICTURE_WIDTH_PX
from rlff.export.images import ImageRenderer, chromium_path, export_images

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(chromium_path() is None, reason="needs Chromium (apt-get install chromium)"),
]

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="session")
def renderer():
    r = ImageRenderer()
    r.start()
    yield r
    r.close()


@pytest.fixture(scope="session")
def charts(default_tables):
    return build_charts(default_tables, lang="en")


@pytest.fixture(scope="session")
def all_pngs(charts, renderer) -> dict[str, bytes]:
    return export_images(charts, "png", renderer=renderer)


@pytest.fixture(scope="session")
def honest_deck(default_tables, charts, renderer) -> bytes:
    return export_deck(default_tables, lang="en", honest=True, charts=charts, renderer=renderer)


def test_every_chart_exports_as_a_2x_16_9_png_with_one_browser(charts, all_pngs, renderer):
    assert list(all_pngs) == [c.key for c in charts] and len(charts) >= 8
    for key, data in all_pngs.items():
        assert data.startswith(PNG), key
        assert Image.open(io.BytesIO(data)).size == (2560, 1440), key
    assert renderer.browsers_started == 1


def test_chromium_keeps_plotly_compiled_in_the_lasting_profile(charts, all_pngs, tmp_path, monkeypatch):
    monkeypatch.setenv("RLFF_CACHE_DIR", str(tmp_path))
    code_cache = tmp_path / "chromium-profile" / "Default" / "Code Cache" / "js"
    for _ in range(2):  # V8 stores a script's compiled code the second time it runs it
        with ImageRenderer() as r:
            png = r.render([charts[0].figure])[0]
        assert png == all_pngs[charts[0].key]  # the served page draws the same image
    assert sum(f.stat().st_size for f in code_cache.rglob("*") if f.is_file()) > 1_000_000


def test_svg_and_pdf_are_what_they_say(charts, renderer):
    svgs = export_images(charts[:2], "svg", renderer=renderer)
    pdfs = export_images(charts[:2], "pdf", renderer=renderer)
    assert all(b"<svg" in s[:500] for s in svgs.values())
    assert all(p.startswith(b"%PDF") for p in pdfs.values())
    assert renderer.browsers_started == 1


def test_a_tab_reused_without_reload_renders_what_a_fresh_browser_renders(charts, all_pngs):
    import kaleido

    chart = charts[3]  # rendered after three others in the shared tab

    async def fresh() -> bytes:
        async with kaleido.Kaleido(n=1, mathjax=False) as k:
            return await k.calc_fig(chart.figure, opts={"format": "png", "width": 1280, "height": 720, "scale": 2})

    # In a thread of its own: when the browser tests run in the same process, Playwright's sync
    # API keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, fresh()).result() == all_pngs[chart.key]


def test_two_sessions_rendering_at_once_each_get_their_own_images(charts, all_pngs, renderer):
    got: dict[str, dict[str, bytes]] = {}
    picks = {"a": charts[4:6], "b": charts[6:8]}

    def session(name: str) -> None:
        got[name] = export_images(picks[name], "png", renderer=renderer)

    threads = [threading.Thread(target=session, args=(n,)) for n in picks]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for name, chosen in picks.items():
        assert got[name] == {c.key: all_pngs[c.key] for c in chosen}


def test_the_honest_deck_renders_only_what_powerpoint_cannot_draw_at_slide_size(honest_deck, charts):
    prs = Presentation(io.BytesIO(honest_deck))
    vanity, appendix = deck_charts(charts, honest=True)
    slides = list(prs.slides)
    pictures = [sh for s in slides for sh in s.shapes if sh.shape_type == 13]
    assert sorted(p.name for p in pictures) == sorted(f"Chart {c.key}" for c in picture_charts(appendix))
    for pic in pictures:
        assert pic._element.nvPicPr.cNvPr.get("descr", "").startswith("Chart: ")
        assert pic.image.blob.startswith(PNG)
        assert pic.image.size == (PICTURE_WIDTH_PX * PICTURE_SCALE, PICTURE_HEIGHT_PX * PICTURE_SCALE)
    assert sum(sh.has_chart for s in slides for sh in s.shapes) >= 6, "native charts"
    assert sum(sh.name == "Red pen note" for s in slides for sh in s.shapes) == len(vanity)


def test_deck_pictures_drop_the_in_figure_title(charts):
    fig = deck_figure(charts[1].figure)
    assert fig.layout.title.text == "" and charts[1].figure.layout.title.text == charts[1].title


def test_rlff_export_svg_writes_one_file_per_chart(tmp_path, capsys, charts):
    out = tmp_path / "svg"
    assert main(["export", "--format", "svg", "--out", str(out), "--lang", "fr"]) == 0
    assert capsys.readouterr().out.strip() == f"{len(charts)} fichiers SVG écrits dans {out}"  # --lang fr
    files = sorted(out.iterdir())
    assert [p.name for p in files] == sorted(f"{c.key}.svg" for c in charts)
    assert all(b"<svg" in p.read_bytes()[:500] for p in files)
    assert "Ce que ça coûte" in (out / "roi.svg").read_text(encoding="utf-8"), "French labels"


def test_the_zip_holds_every_chart(charts, renderer):
    data = export_zip(charts[:3], renderer=renderer)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == 3 * 2 + 1


def test_the_dashboard_s_browser_figures_draw_the_same_pixels(charts, all_pngs, renderer):
    """rlff_app.browser_figure folds the template into the figure: plotly.js must draw the same image."""
    from rlff_app.browser_figure import for_browser

    folded = renderer.render([for_browser(c.figure) for c in charts])
    different = [c.key for c, png in zip(charts, folded, strict=True) if png != all_pngs[c.key]]
    assert different == []
