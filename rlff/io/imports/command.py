"""``rlff import FILE... --out DIR``: what the CLI wires, and what it prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rlff.i18n import fmt_date, labelled, t
from rlff.i18n.messages import Message, localize
from rlff.io.tables import write_tables

from .decode import check_size
from .merge import import_files
from .problems import ImportProblem


def import_files_command(
    paths: list[str], out: str, *, lang: str = "en", stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Import files and write RLFF tables to ``out``; all files must be readable.

    Args:
        paths: Files to import (exports and RLFF CSVs, in any mix).
        out: Folder to write ``<table>.csv`` files and ``meta.json`` into.
        lang: Language of every line printed (``en`` or ``fr``).
        stdout: Where the summary goes (default: ``sys.stdout``).
        stderr: Where ``error: …`` and ``warning: …`` lines go (default: ``sys.stderr``).

    Returns:
        0 when the tables were written; 2 when a file could not be imported or the folder
        could not be written (nothing is written then).
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        print(t("cli.error", lang, message=t("import.cli.no_file", lang)), file=stderr)
        return 2
    files: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append((Path(path).name, _read(Path(path))))
        except ImportProblem as unreadable:
            problems.append(unreadable.text(lang))
    outcome = import_files(files)
    problems += [p.text(lang) for p in outcome.problems]
    if problems:
        for message in problems:
            print(t("cli.error", lang, message=message), file=stderr)
        print(t("cli.error", lang, message=t("import.cli.nothing_written", lang)), file=stderr)
        return 2
    for warning in outcome.warnings:
        print(t("cli.warning", lang, message=localize(warning, lang)), file=stderr)
    try:
        write_tables(outcome.tables, out)
    except OSError as err:
        reason = err.strerror or err
        print(t("cli.error", lang, message=t("import.cli.cannot_write", lang, out=out, reason=reason)), file=stderr)
        return 2
    counts = ", ".join(f"{n} {name}" for name, n in outcome.row_counts.items() if n)
    kinds = "; ".join(labelled(r.filename, localize(r.label, lang), lang) for r in outcome.results)
    meta = outcome.tables.meta
    print(t("import.cli.imported", lang, n=len(outcome.results), kinds=kinds), file=stdout)
    summary = t(
        "import.cli.wrote",
        lang,
        counts=counts or t("import.cli.no_rows", lang),
        out=out,
        brand=meta.brand,
        start=fmt_date(meta.start, lang),
        end=fmt_date(meta.end, lang),
        month=f"{meta.reported_month:%Y-%m}",
    )
    print(summary, file=stdout)
    return 0


def _read(path: Path) -> bytes:
    name = path.name or str(path)
    if not path.exists():
        raise ImportProblem(str(path), Message("import.no_such_file"), hint=Message("import.hint.check_path"))
    if not path.is_file():
        raise ImportProblem(str(path), Message("import.is_folder"), hint=Message("import.hint.name_files"))
    check_size(path.stat().st_size, name)  # before reading: a huge file never enters memory
    try:
        return path.read_bytes()
    except OSError as err:
        raise ImportProblem(
            name,
            Message("import.cannot_read_file", reason=err.strerror or err),
            hint=Message("import.hint.permissions"),
        ) from None
