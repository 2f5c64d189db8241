"""The dashboard's handle on the workspace (:mod:`rlff.io.workspace`): where it is, its brands, a brand's tables.

The dashboard finds the workspace as the CLI does (``$RLFF_DATABASE_URL``, else the SQLite
file in the data home). Looking never creates it: with no SQLite file yet, there are no
brands, and the file appears with the first upload (:func:`for_writing`).

A brand's tables are cached per server (every session and browser shares them), keyed by
the workspace, the brand and its :func:`state_key` (the ids of its imports and its
settings): an upload or an undo, from any session, gives a new key, so the next rerun of
every session reads the new data; otherwise a rerun costs two small queries.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from rlff.io.workspace import BrandSettings, ImportRecord, Workspace, WorkspaceError, open_workspace
from rlff.io.workspace.engine import resolve_url
from rlff.schema import Tables

CACHE_TTL_SECONDS = 3600


def url() -> str:
    """The workspace's URL: ``$RLFF_DATABASE_URL``, else the default SQLite file (read on every call)."""
    return resolve_url(None)


def exists(database_url: str) -> bool:
    """False only for a SQLite workspace whose file is not there yet (a server database always "exists")."""
    try:
        parsed = make_url(database_url)
    except ArgumentError:
        return True  # let open_workspace say what is wrong with it
    if parsed.get_backend_name() != "sqlite":
        return True
    return Path(parsed.database or "").expanduser().is_file()


@st.cache_resource(max_entries=4, show_spinner=False)
def _open(database_url: str) -> Workspace:
    """One Workspace (one connection pool) per URL and server process."""
    return open_workspace(database_url)


def existing() -> Workspace | None:
    """The workspace if it exists (never created here), else None.

    Raises:
        WorkspaceError: when it exists but cannot be opened.
    """
    where = url()
    return _open(where) if exists(where) else None


def for_writing() -> Workspace:
    """The workspace, created on first use (the first upload)."""
    return _open(url())


def brands() -> list[BrandSettings]:
    """The workspace's brands; none when there is no workspace yet."""
    ws = existing()
    return [] if ws is None else ws.brands()


def state_key(ws: Workspace, brand: str, history: list[ImportRecord]) -> str:
    """A short name for what ``brand`` holds now: its imports (by id) and its settings."""
    settings = ws.brand_settings(brand)
    parts = [ws.url, brand, ",".join(str(r.id) for r in history), repr(settings)]
    return hashlib.blake2b("|".join(parts).encode("utf-8"), digest_size=10).hexdigest()


@st.cache_resource(max_entries=16, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def brand_tables(_ws: Workspace, database_url: str, brand: str, key: str) -> Tables:
    """Every import of ``brand`` merged (Workspace.tables), kept as one object per ``key`` (see :func:`state_key`)."""
    return _ws.tables(brand)


__all__ = [
    "BrandSettings",
    "WorkspaceError",
    "brand_tables",
    "brands",
    "existing",
    "exists",
    "for_writing",
    "state_key",
    "url",
]
