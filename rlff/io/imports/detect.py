"""Recognise what a file is from a required subset of its column names.

Exports change between months and languages of the platform's interface, columns come
and go, and users rename files; so a kind is recognised by the columns it cannot do
without, never by the file name or the exact header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .sheet import Part, Sheet

Granularity = Literal["post", "day", "table"]
HEADER_SEARCH_ROWS = 20  # note rows, metric names and blank lines above a header are few

_SPACES = re.compile(r"[\s_]+")


def normalize(name: object) -> str:
    """A column name as compared: lower case, no BOM or quotes, ``_`` and runs of spaces as one space."""
    text = str(name).replace("\ufeff", "").strip().strip('"').strip()
    return _SPACES.sub(" ", text).lower()


@dataclass(frozen=True)
class Kind:
    """One recognisable file format and how to read it.

    Attributes:
        key: Stable identifier, e.g. ``"x_posts"``.
        label: What a person calls it, e.g. "X per-post export".
        platform: The platform its rows belong to (None for RLFF tables, which say it per row).
        granularity: ``"post"`` (one row per post), ``"day"`` (one row per day) or ``"table"`` (RLFF).
        fields: Field name -> accepted column names, in order of preference (as exports spell them).
        required: Fields the file cannot do without; they recognise the kind.
        numeric: Fields read as numbers.
        dates: Fields read as dates or times.
        excluded: Column names whose presence means it is another kind.
        counts: RLFF target -> fields added up into it (see :data:`rlff.io.imports.mapping.COUNT_MAPPING`).
        notes: Export columns deliberately left out, with why (documentation only).
        dayfirst: How to read ambiguous ``03/04/2026`` dates: True day first, False month first,
            None from the file's locale (day first in ``;``-separated files).
        read: The reader turning a recognised sheet into RLFF tables.
    """

    key: str
    label: str
    platform: str | None
    granularity: Granularity
    fields: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    read: Callable[[Sheet], Part]
    numeric: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    excluded: tuple[str, ...] = ()
    counts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    dayfirst: bool | None = None

    def match(self, header: Sequence[str]) -> dict[str, int] | None:
        """Field -> column position when ``header`` (normalised names) is this kind, else None."""
        if any(normalize(x) in header for x in self.excluded):
            return None
        found = self.locate(header)
        if all(f in found for f in self.required):
            return found
        return None

    def locate(self, header: Sequence[str]) -> dict[str, int]:
        """Field -> position of the first column, by order of preference, that the header has."""
        position: dict[str, int] = {}
        for i, name in enumerate(header):
            position.setdefault(name, i)  # a repeated column name: the first one counts
        found = {}
        for fld, aliases in self.fields.items():
            for alias in aliases:
                if normalize(alias) in position:
                    found[fld] = position[normalize(alias)]
                    break
        return found

    def score(self, header: Sequence[str]) -> tuple[int, int]:
        """How specific a match is: required fields, then known columns (for choosing among matches)."""
        return len(self.required), len(self.locate(header))

    def missing(self, header: Sequence[str]) -> list[str]:
        """The required columns the header lacks, as the export spells them."""
        found = self.locate(header)
        return [self.fields[f][0] for f in self.required if f not in found]


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header is among the first records, which kind it is, and its column positions."""

    row_index: int  # 0-based index among the records searched
    kind: Kind
    columns: dict[str, int]


def find_header(records: Sequence[Sequence[str]], kinds: Sequence[Kind]) -> HeaderMatch | None:
    """The first record that is a known header; among kinds it matches, the most specific."""
    for i, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        header = [normalize(c) for c in record]
        matches = [(k.score(header), -n, k) for n, k in enumerate(kinds) if k.match(header) is not None]
        if matches:
            best = max(matches, key=lambda m: (m[0], m[1]))[2]
            return HeaderMatch(i, best, best.match(header) or {})
    return None


def closest_kind(records: Sequence[Sequence[str]], kinds: Sequence[Kind]) -> tuple[Kind, list[str]] | None:
    """The kind a header comes closest to (half its required columns or more) and what it lacks."""
    best: tuple[float, Kind, list[str]] | None = None
    for record in records[:HEADER_SEARCH_ROWS]:
        header = [normalize(c) for c in record]
        for kind in kinds:
            missing = kind.missing(header)
            share = 1 - len(missing) / len(kind.required)
            if missing and share >= 0.5 and (best is None or share > best[0]):
                best = (share, kind, missing)
    return None if best is None else (best[1], best[2])
