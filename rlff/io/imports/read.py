"""One uploaded file in, one :class:`ImportResult` out (or an :class:`ImportProblem`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from rlff.i18n.messages import Joined, Message, Quoted

from . import linkedin, meta_business, rlff_csv, x
from .decode import check_size, decode_text, refuse_other_text, sniff_container
from .detect import Kind
from .problems import ImportProblem
from .sheet import Part, record_sheet, text_sheet, unrecognised
from .workbook import workbook_rows

# Order settles ties between kinds that match equally well: platform exports first.
KINDS: tuple[Kind, ...] = (*x.KINDS, *meta_business.KINDS, *linkedin.KINDS, *rlff_csv.KINDS)
KINDS_BY_KEY: dict[str, Kind] = {k.key: k for k in KINDS}


@dataclass
class ImportResult:
    """What one file gave.

    Attributes:
        filename: The file's name, as uploaded.
        kind: Key of the recognised format (``"x_posts"``, ``"rlff_inbox"``, …); several
            joined by ``+`` when a workbook holds more than one recognised sheet.
        label: The format as a person calls it.
        platform: The platform its rows belong to (None for RLFF tables, which say it per row).
        tables: RLFF table name -> rows, conformed to :mod:`rlff.schema`.
        derived: Tables given only as a fallback when no other file covers the same days.
        warnings: Things the user should know (defaults used, ambiguous dates, totals from 0).
        brand: The page or account name, when the file says it.
        followers_known: False when the followers running total was computed from 0.
        bought_known: False when its follower rows cannot tell bought follows (0 by default, not observed).
        digest: SHA-256 of the file's bytes (the same file uploaded twice is read once).
    """

    filename: str
    kind: str
    label: str
    platform: str | None
    tables: dict[str, pd.DataFrame]
    derived: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)
    brand: str | None = None
    followers_known: bool = True
    bought_known: bool = True
    digest: str = ""

    @property
    def row_counts(self) -> dict[str, int]:
        """Rows per RLFF table this file gave."""
        return {name: len(frame) for name, frame in self.tables.items()}


def read_file(data: bytes, filename: str) -> ImportResult:
    """Recognise and read one export or RLFF CSV.

    Args:
        data: The file's bytes, as uploaded.
        filename: Its name, used in messages only (the kind is recognised from the columns).

    Returns:
        The recognised kind and the RLFF tables the file gives.

    Raises:
        ImportProblem: when the file is empty, too large, not a supported export, or has bad cells.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ImportProblem(filename, Message("import.not_bytes"), hint=Message("import.hint.upload_file"))
    data = bytes(data)
    check_size(len(data), filename)
    container = sniff_container(data, filename)
    notes: list[str] = []
    try:
        if container == "text":
            text = decode_text(data, filename, notes)
            refuse_other_text(text, filename)
            sheets = [text_sheet(text, filename, KINDS)]
        else:
            sheets = _workbook_sheets(data, container, filename, notes)
        parts = [(sheet.kind, sheet.kind.read(sheet)) for sheet in sheets]
    except ImportProblem:
        raise
    except (MemoryError, RecursionError):
        raise ImportProblem(
            filename, Message("import.too_complex"), hint=Message("import.hint.shorter_period")
        ) from None
    except Exception as err:  # a reader bug must still reach the user as a message, never a traceback
        raise ImportProblem(
            filename,
            Message("import.reader_failed", error=type(err).__name__),
            hint=Message("import.hint.report_bug"),
        ) from err
    return _result(filename, parts, hashlib.sha256(data).hexdigest(), notes)


def _workbook_sheets(data: bytes, container: str, filename: str, notes: list[str]) -> list:
    worksheets = workbook_rows(data, container, filename, notes)
    sheets = []
    for name, rows in worksheets:
        sheet = record_sheet(rows, filename, name, KINDS)
        if sheet is not None:
            sheets.append(sheet)
    if not sheets:
        problem = unrecognised(filename, [rows for _, rows in worksheets], KINDS)
        names = Quoted((name for name, _ in worksheets), last=",")
        raise ImportProblem(
            filename, Message("import.with_sheets", message=problem.message, sheets=names), hint=problem.hint
        )
    return sheets


def _result(filename: str, parts: list[tuple[Kind, Part]], digest: str, notes: list[str]) -> ImportResult:
    kinds = [k for k, _ in parts]
    tables: dict[str, pd.DataFrame] = {}
    derived: set[str] = set()
    warnings: list[str] = list(notes)
    for _, part in parts:
        for name, frame in part.tables.items():
            tables[name] = pd.concat([tables[name], frame], ignore_index=True) if name in tables else frame
        derived |= set(part.derived)
        warnings += [w for w in part.warnings if w not in warnings]
    first = parts[0][1]
    return ImportResult(
        filename=filename,
        kind="+".join(dict.fromkeys(k.key for k in kinds)),
        label=Joined(dict.fromkeys(k.label for k in kinds), " + "),
        platform=first.platform or kinds[0].platform,
        tables=tables,
        derived=frozenset(derived),
        warnings=warnings,
        brand=next((p.brand for _, p in parts if p.brand), None),
        followers_known=all(p.followers_known for _, p in parts),
        bought_known=all(p.bought_known for _, p in parts),
        digest=digest,
    )
