"""The workspace API on SQLite and on a real PostgreSQL: merge, dedupe, history, undo, brands."""

from __future__ import annotations

import pandas as pd
import pytest
from export_samples import costs_csv, french_inbox, x_overview, x_posts

from rlff.io.imports import ImportProblem, import_files
from rlff.io.workspace import SCHEMA_VERSION, BrandSettings, UndoRefused, WorkspaceError, open_workspace
from rlff.schema import TABLE_NAMES, Tables

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _file(sample) -> tuple[str, bytes]:
    return sample[0], sample[1]


def assert_same_tables(got: Tables, expected: Tables) -> None:
    """Every table equal (values, dtypes, categories, order) and the meta equal but for the brand."""
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(got.table(name), expected.table(name), obj=name)
    ignore = {"brand", "cm_name"}
    assert {k: v for k, v in vars(got.meta).items() if k not in ignore} == {
        k: v for k, v in vars(expected.meta).items() if k not in ignore
    }


def test_two_exports_imported_one_after_the_other_complete_each_other(workspace):
    tweets, inbox = x_posts(), french_inbox()
    first = workspace.import_files([_file(tweets)], brand="acme")
    second = workspace.import_files([_file(inbox)], brand="acme")
    tables = workspace.tables("acme")
    # The issue: the second import used to replace the first (posts went from 20 to none).
    assert len(tables.posts) == len(tweets[2]) == first.rows["posts"]
    assert len(tables.inbox) == len(inbox[2]) == second.rows["inbox"]
    assert tables.posts["impressions"].sum() == sum(row["impressions"] for row in tweets[2])
    assert_same_tables(tables, import_files([_file(tweets), _file(inbox)]).tables)


def test_reading_a_brand_equals_importing_all_its_files_at_once(workspace):
    files = [_file(x_posts()), _file(x_overview()), _file(french_inbox()), _file(costs_csv())]
    workspace.import_files(files[:2], brand="acme")
    workspace.import_files(files[2:3], brand="acme")
    workspace.import_files(files[3:], brand="acme")
    workspace.import_files([_file(x_posts(seed=99))], brand="other")  # another brand never leaks in
    assert_same_tables(workspace.tables("acme"), import_files(files).tables)
    assert workspace.tables("acme").meta.source == "import"


def test_the_same_file_twice_counts_once_and_a_re_export_of_the_same_posts_too(workspace):
    tweets = x_posts()
    workspace.import_files([_file(tweets)], brand="acme")
    again = workspace.import_files([_file(tweets)], brand="acme")
    assert again.rows == {}
    assert again.files[0].same_as is not None
    # The same posts, exported again with another separator: other bytes, same posts.
    resaved = x_posts(sep=";")
    assert resaved[1] != tweets[1]
    workspace.import_files([_file(resaved)], brand="acme")
    tables = workspace.tables("acme")
    assert len(tables.posts) == len(tweets[2])
    assert tables.posts["impressions"].sum() == sum(row["impressions"] for row in tweets[2])
    likes = tables.engagements.loc[tables.engagements["kind"] == "like", "count"].sum()
    assert likes == sum(row["likes"] for row in tweets[2])


def test_history_lists_every_import_newest_first_with_its_files(workspace):
    tweets, inbox = x_posts(), french_inbox()
    first = workspace.import_files([_file(tweets)], brand="acme")
    second = workspace.import_files([_file(inbox)], brand="beta")
    history = workspace.history()
    assert [r.id for r in history] == [second.id, first.id]
    assert [r.id for r in workspace.history("acme")] == [first.id]
    record = history[1]
    assert record.brand == "acme"
    assert record.files[0].name == tweets[0]
    assert record.files[0].size == len(tweets[1])
    import hashlib

    assert record.files[0].sha256 == hashlib.sha256(tweets[1]).hexdigest()
    assert record.files[0].kind == "x_posts"
    assert record.rows == first.rows
    assert record.at == first.at


def test_undo_removes_exactly_that_imports_rows(workspace):
    tweets, overview, inbox = _file(x_posts()), _file(x_overview()), _file(french_inbox())
    first = workspace.import_files([tweets], brand="acme")
    middle = workspace.import_files([overview], brand="acme")
    workspace.import_files([inbox], brand="acme")
    undone = workspace.undo(middle.id)
    assert undone.id == middle.id and undone.rows == middle.rows
    assert_same_tables(workspace.tables("acme"), import_files([tweets, inbox]).tables)
    assert [r.id for r in workspace.history("acme")][-1] == first.id
    with pytest.raises(WorkspaceError, match="no import"):
        workspace.undo(middle.id)


def test_undo_is_refused_while_a_later_import_relies_on_its_file(workspace):
    tweets = _file(x_posts())
    first = workspace.import_files([tweets], brand="acme")
    later = workspace.import_files([tweets, _file(french_inbox())], brand="acme")
    before = workspace.tables("acme")
    with pytest.raises(UndoRefused) as refused:
        workspace.undo(first.id)
    assert str(later.id) in str(refused.value) and "\n" not in str(refused.value)
    assert_same_tables(workspace.tables("acme"), before)  # nothing removed
    workspace.undo(later.id)
    workspace.undo(first.id)
    assert workspace.history("acme") == []
    assert workspace.tables("acme").posts.empty


def test_a_bad_file_stores_nothing(workspace):
    workspace.import_files([_file(x_posts())], brand="acme")
    before = workspace.tables("acme")
    with pytest.raises(ImportProblem) as problem:
        workspace.import_files(
            [_file(french_inbox()), ("notes.csv", b"name,email\nBob,bob@example.com\n")], brand="acme"
        )
    assert "notes.csv" in str(problem.value)
    assert len(workspace.history()) == 1
    assert_same_tables(workspace.tables("acme"), before)


def test_every_month_of_the_imports_is_there(workspace):
    tweets, overview, inbox = x_posts(), x_overview(), french_inbox()
    for sample in (tweets, overview, inbox):
        workspace.import_files([_file(sample)], brand="acme")
    tables = workspace.tables("acme")
    expected = {row["date"].strftime("%Y-%m") for row in tweets[2] + overview[2]}
    expected |= {row["received"].strftime("%Y-%m") for row in inbox[2]}
    got = set(tables.engagements["engaged_at"].dt.strftime("%Y-%m")) | set(
        tables.inbox["received_at"].dt.strftime("%Y-%m")
    )
    assert got == expected == {"2026-09", "2026-10", "2026-11"}
    assert str(tables.meta.start) == min(r["date"] for r in tweets[2]).strftime("%Y-%m-%d")


def test_brand_settings_are_kept_and_shown_in_the_meta(workspace):
    workspace.import_files([_file(x_posts())], brand="acme")
    assert workspace.brand_settings("acme") == BrandSettings("acme")
    settings = BrandSettings("acme", display_name="ACME Corp", cm_name="Norma", logo=PNG, deck_lang="fr")
    workspace.save_brand(settings)
    assert workspace.brand_settings("acme") == settings
    assert [b.name for b in workspace.brands()] == ["acme"]
    meta = workspace.tables("acme").meta
    assert (meta.brand, meta.cm_name) == ("ACME Corp", "Norma")
    workspace.save_brand(BrandSettings("zed"))
    assert [b.name for b in workspace.brands()] == ["acme", "zed"]
    assert workspace.brand_settings("nope") is None


@pytest.mark.parametrize(
    ("settings", "needle"),
    [
        (BrandSettings("acme", logo=b"GIF89a" + b"\x00" * 20), "PNG or JPEG"),
        (BrandSettings("acme", logo=b""), "empty"),
        (BrandSettings("acme", logo=PNG + b"\x00" * (2 * 1024 * 1024)), "MB"),
        (BrandSettings("acme", deck_lang="de"), "deck language"),
        (BrandSettings("  "), "brand name"),
    ],
)
def test_bad_brand_settings_are_refused_and_change_nothing(workspace, settings, needle):
    workspace.save_brand(BrandSettings("acme", display_name="Kept"))
    with pytest.raises(WorkspaceError, match=needle) as err:
        workspace.save_brand(settings)
    assert "\n" not in str(err.value)
    assert workspace.brand_settings("acme") == BrandSettings("acme", display_name="Kept")


def test_an_unknown_brand_is_a_clear_error(workspace):
    with pytest.raises(WorkspaceError, match="no brand 'ghost'"):
        workspace.tables("ghost")


def test_the_brand_the_files_name_is_the_default(workspace):
    record = workspace.import_files([_file(x_posts())], brand=None)
    assert record.brand == import_files([_file(x_posts())]).results[0].brand
    assert workspace.import_files([_file(french_inbox())], brand=None).brand == "default"


def test_reopening_finds_everything_again(workspace_url):
    ws = open_workspace(workspace_url)
    ws.import_files([_file(x_posts())], brand="acme")
    expected = ws.tables("acme")
    ws.close()
    again = open_workspace(workspace_url)
    assert again.migrated_from == again.version == SCHEMA_VERSION
    assert_same_tables(again.tables("acme"), expected)
    again.close()


def test_a_second_reading_comes_from_the_snapshot_and_equals_the_first(workspace):
    import sqlalchemy as sa

    files = [_file(x_posts()), _file(x_overview())]
    workspace.import_files(files, brand="acme")
    first = workspace.tables("acme")
    with workspace._engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM snapshots WHERE brand = 'acme'")).scalar_one() == 1
    assert_same_tables(workspace.tables("acme"), first)
    assert_same_tables(workspace.tables("acme"), import_files(files).tables)
    # An import makes the snapshot stale: it is never read again.
    workspace.import_files([_file(french_inbox())], brand="acme")
    assert len(workspace.tables("acme").inbox) == 24
    workspace.undo(workspace.history()[0].id)
    assert workspace.tables("acme").inbox.empty
