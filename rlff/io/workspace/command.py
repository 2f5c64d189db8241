"""``rlff import`` (into the workspace), ``rlff history``, ``rlff undo``, ``rlff brand``, ``rlff brands``.

Each function prints what it did (in the user's language: ``RLFF_LANG``, else the locale)
and returns the exit code; the problems a user can fix are raised as
:class:`~.errors.WorkspaceError` (``rlff`` prints ``error: …`` and exits 2).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

from rlff.i18n import LANGS, fmt_int, t
from rlff.io.imports.problems import ImportProblem
from rlff.schema import TABLE_NAMES

from .errors import WorkspaceError
from .records import MAX_LOGO_BYTES, BrandSettings, ImportRecord
from .store import Workspace


def cli_lang() -> str:
    """The language of the command's messages: ``$RLFF_LANG``, else French for a French locale."""
    for var in ("RLFF_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value[:2].lower()
            return code if code in LANGS else "en"
    return "en"


def read_inputs(paths: list[str]) -> list[tuple[str, bytes]]:
    """The named files' bytes; the first unreadable one raises :class:`ImportProblem`."""
    from rlff.io.imports.command import read_path

    return [(Path(p).name, read_path(Path(p))) for p in paths]


def import_command(
    ws: Workspace, paths: list[str], brand: str | None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """``rlff import FILE... [--brand NAME]``: add the files to the workspace, say what was added."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    lang = cli_lang()
    try:
        record = ws.import_files(read_inputs(paths), brand=brand)
    except ImportProblem as first:
        for problem in getattr(first, "problems", [first]):
            print(f"error: {problem}", file=stderr)
        print(f"error: {t('workspace.cli.nothing_stored', lang)}", file=stderr)
        return 2
    for warning in record.warnings:
        print(f"warning: {warning}", file=stderr)
    print(_import_line(record, lang), file=stdout)
    tables = ws.tables(record.brand)
    totals = ", ".join(f"{fmt_int(len(tables.table(n)), lang)} {n}" for n in TABLE_NAMES if len(tables.table(n)))
    meta = tables.meta
    print(
        t(
            "workspace.cli.brand_now",
            lang,
            brand=record.brand,
            totals=totals or "—",
            start=meta.start.isoformat(),
            end=meta.end.isoformat(),
        ),
        file=stdout,
    )
    return 0


def _rows_text(rows: dict[str, int], lang: str) -> str:
    return ", ".join(f"{fmt_int(n, lang)} {name}" for name, n in rows.items()) or t("workspace.cli.no_rows", lang)


def _import_line(record: ImportRecord, lang: str) -> str:
    files = "; ".join(
        f"{f.name} ({f.kind})" + (t("workspace.cli.same_as", lang, id=f.same_as) if f.same_as else "")
        for f in record.files
    )
    return t(
        "workspace.cli.imported",
        lang,
        id=record.id,
        brand=record.brand,
        files=files,
        rows=_rows_text(record.rows, lang),
    )


def history_command(ws: Workspace, brand: str | None, as_json: bool, *, stdout: TextIO | None = None) -> int:
    """``rlff history [--brand NAME] [--json]``: every import, newest first."""
    stdout = stdout or sys.stdout
    lang = cli_lang()
    if brand is not None and ws.brand_settings(brand) is None:
        raise WorkspaceError("workspace.error.no_brand", brand=brand)
    records = ws.history(brand)
    if as_json:
        print(json.dumps([r.to_json() for r in records], indent=2, ensure_ascii=False), file=stdout)
        return 0
    if not records:
        print(t("workspace.cli.no_history", lang), file=stdout)
        return 0
    for record in records:
        print(f"#{record.id}  {record.at:%Y-%m-%d %H:%M:%S} UTC  {record.brand}", file=stdout)
        for f in record.files:
            same = t("workspace.cli.same_as", lang, id=f.same_as) if f.same_as else ""
            print(f"    {f.name}  {f.kind}  {fmt_int(f.size, lang)} B  sha256 {f.sha256[:12]}…{same}", file=stdout)
        print(f"    {_rows_text(record.rows, lang)}", file=stdout)
    return 0


def undo_command(ws: Workspace, which: str, brand: str | None, *, stdout: TextIO | None = None) -> int:
    """``rlff undo IMPORT_ID`` or ``rlff undo last [--brand NAME]``."""
    stdout = stdout or sys.stdout
    lang = cli_lang()
    if which == "last":
        latest = ws.history(brand)
        if not latest:
            raise WorkspaceError("workspace.error.nothing_to_undo")
        import_id = latest[0].id
    else:
        try:
            import_id = int(which)
        except ValueError:
            raise WorkspaceError("workspace.error.undo_which", which=which) from None
    record = ws.undo(import_id)
    print(
        t("workspace.cli.undone", lang, id=record.id, brand=record.brand, rows=_rows_text(record.rows, lang)),
        file=stdout,
    )
    return 0


def brand_command(
    ws: Workspace,
    name: str,
    *,
    display_name: str | None = None,
    cm_name: str | None = None,
    logo: str | None = None,
    deck_lang: str | None = None,
    stdout: TextIO | None = None,
) -> int:
    """``rlff brand NAME [--display-name …] [--cm-name …] [--logo FILE] [--deck-lang en|fr]``."""
    stdout = stdout or sys.stdout
    lang = cli_lang()
    current = ws.brand_settings(name.strip()) or BrandSettings(name)
    logo_bytes = current.logo
    if logo is not None:
        logo_bytes = _read_logo(logo)
    settings = BrandSettings(
        name=current.name,
        display_name=current.display_name if display_name is None else display_name,
        cm_name=current.cm_name if cm_name is None else cm_name,
        logo=logo_bytes,
        deck_lang=current.deck_lang if deck_lang is None else deck_lang,
    )
    ws.save_brand(settings)
    print(t("workspace.cli.brand_saved", lang, brand=settings.name), file=stdout)
    print(_brand_line(ws.brand_settings(settings.name.strip()) or settings, lang), file=stdout)
    return 0


def _read_logo(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise WorkspaceError("workspace.error.logo_missing", path=path)
    if file.stat().st_size > MAX_LOGO_BYTES:
        raise WorkspaceError("workspace.error.logo_size", size_mb=f"{file.stat().st_size / 1e6:.1f}", limit_mb=2)
    try:
        return file.read_bytes()
    except OSError as err:
        raise WorkspaceError("workspace.error.logo_unreadable", path=path, reason=err.strerror or str(err)) from None


def _brand_line(s: BrandSettings, lang: str) -> str:
    logo = t("workspace.cli.logo_bytes", lang, size=fmt_int(len(s.logo), lang)) if s.logo else "—"
    return t(
        "workspace.cli.brand_line",
        lang,
        brand=s.name,
        display=s.shown_name,
        cm=s.cm_name or "—",
        logo=logo,
        deck_lang=s.deck_lang,
    )


def brands_command(ws: Workspace, as_json: bool, *, stdout: TextIO | None = None) -> int:
    """``rlff brands [--json]``: every brand and its settings."""
    stdout = stdout or sys.stdout
    lang = cli_lang()
    brands = ws.brands()
    if as_json:
        payload = [
            {
                "name": b.name,
                "display_name": b.display_name,
                "cm_name": b.cm_name,
                "logo_bytes": len(b.logo) if b.logo else 0,
                "deck_lang": b.deck_lang,
            }
            for b in brands
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False), file=stdout)
        return 0
    if not brands:
        print(t("workspace.cli.no_brands", lang), file=stdout)
    for b in brands:
        print(_brand_line(b, lang), file=stdout)
    return 0
