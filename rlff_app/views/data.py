"""Your data: add exports and RLFF CSVs to a brand of the workspace, see its imports, remove one, see what it lacks.

Everything that comes from a file or the workspace (names, brand, cells, import messages) is
shown as plain text: ``st.dataframe``, ``st.text``, or Markdown-escaped by
:func:`rlff_app.show.plain_md`.
Import messages, notes and "Recognised as" values are said in the page's language
(:func:`rlff.i18n.messages.localize`), also when the reader switches language after an upload.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from rlff.i18n import fmt_date, fmt_int, fmt_month, t
from rlff.i18n.messages import localize
from rlff.io.imports import MAX_UPLOAD_MB, blank_template
from rlff.io.workspace import ImportRecord
from rlff.schema import TABLE_NAMES, Tables
from rlff_app import brand_picker, login, upload
from rlff_app.context import BRAND, BRAND_TABLES, AppContext, PageSpec, current
from rlff_app.dataset import (
    PREVIEW_ROWS,
    Gaps,
    missing_label,
    missing_reason,
    missing_upload,
    templates_needed,
)
from rlff_app.show import plain_md


def _report(report: upload.BatchReport | upload.UndoReport, lang: str) -> None:
    """What the last upload or removal did: files stored, one error per file refused, notes."""
    if isinstance(report, upload.UndoReport):
        if report.error:
            st.error(plain_md(report.error), icon=":material/error:")
        else:
            files = ", ".join(report.files)
            st.success(plain_md(t("data.ws.undone", lang, id=report.import_id, files=files)), icon=":material/undo:")
        return
    if report.stored:
        files = ", ".join(report.read)
        message = t("data.ws.stored", lang, brand=report.brand or "", id=report.import_id, files=files)
        st.success(plain_md(message), icon=":material/check:")
    for problem in report.problems:
        st.error(plain_md(t("data.problem", lang, message=localize(problem, lang))), icon=":material/error:")
    if report.error:
        st.error(plain_md(report.error), icon=":material/error:")
    if not report.stored:
        st.info(t("data.ws.nothing_stored", lang))
    for note in report.notes:
        st.warning(plain_md(localize(note, lang)))


def _rows(counts: dict[str, int], lang: str) -> str:
    return " · ".join(f"{name} {fmt_int(n, lang)}" for name, n in counts.items() if n)


def _history(records: list[ImportRecord], brand: str, lang: str) -> None:
    """The brand's imports, newest first, each with its "Remove" button."""
    st.subheader(plain_md(t("data.ws.history", lang, brand=brand)))
    if not records:
        st.info(t("data.ws.history.empty", lang))
        return
    for record in records:
        left, right = st.columns([6, 1], vertical_alignment="center")
        with left:
            files = ", ".join(f.name for f in record.files)
            rows = _rows(record.rows, lang) or "—"
            at = f"{fmt_date(record.at, lang)} {record.at:%H:%M} UTC"
            st.text(t("data.ws.import_line", lang, id=record.id, at=at, files=files, rows=rows))
        if login.allowed("undo", record.brand):  # a viewer gets no Remove button
            with right:
                st.button(
                    t("data.ws.undo", lang),
                    key=f"data.undo.{record.id}",
                    on_click=_undo,
                    args=(record.id, record.brand, lang),
                    help=t("data.ws.undo.help", lang),
                    icon=":material/delete:",
                )


def _undo(import_id: int, brand: str, lang: str) -> None:
    """The Remove button's callback, checked again when it runs (the session's rights may have changed)."""
    if login.allowed("undo", brand):
        upload.undo(import_id, lang)


def _dataset(tables: Tables, lang: str) -> None:
    """The brand's merged data: its period, its months, a preview of each table."""
    st.subheader(t("data.loaded", lang))
    meta = tables.meta
    st.text(  # the brand comes from a file or the workspace: plain text
        t(
            "data.summary",
            lang,
            brand=meta.brand,
            start=fmt_date(meta.start, lang),
            end=fmt_date(meta.end, lang),
            month=fmt_month(meta.reported_month, lang),
        )
    )
    for name in TABLE_NAMES:
        frame = tables.table(name)
        if frame.empty:
            continue
        with st.expander(plain_md(t("data.preview", lang, file=name))):
            head = frame.head(PREVIEW_ROWS)
            st.text(t("data.preview.table", lang, table=name, n=len(head), total=fmt_int(len(frame), lang)))
            st.dataframe(head, hide_index=True, width="stretch", key=f"data.preview.{name}")


def _missing(gaps: Gaps, lang: str) -> None:
    """What the files cannot tell, what to upload, and a blank template for each table that would tell it."""
    st.subheader(t("data.missing.heading", lang))
    if not gaps.missing:
        st.success(t("data.missing.none", lang))
        return
    st.caption(t("data.missing.intro", lang))
    items = list(gaps.missing.values())
    table = pd.DataFrame(
        {
            t("data.missing.metric", lang): [missing_label(m, lang) for m in items],
            t("data.missing.why", lang): [missing_reason(m, lang) for m in items],
            t("data.missing.upload", lang): [missing_upload(m, lang) for m in items],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="data.missing")
    st.text(t("data.missing.templates", lang))
    templates = templates_needed(gaps)
    for col, (name, filename) in zip(st.columns(4) * len(templates), templates, strict=False):
        with col:
            st.download_button(
                t("data.template", lang, file=filename),
                data=blank_template(name),
                file_name=filename,
                mime="text/csv",
                key=f"data.template.{name}",
                icon=":material/download:",
                on_click="ignore",
            )


def _upload(brand: str | None, lang: str) -> None:
    """The target brand and the uploader; new files are stored when the session may import into the target."""
    user = login.current_user()
    mine = sorted(user.brands) if user is not None and not user.is_admin else None
    default = brand or (mine[0] if mine else "")
    target = st.text_input(
        t("data.ws.target", lang),
        value=default,
        key=f"data.target.{default}",  # a fresh box, holding the brand shown, when the brand changes
        max_chars=100,
        help=t("data.ws.target.help", lang),
    )
    files = st.file_uploader(
        t("data.ws.upload", lang),
        accept_multiple_files=True,
        key=upload.uploader_key(),
        help=t("data.ws.upload.help", lang),
        max_upload_size=MAX_UPLOAD_MB,
    )
    st.caption(t("data.limit", lang, mb=MAX_UPLOAD_MB))
    wanted = target.strip() or None
    if mine is not None and (wanted is None or not login.allowed("import", wanted)):
        if files:  # an editor names one of their brands; nothing is stored for another
            denied = t("data.ws.denied", lang, brand=wanted or "", brands=", ".join(mine))
            st.error(plain_md(denied), icon=":material/lock:")
        return
    report = upload.store_new_files(files or [], wanted, lang)
    if report is not None:
        if report.brand:
            brand_picker.request(report.brand)  # show what was just stored
        st.rerun()  # the sidebar and the context were drawn before the store changed: draw them again


def render(ctx: AppContext) -> None:
    """Draw the upload (to the workspace), the last report, the brand's imports with their undo, its data and gaps."""
    lang = ctx.lang
    brand = st.session_state.get(BRAND)
    st.title(t("data.heading", lang))
    user = login.current_user()
    if user is not None and user.role == "viewer":
        st.info(t("data.ws.viewer", lang))  # no upload for a viewer
    else:
        st.caption(t("data.ws.intro", lang))
        _upload(brand, lang)
    report = upload.last_report()
    if report is not None:
        _report(report, lang)
    tables = st.session_state.get(BRAND_TABLES)
    if not brand or not isinstance(tables, Tables):
        st.info(t("data.ws.none", lang))
        return
    records = brand_picker.history()
    _history(records, str(brand), lang)
    if not records:
        return
    shown = ctx.tables()  # the brand's data for the month picked
    _dataset(shown, lang)
    _missing(ctx.gaps(), lang)


PAGE = PageSpec(key="data", title_key="page.data", file=Path(__file__))

if __name__ == "__main__":
    render(current())
