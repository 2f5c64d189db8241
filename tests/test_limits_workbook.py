"""Issue 12, item 2: spreadsheet bombs are refused, quickly and in little memory.

Every workbook here is written by hand with zipfile, so the test controls the XML a
hostile file would hold (a lying ``<dimension>``, 130 MB of rows, millions of cells).
"""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from rlff.cli import main
from rlff.io.imports import ImportProblem, budget, read_file
from tests.export_samples import x_posts

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Posts" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def col(n: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell(ref: str, value: object) -> str:
    if isinstance(value, tuple):  # ("f", formula): a formula with no saved value
        return f'<c r="{ref}"><f>{value[1]}</f></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows: list[list[object]], start: int = 1) -> str:
    return "".join(
        f'<row r="{r}">' + "".join(cell(f"{col(c)}{r}", v) for c, v in enumerate(row, 1) if v != "") + "</row>"
        for r, row in enumerate(rows, start)
    )


def workbook(sheet_body, dimension: str | None = None) -> bytes:
    """An .xlsx whose one sheet's <sheetData> is ``sheet_body`` (text, or an iterable of byte chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in [sheet_body.encode()] if isinstance(sheet_body, str) else sheet_body:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def x_rows(n: int) -> list[list[object]]:
    _, data, _ = x_posts(n)
    records = list(csv.reader(io.StringIO(data.decode())))
    return [records[0]] + [[int(v) if v.isdigit() else v for v in rec] for rec in records[1:]]


def refused(data: bytes, name: str = "bomb.xlsx") -> tuple[ImportProblem, float, float]:
    """The problem read_file raises, the seconds it took, and the peak of Python memory in MB."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportProblem) as caught:
            read_file(data, name)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024**2
    finally:
        tracemalloc.stop()
    return caught.value, seconds, peak


def test_the_honest_workbook_reads() -> None:
    """The hand-written workbook is a valid X export: the bombs below differ only by their bomb."""
    rows = x_rows(30)
    result = read_file(workbook(rows_xml(rows), dimension=f"A1:{col(len(rows[0]))}{len(rows)}"), "posts.xlsx")
    assert result.kind == "x_posts"
    assert len(result.tables["posts"]) == 30
    likes = sum(int(r[5]) for r in rows[1:])
    eng = result.tables["engagements"]
    assert int(eng.loc[eng["kind"] == "like", "count"].sum()) == likes


def test_a_declared_17_billion_cell_sheet_is_refused_in_seconds() -> None:
    rows = x_rows(30)
    body = rows_xml(rows) + rows_xml([["x"]], start=1_048_576)
    bomb = workbook(body, dimension="A1:XFD1048576")
    assert len(bomb) < 10_000
    problem, seconds, peak = refused(bomb)
    assert "A1:XFD1048576" in problem.message and "1,048,576 rows × 16,384 columns" in problem.message
    assert seconds < 5 and peak < 50


def test_a_last_row_far_below_is_refused_even_without_a_dimension() -> None:
    rows = x_rows(30)
    problem, seconds, _ = refused(workbook(rows_xml(rows) + rows_xml([["x"]], start=1_048_576)))
    assert "row 1,048,576" in problem.message and f"{budget.MAX_ROWS:,} rows" in problem.message
    assert seconds < 5


def test_a_cell_in_column_xfd_is_refused() -> None:
    rows = x_rows(5)
    problem, _, _ = refused(workbook(rows_xml(rows) + '<row r="7"><c r="XFD7"><v>1</v></c></row>'))
    assert "beyond column ZZ" in problem.message


def test_a_workbook_of_130_mb_of_xml_is_refused_before_parsing() -> None:
    row = b'<row><c t="inlineStr"><is><t>padding</t></is></c></row>' * 2000
    chunks = (row for _ in range(130 * 1024 * 1024 // len(row) + 1))
    bomb = workbook(chunks)
    assert len(bomb) < 2 * 1024 * 1024  # small on disk
    problem, seconds, peak = refused(bomb)
    assert f"more than the {budget.MAX_SHEET_XML_MB} MB" in problem.message
    assert seconds < 5 and peak < 100


def test_millions_of_cells_are_refused_by_the_cell_budget() -> None:
    # 2.1M cells in 40 MB of XML: under the size limit, over the cell budget
    row = b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>"
    bomb = workbook([row * (budget.MAX_CELLS // 100 + 1000)])
    problem, seconds, peak = refused(bomb)
    assert f"more than {budget.MAX_CELLS:,} cells" in problem.message
    assert seconds < 10 and peak < 100


def test_the_cli_refuses_a_bomb_with_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(workbook(rows_xml(x_rows(3)), dimension="A1:XFD1048576"))
    started = time.perf_counter()
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 2
    assert time.perf_counter() - started < 10
    err = capsys.readouterr().err
    assert err.startswith("error: bomb.xlsx: this workbook is too large to read safely")
    assert not (tmp_path / "out").exists()


def test_formula_cells_without_a_saved_value_are_named_in_a_warning() -> None:
    rows = x_rows(10)
    rows[3][5] = ("f", "1+1")  # the likes of one post: a formula nobody computed
    rows[4][5] = ("f", "2+2")
    result = read_file(workbook(rows_xml(rows)), "posts.xlsx")
    assert any("2 formula cell(s) have no saved result" in w for w in result.warnings)


def test_the_chunked_scan_counts_as_a_whole_read_does() -> None:
    """Budgets are counted across 4 MB chunks: the count must equal a count of the whole XML."""
    row = b'<row r="1">' + b"<c><v>12</v></c>" * 37 + b"</row>"
    body = row * 20_000  # ~12 MB: three chunks, rows cut at chunk ends
    archive = zipfile.ZipFile(io.BytesIO(workbook([body])))
    scan = budget.check_xlsx(archive, "x.xlsx")
    assert scan.cells == body.count(b"<c>") == 740_000
