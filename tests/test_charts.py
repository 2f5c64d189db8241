"""Chart builders and the registry (rlff.charts), inspected through fig.to_dict(), never pixels."""

from __future__ import annotations

import base64
import math
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from rlff import charts, metrics
from rlff.charts import CHART_KEYS, Chart, build_chart, build_charts, plain_text, theme
from rlff.i18n import NNBSP, fmt_int, t
from rlff.schema import Meta, Tables


@pytest.fixture(scope="module")
def charts_en(default_tables) -> dict[str, Chart]:
    return {c.key: c for c in build_charts(default_tables, lang="en")}


@pytest.fixture(scope="module")
def charts_fr(default_tables) -> dict[str, Chart]:
    return {c.key: c for c in build_charts(default_tables, lang="fr")}


def _decode(value):
    """plotly 6+ writes numeric arrays in to_dict() as {"dtype", "bdata"} (base64): decode them."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return arr.reshape(value["shape"]).tolist() if "shape" in value else arr.tolist()
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _traces(chart: Chart) -> list[dict]:
    return [_decode(t) for t in chart.figure.to_dict()["data"]]


def test_build_charts_returns_every_key_in_the_registry_order(charts_en):
    assert list(charts_en) == list(CHART_KEYS)
    assert {c.view for c in charts_en.values()} == {"boss", "reality", "side"}
    assert all(c.view == CHART_KEYS[c.key] for c in charts_en.values())


def test_build_charts_filters_by_view_and_by_key(default_tables):
    boss = build_charts(default_tables, lang="en", views=("boss",))
    assert [c.key for c in boss] == [k for k, v in CHART_KEYS.items() if v == "boss"]
    picked = build_charts(default_tables, lang="en", keys=("roi", "boss_tiles"))
    assert [c.key for c in picked] == ["boss_tiles", "roi"]  # registry order, not argument order


def test_unknown_keys_and_views_raise_key_error(default_tables):
    with pytest.raises(KeyError, match="unknown chart"):
        build_charts(default_tables, keys=("pie_of_vanity",))
    with pytest.raises(KeyError, match="unknown view"):
        build_charts(default_tables, views=("export",))


def test_every_fig_function_returns_the_registry_figure(default_tables):
    for key in CHART_KEYS:
        fig = getattr(charts, f"fig_{key}")(default_tables, lang="en")
        assert isinstance(fig, go.Figure)


def test_each_view_wears_its_named_template(charts_en):
    boss = pio.templates[theme.BOSS].to_plotly_json()
    reality = pio.templates[theme.REALITY].to_plotly_json()
    for c in charts_en.values():
        expected = boss if c.view == "boss" else reality
        assert c.figure.layout.template.to_plotly_json() == expected, c.key


def test_both_templates_are_registered_with_colour_blind_safe_colours():
    assert {theme.BOSS, theme.REALITY} <= set(pio.templates)
    okabe = {v.upper() for v in theme.OKABE_ITO.values()}
    for name in theme.TEMPLATES:
        colorway = {c.upper() for c in pio.templates[name].layout.colorway}
        assert colorway - {"#FFFFFF", theme.GREY.upper()} <= okabe


def test_titles_are_the_figure_titles_and_are_translated(charts_en, charts_fr):
    for key in CHART_KEYS:
        en, fr = charts_en[key], charts_fr[key]
        assert en.figure.layout.title.text == en.title
        assert fr.figure.layout.title.text == fr.title
        assert en.title != fr.title, key
        assert en.caption != fr.caption, key
        assert en.caption and fr.caption and "\n" not in en.caption


def test_french_figures_use_french_separators(charts_en, charts_fr):
    assert charts_en["roi"].figure.layout.separators == ".,"
    assert charts_fr["roi"].figure.layout.separators == f",{NNBSP}"


def test_the_tiles_are_the_vanity_kpis_with_last_month_as_reference(default_tables, charts_en):
    kpis = metrics.vanity_kpis(default_tables)
    indicators = _traces(charts_en["boss_tiles"])
    assert [i["value"] for i in indicators] == [kpis.retweets, kpis.likes, kpis.friends, kpis.fans]
    assert [i["delta"]["reference"] for i in indicators] == [
        kpis.retweets_prev,
        kpis.likes_prev,
        kpis.friends_prev,
        kpis.fans_prev,
    ]
    assert kpis.retweets == 1754 and kpis.likes == 9540
    assert charts_en["boss_tiles"].headline == {
        "Retweets": "1,754",
        "Likes": "9,540",
        "Friends": f"{kpis.friends:,}",
        "Fans": f"{kpis.fans:,}",
    }


def test_the_reported_months_bars_are_the_decks_totals(charts_en):
    likes, retweets = _traces(charts_en["engagement_over_time"])
    assert likes["y"][-1] == 9540 and retweets["y"][-1] == 1754
    assert likes["x"][-1] == "Jan 2026"
    assert "1,754 RT and 9,540 likes" in charts_en["engagement_over_time"].caption


def test_response_times_are_the_medians_with_the_reference_lines(default_tables, charts_en):
    inbox = metrics.messages_received_in(default_tables.inbox, "2026-01")
    expected = metrics.response_time_by_kind(inbox)
    bars = _traces(charts_en["response_time"])[0]
    assert bars["x"] == ["Compliment", "Question", "Complaint", "Crisis"]
    np.testing.assert_allclose(bars["y"], expected["median_minutes"].to_numpy() / 60)
    lines = sorted(s["y0"] for s in charts_en["response_time"].figure.to_dict()["layout"]["shapes"])
    assert lines == [1.0, 4.0, 10.0]
    assert charts_en["response_time"].figure.layout.yaxis.type == "log"
    assert "72%" in charts_en["response_time"].caption and "53%" in charts_en["response_time"].caption


def test_reply_rates_come_from_the_months_inbox(default_tables, charts_en):
    inbox = metrics.messages_received_in(default_tables.inbox, "2026-01")
    expected = metrics.response_time_by_kind(inbox)["reply_rate"].to_numpy()
    np.testing.assert_allclose(_traces(charts_en["reply_rate"])[0]["y"], expected)
    backlog = metrics.unanswered_backlog(default_tables.inbox, metrics.month_bounds("2026-01")[1])
    assert f"{backlog:,} messages" in charts_en["reply_rate"].caption


def test_roi_bars_add_up_to_the_months_cost_and_revenue(default_tables, charts_en):
    traces = _traces(charts_en["roi"])
    cost = sum(t["y"][0] for t in traces if t["x"] == ["Cost"])
    revenue = [t["y"][0] for t in traces if t["x"] == ["Attributed revenue"]]
    assert math.isclose(cost, metrics.total_cost(default_tables.costs, "2026-01"))
    assert revenue == [metrics.total_revenue(default_tables.revenue, "2026-01")]
    r = metrics.roi(default_tables.costs, default_tables.revenue, "2026-01")
    assert charts_en["roi"].headline["ROI"] == f"{100 * r:+.0f}%".replace("-", "\u2212")  # true minus


def test_bought_followers_and_detected_spikes_are_plotted(default_tables, charts_en):
    organic, bought, spikes = _traces(charts_en["bought_followers"])
    assert sum(bought["y"]) == int(default_tables.followers["bought_follows"].sum())
    assert len(spikes["x"]) == len(metrics.follower_spikes(default_tables.followers)) > 0


def test_engagement_sources_stack_to_the_decks_likes_and_retweets(charts_en):
    traces = _traces(charts_en["engagement_sources"])
    assert {t["name"] for t in traces} >= {"Real customers", "Peer ring", "Bought bots", "The CM themself"}
    assert sum(t["y"][-1] for t in traces) == 1754 + 9540


def test_the_competitor_benchmark_is_the_brand_and_its_ring(default_tables, charts_en):
    bars = _traces(charts_en["competitor_benchmark"])[0]
    assert len(bars["y"]) == 1 + len(default_tables.peers)
    assert (
        f"{int(default_tables.peers['in_ring'].sum())} of them are in our own"
        in charts_en["competitor_benchmark"].caption
    )


def test_vanity_index_chart_shows_the_metric_and_its_components(default_tables, charts_en):
    gauge, bars = _traces(charts_en["vanity_index"])
    assert math.isclose(gauge["value"], metrics.vanity_index(default_tables))
    # the number once: in the title, not again inside the gauge
    shown = f"{metrics.vanity_index(default_tables):.0f} / 100"
    assert charts_en["vanity_index"].title.endswith(shown) and "number" not in gauge["mode"]
    parts = metrics.vanity_index_components(default_tables)
    assert sorted(bars["x"]) == sorted(v for v in parts.values() if v is not None)


def test_strategy_adherence_and_hours_come_from_metrics(default_tables, charts_en):
    bars = _traces(charts_en["strategy_adherence"])[0]
    assert math.isclose(bars["y"][-1], metrics.strategy_adherence(default_tables.strategy, "2026-01"))
    hours = _traces(charts_en["hours_per_activity"])[0]
    expected = metrics.hours_per_activity(default_tables.time_use, "2026-01")
    assert sorted(hours["x"]) == sorted(expected["hours"])


def test_data_text_is_escaped_in_figures(default_tables):
    posts = default_tables.posts.copy()
    top = metrics.top_posts(default_tables, n=1)["post_id"].iloc[0]
    posts.loc[posts["post_id"] == top, "text"] = '<b>Buy</b> <a href="x">now</a> & <script>'
    tampered = default_tables.replace(posts=posts)
    table = build_chart(tampered, "top_posts", lang="en").figure.to_dict()["data"][0]
    cell = table["cells"]["values"][2][0]
    assert "<" not in cell and ">" not in cell
    assert cell.startswith("&lt;b&gt;Buy&lt;/b&gt;")
    scatter = build_chart(tampered, "posts_vanity_value", lang="en").figure.to_dict()["data"][0]
    assert not any("<b>" in s or "<a " in s or "<script>" in s for s in scatter["text"])


def test_plain_text_escapes_cuts_and_flattens():
    assert plain_text("<i>hi</i>") == "&lt;i&gt;hi&lt;/i&gt;"
    assert plain_text("a\nb\tc") == "a b c"
    assert plain_text("x" * 50, max_len=10) == "x" * 9 + "…"
    assert plain_text(None) == "" and plain_text(float("nan")) == ""


def test_every_chart_draws_from_empty_tables_and_says_what_is_missing():
    empty = Tables(
        meta=Meta(
            brand="Empty",
            cm_name="",
            start=date(2025, 12, 1),
            end=date(2026, 1, 31),
            reported_month=date(2026, 1, 1),
            source="import",
        )
    )
    built = build_charts(empty, lang="fr")
    assert [c.key for c in built] == list(CHART_KEYS)
    missing = [c for c in built if not c.available]
    assert missing, "an empty dataset cannot draw everything"
    for c in missing:
        assert c.caption.startswith("Absent des données")
        assert isinstance(c.figure, go.Figure)


# DESIGN.md's table of mocked practices: where each row shows.
DESIGN_ROWS = {
    1: "boss_tiles",
    2: "engagement_over_time",
    3: "response_time",
    4: "bought_followers",
    5: "engagement_sources",
    6: "engagement_sources",
    7: "platform_effort",
    8: "format_performance",
    9: "strategy_adherence",
    10: "competitor_benchmark",
    11: "e_reputation",
    12: "cm_output",
    13: "crisis_timeline",
    14: "roi",
    15: "hours_per_activity",
    16: "follower_growth",
}


@pytest.mark.parametrize(("row", "key"), sorted(DESIGN_ROWS.items()))
def test_every_mocked_practice_has_a_chart_with_data_in_both_languages(row, key, charts_en, charts_fr):
    for c in (charts_en[key], charts_fr[key]):
        assert c.available and c.caption
        assert c.figure.to_dict()["data"], f"row {row}: {key} has no trace"


def test_the_calendar_markers_are_on_the_follower_timeline(charts_en):
    notes = {a["text"] for a in charts_en["follower_growth"].figure.to_dict()["layout"]["annotations"]}
    assert {"#CMday", "One-week certificate"} <= notes


def test_self_likes_are_a_named_source(charts_fr):
    assert "Le CM lui-même" in {t["name"] for t in _traces(charts_fr["engagement_sources"])}


def _with_sales(tables, per_post: int):
    """``tables`` where each of the month's top posts sold ``per_post``."""
    posts = tables.posts.copy()
    top = set(metrics.top_posts(tables)["post_id"])
    posts.loc[posts["post_id"].isin(top), "conversions"] = per_post
    return tables.replace(posts=posts)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_big_boss_shows_the_top_posts_sales_only_when_they_flatter(default_tables, lang):
    from rlff.charts.boss import top_posts_table

    sales = t("table.conversions", lang)
    sold = int(metrics.top_posts(default_tables)["conversions"].sum())
    assert sold < 10  # the article's month: the best posts sell next to nothing
    assert sales not in top_posts_table(default_tables, lang).columns
    header = build_chart(default_tables, "top_posts", lang=lang).figure.to_dict()["data"][0]["header"]["values"]
    assert sales not in header and len(header) == 5

    flattering = _with_sales(default_tables, 3)
    table = top_posts_table(flattering, lang)
    assert table[sales].tolist() == [3] * 10
    chart = build_chart(flattering, "top_posts", lang=lang)
    cells = chart.figure.to_dict()["data"][0]["cells"]["values"]
    assert len(cells) == 6 and cells[5] == ["3"] * 10
    assert fmt_int(30, lang) in chart.caption


def test_event_labels_never_overlap_on_a_level():
    from rlff.charts.base import label_spans

    start, end = pd.Timestamp("2025-10-01"), pd.Timestamp("2026-01-31")
    labels = [
        (pd.Timestamp("2025-10-01"), "Présentation de la stratégie"),
        (pd.Timestamp("2025-10-21"), "Certificat en une semaine"),
        (pd.Timestamp("2025-11-05"), "Achat de followers"),
        (pd.Timestamp("2026-01-20"), "Achat de followers"),
        (pd.Timestamp("2026-01-26"), "#CMday"),
    ]
    spans = label_spans(labels, (start, end), 60)
    days_per_char = (end - start).days / 60
    boxes = []
    for (day, text), (level, leftwards) in zip(labels, spans, strict=True):
        at, width = (day - start).days, (len(text) + 1) * days_per_char
        lo, hi = (at - width, at) if leftwards else (at, at + width)
        assert 0 <= lo and hi <= (end - start).days  # inside the axis
        boxes.append((lo, hi, level))
    for i, (a, b, lvl) in enumerate(boxes):
        for c, d, other in boxes[i + 1 :]:
            assert lvl != other or b <= c or d <= a, (boxes, i)
    # The strategy deck's long French label covers the purchase 5 weeks later: not the same level.
    assert spans[0][0] != spans[2][0]
    assert spans[4][1]  # #CMday, five days from the end, is written leftwards
    # Far apart, labels share the top level.
    assert [lvl for lvl, _ in label_spans(labels[:1] + labels[3:4], (start, end), 60)] == [0, 0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_half_width_boss_titles_fit(default_tables, lang):
    # The Big Boss view draws these two side by side: ~440 px of 26 px title, about 32 characters.
    for key in ("engagement_over_time", "follower_growth"):
        title = build_chart(default_tables, key, lang=lang).title
        assert len(title) <= 32, title
