"""How each platform's counts map onto RLFF's Retweets, Likes, Friends, Fans (and the rest).

Generated from the kinds' own declarations, so the table in docs/imports.md (checked by a
test) cannot drift from what the readers do.
"""

from __future__ import annotations

from typing import NamedTuple

from .detect import Kind
from .read import KINDS

TARGETS: dict[str, str] = {
    "retweet": "**retweets**: `engagements` rows of kind `retweet`",
    "like": "**likes**: `engagements` rows of kind `like`",
    "reply": "replies: `engagements` rows of kind `reply`",
    "new_follows": "**fans** gained: `followers.organic_follows`",
    "unfollows": "**fans** lost: `followers.unfollows`",
    "impressions": "`posts.impressions`",
    "clicks": "`posts.clicks`",
}


class CountMapping(NamedTuple):
    """One row of the mapping: a file kind, its column(s), and where they land in RLFF."""

    kind: str
    export_columns: str
    rlff: str


def _columns(kind: Kind, fields: tuple[str, ...]) -> str:
    if not fields:
        return "(none in this export: 0)"
    return " + ".join(" / ".join(f"`{a}`" for a in kind.fields[f]) for f in fields)


def _mapping() -> tuple[CountMapping, ...]:
    rows = []
    for kind in KINDS:
        if kind.granularity == "table":
            continue
        for target, fields in kind.counts.items():
            rlff = TARGETS[target]
            if kind.granularity == "post" and target == "new_follows":
                rlff += ", summed per day of publication, only where no daily file covers the platform"
            elif kind.granularity == "day" and target in ("retweet", "like", "reply"):
                rlff += " with an empty post_id, only for days no per-post file covers"
            rows.append(CountMapping(kind.label, _columns(kind, fields), rlff))
        for column, why in kind.notes.items():
            rows.append(CountMapping(kind.label, f"`{column}`", why))
    rows.append(
        CountMapping(
            "every export",
            "(none)",
            "**friends**: 0, no export gives the accounts the brand follows (an RLFF followers file can)",
        )
    )
    return tuple(rows)


COUNT_MAPPING: tuple[CountMapping, ...] = _mapping()


def mapping_markdown() -> str:
    """The mapping as the markdown table docs/imports.md holds."""
    lines = ["| file | export column(s) | in RLFF |", "|---|---|---|"]
    lines += [f"| {row.kind} | {row.export_columns} | {row.rlff} |" for row in COUNT_MAPPING]
    return "\n".join(lines)


def formats_markdown() -> str:
    """The recognised kinds and the columns that recognise each, as a markdown table."""
    lines = ["| file | recognised by these columns (any order, others may come and go) |", "|---|---|"]
    for kind in KINDS:
        required = ", ".join(" / ".join(f"`{a}`" for a in kind.fields[f]) for f in kind.required)
        lines.append(f"| {kind.label} | {required} |")
    return "\n".join(lines)


def rlff_tables_markdown() -> str:
    """What each RLFF CSV must have and what a missing column defaults to, as a markdown table."""
    from .rlff_csv import SPECS

    lines = ["| file | required columns | a missing column becomes |", "|---|---|---|"]
    for table, spec in SPECS.items():
        required = ", ".join(f"`{c}`" + "".join(f" (or `{a}`)" for a in spec.aliases.get(c, ())) for c in spec.required)
        defaults = "; ".join(f"`{c}`: {d}" for c, d in spec.defaults.items()) or "(all columns required)"
        lines.append(f"| `{table}.csv` | {required} | {defaults} |")
    return "\n".join(lines)
