"""``rlff import FILE... --out DIR``: tables written, or exit 2 with ``error:`` lines and no traceback."""

from __future__ import annotations

import io

import export_samples as S

from rlff.io.imports import import_files_command
from rlff.io.tables import read_tables


def run(paths, out):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = import_files_command([str(p) for p in paths], str(out), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def write(tmp_path, sample):
    name, data = sample[:2]
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_writes_rlff_tables_that_read_back(tmp_path):
    paths = [write(tmp_path, S.x_posts()), write(tmp_path, S.french_inbox()), write(tmp_path, S.costs_csv())]
    code, out, err = run(paths, tmp_path / "out")
    assert code == 0, err
    assert "imported 3 file(s)" in out
    tables = read_tables(tmp_path / "out")
    assert len(tables.posts) == 40 and len(tables.inbox) == 24 and len(tables.costs) == 4
    assert tables.meta.source == "import" and tables.meta.brand == "@acme"


def test_a_bad_file_exits_2_and_writes_nothing(tmp_path):
    good = write(tmp_path, S.x_posts())
    bad = tmp_path / "notes.csv"
    bad.write_text("name,email\nBob,bob@example.com\n")
    code, out, err = run([good, bad], tmp_path / "out")
    assert code == 2
    assert err.startswith("error: notes.csv: RLFF does not recognise this file")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_missing_file_exits_2(tmp_path):
    code, _, err = run([tmp_path / "nope.csv"], tmp_path / "out")
    assert code == 2 and "no such file" in err


def test_an_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    import rlff.io.imports.decode as decode

    monkeypatch.setattr(decode, "MAX_UPLOAD_MB", 0)
    code, _, err = run([write(tmp_path, S.costs_csv())], tmp_path / "out")
    assert code == 2 and "more than the 0 MB" in err


def test_warnings_go_to_stderr_and_the_command_still_succeeds(tmp_path):
    code, _, err = run([write(tmp_path, S.x_overview(unfollows=False, sep=","))], tmp_path / "out")
    assert code == 0
    assert "warning:" in err and "Unfollows" in err


def test_the_cli_wires_the_command(tmp_path, capsys):
    from rlff.cli import main

    path = write(tmp_path, S.facebook_posts())
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    assert main(["import", str(bad), "--out", str(tmp_path / "out2")]) == 2
    assert "error: empty.csv: the file is empty" in capsys.readouterr().err
