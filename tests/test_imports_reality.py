"""What the reality panel cannot compute from the upload is listed, never invented; templates import."""

from __future__ import annotations

import export_samples as S
import pytest

from rlff.io.imports import blank_template, import_files, read_file, template_filename
from rlff.metrics.missing import REALITY_INPUTS, missing_reality_inputs
from rlff.schema import COLUMNS, TABLE_NAMES


def test_exports_alone_miss_inbox_costs_sources_and_bought_followers():
    tables = import_files([S.x_posts()[:2], S.x_overview()[:2]]).tables
    missing = {m.metric: m for m in missing_reality_inputs(tables)}
    assert {"response_time_by_kind", "reply_rate", "roi", "engagement_sources", "bought_follower_share"} <= set(missing)
    assert missing["reply_rate"].tables == ("inbox",)
    assert missing["reply_rate"].templates == ("inbox.csv",)
    assert "first_response_at" in missing["reply_rate"].upload
    assert "never" in missing["engagement_sources"].reason
    assert missing["roi"].reason == "no costs and no revenue were uploaded"


def test_an_inbox_and_costs_fill_their_gaps():
    tables = import_files([S.x_posts()[:2], S.french_inbox()[:2], S.costs_csv()[:2]]).tables
    missing = {m.metric: m for m in missing_reality_inputs(tables)}
    assert "reply_rate" not in missing and "response_time_by_kind" not in missing
    assert missing["roi"].reason == "no revenue was uploaded"


def test_the_simulation_misses_nothing(default_tables):
    assert missing_reality_inputs(default_tables) == []


def test_every_reality_input_names_real_tables():
    for metric, label, tables, _, upload in REALITY_INPUTS:
        assert set(tables) <= set(TABLE_NAMES), metric
        assert label and upload


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_blank_template_has_the_schema_header(table):
    text = blank_template(table).decode()
    lines = text.splitlines()
    assert lines[0].split(",") == list(COLUMNS[table])
    assert lines[1].startswith("# ")
    assert blank_template(table, example=False).decode().splitlines() == lines[:1]
    assert template_filename(table) == f"{table}.csv"


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_template_example_imports_once_uncommented(table):
    text = blank_template(table).decode().replace("# ", "", 1)
    result = read_file(text.encode(), template_filename(table))
    assert result.kind == f"rlff_{table}"
    assert len(result.tables[table]) == 1


def test_blank_template_refuses_an_unknown_table():
    with pytest.raises(KeyError):
        blank_template("tweets")
