"""RLFF's own CSV schema: one file per table, named ``<table>.csv``, columns as in :mod:`rlff.schema`.

These files are what ``rlff generate`` writes and what users fill from the blank templates:
the inbox (which no platform exports) and costs/revenue above all. Partial files are
accepted where a sensible default exists (an inbox needs only ``received_at``, ``kind``
and ``first_response_at``); the defaults are listed in :data:`DEFAULTS` and in docs/imports.md.
Rows whose first cell starts with ``#`` are comments (the templates' example row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from rlff.i18n.messages import Message
from rlff.schema import (
    ACCOUNTS,
    ACTIVITIES,
    COLUMNS,
    COST_CATEGORIES,
    ENGAGEMENT_KINDS,
    ENGAGEMENT_SOURCES,
    EVENT_KINDS,
    MENTION_TARGETS,
    MESSAGE_KINDS,
    PLATFORMS,
    POST_FORMATS,
    conform,
)

from . import cells, validate
from .detect import Kind
from .exports import infer_format
from .followers import fill_totals
from .sheet import Part, Sheet

PLATFORM_ALIASES = {
    "x": "twitter",
    "x/twitter": "twitter",
    "twitter/x": "twitter",
    "x (twitter)": "twitter",
    "tw": "twitter",
    "fb": "facebook",
    "meta": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "li": "linkedin",
}
# French users fill the inbox in French: the article RLFF parodies is French.
KIND_ALIASES = {
    "compliments": "compliment",
    "praise": "compliment",
    "thanks": "compliment",
    "questions": "question",
    "complaints": "complaint",
    "plainte": "complaint",
    "réclamation": "complaint",
    "reclamation": "complaint",
    "crise": "crisis",
    "crises": "crisis",
}
ENGAGEMENT_ALIASES = {
    "rt": "retweet",
    "repost": "retweet",
    "share": "retweet",
    "favorite": "like",
    "reaction": "like",
    "comment": "reply",
}


@dataclass(frozen=True)
class TableSpec:
    """How lenient RLFF is with one of its own tables.

    Attributes:
        required: Columns a file must have (they also recognise the table).
        aliases: Column -> other accepted names (``channel`` for the inbox's ``platform``).
        defaults: Column -> value used when the file lacks the column, with why.
        required_cells: Columns whose cells may not be empty (the rest default per type).
    """

    required: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    required_cells: tuple[str, ...] = ()


SPECS: dict[str, TableSpec] = {
    "posts": TableSpec(
        ("post_id", "platform", "published_at"),
        defaults={
            "account": "brand",
            "format": "guessed from the text (link when it has a URL, else text)",
            "text": "empty",
            "impressions": "0",
            "clicks": "0",
            "conversions": "0",
        },
    ),
    "engagements": TableSpec(
        ("post_id", "engaged_at", "kind"),
        defaults={"source": "unknown", "actor": "empty", "count": "1"},
    ),
    "followers": TableSpec(
        ("date", "platform", "organic_follows"),
        defaults={
            "bought_follows": "0",
            "unfollows": "0",
            "followers": "running total of follows minus unfollows, from 0",
            "friends": "0",
        },
    ),
    "inbox": TableSpec(
        ("received_at", "kind", "first_response_at"),
        aliases={"platform": ("channel",)},
        defaults={
            "message_id": "a hash of the row (the same message uploaded twice is counted once)",
            "platform": "unknown",
            "resolved": "true when answered, false when never answered",
            "author": "empty",
            "text": "empty",
        },
    ),
    "mentions": TableSpec(
        ("mentioned_at", "target", "sentiment"),
        defaults={"platform": "unknown", "author": "empty", "text": "empty"},
        required_cells=("sentiment",),
    ),
    "costs": TableSpec(("date", "category", "amount_eur"), defaults={"note": "empty"}, required_cells=("amount_eur",)),
    "revenue": TableSpec(
        ("date", "amount_eur"),
        defaults={"post_id": "empty (unattributed)", "platform": "unknown", "conversions": "0"},
        required_cells=("amount_eur",),
    ),
    "strategy": TableSpec(("week", "action", "executed"), defaults={"planned": "true"}),
    "time_use": TableSpec(("week", "activity", "hours"), required_cells=("hours",)),
    "events": TableSpec(("date", "kind"), defaults={"label": "empty"}),
    "peers": TableSpec(
        ("handle", "followers"),
        defaults={
            "name": "the handle",
            "likes_reported_month": "0",
            "retweets_reported_month": "0",
            "in_ring": "false",
        },
    ),
}
DEFAULTS: dict[str, Mapping[str, str]] = {table: spec.defaults for table, spec in SPECS.items()}

# Columns whose values come from a fixed list, and the list (free-text channels have none).
_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("posts", "platform"): PLATFORMS,
    ("posts", "account"): ACCOUNTS,
    ("posts", "format"): POST_FORMATS,
    ("engagements", "kind"): ENGAGEMENT_KINDS,
    ("engagements", "source"): ENGAGEMENT_SOURCES,
    ("followers", "platform"): PLATFORMS,
    ("inbox", "kind"): MESSAGE_KINDS,
    ("mentions", "target"): MENTION_TARGETS,
    ("costs", "category"): COST_CATEGORIES,
    ("time_use", "activity"): ACTIVITIES,
    ("events", "kind"): EVENT_KINDS,
}
_ALIASES: dict[str, Mapping[str, str]] = {"platform": PLATFORM_ALIASES}
_TABLE_ALIASES: dict[tuple[str, str], Mapping[str, str]] = {
    ("inbox", "kind"): KIND_ALIASES,
    ("engagements", "kind"): ENGAGEMENT_ALIASES,
    ("posts", "format"): {"photo question": "photo_question", "image": "photo"},
    ("time_use", "activity"): {a.replace("_", " "): a for a in ACTIVITIES},
    ("events", "kind"): {k.replace("_", " "): k for k in EVENT_KINDS},
}
_SPECIAL_CHECKS = {("mentions", "sentiment"): validate.SENTIMENT_RANGE, ("time_use", "hours"): validate.WEEK_HOURS}


def read_table(sheet: Sheet) -> Part:
    """Read one RLFF table file: parse by the schema's types, fill defaults, validate with pandera.

    Raises:
        ImportProblem: for unreadable or invalid cells, or a file with no data rows.
    """
    table = sheet.kind.key.removeprefix("rlff_")
    spec = SPECS[table]
    sheet.frame = _without_comments(sheet)
    if sheet.frame.empty:
        raise sheet.problem(
            None,
            Message("import.no_rows"),
            hint=Message("import.hint.add_rows", row=table.rstrip("s")),
        )
    frame = pd.DataFrame(index=sheet.frame.index)
    rules: dict = {}
    defaults_used = []
    for col, (kind, _) in COLUMNS[table].items():
        present = sheet.has(col)
        if kind in ("int", "float"):
            must = col in spec.required_cells
            frame[col] = cells.numbers(sheet, col, empty=None if must else 0.0, whole=kind == "int")
            special = _SPECIAL_CHECKS.get((table, col))
            if special is not None:
                rules[col] = _ranged(special)
            elif kind == "int":
                rules[col] = validate.count()
            else:
                rules[col] = validate.amount(signed=(table, col) == ("mentions", "sentiment"))
        elif kind in ("datetime", "date"):
            frame[col] = cells.dates(sheet, col)
            rules[col] = validate.moment(nullable=(table, col) == ("inbox", "first_response_at"))
        elif kind == "bool":
            frame[col] = cells.flags(sheet, col, default=(table, col) == ("strategy", "planned"))
        elif kind == "category" and ((table, col) in _CHOICES or col == "platform"):
            aliases = {**_ALIASES.get(col, {}), **_TABLE_ALIASES.get((table, col), {})}
            allowed = _CHOICES.get((table, col))
            # a fixed list reports an empty cell as a wrong value; a free-text channel defaults to "unknown"
            frame[col] = cells.choices(sheet, col, aliases, default="" if present and allowed else "unknown")
            rules[col] = validate.choice(allowed) if allowed else validate.identifier()
        else:  # text, and categorical ids and handles (engagements.post_id, .actor): kept as written
            frame[col] = cells.text(sheet, col)
            if col in spec.required:
                rules[col] = validate.identifier()
        if not present and col in spec.defaults and col not in ("author", "text", "note", "actor", "label"):
            defaults_used.append(
                Message("import.note.default_used", file=sheet.file, column=col, default=spec.defaults[col])
            )
    frame, known = _fill(table, frame, sheet)
    frame = _finish(table, frame)
    checks = [validate.ANSWERED_AFTER_RECEIVED] if table == "inbox" else []
    validate.check(frame, validate.schema(rules, checks), sheet)
    bought_known = table != "followers" or sheet.has("bought_follows")
    return Part(
        {table: conform(table, frame)},
        warnings=[*sheet.warnings, *defaults_used],
        followers_known=known,
        bought_known=bought_known,
    )


def _ranged(check):
    """A required numeric column with one special range check."""
    import pandera.pandas as pa

    return pa.Column(nullable=False, checks=[check])


def _without_comments(sheet: Sheet) -> pd.DataFrame:
    first = min(sheet.columns, key=lambda fld: sheet.columns[fld])
    lead = sheet.frame[first].astype("str").fillna("").str.lstrip()
    return sheet.frame[~lead.str.startswith("#")]


def _fill(table: str, frame: pd.DataFrame, sheet: Sheet) -> tuple[pd.DataFrame, bool]:
    """Defaults that depend on other columns of the row."""
    known = True
    if table == "posts":
        if not sheet.has("account"):
            frame["account"] = "brand"
        if not sheet.has("format"):
            frame["format"] = infer_format(frame["text"])
    elif table == "engagements":
        if not sheet.has("count"):
            frame["count"] = 1.0
        if not sheet.has("source"):
            frame["source"] = "unknown"
    elif table == "followers":
        if not sheet.has("followers"):
            frame["followers"] = float("nan")
            known = False
        else:
            frame["followers"] = cells.numbers(sheet, "followers", empty=None)
    elif table == "inbox":
        if not sheet.has("resolved"):
            frame["resolved"] = frame["first_response_at"].notna()
        if not sheet.has("message_id"):
            frame["message_id"] = _message_ids(frame)
    elif table == "peers" and not sheet.has("name"):
        frame["name"] = frame["handle"]
    return frame, known


def _finish(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    if table == "followers":
        parts = [fill_totals(group) for _, group in frame.groupby("platform", sort=False)]
        frame = pd.concat(parts) if parts else frame
    return frame


def _message_ids(frame: pd.DataFrame) -> pd.Series:
    """Ids from the row's content: stable across uploads, so a re-uploaded inbox is counted once."""
    key = frame[["received_at", "kind", "platform", "author", "text"]].astype("str")
    occurrence = key.groupby(list(key.columns), sort=False).cumcount().astype("str")
    hashes = pd.util.hash_pandas_object(key.assign(n=occurrence), index=False)
    return "msg-" + pd.Series([f"{h:016x}" for h in hashes.to_numpy()], index=frame.index, dtype="str")


def _kind(table: str) -> Kind:
    spec = SPECS[table]
    fields = {col: (col, *spec.aliases.get(col, ())) for col in COLUMNS[table]}
    types = {col: t for col, (t, _) in COLUMNS[table].items()}
    return Kind(
        key=f"rlff_{table}",
        label=Message("import.kind.rlff_table", table=table),
        platform=None,
        granularity="table",
        fields=fields,
        required=spec.required,
        numeric=frozenset(c for c, t in types.items() if t in ("int", "float")),
        dates=frozenset(c for c, t in types.items() if t in ("date", "datetime")),
        excluded=("category",) if table == "revenue" else (),
        read=read_table,
    )


KINDS: tuple[Kind, ...] = tuple(_kind(table) for table in COLUMNS)


def check_tables(frames: Mapping[str, pd.DataFrame], folder: str) -> None:
    """Apply the upload rules to tables read from a ``--data`` folder (already typed).

    The same pandera rules as :func:`read_table`: counts whole and not negative, amounts
    not negative, dates in 2000–2099, known categories, no answer before its message.

    Args:
        frames: Table name -> frame as :func:`rlff.io.tables.read_table_csv` returns it.
        folder: The folder, for messages (``<folder>/<table>.csv``).

    Raises:
        ImportProblem: about the first table and column that break a rule.
    """
    for table, frame in frames.items():
        if frame.empty:
            continue
        rules: dict = {}
        for col, (kind, _) in COLUMNS[table].items():
            if kind in ("int", "float"):
                if (table, col) == ("followers", "followers"):
                    rules[col] = validate.pa.Column(nullable=True, checks=[validate.NON_NEGATIVE])
                elif (special := _SPECIAL_CHECKS.get((table, col))) is not None:
                    rules[col] = _ranged(special)
                else:
                    rules[col] = validate.count() if kind == "int" else validate.amount()
            elif kind in ("datetime", "date"):
                rules[col] = validate.moment(nullable=(table, col) == ("inbox", "first_response_at"))
            elif kind == "category" and (table, col) in _CHOICES:
                rules[col] = validate.choice(_CHOICES[(table, col)])
        checks = [validate.ANSWERED_AFTER_RECEIVED] if table == "inbox" else []
        header = list(COLUMNS[table])
        # Row numbers as a spreadsheet shows them: the header is row 1.
        shown = frame.set_axis(pd.RangeIndex(2, len(frame) + 2), axis=0)
        sheet = Sheet(
            file=f"{folder}/{table}.csv",
            name=None,
            kind=_KINDS_BY_TABLE[table],
            header=header,
            header_row=1,
            columns={c: i for i, c in enumerate(header)},
            frame=shown,
        )
        validate.check(shown, validate.schema(rules, checks), sheet)


_KINDS_BY_TABLE = {kind.key.removeprefix("rlff_"): kind for kind in KINDS}
