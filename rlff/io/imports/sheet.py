"""A recognised table of cells (from a CSV or a worksheet) and what a reader makes of it."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rlff.i18n.messages import Message

from .decode import SEPARATORS, head_records, split_sep_line
from .detect import Kind, closest_kind, find_header
from .problems import ImportProblem, fill_values, quote_values

_UNQUOTED_SEP_HINT = Message("import.hint.unquoted_sep")


@dataclass
class Sheet:
    """The cells of a recognised file, restricted to the fields its kind knows.

    Attributes:
        file: File name, for messages.
        name: Worksheet name (Excel), else None.
        kind: The recognised kind.
        header: Column names as the file spells them.
        header_row: 1-based spreadsheet row of the header.
        columns: Field -> position in ``header``.
        frame: One column per field found, raw cell values (text, or numbers the CSV parser
            already read); the index is the spreadsheet row number of each row.
        preamble: Records above the header (note rows, a metric's name).
        decimal: The file's decimal mark, ``"."`` or ``","``.
        warnings: Things worth telling that do not stop the import.
    """

    file: str
    name: str | None
    kind: Kind
    header: list[str]
    header_row: int
    columns: dict[str, int]
    frame: pd.DataFrame
    preamble: list[list[str]] = field(default_factory=list)
    decimal: str = "."
    warnings: list[str] = field(default_factory=list)

    def has(self, fld: str) -> bool:
        """Whether the file has a column for ``fld``."""
        return fld in self.frame.columns

    def column_name(self, fld: str) -> str:
        """The column for ``fld`` as the file spells it (the field name when the file lacks it)."""
        if fld in self.columns:
            return self.header[self.columns[fld]].replace("\ufeff", "").strip()
        return fld

    def problem(self, fld: str | None, message: str, mask: pd.Series | None = None, hint: str = "") -> ImportProblem:
        """An :class:`ImportProblem` about the rows of ``fld`` where ``mask`` is true.

        ``message`` may hold ``{values}``, filled with the offending cells (quoted).
        """
        rows: list[int] = []
        values: list[str] = []
        count = None
        if mask is not None:
            bad = mask[mask].index
            rows = [int(r) for r in bad[:5]]
            count = len(bad)
            if fld is not None and fld in self.frame.columns:
                values = [_text(v) for v in self.frame.loc[bad[:5], fld]]
        message = fill_values(message, values)
        return ImportProblem(
            self.file,
            message,
            column=None if fld is None else self.column_name(fld),
            rows=rows,
            hint=hint,
            sheet=self.name,
            values=values,
            count=count,
        )


@dataclass
class Part:
    """What one reader made of one sheet: RLFF tables and notes about them.

    Attributes:
        tables: RLFF table name -> rows, conformed to :mod:`rlff.schema`.
        derived: Tables in ``tables`` given only as a fallback (daily totals when no per-post
            file covers the day; follows summed from posts when no daily file does).
        warnings: Notes for the user.
        brand: The brand or account name, when the file says it.
        followers_known: False when the ``followers`` running total had to be computed from 0.
        platform: The platform the rows belong to, when the file says it rather than its kind.
        bought_known: False when follower rows say nothing about bought follows (exports never do).
    """

    tables: dict[str, pd.DataFrame]
    derived: frozenset[str] = frozenset()
    warnings: list[str] = field(default_factory=list)
    brand: str | None = None
    followers_known: bool = True
    platform: str | None = None
    bought_known: bool = True


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def unrecognised(
    file: str, candidates: Sequence[Sequence[Sequence[str]]], kinds: Sequence[Kind], sheet: str | None = None
) -> ImportProblem:
    """The message for a file whose header matches no known kind, naming the closest one."""
    for records in candidates:
        near = closest_kind(records, kinds)
        if near:
            kind, missing = near
            return ImportProblem(
                file,
                Message("import.looks_like", kind=kind.label, missing=quote_values(missing, 6)),
                sheet=sheet,
                hint=Message("import.hint.all_columns"),
            )
    if not any(any(any(str(c).strip() for c in r) for r in records) for records in candidates):
        return ImportProblem(
            file,
            Message("import.no_data"),
            sheet=sheet,
            hint=Message("import.hint.export_it_again"),
        )
    return ImportProblem(
        file,
        Message("import.unrecognised"),
        sheet=sheet,
        hint=Message("import.hint.supported"),
    )


# --- CSV text -> Sheet ----------------------------------------------------------------------------------

_EXPECTED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_EOF_IN_STRING = re.compile(r"EOF inside string starting at row (\d+)")


def text_sheet(text: str, file: str, kinds: Sequence[Kind]) -> Sheet:
    """Find the header of a CSV text, recognise its kind and parse its rows.

    Raises:
        ImportProblem: when no header is recognised, or the rows cannot be split into cells.
    """
    sep_line, body = split_sep_line(text)  # Excel hides its "sep=" line: rows count after it
    candidates = [sep_line] if sep_line else list(SEPARATORS)
    heads = []
    for sep in candidates:
        records, ends = head_records(body, sep)
        heads.append(records)
        match = find_header(records, kinds)
        if match:
            break
    else:
        raise unrecognised(file, heads, kinds)

    header = records[match.row_index]
    header_row = match.row_index + 1
    rest = body[ends[match.row_index] :]
    decimal = "," if sep == ";" else "."
    kind = match.kind
    positions = sorted(set(match.columns.values()))
    by_position = {pos: fld for fld, pos in match.columns.items()}
    # Numbers are left to pandas' fast C parser when their notation is unambiguous; all else stays text.
    dtype = {pos: str for pos in positions if not (decimal == "." and by_position[pos] in kind.numeric)}
    cells = _read_rows(rest, sep, len(header), positions, dtype, file, header_row)
    cells.columns = [by_position[pos] for pos in cells.columns]
    cells.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(cells))
    _refuse_truncated(rest, sep, len(header), file, header_row + len(cells))
    frame = _drop_blank_rows(cells)
    return Sheet(
        file,
        None,
        kind,
        [str(h) for h in header],
        header_row,
        dict(match.columns),
        frame,
        preamble=[list(r) for r in records[: match.row_index]],
        decimal=decimal,
    )


def _read_rows(
    rest: str, sep: str, width: int, positions: list[int], dtype: dict, file: str, header_row: int
) -> pd.DataFrame:
    # No usecols: with it pandas silently drops cells beyond the header; without it, a row with too
    # many cells raises, and the read is retried wider so those cells can be inspected.
    raw = rest.encode("utf-8", errors="surrogatepass")  # parsers read bytes far faster than a StringIO
    fast = _read_rows_fast(raw, sep, width, positions, dtype)
    if fast is not None:
        return fast
    names = list(range(width))
    for _ in range(4):
        spare = list(range(width, len(names)))
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    io.BytesIO(raw),
                    encoding="utf-8",
                    encoding_errors="replace",
                    sep=sep,
                    header=None,
                    names=names,
                    dtype={**dtype, **{pos: str for pos in spare}},
                    keep_default_na=False,
                    na_values=[""],
                    skip_blank_lines=False,
                    index_col=False,
                    quotechar='"',
                    doublequote=True,
                    engine="c",
                )
            if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
                # pandas only warns (and drops cells) when the first rows are the long ones
                longest = max((len(r) for r in head_records(rest, sep, limit=50)[0]), default=0)
                names = list(range(max(len(names) + 1, longest)))
                continue
        except pd.errors.ParserError as err:
            message = str(err)
            wider = _EXPECTED.search(message)
            if wider:
                names = list(range(int(wider.group(3))))
                continue
            eof = _EOF_IN_STRING.search(message)
            row = header_row + int(eof.group(1)) if eof else None
            raise ImportProblem(
                file,
                Message("import.unclosed_quote"),
                rows=[row] if row else [],
                hint=Message("import.hint.copy_again"),
            ) from None
        except (ValueError, UnicodeError) as err:
            raise ImportProblem(
                file, Message("import.csv_error", error=err), hint=Message("import.hint.save_as_csv")
            ) from None
        # Extra cells are fine when empty (trailing separators); a value there means a broken row.
        bad = frame[spare].notna().any(axis=1).to_numpy()
        if bad.any():
            rows = (np.flatnonzero(bad) + header_row + 1).tolist()
            raise ImportProblem(
                file,
                Message("import.rows_too_wide", width=width),
                rows=rows,
                count=int(bad.sum()),
                hint=_UNQUOTED_SEP_HINT,
            )
        return frame[positions]
    raise ImportProblem(file, Message("import.rows_wider"), hint=_UNQUOTED_SEP_HINT)


def _read_rows_fast(raw: bytes, sep: str, width: int, positions: list[int], dtype: dict) -> pd.DataFrame | None:
    """A clean file through pyarrow's multi-threaded reader (3x faster); None sends it to the careful path.

    pyarrow is strict: a row with more or fewer cells than the header, a stray quote or a blank
    line (which would shift spreadsheet row numbers) makes it give up, and the pandas path then
    reads the file and says exactly what is wrong where.
    """
    if b"\n\n" in raw or b"\n\r\n" in raw or b"\r\r" in raw:
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(width)]
    wanted = [names[p] for p in positions]
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char='"', double_quote=True, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=wanted,
                column_types={names[p]: pa.string() for p in dtype},
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowException, ValueError, OSError):
        return None
    # Numbers pyarrow could not read as numbers stay text, for cells.numbers to explain.
    for i, column in enumerate(table.columns):
        if not (
            pa.types.is_integer(column.type)
            or pa.types.is_floating(column.type)
            or pa.types.is_string(column.type)
            or pa.types.is_null(column.type)
        ):
            table = table.set_column(i, table.column_names[i], column.cast(pa.string()))
    frame = table.to_pandas(
        types_mapper={
            pa.string(): pd.StringDtype("pyarrow", na_value=np.nan),
            pa.large_string(): pd.StringDtype("pyarrow", na_value=np.nan),
        }.get
    )
    frame.columns = positions
    for pos in positions:  # an all-empty column comes back as nulls of no type
        if frame[pos].dtype == object:
            frame[pos] = frame[pos].astype("str")
    return frame


def _refuse_truncated(rest: str, sep: str, width: int, file: str, last_row: int) -> None:
    """A last row shorter than the one before it means a file cut short."""
    lines = [line for line in rest[-65536:].splitlines() if line.strip()][-2:]
    if len(lines) < 2 or any(line.count('"') % 2 for line in lines):
        return
    counts = [len(next(csv.reader([line], delimiter=sep))) for line in lines]
    if counts[0] >= width and counts[1] < width:
        raise ImportProblem(
            file,
            Message("import.truncated_last_row", cells=counts[1], width=width),
            rows=[last_row],
            hint=Message("import.hint.copy_again"),
        )


def _drop_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    blank = np.ones(len(frame), dtype=bool)
    for col in frame.columns:
        s = frame[col]
        empty = s.isna()
        if not pd.api.types.is_numeric_dtype(s.dtype):
            empty |= s.astype("str").str.strip().eq("").fillna(True)
        blank &= empty.to_numpy(dtype=bool)
        if not blank.any():
            break  # the usual case: the first column already shows no blank row
    return frame[~blank] if blank.any() else frame


# --- Excel records -> Sheets ---------------------------------------------------------------------------


def record_sheet(records: list[list[str]], file: str, name: str | None, kinds: Sequence[Kind]) -> Sheet | None:
    """A worksheet's rows (all text) as a :class:`Sheet`, or None when no header is recognised."""
    match = find_header(records, kinds)
    if match is None:
        return None
    header = records[match.row_index]
    header_row = match.row_index + 1
    body = records[match.row_index + 1 :]
    columns = dict(match.columns)
    data = {fld: [row[pos] if pos < len(row) else "" for row in body] for fld, pos in columns.items()}
    frame = pd.DataFrame(data, index=pd.RangeIndex(header_row + 1, header_row + 1 + len(body)), dtype="str")
    return Sheet(
        file,
        name,
        match.kind,
        [str(h) for h in header],
        header_row,
        columns,
        _drop_blank_rows(frame),
        preamble=[list(r) for r in records[: match.row_index]],
    )
