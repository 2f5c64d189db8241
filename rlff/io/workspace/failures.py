"""Database failures as one-line :class:`WorkspaceError` messages (disk full, read-only, busy…)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from .errors import WorkspaceError

# Words of SQLite's and PostgreSQL's messages -> the key that explains them to a user.
_CAUSES = (
    ("disk is full", "workspace.error.disk_full"),
    ("no space left", "workspace.error.disk_full"),
    ("could not extend file", "workspace.error.disk_full"),
    ("readonly database", "workspace.error.read_only"),
    ("read-only", "workspace.error.read_only"),
    ("unable to open database", "workspace.error.cannot_open"),
    ("database is locked", "workspace.error.busy"),
    ("connection", "workspace.error.cannot_connect"),
    ("password authentication", "workspace.error.cannot_connect"),
    ("does not exist", "workspace.error.cannot_connect"),
)


def explain(err: BaseException, url: str) -> WorkspaceError:
    """The :class:`WorkspaceError` a database or file-system failure stands for."""
    if isinstance(err, WorkspaceError):
        return err
    orig = getattr(err, "orig", None) or err
    text = " ".join(str(orig).split()) or type(orig).__name__
    low = text.lower()
    if isinstance(orig, OSError) and orig.errno == 28:
        return WorkspaceError("workspace.error.disk_full", where=_where(url))
    if ("unable to open database" in low or "readonly" in low) and _read_only_sqlite(url):
        return WorkspaceError("workspace.error.read_only", where=_where(url))
    for words, key in _CAUSES:
        if words in low:
            return WorkspaceError(key, where=_where(url), reason=text[:200])
    return WorkspaceError("workspace.error.database", where=_where(url), reason=text[:200])


def _read_only_sqlite(url: str) -> bool:
    """True when a SQLite workspace's file or folder cannot be written (a read-only mount, say)."""
    try:
        database = sa.engine.make_url(url).database or ""
    except sa.exc.ArgumentError:
        return False
    path = Path(database).expanduser()
    if not database or not path.exists():
        return False
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _where(url: str) -> str:
    """The workspace's place, without a password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "the workspace"


@contextmanager
def reported(url: str) -> Iterator[None]:
    """Turn database and OS failures inside the block into a :class:`WorkspaceError`."""
    try:
        yield
    except WorkspaceError:
        raise
    except (sa.exc.SQLAlchemyError, OSError) as err:
        raise explain(err, url) from err
