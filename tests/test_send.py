"""`rlff send` against a local SMTP server (aiosmtpd on 127.0.0.1): the message arrives with its
summary, inline chart and deck; a refused login and a closed port fail on one clean line."""

from __future__ import annotations

import email
import email.policy
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from PIL import Image
from pptx import Presentation

import rlff.export.deck
from rlff import i18n, metrics
from rlff.cli import main
from rlff.export.mail import MailError, SmtpSettings

INLINE = io.BytesIO()
Image.new("RGB", (64, 36), "navy").save(INLINE, "PNG")
INLINE_PNG = INLINE.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


def _only(login: str, password: str):  # noqa: ANN202
    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            login.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself

    return authenticator


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=_only("cm", "s3cret"), auth_require_tls=False
    )
    controller.start()
    monkeypatch.setenv("RLFF_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RLFF_SMTP_PORT", str(port))
    monkeypatch.setenv("RLFF_FROM", "rlff@example.com")
    for name in ("RLFF_SMTP_USER", "RLFF_SMTP_PASSWORD", "RLFF_SMTP_STARTTLS"):
        monkeypatch.delenv(name, raising=False)
    # The inline chart without a browser: a small real PNG stands in for the rendered chart.
    monkeypatch.setattr(rlff.export.deck, "render_pictures", lambda charts, **kw: {c.key: INLINE_PNG for c in charts})
    yield inbox, port
    controller.stop()


def test_rlff_send_delivers_the_deck_with_a_summary_and_an_inline_chart(smtp, default_tables, capsys, monkeypatch):
    inbox, port = smtp
    monkeypatch.setenv("RLFF_SMTP_USER", "cm")
    monkeypatch.setenv("RLFF_SMTP_PASSWORD", "s3cret")
    code = main(["send", "--to", "boss@example.com", "--to", "cfo@example.com"])
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip() == (
        f"sent the deck for 2026-01 to boss@example.com, cfo@example.com via 127.0.0.1:{port}"
    )
    ((rcpt, raw),) = inbox.messages
    assert rcpt == ["boss@example.com", "cfo@example.com"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Brioche & Co: community report, January 2026"
    text = msg.get_body(("plain",)).get_content()
    kpis = metrics.vanity_kpis(default_tables)
    for k in ("retweets", "likes", "friends", "fans"):
        assert f"{i18n.t(f'tile.{k}', 'en')}: {i18n.fmt_int(getattr(kpis, k), 'en')}" in text
    html = msg.get_body(("html",)).get_content()
    cid = html.split('src="cid:')[1].split('"')[0]
    (image,) = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == f"<{cid}>" and image.get_content() == INLINE_PNG
    (deck,) = list(msg.iter_attachments())
    assert deck.get_filename() == "rlff-deck-2026-01.pptx"
    prs = Presentation(io.BytesIO(deck.get_content()))
    assert prs.slides[0].shapes.title.text_frame.text == "Monthly community report"


def test_the_honest_french_mail_adds_the_reality_figures(smtp, default_tables, capsys, monkeypatch):
    inbox, _ = smtp
    # The honest deck's appendix pictures without a browser, too.
    monkeypatch.setattr(
        rlff.export.deck.build, "submit_pictures", lambda charts, renderer, palette=None: _Done(len(charts))
    )
    assert main(["send", "--to", "boss@example.com", "--honest", "--lang", "fr"]) == 0, capsys.readouterr().err
    msg = email.message_from_bytes(inbox.messages[0][1], policy=email.policy.default)
    assert msg["Subject"].endswith("(édition honnête)")
    text = msg.get_body(("plain",)).get_content()
    reality = metrics.report(default_tables)["reality"]
    for key, value in (("reply_rate", reality["reply_rate"]), ("roi", reality["roi"])):
        assert f"  {i18n.t(f'tile.{key}', 'fr')}\u202f: {i18n.fmt_pct(value, 'fr', 0)}" in text.splitlines()
    assert list(msg.iter_attachments())[0].get_filename() == "rlff-deck-2026-01-honest.pptx"


class _Done:
    """A finished render batch of blank PNGs (what ImageRenderer.submit returns)."""

    def __init__(self, n: int) -> None:
        buf = io.BytesIO()
        Image.new("RGB", (1612, 940), "white").save(buf, "PNG")
        self.png, self.labels = buf.getvalue(), [""] * n

    def result(self, i: int) -> bytes:
        return self.png

    def cancel(self) -> None:
        pass


def test_a_refused_login_is_one_line_naming_the_server(smtp, capsys, monkeypatch):
    inbox, port = smtp
    monkeypatch.setenv("RLFF_SMTP_USER", "cm")
    monkeypatch.setenv("RLFF_SMTP_PASSWORD", "wrong")
    assert main(["send", "--to", "boss@example.com"]) == 2
    err = capsys.readouterr().err
    assert err == f"error: 127.0.0.1:{port} refused the login of 'cm': authentication failed (535)\n"
    assert "wrong" not in err and inbox.messages == []


def test_a_server_that_is_down_is_one_line_too(smtp, capsys, monkeypatch):
    port = _free_port()  # nothing listens there
    monkeypatch.setenv("RLFF_SMTP_PORT", str(port))
    assert main(["send", "--to", "boss@example.com"]) == 2
    assert capsys.readouterr().err == (
        f"error: 127.0.0.1:{port} refused the connection (is the server running, is the port right?)\n"
    )


def test_smtp_settings_come_from_the_environment_only(monkeypatch, capsys):
    monkeypatch.delenv("RLFF_SMTP_HOST", raising=False)
    assert main(["send", "--to", "boss@example.com"]) == 2
    assert "set RLFF_SMTP_HOST" in capsys.readouterr().err
    s = SmtpSettings.from_env({"RLFF_SMTP_HOST": "mail.example.com", "RLFF_SMTP_STARTTLS": "1"})
    assert (s.port, s.starttls, s.sender) == (587, True, "rlff@mail.example.com")
    with pytest.raises(MailError, match="port number"):
        SmtpSettings.from_env({"RLFF_SMTP_HOST": "h", "RLFF_SMTP_PORT": "smtp"})
    with pytest.raises(SystemExit, match="2"):  # no password option on the command line
        main(["send", "--to", "boss@example.com", "--smtp-password", "x"])


def test_send_takes_a_month_within_the_data(smtp, capsys):
    inbox, _ = smtp
    assert main(["send", "--to", "boss@example.com", "--month", "2025-12"]) == 0, capsys.readouterr().err
    msg = email.message_from_bytes(inbox.messages[0][1], policy=email.policy.default)
    assert msg["Subject"].endswith("December 2025")
    assert main(["send", "--to", "boss@example.com", "--month", "2031-01"]) == 2
    assert "the data covers" in capsys.readouterr().err


def test_rlff_send_says_it_sent_in_the_terminals_language(smtp, capsys, monkeypatch):
    inbox, port = smtp
    monkeypatch.setenv("RLFF_SMTP_USER", "cm")
    monkeypatch.setenv("RLFF_SMTP_PASSWORD", "s3cret")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["send", "--to", "boss@example.com"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out.strip()
    assert out == f"présentation de 2026-01 envoyée à boss@example.com via 127.0.0.1:{port}"
    assert len(inbox.messages) == 1
