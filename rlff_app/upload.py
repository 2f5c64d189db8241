"""Uploads go to the workspace: each batch of files is one import of a brand, removed again by its undo.

What the dashboard shows is what the workspace holds: the upload widget only adds files
(it is emptied once they are stored, so its × has nothing left to take away), and an
import is taken out with its "Remove" button in the history (:func:`undo`). A file that
cannot be read is reported and the others of the batch are stored; nothing here raises:
a workspace or importer failure becomes a message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import streamlit as st

from rlff.i18n import t
from rlff.io.workspace import ImportRecord, Workspace, WorkspaceError
from rlff_app import workspace

REPORT = "rlff.upload.report"  # the last batch's BatchReport (or the last undo's UndoReport)
SEEN = "rlff.upload.seen"  # file ids already handled (the uploader returns every file on every rerun)
NONCE = "rlff.upload.nonce"  # bumped after each batch: a fresh, empty uploader


class UploadedFileLike(Protocol):
    """What this module needs of streamlit's UploadedFile."""

    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class BatchReport:
    """What the last upload did.

    Attributes:
        read: Files stored (in import ``import_id`` of ``brand``).
        problems: One paragraph per file that could not be read (rlff.io.imports.ImportProblem text).
        notes: What the importer noticed (the same file twice, a file already in the workspace…).
        error: A workspace or importer failure, already phrased for the reader, or None.
        brand: The brand the files went to (None when nothing was stored).
        import_id: The import's number in the workspace (None when nothing was stored).
    """

    read: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None
    brand: str | None = None
    import_id: int | None = None

    @property
    def stored(self) -> bool:
        """True when an import was added to the workspace."""
        return self.import_id is not None


@dataclass(frozen=True)
class UndoReport:
    """What the last "Remove" did: the import taken out, or why it was refused."""

    import_id: int
    files: tuple[str, ...] = ()
    error: str | None = None


def last_report() -> BatchReport | UndoReport | None:
    """What the last upload or removal did (shown until the next one)."""
    report = st.session_state.get(REPORT)
    return report if isinstance(report, BatchReport | UndoReport) else None


def uploader_key() -> str:
    """The uploader's widget key: "data.upload", then a fresh one after each batch."""
    from rlff_app.parse_worker import warm

    warm()  # the uploader is about to be drawn: start the parsing worker now
    nonce = int(st.session_state.get(NONCE, 0))
    return "data.upload" if nonce == 0 else f"data.upload.{nonce}"


def store(files: Sequence[tuple[str, bytes]], brand: str | None, lang: str, ws: Workspace | None = None) -> BatchReport:
    """Store ``files`` as one import of ``brand`` (None: the brand the files name, else "default").

    Files that cannot be read are reported and left out; the others are stored together.
    Safe to call from several sessions at once: the workspace queues the writes.
    """
    # Here, not at the top: the readers (pandera, spreadsheet libraries) load on the first upload.
    from rlff.io.imports import ImportProblem
    from rlff_app.parse_worker import import_files_isolated

    problems: list[str] = []
    # Read first in the parsing worker, under its time and size budgets: a spreadsheet bomb or a
    # reader stuck on a huge file costs that process, not this server's other visitors.
    screened = import_files_isolated(list(files))
    refused = {p.file for p in screened.problems}
    problems += [p.localized() for p in screened.problems]
    todo = [f for f in files if f[0] not in refused]
    if not todo:
        return BatchReport(problems=tuple(problems))
    try:
        target = ws if ws is not None else workspace.for_writing()
        while True:
            try:
                record = target.import_files(todo, brand=brand)
                break
            except ImportProblem as problem:
                bad = list(getattr(problem, "problems", [problem]))
                problems += [p.localized() for p in bad]  # said in the page's language when shown
                names = {p.file for p in bad}
                left = [f for f in todo if f[0] not in names]
                if not left or len(left) == len(todo):
                    return BatchReport(problems=tuple(problems))
                todo = left  # store the files that read fine
    except WorkspaceError as exc:
        return BatchReport(problems=tuple(problems), error=exc.message(lang))
    except Exception as exc:  # noqa: BLE001 - an importer or database bug: a message, and nothing stored
        return BatchReport(problems=tuple(problems), error=t("data.unexpected", lang, error=type(exc).__name__))
    return _stored(record, problems)


def _stored(record: ImportRecord, problems: list[str]) -> BatchReport:
    return BatchReport(
        read=tuple(f.name for f in record.files),
        problems=tuple(problems),
        notes=tuple(record.warnings),
        brand=record.brand,
        import_id=record.id,
    )


def store_new_files(files: Sequence[UploadedFileLike], brand: str | None, lang: str) -> BatchReport | None:
    """Store the files the uploader holds that were not handled yet; returns the batch's report, or None.

    The uploader is then emptied (a fresh key): the files live in the workspace, listed in the history.
    """
    seen: set[str] = st.session_state.setdefault(SEEN, set())
    fresh = [f for f in files if f.file_id not in seen]
    if not fresh:
        return None
    seen.update(f.file_id for f in fresh)
    report = store([(f.name, f.getvalue()) for f in fresh], brand, lang)
    st.session_state[REPORT] = report
    st.session_state[NONCE] = int(st.session_state.get(NONCE, 0)) + 1
    return report


def undo(import_id: int, lang: str) -> None:
    """Callback of an import's "Remove" button: take exactly its rows out of the workspace."""
    try:
        ws = workspace.existing()
        if ws is None:
            raise WorkspaceError("workspace.error.no_import", id=import_id)
        record = ws.undo(import_id)
    except WorkspaceError as exc:
        st.session_state[REPORT] = UndoReport(import_id, error=exc.message(lang))
        return
    st.session_state[REPORT] = UndoReport(import_id, files=tuple(f.name for f in record.files))
