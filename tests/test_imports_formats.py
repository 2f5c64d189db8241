"""Every supported export reads into RLFF's tables, with totals equal to independent sums of the file."""

from __future__ import annotations

import export_samples as S
import pandas as pd
import pytest

from rlff.io.imports import read_file
from rlff.schema import COLUMNS, pandas_dtype


def engagement_total(result, kind: str) -> int:
    eng = result.tables["engagements"]
    return int(eng.loc[eng["kind"] == kind, "count"].sum())


def assert_schema(result) -> None:
    for name, frame in result.tables.items():
        assert list(frame.columns) == list(COLUMNS[name]), name
        for col in frame.columns:
            assert str(frame[col].dtype) == str(pd.Series([], dtype=pandas_dtype(name, col)).dtype), (name, col)


@pytest.mark.parametrize("favorites", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_legacy_tweet_activity_totals_match_the_file(favorites, encoding):
    name, data, rows = S.legacy_tweets(favorites=favorites, encoding=encoding)
    result = read_file(data, name)
    assert result.kind == "x_tweet_activity"
    assert result.platform == "twitter"
    assert result.brand == "@acme"
    posts = result.tables["posts"]
    assert len(posts) == len(rows)
    assert posts["impressions"].sum() == sum(r["impressions"] for r in rows)
    assert posts["clicks"].sum() == sum(r["url_clicks"] + r["profile_clicks"] for r in rows)
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert engagement_total(result, "retweet") == sum(r["retweets"] for r in rows)
    assert engagement_total(result, "reply") == sum(r["replies"] for r in rows)
    assert posts["published_at"].is_monotonic_increasing  # newest-first rows come out in time order
    assert posts["published_at"].iloc[0] == min(r["time"] for r in rows)
    assert "énorme" in " ".join(posts["text"])  # cp1252 accents survive
    assert_schema(result)


def test_imported_engagements_are_aggregates_at_publication_time():
    name, data, rows = S.legacy_tweets()
    result = read_file(data, name)
    eng = result.tables["engagements"]
    assert set(eng["source"].astype(str)) == {"unknown"}
    assert set(eng["actor"].astype(str)) == {""}
    joined = eng.merge(result.tables["posts"][["post_id", "published_at"]], on="post_id")
    assert (joined["engaged_at"] == joined["published_at"]).all()


@pytest.mark.parametrize("favorites", [False, True])
def test_legacy_daily_gives_follows_and_daily_totals(favorites):
    name, data, rows = S.legacy_daily(favorites=favorites)
    result = read_file(data, name)
    assert result.kind == "x_tweet_activity_daily"
    followers = result.tables["followers"]
    assert followers["organic_follows"].sum() == sum(r["follows"] for r in rows)
    assert followers["bought_follows"].sum() == 0
    assert followers["followers"].iloc[-1] == sum(r["follows"] for r in rows)  # from 0, no unfollows
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert set(result.tables["engagements"]["post_id"].astype(str)) == {""}
    assert result.derived == {"engagements"}
    assert not result.followers_known and not result.bought_known


@pytest.mark.parametrize(("encoding", "sep"), [("utf-8", ","), ("utf-16", "\t"), ("utf-16-le", ","), ("utf-8", ";")])
def test_x_per_post_export_in_any_encoding_and_separator(encoding, sep):
    name, data, rows = S.x_posts(encoding=encoding, sep=sep)
    result = read_file(data, name)
    assert result.kind == "x_posts"
    posts = result.tables["posts"]
    assert posts["impressions"].sum() == sum(r["impressions"] for r in rows)  # "1,000" thousands read
    assert engagement_total(result, "retweet") == sum(r["retweets"] for r in rows)  # reposts -> retweets
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert posts["published_at"].min() == pd.Timestamp("2026-09-01")  # "Tue, Sep 01, 2026", no time of day
    assert result.tables["followers"]["organic_follows"].sum() == sum(r["follows"] for r in rows)
    assert result.derived == {"followers"}


def test_x_shares_are_not_counted_as_retweets():
    name, data, rows = S.x_posts()
    result = read_file(data, name)
    assert engagement_total(result, "retweet") != sum(r["retweets"] + r["shares"] for r in rows)


@pytest.mark.parametrize("sep", [";", ","])
def test_x_overview_with_decimal_commas_and_spaced_thousands(sep):
    name, data, rows = S.x_overview(sep=sep)
    result = read_file(data, name)
    assert result.kind == "x_overview"
    followers = result.tables["followers"]
    assert followers["organic_follows"].sum() == sum(r["follows"] for r in rows)
    assert followers["unfollows"].sum() == sum(r["unfollows"] for r in rows)
    net = [r["follows"] - r["unfollows"] for r in rows]
    running = [sum(net[: i + 1]) for i in range(len(net))]
    lift = max(0, -min(running))
    assert followers["followers"].tolist() == [v + lift for v in running]
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)  # "12,0" is twelve
    assert followers["date"].is_monotonic_increasing


def test_x_overview_without_unfollows_column_says_so():
    name, data, rows = S.x_overview(sep=",", unfollows=False)
    result = read_file(data, name)
    assert result.tables["followers"]["unfollows"].sum() == 0
    assert any("Unfollows" in w for w in result.warnings)


@pytest.mark.parametrize("old", [False, True])
def test_facebook_posts_reactions_are_likes_and_shares_retweets(old):
    name, data, rows = S.facebook_posts(old=old)
    result = read_file(data, name)
    assert result.kind == "facebook_posts"
    assert result.brand == "Acme Coffee"
    posts = result.tables["posts"]
    assert posts["impressions"].sum() == sum(r["impressions"] for r in rows)  # Views, or Impressions in old files
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert engagement_total(result, "retweet") == sum(r["shares"] for r in rows)
    assert engagement_total(result, "reply") == sum(r["comments"] for r in rows)
    assert (posts["text"] != "").all()  # caption from Title or Description
    first = min(rows, key=lambda r: r["time"])
    assert posts["published_at"].iloc[0] == pd.Timestamp(first["time"])  # month-first times
    formats = dict(zip(posts["post_id"], posts["format"].astype(str), strict=True))
    for r in rows:
        expected = {"Videos": "video", "Reels": "video", "Links": "link"}.get(r["type"], "photo")
        if expected == "photo" and "?" in r["text"]:
            expected = "photo_question"
        assert formats[r["id"]] == expected


def test_instagram_posts_with_shuffled_columns_and_thousands():
    name, data, rows = S.instagram_posts()
    result = read_file(data, name)
    assert result.kind == "instagram_posts"
    assert result.brand == "acme.coffee"
    assert result.tables["posts"]["impressions"].sum() == sum(r["impressions"] for r in rows)
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert engagement_total(result, "retweet") == sum(r["shares"] for r in rows)
    assert set(result.tables["posts"]["format"].astype(str)) <= {"photo", "photo_question", "video"}


def test_meta_daily_follows_file_in_utf16_with_sep_line():
    name, data, rows = S.meta_daily()
    result = read_file(data, name)
    assert result.kind == "meta_daily"
    assert result.platform == "facebook"
    assert result.tables["followers"]["organic_follows"].sum() == sum(r["value"] for r in rows)


def test_meta_daily_instagram_unfollows():
    name, data, rows = S.meta_daily(metric="Instagram unfollows")
    followers = read_file(data, name).tables["followers"]
    assert set(followers["platform"].astype(str)) == {"instagram"}
    assert followers["unfollows"].sum() == sum(r["value"] for r in rows)
    assert followers["organic_follows"].sum() == 0


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_linkedin_all_posts_sheet_below_a_note_row(kind):
    name, data, rows = S.linkedin_posts_workbook(kind)
    result = read_file(data, name)
    assert result.kind == "linkedin_posts"
    posts = result.tables["posts"]
    assert len(posts) == len(rows)
    assert posts["impressions"].sum() == sum(r["impressions"] for r in rows)
    assert engagement_total(result, "like") == sum(r["likes"] for r in rows)
    assert engagement_total(result, "retweet") == sum(r["retweets"] for r in rows)
    assert set(posts["post_id"]) == {r["link"].rsplit(":", 1)[1] for r in rows}
    assert posts["published_at"].min() == pd.Timestamp(min(r["date"] for r in rows))


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_linkedin_followers_sum_organic_sponsored_and_invited(kind):
    name, data, rows = S.linkedin_followers_workbook(kind)
    result = read_file(data, name)
    assert result.kind == "linkedin_followers"
    followers = result.tables["followers"]
    assert followers["organic_follows"].sum() == sum(r["organic"] + r["sponsored"] + r["auto"] for r in rows)
    assert followers["bought_follows"].sum() == 0
    assert followers["date"].min() == pd.Timestamp("2026-11-01")


def test_french_partial_inbox_with_channel_alias_and_day_first_dates():
    name, data, rows = S.french_inbox()
    result = read_file(data, name)
    assert result.kind == "rlff_inbox"
    inbox = result.tables["inbox"].sort_values("received_at")
    assert inbox["received_at"].tolist() == [pd.Timestamp(r["received"]) for r in rows]
    answered = [r["answered"] is not None for r in rows]
    assert inbox["first_response_at"].notna().tolist() == answered
    assert inbox["resolved"].tolist() == answered  # no resolved column: answered counts as resolved
    assert set(inbox["platform"].astype(str)) == {"twitter", "facebook"}
    assert set(inbox["kind"].astype(str)) == {"compliment", "question", "complaint", "crisis"}
    assert inbox["message_id"].is_unique
    assert any("resolved" in w for w in result.warnings)


def test_costs_with_decimal_commas_and_thousand_dots():
    name, data, total = S.costs_csv()
    costs = read_file(data, name).tables["costs"]
    assert costs["amount_eur"].sum() == pytest.approx(total)


def test_revenue_with_unattributed_rows():
    name, data, total = S.revenue_csv()
    revenue = read_file(data, name).tables["revenue"]
    assert revenue["amount_eur"].sum() == pytest.approx(total)
    assert revenue["platform"].astype(str).tolist() == ["twitter", "unknown"]


def test_every_rlff_table_round_trips_through_write_tables(tmp_path, default_tables):
    from rlff.io.imports import import_files
    from rlff.io.tables import write_tables

    small = default_tables.replace(
        engagements=default_tables.engagements.head(2000),
        **{n: default_tables.table(n).head(200) for n in ("posts", "inbox", "mentions", "followers")},
    )
    paths = write_tables(small, tmp_path)
    files = [(p.name, p.read_bytes()) for p in paths if p.suffix == ".csv"]
    outcome = import_files(files)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert sorted(r.kind for r in outcome.results) == sorted(
        f"rlff_{p.stem}" for p in paths if p.suffix == ".csv" and not small.table(p.stem).empty
    )
    for table in COLUMNS:
        mine, theirs = outcome.tables.table(table), small.table(table)
        assert len(mine) == len(theirs), table
        for col, (kind, _) in COLUMNS[table].items():
            if kind in ("int", "float"):
                assert mine[col].sum() == pytest.approx(theirs[col].sum()), (table, col)


def test_rlff_header_spelling_and_minimal_columns_are_accepted():
    text = (
        "Received At,Kind,First Response At\n2026-11-02 10:00,question,\n2026-11-02 11:00,COMPLAINT,2026-11-02 12:30\n"
    )
    inbox = read_file(text.encode(), "my inbox.csv").tables["inbox"]
    assert inbox["kind"].astype(str).tolist() == ["question", "complaint"]
    assert inbox["platform"].astype(str).tolist() == ["unknown", "unknown"]
    assert inbox["first_response_at"].isna().tolist() == [True, False]


def test_template_comment_rows_are_ignored():
    text = "date,category,amount_eur,note\n# 2026-11-01,salary,4200,example\n2026-11-01,ads,100,\n"
    costs = read_file(text.encode(), "costs.csv").tables["costs"]
    assert costs["amount_eur"].tolist() == [100.0]


def test_kind_is_recognised_from_columns_not_from_file_name():
    name, data, _ = S.facebook_posts()
    assert read_file(data, "inbox.csv").kind == "facebook_posts"
    assert read_file(data, "whatever.txt").kind == "facebook_posts"


def test_the_same_post_twice_in_one_file_is_counted_once_with_its_largest_counts():
    header = ",".join(S.X_POSTS_HEADER)
    row = '1,"Sat, Sep 12, 2026",hi,https://x.com/a/status/1,{imp},{likes},0,0,0,0,0,0,0,0,0,0,0'
    text = "\n".join([header, row.format(imp=100, likes=5), row.format(imp=150, likes=9)]) + "\n"
    result = read_file(text.encode(), "twice.csv")
    assert result.tables["posts"]["impressions"].tolist() == [150]
    assert engagement_total(result, "like") == 9


def test_ambiguous_slash_dates_follow_the_file_kind_and_warn():
    text = "date,category,amount_eur\n03/04/2026,ads,10\n05/06/2026,ads,10\n"
    result = read_file(text.encode(), "costs.csv")  # comma file: month first
    assert result.tables["costs"]["date"].tolist() == [pd.Timestamp("2026-03-04"), pd.Timestamp("2026-05-06")]
    assert any("day/month or month/day" in w for w in result.warnings)
    french = read_file(text.replace(",", ";").encode(), "costs.csv")  # ';' file: day first
    assert french.tables["costs"]["date"].tolist() == [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-06-05")]


def test_a_day_above_twelve_decides_the_order_for_the_whole_column():
    text = "date,category,amount_eur\n03/04/2026,ads,10\n25/04/2026,ads,10\n"
    costs = read_file(text.encode(), "costs.csv").tables["costs"]
    assert costs["date"].tolist() == [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-04-25")]


def test_utc_offsets_are_converted_to_naive_utc():
    text = "received_at,kind,first_response_at\n2026-11-02 10:00 +0100,question,2026-11-02T10:30:00Z\n"
    inbox = read_file(text.encode(), "inbox.csv").tables["inbox"]
    assert inbox["received_at"].iloc[0] == pd.Timestamp("2026-11-02 09:00")
    assert inbox["first_response_at"].iloc[0] == pd.Timestamp("2026-11-02 10:30")


def test_trailing_empty_separators_and_blank_lines_are_harmless():
    text = "date,category,amount_eur,note\n2026-11-01,ads,10,,\n\n2026-11-02,ads,5,x,\n\n"
    costs = read_file(text.encode(), "costs.csv").tables["costs"]
    assert costs["amount_eur"].tolist() == [10.0, 5.0]


def test_rlff_ids_and_handles_keep_their_case_and_empty_actors_stay_empty():
    text = "post_id,engaged_at,kind,actor\nAbC-1,2026-11-02 10:00,RT,@Jane\nAbC-1,2026-11-02 10:05,like,\n"
    eng = read_file(text.encode(), "engagements.csv").tables["engagements"]
    assert eng["post_id"].astype(str).tolist() == ["AbC-1", "AbC-1"]
    assert eng["actor"].astype(str).tolist() == ["@Jane", ""]
    assert eng["kind"].astype(str).tolist() == ["retweet", "like"]
    assert eng["count"].tolist() == [1, 1]


def test_an_rlff_table_filled_in_excel_reads_from_xlsx():
    from datetime import datetime

    data = S.xlsx(
        [
            (
                "Inbox",
                [
                    ["received_at", "kind", "first_response_at", "channel", "resolved"],
                    [datetime(2026, 11, 2, 10, 0), "question", datetime(2026, 11, 2, 11, 0), "Twitter", True],
                    [datetime(2026, 11, 3, 10, 0), "complaint", None, "email", False],
                ],
            )
        ]
    )
    inbox = read_file(data, "inbox.xlsx").tables["inbox"]
    assert inbox["platform"].astype(str).tolist() == ["twitter", "email"]
    assert inbox["resolved"].tolist() == [True, False]
    assert inbox["first_response_at"].isna().tolist() == [False, True]


@pytest.mark.parametrize("build", [S.x_posts, S.legacy_tweets, S.facebook_posts, S.instagram_posts, S.x_overview])
def test_fast_and_careful_csv_paths_agree(build):
    """Clean files take pyarrow's reader; a blank line sends them to pandas': same tables either way."""
    name, data, _ = build()
    header, rest = data.split(b"\n", 1)
    careful = header + b"\n" + rest.replace(b"\n", b"\n\n", 1)  # one blank line after the first row
    fast_tables, careful_tables = read_file(data, name).tables, read_file(careful, name).tables
    assert fast_tables.keys() == careful_tables.keys()
    for table, frame in fast_tables.items():
        pd.testing.assert_frame_equal(frame, careful_tables[table], check_categorical=False)
