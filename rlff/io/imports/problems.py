"""The one exception an import raises, and the size limit it enforces.

Every way a file can be wrong (unreadable, unrecognised, a bad cell) ends up as an
:class:`ImportProblem`: a message a community manager can act on, naming the file,
the column, the spreadsheet rows and the fix. No traceback text ever reaches them.

Readers write ``message`` and ``hint`` as :class:`rlff.i18n.messages.Message` (a catalog
key and its values, whose ``str`` is the English text); ``problem.text(lang)`` says the
whole paragraph in the reader's language. A plain ``str`` still works, shown as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from rlff.i18n import t
from rlff.i18n.messages import Localized, Message, Quoted, localize

# Exports of a year of daily posts on one platform weigh a few MB; 50 MB leaves room for
# a 100,000-row per-post export while keeping a hostile upload from filling memory.
MAX_UPLOAD_MB = 50

# How many offending rows and values a message names before it says "and N more".
_SHOWN = 5


class ImportProblem(ValueError):
    """A file that cannot be imported, with what is wrong and how to fix it.

    Attributes:
        file: The file's name, as uploaded.
        message: What is wrong, in one sentence (a Message, or a plain English str).
        column: The column as the file names it, or None when the whole file is at fault.
        rows: 1-based row numbers as a spreadsheet shows them (header included), first ones only.
        hint: How to fix it (a Message, or a plain English str).
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

    def where(self, lang: str = "en") -> str:
        """Where the problem is: file, sheet, column and rows, as one phrase in ``lang``."""
        place = f"{self.file}"
        if self.sheet:
            place += t("import.where.sheet", lang, sheet=self.sheet)
        if self.column:
            place += t("import.where.column", lang, column=self.column)
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            place += t("import.where.row" if len(self.rows) == 1 else "import.where.rows", lang, rows=shown)
            if self.count > len(self.rows):
                place += t("import.where.more", lang, n=self.count - len(self.rows))
        return place

    def text(self, lang: str = "en") -> str:
        """The whole paragraph in ``lang``: where, what is wrong, how to fix it."""
        message = localize(self.message, lang).rstrip(".")
        text = t("import.problem", lang, where=self.where(lang), message=message)
        if self.hint:
            text += t("import.how_to_fix", lang, hint=localize(self.hint, lang).rstrip("."))
        return text

    def localized(self) -> Localized:
        """The paragraph as a ``str`` in English that can still be said in another language."""
        return _ProblemText(self)

    def __str__(self) -> str:
        return self.text("en")


class _ProblemText(Localized):
    """:meth:`ImportProblem.text` kept for later, when the page knows its reader's language."""

    problem: ImportProblem

    def __new__(cls, problem: ImportProblem) -> _ProblemText:
        self = super().__new__(cls, problem.text("en"))
        self.problem = problem
        return self

    def text(self, lang: str = "en") -> str:
        return self.problem.text(lang)

    def __reduce__(self):  # noqa: ANN204 - pickle protocol
        return _ProblemText, (self.problem,)


def _rebuild(file, message, column, rows, hint, sheet, values, count) -> ImportProblem:
    return ImportProblem(file, message, column=column, rows=rows, hint=hint, sheet=sheet, values=values, count=count)


def quote_values(values: Sequence[str], limit: int = 3) -> Quoted:
    """``'a', 'b' and 'c'`` for a message (``« a », « b » et « c »`` in French), long values shortened."""
    return Quoted(_shorten(v) for v in list(dict.fromkeys(values))[:limit])


def fill_values(message: str, values: Sequence[str]) -> str:
    """``message`` with ``{values}`` filled by the offending cells, quoted (or "the value").

    A :class:`Message` gets them as a value, to be quoted in each language; a plain ``str``
    (English) has them written in.
    """
    shown: str = quote_values(values) if values else Message("import.the_value")
    if isinstance(message, Message):
        return message.with_values(values=shown)
    return message.replace("{values}", shown)


def _shorten(value: str, width: int = 40) -> str:
    value = str(value)
    return value if len(value) <= width else value[: width - 1] + "…"
