"""The ``rlff`` command: generate, report, import, export, dashboard.

Every failure the user can fix ends with exit code 2 and one line ``error: …`` on
stderr that says what to do; no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from rlff.io.names import safe_name

EXIT_USAGE = 2


class CommandError(Exception):
    """A problem the user can fix: printed as ``error: <message>``, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments on one line, without the usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see `{self.prog} --help`)\n")


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


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"seed must be between 0 and 2**63-1, got {value}")
    return value


def _add_common(p: argparse.ArgumentParser, *, lang: bool = True) -> None:
    p.add_argument("--seed", type=_seed, default=0, help="random seed of the simulation")
    if lang:
        p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of texts and labels")


def _load(data: str | None, seed: int, lang: str = "en"):  # noqa: ANN202 - returns rlff.schema.Tables
    """Tables from a folder of RLFF CSVs, or the default scenario simulated with ``seed``."""
    if data is None:
        from rlff.simulation.scenario import DEFAULT
        from rlff.simulation.simulate import simulate

        return simulate(DEFAULT.replace(lang=lang), seed)
    from rlff.io.tables import read_tables

    folder = Path(data)
    if not folder.exists():
        raise CommandError(
            f"--data {data}: no such folder; run `rlff generate --out {data}` or `rlff import FILE... --out {data}` first"
        )
    try:
        return read_tables(folder)
    except FileNotFoundError as exc:
        raise CommandError(f"--data {data}: {exc}; run `rlff import FILE... --out {data}` to create them") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"--data {data}: unreadable RLFF table: {exc}; regenerate it with `rlff import`") from None


def cmd_generate(args: argparse.Namespace) -> int:
    from rlff.io.tables import write_tables
    from rlff.simulation.scenario import DEFAULT
    from rlff.simulation.simulate import simulate

    tables = simulate(DEFAULT.replace(lang=args.lang), args.seed)
    try:
        written = write_tables(tables, args.out)
    except OSError as exc:
        raise CommandError(f"cannot write to {args.out}: {exc.strerror or exc}; choose another --out folder") from None
    rows = {name: len(tables.table(name)) for name in ("posts", "engagements", "inbox")}
    print(
        f"wrote {len(written)} files to {args.out} "
        f"({rows['posts']} posts, {rows['engagements']} engagements, {rows['inbox']} inbox messages)"
    )
    return 0


def _format_report(rep: dict) -> str:
    v, r = rep["vanity"], rep["reality"]

    def num(x: object, pct: bool = False) -> str:
        if x is None:
            return "n/a (not in the data)"
        if pct:
            return f"{float(x):.1%}"  # type: ignore[arg-type]
        return f"{x:,}" if isinstance(x, int) else f"{float(x):,.2f}"  # type: ignore[arg-type]

    lines = [
        f"{rep.get('brand', '')} — {rep['period']['start']} to {rep['period']['end']}",
        "",
        "What the deck says (vanity):",
        f"  Retweets  {num(v['retweets'])}",
        f"  Likes     {num(v['likes'])}",
        f"  Friends   {num(v['friends'])}",
        f"  Fans      {num(v['fans'])}",
        "",
        "What it hides (reality):",
        f"  Reply rate                      {num(r['reply_rate'], True)}",
    ]
    medians = r["median_first_response_minutes"]
    no_inbox = r["reply_rate"] is None  # every kind unknown, not "never answered"
    for kind, minutes in medians.items():
        if minutes is None:
            shown = num(None) if no_inbox else "never answered / none"
        else:
            shown = f"{minutes:,.0f} min" if minutes < 60 else f"{minutes / 60:,.1f} h"
        lines.append(f"  Median first response, {kind:<10} {shown}")
    lines += [
        f"  Complaints answered within 1 h  {num(r['complaints_answered_within_1h'], True)}",
        f"  Unanswered backlog              {num(r['unanswered_backlog'])}",
        f"  ROI                             {num(r['roi'], True)}",
        f"  Bought-follower share           {num(r['bought_follower_share'], True)}",
        f"  Likes+RTs from the peer ring    {num(r['peer_share'], True)}",
        f"  Strategy adherence              {num(r['strategy_adherence'], True)}",
        "",
        f"Vanity index: {num(rep['vanity_index'])} / 100",
    ]
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> int:
    from rlff.metrics import report
    from rlff.metrics.gaps import honest_report

    tables = _load(args.data, args.seed)
    rep = honest_report(report(tables), tables)  # what the data cannot give is null, never an invented 0
    if args.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False, sort_keys=False))
    else:
        print(_format_report(rep))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        from rlff.io.imports import import_files_command
    except ImportError:  # pragma: no cover - the importer ships with the package
        raise CommandError("the importer is not installed; reinstall rlff") from None
    return import_files_command(list(args.files), args.out)


def cmd_export(args: argparse.Namespace) -> int:
    try:
        from rlff.export.command import export_command
        from rlff.export.images import ChromiumMissing, ImageRenderer
    except ImportError:  # pragma: no cover
        raise CommandError("the exporter is not installed; reinstall rlff") from None
    renderer = None
    if args.format != "csv":
        # Chromium takes seconds to start: launch it now, while the data loads.
        renderer = ImageRenderer()
        try:
            renderer.start()
        except ChromiumMissing:
            renderer = None  # export_command reports it, with both fixes, before writing anything
    try:
        tables = _load(args.data, args.seed, args.lang)
    except BaseException:
        if renderer is not None:
            renderer.close(wait=False)
        raise
    return export_command(tables, fmt=args.format, out=args.out, lang=args.lang, honest=args.honest, renderer=renderer)


def cmd_dashboard(args: argparse.Namespace) -> int:
    import importlib.util
    import subprocess

    from rlff.io.imports import MAX_UPLOAD_MB

    # The app lives in the sibling package rlff_app (rlff/ itself never imports streamlit).
    spec = importlib.util.find_spec("rlff_app")
    app = Path(spec.origin).with_name("main.py") if spec and spec.origin else Path("rlff_app/main.py")
    if not app.is_file():
        raise CommandError(f"the dashboard file is missing ({app}); reinstall rlff")
    cmd = [
        sys.executable,
        "-m",
        # `streamlit run`, with the app warmed up while the browser loads the page.
        "rlff_app.startup.launch",
        str(app),
        "--server.port",
        str(args.port),
        "--browser.gatherUsageStats",
        "false",
        # No first-run "Email:" prompt holding the terminal before the browser opens.
        "--server.showEmailPrompt",
        "false",
        # The repository's .streamlit/config.toml is not next to an installed package.
        "--server.maxUploadSize",
        str(MAX_UPLOAD_MB),
        # No full gc.collect() after every run (holds the GIL 0.1-0.3 s; see .streamlit/config.toml).
        "--runner.postScriptGC",
        "false",
    ]
    if args.headless:
        cmd += ["--server.headless", "true"]
    return subprocess.call(cmd)


EXAMPLES = {
    "generate": "example:\n  rlff generate --seed 7 --lang fr --out data/\n",
    "report": "examples:\n  rlff report\n  rlff report --json\n  rlff report --data data/ --json\n",
    "import": "example:\n  rlff import tweet_activity_metrics.csv inbox.csv costs.csv --out mydata/\n"
    "  rlff report --data mydata/\n",
    "export": "examples:\n  rlff export --format pptx --out deck.pptx\n"
    "  rlff export --format png --out charts/ --lang fr\n"
    "  rlff export --format pptx --honest --data mydata/ --out honest.pptx\n",
    "dashboard": "example:\n  rlff dashboard --port 8501\n",
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rlff",
        description="RLFF: Retweets, Likes, Friends, Fans — the deck for Big Boss, and what it hides.",
        epilog="examples:\n  rlff report\n  rlff generate --out sample_data/\n  rlff export --format pptx --out deck.pptx\n  rlff dashboard",
        formatter_class=_Formatter,
    )
    from rlff import __version__

    parser.add_argument("--version", action="version", version=f"rlff {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {}

    def add(name: str, help_: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=EXAMPLES[name], formatter_class=_Formatter)
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
    p.add_argument("--seed", type=_seed, default=0, help="random seed when simulating")
    p.add_argument("--json", action="store_true", help="print a JSON object instead of text")

    p = add(
        "import", "Turn platform exports (X, Facebook, Instagram, LinkedIn, RLFF CSVs) into RLFF tables.", cmd_import
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="export files to read")
    p.add_argument("--out", required=True, help="folder to write RLFF's tables into")

    p = add(
        "export", "Export the charts (PNG/SVG/PDF), the deck (PPTX), all charts (ZIP) or the tables (CSV).", cmd_export
    )
    p.add_argument("--format", required=True, choices=("png", "svg", "pdf", "pptx", "zip", "csv"), help="what to write")
    p.add_argument("--out", required=True, help="folder for png/svg/pdf/csv, file for pptx/zip")
    p.add_argument("--data", default=None, help="folder of RLFF CSVs (default: simulate the default scenario)")
    _add_common(p)
    p.add_argument("--honest", action="store_true", help="the honest edition: red-pen notes and a reality appendix")

    p = add("dashboard", "Open the dashboard in a browser.", cmd_dashboard)
    p.add_argument("--port", type=int, default=8501, help="port to serve on")
    p.add_argument("--headless", action="store_true", help="do not open a browser window")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rlff`` console script."""
    # Never fail after the work is done because the terminal cannot show a character
    # (PYTHONIOENCODING=ascii and an em dash): show it escaped instead.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        print(f"error: {safe_name(str(exc), 2000)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
        from rlff.simulation.scenario import ScenarioError

        if isinstance(exc, ScenarioError | ValueError | OSError):
            print(f"error: {safe_name(str(exc), 2000)}", file=sys.stderr)
            return EXIT_USAGE
        print(f"error: unexpected {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
