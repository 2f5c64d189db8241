"""rlff.charts.CHART_TABLES and rlff.charts.fingerprints: a chart is cached by the tables it reads.

If a builder reads a table its entry does not name, a knob that changes only that table
would leave a stale chart on screen. So every table a chart does *not* declare is changed
here (emptied, every other row, first row dropped) and the chart must stay byte-identical;
every declared one must move it.
"""

from __future__ import annotations

import dataclasses

import plotly.io as pio
import pytest

from rlff.charts import CHART_KEYS, CHART_TABLES, build_chart, chart_inputs
from rlff.charts.fingerprints import table_fingerprint
from rlff.schema import Tables
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

TABLES = tuple(f.name for f in dataclasses.fields(Tables) if f.name != "meta")


def _drawn(tables: Tables, key: str, lang: str) -> tuple:
    try:
        c = build_chart(tables, key, lang=lang)
    except Exception as exc:  # a builder that reads a table it should not may fail on an empty one
        return ("error", type(exc).__name__, str(exc))
    return (pio.to_json(c.figure, validate=False), c.title, c.caption, repr(c.headline), c.available)


def _variants(tables: Tables, name: str) -> list[Tables]:
    frame = getattr(tables, name)
    cuts = [frame.iloc[0:0], frame.iloc[::2], frame.iloc[1:]]
    return [dataclasses.replace(tables, **{name: cut}) for cut in cuts]


@pytest.fixture(scope="module")
def datasets(default_tables) -> dict[str, tuple[Tables, str]]:
    other = DEFAULT.replace(lang="fr", crisis=False, follower_purchases=0, ring_size=5, strategy_adherence=0.7)
    return {"default": (default_tables, "en"), "other": (simulate(other, 11), "fr")}


def test_every_chart_declares_its_tables():
    assert set(CHART_TABLES) == set(CHART_KEYS)
    assert all(set(names) <= set(TABLES) and names for names in CHART_TABLES.values())


@pytest.mark.parametrize("key", CHART_KEYS)
def test_a_chart_does_not_move_when_a_table_it_does_not_declare_changes(key, datasets):
    for tables, lang in datasets.values():
        drawn = _drawn(tables, key, lang)
        assert drawn[0] != "error"
        for name in TABLES:
            if name in CHART_TABLES[key]:
                continue
            for variant in _variants(tables, name):
                assert _drawn(variant, key, lang) == drawn, f"{key} reads {name}"


@pytest.mark.parametrize("key", CHART_KEYS)
def test_every_declared_table_moves_the_chart(key, datasets):
    tables, lang = datasets["default"]
    drawn = _drawn(tables, key, lang)
    for name in CHART_TABLES[key]:
        assert any(_drawn(v, key, lang) != drawn for v in _variants(tables, name)), f"{key} ignores {name}"


def test_the_inputs_name_the_content_not_the_object():
    again = simulate(DEFAULT, 0)
    first = simulate(DEFAULT, 0)
    assert first is not again
    assert all(chart_inputs(first, k) == chart_inputs(again, k) for k in CHART_KEYS)


def test_a_knob_moves_the_inputs_of_the_charts_that_read_its_tables_only(default_tables):
    moved = simulate(DEFAULT.replace(strategy_adherence=0.5), 0)
    changed = {k for k in CHART_KEYS if chart_inputs(default_tables, k) != chart_inputs(moved, k)}
    assert changed == {k for k, names in CHART_TABLES.items() if "strategy" in names}
    assert "strategy_adherence" in changed and "response_time" not in changed


def test_the_meta_is_part_of_every_chart_s_inputs(default_tables):
    renamed = dataclasses.replace(default_tables, meta=dataclasses.replace(default_tables.meta, brand="Other"))
    assert all(chart_inputs(default_tables, k) != chart_inputs(renamed, k) for k in CHART_KEYS)


def test_a_fingerprint_sees_values_columns_and_types(default_tables):
    costs = default_tables.costs
    base = table_fingerprint(default_tables, "costs")
    changed_value = costs.copy()
    changed_value.iloc[0, changed_value.columns.get_loc("amount_eur")] += 0.01
    renamed = costs.rename(columns={"amount_eur": "amount"})
    as_float32 = costs.astype({"amount_eur": "float32"})
    for frame in (changed_value, renamed, as_float32):
        assert table_fingerprint(dataclasses.replace(default_tables, costs=frame), "costs") != base
    assert table_fingerprint(dataclasses.replace(default_tables, costs=costs.copy()), "costs") == base


def test_the_dashboard_keeps_the_charts_a_knob_did_not_touch():
    from rlff_app import context

    before, after = DEFAULT, DEFAULT.replace(strategy_adherence=0.45)
    charts = {
        name: {k: context.one_chart(s, 0, context.data_key(s, 0), k, "en") for k in CHART_KEYS}
        for name, s in (("before", before), ("after", after))
    }
    same = {k for k in CHART_KEYS if charts["before"][k] is charts["after"][k]}
    assert same == {k for k, names in CHART_TABLES.items() if "strategy" not in names}
    moved = build_chart(simulate(after, 0), "strategy_adherence", lang="en")
    assert charts["after"]["strategy_adherence"].caption == moved.caption
