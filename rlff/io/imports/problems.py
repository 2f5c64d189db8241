"""The one exception an import raises, and the size limit it enforces.

Every way a file can be wrong (unreadable, unrecognised, a bad cell) ends up as an
:class:`ImportProblem`: a message a community manager can act on, naming the file,
the column, the spreadsheet rows and the fix. No traceback text ever reaches them.
"""

from __future__ import annotations

from collections.abc import Sequence

# Exports of a year of daily posts on one platform weigh a few MB; 50 MB leaves room for
# a 100,000-row per-post export while keeping a hostile upload from filling memory.
MAX_UPLOAD_MB = 50

# How many offending rows and values a message names before it says "and N more".
_SHOWN = 5


class ImportProblem(ValueError):
    """A file that cannot be imported, with what is wrong and how to fix it.

    Attributes:
        file: The file's name, as uploaded.
        message: What is wrong, in one sentence.
        column: The column as the file names it, or None when the whole file is at fault.
        rows: 1-based row numbers as a spreadsheet shows them (header included), first ones only.
        hint: How to fix it.
        sheet: The worksheet, for Excel files.
        values: Offending cell values, in the order of ``rows``.
        count: How many rows are affected in all (``rows`` holds at most the first few).
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        column: str | None = None,
        rows: Sequence[int] = (),
        hint: str = "",
        sheet: str | None = None,
        values: Sequence[str] = (),
        count: int | None = None,
    ) -> None:
        self.file = file
        self.message = message
        self.column = column
        self.rows = [int(r) for r in rows][:_SHOWN]
        self.hint = hint
        self.sheet = sheet
        self.values = [str(v) for v in values][:_SHOWN]
        self.count = len(rows) if count is None else count
        super().__init__(str(self))

    def __reduce__(self):  # keep the keyword-only fields when pickled (e.g. by pytest-xdist)
        return _rebuild, (
            self.file,
            self.message,
            self.column,
            self.rows,
            self.hint,
            self.sheet,
            self.values,
            self.count,
        )

    def where(self) -> str:
        """Where the problem is: file, sheet, column and rows, as one phrase."""
        place = f"{self.file}"
        if self.sheet:
            place += f", sheet '{self.sheet}'"
        if self.column:
            place += f", column '{self.column}'"
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            word = "row" if len(self.rows) == 1 else "rows"
            place += f", {word} {shown}"
            if self.count > len(self.rows):
                place += f" (and {self.count - len(self.rows)} more)"
        return place

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message.rstrip('.')}."
        if self.hint:
            text += f" How to fix: {self.hint.rstrip('.')}."
        return text


def _rebuild(file, message, column, rows, hint, sheet, values, count) -> ImportProblem:
    return ImportProblem(file, message, column=column, rows=rows, hint=hint, sheet=sheet, values=values, count=count)


def quote_values(values: Sequence[str], limit: int = 3) -> str:
    """``'a', 'b' and 'c'`` for a message, long values shortened."""
    shown = [repr(_shorten(v)) for v in list(dict.fromkeys(values))[:limit]]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _shorten(value: str, width: int = 40) -> str:
    value = str(value)
    return value if len(value) <= width else value[: width - 1] + "…"
