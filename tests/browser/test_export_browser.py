"""The Export page served, in two real browser pages at once: both get their own deck."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from rlff_app.pages import PAGES

EXPORT_PATH = "export"


pytestmark = pytest.mark.skipif(
    not any(p.key == EXPORT_PATH for p in PAGES), reason="the Export page is not in the dashboard's navigation yet"
)


def test_two_pages_exporting_at_once_both_get_their_decks(chromium, dashboard_url, tmp_path):
    contexts = [chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True) for _ in range(2)]
    pages = [ctx.new_page() for ctx in contexts]
    try:
        for page, lang in zip(pages, ("en", "fr"), strict=True):
            page.goto(f"{dashboard_url}/{EXPORT_PATH}?lang={lang}", wait_until="domcontentloaded")
        prepare = {"en": "Prepare the deck", "fr": "Préparer la présentation"}
        download = {"en": "Download the deck", "fr": "Télécharger la présentation"}
        for page, lang in zip(pages, ("en", "fr"), strict=True):
            page.get_by_role("button", name=prepare[lang]).click(timeout=60_000)
        decks = {}
        for page, lang in zip(pages, ("en", "fr"), strict=True):
            button = page.get_by_role("button", name=download[lang])
            button.wait_for(timeout=120_000)
            with page.expect_download(timeout=60_000) as info:
                button.click()
            path = tmp_path / f"{lang}.pptx"
            info.value.save_as(path)
            decks[lang] = Presentation(io.BytesIO(path.read_bytes()))
        assert decks["en"].slides[0].shapes.title.text_frame.text == "Monthly community report"
        assert decks["fr"].slides[0].shapes.title.text_frame.text == "Rapport mensuel de la communauté"
    finally:
        for ctx in contexts:
            ctx.close()
