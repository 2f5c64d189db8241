"""Compile the translation catalogs: rlff/i18n/locales/<lang>/LC_MESSAGES/rlff.po -> rlff.mo.

Run after editing a .po file (a test fails when a .mo is older than its .po's content):

    .venv/bin/python scripts/compile_catalogs.py

The .po files are the source a translator edits (Poedit, Weblate, any gettext tool); the
.mo files are what RLFF loads at import with the standard library's gettext (about a
millisecond, where parsing the .po with Babel costs ~0.14 s of start-up).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "rlff" / "i18n" / "locales"


def compiled(po_path: Path) -> bytes:
    """The .mo bytes of one .po file (fuzzy entries left out, as gettext does)."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=po_path.parent.parent.name)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main() -> int:
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/rlff.po")):
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            print(f"compiled {mo.relative_to(LOCALES.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
