"""The workspace's errors: one line a user can act on, in English or French."""

from __future__ import annotations

from rlff.i18n import t


class WorkspaceError(Exception):
    """A problem with the workspace the user can fix; ``str()`` is one line (English).

    Attributes:
        key: Catalog key of the message (``workspace.error.…``).
        values: The message's placeholders.
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (one line)."""
        return " ".join(t(self.key, lang, **self.values).splitlines())


class UndoRefused(WorkspaceError):
    """An undo that would take rows a later import relies on."""
