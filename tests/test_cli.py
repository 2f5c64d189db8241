"""The `rlff` command, run in-process: help, generate, report, errors."""

from __future__ import annotations

import json

import pytest

from rlff import metrics
from rlff.cli import build_parser, main
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

COMMANDS = (
    "generate",
    "report",
    "import",
    "export",
    "send",
    "dashboard",
    "history",
    "undo",
    "brand",
    "brands",
    "users",
)


def test_every_command_has_help_with_an_example(capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name in COMMANDS:
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "example" in out and f"rlff {name}" in out, name


def test_report_json_has_the_documented_keys_and_the_calibrated_deck(capsys):
    assert main(["report", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["period"] == {"start": "2026-01-01", "end": "2026-01-31"}
    assert rep["vanity"]["retweets"] == 1754 and rep["vanity"]["likes"] == 9540
    assert set(rep["vanity"]) >= {"retweets", "likes", "friends", "fans"}
    reality = rep["reality"]
    assert 0 <= reality["reply_rate"] <= 1
    assert set(reality["median_first_response_minutes"]) == {"compliment", "question", "complaint", "crisis"}
    assert reality["roi"] < 0 and 0 < reality["bought_follower_share"] < 1
    assert 0 <= rep["vanity_index"] <= 100


def test_report_equals_metrics_on_the_same_tables(capsys):
    assert main(["report", "--json", "--seed", "4"]) == 0
    rep = json.loads(capsys.readouterr().out)
    expected = json.loads(json.dumps(metrics.report(simulate(DEFAULT, 4))))
    assert rep == expected


def test_report_text_shows_the_deck_and_what_it_hides(capsys):
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "1,754" in out and "9,540" in out and "Vanity index" in out and "ROI" in out


def test_generate_then_report_on_the_folder_gives_the_same_numbers(tmp_path, capsys):
    assert main(["generate", "--seed", "3", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert (tmp_path / "posts.csv").is_file() and (tmp_path / "DATA_DICTIONARY.md").is_file()
    assert main(["report", "--json", "--data", str(tmp_path)]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert main(["report", "--json", "--seed", "3"]) == 0
    simulated = json.loads(capsys.readouterr().out)
    assert from_files["vanity"] == simulated["vanity"]
    assert from_files["reality"]["reply_rate"] == pytest.approx(simulated["reality"]["reply_rate"])
    assert from_files["reality"]["roi"] == pytest.approx(simulated["reality"]["roi"], rel=1e-6)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["report", "--seed", "abc"], "seed must be a whole number"),
        (["report", "--seed", "-1"], "seed must be between"),
        (["report", "--data", "/no/such/folder"], "no such folder"),
        (["generate", "--lang", "de"], "invalid choice"),
        (["export", "--format", "gif", "--out", "x"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        (["import", "--out", "x"], "required"),
    ],
)
def test_bad_arguments_exit_2_with_one_error_line_and_no_traceback(argv, needle, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]
    assert "Traceback" not in err


def test_report_on_a_folder_without_rlff_tables_says_what_to_do(tmp_path, capsys):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert main(["report", "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "rlff import" in err


def test_generate_into_an_unwritable_place_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["generate", "--out", str(blocker / "sub")]) == 2
    assert capsys.readouterr().err.startswith("error: cannot write")
