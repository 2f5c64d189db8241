"""The simulation: calibration, determinism, shape of every table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rlff.io.tables import table_to_csv_bytes
from rlff.schema import COLUMNS, ENGAGEMENT_SOURCES, MESSAGE_KINDS, TABLE_NAMES, pandas_dtype
from rlff.simulation.calibration import TARGET_LIKES, TARGET_RETWEETS, purchase_dates
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import cm_day, simulate


def month_counts(tables, kind: str, month: str = "2026-01") -> int:
    """Independent sum: merge engagements with posts by hand and filter on the month."""
    posts = tables.posts[tables.posts["account"] == "brand"]
    posts = posts[posts["published_at"].dt.strftime("%Y-%m") == month]
    eng = tables.engagements[tables.engagements["kind"] == kind]
    return int(eng[eng["post_id"].astype(str).isin(set(posts["post_id"]))]["count"].sum())


@pytest.mark.parametrize("seed", [0, 1, 2, 7, 123, 2**40])
def test_reported_month_has_the_articles_1754_retweets_and_9540_likes_for_every_seed(seed):
    tables = simulate(DEFAULT, seed)
    assert tables.meta.reported_month.isoformat() == "2026-01-01"
    assert month_counts(tables, "retweet") == TARGET_RETWEETS == 1754
    assert month_counts(tables, "like") == TARGET_LIKES == 9540


def test_other_months_vary_with_the_seed():
    a, b = simulate(DEFAULT, 1), simulate(DEFAULT, 2)
    assert month_counts(a, "like", "2025-12") != month_counts(b, "like", "2025-12")


@pytest.mark.parametrize(
    ("change", "direction"),
    [
        ({"ring_size": 30}, +1),
        ({"ring_size": 0}, -1),
        ({"bought_followers": 20_000}, +1),
        ({"like_own_comments": False}, -1),
        ({"posts_per_day": 6.0}, +1),
    ],
)
def test_knobs_move_the_reported_likes(change, direction):
    moved = month_counts(simulate(DEFAULT.replace(**change), 0), "like")
    assert (moved - TARGET_LIKES) * direction > 0


def test_every_table_has_the_schema_columns_and_dtypes(default_tables):
    for name in TABLE_NAMES:
        df = default_tables.table(name)
        assert list(df.columns) == list(COLUMNS[name]), name
        assert len(df) > 0, f"{name} is empty in the default scenario"
        for col in COLUMNS[name]:
            expected = pandas_dtype(name, col)
            actual = df[col].dtype
            if expected == "category":
                assert isinstance(actual, pd.CategoricalDtype), (name, col)
            elif expected == "str":
                assert pd.api.types.is_string_dtype(actual), (name, col, actual)
            else:
                assert str(actual) == expected, (name, col, actual)


def test_engagement_sources_and_message_kinds_are_all_present(default_tables):
    sources = set(default_tables.engagements["source"].astype(str))
    assert {"customer", "peer", "bot", "self"} <= sources <= set(ENGAGEMENT_SOURCES)
    assert set(default_tables.inbox["kind"].astype(str)) == set(MESSAGE_KINDS)


def test_engagements_point_at_existing_posts_and_never_precede_them(default_tables):
    e, p = default_tables.engagements, default_tables.posts
    merged = e.assign(post_id=e["post_id"].astype(str)).merge(p[["post_id", "published_at"]], on="post_id", how="left")
    assert merged["published_at"].notna().all()
    assert (merged["engaged_at"] >= merged["published_at"]).all()


def test_everything_happens_inside_the_period_never_today(default_tables):
    start, end = pd.Timestamp(DEFAULT.start), pd.Timestamp(DEFAULT.end) + pd.Timedelta(days=1)
    assert default_tables.posts["published_at"].between(start, end, inclusive="left").all()
    assert default_tables.inbox["received_at"].between(start, end, inclusive="left").all()
    answered = default_tables.inbox["first_response_at"].dropna()
    assert (answered < end).all()
    assert default_tables.followers["date"].min() == start


def test_inbox_responses_follow_the_reply_policy(default_tables):
    inbox = default_tables.inbox
    delay_h = (inbox["first_response_at"] - inbox["received_at"]).dt.total_seconds() / 3600
    assert (delay_h.dropna() > 0).all()
    med = delay_h.groupby(inbox["kind"].astype(str)).median()
    # "Real time when I feel like it": compliments thanked in minutes, complaints left for days.
    assert med["compliment"] < 0.5 < 10 < med["question"] < med["complaint"]
    rate = inbox["first_response_at"].notna().groupby(inbox["kind"].astype(str)).mean()
    assert rate["compliment"] > 0.85 and rate["crisis"] < 0.25


def test_followers_running_total_is_consistent(default_tables):
    f = default_tables.followers.sort_values(["platform", "date"])
    for _, g in f.groupby("platform", observed=True):
        step = g["followers"].diff().dropna()
        flows = (g["organic_follows"] + g["bought_follows"] - g["unfollows"]).iloc[1:]
        assert (step.to_numpy() == flows.to_numpy()).all()


def test_follower_purchases_show_as_spikes_on_the_purchase_days(default_tables):
    daily = default_tables.followers.groupby("date")["bought_follows"].sum()
    bought_days = set(daily[daily > 0].index)
    for d in purchase_dates(DEFAULT):
        assert d in bought_days
    assert daily.sum() == DEFAULT.bought_followers * DEFAULT.follower_purchases


def test_crisis_can_be_switched_off():
    tables = simulate(DEFAULT.replace(crisis=False), 0)
    assert "crisis" not in set(tables.inbox["kind"].astype(str))
    assert "crisis_start" not in set(tables.events["kind"].astype(str))


def test_cm_day_is_the_fourth_monday_of_january_and_marked():
    assert cm_day(2026) == pd.Timestamp("2026-01-26")
    assert cm_day(2013) == pd.Timestamp("2013-01-28")
    events = simulate(DEFAULT, 0).events
    assert pd.Timestamp("2026-01-26") in set(events.loc[events["kind"] == "cm_day", "date"])


def test_french_scenario_has_french_text_and_the_same_numbers():
    en, fr = simulate(DEFAULT, 3), simulate(DEFAULT.replace(lang="fr"), 3)
    assert month_counts(fr, "like") == month_counts(en, "like") == 9540
    fr_text = " ".join(fr.inbox["text"].head(200))
    assert any(w in fr_text for w in ("Vous", "vous", "Merci", "commande"))
    assert fr.meta.lang == "fr"


def test_same_scenario_and_seed_give_identical_tables_in_one_process():
    a, b = simulate(DEFAULT, 5), simulate(DEFAULT, 5)
    for name in TABLE_NAMES:
        assert table_to_csv_bytes(name, a.table(name)) == table_to_csv_bytes(name, b.table(name)), name


def test_simulate_does_not_depend_on_the_global_numpy_or_faker_seed():
    import random

    import numpy as np

    a = simulate(DEFAULT, 9)
    np.random.seed(1)
    random.seed(2)
    b = simulate(DEFAULT, 9)
    assert a.posts.equals(b.posts) and a.inbox.equals(b.inbox)


_DIGEST = """
import hashlib, sys
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from rlff.schema import TABLE_NAMES
from rlff.io.tables import table_to_csv_bytes
t = simulate(DEFAULT.replace(lang=sys.argv[1]), int(sys.argv[2]))
h = hashlib.sha256()
for name in TABLE_NAMES:
    h.update(table_to_csv_bytes(name, t.table(name)))
print(h.hexdigest())
"""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_csvs_are_byte_identical_across_processes_whatever_the_hash_seed(lang):
    digests = set()
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST, lang, "11"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("seed", range(20))
def test_packed_sort_is_numpys_lexsort(seed):
    from rlff.simulation.simulate import _lexsort

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 300))
    scale = int(rng.choice([1, 1_000_000]))
    keys = [
        rng.integers(-5, 5, n),
        rng.integers(0, 50, n) * scale,  # microseconds that are whole seconds
        rng.integers(0, 3, n).astype(np.int8),
        rng.integers(0, 2 ** int(rng.choice([4, 40])), n),  # sometimes too wide to pack: lexsort
    ]
    assert (_lexsort(keys) == np.lexsort(keys[::-1])).all()
