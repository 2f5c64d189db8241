"""Users of a shared workspace: argon2 hashes only, roles, the brands each sees, the CLI's rights, the login throttle."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from rlff.cli import main
from rlff.io.workspace import WorkspaceError, open_workspace
from rlff.io.workspace.throttle import LoginThrottle, idle_expired, throttle_keys
from rlff.io.workspace.users import (
    OWNER,
    User,
    UserWorkspace,
    add_user,
    authenticate,
    can,
    has_users,
    remove_user,
    set_password,
    users,
)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
PASSWORD = "Plain-Secret-4711"


def _posts() -> list[tuple[str, bytes]]:
    return [("posts.csv", (SAMPLE / "posts.csv").read_bytes())]


# -- hashing ---------------------------------------------------------------------------------


def test_a_password_is_stored_as_an_argon2_hash_and_checked(workspace):
    assert not has_users(workspace)
    add_user(workspace, "norma", PASSWORD, "editor", ["acme"])
    assert has_users(workspace)
    with workspace._engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE name = 'norma'")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(workspace, "norma", PASSWORD) == User("norma", "editor", frozenset({"acme"}))
    assert authenticate(workspace, "norma", PASSWORD + "x") is None
    assert authenticate(workspace, "nobody", PASSWORD) is None
    set_password(workspace, "norma", "another-password")
    assert authenticate(workspace, "norma", PASSWORD) is None
    assert authenticate(workspace, "norma", "another-password") is not None
    remove_user(workspace, "norma")
    assert not has_users(workspace) and users(workspace) == []


def test_bad_users_are_refused_and_nothing_is_stored(workspace):
    for call, key in [
        (lambda: add_user(workspace, "a", "short", "viewer", ["acme"]), "users.error.short_password"),
        (lambda: add_user(workspace, "a", PASSWORD, "boss", ["acme"]), "users.error.bad_role"),
        (lambda: add_user(workspace, "a", PASSWORD, "viewer", []), "users.error.no_brands"),
        (lambda: add_user(workspace, " ", PASSWORD, "admin"), "users.error.bad_name"),
        (lambda: remove_user(workspace, "ghost"), "users.error.no_user"),
        (lambda: set_password(workspace, "ghost", PASSWORD), "users.error.no_user"),
    ]:
        with pytest.raises(WorkspaceError) as err:
            call()
        assert err.value.key == key
    assert users(workspace) == []
    add_user(workspace, "a", PASSWORD, "admin")
    with pytest.raises(WorkspaceError, match="already a user"):
        add_user(workspace, "a", "other-password", "viewer", ["x"])
    assert authenticate(workspace, "a", PASSWORD).role == "admin"  # the first one is untouched


def test_the_sqlite_file_never_holds_the_password(tmp_path):
    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    with open_workspace(url) as ws:
        add_user(ws, "norma", PASSWORD, "viewer", ["acme"])
        set_password(ws, "norma", PASSWORD + "-2")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("ws.sqlite")]
    everything = b"".join(p.read_bytes() for p in files)
    assert b"norma" in everything and b"$argon2id$" in everything  # the right file, with the user in it
    assert PASSWORD.encode() not in everything


def test_rlff_users_add_on_postgresql_stores_no_plaintext(postgres_server, monkeypatch, capsys):
    url = postgres_server.create_database("users_cli")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(["users", "add", "boss", "--role", "viewer", "--brand", "acme", "--password-stdin", "--database-url", url])
        == 0
    )
    assert "boss" in capsys.readouterr().out
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        rows = (
            conn.execute(sa.text("SELECT * FROM users")).all()
            + conn.execute(sa.text("SELECT * FROM user_brands")).all()
        )
    engine.dispose()
    assert "boss" in repr(rows) and PASSWORD not in repr(rows)


# -- roles -----------------------------------------------------------------------------------


def test_what_each_role_may_do():
    viewer = User("v", "viewer", frozenset({"acme"}))
    editor = User("e", "editor", frozenset({"acme"}))
    admin = User("a", "admin")
    expected = {  # (user, action, brand) -> allowed
        (viewer, "view", "acme"): True,
        (viewer, "import", "acme"): False,
        (viewer, "undo", "acme"): False,
        (viewer, "view", "beta"): False,
        (viewer, "manage", None): False,
        (editor, "view", "acme"): True,
        (editor, "import", "acme"): True,
        (editor, "undo", "acme"): True,
        (editor, "import", "beta"): False,
        (editor, "view", "beta"): False,
        (editor, "manage", None): False,
        (admin, "view", "beta"): True,
        (admin, "undo", "beta"): True,
        (admin, "manage", None): True,
        (OWNER, "import", "anything"): True,
    }
    for (user, action, brand), allowed in expected.items():
        assert can(user, action, brand) is allowed, (user.role, action, brand)
    assert not can(None, "view", "acme")
    with pytest.raises(ValueError):
        can(admin, "fly", None)


def test_a_user_workspace_hides_other_brands_and_checks_every_change(workspace):
    first = workspace.import_files(_posts(), brand="acme")
    other = workspace.import_files(_posts(), brand="beta")
    viewer = UserWorkspace(workspace, User("v", "viewer", frozenset({"acme"})))
    editor = UserWorkspace(workspace, User("e", "editor", frozenset({"acme"})))
    assert [b.name for b in viewer.brands()] == ["acme"]
    assert [r.id for r in viewer.history()] == [first.id]
    assert viewer.brand_settings("beta") is None
    # A hidden brand reads exactly like one that does not exist.
    with pytest.raises(WorkspaceError) as hidden:
        viewer.tables("beta")
    with pytest.raises(WorkspaceError) as missing:
        workspace.tables("gamma")
    assert str(hidden.value).replace("beta", "X") == str(missing.value).replace("gamma", "X")
    with pytest.raises(WorkspaceError, match="may not undo"):
        viewer.undo(first.id)
    with pytest.raises(WorkspaceError, match="may not import"):
        viewer.import_files(_posts(), brand="acme")
    with pytest.raises(WorkspaceError, match=f"no import {other.id}"):
        editor.undo(other.id)
    with pytest.raises(WorkspaceError, match="no brand 'beta'"):
        editor.import_files(_posts(), brand="beta")
    with pytest.raises(WorkspaceError, match="--brand"):
        editor.import_files(_posts(), brand=None)
    assert len(workspace.history()) == 2  # nothing refused changed anything
    editor.undo(first.id)
    assert [r.id for r in workspace.history()] == [other.id]


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A SQLite workspace with brands acme and beta, a viewer and an editor of acme."""
    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    monkeypatch.setenv("RLFF_DATABASE_URL", url)
    monkeypatch.delenv("RLFF_USER", raising=False)
    with open_workspace(url) as ws:
        ws.import_files(_posts(), brand="acme")
        ws.import_files(_posts(), brand="beta")
        add_user(ws, "vic", "viewer-pass", "viewer", ["acme"])
        add_user(ws, "ed", "editor-pass", "editor", ["acme"])
    return url


def _as(monkeypatch, name: str, password: str) -> None:
    monkeypatch.setenv("RLFF_USER", name)
    monkeypatch.setenv("RLFF_PASSWORD", password)


def test_the_command_line_follows_the_users_rights(shared, monkeypatch, capsys):
    _as(monkeypatch, "vic", "viewer-pass")
    assert main(["history", "--json"]) == 0
    assert {r["brand"] for r in __import__("json").loads(capsys.readouterr().out)} == {"acme"}
    assert main(["report", "--brand", "beta"]) == 2
    assert "no brand 'beta'" in capsys.readouterr().err
    assert main(["undo", "1"]) == 2
    assert "may not undo" in capsys.readouterr().err
    assert main(["users", "list"]) == 2
    assert "only an admin" in capsys.readouterr().err
    _as(monkeypatch, "vic", "wrong")
    assert main(["brands"]) == 2
    assert capsys.readouterr().err.startswith("error: wrong user name or password")
    _as(monkeypatch, "ed", "editor-pass")
    assert main(["import", str(SAMPLE / "inbox.csv"), "--brand", "beta"]) == 2
    assert main(["import", str(SAMPLE / "inbox.csv"), "--brand", "acme"]) == 0
    assert main(["undo", "last"]) == 0  # the latest import ed may see: the one just made
    assert "acme" in capsys.readouterr().out
    monkeypatch.delenv("RLFF_USER")
    assert main(["users", "list"]) == 0  # the owner of the SQLite file is admin
    assert "vic  viewer  acme" in capsys.readouterr().out


def test_rlff_users_never_takes_a_password_option_and_checks_the_second_typing(shared, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["users", "add", "x", "--role", "admin", "--password", PASSWORD])
    assert exit_.value.code == 2
    typed = iter([PASSWORD, PASSWORD + "typo"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["users", "add", "x", "--role", "admin"]) == 2
    assert "differ" in capsys.readouterr().err
    typed = iter([PASSWORD, PASSWORD])
    assert main(["users", "add", "x", "--role", "admin"]) == 0
    assert main(["users", "remove", "x"]) == 0


def test_a_server_workspace_with_users_asks_for_a_login(postgres_server, monkeypatch, capsys):
    url = postgres_server.create_database("users_login")
    monkeypatch.delenv("RLFF_USER", raising=False)
    assert main(["brands", "--database-url", url]) == 0  # no users yet: open as before
    with open_workspace(url) as ws:
        add_user(ws, "root", PASSWORD, "admin")
    assert main(["brands", "--database-url", url]) == 2
    assert "RLFF_USER" in capsys.readouterr().err
    _as(monkeypatch, "root", PASSWORD)
    assert main(["users", "list", "--database-url", url]) == 0


# -- the login throttle and idle sessions (fake clock) ---------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failed_logins_back_off_exponentially_per_name_and_per_address():
    clock = FakeClock()
    throttle = LoginThrottle(clock, free=3, base=2.0, cap=60.0, forget=3600.0)
    keys = throttle_keys("Norma", "10.0.0.1")
    for _ in range(3):
        assert throttle.wait(keys) == 0
        throttle.failed(keys)
    assert throttle.wait(keys) == 0  # three free failures
    waits = []
    for n in range(4, 10):
        throttle.failed(keys)
        waits.append(throttle.wait(keys))
        assert waits[-1] == min(60.0, 2.0 * 2 ** (n - 3 - 1))
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0]
    # The same address under another name waits too; the same name from another address too.
    assert throttle.wait(throttle_keys("someone", "10.0.0.1")) == 60.0
    assert throttle.wait(throttle_keys("norma ", "10.9.9.9")) == 60.0
    assert throttle.wait(throttle_keys("someone", "10.9.9.9")) == 0
    clock.now += 59.5
    assert throttle.wait(keys) == pytest.approx(0.5)
    clock.now += 0.5
    assert throttle.wait(keys) == 0
    throttle.succeeded(keys[:1])
    assert throttle.wait(keys[:1]) == 0 and throttle.wait(keys[1:]) == 0  # waited out; count kept for the address
    throttle.failed(keys[1:])
    assert throttle.wait(keys[1:]) == 60.0
    clock.now += 3600
    assert throttle.wait(keys) == 0  # forgotten after an hour


def test_a_session_expires_after_the_idle_time():
    assert not idle_expired(last_seen=0.0, now=8 * 3600 - 1, idle_seconds=8 * 3600)
    assert idle_expired(last_seen=0.0, now=8 * 3600, idle_seconds=8 * 3600)


def test_rlff_users_sets_lists_and_removes_e_mails(shared, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    argv = [
        "users",
        "add",
        "boss",
        "--role",
        "viewer",
        "--brand",
        "acme",
        "--password-stdin",
        "--email",
        "Boss@Example.com",
    ]
    assert main(argv) == 0
    assert "boss logs in by single sign-on as boss@example.com" in capsys.readouterr().out
    assert main(["users", "email", "vic", "VIC@example.com"]) == 0
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "boss  viewer  acme  boss@example.com" in out and "vic  viewer  acme  vic@example.com" in out
    assert "ed  editor  acme\n" in out  # no e-mail: the line as before
    assert main(["users", "list", "--json"]) == 0
    listed = {u["name"]: u["email"] for u in __import__("json").loads(capsys.readouterr().out)}
    assert listed == {"boss": "boss@example.com", "ed": None, "vic": "vic@example.com"}
    # One e-mail, one user; a malformed address; neither or both of ADDR and --remove: one error line each.
    for argv, words in [
        (["users", "email", "ed", "boss@EXAMPLE.com"], "already has the e-mail boss@example.com"),
        (["users", "email", "ed", "not-an-address"], "is not an e-mail address"),
        (["users", "email", "ed"], "either an e-mail"),
        (["users", "email", "ed", "ed@example.com", "--remove"], "either an e-mail"),
        (["users", "email", "nobody", "n@example.com"], "no user 'nobody'"),
    ]:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    # A bad --email is refused before the password is asked for.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked for a password"))
    assert main(["users", "add", "x", "--role", "admin", "--email", "x@"]) == 2
    assert "is not an e-mail address" in capsys.readouterr().err
    assert main(["users", "email", "vic", "--remove"]) == 0
    assert "vic has no e-mail" in capsys.readouterr().out
    with open_workspace(shared) as ws:
        assert [u.email for u in users(ws) if u.name == "vic"] == [None]
