"""The export, mail, template, month and CLI-argument errors, said in the user's language.

Each is a :class:`rlff.i18n.messages.LocalizedError`: ``str()`` stays the English line it
always was, ``message("fr")`` is French (no English word left, a narrow no-break space
before ``:`` and ``;``), and ``rlff`` prints it in the terminal's language.
"""

from __future__ import annotations

import pickle
import re
import smtplib
import zipfile
from io import BytesIO

import pytest
from test_i18n_imports import ERROR_FR, _rlff

import rlff.export.deck.template as template_module
from rlff import i18n
from rlff.export import images
from rlff.export.deck.template import TemplateError, open_base
from rlff.export.images import BrowserFailed, ChromiumMissing, ExportError
from rlff.export.mail import MailError, SmtpSettings, send_message
from rlff.i18n import NNBSP
from rlff.i18n.messages import LocalizedError, Message, localize
from rlff.io.workspace import WorkspaceError
from rlff.metrics.periods import MonthFormatError, MonthOutOfRange, parse_month

PREFIXES = ("mail.error.", "export.error.", "template.error.", "month.error.", "cli.error.")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", " ", text)))


# English words of these messages that no French text uses (so finding one in French is a leftover).
ENGLISH_ONLY = set().union(*(_words(v["en"]) for k, v in i18n.STRINGS.items() if k.startswith(PREFIXES))) - set().union(
    *(_words(v["fr"]) for v in i18n.STRINGS.values() if "fr" in v)
)


def _english_left(text: str, *data: str) -> set[str]:
    for value in data:
        text = text.replace(value, " ")
    return _words(text) & ENGLISH_ONLY


def _french_spacing_ok(text: str) -> bool:
    """No ordinary space (or none at all) before ``: ; ! ?`` where French wants a narrow no-break one."""
    text = re.sub(r"[a-z]+://|[\w.]+:\d+|2\*\*63", " ", text)  # a URL, host:port are not punctuation
    return re.search(r"(?<!\u202f)[:;!?](?=\s|$)", text) is None


def test_the_english_word_list_is_not_empty():
    assert {"could", "render", "refused", "layouts", "browser", "must"} <= ENGLISH_ONLY


def _smtp_failing(exc: BaseException):
    class Failing:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise exc

    return Failing


def _mail_error(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> MailError:
    monkeypatch.setattr(smtplib, "SMTP", _smtp_failing(exc))
    with pytest.raises(MailError) as caught:
        send_message(None, SmtpSettings("mail.example.com", 25), timeout=30)  # type: ignore[arg-type]
    return caught.value


def _raised(call) -> LocalizedError:  # noqa: ANN001
    with pytest.raises(LocalizedError) as caught:
        call()
    return caught.value


def _cases(monkeypatch: pytest.MonkeyPatch, tmp_path) -> list[tuple[LocalizedError, str, tuple[str, ...]]]:  # noqa: ANN001
    """(the error, its English text as before, data that stays as given)."""
    zip_only = BytesIO()
    with zipfile.ZipFile(zip_only, "w") as z:
        z.writestr("hello.txt", "hi")
    monkeypatch.setenv("RLFF_BROWSER_TIMEOUT", "soon")
    bad_seconds = _raised(images.picture_timeout)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "nochrome"))
    no_exe = _raised(images.require_chromium)
    monkeypatch.setattr(template_module, "MAX_TEMPLATE_BYTES", 10)
    too_big = _raised(lambda: open_base(b"x" * 3_000_000))
    monkeypatch.undo()
    missing = tmp_path / "missing.pptx"
    return [
        (
            _raised(lambda: SmtpSettings.from_env({})),
            "no SMTP server: set RLFF_SMTP_HOST (and RLFF_SMTP_PORT, RLFF_SMTP_USER, ...)",
            ("RLFF_SMTP_HOST", "RLFF_SMTP_PORT", "RLFF_SMTP_USER"),
        ),
        (
            _raised(lambda: SmtpSettings.from_env({"RLFF_SMTP_HOST": "h", "RLFF_SMTP_PORT": "smtp"})),
            "RLFF_SMTP_PORT must be a port number (1-65535), got 'smtp'",
            ("RLFF_SMTP_PORT", "'smtp'"),
        ),
        (
            _mail_error(monkeypatch, ConnectionRefusedError()),
            "mail.example.com:25 refused the connection (is the server running, is the port right?)",
            ("mail.example.com:25",),
        ),
        (
            _mail_error(monkeypatch, TimeoutError()),
            "mail.example.com:25 did not answer within 30 s (timeout)",
            ("mail.example.com:25",),
        ),
        (
            _mail_error(monkeypatch, smtplib.SMTPAuthenticationError(535, b"no")),
            "mail.example.com:25 refused the login of None: authentication failed (535)",
            ("mail.example.com:25", "None"),
        ),
        (
            _mail_error(monkeypatch, smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"no")})),
            "mail.example.com:25 refused every recipient: a@b.c",
            ("mail.example.com:25", "a@b.c"),
        ),
        (
            _mail_error(monkeypatch, OSError(101, "Network is unreachable")),
            "mail.example.com:25: Network is unreachable",
            ("mail.example.com:25", "Network is unreachable"),
        ),
        (
            ChromiumMissing(),
            "no Chromium or Chrome browser found to render images. Install one with `apt-get install chromium` "
            "(Debian/Ubuntu; kaleido finds /usr/bin/chromium by itself), or, where downloads work, run "
            "`plotly_get_chrome`; or point BROWSER_PATH at a Chrome/Chromium executable",
            ("`apt-get install chromium`", "Debian/Ubuntu", "kaleido", "/usr/bin/chromium", "`plotly_get_chrome`",
             "BROWSER_PATH", "Chrome/Chromium", "Chromium", "Chrome"),
        ),  # fmt: skip
        (
            no_exe,
            f"no Chromium or Chrome browser found to render images (BROWSER_PATH={str(tmp_path / 'nochrome')!r} "
            "is not an executable). Install one with `apt-get install chromium` (Debian/Ubuntu; kaleido finds "
            "/usr/bin/chromium by itself), or, where downloads work, run `plotly_get_chrome`; or point "
            "BROWSER_PATH at a Chrome/Chromium executable",
            (repr(str(tmp_path / "nochrome")), "`apt-get install chromium`", "Debian/Ubuntu", "kaleido",
             "/usr/bin/chromium", "`plotly_get_chrome`", "BROWSER_PATH", "Chrome/Chromium", "Chromium", "Chrome"),
        ),  # fmt: skip
        (
            bad_seconds,
            "RLFF_BROWSER_TIMEOUT must be a positive number of seconds, not 'soon'",
            ("RLFF_BROWSER_TIMEOUT", "'soon'"),
        ),
        (
            BrowserFailed("export.error.browser_stopped", path="/usr/bin/chromium"),
            "the browser /usr/bin/chromium stopped right after starting; check that it runs, or point "
            "BROWSER_PATH at a working Chrome/Chromium",
            ("/usr/bin/chromium", "BROWSER_PATH", "Chrome/Chromium"),
        ),
        (
            BrowserFailed("export.error.picture_timeout", path="/usr/bin/chromium", chart="Reach", seconds="60"),
            "the browser /usr/bin/chromium did not render Reach within 60 s (RLFF_BROWSER_TIMEOUT); it was stopped",
            ("/usr/bin/chromium", "Reach", "RLFF_BROWSER_TIMEOUT"),
        ),
        (
            ExportError("export.error.browser_start", detail="Browser closed unexpectedly"),
            "could not start the browser for images: Browser closed unexpectedly",
            ("Browser closed unexpectedly",),
        ),
        (
            ExportError("export.error.render", chart="Reach", fmt="PNG", detail="Transform failed"),
            "could not render Reach as PNG: Transform failed",
            ("Reach", "PNG", "Transform failed"),
        ),
        (
            ExportError("export.error.out_is_file", out="charts", fmt="SVG"),
            "charts is a file; --out must be a folder for SVG images",
            ("charts", "--out", "SVG"),
        ),
        (
            _raised(lambda: open_base(missing)),
            f"cannot read the template {missing}: No such file or directory",
            (str(missing), "No such file or directory"),
        ),
        (too_big, "the template is 3 MB; at most 0 MB", ()),
        (_raised(lambda: open_base(b"plain text")), "the template is not a .pptx or .potx file (not a zip archive)", (".pptx", ".potx")),
        (
            _raised(lambda: open_base(zip_only.getvalue())),
            "the template is not a PowerPoint presentation or template "
            "(\"There is no item named '[Content_Types].xml' in the archive\")",
            ("\"There is no item named '[Content_Types].xml' in the archive\"", "PowerPoint"),
        ),
        (TemplateError("template.error.no_layouts"), "the template has no slide layouts", ()),
        (
            _raised(lambda: parse_month("2025/9")),
            "month must be written YYYY-MM (e.g. 2025-09), got '2025/9'",
            ("'2025/9'",),
        ),
    ]  # fmt: skip


def test_each_error_is_english_as_before_and_french_in_french(monkeypatch, tmp_path):
    cases = _cases(monkeypatch, tmp_path)
    assert len({e.key for e, _, _ in cases}) == len(cases)
    for err, english, data in cases:
        assert str(err) == english, err.key
        assert err.message("en") == err.message() == english
        french = err.message("fr")
        assert french != english and "\n" not in french, err.key
        assert _english_left(french, *data) == set(), (err.key, french)
        assert _french_spacing_ok(french), (err.key, french)
        assert localize(err, "fr") == err.text("fr") == french


def test_the_french_texts_say_what_the_english_ones_say():
    assert MailError("mail.error.no_host").message("fr") == (
        f"aucun serveur SMTP{NNBSP}: définissez RLFF_SMTP_HOST (et RLFF_SMTP_PORT, RLFF_SMTP_USER…)"
    )
    assert ExportError("export.error.render", chart="Portée", fmt="PNG", detail="Transform failed").message("fr") == (
        f"impossible de dessiner Portée en PNG{NNBSP}: Transform failed"  # the browser's own words stay as given
    )
    assert MonthFormatError("x").message("fr") == f"le mois s’écrit AAAA-MM (par exemple 2025-09), reçu{NNBSP}: 'x'"


def test_a_message_detail_of_ours_is_said_in_the_same_language():
    err = ChromiumMissing(Message("export.error.browser_path", path="'/opt/chrome'"))
    assert "(BROWSER_PATH='/opt/chrome' is not an executable)" in str(err)
    assert "(BROWSER_PATH='/opt/chrome' n’est pas un exécutable)" in err.message("fr")


def test_the_errors_keep_their_old_bases_and_survive_pickling():
    assert issubclass(TemplateError, ValueError) and issubclass(MonthFormatError, ValueError)
    assert issubclass(MonthOutOfRange, ValueError) and issubclass(ExportError, RuntimeError)
    assert issubclass(WorkspaceError, LocalizedError) and issubclass(BrowserFailed, ChromiumMissing)
    for err in (
        MailError("mail.error.tls", where="h:25", detail="bad cert"),
        ChromiumMissing(),
        BrowserFailed("export.error.browser_stopped", path="/x"),
        MonthFormatError("2025"),
    ):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err) and back.message("fr") == err.message("fr")


def test_month_out_of_range_is_french_too():
    from datetime import date

    err = MonthOutOfRange(date(2030, 1, 1), date(2025, 1, 1), date(2025, 6, 1))
    assert str(err) == "no data for 2030-01: the data covers 2025-01 to 2025-06"
    assert err.message("fr") == f"aucune donnée pour 2030-01{NNBSP}: les données vont de 2025-01 à 2025-06"


# --- the rlff command ----------------------------------------------------------------------------


def test_rlff_send_without_a_server_says_so_in_french(tmp_path):
    french = _rlff(["send", "--to", "boss@example.com"], tmp_path, LANG="fr_FR.UTF-8", RLFF_SMTP_HOST="")
    assert french.returncode == 2
    assert (
        french.stderr
        == f"{ERROR_FR}aucun serveur SMTP{NNBSP}: définissez RLFF_SMTP_HOST (et RLFF_SMTP_PORT, RLFF_SMTP_USER…)\n"
    )
    english = _rlff(["send", "--to", "boss@example.com"], tmp_path, LANG="C.UTF-8", RLFF_SMTP_HOST="")
    assert english.stderr == "error: no SMTP server: set RLFF_SMTP_HOST (and RLFF_SMTP_PORT, RLFF_SMTP_USER, ...)\n"


def test_rlff_export_without_a_browser_says_so_in_the_language_of_lang(tmp_path):
    run = _rlff(
        ["export", "--format", "png", "--out", "charts", "--lang", "fr"],
        tmp_path,
        LANG="C.UTF-8",
        BROWSER_PATH=str(tmp_path / "nochrome"),
    )
    assert run.returncode == 2
    assert run.stderr.startswith(
        f"{ERROR_FR}aucun navigateur Chromium ou Chrome trouvé pour dessiner les images (BROWSER_PATH="
    ), run.stderr
    assert "n’est pas un exécutable). Installez-en un" in run.stderr
    assert not (tmp_path / "charts").exists()


def test_rlff_export_with_a_bad_template_says_so_in_french(tmp_path):
    run = _rlff(
        ["export", "--format", "pptx", "--out", "d.pptx", "--template", "none.pptx"], tmp_path, LANG="fr_FR.UTF-8"
    )
    assert run.returncode == 2
    assert run.stderr == f"{ERROR_FR}impossible de lire le modèle none.pptx{NNBSP}: No such file or directory\n"


@pytest.mark.parametrize(
    ("argv", "french"),
    [
        (["report", "--seed", "abc"], f"argument --seed: la graine doit être un nombre entier, reçu{NNBSP}: 'abc'"),
        (["generate", "--lang=fr", "--seed", "-1"],
         f"argument --seed: la graine doit être comprise entre 0 et 2**63-1, reçu{NNBSP}: -1"),
        (["dashboard", "--port", "70000"], f"argument --port: le port doit être compris entre 1 et 65535, reçu{NNBSP}: 70000"),
        (["report", "--month", "2025/9"], f"argument --month: le mois s’écrit AAAA-MM (par exemple 2025-09), reçu{NNBSP}: '2025/9'"),
    ],
)  # fmt: skip
def test_bad_arguments_are_said_in_french(argv, french, tmp_path):
    run = _rlff(argv, tmp_path, LANG="fr_FR.UTF-8")
    assert run.returncode == 2
    command = next(a for a in argv if a in ("report", "generate", "dashboard"))
    assert run.stderr == f"{ERROR_FR}{french} (voir `rlff {command} --help`)\n"


def test_bad_arguments_stay_english_in_an_english_terminal(tmp_path):
    run = _rlff(["report", "--seed", "abc"], tmp_path, LANG="C.UTF-8")
    assert run.stderr == "error: argument --seed: seed must be a whole number, got 'abc' (see `rlff report --help`)\n"
    run = _rlff(["generate", "--lang", "en", "--seed", "abc"], tmp_path, LANG="fr_FR.UTF-8")  # --lang wins
    assert run.stderr.startswith("error: argument --seed: seed must be a whole number")


@pytest.mark.parametrize(
    ("argv", "french", "english"),
    [
        (["report", "--brand", "x", "--data", "y"],
         f"--brand et --data désignent deux jeux de données{NNBSP}; donnez l’un des deux",
         "--brand and --data name two datasets; give one of them"),
        (["report", "--data", "y", "--scenario", "ring_size=4"],
         f"--scenario règle la simulation{NNBSP}: utilisez-le sans --data",
         "--scenario sets the knobs of the simulation: use it without --data"),
        (["import", "a.csv", "--replace"],
         f"--replace repart d’un dossier vide{NNBSP}: utilisez-le avec --out DOSSIER "
         f"(l’espace de travail garde chaque import{NNBSP}; voir `rlff undo`)",
         "--replace starts a folder over: use it with --out DIR (the workspace keeps every import; see `rlff undo`)"),
        (["export", "--format", "png", "--out", "x", "--template", "t.pptx"],
         "--template sert à la présentation (--format pptx), pas à --format png",
         "--template is for the deck (--format pptx), not --format png"),
    ],
)  # fmt: skip
def test_command_errors_follow_the_terminals_language(argv, french, english, monkeypatch, capsys, tmp_path):
    from rlff.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == f"{ERROR_FR}{french}\n"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: {english}\n"


def test_a_folder_without_tables_is_said_in_french(monkeypatch, capsys, tmp_path):
    from rlff.cli import main
    from rlff.io.tables import NoTables, read_tables

    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError) as caught:  # still a FileNotFoundError for callers
        read_tables(tmp_path / "empty")
    assert isinstance(caught.value, NoTables) and str(caught.value).startswith(f"{tmp_path / 'empty'} holds none of")
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["report", "--data", "empty"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{ERROR_FR}--data empty{NNBSP}: empty ne contient aucune des tables RLFF (posts.csv, ")
    assert _english_left(err, "--data", "--out", "rlff import", ".csv") == set() and "holds" not in err
