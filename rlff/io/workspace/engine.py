"""Where the workspace lives and how RLFF connects to it (SQLite by default, PostgreSQL on request).

One code path for both: SQLAlchemy Core. SQLite gets the pragmas a small shared file needs
(WAL, so readers never wait for an import; a busy timeout, so two imports queue instead of
failing; foreign keys on) and explicit ``BEGIN`` statements, so that a writing transaction
takes the write lock at its start (``BEGIN IMMEDIATE``) rather than half-way through.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from .errors import WorkspaceError

ENV_URL = "RLFF_DATABASE_URL"
BUSY_TIMEOUT_MS = 60_000
# Execution option of a connection that will write: SQLite then begins with BEGIN IMMEDIATE.
WRITES = {"rlff_writes": True}
# A write that may give up at once when another one holds the lock (a cache, say).
QUICK_WRITES = {"rlff_writes": True, "rlff_quick": True}
QUICK_TIMEOUT_MS = 200


def data_home() -> Path:
    """``$XDG_DATA_HOME/rlff``, else ``~/.local/share/rlff`` (the XDG default)."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "rlff"


def default_database_url() -> str:
    """The SQLite file RLFF uses when no database is named: ``<data home>/rlff/workspace.sqlite``."""
    return f"sqlite:///{data_home() / 'workspace.sqlite'}"


def resolve_url(url: str | None = None) -> str:
    """``url``, else ``$RLFF_DATABASE_URL``, else :func:`default_database_url`."""
    return url or os.environ.get(ENV_URL) or default_database_url()


def create_engine(url: str) -> Engine:
    """An engine for ``url``; the SQLite file's folder is created on first use.

    Raises:
        WorkspaceError: when the URL is malformed, names an unsupported database, or its
            folder cannot be created.
    """
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise WorkspaceError("workspace.error.bad_url", url=url) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.get_driver_name() in ("", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # the driver RLFF ships with
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except ImportError:
            raise WorkspaceError("workspace.error.bad_url", url=url) from None
    if backend != "sqlite":
        raise WorkspaceError("workspace.error.bad_url", url=url)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        raise WorkspaceError("workspace.error.memory_url", url=url)
    folder = Path(database).expanduser().resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorkspaceError("workspace.error.folder", folder=str(folder), reason=err.strerror or str(err)) from None
    engine = sa.create_engine(parsed.set(database=str(Path(database).expanduser())))
    _sqlite_events(engine)
    return engine


def _sqlite_events(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        # pysqlite's own transaction handling is off: the "begin" hook below says when.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except Exception:  # noqa: BLE001 - a read-only folder cannot hold the -wal file; reading still works
            pass
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed import
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        options = conn.get_execution_options()
        quick = options.get("rlff_quick", False)
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {QUICK_TIMEOUT_MS if quick else BUSY_TIMEOUT_MS}")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("rlff_writes", False) else "BEGIN")
