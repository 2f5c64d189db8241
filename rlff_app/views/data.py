"""Your data: upload exports and RLFF CSVs, see what each file was read as, switch the dashboard to them.

Everything that comes from a file (names, brand, cells, import messages) is shown as
plain text: ``st.dataframe``, ``st.text``, or Markdown-escaped by :func:`rlff_app.show.plain_md`.
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
from rlff_app import upload
from rlff_app.context import DATA_SOURCE, SOURCES, AppContext, PageSpec, current
from rlff_app.dataset import Gaps, UploadedData, missing_label, missing_reason, missing_upload, templates_needed
from rlff_app.show import plain_md


def _report(report: upload.BatchReport, lang: str) -> None:
    """What the last upload did: files read, one error per file refused, notes."""
    if report.read:
        st.success(plain_md(t("data.read", lang, files=", ".join(report.read))), icon=":material/check:")
    if report.replaced:
        st.info(plain_md(t("data.replaced", lang, files=", ".join(report.replaced))))
    for problem in report.problems:
        st.error(plain_md(t("data.problem", lang, message=localize(problem, lang))), icon=":material/error:")
    if report.error:
        st.error(plain_md(report.error), icon=":material/error:")
    if report.kept_previous:
        st.info(t("data.kept", lang))
    for note in report.notes:
        st.warning(plain_md(localize(note, lang)))


def _rows(counts: dict[str, int], lang: str) -> str:
    return " · ".join(f"{name} {fmt_int(n, lang)}" for name, n in counts.items() if n)


def _dataset(data: UploadedData, lang: str) -> None:
    """The merged dataset: its brand and period, each file as read, a preview of each."""
    st.subheader(t("data.loaded", lang))
    meta = data.tables.meta
    st.text(  # the brand comes from a file: plain text
        t(
            "data.summary",
            lang,
            brand=meta.brand,
            start=fmt_date(meta.start, lang),
            end=fmt_date(meta.end, lang),
            month=fmt_month(meta.reported_month, lang),
        )
    )
    files = pd.DataFrame(
        {
            t("data.files.file", lang): [f.filename for f in data.files],
            t("data.files.kind", lang): [localize(f.label, lang) for f in data.files],
            t("data.files.rows", lang): [_rows(f.row_counts, lang) for f in data.files],
        }
    )
    st.dataframe(files, hide_index=True, width="stretch", key="data.files")
    for note in data.warnings:
        st.warning(plain_md(localize(note, lang)))
    for i, f in enumerate(data.files):
        with st.expander(plain_md(t("data.preview", lang, file=f.filename)), expanded=len(data.files) == 1):
            for note in f.warnings:
                st.warning(plain_md(localize(note, lang)))
            for table, frame in f.previews.items():
                total = fmt_int(f.row_counts.get(table, len(frame)), lang)
                st.text(t("data.preview.table", lang, table=table, n=len(frame), total=total))
                st.dataframe(frame, hide_index=True, width="stretch", key=f"data.preview.{i}.{table}")


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


def render(ctx: AppContext) -> None:
    """Draw the upload, the last upload's report, the switch, the dataset and its gaps."""
    lang = ctx.lang
    st.title(t("data.heading", lang))
    st.caption(t("data.intro", lang))
    files = st.file_uploader(
        t("data.upload", lang),
        accept_multiple_files=True,
        key=upload.uploader_key(),
        help=t("data.upload.help", lang),
        max_upload_size=MAX_UPLOAD_MB,
    )
    st.caption(t("data.limit", lang, mb=MAX_UPLOAD_MB))
    if upload.read_new_files(files or [], t("data.unexpected", lang)) is not None:
        st.rerun()  # the sidebar and the context were drawn before the switch moved: draw them again
    report = upload.last_report()
    if report is not None:
        _report(report, lang)
    data = upload.current()
    st.radio(
        t("data.source", lang),
        SOURCES,
        key=DATA_SOURCE,
        format_func=lambda s: t(f"data.source.{s}", lang),
        horizontal=True,
        disabled=data is None,
        help=t("data.source.help", lang),
        persist_state="session",
    )
    if data is None:
        st.info(t("data.none", lang))
        return
    _dataset(data, lang)
    _missing(data.gaps, lang)
    st.button(t("data.forget", lang), key="data.forget", on_click=upload.forget, help=t("data.forget.help", lang))


PAGE = PageSpec(key="data", title_key="page.data", file=Path(__file__))

if __name__ == "__main__":
    render(current())
