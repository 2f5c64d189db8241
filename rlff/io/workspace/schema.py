"""The workspace's tables (SQLAlchemy Core) and the schema version they make.

Bookkeeping tables: ``rlff_schema`` (one row: the version), ``brands`` (settings per brand),
``imports`` (one row per import: when, which brand), ``import_files`` (one row per file of an
import: name, kind, size, SHA-256, and what the merge needs to know about it).

Data tables: one ``rows_<table>`` per RLFF table of :mod:`rlff.schema`, with typed columns
(text, integer, float, boolean, timestamp, date) and three tags: the brand, the import and
the file each row came from, plus its position in that file (``seq``) so that a brand reads
back in the order the files gave.
"""

from __future__ import annotations

import sqlalchemy as sa

from rlff.schema import COLUMNS, TABLE_NAMES

SCHEMA_VERSION = 4
ROWS_PREFIX = "rows_"

_TYPES: dict[str, sa.types.TypeEngine] = {
    "str": sa.Text(),
    "category": sa.Text(),
    "int": sa.BigInteger(),
    "float": sa.Float(precision=53),
    "bool": sa.Boolean(),
    "datetime": sa.DateTime(),
    "date": sa.Date(),
}

metadata = sa.MetaData()

schema_info = sa.Table(
    "rlff_schema",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

brands = sa.Table(
    "brands",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("display_name", sa.Text, nullable=False, server_default=""),
    # Added in version 2:
    sa.Column("cm_name", sa.Text, nullable=False, server_default=""),
    sa.Column("logo", sa.LargeBinary, nullable=True),
    sa.Column("deck_lang", sa.Text, nullable=False, server_default="en"),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("brand", sa.Text, sa.ForeignKey("brands.name"), nullable=False),
    sa.Column("rows", sa.Text, nullable=False, server_default="{}"),  # JSON {table: rows stored}
)

import_files = sa.Table(
    "import_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False, index=True),
    sa.Column("brand", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    # The file an identical earlier file was counted as (its rows are not stored twice).
    sa.Column("same_as", sa.Integer, sa.ForeignKey("import_files.id"), nullable=True, index=True),
    # What rlff.io.imports.merge_results needs besides the rows (see ImportResult).
    sa.Column("platform", sa.Text, nullable=True),
    sa.Column("file_brand", sa.Text, nullable=True),
    sa.Column("tables", sa.Text, nullable=False),  # tables the file gave, comma-separated
    sa.Column("derived", sa.Text, nullable=False),  # of those, the fallback ones
    sa.Column("followers_known", sa.Boolean, nullable=False),
    sa.Column("bought_known", sa.Boolean, nullable=False),
    sa.Column("warnings", sa.Text, nullable=False),  # JSON list
)
# Version 3: who may log in (an argon2 hash, never the password), their role and brands.
users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, naive
    # Added in version 4: the e-mail single sign-on maps to this user, stored lower-case (or NULL).
    sa.Column("email", sa.Text, nullable=True),
)
# Version 4: one user per e-mail (NULLs do not collide, in SQLite as in PostgreSQL).
sa.Index("ux_users_email", users.c.email, unique=True)

user_brands = sa.Table(
    "user_brands",
    metadata,
    sa.Column("user_name", sa.Text, sa.ForeignKey("users.name"), primary_key=True),
    sa.Column("brand", sa.Text, primary_key=True),  # may name a brand not imported yet
)
V3_TABLES = ("users", "user_brands")

# Version 2: finding an earlier copy of a file is an index look-up, not a scan.
sa.Index("ix_import_files_brand_sha256", import_files.c.brand, import_files.c.sha256)


# Version 2: each brand's merged tables, so that opening a brand is one read (see snapshots.py).
snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("brand", sa.Text, primary_key=True),
    sa.Column("fingerprint", sa.Text, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)


def _rows_table(name: str) -> sa.Table:
    columns: list[sa.schema.SchemaItem] = [
        sa.Column("brand", sa.Text, primary_key=True),
        sa.Column("file_id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, nullable=False),
    ]
    columns += [sa.Column(col, _TYPES[kind], nullable=True) for col, (kind, _) in COLUMNS[name].items()]
    return sa.Table(ROWS_PREFIX + name, metadata, *columns)


ROWS: dict[str, sa.Table] = {name: _rows_table(name) for name in TABLE_NAMES}
