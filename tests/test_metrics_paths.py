"""The numpy paths of rlff.metrics give exactly what the pandas code they replaced gave.

Each reference below is the previous implementation, kept verbatim; random tables (loose
rows, duplicates, missing ids, unsorted dates, imported daily totals) and the simulation
are run through both.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from rlff import metrics
from rlff.metrics.periods import brand_posts, engagements_on, month_bounds, rows_in_month
from rlff.schema import ENGAGEMENT_SOURCES, Meta, Tables, conform

META = Meta(brand="b", cm_name="", start=date(2024, 1, 1), end=date(2024, 3, 31), reported_month=date(2024, 2, 1))
MONTHS = [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01")]


# --- the previous implementations ----------------------------------------------------------


def _kind_totals_reference(tables: Tables, month: pd.Timestamp) -> dict[str, int | None]:
    pid = tables.engagements["post_id"]
    loose = rows_in_month(tables.engagements[pid.isna() | (pid == "")], "engaged_at", month)
    if tables.posts.empty and (tables.engagements["post_id"] != "").all():
        return {"retweet": None, "like": None, "reply": None}
    posts = brand_posts(tables.posts, month)
    eng = pd.concat([engagements_on(tables.engagements, posts["post_id"]), loose])
    sums = eng.groupby(eng["kind"].astype(str))["count"].sum()
    return {k: int(sums.get(k, 0)) for k in ("retweet", "like", "reply")}


def _audience_total_reference(followers: pd.DataFrame, end: pd.Timestamp, column: str) -> int | None:
    rows = followers[followers["date"] < end]
    last = rows.sort_values("date", kind="stable").drop_duplicates("platform", keep="last")
    return None if last.empty else int(last[column].sum())


def _top_posts_reference(tables: Tables, month: pd.Timestamp, n: int) -> pd.DataFrame:
    posts = brand_posts(tables.posts, month)
    eng = engagements_on(tables.engagements, posts["post_id"])
    per = eng.groupby(["post_id", "kind"], observed=True)["count"].sum().unstack(fill_value=0)
    per.columns = per.columns.astype(str)
    per = per.reindex(columns=["like", "retweet", "reply"], fill_value=0)
    out = posts[["post_id", "published_at", "platform", "format", "text", "conversions"]].astype(
        {"platform": "str", "format": "str"}
    )
    for col, kind in (("likes", "like"), ("retweets", "retweet"), ("replies", "reply")):
        out[col] = out["post_id"].map(per[kind]).fillna(0).astype("int64")
    out["_score"] = out["likes"] + out["retweets"]
    out = out.sort_values(["_score", "post_id"], ascending=[False, True]).head(n)
    cols = ["post_id", "published_at", "platform", "format", "text", "likes", "retweets", "replies", "conversions"]
    return out[cols].reset_index(drop=True)


def _post_engagements_reference(tables: Tables, month: pd.Timestamp) -> pd.Series:
    posts = brand_posts(tables.posts, month)
    eng = engagements_on(tables.engagements, posts["post_id"])
    per_post = eng.groupby("post_id", observed=True)["count"].sum()
    return posts["post_id"].map(per_post).fillna(0).astype("int64").reset_index(drop=True)


def _sum_by_reference(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = frame.groupby(keys, observed=True, sort=True)["count"].sum().reset_index()
    out = out[out["count"] > 0].reset_index(drop=True)
    return out.astype({k: "str" for k in keys if k in ("kind", "source")} | {"count": "int64"})


def _source_counts_reference(tables: Tables, month: pd.Timestamp, kinds: tuple[str, ...]) -> pd.Series:
    posts = brand_posts(tables.posts, month)
    eng = engagements_on(tables.engagements, posts["post_id"], kinds)
    counts = eng.groupby("source", observed=True)["count"].sum()
    counts.index = counts.index.astype(str)
    extra = [s for s in counts.index if s not in ENGAGEMENT_SOURCES]
    return counts.reindex(list(ENGAGEMENT_SOURCES) + extra, fill_value=0).astype("int64")


def _crisis_timeline_reference(tables: Tables) -> pd.DataFrame:
    msgs = tables.inbox[tables.inbox["kind"].isin(["complaint", "crisis"])]
    events = tables.events[tables.events["kind"].isin(["crisis_start", "crisis_peak"])]
    received_day = msgs["received_at"].dt.floor("D")
    answered_day = (
        msgs["first_response_at"]
        .where(
            msgs["first_response_at"] >= msgs["received_at"],
            msgs["received_at"].where(msgs["first_response_at"].notna()),
        )
        .dt.floor("D")
    )
    meta = tables.meta
    bounds = [pd.Timestamp(meta.start), pd.Timestamp(meta.end)]
    for s in (received_day, events["date"]):
        if not s.empty:
            bounds += [s.min(), s.max()]
    days = pd.date_range(min(bounds), max(bounds), freq="D", unit="us")
    received = received_day.value_counts().reindex(days, fill_value=0)
    same_day = received_day[answered_day == received_day].value_counts().reindex(days, fill_value=0)
    closed = answered_day.value_counts().reindex(days, fill_value=0)
    labels = (
        events.assign(kind=events["kind"].astype(str))
        .groupby("date")
        .agg(event=("kind", "; ".join), event_label=("label", "; ".join))
    )
    out = pd.DataFrame(
        {
            "date": days,
            "received": received.to_numpy(dtype="int64"),
            "answered_same_day": same_day.to_numpy(dtype="int64"),
            "open_backlog": (received.cumsum() - closed.cumsum()).to_numpy(dtype="int64"),
            "event": labels["event"].reindex(days, fill_value="").to_numpy(dtype=object),
            "event_label": labels["event_label"].reindex(days, fill_value="").to_numpy(dtype=object),
        }
    )
    return out.astype({"event": "str", "event_label": "str"})


def _follower_curve_reference(tables: Tables) -> pd.DataFrame:
    f = tables.followers
    stocks = ["followers", "friends"]
    flows = ["organic_follows", "bought_follows", "unfollows"]
    out = f.groupby("date", sort=True)[flows].sum()
    for col in stocks:
        wide = f.pivot_table(index="date", columns="platform", values=col, aggfunc="last", observed=True)
        out[col] = wide.ffill().sum(axis=1)
    out = out.astype("int64").rename_axis("date").reset_index()
    return out[["date", *stocks, *flows]]


# --- random tables ----------------------------------------------------------------------------


def _random_tables(seed: int) -> Tables:
    rng = np.random.default_rng(seed)
    n_posts = int(rng.integers(0, 12))
    ids = [f"p{i}" for i in range(n_posts)]
    if n_posts and rng.random() < 0.3:
        ids[-1] = ids[0]  # a post id twice (imports can do that)
    if n_posts > 1 and rng.random() < 0.3:
        ids[1] = ""  # a post without an id, like the daily totals
    posts = pd.DataFrame(
        {
            "post_id": ids,
            "platform": rng.choice(["twitter", "facebook", "blog"], n_posts),
            "account": rng.choice(["brand", "brand", "cm"], n_posts),
            "published_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90 * 24, n_posts), unit="h"),
            "format": rng.choice(["photo", "link", "photo_question"], n_posts),
            "text": [f"t{i}" for i in range(n_posts)],
            "impressions": 0,
            "clicks": 0,
            "conversions": rng.integers(0, 3, n_posts),
        }
    )
    n_eng = int(rng.integers(0, 80))
    targets = np.array([*ids, "", "ghost", None], dtype=object)
    engagements = pd.DataFrame(
        {
            "post_id": rng.choice(targets, n_eng) if len(targets) else [],
            "engaged_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 95 * 24, n_eng), unit="h"),
            "kind": rng.choice(["like", "retweet", "reply"], n_eng),
            "source": rng.choice(["customer", "peer", "bot", "unknown"], n_eng),
            "actor": "",
            "count": rng.integers(0, 5, n_eng),
        }
    )
    n_fol = int(rng.integers(0, 25))
    followers = pd.DataFrame(
        {
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n_fol), unit="D"),
            "platform": rng.choice(["twitter", "facebook", "instagram"], n_fol),
            **{
                c: rng.integers(0, 500, n_fol)
                for c in ("organic_follows", "bought_follows", "unfollows", "followers", "friends")
            },
        }
    )
    n_msg = int(rng.integers(0, 40))
    received = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 100 * 24 * 60, n_msg), unit="min")
    delay = pd.to_timedelta(rng.integers(-60, 4 * 24 * 60, n_msg), unit="min")  # some answers before the message
    inbox = pd.DataFrame(
        {
            "message_id": [f"m{i}" for i in range(n_msg)],
            "received_at": received,
            "platform": "twitter",
            "kind": rng.choice(["complaint", "crisis", "question"], n_msg),
            "first_response_at": (received + delay).where(rng.random(n_msg) < 0.7),
            "resolved": False,
            "author": "a",
            "text": "t",
        }
    )
    n_events = int(rng.integers(0, 5))
    events = pd.DataFrame(
        {
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 110, n_events), unit="D"),
            "kind": rng.choice(["crisis_start", "crisis_peak", "cm_day"], n_events),
            "label": [f"event {i}" for i in range(n_events)],
        }
    )
    if n_events > 1:
        events.loc[1, "date"] = events.loc[0, "date"]  # two events on one day
    return Tables(
        meta=META,
        posts=conform("posts", posts),
        engagements=conform("engagements", engagements),
        followers=conform("followers", followers),
        inbox=conform("inbox", inbox),
        events=conform("events", events),
    )


SEEDS = range(25)


@pytest.mark.parametrize("seed", SEEDS)
def test_vanity_kpis_totals_equal_the_concat_and_groupby(seed):
    tables = _random_tables(seed)
    for month in MONTHS:
        assert metrics._kind_totals(tables, month) == _kind_totals_reference(tables, month)
        end = month_bounds(month)[1]
        kpis = metrics.vanity_kpis(tables, month)
        assert kpis.fans == _audience_total_reference(tables.followers, end, "followers")
        assert kpis.friends == _audience_total_reference(tables.followers, end, "friends")


@pytest.mark.parametrize("seed", SEEDS)
def test_top_posts_and_post_engagements_equal_the_groupby_and_map(seed):
    tables = _random_tables(seed)
    for month in MONTHS:
        for n in (3, 100):
            got, expected = metrics.top_posts(tables, month, n), _top_posts_reference(tables, month, n)
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
        per_post = metrics.format_performance(tables, month)
        assert int(per_post["engagements"].sum()) == int(_post_engagements_reference(tables, month).sum())


@pytest.mark.parametrize("seed", SEEDS)
def test_source_counts_equal_the_groupby(seed):
    tables = _random_tables(seed)
    for month in MONTHS:
        for kinds in (("like", "retweet"), ("like",), ("reply",)):
            expected = _source_counts_reference(tables, month, kinds)
            pd.testing.assert_series_equal(metrics.source_counts(tables, month, kinds), expected, check_exact=True)


@pytest.mark.parametrize("seed", SEEDS)
def test_monthly_and_daily_engagement_equal_the_groupby(seed):
    tables = _random_tables(seed)
    for by in ("published", "engaged"):
        frame = metrics._brand_engagement_by(tables, by, "M")
        expected = _sum_by_reference(frame, ["period", "kind", "source"]).rename(columns={"period": "month"})
        pd.testing.assert_frame_equal(metrics.monthly_engagement(tables, by), expected, check_exact=True)
    frame = metrics._brand_engagement_by(tables, "engaged", "D")
    expected = _sum_by_reference(frame, ["period", "kind"]).rename(columns={"period": "date"})
    pd.testing.assert_frame_equal(metrics.daily_engagement(tables), expected, check_exact=True)


@pytest.mark.parametrize("seed", SEEDS)
def test_crisis_timeline_equals_the_value_counts_and_groupby(seed):
    tables = _random_tables(seed)
    pd.testing.assert_frame_equal(metrics.crisis_timeline(tables), _crisis_timeline_reference(tables), check_exact=True)


@pytest.mark.parametrize("seed", SEEDS)
def test_follower_curve_equals_the_pivot_and_ffill(seed):
    tables = _random_tables(seed)
    shuffled = tables.replace(followers=tables.followers.sample(frac=1, random_state=seed).reset_index(drop=True))
    for t in (tables, shuffled):
        pd.testing.assert_frame_equal(metrics.follower_curve(t), _follower_curve_reference(t), check_exact=True)


def test_the_simulation_takes_the_numpy_paths_with_the_same_results(default_tables):
    t = default_tables
    month = metrics.month_start(t.meta.reported_month)
    for m in (month, metrics.previous_month(month)):
        assert metrics._kind_totals(t, m) == _kind_totals_reference(t, m)
    pd.testing.assert_frame_equal(metrics.top_posts(t), _top_posts_reference(t, month, 10), check_exact=True)
    pd.testing.assert_frame_equal(metrics.follower_curve(t), _follower_curve_reference(t), check_exact=True)
    pd.testing.assert_frame_equal(metrics.crisis_timeline(t), _crisis_timeline_reference(t), check_exact=True)
    expected_sources = _source_counts_reference(t, month, ("like", "retweet"))
    pd.testing.assert_series_equal(metrics.source_counts(t), expected_sources, check_exact=True)
    frame = metrics._brand_engagement_by(t, "published", "M")
    expected = _sum_by_reference(frame, ["period", "kind", "source"]).rename(columns={"period": "month"})
    pd.testing.assert_frame_equal(metrics.monthly_engagement(t), expected, check_exact=True)


def test_float_counts_still_go_through_pandas():
    tables = _random_tables(3)
    floats = tables.replace(engagements=tables.engagements.astype({"count": "float64"}))
    month = MONTHS[1]
    assert metrics._kind_totals(floats, month) == _kind_totals_reference(floats, month)
    pd.testing.assert_frame_equal(
        metrics.top_posts(floats, month, 100), _top_posts_reference(floats, month, 100), check_exact=True
    )
