"""Every key of the catalogs is used by the code, and every key the code asks for exists.

Keys are found in the source by reading it (ast), not by running it:

* a string literal equal to a key (``t("page.reality", lang)``, ``"ref.expect_4h"`` in a table);
* an f-string whose fixed parts frame the key (``t(f"chart.{key}.title", lang)`` covers
  ``chart.roi.title``);
* the documented family of :func:`rlff.i18n.name`: ``name("platform", value)`` covers every
  ``platform.*`` key.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rlff import i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("rlff/**/*.py"), *ROOT.glob("rlff_app/**/*.py"), ROOT / "dashboard.py"])
LOOKUPS = {"t", "name", "names"}


def _func_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _scan() -> tuple[set[str], list[re.Pattern[str]], set[str], set[str]]:
    """(string literals, f-string patterns, name() groups, keys asked of t() literally)."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    groups: set[str] = set()
    asked: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[^ ]+" for v in node.values]
                if isinstance(node.values[0], ast.Constant):  # f"{a}.{b}" alone would match any key
                    patterns.append(re.compile("".join(parts)))
            elif isinstance(node, ast.Call) and _func_name(node) in LOOKUPS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    (groups if _func_name(node) != "t" else asked).add(first.value)
    return literals, patterns, groups, asked


LITERALS, PATTERNS, GROUPS, ASKED = _scan()


def _used(key: str) -> bool:
    if key in LITERALS or key.split(".", 1)[0] in GROUPS:
        return True
    return any(p.fullmatch(key) for p in PATTERNS)


def test_the_scan_sees_each_kind_of_use():
    # If the scan broke, every key would look unused or used; check one of each kind.
    assert "page.reality" in LITERALS
    assert any(p.fullmatch("chart.roi.title") for p in PATTERNS)
    assert {"platform", "message_kind", "source"} <= GROUPS
    assert not _used("no.such.key")


def test_every_key_in_the_catalogs_is_used_by_the_code():
    unused = sorted(k for k in i18n.STRINGS if not _used(k))
    assert unused == [], "delete these from both .po files (or use them)"


def test_every_key_the_code_asks_for_literally_is_in_the_catalogs():
    assert sorted(ASKED - set(i18n.STRINGS)) == []


def test_every_key_has_a_text_in_both_languages():
    assert i18n.missing_keys() == {"en": [], "fr": []}
