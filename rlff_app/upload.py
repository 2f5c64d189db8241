"""The session's uploaded dataset: read new files, keep the last good data, switch the dashboard to it.

Files add up: each upload joins the files already loaded (a file with the same name, or
the same bytes, replaces the earlier one), so a reader can go to another view and come
back with the inbox. A file that cannot be read adds its message to the report and changes
nothing else: the data loaded before stays in use. Nothing here raises: an importer bug
becomes a message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import streamlit as st

from rlff_app.context import DATA_SOURCE, UPLOAD_INFO, UPLOAD_KEY, UPLOAD_TABLES
from rlff_app.dataset import UploadedData, uploaded_data

if TYPE_CHECKING:
    from rlff.io.imports import ImportResult

REPORT = "rlff.upload.report"  # the last batch's BatchReport
SEEN = "rlff.upload.seen"  # file ids already read (the uploader returns every file on every rerun)
NONCE = "rlff.upload.nonce"  # bumped by "Forget my files" to give the uploader a fresh, empty key


class UploadedFileLike(Protocol):
    """What this module needs of streamlit's UploadedFile."""

    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class BatchReport:
    """What the last upload did.

    Attributes:
        read: Files read and added to the dataset.
        problems: One paragraph per file that could not be read (rlff.io.imports.ImportProblem text).
        notes: The importer's notes about the batch (the same file twice, …).
        error: An unexpected failure, already phrased for the reader, or None.
        kept_previous: True when nothing new was loaded and the earlier data stays in use.
        replaced: Earlier files a new one replaced (same name or same bytes).
    """

    read: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None
    kept_previous: bool = False
    replaced: tuple[str, ...] = ()


def current() -> UploadedData | None:
    """The dataset loaded in this session, if any."""
    data = st.session_state.get(UPLOAD_INFO)
    return data if isinstance(data, UploadedData) else None


def last_report() -> BatchReport | None:
    """What the last upload did (shown until the next one)."""
    report = st.session_state.get(REPORT)
    return report if isinstance(report, BatchReport) else None


def uploader_key() -> str:
    """The uploader's widget key: "data.upload", then a fresh one after each "Forget my files"."""
    from rlff_app.parse_worker import warm

    warm()  # the uploader is about to be drawn: start the parsing worker now
    nonce = int(st.session_state.get(NONCE, 0))
    return "data.upload" if nonce == 0 else f"data.upload.{nonce}"


def _keep(data: UploadedData) -> None:
    st.session_state[UPLOAD_INFO] = data
    st.session_state[UPLOAD_TABLES] = data.tables
    st.session_state[UPLOAD_KEY] = data.digest


def forget() -> None:
    """Callback of "Forget my files": drop the dataset, the report, and empty the uploader."""
    for key in (UPLOAD_INFO, UPLOAD_TABLES, UPLOAD_KEY, REPORT, SEEN):
        st.session_state.pop(key, None)
    st.session_state[NONCE] = int(st.session_state.get(NONCE, 0)) + 1
    st.session_state[DATA_SOURCE] = "simulation"


def _combine(kept: Sequence[ImportResult], new: Sequence[ImportResult]) -> list[ImportResult]:
    """The earlier files, minus those a new file replaces (same name or same bytes), then the new ones."""
    names = {r.filename for r in new}
    digests = {r.digest for r in new}
    return [r for r in kept if r.filename not in names and r.digest not in digests] + list(new)


def read_new_files(files: Sequence[UploadedFileLike], unexpected: str) -> BatchReport | None:
    """Read the files the uploader holds that were not read yet; returns the batch's report, or None.

    On success the dashboard switches to the data (``DATA_SOURCE`` = "upload"); call this
    before the switch widget is drawn.

    Args:
        files: What ``st.file_uploader(accept_multiple_files=True)`` returned.
        unexpected: The message for a failure of the importer itself, with an ``{error}`` placeholder.
    """
    # Here, not at the top: the readers (pandera, spreadsheet libraries) load on the first upload.
    from rlff.io.imports import merge_results
    from rlff_app.parse_worker import import_files_isolated

    seen: set[str] = st.session_state.setdefault(SEEN, set())
    fresh = [f for f in files if f.file_id not in seen]
    if not fresh:
        return None
    seen.update(f.file_id for f in fresh)
    before = current()
    try:
        outcome = import_files_isolated([(f.name, f.getvalue()) for f in fresh])  # off this process
        results = outcome.results
        data = None
        if results:
            if before is None:
                data = uploaded_data(outcome.tables, results)
            else:
                combined = _combine(before.results, results)
                notes: list[str] = []
                tables = merge_results(combined, notes)
                data = uploaded_data(tables, combined, notes)
    except Exception as exc:  # an importer bug: a message, and the earlier data stays
        report = BatchReport(error=unexpected.format(error=type(exc).__name__), kept_previous=before is not None)
        st.session_state[REPORT] = report
        return report
    kept_ids = {id(r) for r in data.results} if data is not None else set()
    same = {(r.filename, r.digest) for r in results}  # the same file again is not "replaced"
    replaced = tuple(
        r.filename
        for r in (before.results if before else ())
        if data and id(r) not in kept_ids and (r.filename, r.digest) not in same
    )
    per_file = {w for r in results for w in r.warnings}
    report = BatchReport(
        read=tuple(r.filename for r in results),
        problems=tuple(str(p) for p in outcome.problems),
        notes=tuple(w for w in outcome.warnings if w not in per_file),
        kept_previous=data is None and before is not None,
        replaced=replaced,
    )
    if data is not None:
        _keep(data)
        st.session_state[DATA_SOURCE] = "upload"
    st.session_state[REPORT] = report
    return report
