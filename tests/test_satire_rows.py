"""Every row of DESIGN.md has its chart, with a title and a caption, in English and French (docs/satire.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from rlff.charts import CHART_KEYS, build_chart
from rlff.charts.satire import ROWS
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

DOCS = Path(__file__).resolve().parent.parent / "docs"


@cache
def tables(lang: str):
    return simulate(DEFAULT.replace(lang=lang), 0)


def test_the_sixteen_rows_of_design_md_are_all_there():
    assert [r.number for r in ROWS] == list(range(1, 17))
    assert all(CHART_KEYS[r.chart] == r.view for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"row{r.number}-{r.chart}" for r in ROWS])
def test_each_rows_chart_draws_with_a_title_and_caption_in_both_languages(row):
    en = build_chart(tables("en"), row.chart, lang="en")
    fr = build_chart(tables("fr"), row.chart, lang="fr")
    for chart in (en, fr):
        assert chart.available, row
        assert chart.title.strip() and len(chart.caption) > 40
    assert en.caption != fr.caption  # translated, not the English text twice


@pytest.mark.parametrize("row", ROWS, ids=[f"row{r.number}" for r in ROWS])
def test_docs_satire_shows_each_row_with_its_screenshots(row):
    page = (DOCS / "satire.md").read_text(encoding="utf-8")
    assert f"## {row.number}. {row.practice}" in page
    for lang in ("en", "fr"):
        shot = f"img/satire/row{row.number:02d}_{row.chart}_{lang}.png"
        assert shot in page and (DOCS / shot).is_file(), shot
        assert build_chart(tables(lang), row.chart, lang=lang).caption in page
