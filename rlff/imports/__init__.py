"""Platform exports and RLFF CSVs in, RLFF's tidy tables out, clear errors otherwise.

The public API (everything takes bytes and a file name, returns results, never prints):

- :func:`read_file` — one file's bytes -> :class:`ImportResult` (recognised kind, tables, warnings).
- :func:`import_files` — several ``(name, bytes)`` -> :class:`ImportOutcome` (merged tables, results,
  one :class:`ImportProblem` per bad file; never raises for one bad file among several).
- :func:`missing_reality_inputs` — which reality metrics a dataset cannot give, and what to upload.
- :func:`blank_template` — a CSV template for one RLFF table.
- :func:`import_files_command` — ``rlff import FILE... --out DIR`` (the CLI's entry).

See docs/imports.md for the formats, the column mapping and the validation rules.
"""

from __future__ import annotations

from .command import import_files_command
from .mapping import COUNT_MAPPING, CountMapping, formats_markdown, mapping_markdown
from .merge import ImportOutcome, import_files, merge_results
from .missing import MissingInput, missing_reality_inputs
from .problems import MAX_UPLOAD_MB, ImportProblem
from .read import KINDS, ImportResult, read_file
from .templates import blank_template, template_filename

__all__ = [
    "COUNT_MAPPING",
    "KINDS",
    "MAX_UPLOAD_MB",
    "CountMapping",
    "ImportOutcome",
    "ImportProblem",
    "ImportResult",
    "MissingInput",
    "blank_template",
    "formats_markdown",
    "import_files",
    "import_files_command",
    "mapping_markdown",
    "merge_results",
    "missing_reality_inputs",
    "read_file",
    "template_filename",
]
