"""Excel workbooks (.xlsx with openpyxl, .xls with xlrd) as rows of text, one list per worksheet.

Cells are read as stored values: formulas are never evaluated (openpyxl's ``data_only``
returns the value Excel cached), macros are never loaded, and every cell becomes text so
CSV and Excel files share one parsing path.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from rlff.i18n.messages import Message

from .budget import check_xlsx
from .problems import MAX_UPLOAD_MB, ImportProblem

# A zip bomb is small on disk and huge unpacked: refuse workbooks that unpack past this.
MAX_UNPACKED_MB = 20 * MAX_UPLOAD_MB

_DAMAGED_HINT = Message("import.hint.resave_xlsx")


def cell_text(value: object) -> str:
    """One cell as text: whole numbers without '.0', dates and times in ISO form, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def workbook_rows(
    data: bytes, container: str, file: str, notes: list[str] | None = None
) -> list[tuple[str, list[list[str]]]]:
    """Every worksheet of a workbook as ``(name, rows)``, rows as lists of cell text.

    Args:
        data: The file's bytes.
        container: ``"xlsx"`` or ``"xls"``.
        file: Its name, for messages.
        notes: Warnings are appended here (formula cells with no saved value).

    Raises:
        ImportProblem: when the workbook is damaged, encrypted, over a budget of
            :mod:`.budget`, or not a workbook.
    """
    if container == "xlsx":
        return _xlsx_rows(data, file, notes if notes is not None else [])
    return _xls_rows(data, file)


def _xlsx_rows(data: bytes, file: str, notes: list[str]) -> list[tuple[str, list[list[str]]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if "xl/workbook.xml" in names and unpacked <= MAX_UNPACKED_MB * 1024 * 1024:
                # before openpyxl: a sheet that declares 17 billion cells is refused here, in milliseconds
                notes += check_xlsx(archive, file).notes
    except ImportProblem:
        raise
    except Exception:  # BadZipFile, NotImplementedError (unknown zip versions), OSError, ...: all "damaged"
        raise ImportProblem(file, Message("import.zip_damaged"), hint=_DAMAGED_HINT) from None
    if "xl/workbook.xml" not in names:
        what = Message("import.what.ods" if "content.xml" in names else "import.what.zip")
        raise ImportProblem(
            file,
            Message("import.not_xlsx", what=what),
            hint=Message("import.hint.save_xlsx"),
        )
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise ImportProblem(
            file,
            Message("import.xlsx_too_big", mb=MAX_UNPACKED_MB),
            hint=Message("import.hint.sheet_as_csv"),
        )
    import openpyxl  # imported here: only Excel uploads pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds of errors for malformed XML; all mean "damaged"
        raise ImportProblem(file, Message("import.xlsx_damaged"), hint=_DAMAGED_HINT) from None
    try:
        sheets = []
        for ws in book.worksheets:
            # The declared <dimension> was checked; the rows themselves say how wide they are,
            # so a wrong declaration never makes openpyxl pad rows with empty cells.
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            rows = [_trim([cell_text(v) for v in row]) for row in ws.iter_rows(values_only=True)]
            sheets.append((ws.title, rows))
        return sheets
    except Exception:
        raise ImportProblem(file, Message("import.xlsx_damaged"), hint=_DAMAGED_HINT) from None
    finally:
        book.close()


def _xls_rows(data: bytes, file: str) -> list[tuple[str, list[list[str]]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:  # xlrd signals damage, encryption and non-Excel OLE files (.doc) alike
        raise ImportProblem(
            file,
            Message("import.xls_unreadable"),
            hint=_DAMAGED_HINT,
        ) from None
    try:
        sheets = []
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            rows = []
            for r in range(ws.nrows):
                cells = []
                for c, kind in zip(ws.row_values(r), ws.row_types(r), strict=False):
                    if kind == xlrd.XL_CELL_DATE:
                        try:
                            c = xlrd.xldate_as_datetime(c, book.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            pass
                    elif kind == xlrd.XL_CELL_ERROR:
                        c = ""
                    elif kind == xlrd.XL_CELL_BOOLEAN:
                        c = bool(c)
                    cells.append(cell_text(c))
                rows.append(_trim(cells))
            sheets.append((ws.name, rows))
            book.unload_sheet(index)
        return sheets
    except Exception:
        raise ImportProblem(file, Message("import.xls_damaged"), hint=_DAMAGED_HINT) from None
    finally:
        book.release_resources()


def _trim(cells: list[str]) -> list[str]:
    while cells and cells[-1] == "":
        cells.pop()
    return cells
