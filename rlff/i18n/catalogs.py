"""The translation catalogs: gettext ``.mo`` files compiled from the ``.po`` files a translator edits.

The ``.po`` files (``locales/<lang>/LC_MESSAGES/rlff.po``) are the source; their message ids
are RLFF's keys (``page.reality``), their message strings the text in that language, and
each French entry carries the English text as a comment for the translator.
``scripts/compile_catalogs.py`` writes the ``.mo`` files read here: the GNU ``.mo`` layout
is a few tables of offsets, read with :mod:`struct` in about a millisecond (the standard
library's ``gettext`` offers no public way to list a catalog's keys).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "rlff"
_MAGIC = {0x950412DE: "<", 0xDE120495: ">"}


def catalog_path(lang: str, suffix: str = ".mo") -> Path:
    """Where the catalog of ``lang`` lives, e.g. ``locales/fr/LC_MESSAGES/rlff.mo``."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_mo(data: bytes) -> dict[str, str]:
    """The messages of a compiled catalog, message id -> text (the header entry left out)."""
    (magic,) = struct.unpack_from("<I", data)
    order = _MAGIC.get(magic)
    if order is None:
        raise ValueError("not a gettext .mo file")
    _version, count, ids_at, texts_at = struct.unpack_from(f"{order}4I", data, 4)
    messages: dict[str, str] = {}
    for i in range(count):
        id_len, id_off = struct.unpack_from(f"{order}2I", data, ids_at + 8 * i)
        text_len, text_off = struct.unpack_from(f"{order}2I", data, texts_at + 8 * i)
        key = data[id_off : id_off + id_len].decode("utf-8")
        if key:  # "" is the catalog's header
            messages[key] = data[text_off : text_off + text_len].decode("utf-8")
    return messages


def load_strings(langs: Iterable[str]) -> dict[str, dict[str, str]]:
    """Every key of every catalog, key -> {lang: text}; a language that lacks a key is left out."""
    strings: dict[str, dict[str, str]] = {}
    for lang in langs:
        for key, text in read_mo(catalog_path(lang).read_bytes()).items():
            strings.setdefault(key, {})[lang] = text
    return strings
