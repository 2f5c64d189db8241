"""Column rules for the frames readers build, written as pandera schemas.

Parsing (:mod:`.cells`) turns text into numbers and dates; what the values must then
satisfy (no negative counts, whole numbers, known categories, a first response after
the message, plausible years) is declared here once, as pandera checks, and pandera
reports every failing row at once. :func:`check` turns its failure cases into one
readable :class:`ImportProblem` that names the file's own column and rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from rlff.i18n.messages import Message

from .problems import ImportProblem, fill_values
from .sheet import Sheet

EARLIEST = pd.Timestamp("2000-01-01")
LATEST = pd.Timestamp("2099-12-31 23:59:59")

NON_NEGATIVE = pa.Check(lambda s: s >= 0, name="non_negative")
WHOLE = pa.Check(lambda s: (s % 1) == 0, name="whole_number")
PLAUSIBLE_TIME = pa.Check(lambda s: (s >= EARLIEST) & (s <= LATEST), name="plausible_time")
NOT_EMPTY = pa.Check(lambda s: s.str.len() > 0, name="not_empty")
SENTIMENT_RANGE = pa.Check(lambda s: (s >= -1) & (s <= 1), name="sentiment_range")
WEEK_HOURS = pa.Check(lambda s: (s >= 0) & (s <= 168), name="week_hours")
ANSWERED_AFTER_RECEIVED = pa.Check(
    lambda df: df["first_response_at"].isna() | (df["first_response_at"] >= df["received_at"]),
    name="answered_after_received",
)
# A frame-wide check reports no column: name the one the message is about.
_FRAME_CHECK_COLUMN = {"answered_after_received": "first_response_at"}

# check name -> (message, how to fix): keys of the catalogs, "import.rule.<name>" and ".hint".
_MESSAGES: dict[str, tuple[str, str]] = {
    "not_nullable": ("import.rule.empty", "import.rule.empty.hint"),
    "not_empty": ("import.rule.empty", "import.rule.empty.hint"),
    "non_negative": ("import.rule.negative", "import.rule.negative.hint"),
    "whole_number": ("import.rule.whole", "import.rule.whole.hint"),
    "plausible_time": ("import.rule.year", "import.rule.year.hint"),
    "sentiment_range": ("import.rule.sentiment", "import.rule.sentiment.hint"),
    "week_hours": ("import.rule.week_hours", "import.rule.week_hours.hint"),
    "answered_after_received": ("import.rule.answered_before", "import.rule.answered_before.hint"),
}


def count() -> pa.Column:
    """A count: a whole number, zero or more."""
    return pa.Column(nullable=False, checks=[NON_NEGATIVE, WHOLE])


def amount(*, signed: bool = False) -> pa.Column:
    """An amount of money or time: zero or more unless ``signed``."""
    return pa.Column(nullable=False, checks=[] if signed else [NON_NEGATIVE])


def moment(*, nullable: bool = False) -> pa.Column:
    """A date or time in 2000–2099."""
    return pa.Column(nullable=nullable, checks=[PLAUSIBLE_TIME])


def identifier() -> pa.Column:
    """A non-empty text."""
    return pa.Column(nullable=False, checks=[NOT_EMPTY])


def choice(values: Iterable[str]) -> pa.Column:
    """One of a fixed set of values."""
    return pa.Column(nullable=False, checks=[pa.Check.isin(list(values))])


def schema(columns: Mapping[str, pa.Column], checks: Iterable[pa.Check] = ()) -> pa.DataFrameSchema:
    """A schema over the columns a frame has; the others are not checked."""
    return pa.DataFrameSchema(dict(columns), checks=list(checks), strict=False)


def check(
    frame: pd.DataFrame, rules: pa.DataFrameSchema, sheet: Sheet, fields: Mapping[str, str] | None = None
) -> None:
    """Validate ``frame`` (indexed by spreadsheet row) against ``rules``.

    Args:
        frame: The parsed rows; its index holds 1-based spreadsheet row numbers.
        rules: The pandera schema to apply (columns absent from ``frame`` are skipped).
        sheet: Where the rows come from, for the file, sheet and column names.
        fields: Frame column -> sheet field, when they differ (default: the same name).

    Raises:
        ImportProblem: about the first failing column, in the frame's column order.
    """
    present = {name: col for name, col in rules.columns.items() if name in frame.columns}
    frame_checks = [c for c in rules.checks if all(n in frame.columns for n in _frame_check_needs(c))]
    try:
        pa.DataFrameSchema(present, checks=frame_checks, strict=False).validate(frame, lazy=True)
    except SchemaErrors as err:
        raise _problem(err.failure_cases, frame, sheet, rules, fields or {}) from None


def _frame_check_needs(chk: pa.Check) -> tuple[str, ...]:
    return ("first_response_at", "received_at") if chk.name == "answered_after_received" else ()


def _problem(
    cases: pd.DataFrame, frame: pd.DataFrame, sheet: Sheet, rules: pa.DataFrameSchema, fields: Mapping[str, str]
) -> ImportProblem:
    cases = cases.copy()
    # pandera lists a frame-wide failure under every column: keep the one the message is about
    cases["column"] = [
        _FRAME_CHECK_COLUMN.get(str(chk), col) for col, chk in zip(cases["column"], cases["check"], strict=True)
    ]
    cases = cases.drop_duplicates(["column", "check", "index"])
    order = {c: i for i, c in enumerate(frame.columns)}
    cases["order"] = cases["column"].map(order).fillna(len(order))
    cases = cases[cases["index"].notna()].sort_values(["order", "index"], kind="stable")
    if cases.empty:  # a schema-level failure without rows: report it plainly
        return ImportProblem(
            sheet.file,
            Message("import.rule.types"),
            sheet=sheet.name,
            hint=Message("import.hint.unedited"),
        )
    first = cases.iloc[0]
    column, check_name = str(first["column"]), str(first["check"])
    picked = cases[(cases["column"] == column) & (cases["check"] == check_name)]
    rows = sorted({int(r) for r in picked["index"]})
    values = [_shown(frame.at[r, column]) for r in rows[:5]] if column in frame.columns else []
    described, hint = _describe(check_name, rules, column)
    message = fill_values(described, values)
    fld = fields.get(column, column)
    return ImportProblem(
        sheet.file,
        message,
        column=sheet.column_name(fld),
        rows=rows,
        hint=hint,
        sheet=sheet.name,
        values=values,
        count=len(rows),
    )


def _describe(check_name: str, rules: pa.DataFrameSchema, column: str) -> tuple[Message, Message]:
    if check_name.startswith("isin"):
        allowed = []
        for chk in rules.columns[column].checks if column in rules.columns else []:
            if chk.name == "isin":
                allowed = list(chk.statistics.get("allowed_values", []))
        listed = ", ".join(str(a) for a in allowed)
        return Message("import.rule.isin", allowed=listed), Message("import.rule.isin.hint", allowed=listed)
    if check_name in _MESSAGES:
        message, hint = _MESSAGES[check_name]
        return Message(message), Message(hint)
    return Message("import.rule.other", rule=check_name), Message("import.rule.other.hint")


def _shown(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None or value is pd.NaT else str(value)
