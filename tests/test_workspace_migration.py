"""An older workspace opens in this RLFF: migrated forward, nothing lost; a newer one is refused."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from rlff.io.imports import import_files
from rlff.io.workspace import SCHEMA_VERSION, BrandSettings, WorkspaceError, open_workspace

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))

import make_workspace_v1 as v1  # noqa: E402
from test_workspace import assert_same_tables  # noqa: E402


def _check_migrated(url: str) -> None:
    ws = open_workspace(url)
    try:
        assert (ws.migrated_from, ws.version) == (1, SCHEMA_VERSION) == (1, 4)
        everything = [f for files in v1.v1_files() for f in files]
        assert_same_tables(ws.tables(v1.BRAND), import_files(everything).tables)
        history = ws.history()
        assert [r.at for r in history] == list(reversed(v1.AT))
        assert [f.name for r in reversed(history) for f in r.files] == [name for name, _ in everything]
        # The version-2 columns exist, with their defaults, next to the version-1 display name.
        assert ws.brand_settings(v1.BRAND) == BrandSettings(v1.BRAND, display_name=v1.DISPLAY)
        ws.save_brand(BrandSettings(v1.BRAND, display_name=v1.DISPLAY, cm_name="Norma", deck_lang="fr"))
        assert ws.tables(v1.BRAND).meta.cm_name == "Norma"
        # An import after the migration lands next to the old ones.
        ws.import_files([v1.v1_files()[0][0]], brand=v1.BRAND)  # the same tweets: counted once
        assert len(ws.tables(v1.BRAND).posts) == len(import_files(everything).tables.posts)
    finally:
        ws.close()
    again = open_workspace(url)  # the second opening finds the current version: no step runs
    assert (again.migrated_from, again.version) == (SCHEMA_VERSION, SCHEMA_VERSION)
    again.close()


def test_the_committed_version_1_file_migrates_with_its_data(tmp_path):
    copy = tmp_path / "workspace.sqlite"
    shutil.copy(DATA / "workspace_v1.sqlite", copy)
    with sa.create_engine(f"sqlite:///{copy}").connect() as conn:
        assert conn.exec_driver_sql("SELECT version FROM rlff_schema").scalar_one() == 1
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(brands)")}
        assert columns == {"name", "display_name"}
    _check_migrated(f"sqlite:///{copy}")


def test_a_version_1_postgresql_workspace_migrates_with_its_data(postgres_server):
    url = postgres_server.create_database("migrate_v1")
    v1.write_v1(url)
    _check_migrated(url)


def test_a_workspace_from_a_newer_rlff_is_refused_untouched(tmp_path):
    url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    open_workspace(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE rlff_schema SET version = 99")
    with pytest.raises(WorkspaceError, match="newer RLFF") as err:
        open_workspace(url)
    assert "\n" not in str(err.value)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version FROM rlff_schema").scalar_one() == 99
    engine.dispose()


def test_the_committed_file_is_what_the_script_writes(tmp_path):
    """The script and the file agree (the rows, not the bytes: SQLite pages may differ)."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    v1.write_v1(url)
    committed = f"sqlite:///{DATA / 'workspace_v1.sqlite'}"
    for table in ("brands", "imports", "rows_posts", "rows_inbox", "rows_engagements"):
        with sa.create_engine(url).connect() as a, sa.create_engine(committed).connect() as b:
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert a.exec_driver_sql(query).all() == b.exec_driver_sql(query).all(), table
    assert isinstance(v1.AT[0], datetime)


def test_a_version_3_workspace_with_users_gets_e_mails(workspace_url):
    """Version 3 -> 4 on SQLite and PostgreSQL: the users, hashes and brands stay; e-mails start empty, unique."""
    from rlff.io.workspace import migrations
    from rlff.io.workspace.users import authenticate, set_email, user_for_sso, users

    if workspace_url.startswith("sqlite"):
        Path(workspace_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(workspace_url)
    with engine.begin() as conn:
        assert migrations.migrate(conn, target=3) == (None, 3)
        conn.execute(
            sa.text("INSERT INTO users (name, role, password_hash, created_at) VALUES (:n, :r, :h, :at)"),
            [
                {"n": "vic", "r": "viewer", "h": _hash("viewer-pass"), "at": datetime(2026, 1, 2)},
                {"n": "ada", "r": "admin", "h": _hash("admin-pass"), "at": datetime(2026, 1, 2)},
            ],
        )
        conn.execute(sa.text("INSERT INTO user_brands (user_name, brand) VALUES ('vic', 'acme')"))
        assert "email" not in {c["name"] for c in sa.inspect(conn).get_columns("users")}
    engine.dispose()
    ws = open_workspace(workspace_url)
    try:
        assert (ws.migrated_from, ws.version) == (3, SCHEMA_VERSION) == (3, 4)
        assert [(u.name, u.role, sorted(u.brands), u.email) for u in users(ws)] == [
            ("ada", "admin", [], None),
            ("vic", "viewer", ["acme"], None),
        ]
        assert authenticate(ws, "vic", "viewer-pass") is not None  # the old hash still logs in
        set_email(ws, "vic", "Vic@Example.com")
        set_email(ws, "ada", None)
        assert user_for_sso(ws, "VIC@example.com", True).name == "vic"
        with pytest.raises(sa.exc.IntegrityError), ws._writing() as conn:  # the new unique index
            conn.exec_driver_sql("UPDATE users SET email = 'vic@example.com' WHERE name = 'ada'")
    finally:
        ws.close()


def _hash(password: str) -> str:
    from rlff.io.workspace.users import hash_password

    return hash_password(password)
