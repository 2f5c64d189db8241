"""Issue 12, item 1: a failed, killed or concurrent write never leaves a mixed dataset folder."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rlff.cli import main
from rlff.io.atomic import FolderRefused, atomic_folder, recover_folder
from rlff.io.tables import read_tables, write_tables
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
from tests.export_samples import x_posts

ROOT = Path(__file__).resolve().parents[1]
needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tmpfs needs root")


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every visible file of a folder."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A 4 MB tmpfs mounted for the test, unmounted after."""
    mount = tmp_path / "small_disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@needs_root
def test_disk_full_import_leaves_the_earlier_folder_whole(tmpfs: Path, tmp_path: Path, capsys) -> None:
    out = tmpfs / "data"
    assert main(["generate", "--out", str(out)]) == 0
    before = digests(out)
    assert len(before) == 13
    name, data, _ = x_posts(6000)
    export = tmp_path / name
    export.write_bytes(data)
    capsys.readouterr()

    code = main(["import", str(export), "--out", str(out)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: cannot write to") and "space" in err.lower()
    assert digests(out) == before  # every table as it was: none new, none old
    assert [p.name for p in tmpfs.iterdir()] == ["data"]  # no temporary folder, no lock left


@needs_root
def test_disk_full_png_export_leaves_no_partial_folder(tmpfs: Path, monkeypatch) -> None:
    from rlff.export import images

    # 20 rendered images of 300 KB: the 4 MB disk fills after ~13 of them
    monkeypatch.setattr(images, "export_images", lambda charts, fmt, **_: {c: os.urandom(300 * 1024) for c in charts})
    out = tmpfs / "charts"
    with pytest.raises(OSError):
        images.save_images([f"chart{i}" for i in range(20)], "png", out)
    assert not out.exists()
    assert list(tmpfs.iterdir()) == []


def test_a_table_replaced_by_a_folder_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_tables(simulate(DEFAULT, 1), out)
    (out / "engagements.csv").unlink()
    (out / "engagements.csv").mkdir()
    (out / "engagements.csv" / "keep.txt").write_text("mine")
    before = digests(out)

    with pytest.raises(FolderRefused, match=r"engagements\.csv is a folder"):
        write_tables(simulate(DEFAULT, 2), out)

    assert digests(out) == before
    assert (out / "engagements.csv" / "keep.txt").read_text() == "mine"


def test_files_rlff_did_not_write_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_tables(simulate(DEFAULT, 1), out)
    (out / "notes.txt").write_text("my notes")
    (out / "old").mkdir()
    (out / "old" / "a.csv").write_text("x")
    write_tables(simulate(DEFAULT, 2), out)
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "old" / "a.csv").read_text() == "x"


@pytest.mark.parametrize("bad", ["", "   "])
def test_an_empty_out_is_refused(bad: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--out", bad]) == 2
    assert "folder name is empty" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_or_device_is_not_a_folder(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/zero")):
        assert main(["generate", "--out", str(target)]) == 2
        assert "not a folder" in capsys.readouterr().err


def test_the_current_folder_is_refused(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--out", "."]) == 2
    assert "current folder" in capsys.readouterr().err


def test_a_crash_between_the_two_renames_is_repaired(tmp_path: Path) -> None:
    out = tmp_path / "data"
    write_tables(simulate(DEFAULT, 1), out)
    old = digests(out)
    # what a kill right after "DIR -> .DIR.old-x" leaves: the old folder and the complete new one
    write_tables(simulate(DEFAULT, 2), tmp_path / "staged")
    new = digests(tmp_path / "staged")
    (tmp_path / "staged").rename(tmp_path / ".data.new-abc")
    out.rename(tmp_path / ".data.old-abc")
    read_tables(out)  # a reader repairs it
    assert digests(out) == new
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["data"]
    # and a kill before the new folder was complete rolls back
    out.rename(tmp_path / ".data.old-def")
    (tmp_path / ".data.tmp-def").mkdir()
    recover_folder(out)
    assert digests(out) == new != old


def test_an_error_inside_the_block_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    (out / "a.txt").write_text("a")
    with pytest.raises(RuntimeError), atomic_folder(out) as staging:
        (staging / "a.txt").write_text("b")
        raise RuntimeError
    assert (out / "a.txt").read_text() == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


# A writer in another process: simulates seed N with its engagements repeated, prints the
# SHA-256 of every file it is about to write, then writes them with write_tables.
WRITER = """
import hashlib, json, sys
import pandas as pd
from rlff.io.tables import table_to_csv_bytes, meta_to_json_bytes, data_dictionary_markdown, write_tables
from rlff.schema import TABLE_NAMES
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate
seed, repeat, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
t = simulate(DEFAULT, seed)
t = t.replace(engagements=pd.concat([t.engagements] * repeat, ignore_index=True))
sums = {f"{n}.csv": hashlib.sha256(table_to_csv_bytes(n, t.table(n))).hexdigest() for n in TABLE_NAMES}
sums["meta.json"] = hashlib.sha256(meta_to_json_bytes(t.meta)).hexdigest()
sums["DATA_DICTIONARY.md"] = hashlib.sha256(data_dictionary_markdown().encode()).hexdigest()
print(json.dumps(sums), flush=True)
write_tables(t, out)
print("done", flush=True)
"""


def _writer(seed: int, repeat: int, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(seed), str(repeat), str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigkill_during_a_write_never_leaves_a_mix(tmp_path: Path) -> None:
    out = tmp_path / "data"
    first = _writer(1, 1, out)
    first.communicate(timeout=60)
    old = digests(out)
    rng = random.Random(12)
    outcomes = []
    for _ in range(5):
        proc = _writer(2, 12, out)  # ~500k engagement rows: the write takes about a second
        new = json.loads(proc.stdout.readline())
        time.sleep(rng.uniform(0.0, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        read_tables(out, validate=False)  # the next reader repairs what the kill left
        now = digests(out)
        assert now in (old, new), "a mixed folder"
        outcomes.append("new" if now == new else "old")
        assert [p.name for p in tmp_path.iterdir() if p.name != ".data.lock"] == ["data"]  # a kill leaves the lock
        assert not list(out.glob(".*"))  # no .part files left inside either
        if now == new:
            old = new
    assert "old" in outcomes  # the kills did land during writes


@pytest.mark.slow
def test_two_writers_of_one_folder_are_serialised(tmp_path: Path) -> None:
    out = tmp_path / "data"
    for _ in range(2):
        procs = [_writer(seed, 4, out) for seed in (3, 4)]
        sums = [json.loads(p.stdout.readline()) for p in procs]
        for p in procs:
            p.communicate(timeout=120)
            assert p.returncode == 0
        assert digests(out) in sums  # one writer's files, whole; never one's posts with the other's tables
