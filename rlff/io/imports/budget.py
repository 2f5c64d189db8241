"""Budgets an .xlsx workbook must fit before openpyxl parses it.

A workbook is a zip of XML. A small file can declare a sheet of 17 billion cells (its
``<dimension ref="A1:XFD1048576"/>`` and one cell in the last row make openpyxl pad every
row it yields), or hold hundreds of MB of XML that costs GB to parse. :func:`check_xlsx`
streams each worksheet's XML through a bounded reader (4 MB at a time, C-speed regular
expressions, no tree) and refuses, naming the limit, as soon as one is passed: in
well under a second for a bomb, since it stops at the first budget it crosses.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from .problems import ImportProblem

# Per workbook. A year of daily posts is ~400 rows; 100,000 rows of a per-post export
# (17 columns, 1.7M cells) still fit. Parsing 2M cells with openpyxl takes ~15 s and
# ~300 MB, which is what these budgets are sized to keep a worker below.
MAX_ROWS = 200_000
MAX_COLUMNS = 702  # column ZZ; exports use fewer than 60
MAX_CELLS = 2_000_000
MAX_SHEET_XML_MB = 120  # all worksheets' XML, unpacked
MAX_SHARED_STRINGS_MB = 50  # openpyxl loads the shared strings whole

_CHUNK = 4 * 1024 * 1024
# Patterns start with a literal (Python's re then skips ahead with a fast search) or are
# plain byte counts: a regex that tries every "<" reads a 45 MB sheet in 4 s, these in 0.5 s.
_ROW_NUMBER = re.compile(rb' r="(\d{1,9})"')  # in a row tag; a cell's r="" starts with letters
_WIDE_CELL = re.compile(rb' r="[A-Z]{3}')  # a cell past column ZZ
_DIMENSION = re.compile(rb'dimension\s+ref="([A-Z]{1,3})(\d{1,9})(?::([A-Z]{1,3})(\d{1,9}))?"')
_ROOT_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet\b")
# A formula cell whose cached value was never saved (``<f>…</f></c>`` with no ``<v>``):
# openpyxl's data_only reads it as empty, which a count column would take for 0.
_FORMULA_END = re.compile(rb"</f>\s*</c>")
_FORMULA_SHARED = re.compile(rb"<f\b[^>]{0,400}/>\s*</c>")

_HINT = "export a shorter period, or save only the sheet you need as CSV"


@dataclass
class Scan:
    """What the bounded reader counted in a workbook.

    Attributes:
        cells: ``<c>`` elements in all worksheets.
        rows: Highest row number seen in any worksheet.
        sheet_xml: Bytes of worksheet XML read.
        formulas_without_value: Formula cells with no saved value.
        notes: Warnings for the user (formula cells read as empty).
    """

    cells: int = 0
    rows: int = 0
    sheet_xml: int = 0
    formulas_without_value: int = 0
    notes: list[str] = field(default_factory=list)


def column_number(letters: str) -> int:
    """``"A"`` -> 1, ``"ZZ"`` -> 702, ``"XFD"`` -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def check_xlsx(archive: zipfile.ZipFile, file: str) -> Scan:
    """Refuse a workbook over any budget before it is parsed; else say what it holds.

    Args:
        archive: The opened .xlsx.
        file: Its name, for messages.

    Raises:
        ImportProblem: naming the limit passed (declared size, rows, columns, cells, XML size).
    """
    infos = archive.infolist()
    sheets = [i for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    declared = sum(i.file_size for i in sheets)
    if declared > MAX_SHEET_XML_MB * 1024 * 1024:
        raise _refuse(
            file,
            f"its sheets unpack to {declared / 1024**2:,.0f} MB of XML, more than the {MAX_SHEET_XML_MB} MB RLFF reads",
        )
    for info in infos:
        if info.filename == "xl/sharedStrings.xml" and info.file_size > MAX_SHARED_STRINGS_MB * 1024 * 1024:
            raise _refuse(
                file,
                f"its text cells unpack to {info.file_size / 1024**2:,.0f} MB, "
                f"more than the {MAX_SHARED_STRINGS_MB} MB RLFF reads",
            )
    scan = Scan()
    for info in sheets:
        _scan_sheet(archive, info, file, scan)
    if scan.formulas_without_value:
        scan.notes.append(
            f"{file}: {scan.formulas_without_value:,} formula cell(s) have no saved result (the program that "
            "wrote the file did not compute them), so RLFF reads them as empty, i.e. 0 in count columns; "
            "open the file in Excel or LibreOffice and save it again to keep the computed values."
        )
    return scan


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, scan: Scan) -> None:
    tail = b""
    cell_tags: tuple[bytes, ...] = (b"<c ", b"<c>", b"<c/")
    first = True
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buf = tail + chunk
            if first:
                _check_dimension(buf, file)
                prefix = _ROOT_PREFIX.search(buf, 0, 4096)
                if prefix:  # <x:worksheet>: its cells are <x:c>
                    p = prefix.group(1)
                    cell_tags = tuple(b"<" + p + b":" + t[1:] for t in cell_tags)
                first = False
            end = len(buf) if not chunk else _cut(buf)
            view = buf[:end]
            scan.cells += sum(view.count(tag) for tag in cell_tags)
            rows = _ROW_NUMBER.findall(view)
            if rows:
                scan.rows = max(scan.rows, max(int(r) for r in rows))
            if _WIDE_CELL.search(view):
                raise _refuse(file, f"a cell lies beyond column ZZ, past the {MAX_COLUMNS} columns RLFF reads")
            scan.formulas_without_value += len(_FORMULA_END.findall(view)) + len(_FORMULA_SHARED.findall(view))
            scan.sheet_xml += len(chunk)
            if scan.rows > MAX_ROWS:
                raise _refuse(file, f"it has a row {scan.rows:,}, past the {MAX_ROWS:,} rows RLFF reads")
            if scan.cells > MAX_CELLS:
                raise _refuse(file, f"it has more than {MAX_CELLS:,} cells, more than RLFF reads")
            if not chunk:
                return
            tail = buf[end:]


def _cut(buf: bytes) -> int:
    """Where to stop counting in ``buf``: after its last complete row, else before its last tag.

    Patterns never span that point; what follows is counted with the next chunk.
    """
    row_end = buf.rfind(b"row>")
    if row_end >= 0:
        return row_end + 4
    tag = buf.rfind(b"<")
    return tag if tag > 0 else len(buf)


def _check_dimension(head: bytes, file: str) -> None:
    found = _DIMENSION.search(head, 0, 64 * 1024)
    if not found:
        return
    last_col, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
    rows, cols = int(last_row), column_number(last_col.decode())
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        ref = found.group(0).split(b'"')[1].decode()
        raise _refuse(
            file,
            f"a sheet declares the range {ref} ({rows:,} rows × {cols:,} columns), more than the "
            f"{MAX_ROWS:,} rows × {MAX_COLUMNS} columns RLFF reads",
        )


def _refuse(file: str, why: str) -> ImportProblem:
    return ImportProblem(file, f"this workbook is too large to read safely: {why}", hint=_HINT)
