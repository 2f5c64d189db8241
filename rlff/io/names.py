"""Names from files and users (file names, brand names) made safe to print on a terminal."""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT escape sequences (CSI, OSC, single-character escapes): a file name must not move
# the cursor, recolour the terminal or set its title.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def safe_name(name: str, width: int = 80) -> str:
    """``name`` on one printable line: escapes removed, control characters shown as ``?``,
    and shortened to ``width`` characters with ``…`` in the middle.

    Args:
        name: A file name, folder or brand name, as given.
        width: The most characters to keep.

    Returns:
        Text that cannot break a line or a terminal.
    """
    text = _ESCAPES.sub("", str(name))
    text = "".join(
        "?" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d" else ch for ch in text
    )
    if len(text) > width:
        keep = width - 1
        text = text[: (keep + 1) // 2] + "…" + text[len(text) - keep // 2 :]
    return text
