"""Deliver the deck by e-mail: a short summary in the body, one chart inline, the .pptx attached.

Big Boss never opens the app; ``rlff send`` (a monthly cron line) mails him the deck.
The message is a stdlib :class:`email.message.EmailMessage`: a plain-text body, an HTML
alternative with the four big numbers (and, in the honest edition, three reality
figures) and one chart shown inline by Content-ID, and the deck as an attachment.

SMTP settings come from the environment only (never the command line, where ``ps``
and shell history would show a password):

``RLFF_SMTP_HOST`` (required), ``RLFF_SMTP_PORT`` (default 25, or 587 with STARTTLS),
``RLFF_SMTP_USER`` and ``RLFF_SMTP_PASSWORD`` (log in when both are set),
``RLFF_SMTP_STARTTLS=1`` (upgrade the connection before logging in), ``RLFF_FROM``
(the sender; default ``rlff@<host>``).
"""

from __future__ import annotations

import html
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from rlff import i18n, metrics
from rlff.i18n.messages import LocalizedError
from rlff.metrics.gaps import gaps_of, honest_kpis, honest_report
from rlff.schema import Tables

__all__ = ["MailError", "SmtpSettings", "deck_message", "send_message"]

PPTX_TYPE = ("application", "vnd.openxmlformats-officedocument.presentationml.presentation")


class MailError(LocalizedError):
    """The deck could not be sent: one line naming the server and the reason (``message(lang)``)."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send (from the environment, :meth:`from_env`)."""

    host: str
    port: int
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        """Read ``RLFF_SMTP_*`` and ``RLFF_FROM``.

        Raises:
            MailError: no ``RLFF_SMTP_HOST``, or a port that is not a number.
        """
        env = os.environ if env is None else env
        host = env.get("RLFF_SMTP_HOST", "").strip()
        if not host:
            raise MailError("mail.error.no_host")
        starttls = env.get("RLFF_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes", "on")
        port_text = env.get("RLFF_SMTP_PORT", "").strip() or ("587" if starttls else "25")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise MailError("mail.error.bad_port", port=repr(port_text))
        sender = env.get("RLFF_FROM", "").strip() or f"rlff@{host}"
        return cls(
            host, int(port_text), env.get("RLFF_SMTP_USER") or None, env.get("RLFF_SMTP_PASSWORD") or None,
            starttls, sender,
        )  # fmt: skip

    @property
    def where(self) -> str:
        """``host:port``, for messages."""
        return f"{self.host}:{self.port}"


def _figures(tables: Tables, lang: str, honest: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the four big numbers, the reality figures) as (label, formatted value); "—" for what the data lacks."""
    gaps = gaps_of(tables)
    kpis = honest_kpis(metrics.vanity_kpis(tables), gaps)
    vanity = [
        (
            i18n.t(f"tile.{k}", lang),
            i18n.fmt_int(getattr(kpis, k), lang) if getattr(kpis, k) is not None else i18n.MISSING,
        )
        for k in ("retweets", "likes", "friends", "fans")
    ]
    if not honest:
        return vanity, []
    r: dict[str, Any] = honest_report(metrics.report(tables), tables)["reality"]  # type: ignore[assignment]
    wait = (r.get("median_first_response_minutes") or {}).get("complaint")
    reality = [
        (i18n.t("tile.reply_rate", lang), i18n.fmt_pct(r.get("reply_rate"), lang, 0)),
        (i18n.t("tile.complaint_wait", lang), i18n.fmt_duration_minutes(wait, lang)),
        (i18n.t("tile.roi", lang), i18n.fmt_pct(r.get("roi"), lang, 0)),
    ]
    return vanity, reality


def deck_message(
    tables: Tables,
    deck: bytes,
    file_name: str,
    *,
    sender: str,
    to: Sequence[str],
    lang: str = "en",
    honest: bool = False,
    chart_png: bytes | None = None,
    chart_title: str = "",
) -> EmailMessage:
    """The e-mail that carries the deck: text and HTML bodies, ``chart_png`` inline, the .pptx attached."""
    lang = i18n.check_lang(lang)
    brand = " ".join(str(tables.meta.brand).split())[:120] or "RLFF"
    month = i18n.fmt_month(tables.meta.reported_month, lang)
    vanity, reality = _figures(tables, lang, honest)
    msg = EmailMessage()
    msg["Subject"] = i18n.t(
        "deck.mail.subject.honest" if honest else "deck.mail.subject", lang, brand=brand, month=month
    )
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    hello = i18n.t("deck.mail.hello", lang, month=month)
    lines = [hello, "", i18n.t("deck.mail.vanity", lang), *(f"  {i18n.labelled(k, v, lang)}" for k, v in vanity)]
    if reality:
        lines += ["", i18n.t("deck.mail.reality", lang), *(f"  {i18n.labelled(k, v, lang)}" for k, v in reality)]
    msg.set_content("\n".join(lines) + "\n")

    def cells(items: list[tuple[str, str]], color: str) -> str:
        return "".join(
            f'<td style="padding:8px 14px;background:#12305A;color:#FFFFFF;font-family:Arial,sans-serif">'
            f'<div style="font-size:13px;color:#A9C1E0">{html.escape(k)}</div>'
            f'<div style="font-size:28px;font-weight:bold;color:{color}">{html.escape(v)}</div></td>'
            for k, v in items
        )

    cid = make_msgid(domain="rlff.invalid")
    parts = [
        f'<p style="font-family:Arial,sans-serif">{html.escape(hello)}</p>',
        f'<h3 style="font-family:Arial,sans-serif">{html.escape(i18n.t("deck.mail.vanity", lang))}</h3>',
        f'<table cellspacing="6"><tr>{cells(vanity, "#FFFFFF")}</tr></table>',
    ]
    if reality:
        parts += [
            f'<h3 style="font-family:Arial,sans-serif;color:#C00000">{html.escape(i18n.t("deck.mail.reality", lang))}</h3>',
            f'<table cellspacing="6"><tr>{cells(reality, "#FF6B5B")}</tr></table>',
        ]
    if chart_png:
        alt = html.escape(i18n.t("deck.mail.chart", lang, title=chart_title))
        parts.append(f'<p><img src="cid:{cid[1:-1]}" alt="{alt}" width="640"></p>')
    msg.add_alternative(f"<html><body>{''.join(parts)}</body></html>", subtype="html")
    if chart_png:
        html_part = msg.get_payload()[1]  # type: ignore[index]  # the HTML alternative just added
        html_part.add_related(chart_png, "image", "png", cid=cid)  # type: ignore[index,union-attr]
    msg.add_attachment(deck, maintype=PPTX_TYPE[0], subtype=PPTX_TYPE[1], filename=file_name)
    return msg


def send_message(msg: EmailMessage, settings: SmtpSettings, *, timeout: float = 30) -> None:
    """Send ``msg`` through the SMTP server of ``settings``.

    Raises:
        MailError: one line naming the server and the reason (refused, authentication, timeout…).
    """
    where = settings.where
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user and settings.password:
                smtp.login(settings.user, settings.password)
            refused = smtp.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError("mail.error.login", where=where, user=repr(settings.user), code=exc.smtp_code) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError("mail.error.not_supported", where=where, detail=str(exc)) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError("mail.error.every_recipient", where=where, recipients=", ".join(exc.recipients)) from None
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise MailError("mail.error.message_refused", where=where, code=exc.smtp_code, detail=text) from None
    except TimeoutError:
        raise MailError("mail.error.timeout", where=where, seconds=f"{timeout:.0f}") from None
    except ConnectionRefusedError:
        raise MailError("mail.error.connection_refused", where=where) from None
    except ssl.SSLError as exc:
        raise MailError("mail.error.tls", where=where, detail=str(exc.reason or exc)) from None
    except (smtplib.SMTPException, OSError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise MailError("mail.error.other", where=where, detail=str(detail)) from None
    if refused:
        raise MailError("mail.error.some_recipients", where=where, recipients=", ".join(refused))
