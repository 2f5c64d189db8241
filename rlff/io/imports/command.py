"""``rlff import FILE... --out DIR``: what the CLI wires, and what it prints.

The folder keeps what it holds: each run merges the new files with the tables already in
``DIR`` (by the import merge rules), ``--replace`` starts the folder over. To merge exactly
(a post or a day given twice counts once, per platform), the folder keeps the files it was
built from in a small hidden workspace, ``DIR/.rlff-imports.sqlite``. When the CSVs no longer
match it (edited by hand, or written by an older RLFF), the CSVs themselves are taken as the
first files of a fresh one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rlff.i18n import fmt_date, labelled, t
from rlff.i18n.messages import Message, localize
from rlff.io.names import safe_name
from rlff.io.tables import table_to_csv_bytes, write_tables
from rlff.schema import TABLE_NAMES

from .decode import check_size
from .problems import ImportProblem

SIDECAR = ".rlff-imports.sqlite"
_FOLDER_BRAND = "folder"


def import_files_command(
    paths: list[str],
    out: str,
    *,
    replace: bool = False,
    lang: str = "en",
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Import files and merge them into the RLFF tables of ``out``; all files must be readable.

    Args:
        paths: Files to import (exports and RLFF CSVs, in any mix).
        out: Folder of ``<table>.csv`` files and ``meta.json``; what it holds is kept and merged.
        replace: Start the folder over: the tables it holds are replaced by the new files' alone.
        lang: Language of every line printed (``en`` or ``fr``).
        stdout: Where the summary goes (default: ``sys.stdout``).
        stderr: Where ``error: …`` and ``warning: …`` lines go (default: ``sys.stderr``).

    Returns:
        0 when the tables were written; 2 when a file could not be imported or the folder
        could not be written (the folder is left as it was then).
    """
    from rlff.io.workspace import WorkspaceError, open_workspace
    from rlff.io.workspace.store import read_all

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        print(t("cli.error", lang, message=t("import.cli.no_file", lang)), file=stderr)
        return 2
    files: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append((Path(path).name, read_path(Path(path))))
        except ImportProblem as unreadable:
            problems.append(unreadable.text(lang))
    folder = Path(out)
    sidecar = folder / SIDECAR
    if folder.exists() and not folder.is_dir():
        print(f"error: cannot write to {out}: it is a file, not a folder; choose another --out", file=stderr)
        return 2
    if problems:
        if files:  # the readable files' own problems too: one run names every fix
            try:
                read_all(files)
            except ImportProblem as first:
                problems += [p.text(lang) for p in getattr(first, "problems", [first])]
        return _refuse(problems, stderr, lang)
    try:
        read = read_all(files)  # every file readable before the folder is touched
    except ImportProblem as first:
        return _refuse([p.text(lang) for p in getattr(first, "problems", [first])], stderr, lang)
    try:
        if replace:
            _remove_sidecar(sidecar)
        ws = open_workspace(f"sqlite:///{sidecar.resolve()}")
        try:
            return _merge_into(ws, folder, read, replace, stdout, stderr, lang)
        finally:
            ws.close()
    except WorkspaceError as err:
        print(f"error: cannot write to {out}: {err}", file=stderr)
        return 2
    except OSError as err:
        reason = err.strerror or err
        print(t("cli.error", lang, message=t("import.cli.cannot_write", lang, out=out, reason=reason)), file=stderr)
        return 2


def _merge_into(ws, folder: Path, read, replace: bool, stdout: TextIO, stderr: TextIO, lang: str) -> int:  # noqa: ANN001
    held = _folder_csvs(folder)
    if replace:
        if held:
            print(f"note: --replace: the tables {folder} held are replaced by these files' alone", file=stdout)
    elif held and not _sidecar_matches(ws, folder):
        # The folder's CSVs are what the user has: they become the first files of a fresh record.
        for record in ws.history():
            ws.undo(record.id)
        try:
            ws.import_files(held, brand=_FOLDER_BRAND)
        except ImportProblem as problem:
            print(f"error: {folder} holds a table RLFF cannot read: {problem}", file=stderr)
            print("error: nothing was written; fix that file, or start the folder over with --replace", file=stderr)
            return 2
    elif held:
        print(f"note: merging with the tables already in {folder}", file=stdout)
    record = ws.import_results(*read, brand=_FOLDER_BRAND)
    tables = ws.merged(_FOLDER_BRAND)
    try:
        write_tables(tables, folder)
    except OSError:
        ws.undo(record.id)  # the record follows the folder: what was not written is not kept
        raise
    for warning in record.warnings:
        print(t("cli.warning", lang, message=safe_name(localize(warning, lang), 2000)), file=stderr)
    counts = ", ".join(f"{len(tables.table(n))} {n}" for n in TABLE_NAMES if len(tables.table(n)))
    kinds = "; ".join(labelled(safe_name(f.name), f.kind, lang) for f in record.files)
    meta = tables.meta
    print(t("import.cli.imported", lang, n=len(record.files), kinds=kinds), file=stdout)
    summary = t(
        "import.cli.wrote",
        lang,
        counts=counts or t("import.cli.no_rows", lang),
        out=safe_name(str(folder)),
        brand=safe_name(meta.brand),
        start=fmt_date(meta.start, lang),
        end=fmt_date(meta.end, lang),
        month=f"{meta.reported_month:%Y-%m}",
    )
    print(summary, file=stdout)
    return 0


def _refuse(problems: list[str], stderr: TextIO, lang: str = "en") -> int:
    for message in problems:
        print(t("cli.error", lang, message=safe_name(message, 2000)), file=stderr)
    print(t("cli.error", lang, message=t("import.cli.nothing_written", lang)), file=stderr)
    return 2


def _folder_csvs(folder: Path) -> list[tuple[str, bytes]]:
    """The RLFF tables the folder holds, as files (header-only tables left out)."""
    held = []
    for name in TABLE_NAMES:
        path = folder / f"{name}.csv"
        if path.is_file():
            data = path.read_bytes()
            if data.strip().count(b"\n") >= 1:
                held.append((path.name, data))
    return held


def _sidecar_matches(ws, folder: Path) -> bool:  # noqa: ANN001
    """True when the folder's CSVs are exactly what the hidden workspace would write."""
    if not ws.history():
        return False
    tables = ws.merged(_FOLDER_BRAND)
    for name in TABLE_NAMES:
        path = folder / f"{name}.csv"
        expected = table_to_csv_bytes(name, tables.table(name))
        if not path.is_file():
            if len(tables.table(name)):
                return False
            continue
        if path.read_bytes() != expected:
            return False
    return True


def _remove_sidecar(sidecar: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{sidecar}{suffix}").unlink(missing_ok=True)


def read_path(path: Path) -> bytes:
    """The bytes of one file to import, or :class:`ImportProblem` saying why it cannot be read."""
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
