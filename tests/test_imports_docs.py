"""docs/imports.md cannot drift from the code: its tables are the ones the code generates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rlff.io.imports import COUNT_MAPPING, MAX_UPLOAD_MB, mapping_markdown
from rlff.io.imports.mapping import formats_markdown, rlff_tables_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "imports.md"


def section(name: str) -> str:
    found = re.search(rf"<!-- generated:{name} -->\n(.*?)\n<!-- /generated:{name} -->", DOC.read_text(), re.S)
    assert found, f"docs/imports.md lacks the generated:{name} section"
    return found.group(1)


@pytest.mark.parametrize(
    ("name", "build"), [("formats", formats_markdown), ("mapping", mapping_markdown), ("rlff", rlff_tables_markdown)]
)
def test_generated_sections_match_the_code(name, build):
    assert section(name) == build(), f"regenerate the {name} table of docs/imports.md from rlff.io.imports.mapping"


def test_the_mapping_says_where_the_four_counts_come_from():
    text = mapping_markdown()
    for phrase in (
        "`Reposts` | **retweets**",
        "`retweets` | **retweets**",
        "`Reactions` | **likes**",
        "`Shares` | **retweets**",
        "`New follows` | **fans** gained",
        "`Unfollows` | **fans** lost",
        "**friends**: 0",
    ):
        assert phrase in text
    assert len(COUNT_MAPPING) == text.count("\n") - 1


def test_the_docs_explain_pandera_and_the_size_limit():
    text = DOC.read_text()
    assert "Why pandera" in text
    assert f"MAX_UPLOAD_MB = {MAX_UPLOAD_MB}" in text
    assert "starts at **0**" in text
