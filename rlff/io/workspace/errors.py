"""The workspace's errors: one line a user can act on, in English or French."""

from __future__ import annotations

from rlff.i18n.messages import LocalizedError


class WorkspaceError(LocalizedError):
    """A problem with the workspace the user can fix; ``str()`` is one line (English).

    ``message(lang)`` says it in ``lang`` (see :class:`rlff.i18n.messages.LocalizedError`).

    Attributes:
        key: Catalog key of the message (``workspace.error.…``).
        values: The message's placeholders.
    """


class UndoRefused(WorkspaceError):
    """An undo that would take rows a later import relies on."""
