"""Any month: choosing the reported month (rlff.metrics.periods.with_month) and ``--month`` on the CLI.

Every number of a chosen month is checked against a sum computed here, straight from the
raw rows (simulated tables, or the values a sample export was written from).
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
import pytest
from export_samples import legacy_tweets

from rlff import metrics
from rlff.charts import build_chart
from rlff.cli import main
from rlff.io.imports import import_files
from rlff.metrics.gaps import gaps_of, honest_report
from rlff.metrics.periods import (
    MonthOutOfRange,
    data_months,
    month_coverage,
    parse_month,
    with_month,
)
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate


@pytest.fixture(scope="module")
def sim():
    return simulate(DEFAULT, 0)


@pytest.fixture(scope="module")
def imported():
    """80 legacy tweets, one every 19 hours from 2015-09-01 08:00: September and October whole, 2 days of November."""
    name, data, rows = legacy_tweets(80)
    outcome = import_files([(name, data)])
    assert not outcome.problems
    return outcome.tables, rows


def _brand_sum(tables, kind: str, year: int, month: int) -> int:
    """Engagements of ``kind`` on the brand's posts published in the month, summed with plain pandas."""
    posts = tables.posts
    published = posts["published_at"]
    in_month = (posts["account"] == "brand") & (published.dt.year == year) & (published.dt.month == month)
    ids = set(posts.loc[in_month, "post_id"])
    eng = tables.engagements
    return int(eng.loc[eng["post_id"].astype(str).isin(ids) & (eng["kind"] == kind), "count"].sum())


@pytest.mark.parametrize("text", ["2025-09", " 2025-09 ", "0001-12"])
def test_parse_month_reads_year_and_month(text):
    assert parse_month(text) == date(int(text.strip()[:4]), int(text.strip()[5:]), 1)


@pytest.mark.parametrize("text", ["2025-9", "2025-13", "2025-00", "09-2025", "2025-09-01", "september", "", "0000-01"])
def test_parse_month_refuses_anything_else_with_the_expected_form(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)


def test_the_simulation_covers_four_months(sim):
    assert data_months(sim) == [date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]


def test_with_month_keeps_the_object_for_the_month_already_reported(sim):
    assert with_month(sim, None) is sim
    assert with_month(sim, "2026-01-17") is sim


@pytest.mark.parametrize("month", ["2025-10", "2025-11", "2025-12"])
def test_a_chosen_month_reports_its_own_engagement_and_compares_with_the_month_before(sim, month):
    year, mon = int(month[:4]), int(month[5:])
    chosen = with_month(sim, parse_month(month))
    assert chosen.meta.reported_month == date(year, mon, 1)
    assert chosen.posts is sim.posts  # the frames are shared, not copied
    kpis = metrics.vanity_kpis(chosen)
    assert kpis.retweets == _brand_sum(sim, "retweet", year, mon)
    assert kpis.likes == _brand_sum(sim, "like", year, mon)
    before = pd.Timestamp(year, mon, 1) - pd.DateOffset(months=1)
    assert kpis.retweets_prev == _brand_sum(sim, "retweet", before.year, before.month)
    # Fans at the end of the month: each platform's last followers row of the month, summed.
    f = sim.followers
    last = f[f["date"] < pd.Timestamp(year, mon, 1) + pd.DateOffset(months=1)].groupby("platform", observed=True).last()
    assert kpis.fans == int(last["followers"].sum())
    rep = metrics.report(chosen)
    assert rep["period"]["start"] == f"{month}-01"
    assert rep == metrics.report(sim, parse_month(month))


def test_the_months_cost_is_the_sum_of_its_cost_rows(sim):
    chosen = with_month(sim, parse_month("2025-11"))
    c = sim.costs
    expected = float(c.loc[(c["date"] >= "2025-11-01") & (c["date"] < "2025-12-01"), "amount_eur"].sum())
    assert metrics.report(chosen)["reality"]["cost_eur"] == pytest.approx(expected)


@pytest.mark.parametrize(("month", "first"), [("2025-09", "2025-10"), ("2026-02", "2025-10"), ("2025-03", "2025-10")])
def test_a_month_outside_the_data_is_refused_with_the_months_it_covers(sim, month, first):
    with pytest.raises(MonthOutOfRange) as exc:
        with_month(sim, parse_month(month))
    assert str(exc.value) == f"no data for {month}: the data covers {first} to 2026-01"


def test_imported_data_reports_the_chosen_month_from_the_files_values(imported):
    tables, rows = imported
    assert data_months(tables) == [date(2015, 9, 1), date(2015, 10, 1), date(2015, 11, 1)]
    assert tables.meta.reported_month == date(2015, 10, 1)  # the last complete month, as before
    for mon in (9, 10, 11):
        chosen = with_month(tables, date(2015, mon, 1))
        expected = [r for r in rows if r["time"].month == mon]
        kpis = metrics.vanity_kpis(chosen)
        assert kpis.retweets == sum(r["retweets"] for r in expected)
        assert kpis.likes == sum(r["likes"] for r in expected)
    october = metrics.vanity_kpis(with_month(tables, date(2015, 10, 1)))
    assert october.retweets_prev == sum(r["retweets"] for r in rows if r["time"].month == 9)


def test_imported_data_knows_it_has_no_month_before_its_first(imported):
    tables, _rows = imported
    september = with_month(tables, date(2015, 9, 1))
    assert not gaps_of(september).previous_month
    rep = honest_report(metrics.report(september), september)
    assert rep["vanity"]["retweets_prev"] is None and rep["vanity"]["retweets"] is not None
    assert gaps_of(with_month(tables, date(2015, 10, 1))).previous_month


def test_coverage_says_which_months_are_partial_or_empty(imported, sim):
    tables, rows = imported
    last = max(r["time"] for r in rows)
    assert last < datetime(2015, 11, 3)  # the data stops early in November
    assert month_coverage(tables, date(2015, 11, 1)).partial
    assert not month_coverage(tables, date(2015, 10, 1)).partial
    assert not month_coverage(tables, date(2015, 11, 1)).empty
    # A gap in the data: October's posts and engagements removed, the period unchanged.
    posts = tables.posts[tables.posts["published_at"].dt.month != 10]
    eng = tables.engagements[tables.engagements["engaged_at"].dt.month != 10]
    followers = tables.followers[tables.followers["date"].dt.month != 10]
    holed = tables.replace(posts=posts, engagements=eng, followers=followers)
    assert month_coverage(holed, date(2015, 10, 1)).empty
    assert not month_coverage(holed, date(2015, 9, 1)).empty
    assert all(not month_coverage(sim, m).partial and not month_coverage(sim, m).empty for m in data_months(sim))


def test_cli_report_month_equals_the_metrics_of_that_month(capsys):
    assert main(["report", "--json", "--seed", "2", "--month", "2025-11"]) == 0
    rep = json.loads(capsys.readouterr().out)
    tables = simulate(DEFAULT, 2)
    assert rep["period"] == {"start": "2025-11-01", "end": "2025-11-30"}
    assert rep["vanity"]["retweets"] == _brand_sum(tables, "retweet", 2025, 11)
    assert rep == json.loads(json.dumps(metrics.report(tables, "2025-11-01")))


def test_cli_report_month_on_a_data_folder(tmp_path, capsys):
    from rlff.io.tables import write_tables

    tables, rows = import_files([legacy_tweets(80)[:2]]).tables, legacy_tweets(80)[2]
    write_tables(tables, tmp_path)
    assert main(["report", "--json", "--data", str(tmp_path), "--month", "2015-09"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["vanity"]["retweets"] == sum(r["retweets"] for r in rows if r["time"].month == 9)
    assert rep["vanity"]["retweets_prev"] is None  # no August in the data: unknown, not 0


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "csv", "--out", "OUT"]])
def test_cli_month_outside_the_data_is_one_line_and_exit_2(command, tmp_path, capsys):
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    assert main([*argv, "--month", "2025-03"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "error: no data for 2025-03: the data covers 2025-10 to 2026-01\n"
    assert not (tmp_path / "out").exists()  # nothing written


def test_cli_month_badly_written_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--month", "12/2025"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: argument --month: month must be written YYYY-MM") and err.count("\n") == 1


def test_cli_export_csv_of_a_month_writes_that_month_in_its_meta(tmp_path, capsys):
    out = tmp_path / "dec"
    assert main(["export", "--format", "csv", "--out", str(out), "--month", "2025-12"]) == 0
    from rlff.io.tables import read_tables

    assert read_tables(out).meta.reported_month == date(2025, 12, 1)


def test_cli_report_month_of_a_workspace_brand(tmp_path, capsys):
    from rlff.io.workspace import open_workspace

    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    name, data, rows = legacy_tweets(80)
    with open_workspace(url) as ws:
        ws.import_files([(name, data)], brand="acme")
    assert main(["report", "--json", "--brand", "acme", "--database-url", url, "--month", "2015-09"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["period"]["start"] == "2015-09-01"
    assert rep["vanity"]["likes"] == sum(r["likes"] for r in rows if r["time"].month == 9)
    assert main(["report", "--brand", "acme", "--database-url", url, "--month", "2016-01"]) == 2
    assert capsys.readouterr().err == "error: no data for 2016-01: the data covers 2015-09 to 2015-11\n"


def test_another_month_does_not_compare_the_brand_with_the_peers_of_the_data_month(sim):
    # The peers file is what the "competitors" showed for the data's reported month (January):
    # December's brand next to January's peers would compare two months.
    assert len(metrics.competitor_benchmark(sim)) == 1 + len(sim.peers) > 1
    december = with_month(sim, parse_month("2025-12"))
    assert december.peers.empty and list(december.peers.columns) == list(sim.peers.columns)
    assert len(metrics.competitor_benchmark(december)) == 1  # the brand alone
    assert not build_chart(december, "competitor_benchmark", lang="en").available
