"""rlff_app.dataset: what an upload cannot tell becomes "—" or a "what is missing" chart, never a number."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rlff import metrics
from rlff.charts import build_chart
from rlff.io.imports import import_files
from rlff_app.dataset import Gaps, dataset_digest, honest_chart, honest_kpis, honest_reality, uploaded_data

sys.path.insert(0, str(Path(__file__).parent))
import export_samples  # noqa: E402


@pytest.fixture(scope="module")
def x_upload():
    name, data, _rows = export_samples.x_posts()
    outcome = import_files([(name, data)])
    return uploaded_data(outcome.tables, outcome.results)


def test_an_x_export_lacks_the_inbox_friends_fans_total_and_last_month(x_upload):
    gaps = x_upload.gaps
    assert {"reply_rate", "roi", "engagement_sources", "bought_follower_share"} <= set(gaps.missing)
    assert (gaps.engagements_known, gaps.friends_known, gaps.fans_known, gaps.previous_month) == (
        True, False, False, False,
    )  # fmt: skip


def test_the_simulation_has_no_gaps_and_nothing_changes(default_tables):
    kpis = metrics.vanity_kpis(default_tables)
    assert honest_kpis(kpis, Gaps()) is kpis
    chart = build_chart(default_tables, "bought_followers")
    assert honest_chart(chart, Gaps(), "en") is chart


def test_tiles_the_files_cannot_give_become_none(x_upload):
    kpis = honest_kpis(metrics.vanity_kpis(x_upload.tables), x_upload.gaps)
    assert kpis.retweets and kpis.likes
    assert (kpis.friends, kpis.fans, kpis.engagement_rate) == (None, None, None)
    assert (kpis.retweets_prev, kpis.likes_prev) == (None, None)
    numbers = {"reply_rate": 0.5, "roi": -1.0, "strategy_adherence": 0.2, "other": 3}
    assert honest_reality(numbers, x_upload.gaps) == {
        "reply_rate": None, "roi": None, "strategy_adherence": None, "other": 3,
    }  # fmt: skip


@pytest.mark.parametrize("key", ["engagement_sources", "posts_vanity_value", "format_performance", "cm_output"])
def test_charts_whose_input_is_missing_say_so_instead_of_drawing_zeros(x_upload, key):
    chart = honest_chart(build_chart(x_upload.tables, key), x_upload.gaps, "en")
    assert not chart.available
    assert chart.caption.startswith("Not in the data")


def test_captions_that_would_invent_a_share_are_replaced(x_upload):
    bought = honest_chart(build_chart(x_upload.tables, "bought_followers"), x_upload.gaps, "fr")
    assert bought.available and "0 %" not in bought.caption and "inconnue" in bought.caption
    growth = honest_chart(build_chart(x_upload.tables, "follower_growth"), x_upload.gaps, "en")
    assert "starts from 0" in growth.caption and "%" not in growth.caption


def test_the_digest_names_the_files_bytes_in_order(x_upload):
    results = list(x_upload.results)
    assert dataset_digest(results) == x_upload.digest
    assert dataset_digest(results + results) != x_upload.digest
