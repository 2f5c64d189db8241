"""The ``rlff`` command: generate, report, import, export, send, dashboard.

Every failure the user can fix ends with exit code 2 and one line ``error: …`` on
stderr that says what to do; no traceback.

Language of what the command says: ``--lang`` where a command has it, else the terminal's
(LC_ALL, LC_MESSAGES, LANG: ``LANG=fr_FR.UTF-8`` gives ``erreur : …``), else English
(:func:`cli_lang`). What it makes (simulated data, charts, decks) follows ``--lang`` only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from rlff.i18n import t
from rlff.i18n.messages import Message
from rlff.io.names import safe_name

EXIT_USAGE = 2


class CommandError(Exception):
    """A problem the user can fix: printed as ``error: <message>``, exit code 2.

    Its message is a :class:`rlff.i18n.messages.Message` (said in the command's language)
    or a plain English str.
    """


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments on one line, without the usage dump, in the CLI's language.

    ``say``: that language, known before parsing (:func:`_say_before_parsing`); set by :func:`build_parser`.
    """

    say = "en"

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, t("cli.error.usage", self.say, message=message, prog=self.prog) + "\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' layout and shows a default only when there is one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if (
            action.default is not None
            and action.default is not False
            and action.default != argparse.SUPPRESS
            and "%(default)" not in text
        ):
            text += " (default: %(default)s)"
        return text


def _whole_number(what: str, text: str, low: int, high: int, say: str) -> int:
    """``text`` as an int in [low, high]; else an ArgumentTypeError in ``say`` (``cli.error.<what>_…``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t(f"cli.error.{what}_not_int", say, value=repr(text))) from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(t(f"cli.error.{what}_range", say, value=value))
    return value


def _seed(text: str, say: str = "en") -> int:
    return _whole_number("seed", text, 0, 2**63 - 1, say)


def _typed(convert: Callable[..., object], say: str) -> Callable[[str], object]:
    """``convert(text, say)`` as an argparse ``type``: its errors are said in ``say``."""

    def typed(text: str) -> object:
        return convert(text, say)

    typed.__name__ = convert.__name__.lstrip("_")
    return typed


def _add_common(p: argparse.ArgumentParser, *, lang: bool = True) -> None:
    p.add_argument("--seed", type=_typed(_seed, _say(p)), default=0, help="random seed of the simulation")
    if lang:
        _add_lang(p)


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("en", "fr"),
        default=None,
        help="language of texts and labels (default: en; messages follow LANG when not given)",
    )


def cli_lang(requested: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the command's output: ``--lang`` if given, else the terminal's, else English."""
    from rlff.i18n import language_of

    return requested or language_of(os.environ if environ is None else environ)


def _month(text: str, say: str = "en"):  # noqa: ANN202 - returns datetime.date
    """``--month YYYY-MM`` as the month's first day; a bad one is said in ``say``."""
    from rlff.metrics.periods import MonthFormatError, parse_month

    try:
        return parse_month(text)
    except MonthFormatError as exc:
        raise argparse.ArgumentTypeError(exc.message(say)) from None


def _say(p: argparse.ArgumentParser) -> str:
    """The language the parser ``p`` speaks (errors of ``--seed``, ``--month``, ``--port``)."""
    return getattr(p, "say", "en")


def _add_month(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--month",
        type=_typed(_month, _say(p)),
        default=None,
        metavar="YYYY-MM",
        help="month to report on (default: the last complete month of the data)",
    )


def _select_month(tables, month):  # noqa: ANN001, ANN202 - rlff.schema.Tables, datetime.date | None -> Tables
    """``tables`` reporting on ``month`` (None: the data's own month); a month without data is a CommandError."""
    from rlff.metrics.periods import MonthOutOfRange, with_month

    try:
        return with_month(tables, month)
    except MonthOutOfRange as exc:
        raise CommandError(exc) from None


def _add_scenario(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario",
        default=None,
        metavar="QUERY",
        help='what-if knobs, as in the dashboard\'s URL (e.g. "reply_policy=ghost&ring_size=40"; see docs/knobs.md)',
    )


def _load(data: str | None, seed: int, lang: str = "en", args: argparse.Namespace | None = None):  # noqa: ANN202 - returns rlff.schema.Tables
    """Tables from a workspace brand (``--brand``), a folder of RLFF CSVs, or a scenario simulated with ``seed``.

    ``--scenario`` is a dashboard query string ("reply_policy=ghost&ring_size=40"): the same
    knobs, bounds and messages as the URL, but any problem is an error here.
    """
    brand = getattr(args, "brand", None) if args is not None else None
    scenario = getattr(args, "scenario", None) if args is not None else None
    if brand is not None:
        if data is not None:
            raise CommandError(Message("cli.error.brand_and_data"))
        if scenario is not None:
            raise CommandError(Message("cli.error.scenario_with_brand"))
        assert args is not None  # brand came from args
        return _workspace_tables(args, brand)
    if data is None:
        from rlff.simulation.scenario import DEFAULT, ScenarioError
        from rlff.simulation.simulate import simulate

        if scenario is None:
            return simulate(DEFAULT.replace(lang=lang), seed)
        from rlff.simulation.query import scenario_from_query

        try:
            chosen, seed, _ = scenario_from_query(scenario, lang=lang, seed=seed)
        except ScenarioError as exc:
            raise CommandError(str(exc)) from None  # said in the language the query asks for (lang=fr)
        return simulate(chosen, seed)
    if scenario is not None:
        raise CommandError(Message("cli.error.scenario_with_data"))
    from rlff.io.tables import read_tables

    folder = Path(data)
    if not folder.exists():
        raise CommandError(Message("cli.no_data_folder", data=data))
    try:
        return read_tables(folder)
    except FileNotFoundError as exc:
        raise CommandError(Message("cli.data_missing_table", data=data, error=exc)) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(Message("cli.data_unreadable", data=data, error=exc)) from None


def cmd_generate(args: argparse.Namespace) -> int:
    from rlff.io.tables import write_tables
    from rlff.simulation.scenario import DEFAULT
    from rlff.simulation.simulate import simulate

    tables = simulate(DEFAULT.replace(lang=args.lang), args.seed)
    try:
        written = write_tables(tables, args.out)
    except OSError as exc:
        raise CommandError(Message("cli.cannot_write", out=args.out, reason=exc.strerror or exc)) from None
    rows = {name: len(tables.table(name)) for name in ("posts", "engagements", "inbox")}
    print(t("cli.generated", args.say, n=len(written), out=args.out, **rows))
    return 0


def _format_report(rep: dict, lang: str = "en") -> str:
    """``rlff report``'s text: the deck's four numbers, then what they hide, in ``lang``."""
    from rlff.i18n import fmt_date, fmt_duration_minutes, fmt_float, fmt_int, fmt_pct, name

    v, r = rep["vanity"], rep["reality"]
    na = t("report.na", lang)

    def count(x: object) -> str:
        return na if x is None else fmt_int(x, lang)  # type: ignore[arg-type]

    def share(x: object) -> str:
        return na if x is None else fmt_pct(x, lang)  # type: ignore[arg-type]

    def block(rows: list[tuple[str, str]], width: int, indent: str = "  ") -> list[str]:
        return [f"{indent}{label:<{width}}{value}" for label, value in rows]

    no_inbox = r["reply_rate"] is None  # every kind unknown, not "never answered"
    waits = []
    for kind, minutes in r["median_first_response_minutes"].items():
        shown = na if no_inbox else t("report.never", lang) if minutes is None else fmt_duration_minutes(minutes, lang)
        waits.append((name("message_kind", kind, lang), shown))
    vanity = [(t(f"tile.{k}", lang), count(v[k])) for k in ("retweets", "likes", "friends", "fans")]
    reality = [
        (t("report.within_1h", lang), share(r["complaints_answered_within_1h"])),
        (t("report.backlog", lang), count(r["unanswered_backlog"])),
        (t("tile.roi", lang), share(r["roi"])),
        (t("report.bought", lang), share(r["bought_follower_share"])),
        (t("report.peer", lang), share(r["peer_share"])),
        (t("report.strategy", lang), share(r["strategy_adherence"])),
    ]
    reply = [(t("report.reply_rate", lang), share(r["reply_rate"]))]
    # one value column for the whole reality block; the waits are indented two more
    width = max(max(len(label) for label, _ in reality + reply), max(len(kind) + 2 for kind, _ in waits)) + 2
    period = t("report.period", lang, start=fmt_date(rep["period"]["start"], lang),
               end=fmt_date(rep["period"]["end"], lang))  # fmt: skip
    index = rep["vanity_index"]
    lines = [
        f"{rep.get('brand', '')} — {period}",
        "",
        t("report.vanity", lang),
        *block(vanity, max(len(label) for label, _ in vanity) + 2),
        "",
        t("report.reality", lang),
        *block(reply, width),
        "  " + t("report.median_wait", lang),
        *block(waits, width - 2, indent="    "),
        *block(reality, width),
        "",
        t("chart.vanity_index.title", lang, index=na if index is None else fmt_float(index, lang, 0)),
    ]
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> int:
    from rlff.metrics import report
    from rlff.metrics.gaps import honest_report

    tables = _select_month(_load(args.data, args.seed, args=args), args.month)
    rep = honest_report(report(tables), tables)  # what the data cannot give is null, never an invented 0
    if args.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False, sort_keys=False))
    else:
        print(_format_report(rep, args.say))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        from rlff.io.imports import import_files_command
    except ImportError:  # pragma: no cover - the importer ships with the package
        raise CommandError(Message("cli.importer_missing")) from None
    if args.out is None:
        return _workspace_import(args)
    if args.brand is not None:
        raise CommandError(Message("cli.error.brand_and_out"))
    return import_files_command(list(args.files), args.out, replace=args.replace, lang=args.say)


def cmd_export(args: argparse.Namespace) -> int:
    try:
        from rlff.export.command import export_command
        from rlff.export.images import ChromiumMissing, ImageRenderer
    except ImportError:  # pragma: no cover
        raise CommandError(Message("cli.exporter_missing")) from None
    if args.template is not None:
        from rlff.export.deck import TemplateError
        from rlff.export.deck.template import open_base

        if args.format != "pptx":
            raise CommandError(Message("cli.error.template_not_pptx", fmt=args.format))
        try:
            open_base(args.template)  # a bad template fails before a browser starts
        except TemplateError as exc:
            raise CommandError(exc) from None
    renderer = None
    if args.format != "csv":
        # Chromium takes seconds to start: launch it now, while the data loads.
        renderer = ImageRenderer()
        try:
            renderer.start()
        except ChromiumMissing:
            renderer = None  # export_command reports it, with both fixes, before writing anything
    try:
        tables = _select_month(_load(args.data, args.seed, args.lang, args), args.month)
    except BaseException:
        if renderer is not None:
            renderer.close(wait=False)
        raise
    return export_command(
        tables, fmt=args.format, out=args.out, lang=args.lang, honest=args.honest, renderer=renderer,
        template=args.template, say=args.say,
    )  # fmt: skip


def cmd_send(args: argparse.Namespace) -> int:
    """``rlff send``: build the deck and e-mail it (SMTP settings from the environment only)."""
    from rlff.export.command import send_command
    from rlff.export.mail import MailError, SmtpSettings

    try:
        settings = SmtpSettings.from_env()
    except MailError as exc:
        raise CommandError(exc) from None
    tables = _select_month(_load(args.data, args.seed, args.lang, args), args.month)
    return send_command(
        tables, to=args.to, settings=settings, lang=args.lang, honest=args.honest, template=args.template,
        say=args.say,
    )  # fmt: skip


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Run the dashboard: ``python -m rlff_app.startup.launch`` (``streamlit run`` and an early warm-up).

    On POSIX this process becomes the server (``exec``): a signal sent to ``rlff dashboard``
    reaches Streamlit, and nothing is left serving the port once it exits. Elsewhere the
    server is a child that gets SIGINT/SIGTERM passed on, and ``rlff dashboard`` exits with it.
    The server options themselves are in :mod:`rlff_app.startup.flags`.
    """
    import importlib.util
    import os

    # The app lives in the sibling package rlff_app (rlff/ itself never imports streamlit).
    spec = importlib.util.find_spec("rlff_app")
    app = Path(spec.origin).with_name("main.py") if spec and spec.origin else Path("rlff_app/main.py")
    if not app.is_file():
        raise CommandError(Message("cli.dashboard_missing", app=app))
    cmd = [sys.executable, "-m", "rlff_app.startup.launch", str(app)]
    cmd += ["--server.port", str(args.port), "--server.address", args.address]
    if args.headless:
        cmd += ["--server.headless", "true"]
    if getattr(args, "database_url", None):
        os.environ["RLFF_DATABASE_URL"] = args.database_url  # the dashboard reads it; exec keeps the environment
    if getattr(args, "public_demo", False):
        os.environ["RLFF_PUBLIC_DEMO"] = "1"  # the simulation shown without a login
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(sys.executable, cmd)  # no return
    return _run_forwarding_signals(cmd)  # pragma: no cover - Windows


def _run_forwarding_signals(cmd: list[str]) -> int:
    """Run ``cmd``, passing SIGINT and SIGTERM on to it; its exit code."""
    import signal
    import subprocess

    child = subprocess.Popen(cmd)

    def forward(signum: int, _frame: object) -> None:
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _port(text: str, say: str = "en") -> int:
    return _whole_number("port", text, 1, 65535, say)


# --- the workspace (rlff.io.workspace): import without --out, history, undo, brand, brands ---------------


def _workspace_call(args: argparse.Namespace, run: Callable[..., int]) -> int:
    """Open the workspace, run ``run(ws)``, close it; its errors become ``error: …`` (exit 2)."""
    from rlff.io.workspace import WorkspaceError, open_workspace
    from rlff.io.workspace.command import cli_lang
    from rlff.io.workspace.users import UserWorkspace, command_line_user

    try:
        ws = open_workspace(args.database_url)
        try:
            # Every command acts as its user ($RLFF_USER), limited to what that user may do.
            return run(UserWorkspace(ws, command_line_user(ws)))
        finally:
            ws.close()
    except WorkspaceError as err:
        raise CommandError(err.message(cli_lang())) from None


def _workspace_tables(args: argparse.Namespace, brand: str):  # noqa: ANN202 - returns rlff.schema.Tables
    holder: list = []

    def read(ws) -> int:  # noqa: ANN001
        holder.append(ws.tables(brand))
        return 0

    _workspace_call(args, read)
    return holder[0]


def _workspace_import(args: argparse.Namespace) -> int:
    from rlff.io.workspace.command import import_command

    if args.replace:
        raise CommandError(Message("cli.error.replace_needs_out"))
    return _workspace_call(args, lambda ws: import_command(ws, list(args.files), args.brand))


def cmd_history(args: argparse.Namespace) -> int:
    from rlff.io.workspace.command import history_command

    return _workspace_call(args, lambda ws: history_command(ws, args.brand, args.json))


def cmd_undo(args: argparse.Namespace) -> int:
    from rlff.io.workspace.command import undo_command

    return _workspace_call(args, lambda ws: undo_command(ws, args.which, args.brand))


def cmd_brand(args: argparse.Namespace) -> int:
    from rlff.io.workspace.command import brand_command

    return _workspace_call(
        args,
        lambda ws: brand_command(
            ws,
            args.name,
            display_name=args.display_name,
            cm_name=args.cm_name,
            logo=args.logo,
            deck_lang=args.deck_lang,
        ),
    )


def cmd_brands(args: argparse.Namespace) -> int:
    from rlff.io.workspace.command import brands_command

    return _workspace_call(args, lambda ws: brands_command(ws, args.json))


# --- users of a shared workspace: rlff users add|list|remove|passwd|email ------------------------------------


def _read_password(args: argparse.Namespace, lang: str) -> str:
    """The new password: one line on standard input (--password-stdin), else typed twice (never an option)."""
    import getpass

    from rlff.i18n import t
    from rlff.io.workspace import WorkspaceError

    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise WorkspaceError("users.error.no_password")
        return line.rstrip("\r\n")
    first = getpass.getpass(t("users.cli.prompt", lang))
    if getpass.getpass(t("users.cli.prompt_again", lang)) != first:
        raise WorkspaceError("users.error.mismatch")
    return first


def cmd_users(args: argparse.Namespace) -> int:
    """``rlff users add|list|remove|passwd|email``: who may use the workspace (admins only; passwd: also oneself)."""
    from rlff.i18n import t
    from rlff.io.workspace import users
    from rlff.io.workspace.command import cli_lang

    lang = cli_lang()

    def run(scoped) -> int:  # noqa: ANN001 - rlff.io.workspace.users.UserWorkspace
        ws, actor = scoped.workspace, scoped.user
        if not (args.action == "passwd" and actor.name and actor.name == args.name):
            users.require(actor, "manage")
        if args.action == "add":
            if args.email:
                users.check_email(args.email)  # before the password is asked for
            password = _read_password(args, lang)
            user = users.add_user(ws, args.name, password, args.role, args.brand or (), email=args.email)
            brands = ", ".join(sorted(user.brands)) or t("users.cli.all_brands", lang)
            print(t("users.cli.added", lang, name=user.name, role=user.role, brands=brands))
            if user.email:
                print(t("users.cli.email_set", lang, name=user.name, email=user.email))
        elif args.action == "email":
            if args.remove == bool(args.address):
                raise users.WorkspaceError("users.error.email_or_remove")
            user = users.set_email(ws, args.name, None if args.remove else args.address)
            key = "users.cli.email_set" if user.email else "users.cli.email_removed"
            print(t(key, lang, name=user.name, email=user.email or ""))
        elif args.action == "remove":
            users.remove_user(ws, args.name)
            print(t("users.cli.removed", lang, name=args.name))
        elif args.action == "passwd":
            if users.user_named(ws, args.name) is None:
                raise users.WorkspaceError("users.error.no_user", name=args.name)
            users.set_password(ws, args.name, _read_password(args, lang))
            print(t("users.cli.passwd", lang, name=args.name))
        else:
            listed = users.users(ws)
            if args.json:
                payload = [
                    {"name": u.name, "role": u.role, "brands": sorted(u.brands), "email": u.email} for u in listed
                ]
                print(json.dumps(payload, indent=2, ensure_ascii=False))
            elif not listed:
                print(t("users.cli.none", lang))
            for u in [] if args.json else listed:
                brands = t("users.cli.all_brands", lang) if u.is_admin else ", ".join(sorted(u.brands))
                if u.email:
                    print(t("users.cli.line_email", lang, name=u.name, role=u.role, brands=brands, email=u.email))
                else:
                    print(t("users.cli.line", lang, name=u.name, role=u.role, brands=brands))
        return 0

    return _workspace_call(args, run)


def _add_users_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("users", "Manage who may use a shared workspace (admins only).", cmd_users)
    _add_database_url(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    a = actions.add_parser("add", help="add a user (the password is asked twice, or read from stdin)")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--role", required=True, choices=("viewer", "editor", "admin"), help="what the user may do")
    a.add_argument("--brand", action="append", metavar="BRAND", help="a brand the user sees (repeat for more)")
    a.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    a.add_argument("--email", metavar="ADDR", help="the e-mail single sign-on logs this user in with")
    _add_database_url(a)
    a = actions.add_parser("list", help="list the users, their role and brands")
    a.add_argument("--json", action="store_true", help="print a JSON list instead of text")
    _add_database_url(a)
    a = actions.add_parser("remove", help="remove a user")
    a.add_argument("name", metavar="NAME")
    _add_database_url(a)
    a = actions.add_parser("passwd", help="change a user's password (yours, or anyone's as admin)")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    _add_database_url(a)
    a = actions.add_parser("email", help="set (or --remove) the e-mail single sign-on logs a user in with")
    a.add_argument("name", metavar="NAME")
    a.add_argument("address", metavar="ADDR", nargs="?", default="", help="the e-mail, compared case-insensitively")
    a.add_argument("--remove", action="store_true", help="remove the user's e-mail (no single sign-on)")
    _add_database_url(a)


def _add_database_url(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: given after the command it wins, else the global option (before the command) stays.
    p.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="workspace database (default: $RLFF_DATABASE_URL, else a SQLite file in ~/.local/share/rlff)",
    )


def _add_workspace_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("history", "List the imports kept in the workspace, newest first.", cmd_history)
    p.add_argument("--brand", default=None, help="only this brand's imports")
    p.add_argument("--json", action="store_true", help="print a JSON list instead of text")
    _add_database_url(p)

    p = add("undo", "Remove exactly the rows one import brought (`last`: the latest import).", cmd_undo)
    p.add_argument("which", metavar="IMPORT_ID", help="the import's number (see `rlff history`), or `last`")
    p.add_argument("--brand", default=None, help="with `last`: the latest import of this brand")
    _add_database_url(p)

    p = add("brand", "Set a brand's name in titles, its CM, its logo and the deck's language.", cmd_brand)
    p.add_argument("name", metavar="NAME", help="the brand (as in --brand NAME)")
    p.add_argument("--display-name", default=None, help="name shown in titles and the deck")
    p.add_argument("--cm-name", default=None, help="the community manager's name")
    p.add_argument("--logo", default=None, metavar="FILE", help="PNG or JPEG logo, at most 2 MB")
    p.add_argument("--deck-lang", default=None, choices=("en", "fr"), help="language of the deck")
    _add_database_url(p)

    p = add("brands", "List the workspace's brands and their settings.", cmd_brands)
    p.add_argument("--json", action="store_true", help="print a JSON list instead of text")
    _add_database_url(p)


EXAMPLES = {
    "generate": "example:\n  rlff generate --seed 7 --lang fr --out data/\n",
    "report": "examples:\n  rlff report\n  rlff report --lang fr\n  rlff report --json\n  rlff report --data data/ --json\n  rlff report --month 2025-12\n",
    "import": "examples:\n  rlff import tweet_activity_metrics.csv inbox.csv --brand acme\n"
    "  rlff report --brand acme\n"
    "  rlff import tweet_activity_metrics.csv inbox.csv costs.csv --out mydata/\n"
    "  rlff report --data mydata/\n",
    "history": "examples:\n  rlff history\n  rlff history --brand acme --json\n",
    "undo": "examples:\n  rlff undo 12\n  rlff undo last --brand acme\n",
    "brand": "example:\n  rlff brand acme --display-name 'ACME Corp' --cm-name 'Norma' --logo logo.png --deck-lang fr\n",
    "brands": "example:\n  rlff brands\n",
    "export": "examples:\n  rlff export --format pptx --out deck.pptx\n"
    '  rlff export --format png --out charts/ --scenario "lang=fr&customer_service_share=1"\n'
    "  rlff export --format png --out charts/ --lang fr\n"
    "  rlff export --format pptx --honest --data mydata/ --out honest.pptx\n"
    "  rlff export --format pptx --month 2025-12 --out december.pptx\n",
    "send": "examples:\n  RLFF_SMTP_HOST=smtp.example.com rlff send --to boss@example.com\n"
    "  rlff send --to boss@example.com --to cfo@example.com --honest --lang fr --data mydata/\n"
    "monthly, from cron (SMTP settings in the environment, never on the command line):\n"
    "  0 8 1 * *  . ~/.rlff-smtp.env && rlff send --to boss@example.com --data ~/rlff-data\n",
    "dashboard": "examples:\n  rlff dashboard --port 8501\n"
    "  rlff dashboard --address 0.0.0.0 --headless   # hosting: listen on every network address\n"
    "  rlff dashboard --public-demo --database-url postgresql://rlff@db/rlff\n",
    "users": "examples:\n  rlff users add norma --role editor --brand acme --email norma@example.com\n"
    "  printf '%s\\n' \"$PASSWORD\" | rlff users add boss --role viewer --brand acme --password-stdin\n"
    "  rlff users list\n  rlff users passwd norma\n  rlff users email norma norma@example.com\n"
    "  rlff users remove norma\n"
    "  RLFF_USER=norma RLFF_PASSWORD=… rlff import tweets.csv --brand acme --database-url postgresql://…\n",
}


def _say_before_parsing(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of the command's messages, before argparse has read ``--lang`` (``--lang fr``, ``--lang=fr``)."""
    requested = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            requested = argv[i + 1]
        elif arg.startswith("--lang="):
            requested = arg.partition("=")[2]
    return cli_lang(requested if requested in ("en", "fr") else None, environ)


def _speak(parser: argparse.ArgumentParser, say: str) -> None:
    """Set the language of ``parser`` and of every subcommand's parser under it."""
    parser.say = say  # type: ignore[attr-defined]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _speak(child, say)


def build_parser(say: str = "en") -> argparse.ArgumentParser:
    """The ``rlff`` parser; its errors (a bad ``--seed``, ``--month``…) are said in ``say``."""
    parser = _Parser(
        prog="rlff",
        description="RLFF: Retweets, Likes, Friends, Fans — the deck for Big Boss, and what it hides.",
        epilog="examples:\n  rlff report\n  rlff generate --out sample_data/\n  rlff export --format pptx --out deck.pptx\n  rlff dashboard",
        formatter_class=_Formatter,
    )
    parser.say = say
    from rlff import __version__

    parser.add_argument("--version", action="version", version=f"rlff {__version__}")
    parser.add_argument(
        "--database-url",
        default=None,
        help="workspace database (default: $RLFF_DATABASE_URL, else a SQLite file in ~/.local/share/rlff)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {}

    def add(name: str, help_: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EXAMPLES[name], formatter_class=_Formatter)
        p.say = say  # type: ignore[attr-defined]
        p.set_defaults(handler=handler)
        handlers[name] = handler
        return p

    p = add(
        "generate", "Simulate the default scenario and write its tables as CSV, with a data dictionary.", cmd_generate
    )
    _add_common(p)
    p.add_argument("--out", default="sample_data", help="folder to write the CSVs into")

    p = add("report", "Print the reported month's vanity and reality metrics.", cmd_report)
    p.add_argument("--data", default=None, help="folder of RLFF CSVs (default: simulate the default scenario)")
    p.add_argument("--brand", default=None, help="a brand of the workspace (see `rlff brands`)")
    _add_database_url(p)
    p.add_argument("--seed", type=_typed(_seed, _say(p)), default=0, help="random seed when simulating")
    p.add_argument("--json", action="store_true", help="print a JSON object instead of text")
    _add_month(p)
    _add_scenario(p)
    _add_lang(p)

    p = add(
        "import", "Turn platform exports (X, Facebook, Instagram, LinkedIn, RLFF CSVs) into RLFF tables.", cmd_import
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="export files to read")
    p.add_argument("--brand", default=None, help="workspace brand to add them to (default: the brand the files name)")
    p.add_argument(
        "--out", default=None, help="instead of the workspace: a folder of RLFF CSVs, merged with what it holds"
    )
    p.add_argument("--replace", action="store_true", help="with --out: start the folder over")
    _add_database_url(p)
    _add_lang(p)

    p = add(
        "export", "Export the charts (PNG/SVG/PDF), the deck (PPTX), all charts (ZIP) or the tables (CSV).", cmd_export
    )
    p.add_argument("--format", required=True, choices=("png", "svg", "pdf", "pptx", "zip", "csv"), help="what to write")
    p.add_argument("--out", required=True, help="folder for png/svg/pdf/csv, file for pptx/zip")
    p.add_argument("--data", default=None, help="folder of RLFF CSVs (default: simulate the default scenario)")
    p.add_argument("--brand", default=None, help="a brand of the workspace (see `rlff brands`)")
    _add_database_url(p)
    _add_common(p)
    p.add_argument("--honest", action="store_true", help="the honest edition: red-pen notes and a reality appendix")
    _add_month(p)
    _add_scenario(p)
    p.add_argument("--template", default=None, help="the company's .pptx or .potx to build the deck on (pptx only)")

    p = add(
        "send",
        "E-mail the deck: a summary in the body, one chart inline, the .pptx attached. "
        "SMTP from the environment: RLFF_SMTP_HOST, RLFF_SMTP_PORT, RLFF_SMTP_USER, RLFF_SMTP_PASSWORD, "
        "RLFF_SMTP_STARTTLS=1, RLFF_FROM.",
        cmd_send,
    )
    p.add_argument("--to", action="append", required=True, metavar="ADDRESS", help="recipient (repeat for several)")
    p.add_argument("--honest", action="store_true", help="the honest edition: red-pen notes and a reality appendix")
    _add_month(p)
    p.add_argument("--data", default=None, help="folder of RLFF CSVs (default: simulate the default scenario)")
    p.add_argument("--brand", default=None, help="a brand of the workspace (see `rlff brands`)")
    _add_database_url(p)
    p.add_argument("--template", default=None, help="the company's .pptx or .potx to build the deck on")
    _add_scenario(p)
    _add_common(p)

    _add_workspace_commands(add)
    _add_users_command(add)

    p = add("dashboard", "Open the dashboard in a browser.", cmd_dashboard)
    p.add_argument("--port", type=_typed(_port, _say(p)), default=8501, help="port to serve on")
    p.add_argument(
        "--address",
        default="127.0.0.1",
        help="address to listen on; 127.0.0.1 is this machine only, 0.0.0.0 every network address (for hosting)",
    )
    p.add_argument("--headless", action="store_true", help="do not open a browser window")
    p.add_argument(
        "--public-demo",
        action="store_true",
        help="when the workspace has users: let anyone see the simulated parody without logging in",
    )
    _add_database_url(p)
    _speak(parser, say)  # the users command's own subcommands too
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rlff`` console script."""
    # Never fail after the work is done because the terminal cannot show a character
    # (PYTHONIOENCODING=ascii and an em dash): show it escaped instead.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser(_say_before_parsing(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    # What the command says follows the terminal; what it makes (data, charts, decks) only --lang,
    # so that `rlff generate` writes the same sample data in any terminal.
    lang = args.say = cli_lang(getattr(args, "lang", None))
    if hasattr(args, "lang"):
        args.lang = args.lang or "en"

    def error(message: object) -> None:
        # An ImportProblem, a Message or a CommandError holding one is said in the language;
        # other errors (from libraries) are English.
        if isinstance(message, CommandError) and message.args:
            message = message.args[0]
        said = message.text(lang) if callable(getattr(message, "text", None)) else message  # type: ignore[attr-defined]
        print(t("cli.error", lang, message=safe_name(str(said), 2000)), file=sys.stderr)

    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        error(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:
        error(t("cli.interrupted", lang))
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
        from rlff.simulation.scenario import ScenarioError

        if isinstance(exc, ScenarioError | ValueError | OSError):
            error(exc)
            return EXIT_USAGE
        error(t("cli.unexpected", lang, error=type(exc).__name__, message=exc))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
