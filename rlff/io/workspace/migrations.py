"""Create a workspace, or bring an older one forward to :data:`~.schema.SCHEMA_VERSION`.

Every workspace is born at version 1 and walks the same forward steps an old one does, so
the steps run (and are tested) on every first use. History:

1. bookkeeping (brands with a display name, imports, files) and the ``rows_<table>`` tables.
2. brand settings for the deck (``cm_name``, ``logo``, ``deck_lang``), an index on
   ``import_files(brand, sha256)`` so that an earlier copy of a file is found without a scan,
   and ``snapshots`` (each brand's merged tables, a cache that opening a brand reads).
3. ``users`` (name, role, argon2 password hash) and ``user_brands`` (the brands each may see).
4. ``users.email`` (lower-case, unique when set): single sign-on maps an e-mail to a user.

A step never drops or rewrites stored rows; a newer workspace is refused, not downgraded.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from . import schema
from .errors import WorkspaceError

_LOCK_KEY = 0x524C4646  # "RLFF": PostgreSQL advisory lock held while creating or migrating


def v1_metadata() -> sa.MetaData:
    """The tables as version 1 defined them (brands without deck settings, no SHA-256 index)."""
    meta = sa.MetaData()
    sa.Table(
        "brands",
        meta,
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("display_name", sa.Text, nullable=False, server_default=""),
    )
    for table in schema.metadata.sorted_tables:
        if table.name in ("brands", "snapshots") or table.name in schema.V3_TABLES:
            continue
        copy = table.to_metadata(meta)
        for index in list(copy.indexes):
            if index.name == "ix_import_files_brand_sha256":
                copy.indexes.discard(index)
    return meta


def _create_v1(conn: sa.Connection) -> None:
    v1_metadata().create_all(conn)
    conn.execute(schema.schema_info.insert().values(id=1, version=1))


def _v1_to_v2(conn: sa.Connection) -> None:
    brands = conn.dialect.identifier_preparer.quote("brands")
    conn.exec_driver_sql(f"ALTER TABLE {brands} ADD COLUMN cm_name TEXT NOT NULL DEFAULT ''")
    conn.exec_driver_sql(f"ALTER TABLE {brands} ADD COLUMN logo {_blob(conn)}")
    conn.exec_driver_sql(f"ALTER TABLE {brands} ADD COLUMN deck_lang TEXT NOT NULL DEFAULT 'en'")
    conn.exec_driver_sql("CREATE INDEX ix_import_files_brand_sha256 ON import_files (brand, sha256)")
    schema.snapshots.create(conn)


def v3_user_tables() -> sa.MetaData:
    """``users`` and ``user_brands`` as version 3 defined them (no e-mail)."""
    meta = sa.MetaData()
    sa.Table(
        "users",
        meta,
        *(
            sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in schema.users.columns
            if c.name != "email"
        ),
    )
    schema.user_brands.to_metadata(meta)
    return meta


def _v2_to_v3(conn: sa.Connection) -> None:
    v3_user_tables().create_all(conn)


def _v3_to_v4(conn: sa.Connection) -> None:
    users = conn.dialect.identifier_preparer.quote("users")
    conn.exec_driver_sql(f"ALTER TABLE {users} ADD COLUMN email TEXT")
    conn.exec_driver_sql(f"CREATE UNIQUE INDEX ux_users_email ON {users} (email)")


def _blob(conn: sa.Connection) -> str:
    return "BYTEA" if conn.dialect.name == "postgresql" else "BLOB"


# version n -> the step that takes a workspace from n to n + 1
STEPS: dict[int, Callable[[sa.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def current_version(conn: sa.Connection) -> int | None:
    """The workspace's schema version, or None when it has no RLFF tables yet."""
    if not sa.inspect(conn).has_table(schema.schema_info.name):
        return None
    return conn.execute(sa.select(schema.schema_info.c.version)).scalar_one()


def migrate(conn: sa.Connection, target: int = schema.SCHEMA_VERSION) -> tuple[int | None, int]:
    """Create or migrate the workspace inside ``conn``'s (writing) transaction.

    Returns:
        ``(version found, version now)``; the first is None for a new workspace.

    Raises:
        WorkspaceError: when the workspace was written by a newer RLFF.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    found = current_version(conn)
    version = found
    if version is None:
        _create_v1(conn)
        version = 1
    if version > target:
        raise WorkspaceError("workspace.error.newer", found=version, supported=target)
    while version < target:
        STEPS[version](conn)
        version += 1
    if version != found:
        conn.execute(schema.schema_info.update().values(version=version))
    return found, version
