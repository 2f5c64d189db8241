"""Several files merge into one dataset; each post, day and message is counted once."""

from __future__ import annotations

from datetime import date

import export_samples as S
import pandas as pd

from rlff.io.imports import ImportProblem, import_files, read_file
from rlff.io.imports.merge import derive_meta


def likes(tables) -> int:
    eng = tables.engagements
    return int(eng.loc[eng["kind"] == "like", "count"].sum())


def test_posts_inbox_and_costs_merge_into_one_dataset():
    x_name, x_data, x_rows = S.x_posts()
    inbox_name, inbox_data, inbox_rows = S.french_inbox()
    costs_name, costs_data, total = S.costs_csv()
    outcome = import_files([(x_name, x_data), (inbox_name, inbox_data), (costs_name, costs_data)])
    assert outcome.ok
    t = outcome.tables
    assert len(t.posts) == len(x_rows)
    assert len(t.inbox) == len(inbox_rows)
    assert t.costs["amount_eur"].sum() == total
    assert likes(t) == sum(r["likes"] for r in x_rows)
    assert t.meta.source == "import"
    assert t.meta.brand == "@acme"
    assert t.meta.cm_name == ""
    assert t.meta.start == date(2026, 9, 1)
    assert outcome.row_counts["posts"] == len(x_rows)


def test_the_same_file_uploaded_twice_is_counted_once():
    name, data, rows = S.facebook_posts()
    outcome = import_files([(name, data), ("copy of " + name, data)])
    assert len(outcome.tables.posts) == len(rows)
    assert len(outcome.results) == 1
    assert any("same file" in w for w in outcome.warnings)


def test_overlapping_exports_keep_each_post_once_with_its_largest_counts():
    name, data, rows = S.x_posts(n=10)
    text = data.decode()
    # A later export of the same posts: every like count grew by one.
    header, *lines = text.strip().split("\r\n")
    later = [header]
    for line in lines:
        cells = next(iter(__import__("csv").reader([line])))
        cells[5] = str(int(cells[5]) + 1)
        later.append(",".join(f'"{c}"' for c in cells))
    outcome = import_files([(name, data), ("later.csv", "\n".join(later).encode())])
    t = outcome.tables
    assert len(t.posts) == len(rows)
    assert likes(t) == sum(r["likes"] + 1 for r in rows)
    assert t.engagements.groupby(["post_id", "kind"], observed=True).size().max() == 1


def test_a_bad_file_among_good_ones_is_reported_and_the_rest_merged():
    name, data, rows = S.instagram_posts()
    outcome = import_files([(name, data), ("notes.txt", b"hello world\nnothing to see\n"), ("empty.csv", b"")])
    assert not outcome.ok
    assert [p.file for p in outcome.problems] == ["notes.txt", "empty.csv"]
    assert all(isinstance(p, ImportProblem) for p in outcome.problems)
    assert len(outcome.tables.posts) == len(rows)


def test_nothing_readable_gives_empty_tables_with_a_meta():
    outcome = import_files([("x.csv", b"\x00\x01\x02")])
    assert outcome.tables.posts.empty and outcome.tables.inbox.empty
    assert outcome.tables.meta.brand == "My brand"


def test_daily_totals_fill_only_days_no_per_post_file_covers():
    post_header = ",".join(S.X_POSTS_HEADER)
    post_row = '1,"Thu, Oct 01, 2026",hi,https://x.com/a/status/1,100,7,0,0,0,0,0,0,0,0,0,0,0'
    posts = (post_header + "\n" + post_row + "\n").encode()
    _, daily, daily_rows = S.x_overview(n=5, sep=",")  # Oct 1..5, daily likes
    outcome = import_files([("posts.csv", posts), ("daily.csv", daily)])
    t = outcome.tables
    expected = 7 + sum(r["likes"] for r in daily_rows[1:])  # Oct 1 is covered by the per-post file
    assert likes(t) == expected
    assert any("count twice" in w for w in outcome.warnings)


def test_daily_follower_files_beat_follows_summed_from_posts():
    x_name, x_data, _ = S.x_posts()
    d_name, d_data, d_rows = S.x_overview(sep=",")
    t = import_files([(x_name, x_data), (d_name, d_data)]).tables
    assert t.followers["organic_follows"].sum() == sum(r["follows"] for r in d_rows)
    assert t.followers.groupby(["platform", "date"], observed=True).size().max() == 1


def test_follows_and_unfollows_files_combine_per_day():
    _, follows, f_rows = S.meta_daily(metric="Facebook follows")
    _, unfollows, u_rows = S.meta_daily(metric="Facebook unfollows", seed=99)
    t = import_files([("follows.csv", follows), ("unfollows.csv", unfollows)]).tables
    assert len(t.followers) == len(f_rows)
    assert t.followers["organic_follows"].sum() == sum(r["value"] for r in f_rows)
    assert t.followers["unfollows"].sum() == sum(r["value"] for r in u_rows)
    net = pd.Series([f["value"] - u["value"] for f, u in zip(f_rows, u_rows, strict=True)]).cumsum()
    assert t.followers["followers"].tolist() == (net - min(0, net.min())).tolist()
    assert t.meta.bought_flag_known is False


def test_known_follower_totals_anchor_the_export_days_after_them():
    known = (
        "date,platform,organic_follows,bought_follows,unfollows,followers,friends\n2026-09-30,twitter,0,0,0,5000,120\n"
    )
    _, daily, rows = S.x_overview(sep=",")  # Oct 1..30
    t = import_files([("followers.csv", known.encode()), ("daily.csv", daily)]).tables
    f = t.followers.sort_values("date")
    net = sum(r["follows"] - r["unfollows"] for r in rows)
    assert f["followers"].iloc[-1] == 5000 + net
    assert (f["friends"] == 120).all()


def test_meta_reports_the_last_complete_month():
    _, data, _ = S.x_overview(n=45, sep=",")  # Oct 1 .. Nov 14
    t = import_files([("daily.csv", data)]).tables
    assert t.meta.reported_month == date(2026, 10, 1)
    assert t.meta.end == date(2026, 11, 14)


def test_meta_reports_the_last_month_when_none_is_complete():
    meta = derive_meta({"costs": pd.DataFrame({"date": pd.to_datetime(["2026-11-03", "2026-11-20"])})})
    assert meta.reported_month == date(2026, 11, 1)
    assert meta.brand == "My brand" and meta.source == "import"


def test_inbox_uploaded_twice_with_generated_ids_is_counted_once():
    name, data, rows = S.french_inbox()
    other = data.replace(b"\r\n", b"\n")  # same messages, other bytes
    t = import_files([(name, data), ("again.csv", other)]).tables
    assert len(t.inbox) == len(rows)


def test_cost_rows_repeated_within_a_file_stay_and_across_files_count_once():
    text = b"date,category,amount_eur,note\n2026-11-01,ads,10,boost\n2026-11-01,ads,10,boost\n"
    t = import_files([("a.csv", text), ("b.csv", text + b"2026-11-02,ads,5,\n")]).tables
    assert t.costs["amount_eur"].tolist() == [10.0, 10.0, 5.0]


def test_read_file_result_says_what_it_found():
    name, data, rows = S.legacy_tweets()
    result = read_file(data, name)
    assert result.row_counts["posts"] == len(rows)
    assert result.label.startswith("X/Twitter legacy")
    assert len(result.digest) == 64
