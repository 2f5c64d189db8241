"""The rlff command in a French terminal: it says everything in French, and makes the same data."""

from __future__ import annotations

from test_i18n_imports import ERROR_FR, _english_left, _rlff


def test_a_missing_data_folder_is_reported_in_french(tmp_path):
    run = _rlff(["report", "--data", "nowhere"], tmp_path, LANG="fr_FR.UTF-8")
    assert run.returncode == 2
    assert run.stderr.startswith(f"{ERROR_FR}--data nowhere\u202f: dossier introuvable")
    assert _english_left(run.stderr, "nowhere", "--data", "rlff generate --out", "rlff import", "--out") == set()
    english = _rlff(["report", "--data", "nowhere"], tmp_path, LANG="C.UTF-8")
    assert english.stderr.startswith("error: --data nowhere: no such folder; run `rlff generate --out nowhere`")


def test_generate_speaks_the_terminals_language_but_writes_the_same_data(tmp_path):
    french = _rlff(["generate", "--out", "fr"], tmp_path, LANG="fr_FR.UTF-8")
    english = _rlff(["generate", "--out", "en"], tmp_path, LANG="C.UTF-8")
    assert french.returncode == english.returncode == 0, french.stderr + english.stderr
    written = len(list((tmp_path / "fr").iterdir()))
    assert french.stdout.startswith(f"{written} fichiers écrits dans fr (") and "publications" in french.stdout
    assert english.stdout.startswith(f"wrote {written} files to en (") and "posts" in english.stdout
    for table in ("posts.csv", "inbox.csv", "meta.json"):
        assert (tmp_path / "fr" / table).read_bytes() == (tmp_path / "en" / table).read_bytes()
