"""Every kind of deck opened by LibreOffice: plain and honest, English and French, simulated and
imported-only with long names, on a company template. One LibreOffice call converts them all.

The charts that stay pictures get blank PNGs here (the real renders are in ``test_export_render.py``).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from test_deck import _corp_template, imported_tables, make_deck

from rlff import i18n, metrics

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("libreoffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and pdftotext (apt-get install libreoffice-impress poppler-utils)",
    ),
]


@pytest.fixture(scope="module")
def converted(default_tables, tmp_path_factory):
    """{name: (pptx path, pdf path)} for every kind of deck, converted by one LibreOffice call."""
    work = tmp_path_factory.mktemp("decks")
    imported = imported_tables()
    decks = {
        "plain-en": make_deck(default_tables),
        "honest-fr": make_deck(default_tables, lang="fr", honest=True),
        "imported-en": make_deck(imported, honest=True),
        "imported-fr": make_deck(imported, lang="fr"),
        "template-en": make_deck(default_tables, honest=True, template=_corp_template(work, ".potx")),
    }
    for name, prs in decks.items():
        prs.save(work / f"{name}.pptx")
    profile = (work / "lo-profile").as_uri()  # a private profile: no clash with another LibreOffice
    run = subprocess.run(
        ["libreoffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), *(str(work / f"{n}.pptx") for n in decks)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return {n: (work / f"{n}.pptx", work / f"{n}.pdf") for n in decks}


def _pages(pdf) -> list[str]:  # noqa: ANN001
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_every_deck_converts_with_one_page_per_slide(converted):
    for name, (pptx, pdf) in converted.items():
        assert pdf.is_file(), name
        slides = len(Presentation(str(pptx)).slides)
        assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) == slides, name
        assert len(_pages(pdf)) == slides, name


def test_the_best_posts_show_all_ten_rows_in_the_pdf(converted, default_tables):
    page = next(p for p in _pages(converted["plain-en"][1]) if "Our best posts" in p)
    top = metrics.top_posts(default_tables)
    assert "Published" in page and "Publishe " not in page
    lines = [line for line in page.splitlines() if line.strip()]
    for _, row in top.iterrows():
        day = row["published_at"].strftime("%b %d")
        likes, rts = i18n.fmt_int(row["likes"], "en"), i18n.fmt_int(row["retweets"], "en")
        assert any(day in line and re.search(rf"\b{likes}\s+{rts}\b", line) for line in lines), (day, likes, rts)


def test_french_and_imported_decks_read_right_in_the_pdf(converted):
    fr = "\n".join(_pages(converted["honest-fr"][1]))
    assert "Annexe" in fr and "Stylo rouge" in fr
    imported = "\n".join(_pages(converted["imported-en"][1]))
    assert "What your files don’t say" in imported
    assert "Community Manager, Community Manager" not in imported
    assert "Not in the data" not in imported


def test_the_template_deck_keeps_its_master(converted):
    prs = Presentation(str(converted["template-en"][0]))
    assert any(sh.name == "Corp band" for sh in prs.slide_master.shapes)
    assert len(_pages(converted["template-en"][1])) == len(prs.slides)
