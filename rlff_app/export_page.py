"""The Export page: the deck for Big Boss (.pptx), every chart in a ZIP, and one PNG per chart.

Call :func:`render_export_page` from a page script. The files are made by the same
functions as ``rlff export`` (:mod:`rlff.export.command`), with the process's shared browser
(:func:`rlff.export.images.shared_renderer`), which serves every session at once. The deck can be
built on the company's own .pptx/.potx (a file picker). Deck and ZIP
are prepared on a click, with a progress bar, and kept in the session until the data,
the language or the edition changes; a single chart's PNG renders when its button is
clicked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from rlff.charts import Chart, build_charts
from rlff.export import images
from rlff.export.images import BrowserFailed, ChromiumMissing, ExportError, export_images, image_name
from rlff.i18n import t
from rlff.i18n.messages import localize
from rlff.schema import TABLE_NAMES, Tables
from rlff_app.show import plain_md

STATE = "export.files"  # session_state: {"deck": (fingerprint, bytes), "zip": (fingerprint, bytes)}


def _t(key: str, lang: str, **values: object) -> str:
    return t(f"export.{key}", lang, **values)


def fingerprint(tables: Tables, lang: str, *extra: object) -> str:
    """A cheap digest of a dataset (meta, row counts, a few totals) and options, to key prepared files."""
    parts: list[object] = [tables.meta, lang, *extra]
    for name in TABLE_NAMES:
        df = tables.table(name)
        parts.append((name, len(df)))
        numeric = df.select_dtypes("number")
        if len(numeric.columns):
            parts.append(tuple(round(float(x), 6) for x in numeric.sum().to_numpy()))
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def _progress_bar(lang: str) -> tuple[Any, Callable[[int, int, str], None]]:
    bar = st.progress(0.0, text=_t("rendering", lang, done=0, total="…", label=""))

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(
            min(done / max(total, 1), 1.0), text=_t("rendering", lang, done=done, total=total, label=plain_md(label))
        )

    return bar, progress


def _prepared(kind: str, fp: str) -> bytes | None:
    kept = st.session_state.get(STATE, {}).get(kind)
    return kept[1] if kept and kept[0] == fp else None


def _keep(kind: str, fp: str, data: bytes) -> None:
    files = dict(st.session_state.get(STATE, {}))
    files[kind] = (fp, data)
    st.session_state[STATE] = files


def _prepare(kind: str, fp: str, make: Callable[[Callable[[int, int, str], None]], bytes], lang: str) -> None:
    from rlff.export.deck import TemplateError

    bar, progress = _progress_bar(lang)
    try:
        _keep(kind, fp, make(progress))
    except BrowserFailed as exc:  # a browser that hung or stopped: it names the browser and the chart
        st.error(_t("browser_failed", lang, message=plain_md(exc.message(lang))))
    except ChromiumMissing as exc:
        st.error(exc.message(lang))  # our own message (install commands), no data in it
    except TemplateError as exc:
        st.error(_t("template.bad", lang, message=plain_md(exc.message(lang))))
    except (ExportError, ValueError) as exc:  # a message, never a traceback (a name python-pptx refuses, say)
        st.error(_t("failed", lang, message=plain_md(localize(exc, lang))))
    finally:
        bar.empty()


def _png_of(chart: Chart) -> Callable[[], bytes]:
    """A deferred download: renders the chart when its button is clicked (Streamlit runs it in a thread)."""

    def make() -> bytes:
        return export_images([chart], "png", renderer=images.shared_renderer())[chart.key]

    return make


def render_export_page(tables: Tables, lang: str, charts: Sequence[Chart] | None = None) -> None:
    """Draw the Export page for ``tables`` in ``lang``.

    Args:
        tables: the dataset the dashboard shows (simulated or uploaded).
        lang: "en" or "fr".
        charts: every chart of ``tables`` in ``lang`` if the caller has them cached
            (all views); built here otherwise.
    """
    # Here, not at the top: python-pptx loads only when someone opens this page.
    from rlff.export.command import export_zip, zip_file_name
    from rlff.export.deck import deck_file_name, export_deck

    st.title(_t("title", lang))
    st.markdown(_t("intro", lang))
    if images.chromium_path() is None:
        st.error(ChromiumMissing().message(lang))  # our own message (install commands), no data in it
        return
    honest = st.toggle(_t("honest", lang), key="export.honest", help=_t("honest.help", lang))
    all_charts = list(charts) if charts is not None else build_charts(tables, lang=lang)
    renderer = images.shared_renderer()

    deck_col, zip_col = st.columns(2)
    with deck_col:
        st.subheader(_t("deck", lang))
        upload = st.file_uploader(
            _t("template", lang), type=["pptx", "potx"], key="export.template", help=_t("template.help", lang)
        )
        template = upload.getvalue() if upload is not None else None
        digest = hashlib.sha256(template).hexdigest()[:16] if template else None
        fp = fingerprint(tables, lang, "deck", honest, digest)
        if st.button(_t("deck.prepare", lang), key="export.deck.prepare", icon=":material/slideshow:"):
            _prepare(
                "deck",
                fp,
                lambda p: export_deck(
                    tables,
                    lang=lang,
                    honest=honest,
                    charts=all_charts,
                    renderer=renderer,
                    progress=p,
                    template=template,
                ),  # fmt: skip
                lang,
            )
        deck = _prepared("deck", fp)
        if deck is not None:
            name = deck_file_name(tables, honest=honest)
            st.download_button(
                _t("deck.download", lang),
                data=deck,
                file_name=name,
                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                key="export.deck.download",
                icon=":material/download:",
                on_click="ignore",
            )
            st.caption(_t("ready", lang, name=name))
    with zip_col:
        st.subheader(_t("zip", lang))
        fp = fingerprint(tables, lang, "zip")
        folder = zip_file_name(tables).removesuffix(".zip")
        if st.button(_t("zip.prepare", lang), key="export.zip.prepare", icon=":material/folder_zip:"):
            _prepare("zip", fp, lambda p: export_zip(all_charts, folder=folder, renderer=renderer, progress=p), lang)
        archive = _prepared("zip", fp)
        if archive is not None:
            st.download_button(
                _t("zip.download", lang),
                data=archive,
                file_name=zip_file_name(tables),
                mime="application/zip",
                key="export.zip.download",
                icon=":material/download:",
                on_click="ignore",
            )
            st.caption(_t("ready", lang, name=zip_file_name(tables)))

    st.subheader(_t("charts", lang))
    for row in range(0, len(all_charts), 2):
        for col, chart in zip(st.columns(2), all_charts[row : row + 2], strict=False):
            with col:
                st.text(chart.title)  # titles may carry data (the brand): plain text
                st.download_button(
                    _t("png", lang),
                    data=_png_of(chart),
                    file_name=image_name(chart.key, "png"),
                    mime="image/png",
                    key=f"export.png.{chart.key}",
                    icon=":material/image:",
                    on_click="ignore",
                )
