"""Exports, as the dashboard and ``rlff export`` make them: images, the deck, a ZIP, the tables.

Everything here returns bytes or writes files through :func:`rlff.io.tables.atomic_write_bytes`;
the page's download buttons and the command line call the same functions:

* images: :func:`rlff.export.images.export_images` / :func:`rlff.export.images.save_images`
  (PNG at 2x, SVG, PDF; one browser for all of them);
* the deck: :func:`rlff.export.deck.export_deck` / :func:`rlff.export.deck.save_deck`;
* all charts in one file: :func:`export_zip` (PNG + SVG of every chart and a
  ``captions.md`` with their titles, captions and key figures);
* the tables: RLFF's CSV schema, with spreadsheet formulas neutralised.

A long export reports progress through ``progress(done, total, label)``: the page
feeds a progress bar with it, the command line a tqdm bar.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from rlff.export.deck import TemplateError, deck_file_name, export_deck, save_deck
from rlff.export.images import (
    FORMATS,
    ChromiumMissing,
    ExportError,
    ImageRenderer,
    Progress,
    export_images,
    image_name,
    save_images,
)
from rlff.i18n import t
from rlff.i18n.messages import LocalizedError, Message
from rlff.io.atomic import atomic_write_bytes
from rlff.io.tables import write_tables
from rlff.schema import Tables

__all__ = [
    "CLI_FORMATS",
    "ZIP_FORMATS",
    "ChromiumMissing",
    "ExportError",
    "deck_file_name",
    "export_command",
    "export_deck",
    "export_images",
    "export_zip",
    "send_command",
    "save_deck",
    "save_images",
    "save_tables_csv",
    "save_zip",
    "zip_file_name",
]

CLI_FORMATS: tuple[str, ...] = (*FORMATS, "pptx", "zip", "csv")
ZIP_FORMATS: tuple[str, ...] = ("png", "svg")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same charts give the same archive


def _captions_markdown(charts: Sequence[Any]) -> str:
    lines = ["# RLFF charts", ""]
    for c in charts:
        lines += [f"## {c.title}", "", f"`{c.key}` ({c.view})", "", c.caption, ""]
        if c.headline:
            lines += [f"- {k}: {v}" for k, v in c.headline.items()] + [""]
    return "\n".join(lines)


def zip_file_name(tables: Tables) -> str:
    """``rlff-charts-2026-01.zip`` for the dataset's reported month."""
    return f"rlff-charts-{pd.Timestamp(tables.meta.reported_month):%Y-%m}.zip"


def export_zip(
    charts: Iterable[Any],
    *,
    formats: Sequence[str] = ZIP_FORMATS,
    folder: str = "rlff-charts",
    renderer: ImageRenderer | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Every chart in every format of ``formats`` in one ZIP, with ``captions.md``; returns its bytes.

    Layout: ``<folder>/<fmt>/<key>.<fmt>`` and ``<folder>/captions.md``. One browser
    renders everything; entries carry a fixed date, so the same charts give the
    same bytes.
    """
    charts = list(charts)
    own = renderer is None
    renderer = renderer or ImageRenderer()
    total = len(charts) * len(formats)
    rendered: dict[str, dict[str, bytes]] = {}
    try:
        for i, fmt in enumerate(formats):
            offset = i * len(charts)

            def step(done: int, _total: int, label: str, offset: int = offset, fmt: str = fmt) -> None:
                if progress is not None:
                    progress(offset + done, total, f"{label} ({fmt.upper()})")

            rendered[fmt] = export_images(charts, fmt, renderer=renderer, progress=step)
    finally:
        if own:
            renderer.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for fmt in formats:
            for key, data in rendered[fmt].items():
                info = zipfile.ZipInfo(f"{folder}/{fmt}/{image_name(key, fmt)}", _ZIP_DATE)
                # PNG and PDF are already compressed; SVG is text.
                info.compress_type = zipfile.ZIP_DEFLATED if fmt == "svg" else zipfile.ZIP_STORED
                zf.writestr(info, data)
        info = zipfile.ZipInfo(f"{folder}/captions.md", _ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, _captions_markdown(charts).encode("utf-8"))
    return buf.getvalue()


def save_zip(charts: Iterable[Any], path: str | Path, **options: Any) -> Path:
    """Write :func:`export_zip` to ``path`` atomically."""
    data = export_zip(charts, **options)
    atomic_write_bytes(Path(path), data)
    return Path(path)


def save_tables_csv(tables: Tables, out_dir: str | Path) -> list[Path]:
    """The tables in RLFF's CSV schema (as ``rlff generate`` writes them), safe to open in a spreadsheet.

    Text cells that a spreadsheet would run as a formula (starting with ``= + - @``,
    a tab or a CR) get a leading ``'``; numbers are left alone.
    """
    return write_tables(tables, out_dir, neutralise_formulas=True)


# --- the command line -------------------------------------------------------------------------


class _UsageError(ExportError):
    """A bad --out or --format: the user's to fix (exit code 2)."""


def _error(problem: LocalizedError | Message, say: str) -> None:
    """Print ``error: …`` (``erreur : …``) on stderr, the problem said in ``say``."""
    print(t("cli.error", say, message=problem.text(say)), file=sys.stderr)


@contextmanager
def _terminal_progress(what: str) -> Iterator[Progress]:
    """A tqdm bar on stderr (silent when stderr is not a terminal, e.g. under cron)."""
    from tqdm import tqdm

    bar = tqdm(total=0, desc=what, unit="img", file=sys.stderr, disable=None, leave=False)

    def progress(done: int, total: int, label: str) -> None:
        if bar.total != total:
            bar.total = total
        bar.set_postfix_str(label[:40], refresh=False)
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()


def _folder(out: Path, fmt: str) -> Path:
    if out.exists() and not out.is_dir():
        raise _UsageError("export.error.out_not_folder", out=str(out), fmt=fmt)
    return out


def _file(out: Path, default_name: str) -> Path:
    return out / default_name if out.is_dir() else out


def export_command(
    tables: Tables,
    *,
    fmt: str,
    out: str | Path,
    lang: str = "en",
    honest: bool = False,
    renderer: ImageRenderer | None = None,
    template: str | Path | None = None,
    say: str = "en",
) -> int:
    """``rlff export``: write ``fmt`` to ``out``; returns the exit code.

    png/svg/pdf write one file per chart into the folder ``out``; pptx and zip write
    one file (into ``out`` under a default name if ``out`` is a folder); csv writes the
    tables. Errors print one ``error: …`` line on stderr: exit 2 for what the user can
    fix (no browser, a bad --out), 1 for a render that failed. Nothing partial is left.

    ``renderer``: an :class:`~rlff.export.images.ImageRenderer` the caller started early (say,
    before loading the data) so that the browser starts meanwhile; it is closed here.
    ``template``: the company's .pptx/.potx the deck is built on (pptx only).
    ``say``: the language of the ``error: …`` line (the CLI's; ``lang`` is the charts' and the deck's).
    """
    out = Path(out)
    try:
        if fmt == "csv":
            if renderer is not None:
                renderer.close()  # no images to render
            paths = save_tables_csv(tables, _folder(out, "csv"))
            print(t("export.cli.wrote_csv", say, n=len(paths), out=out))
            return 0
        if fmt not in CLI_FORMATS:
            raise _UsageError("export.error.unknown_format", fmt=repr(fmt), formats=", ".join(CLI_FORMATS))
        if fmt in FORMATS:
            _folder(out, fmt)
        with renderer or ImageRenderer() as renderer:
            renderer.start()  # fails now if there is no browser; otherwise it starts while charts are built
            if fmt == "pptx":
                target = _file(out, deck_file_name(tables, honest=honest))
                with _terminal_progress(t("export.cli.progress_deck", say)) as progress:
                    save_deck(tables, target, lang=lang, honest=honest, renderer=renderer, progress=progress,
                              template=template)  # fmt: skip
                print(t("export.cli.wrote_honest_deck" if honest else "export.cli.wrote_deck", say, target=target))
                return 0
            from rlff.charts import build_charts
            from rlff.charts.gaps import honest_chart
            from rlff.metrics.gaps import gaps_of

            gaps = gaps_of(tables)  # what the data cannot give is shown as missing, not as 0
            charts = [honest_chart(c, gaps, lang) for c in build_charts(tables, lang=lang)]
            if fmt == "zip":
                target = _file(out, zip_file_name(tables))
                folder = Path(zip_file_name(tables)).stem
                with _terminal_progress(t("export.cli.progress_charts", say)) as progress:
                    save_zip(charts, target, folder=folder, renderer=renderer, progress=progress)
                print(t("export.cli.wrote_zip", say, n=len(charts), target=target))
                return 0
            with _terminal_progress(fmt.upper()) as progress:
                paths = save_images(charts, fmt, out, renderer=renderer, progress=progress)
            print(t("export.cli.wrote_images", say, n=len(paths), fmt=fmt.upper(), out=out))
            return 0
    except (ChromiumMissing, _UsageError, TemplateError) as exc:
        _error(exc, say)
        return 2
    except ExportError as exc:  # a render that failed: not the user's doing
        _error(exc, say)
        return 1
    except OSError as exc:
        _error(Message("export.error.cannot_write", out=str(out), reason=str(exc.strerror or exc)), say)
        return 2


def send_command(
    tables: Tables,
    *,
    to: Sequence[str],
    settings: Any,
    lang: str = "en",
    honest: bool = False,
    template: str | Path | None = None,
    renderer: ImageRenderer | None = None,
    say: str = "en",
) -> int:
    """``rlff send``: build the deck and e-mail it to ``to``; returns the exit code.

    ``settings`` is a :class:`rlff.export.mail.SmtpSettings`. Errors print one ``error: …``
    line on stderr naming the server and the reason, exit 2, in ``say`` (the CLI's language).
    """
    from rlff.charts import build_charts
    from rlff.export.deck import render_pictures
    from rlff.export.mail import MailError, deck_message, send_message

    bad = [a for a in to if "@" not in a or any(c.isspace() for c in a)]
    if bad:
        _error(Message("mail.error.bad_address", address=repr(bad[0])), say)
        return 2
    own = renderer is None
    renderer = renderer or ImageRenderer()
    try:
        charts = build_charts(tables, lang=lang, views=("boss", "reality", "side") if honest else ("boss",))
        deck = export_deck(tables, lang=lang, honest=honest, charts=charts, renderer=renderer, template=template)
        inline = next(c for c in charts if c.key == "engagement_over_time")
        png = None
        if inline.available:
            try:
                png = render_pictures([inline], renderer=renderer)[inline.key]
            except (ChromiumMissing, ExportError):
                png = None  # the summary and the deck go out without the inline chart
        msg = deck_message(
            tables, deck, deck_file_name(tables, honest=honest), sender=settings.sender, to=to, lang=lang,
            honest=honest, chart_png=png, chart_title=inline.title,
        )  # fmt: skip
        send_message(msg, settings)
    except (ChromiumMissing, TemplateError, MailError) as exc:
        _error(exc, say)
        return 2
    except ExportError as exc:
        _error(exc, say)
        return 1
    finally:
        if own:
            renderer.close(wait=False)
    key = "send.cli.sent_honest_deck" if honest else "send.cli.sent_deck"
    print(t(key, say, month=f"{tables.meta.reported_month:%Y-%m}", to=", ".join(to), where=settings.where))
    return 0
