"""Your months, kept: every import of every brand in one database (SQLite file or PostgreSQL).

The API the command line and the dashboard build on::

    ws = open_workspace()                     # $RLFF_DATABASE_URL, else the SQLite file in the data home
    record = ws.import_files([("tweets.csv", data)], brand="acme")
    tables = ws.tables("acme")                # every import of the brand, merged
    ws.history("acme"); ws.undo(record.id)
    ws.save_brand(BrandSettings("acme", display_name="ACME", deck_lang="fr"))

See :mod:`.store` for what "undo" refuses and why, :mod:`.migrations` for the schema history.
"""

from __future__ import annotations

from .engine import ENV_URL, data_home, default_database_url
from .errors import UndoRefused, WorkspaceError
from .records import BrandSettings, ImportedFile, ImportRecord
from .schema import SCHEMA_VERSION
from .store import DEFAULT_BRAND, Workspace, open_workspace

__all__ = [
    "DEFAULT_BRAND",
    "ENV_URL",
    "SCHEMA_VERSION",
    "BrandSettings",
    "ImportRecord",
    "ImportedFile",
    "UndoRefused",
    "Workspace",
    "WorkspaceError",
    "data_home",
    "default_database_url",
    "open_workspace",
]
