"""Issue 12, items 6 to 8: every input validated alike, nothing silently wrong, names made safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from rlff.cli import main
from rlff.io.names import safe_name
from rlff.io.tables import read_tables, write_tables
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from tests.export_samples import x_posts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "good"
    write_tables(simulate(DEFAULT, 0), folder)
    return folder


def _edited(good: Path, tmp_path: Path, table: str, edit) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for f in good.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    frame = pd.read_csv(folder / f"{table}.csv", keep_default_na=False)
    edit(frame)
    frame.to_csv(folder / f"{table}.csv", index=False)
    return folder


def _response_before_message(frame: pd.DataFrame) -> None:
    answered = frame.index[frame["first_response_at"] != ""][0]
    frame.loc[answered, "first_response_at"] = "2001-01-01T00:00:00"


def _negative_engagements(frame: pd.DataFrame) -> None:
    frame.loc[:9, "count"] = -877


def _negative_followers(frame: pd.DataFrame) -> None:
    frame.loc[3, "followers"] = -5_000_000


@pytest.mark.parametrize(
    ("table", "edit", "expected"),
    [
        ("inbox", _response_before_message, "is earlier than the message it answers"),
        ("engagements", _negative_engagements, "'-877' is negative"),
        ("followers", _negative_followers, "'-5000000' is negative"),
    ],
)
def test_a_data_folder_breaking_a_rule_is_refused_like_an_upload(good, tmp_path, capsys, table, edit, expected):
    folder = _edited(good, tmp_path, table, edit)
    with pytest.raises(ValueError, match=expected):
        read_tables(folder)
    assert main(["report", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --data") and expected in err and f"{table}.csv" in err
    assert err.count("\n") == 1


def test_the_good_folder_still_reads(good) -> None:
    tables = read_tables(good)
    assert len(tables.engagements) == len(simulate(DEFAULT, 0).engagements)


def test_names_are_shown_on_one_line_without_escapes() -> None:
    name = "evil\n\x1b[2J\x1b]0;title\x07posts\r.csv"
    shown = safe_name(name)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("evil?") and shown.endswith("posts?.csv")
    assert len(safe_name("x" * 500, 40)) == 40


def test_a_file_name_with_escapes_reaches_the_terminal_clean(tmp_path, capsys) -> None:
    bad = tmp_path / "x\x1b[31mred\nline.csv"
    bad.write_bytes(b"hello,world\n1,2\n")
    assert main(["import", str(bad), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert all(line.startswith("error: ") for line in err.splitlines())


def test_an_ascii_terminal_does_not_turn_success_into_failure(tmp_path) -> None:
    name, data, _ = x_posts(20)
    export = tmp_path / name
    export.write_bytes(data)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "rlff.cli", "import", str(export), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert b"\\u2014" in run.stdout  # the em dash, escaped
    assert (out / "posts.csv").is_file()


def _inbox_csv(rows: list[tuple[str, str, str]]) -> str:
    return "received_at,kind,first_response_at,text\n" + "".join(f"{a},{k},{b},{t}\n" for a, k, b, t in rows)


def test_a_file_mixing_utf8_and_cp1252_reads_both_right_and_says_so() -> None:
    from rlff.io.imports import read_file

    head = _inbox_csv([("2026-01-05 10:00", "complaint", "2026-01-05 11:00", "Colis abîmé et très déçu")])
    tail = "2026-01-06 10:00,question,,Où est ma commande ? Référence été\n"
    data = head.encode("utf-8") + tail.encode("cp1252")
    result = read_file(data, "inbox.csv")
    texts = list(result.tables["inbox"]["text"])
    assert texts == ["Colis abîmé et très déçu", "Où est ma commande ? Référence été"]
    assert any("mixes two text encodings" in w and "line(s): 3" in w for w in result.warnings)


def test_times_with_and_without_offsets_are_named_in_a_warning() -> None:
    from rlff.io.imports import read_file

    data = _inbox_csv(
        [
            ("2026-01-05T10:00:00+01:00", "complaint", "2026-01-05T11:00:00+01:00", "a"),
            ("2026-01-05 10:00", "complaint", "2026-01-05 11:00", "b"),
        ]
    ).encode()
    result = read_file(data, "inbox.csv")
    received = result.tables["inbox"]["received_at"]
    assert list(received) == [pd.Timestamp("2026-01-05 09:00"), pd.Timestamp("2026-01-05 10:00")]  # offset applied
    assert any("mix times with a UTC offset" in w and "received_at" in w for w in result.warnings)


def test_times_all_with_offsets_give_no_warning() -> None:
    from rlff.io.imports import read_file

    data = _inbox_csv([("2026-01-05T10:00:00+01:00", "complaint", "", "a")]).encode()
    assert not any("UTC offset" in w for w in read_file(data, "inbox.csv").warnings)
