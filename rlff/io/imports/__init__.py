"""Platform exports and RLFF CSVs in, RLFF's tidy tables out, clear errors otherwise.

The public API (everything takes bytes and a file name, returns results, never prints):

- :func:`read_file` — one file's bytes -> :class:`ImportResult` (recognised kind, tables, warnings).
- :func:`import_files` — several ``(name, bytes)`` -> :class:`ImportOutcome` (merged tables, results,
  one :class:`ImportProblem` per bad file; never raises for one bad file among several).
- :func:`blank_template` — a CSV template for one RLFF table.
- :func:`import_files_command` — ``rlff import FILE... --out DIR`` (the CLI's entry).

See docs/imports.md for the formats, the column mapping and the validation rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .command import import_files_command
    from .mapping import COUNT_MAPPING, CountMapping, formats_markdown, mapping_markdown
    from .merge import ImportOutcome, import_files, merge_results
    from .problems import MAX_UPLOAD_MB, ImportProblem
    from .read import KINDS, ImportResult, read_file
    from .templates import blank_template, template_filename

# Loaded on first use: the readers pull in pandera and the spreadsheet libraries (~0.4 s),
# which the dashboard's views, the deck and `rlff report` never need.
_WHERE = {
    "import_files_command": "command",
    "COUNT_MAPPING": "mapping",
    "CountMapping": "mapping",
    "formats_markdown": "mapping",
    "mapping_markdown": "mapping",
    "ImportOutcome": "merge",
    "import_files": "merge",
    "merge_results": "merge",
    "MAX_UPLOAD_MB": "problems",
    "ImportProblem": "problems",
    "KINDS": "read",
    "ImportResult": "read",
    "read_file": "read",
    "blank_template": "templates",
    "template_filename": "templates",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "COUNT_MAPPING",
    "KINDS",
    "MAX_UPLOAD_MB",
    "CountMapping",
    "ImportOutcome",
    "ImportProblem",
    "ImportResult",
    "blank_template",
    "formats_markdown",
    "import_files",
    "import_files_command",
    "mapping_markdown",
    "merge_results",
    "read_file",
    "template_filename",
]
