"""What the workspace hands out: a brand's settings and the record of an import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rlff.i18n import LANGS

from .errors import WorkspaceError

MAX_LOGO_BYTES = 2 * 1024 * 1024  # a logo for a slide, not a poster
MAX_NAME_CHARS = 100
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


@dataclass(frozen=True)
class BrandSettings:
    """How a brand shows in titles and in the deck.

    Attributes:
        name: The key, as in ``--brand NAME`` and ``?brand=NAME``.
        display_name: Shown in titles and the deck ("" -> ``name``).
        cm_name: The community manager's name.
        logo: A PNG or JPEG image (at most 2 MB), or None.
        deck_lang: Language of the deck, ``en`` or ``fr``.
    """

    name: str
    display_name: str = ""
    cm_name: str = ""
    logo: bytes | None = None
    deck_lang: str = "en"

    @property
    def shown_name(self) -> str:
        """The name titles show: the display name, else the key."""
        return self.display_name or self.name


def check_brand_name(name: object) -> str:
    """``name`` stripped, or :class:`WorkspaceError` when it cannot be a brand's key."""
    text = str(name).strip() if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME_CHARS or any(ord(c) < 32 for c in text):
        raise WorkspaceError("workspace.error.brand_name", name=str(name)[:40], limit=MAX_NAME_CHARS)
    return text


def check_settings(settings: BrandSettings) -> BrandSettings:
    """The settings with a checked name, or :class:`WorkspaceError` naming what is wrong."""
    name = check_brand_name(settings.name)
    if settings.deck_lang not in LANGS:
        raise WorkspaceError("workspace.error.deck_lang", lang=settings.deck_lang, langs=", ".join(LANGS))
    for label, text in (("display name", settings.display_name), ("CM name", settings.cm_name)):
        if not isinstance(text, str) or len(text) > MAX_NAME_CHARS:
            raise WorkspaceError("workspace.error.text_field", field=label, limit=MAX_NAME_CHARS)
    if settings.logo is not None:
        check_logo(settings.logo)
    if name != settings.name:
        settings = BrandSettings(name, settings.display_name, settings.cm_name, settings.logo, settings.deck_lang)
    return settings


def check_logo(data: bytes) -> None:
    """Refuse a logo that is not a PNG or JPEG, is empty, or weighs more than 2 MB."""
    if not data:
        raise WorkspaceError("workspace.error.logo_empty")
    if len(data) > MAX_LOGO_BYTES:
        raise WorkspaceError("workspace.error.logo_size", size_mb=f"{len(data) / 1e6:.1f}", limit_mb=2)
    if not (data.startswith(_PNG) or data.startswith(_JPEG)):
        raise WorkspaceError("workspace.error.logo_kind")


@dataclass(frozen=True)
class ImportedFile:
    """One file of an import.

    Attributes:
        name: Its name, as given.
        kind: The recognised format (``x_posts``, ``rlff_inbox``, …).
        size: Bytes.
        sha256: SHA-256 of its bytes.
        same_as: When an identical file was already in the workspace, the import that holds
            it (this file's rows were not stored again); else None.
    """

    name: str
    kind: str
    size: int
    sha256: str
    same_as: int | None = None


@dataclass(frozen=True)
class ImportRecord:
    """One import: when (UTC), which brand, which files, rows stored per table.

    Attributes:
        id: The import's number (``rlff undo ID``).
        at: When it was committed, UTC (naive).
        brand: The brand's key.
        files: The files, in the order given.
        rows: Rows this import stored, per RLFF table (tables with none left out).
        warnings: What the reader noticed (defaults used, duplicates counted once).
    """

    id: int
    at: datetime
    brand: str
    files: tuple[ImportedFile, ...]
    rows: dict[str, int]
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, object]:
        """The record as ``rlff history --json`` prints it."""
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "brand": self.brand,
            "files": [
                {"name": f.name, "kind": f.kind, "size": f.size, "sha256": f.sha256, "same_as": f.same_as}
                for f in self.files
            ],
            "rows": dict(self.rows),
        }
