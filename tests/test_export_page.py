"""The Export page in streamlit's AppTest, with a stand-in for kaleido (no browser needed)."""

from __future__ import annotations

import asyncio
import io
import zipfile

import plotly.graph_objects as go
import pytest
import streamlit as st
from PIL import Image
from pptx import Presentation
from streamlit.testing.v1 import AppTest

import rlff.export.images
from rlff.charts import Chart

FAKE_CHARTS = [
    Chart(key, view, f"Title of {key}", f"Caption of {key}.", go.Figure(go.Bar(y=[1, 2])), {"Likes": "9,540"})
    for key, view in (("boss_tiles", "boss"), ("follower_growth", "boss"), ("roi", "reality"), ("vanity_index", "side"))
]


class FakePngKaleido:
    """kaleido's interface, answering every figure with a blank PNG of the requested size."""

    def __init__(self, **kwargs: object) -> None:
        pass

    async def open(self) -> None:
        await asyncio.sleep(0.01)

    async def calc_fig(self, fig: dict, opts: dict) -> bytes:
        await asyncio.sleep(0.002)
        buf = io.BytesIO()
        Image.new("RGB", (int(opts["width"] * opts["scale"]), int(opts["height"] * opts["scale"])), "white").save(
            buf, "PNG"
        )
        return buf.getvalue()

    async def close(self) -> None:
        pass


def _page(tables, lang: str, charts) -> None:  # noqa: ANN001 - runs inside AppTest
    from rlff_app.export_page import render_export_page

    render_export_page(tables, lang, charts=charts)


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setattr(rlff.export.images, "_shared", None)  # a shared renderer of this test's own
    yield
    if rlff.export.images._shared is not None:
        rlff.export.images._shared.close()


@pytest.fixture
def fake_browser(monkeypatch):
    monkeypatch.setattr(rlff.export.images, "_kaleido_class", lambda: FakePngKaleido)
    monkeypatch.setattr(rlff.export.images, "chromium_path", lambda: "/usr/bin/chromium")


def _app(tables, lang: str = "en") -> AppTest:
    return AppTest.from_function(
        _page, kwargs={"tables": tables, "lang": lang, "charts": FAKE_CHARTS}, default_timeout=60
    )


def test_the_page_offers_the_deck_the_zip_and_one_png_per_chart(default_tables, fake_browser):
    at = _app(default_tables).run()
    assert not at.exception and not at.error
    assert [b.label for b in at.button] == ["Prepare the deck", "Prepare all charts"]
    keys = {d.key for d in at.get("download_button")}  # type: ignore[attr-defined]
    assert keys == {f"export.png.{c.key}" for c in FAKE_CHARTS}


def test_preparing_the_honest_deck_shows_progress_and_a_download(default_tables, fake_browser):
    at = _app(default_tables).run()
    at.toggle(key="export.honest").set_value(True).run()
    at.button(key="export.deck.prepare").click().run()
    assert not at.exception and not at.error
    assert "export.deck.download" in {d.key for d in at.get("download_button")}  # type: ignore[attr-defined]
    _, deck = at.session_state["export.files"]["deck"]
    prs = Presentation(io.BytesIO(deck))
    n_boss = sum(c.view == "boss" for c in FAKE_CHARTS)
    n_appendix = sum(c.view == "reality" or c.key == "vanity_index" for c in FAKE_CHARTS)
    assert len(prs.slides) == 1 + n_boss + 1 + n_appendix + 1  # title, vanity, divider, appendix, closing
    assert any(c.value == "Ready: rlff-deck-2026-01-honest.pptx" for c in at.caption)


def test_preparing_the_zip_offers_it_for_download(default_tables, fake_browser):
    at = _app(default_tables).run()
    at.button(key="export.zip.prepare").click().run()
    assert not at.exception
    _, archive = at.session_state["export.files"]["zip"]
    assert len(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == 2 * len(FAKE_CHARTS) + 1
    assert "export.zip.download" in {d.key for d in at.get("download_button")}  # type: ignore[attr-defined]


def test_without_a_browser_the_page_says_how_to_get_one(default_tables, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = _app(default_tables, "fr").run()
    assert not at.exception
    assert "apt-get install chromium" in at.error[0].value and "plotly_get_chrome" in at.error[0].value
    assert at.error[0].value.startswith("aucun navigateur Chromium ou Chrome trouvé pour dessiner les images.")
    assert not at.button


def test_two_sessions_preparing_at_once_both_get_their_files_from_one_browser(default_tables, fake_browser):
    import threading

    results: dict[str, bytes] = {}
    failures: list[BaseException] = []

    def session(lang: str) -> None:
        try:
            at = _app(default_tables, lang).run()
            at.toggle(key="export.honest").set_value(True).run()  # the honest deck has pictures to render
            at.button(key="export.deck.prepare").click().run()
            assert not at.exception
            results[lang] = at.session_state["export.files"]["deck"][1]
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("en", "fr")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not failures
    titles = {
        lang: Presentation(io.BytesIO(deck)).slides[0].shapes.title.text_frame.text for lang, deck in results.items()
    }
    assert titles == {"en": "Monthly community report", "fr": "Rapport mensuel de la communauté"}
    assert rlff.export.images._shared is not None and rlff.export.images._shared.browsers_started == 1


def _template_bytes(text: bytes | None = None) -> bytes:
    if text is not None:
        return text
    prs = Presentation()
    prs.slide_master.name = "Corp"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def test_the_deck_is_built_on_an_uploaded_template_and_a_bad_one_is_a_message(default_tables, fake_browser):
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    def upload(data: bytes) -> list:
        return [UploadedFile(UploadedFileRec("f1", "corp.pptx", "application/octet-stream", data), None)]

    import rlff_app.export_page as page

    real = page.st.file_uploader
    try:
        page.st.file_uploader = lambda *a, **k: upload(b"not a deck")[0]
        at = _app(default_tables).run()
        at.button(key="export.deck.prepare").click().run()
        assert not at.exception
        shown = at.error[0].value.replace("\\", "")  # markdown escapes
        assert shown.startswith("This template cannot be used: the template is not a .pptx or .potx file")
        page.st.file_uploader = lambda *a, **k: upload(_template_bytes())[0]
        at = _app(default_tables).run()
        at.button(key="export.deck.prepare").click().run()
        assert not at.exception and not at.error
        _, deck = at.session_state["export.files"]["deck"]
        assert Presentation(io.BytesIO(deck)).slides[0].shapes.title.text_frame.text == "Monthly community report"
    finally:
        page.st.file_uploader = real


def test_a_305_character_page_name_gives_a_deck_not_a_traceback(default_tables, fake_browser):
    import dataclasses

    long = default_tables.replace(meta=dataclasses.replace(default_tables.meta, brand="Page " * 61))
    at = _app(long).run()
    at.button(key="export.deck.prepare").click().run()
    assert not at.exception and not at.error
    _, deck = at.session_state["export.files"]["deck"]
    assert len(Presentation(io.BytesIO(deck)).core_properties.title) <= 255


class _StuckPngKaleido(FakePngKaleido):
    async def calc_fig(self, fig: dict, opts: dict) -> bytes:
        await asyncio.sleep(3600)  # a browser that never finishes a picture
        return b""


@pytest.mark.parametrize(
    ("lang", "lead"),
    [
        ("en", "The browser that draws the images did not work, and was stopped: "),
        ("fr", "Le navigateur qui dessine les images n’a pas fonctionné et a été arrêté\u202f: "),
    ],
)
def test_a_browser_that_hangs_is_a_message_in_the_page_s_language(default_tables, monkeypatch, lang, lead):
    monkeypatch.setattr(rlff.export.images, "_kaleido_class", lambda: _StuckPngKaleido)
    monkeypatch.setattr(rlff.export.images, "chromium_path", lambda: "/usr/bin/chromium")
    monkeypatch.setenv("RLFF_BROWSER_TIMEOUT", "0.3")
    at = _app(default_tables, lang).run()
    at.button(key="export.zip.prepare").click().run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith(lead)
    # the browser and the limit, named (as escaped Markdown: shown literally)
    assert "\\/usr\\/bin\\/chromium" in at.error[0].value and "RLFF\\_BROWSER\\_TIMEOUT" in at.error[0].value
    said = "n’a pas dessiné" if lang == "fr" else "did not render"  # the browser's error in the page's language too
    assert said in at.error[0].value
    assert "export.zip.download" not in {d.key for d in at.get("download_button")}  # type: ignore[attr-defined]
