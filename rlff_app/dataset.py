"""An uploaded dataset and what it cannot tell: the dashboard shows "—", never an invented number.

Pure (no streamlit). :class:`UploadedData` describes files read in memory (their tables,
previews and gaps); the "Your data" page now stores uploads in the workspace
(:mod:`rlff_app.upload`) and reads a brand's tables back, so it no longer keeps one. :class:`Gaps` (which numbers and charts the files cannot give) and
:func:`honest_kpis`, :func:`honest_reality` and :func:`honest_chart` (which blank them
out) live in :mod:`rlff.metrics.gaps`, shared with ``rlff report`` and ``rlff export``; they are
re-exported here. The simulation has no gaps (``Gaps()``), so nothing changes for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from rlff.charts.gaps import CHART_NEEDS, honest_chart
from rlff.i18n import STRINGS, t
from rlff.io.imports.templates import template_filename
from rlff.metrics.gaps import TILE_NEEDS, Gaps, gaps_of, honest_kpis, honest_reality
from rlff.metrics.missing import MissingInput
from rlff.schema import Tables

if TYPE_CHECKING:
    from rlff.io.imports.read import ImportResult

__all__ = [
    "CHART_NEEDS",
    "PREVIEW_ROWS",
    "REASON_KEYS",
    "TILE_NEEDS",
    "FileSummary",
    "Gaps",
    "UploadedData",
    "chart_hint",
    "dataset_digest",
    "gaps_of",
    "honest_chart",
    "honest_kpis",
    "honest_reality",
    "missing_label",
    "missing_reason",
    "missing_upload",
    "summarise",
    "templates_needed",
    "uploaded_data",
]

PREVIEW_ROWS = 20

# The reasons rlff.metrics.missing gives, as i18n keys (an unknown reason is shown as it is).
REASON_KEYS: dict[str, str] = {
    "no inbox was uploaded": "missing.reason.no_inbox",
    "no engagements were uploaded": "missing.reason.no_engagements",
    "platform exports give totals per post, never who engaged (peer, bot, self or customer)": (
        "missing.reason.no_sources"
    ),
    "no follower file was uploaded": "missing.reason.no_followers",
    "platform exports never say which followers were bought (the spike detector still runs)": (
        "missing.reason.bought_unknown"
    ),
    "no costs and no revenue were uploaded": "missing.reason.no_costs_revenue",
    "no costs were uploaded": "missing.reason.no_costs",
    "no revenue was uploaded": "missing.reason.no_revenue",
    "no posts were uploaded": "missing.reason.no_posts",
    "exports count engagement, not the sales each post brought": "missing.reason.no_conversions",
    "no strategy plan was uploaded": "missing.reason.no_strategy",
    "no mentions file was uploaded": "missing.reason.no_mentions",
    "no time sheet was uploaded": "missing.reason.no_time_use",
    "no peers file was uploaded": "missing.reason.no_peers",
}


@dataclass(frozen=True)
class FileSummary:
    """One file that was read: what it was recognised as, how many rows, a preview of each table."""

    filename: str
    label: str
    row_counts: dict[str, int]
    warnings: tuple[str, ...]
    previews: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class UploadedData:
    """The dataset the "Your data" page keeps: the merged tables and the files they came from."""

    tables: Tables
    digest: str
    results: tuple[ImportResult, ...]
    files: tuple[FileSummary, ...]
    warnings: tuple[str, ...]
    gaps: Gaps

    @property
    def filenames(self) -> list[str]:
        """The names of the files in the dataset, in upload order."""
        return [f.filename for f in self.files]


def dataset_digest(results: Sequence[ImportResult]) -> str:
    """A short name for the data of these files (their bytes, in order): the cache key of an upload."""
    joined = "|".join(r.digest for r in results)
    return hashlib.sha256(joined.encode("ascii")).hexdigest()[:20]


def summarise(result: ImportResult) -> FileSummary:
    """What the page shows of one file (previews are small copies: the results stay untouched)."""
    return FileSummary(
        filename=result.filename,
        label=result.label,
        row_counts=dict(result.row_counts),
        warnings=tuple(result.warnings),
        previews={name: frame.head(PREVIEW_ROWS).copy() for name, frame in result.tables.items() if len(frame)},
    )


def uploaded_data(tables: Tables, results: Sequence[ImportResult], warnings: Sequence[str] = ()) -> UploadedData:
    """Everything the page keeps about a merged upload."""
    return UploadedData(
        tables=tables,
        digest=dataset_digest(results),
        results=tuple(results),
        files=tuple(summarise(r) for r in results),
        warnings=tuple(warnings),
        gaps=gaps_of(tables),
    )


def missing_label(item: MissingInput, lang: str) -> str:
    """The metric's name in ``lang``."""
    return t(f"missing.{item.metric}", lang) if f"missing.{item.metric}" in STRINGS else item.label


def missing_reason(item: MissingInput, lang: str) -> str:
    """Why it is missing, in ``lang`` (the importer's English text for a reason this page does not know)."""
    key = REASON_KEYS.get(item.reason)
    return t(key, lang) if key else item.reason


def missing_upload(item: MissingInput, lang: str) -> str:
    """What to upload to get it, in ``lang``."""
    key = f"missing.upload.{item.metric}"
    return t(key, lang) if key in STRINGS else item.upload


def chart_hint(chart_key: str, gaps: Gaps, lang: str) -> str | None:
    """For a chart the data cannot draw: what to upload to get it (None when unknown)."""
    need = CHART_NEEDS.get(chart_key)
    if chart_key == "bought_followers":
        need = "bought_follower_share"
    item = gaps.missing.get(need or "")
    return None if item is None else t("data.chart_hint", lang, upload=missing_upload(item, lang))


def templates_needed(gaps: Gaps) -> list[tuple[str, str]]:
    """(table, file name) of each blank template that would fill a gap, once each, in panel order."""
    tables = dict.fromkeys(table for item in gaps.missing.values() for table in item.tables)
    return [(table, template_filename(table)) for table in tables]
