"""What ``rlff`` prints when it works — the report, and export/send's closing line — in the CLI's language."""

from __future__ import annotations

import re

import pytest
from test_i18n_errors import _english_left, _french_spacing_ok

from rlff import i18n, metrics
from rlff.cli import main
from rlff.i18n import MINUS, NNBSP
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

OUTPUT_KEYS = [k for k in i18n.STRINGS if k.startswith(("report.", "export.cli.", "send.cli."))]


@pytest.fixture
def french_terminal(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def _report_text(capsys, *argv: str) -> str:
    capsys.readouterr()
    assert main(["report", *argv]) == 0
    return capsys.readouterr().out


def _value(text: str, label: str) -> str:
    (line,) = [ln for ln in text.splitlines() if ln.strip().startswith(label + "  ")]
    return line.strip()[len(label) :].strip()


def test_every_output_string_has_a_french_text_of_its_own():
    assert len(OUTPUT_KEYS) >= 20
    for key in OUTPUT_KEYS:
        en, fr = i18n.t(key, "en"), i18n.t(key, "fr")
        assert fr and fr != en, key
        assert _french_spacing_ok(fr), key


def test_the_report_in_french_shows_the_metrics_numbers_in_french(french_terminal, capsys):
    text = _report_text(capsys)
    tables = simulate(DEFAULT, 0)
    rep = metrics.report(tables)
    vanity, reality = rep["vanity"], rep["reality"]
    assert text.startswith("Brioche & Co — du 01/01/2026 au 31/01/2026\n")
    assert f"Ce que dit la présentation (vanité){NNBSP}:" in text
    # independent formatting of the same numbers: thousands and decimals the French way
    assert _value(text, "Retweets") == f"{vanity['retweets']:,}".replace(",", NNBSP) == f"1{NNBSP}754"
    assert _value(text, "Likes") == f"9{NNBSP}540"
    roi = f"{reality['roi'] * 100:.1f}".replace("-", MINUS).replace(".", ",")
    assert _value(text, "ROI") == f"{roi}{NNBSP}%" and roi.startswith(MINUS)
    assert _value(text, "Toujours sans réponse") == str(reality["unanswered_backlog"])
    assert _value(text, "Crise") == "jamais de réponse / aucun"
    assert f"Indice de vanité{NNBSP}: {round(rep['vanity_index'])} / 100" in text
    assert _english_left(text, "Brioche", "Co", "Retweets", "Likes", "Friends", "Fans", "ROI", "RT") == set()
    assert not re.search(r"Reply|Median|Complaint|answered|backlog|Strategy|deck", text)
    assert _french_spacing_ok(text)


def test_the_report_in_english_keeps_its_labels_and_aligns_its_values(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    text = _report_text(capsys, "--lang", "en")
    reality = metrics.report(simulate(DEFAULT, 0))["reality"]
    assert _value(text, "Reply rate") == f"{reality['reply_rate']:.1%}"
    assert _value(text, "Bought-follower share") == f"{reality['bought_follower_share']:.1%}"
    assert _value(text, "ROI") == f"{reality['roi']:.1%}".replace("-", MINUS)  # a true minus, not a hyphen
    block = text.split("What it hides (reality):\n")[1].split("\n\n")[0].splitlines()
    starts = {len(ln) - len(ln.rstrip().split("  ")[-1].lstrip()) for ln in block if "Median first" not in ln}
    assert len(block) == 12 and len(starts) == 1, block  # one value column for the whole block


def test_report_lang_fr_wins_over_an_english_terminal(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    text = _report_text(capsys, "--lang", "fr")
    assert "Ce qu’elle cache (réalité)" in text and "What it hides" not in text


def test_rlff_export_csv_says_what_it_wrote_in_french(french_terminal, capsys, tmp_path):
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    n = len(list((tmp_path / "csv").iterdir()))
    assert capsys.readouterr().out.strip() == (
        f"{n} fichiers écrits dans {tmp_path / 'csv'} (schéma CSV de RLFF, formules de tableur neutralisées)"
    )
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().startswith(f"wrote {n} files to {tmp_path / 'en'} (RLFF CSV schema")
