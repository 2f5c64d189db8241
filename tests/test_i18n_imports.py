"""Import errors, notes and the CLI in French: every sentence in the reader's language.

"No English left" is checked against the English catalog itself: a word that the English
import and CLI texts use and the French catalog never does must not appear in a French
message (text quoted from the file, « … », is the file's own and is left out).
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import export_samples as S
import pytest
from test_imports_errors import CASES, X_HEADER, csv_bytes, x_post

from rlff import i18n
from rlff.cli import cli_lang
from rlff.i18n import NNBSP
from rlff.io.imports import ImportProblem, import_files, import_files_command, read_file

ROOT = Path(__file__).resolve().parent.parent
ERROR_FR = f"erreur{NNBSP}: "


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", text))


def _template_words(text: str) -> set[str]:
    return _words(re.sub(r"\{[^}]*\}", " ", text))  # placeholder names are not words of the text


def _english_only_words() -> set[str]:
    ours = [v for k, v in i18n.STRINGS.items() if k.startswith(("import.", "cli.", "list."))]
    english = set().union(*(_template_words(v["en"]) for v in ours))
    french = set().union(*(_template_words(v["fr"]) for v in i18n.STRINGS.values() if "fr" in v))
    return english - french


ENGLISH_ONLY = _english_only_words()


def _english_left(text: str, *data: str) -> set[str]:
    """English template words in ``text``, once the file's own words (quoted, names) are taken out."""
    text = re.sub(rf"«{NNBSP}[^»]*{NNBSP}»", " ", text)
    for value in data:
        if value:
            text = text.replace(value, " ")
    return _words(text) & ENGLISH_ONLY


def test_the_english_word_list_holds_the_template_words():
    # If the list were empty, every French check below would pass: make sure it is not.
    assert {"How", "fix", "column", "row", "the", "is", "not", "number", "error", "nothing", "written"} <= ENGLISH_ONLY


@pytest.mark.parametrize(("name", "data", "column", "rows", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_bad_file_is_explained_in_french(name, data, column, rows, words):
    with pytest.raises(ImportProblem) as caught:
        read_file(data, name)
    problem = caught.value
    text = problem.text("fr")
    assert text.startswith(f"{name}")
    assert f"Pour corriger{NNBSP}: " in text
    assert "\n" not in text
    assert _english_left(text, name, *(problem.values or ()), problem.sheet or "") == set(), text
    if column is not None:
        assert f"colonne «{NNBSP}{column}{NNBSP}»" in text
    if rows is not None:
        assert f"ligne{'s' if len(problem.rows) > 1 else ''} {rows[0]}" in text
    assert str(problem) == problem.text("en")  # English stays the str() other code relies on
    assert _english_left(str(problem), name), "the check finds English where there is some"


def test_a_bad_number_reads_naturally_in_french():
    problem = import_files([("x-text-in-likes.csv", csv_bytes(X_HEADER, x_post("beaucoup")))]).problems[0]
    assert problem.text("fr") == (
        f"x-text-in-likes.csv, colonne «{NNBSP}Likes{NNBSP}», ligne 2{NNBSP}: «{NNBSP}beaucoup{NNBSP}» "
        f"n'est pas un nombre. Pour corriger{NNBSP}: écrivez des nombres simples comme 1234, 1 234 ou 1234,5 "
        f"(sans mots ni unités){NNBSP}; laissez la cellule vide ou mettez un tiret quand il n'y a rien à compter."
    )
    assert str(problem) == (
        "x-text-in-likes.csv, column 'Likes', row 2: 'beaucoup' is not a number. How to fix: write plain numbers "
        "such as 1234, 1 234 or 1234,5 (no words or units); leave the cell empty or put '-' when there is nothing "
        "to count."
    )


def test_a_problem_keeps_its_languages_when_pickled():
    problem = import_files([("x.csv", csv_bytes(X_HEADER, x_post("lots")))]).problems[0]
    again = pickle.loads(pickle.dumps(problem))
    assert again.text("fr") == problem.text("fr") and str(again) == str(problem)
    text = problem.localized()
    assert pickle.loads(pickle.dumps(text)).text("fr") == problem.text("fr")


def test_notes_and_recognised_kinds_are_said_in_french():
    name, data, _ = S.x_posts()
    outcome = import_files([(name, data), ("copy.csv", data)])
    assert outcome.warnings, "the same file twice gives a note"
    note = outcome.warnings[0]
    assert note == f"copy.csv is the same file as {name}: counted once."  # English as before
    assert note.text("fr") == f"copy.csv est le même fichier que {name}{NNBSP}: compté une seule fois."
    label = outcome.results[0].label
    assert label == "X per-post export (account_analytics_content)"
    assert label.text("fr") == "export X par publication (account_analytics_content)"


def test_the_command_prints_french_lines_when_asked(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(X_HEADER, x_post("beaucoup")))
    out, err = _Capture(), _Capture()
    code = import_files_command([str(bad)], str(tmp_path / "d"), lang="fr", stdout=out, stderr=err)
    assert code == 2 and not (tmp_path / "d").exists()
    lines = err.text.splitlines()
    assert len(lines) == 2 and all(line.startswith(ERROR_FR) for line in lines)
    assert all(_english_left(line, "bad.csv", "beaucoup") == set() for line in lines), lines


class _Capture:
    def __init__(self) -> None:
        self.text = ""

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


def _rlff(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "rlff.cli", *args],
        cwd=cwd,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_rlff_import_follows_lang_from_the_environment(tmp_path):
    (tmp_path / "bad.csv").write_bytes(csv_bytes(X_HEADER, x_post("beaucoup")))
    french = _rlff(["import", "bad.csv", "missing.csv", "--out", "d/"], tmp_path, LANG="fr_FR.UTF-8")
    assert french.returncode == 2, french.stderr
    lines = french.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith(ERROR_FR) for line in lines), lines
    assert all(_english_left(line, "bad.csv", "missing.csv", "beaucoup") == set() for line in lines), lines
    assert "Traceback" not in french.stderr and not (tmp_path / "d").exists()

    english = _rlff(["import", "bad.csv", "--out", "d/", "--lang", "en"], tmp_path, LANG="fr_FR.UTF-8")
    assert english.returncode == 2 and english.stderr.startswith("error: bad.csv, column 'Likes', row 2:")

    c_locale = _rlff(["import", "bad.csv", "--out", "d/"], tmp_path, LC_ALL="C", LANG="fr_FR.UTF-8")
    assert c_locale.stderr.startswith("error: ")


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        ("fr", {}, "fr"),
        ("en", {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "fr_CA"}, "fr"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "fr_BE.UTF-8@euro", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_cli_language_is_the_flag_then_the_terminals(requested, environ, expected):
    assert cli_lang(requested, environ) == expected
