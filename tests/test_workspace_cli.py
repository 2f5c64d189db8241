"""The command line over the workspace and over --out folders, in-process and as real processes.

Real processes for what only they show: an import killed with SIGKILL half-way, two imports
at once, a read-only workspace, a full disk (a small tmpfs, when the tests run as root).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from export_samples import french_inbox, x_overview, x_posts

from rlff.cli import main
from rlff.io.imports import import_files
from rlff.io.tables import read_tables
from rlff.io.workspace import open_workspace
from rlff.schema import TABLE_NAMES

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from bench_import import x_export  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _write(folder: Path, sample) -> Path:
    path = folder / sample[0]
    path.write_bytes(sample[1])
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exited:  # argparse's own refusals
        code = exited.code
    out, err = capsys.readouterr()
    return code, out, err


# -- --out DIR: the folder keeps what it holds ---------------------------------------------


def test_a_second_import_into_the_same_folder_adds_instead_of_replacing(tmp_path, capsys):
    tweets, inbox = _write(tmp_path, x_posts()), _write(tmp_path, french_inbox())
    out = tmp_path / "mydata"
    assert _run(capsys, "import", str(tweets), "--out", str(out))[0] == 0
    code, text, _ = _run(capsys, "import", str(inbox), "--out", str(out))
    assert code == 0 and "merging with the tables already in" in text
    tables = read_tables(out)
    expected = import_files([(tweets.name, tweets.read_bytes()), (inbox.name, inbox.read_bytes())]).tables
    assert len(tables.posts) == len(x_posts()[2]) == 40  # the issue: it went to none
    assert len(tables.inbox) == len(french_inbox()[2])
    for name in TABLE_NAMES:
        assert len(tables.table(name)) == len(expected.table(name)), name
    # The same export again changes nothing: a post counts once.
    assert _run(capsys, "import", str(tweets), "--out", str(out))[0] == 0
    assert len(read_tables(out).posts) == 40
    assert read_tables(out).engagements["count"].sum() == expected.engagements["count"].sum()


def test_replace_starts_the_folder_over_and_says_so(tmp_path, capsys):
    tweets, inbox = _write(tmp_path, x_posts()), _write(tmp_path, french_inbox())
    out = tmp_path / "mydata"
    _run(capsys, "import", str(tweets), "--out", str(out))
    code, text, _ = _run(capsys, "import", str(inbox), "--out", str(out), "--replace")
    assert code == 0 and "--replace" in text
    tables = read_tables(out)
    assert tables.posts.empty and len(tables.inbox) == 24


def test_a_folder_written_by_generate_is_merged_too(tmp_path, capsys):
    out = tmp_path / "sample"
    assert _run(capsys, "generate", "--out", str(out))[0] == 0
    before = read_tables(out)
    overview = _write(tmp_path, x_overview())
    assert _run(capsys, "import", str(overview), "--out", str(out))[0] == 0
    after = read_tables(out)
    assert len(after.posts) == len(before.posts)
    assert len(after.inbox) == len(before.inbox)
    assert after.engagements["count"].sum() > before.engagements["count"].sum()


def test_a_bad_file_leaves_the_folder_as_it_was(tmp_path, capsys):
    tweets = _write(tmp_path, x_posts())
    out = tmp_path / "mydata"
    _run(capsys, "import", str(tweets), "--out", str(out))
    snapshot = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "notes.csv"
    bad.write_text("name,email\nBob,bob@example.com\n")
    code, _, err = _run(capsys, "import", str(bad), "--out", str(out))
    assert code == 2 and err.startswith("error: notes.csv") and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == snapshot


# -- the workspace commands ------------------------------------------------------------------


@pytest.fixture
def ws_env(workspace_url, monkeypatch):
    monkeypatch.setenv("RLFF_DATABASE_URL", workspace_url)
    monkeypatch.setenv("RLFF_LANG", "en")
    return workspace_url


def test_import_history_undo_through_the_command_line(ws_env, tmp_path, capsys):
    tweets, inbox = _write(tmp_path, x_posts()), _write(tmp_path, french_inbox())
    code, out, _ = _run(capsys, "import", str(tweets), "--brand", "acme")
    assert code == 0 and "import #1 into brand acme" in out and "40 posts" in out
    assert _run(capsys, "import", str(inbox), str(tweets), "--brand", "acme")[0] == 0
    code, out, _ = _run(capsys, "history", "--json")
    history = json.loads(out)
    assert [h["id"] for h in history] == [2, 1]
    assert set(history[0]) >= {"id", "at", "brand", "files", "rows"}
    assert {"name", "kind", "sha256"} <= set(history[0]["files"][0])
    assert history[0]["rows"] == {"inbox": 24}
    assert history[0]["files"][1]["same_as"] == 1
    # Import 1 holds the tweets import 2 relied on: refused, one line, exit 2.
    code, _, err = _run(capsys, "undo", "1")
    assert code == 2 and err.startswith("error: import 1 cannot be undone") and err.count("\n") == 1
    code, out, _ = _run(capsys, "undo", "last")
    assert code == 0 and "undid import #2" in out
    code, _, err = _run(capsys, "undo", "nine")
    assert code == 2 and "not an import number" in err
    assert [h["id"] for h in json.loads(_run(capsys, "history", "--json", "--brand", "acme")[1])] == [1]


def test_report_on_a_brand_equals_report_on_the_same_files_in_a_folder(ws_env, tmp_path, capsys):
    files = [_write(tmp_path, x_posts()), _write(tmp_path, x_overview()), _write(tmp_path, french_inbox())]
    for path in files:
        _run(capsys, "import", str(path), "--brand", "acme")
    _run(capsys, "import", *map(str, files), "--out", str(tmp_path / "folder"))
    from_brand = json.loads(_run(capsys, "report", "--brand", "acme", "--json")[1])
    from_folder = json.loads(_run(capsys, "report", "--data", str(tmp_path / "folder"), "--json")[1])
    from_brand.pop("brand", None), from_folder.pop("brand", None)
    assert from_brand == from_folder
    code, _, err = _run(capsys, "report", "--brand", "ghost")
    assert code == 2 and err.startswith("error: the workspace has no brand 'ghost'")


def test_brand_settings_from_the_command_line(ws_env, tmp_path, capsys):
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    code, out, _ = _run(
        capsys, "brand", "acme", "--display-name", "ACME Corp", "--logo", str(logo), "--deck-lang", "fr"
    )
    assert code == 0 and "ACME Corp" in out
    _run(capsys, "brand", "acme", "--cm-name", "Norma")  # the other settings stay
    ws = open_workspace(ws_env)
    settings = ws.brand_settings("acme")
    ws.close()
    assert (settings.display_name, settings.cm_name, settings.logo, settings.deck_lang) == (
        "ACME Corp",
        "Norma",
        PNG,
        "fr",
    )
    listed = json.loads(_run(capsys, "brands", "--json")[1])
    assert listed == [
        {"name": "acme", "display_name": "ACME Corp", "cm_name": "Norma", "logo_bytes": len(PNG), "deck_lang": "fr"}
    ]
    gif = tmp_path / "logo.gif"
    gif.write_bytes(b"GIF89a" + b"\x00" * 10)
    for argv, needle in (
        (["brand", "acme", "--logo", str(gif)], "not a PNG or JPEG"),
        (["brand", "acme", "--logo", str(tmp_path / "none.png")], "no such logo file"),
        (["brand", "acme", "--deck-lang", "de"], "invalid choice"),
    ):
        code, _, err = _run(capsys, *argv)
        assert code == 2 and err.startswith("error: ") and needle in err and err.count("\n") == 1, argv


def test_messages_in_french(ws_env, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RLFF_LANG", "fr")
    code, _, err = _run(capsys, "undo", "7")
    assert (
        code == 2 and err == "error: il n’y a pas d’import 7 dans l’espace de travail\u202f; `rlff history` les liste\n"
    )


def test_a_bad_database_url_is_one_error_line(capsys):
    code, _, err = _run(capsys, "--database-url", "mysql://x@y/z", "brands")
    assert code == 2 and err.startswith("error: the workspace URL mysql://x@y/z is not") and err.count("\n") == 1


# -- real processes ---------------------------------------------------------------------------


def _rlff(url: str, *argv: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "RLFF_DATABASE_URL": url, "RLFF_LANG": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "rlff.cli", *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs
    )


def _state(url: str, brand: str = "acme") -> tuple[list, dict[str, pd.DataFrame]]:
    ws = open_workspace(url)
    try:
        return [r.to_json() for r in ws.history()], {n: ws.tables(brand).table(n) for n in TABLE_NAMES}
    finally:
        ws.close()


def _same_state(a, b) -> None:
    assert a[0] == b[0]
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(a[1][name], b[1][name], obj=name)


def _writing_started(url: str, proc: subprocess.Popen) -> bool:
    if url.startswith("sqlite"):
        wal = Path(url.removeprefix("sqlite:///") + "-wal")
        return wal.exists() and wal.stat().st_size > 1_000_000
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            busy = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                "AND (query LIKE 'COPY \"rows_%%' OR query LIKE 'COPY rows_%%' OR query LIKE 'INSERT INTO rows_%%')"
            ).scalar_one()
    finally:
        engine.dispose()
    return bool(busy)


@pytest.mark.slow
def test_an_import_killed_half_way_leaves_the_workspace_exactly_as_before(workspace_url, tmp_path):
    small = _write(tmp_path, x_posts())
    assert _rlff(workspace_url, "import", str(small), "--brand", "acme").wait(120) == 0
    before = _state(workspace_url)
    big = tmp_path / "account_analytics_content_big.csv"
    big.write_bytes(x_export(100_000))
    proc = _rlff(workspace_url, "import", str(big), "--brand", "acme")
    deadline = time.monotonic() + 300
    while not _writing_started(workspace_url, proc):
        assert proc.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL
    _same_state(_state(workspace_url), before)


@pytest.mark.slow
def test_two_imports_at_once_both_land(workspace_url, tmp_path):
    tweets, inbox = _write(tmp_path, x_posts()), _write(tmp_path, french_inbox())
    procs = [_rlff(workspace_url, "import", str(path), "--brand", "acme") for path in (tweets, inbox)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()
    history, tables = _state(workspace_url)
    assert len(history) == 2
    both = import_files([(p.name, p.read_bytes()) for p in (tweets, inbox)]).tables
    assert len(tables["posts"]) == len(both.posts) and len(tables["inbox"]) == len(both.inbox)


def _root() -> bool:
    return os.geteuid() == 0


@pytest.fixture
def small_mount(tmp_path):
    """A 4 MB tmpfs (root only): a disk that fills up, and that can turn read-only."""
    if not _root():
        pytest.skip("mounting a small tmpfs needs root")
    point = tmp_path / "mnt"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.slow
def test_a_full_disk_is_one_error_line_and_the_data_stays(small_mount, tmp_path):
    url = f"sqlite:///{small_mount / 'ws' / 'workspace.sqlite'}"
    small = _write(tmp_path, x_posts())
    assert _rlff(url, "import", str(small), "--brand", "acme").wait(120) == 0
    before = _state(url)
    big = tmp_path / "account_analytics_content_big.csv"
    big.write_bytes(x_export(60_000))
    proc = _rlff(url, "import", str(big), "--brand", "acme")
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 2
    message = err.decode()
    assert message.startswith("error: the disk holding the workspace") and message.count("\n") == 1, message
    _same_state(_state(url), before)


@pytest.mark.slow
def test_a_read_only_workspace_is_one_error_line_and_the_data_stays(small_mount, tmp_path):
    url = f"sqlite:///{small_mount / 'ws' / 'workspace.sqlite'}"
    small = _write(tmp_path, x_posts())
    assert _rlff(url, "import", str(small), "--brand", "acme").wait(120) == 0
    before = _state(url)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    proc = _rlff(url, "import", str(_write(tmp_path, french_inbox())), "--brand", "acme")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    message = err.decode()
    assert message.startswith("error: ") and "read-only" in message and message.count("\n") == 1, message
    subprocess.run(["mount", "-o", "remount,rw", str(small_mount)], check=True)
    _same_state(_state(url), before)
