"""``rlff import FILE... --out DIR``: what the CLI wires, and what it prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rlff.io.names import safe_name
from rlff.io.tables import write_tables

from .decode import check_size
from .merge import import_files
from .problems import ImportProblem


def import_files_command(
    paths: list[str], out: str, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Import files and write RLFF tables to ``out``; all files must be readable.

    Args:
        paths: Files to import (exports and RLFF CSVs, in any mix).
        out: Folder to write ``<table>.csv`` files and ``meta.json`` into.
        stdout: Where the summary goes (default: ``sys.stdout``).
        stderr: Where ``error: …`` and ``warning: …`` lines go (default: ``sys.stderr``).

    Returns:
        0 when the tables were written; 2 when a file could not be imported or the folder
        could not be written (nothing is written then).
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        print("error: no file given; example: rlff import tweet_activity.csv inbox.csv --out mydata/", file=stderr)
        return 2
    files: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append((Path(path).name, _read(Path(path))))
        except ImportProblem as unreadable:
            problems.append(str(unreadable))
    outcome = import_files(files)
    problems += [str(p) for p in outcome.problems]
    if problems:
        for message in problems:
            print(f"error: {safe_name(message, 2000)}", file=stderr)
        print("error: nothing was written; fix the file(s) above and run the command again", file=stderr)
        return 2
    for warning in outcome.warnings:
        print(f"warning: {safe_name(warning, 2000)}", file=stderr)
    try:
        write_tables(outcome.tables, out)
    except OSError as err:
        print(f"error: cannot write to {safe_name(out)}: {safe_name(str(err.strerror or err), 500)}", file=stderr)
        return 2
    counts = ", ".join(f"{n} {name}" for name, n in outcome.row_counts.items() if n)
    kinds = "; ".join(f"{safe_name(r.filename)}: {r.label}" for r in outcome.results)
    meta = outcome.tables.meta
    print(f"imported {len(outcome.results)} file(s) ({kinds})", file=stdout)
    print(
        f"wrote {counts or 'no rows'} to {safe_name(out)} — {safe_name(meta.brand)}, {meta.start} to {meta.end}, "
        f"reported month {meta.reported_month:%Y-%m}",
        file=stdout,
    )
    return 0


def _read(path: Path) -> bytes:
    name = path.name or str(path)
    if not path.exists():
        raise ImportProblem(str(path), "no such file", hint="check the path and the file name")
    if not path.is_file():
        raise ImportProblem(str(path), "this is a folder, not a file", hint="name the export files themselves")
    check_size(path.stat().st_size, name)  # before reading: a huge file never enters memory
    try:
        return path.read_bytes()
    except OSError as err:
        raise ImportProblem(
            name, f"the file cannot be read ({err.strerror or err})", hint="check its permissions"
        ) from None
