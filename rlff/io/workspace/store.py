"""The workspace: every import a brand ever had, kept in one database, merged on reading.

Each file of an import is stored as it was read (its rows in ``rows_<table>``, tagged with
the brand, the import and the file, plus what the merge needs to know about the file).
Reading a brand replays :func:`rlff.io.imports.merge_results` over all its files in import
order, so a brand reads back exactly as if all its files had been imported at once: a post
uploaded twice counts once, a tweets export and an inbox export complete each other, and
undoing an import is deleting its rows, nothing to recompute.

"Depends" (for undo): a later import depends on an earlier one when it brought a file
identical (same SHA-256) to one of the earlier import's files; that file's rows were stored
once, under the earlier import, so undoing the earlier import would take them from the later
one too. Such an undo is refused; undo the later import first.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from rlff.i18n.messages import Message
from rlff.io.imports.merge import merge_results
from rlff.io.imports.problems import ImportProblem
from rlff.io.imports.read import ImportResult, read_file
from rlff.schema import COLUMNS, TABLE_NAMES, Tables

from . import schema, snapshots
from .engine import QUICK_WRITES, WRITES, create_engine, resolve_url
from .errors import UndoRefused, WorkspaceError
from .failures import reported
from .migrations import migrate
from .records import BrandSettings, ImportedFile, ImportRecord, check_brand_name, check_settings
from .rows import build_frame, categories_of, frame_columns

DEFAULT_BRAND = "default"
_CHUNK = 20_000  # rows per INSERT batch: bounded memory, few round trips


class Workspace:
    """A workspace database (see the module docstring); open it with :func:`open_workspace`.

    Attributes:
        url: The database URL (as given; the password is never printed by RLFF).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = create_engine(url)
        with reported(url), self._writing() as conn:
            self.migrated_from, self.version = migrate(conn)

    # -- connections ---------------------------------------------------------------------

    def _writing(self):  # noqa: ANN202 - a context manager yielding a Connection in a transaction
        """A transaction that will write (SQLite takes the write lock at its start)."""
        return self._engine.execution_options(**WRITES).begin()

    def _reading(self):  # noqa: ANN202
        return self._engine.begin()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- brands --------------------------------------------------------------------------

    def brands(self) -> list[BrandSettings]:
        """Every brand the workspace knows, by name."""
        with reported(self.url), self._reading() as conn:
            rows = conn.execute(sa.select(schema.brands).order_by(schema.brands.c.name)).all()
        return [_settings(row) for row in rows]

    def brand_settings(self, brand: str) -> BrandSettings | None:
        """The settings of ``brand``, or None when the workspace does not know it."""
        with reported(self.url), self._reading() as conn:
            row = conn.execute(sa.select(schema.brands).where(schema.brands.c.name == brand)).first()
        return _settings(row) if row is not None else None

    def save_brand(self, settings: BrandSettings) -> None:
        """Create or update a brand's settings (checked: name, deck language, logo).

        Raises:
            WorkspaceError: when a setting is invalid (nothing is changed then).
        """
        settings = check_settings(settings)
        values = {
            "display_name": settings.display_name,
            "cm_name": settings.cm_name,
            "logo": settings.logo,
            "deck_lang": settings.deck_lang,
        }
        with reported(self.url), self._writing() as conn:
            insert = _upsert(conn).values(name=settings.name, **values)
            conn.execute(insert.on_conflict_do_update(index_elements=["name"], set_=values))

    # -- imports -------------------------------------------------------------------------

    def import_files(self, files: Sequence[tuple[str, bytes]], *, brand: str | None) -> ImportRecord:
        """Read files and add them to ``brand``, all in one transaction.

        Args:
            files: ``(name, bytes)`` pairs.
            brand: The brand's key; None takes the brand the files name, else ``"default"``.

        Returns:
            The import's record.

        Raises:
            ImportProblem: the first file that cannot be read (``exc.problems`` lists every
                one); nothing is stored then.
            WorkspaceError: when the database cannot be written (nothing is stored then).
        """
        results, warnings = read_all(files)
        return self.import_results(results, warnings, brand=brand)

    def import_results(
        self, results: Sequence[tuple[ImportResult, int]], warnings: Sequence[str] = (), *, brand: str | None
    ) -> ImportRecord:
        """Store files already read by :func:`read_all` (``(result, size in bytes)`` pairs), one transaction.

        For callers that must know every file is readable before touching anything else.
        """
        warnings = list(warnings)
        name = check_brand_name(brand) if brand is not None else _brand_of(results)
        at = datetime.now(UTC).replace(tzinfo=None)
        with reported(self.url), self._writing() as conn:
            _ensure_brand(conn, name)
            import_id = conn.execute(
                schema.imports.insert().values(at=at, brand=name).returning(schema.imports.c.id)
            ).scalar_one()
            stored: list[ImportedFile] = []
            totals: dict[str, int] = {}
            for position, (result, size) in enumerate(results):
                earlier = _earlier_copy(conn, name, result.digest)
                if earlier is not None:
                    warnings.append(f"{result.filename} is already in the workspace: counted once.")
                file_id = _insert_file(conn, import_id, name, position, result, size, earlier)
                if earlier is None:
                    for table, frame in result.tables.items():
                        if len(frame):
                            _insert_rows(conn, table, frame, name, import_id, file_id)
                            totals[table] = totals.get(table, 0) + len(frame)
                    earlier_import = None
                else:
                    earlier_import = earlier[1]
                stored.append(ImportedFile(result.filename, result.kind, size, result.digest, earlier_import))
            conn.execute(
                schema.imports.update().where(schema.imports.c.id == import_id).values(rows=json.dumps(totals))
            )
        return ImportRecord(import_id, at, name, tuple(stored), _ordered(totals), tuple(warnings))

    def history(self, brand: str | None = None) -> list[ImportRecord]:
        """Every import (of ``brand`` when given), newest first."""
        with reported(self.url), self._reading() as conn:
            query = sa.select(schema.imports).order_by(schema.imports.c.id.desc())
            if brand is not None:
                query = query.where(schema.imports.c.brand == brand)
            imports = conn.execute(query).all()
            return [_record(conn, row) for row in imports]

    def undo(self, import_id: int) -> ImportRecord:
        """Remove exactly the rows ``import_id`` brought, and its record.

        Raises:
            WorkspaceError: when there is no such import.
            UndoRefused: when a later import depends on it (see the module docstring).
        """
        with reported(self.url), self._writing() as conn:
            row = conn.execute(sa.select(schema.imports).where(schema.imports.c.id == import_id)).first()
            if row is None:
                raise WorkspaceError("workspace.error.no_import", id=import_id)
            record = _record(conn, row)
            files = schema.import_files
            own = sa.select(files.c.id).where(files.c.import_id == import_id)
            later = sorted(
                set(
                    conn.execute(
                        sa.select(files.c.import_id).where(files.c.same_as.in_(own), files.c.import_id != import_id)
                    ).scalars()
                )
            )
            if later:
                raise UndoRefused("workspace.error.undo_refused", id=import_id, later=", ".join(str(i) for i in later))
            file_ids = list(conn.execute(own).scalars())
            for table in schema.ROWS.values():
                conn.execute(table.delete().where(table.c.brand == row.brand, table.c.file_id.in_(file_ids)))
            conn.execute(files.delete().where(files.c.import_id == import_id, files.c.same_as.is_not(None)))
            conn.execute(files.delete().where(files.c.import_id == import_id))
            conn.execute(schema.imports.delete().where(schema.imports.c.id == import_id))
        return record

    # -- reading -------------------------------------------------------------------------

    def tables(self, brand: str) -> Tables:
        """Every import of ``brand`` merged by the import merge rules.

        The same as :func:`rlff.io.imports.import_files` over all the brand's files at once,
        with ``meta.brand`` the brand's display name and ``meta.cm_name`` its CM.

        Raises:
            WorkspaceError: when the workspace does not know ``brand``.
        """
        merged, settings = self._merge(brand)
        meta = dataclasses.replace(merged.meta, brand=settings.shown_name, cm_name=settings.cm_name)
        return merged.replace(meta=meta)

    def merged(self, brand: str) -> Tables:
        """Like :meth:`tables`, with the meta the files give (their brand, else "My brand").

        Exactly what :func:`rlff.io.imports.import_files` gives for all the brand's files.
        """
        return self._merge(brand)[0]

    def _merge(self, brand: str) -> tuple[Tables, BrandSettings]:
        with reported(self.url), self._reading() as conn:
            settings_row = conn.execute(sa.select(schema.brands).where(schema.brands.c.name == brand)).first()
            if settings_row is None:
                raise WorkspaceError("workspace.error.no_brand", brand=brand)
            files = schema.import_files
            file_rows = conn.execute(
                sa.select(files)
                .where(files.c.brand == brand, files.c.same_as.is_(None))
                .order_by(files.c.import_id, files.c.position)
            ).all()
            stamp = snapshots.fingerprint(file_rows)
            kept = snapshots.load(conn, brand, stamp)
            if kept is not None:
                return kept, _settings(settings_row)
            per_table = {table: _read_rows(conn, table, brand) for table in TABLE_NAMES}
        results = [_result(row, per_table) for row in file_rows]
        merged = merge_results(results)
        self._keep_snapshot(brand, stamp, merged)
        return merged, _settings(settings_row)

    def _keep_snapshot(self, brand: str, stamp: str, merged: Tables) -> None:
        """Store the merge for the next reading; give up quietly when the workspace is busy or read-only."""
        try:
            with self._engine.execution_options(**QUICK_WRITES).begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
                snapshots.save(conn, brand, stamp, merged)
        except (sa.exc.SQLAlchemyError, OSError, ValueError):
            pass  # only a cache: the next reading merges again


def open_workspace(url: str | None = None) -> Workspace:
    """Open (and on first use create, or migrate forward) a workspace.

    Args:
        url: A SQLAlchemy URL; None -> ``$RLFF_DATABASE_URL`` -> :func:`default_database_url`.

    Raises:
        WorkspaceError: when it cannot be opened, created or migrated.
    """
    return Workspace(resolve_url(url))


# -- helpers -------------------------------------------------------------------------------


def read_all(files: Sequence[tuple[str, bytes]]) -> tuple[list[tuple[ImportResult, int]], list[str]]:
    """Read every file as :func:`rlff.io.imports.import_files` does (an identical file once).

    Returns:
        ``(result, size)`` per distinct file, and the readers' warnings.

    Raises:
        ImportProblem: the first file that cannot be read, with ``problems`` listing every one.
        WorkspaceError: when no file is given.
    """
    results: list[tuple[ImportResult, int]] = []
    problems: list[ImportProblem] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for name, data in files:
        try:
            result = read_file(data, name)
        except ImportProblem as problem:
            problems.append(problem)
            continue
        if result.digest in seen:
            warnings.append(
                Message("import.note.same_file", name=name, other=seen[result.digest])
            )  # as import_files says it
            continue
        seen[result.digest] = name
        results.append((result, len(data)))
        warnings += [w for w in result.warnings if w not in warnings]
    if problems:
        first = problems[0]
        first.problems = problems  # type: ignore[attr-defined]
        raise first
    if not results:
        raise WorkspaceError("workspace.error.no_files")
    return results, warnings


def _brand_of(results: Sequence[tuple[ImportResult, int]]) -> str:
    named = next((r.brand for r, _ in results if r.brand and r.brand.strip()), None)
    return check_brand_name(named) if named else DEFAULT_BRAND


def _upsert(conn: sa.Connection):  # noqa: ANN202 - the dialect's INSERT with ON CONFLICT
    """INSERT … ON CONFLICT for ``brands``: two imports creating the same brand at once both land."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(schema.brands)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(schema.brands)


def _ensure_brand(conn: sa.Connection, name: str) -> None:
    new = _upsert(conn).values(name=name, display_name="", cm_name="", deck_lang="en")
    conn.execute(new.on_conflict_do_nothing(index_elements=["name"]))


def _earlier_copy(conn: sa.Connection, brand: str, digest: str) -> tuple[int, int] | None:
    """(file id, import id) of the stored copy of a file with this SHA-256, if the brand has one."""
    files = schema.import_files
    row = conn.execute(
        sa.select(files.c.id, files.c.import_id)
        .where(files.c.brand == brand, files.c.sha256 == digest, files.c.same_as.is_(None))
        .limit(1)
    ).first()
    return (row.id, row.import_id) if row is not None else None


def _insert_file(
    conn: sa.Connection,
    import_id: int,
    brand: str,
    position: int,
    result: ImportResult,
    size: int,
    earlier: tuple[int, int] | None,
) -> int:
    categories = {table: categories_of(table, frame) for table, frame in result.tables.items()}
    return conn.execute(
        schema.import_files.insert()
        .values(
            import_id=import_id,
            brand=brand,
            position=position,
            name=result.filename,
            kind=result.kind,
            label=result.label,
            size=size,
            sha256=result.digest,
            same_as=earlier[0] if earlier else None,
            platform=result.platform,
            file_brand=result.brand,
            tables=json.dumps({"tables": list(result.tables), "categories": categories}),
            derived=",".join(sorted(result.derived)),
            followers_known=result.followers_known,
            bought_known=result.bought_known,
            warnings=json.dumps(result.warnings),
        )
        .returning(schema.import_files.c.id)
    ).scalar_one()


def _insert_rows(
    conn: sa.Connection, table: str, frame: pd.DataFrame, brand: str, import_id: int, file_id: int
) -> None:
    """Bulk-insert one file's rows of ``table``: COPY on PostgreSQL, executemany on SQLite."""
    columns = frame_columns(table, frame)
    target = schema.ROWS[table]
    quote = conn.dialect.identifier_preparer.quote
    names = ["brand", "file_id", "seq", "import_id", *columns]
    n = len(frame)
    rows = zip(
        itertools.repeat(brand, n),
        itertools.repeat(file_id, n),
        range(n),
        itertools.repeat(import_id, n),
        *columns.values(),
        strict=False,
    )
    listed = ", ".join(quote(c) for c in names)
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        assert driver is not None  # an open connection has its driver's
        cursor = driver.cursor()
        try:
            with cursor.copy(f"COPY {quote(target.name)} ({listed}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        finally:
            cursor.close()
        return
    sql = f"INSERT INTO {quote(target.name)} ({listed}) VALUES ({', '.join('?' * len(names))})"
    while batch := list(itertools.islice(rows, _CHUNK)):
        conn.exec_driver_sql(sql, batch)


def _read_rows(conn: sa.Connection, table: str, brand: str) -> dict[int, dict[str, Sequence[object]]]:
    """The brand's rows of ``table``, per file id, as raw column lists in file order."""
    target = schema.ROWS[table]
    cols = list(COLUMNS[table])
    # Untyped columns: the driver's raw values, converted column-wise by build_frame (fast).
    query: sa.Select = (
        sa.select(sa.column("file_id"), *(sa.column(c) for c in cols))
        .select_from(target)
        .where(target.c.brand == brand)
        .order_by(target.c.file_id, target.c.seq)
    )
    rows = conn.execute(query).all()
    if not rows:
        return {}
    by_file: dict[int, dict[str, Sequence[object]]] = {}
    transposed = list(zip(*rows, strict=True))
    ids = pd.Series(transposed[0])
    bounds = ids.ne(ids.shift()).to_numpy().nonzero()[0].tolist() + [len(ids)]
    for start, stop in zip(bounds, bounds[1:], strict=False):
        by_file[int(ids.iloc[start])] = {c: transposed[i + 1][start:stop] for i, c in enumerate(cols)}
    return by_file


def _result(row: sa.Row, per_table: dict[str, dict[int, dict[str, Sequence[object]]]]) -> ImportResult:
    described = json.loads(row.tables)
    tables = {}
    for table in described["tables"]:
        raw = per_table[table].get(row.id, {})
        tables[table] = build_frame(table, raw, described["categories"].get(table, {}))
    return ImportResult(
        filename=row.name,
        kind=row.kind,
        label=row.label,
        platform=row.platform,
        tables=tables,
        derived=frozenset(d for d in row.derived.split(",") if d),
        warnings=json.loads(row.warnings),
        brand=row.file_brand,
        followers_known=bool(row.followers_known),
        bought_known=bool(row.bought_known),
        digest=row.sha256,
    )


def _record(conn: sa.Connection, row: sa.Row) -> ImportRecord:
    files = schema.import_files
    file_rows = conn.execute(sa.select(files).where(files.c.import_id == row.id).order_by(files.c.position)).all()
    earlier_imports = {}
    same = [f.same_as for f in file_rows if f.same_as is not None]
    if same:
        earlier_imports = dict(conn.execute(sa.select(files.c.id, files.c.import_id).where(files.c.id.in_(same))).all())
    totals: dict[str, int] = json.loads(row.rows or "{}")
    return ImportRecord(
        id=row.id,
        at=row.at,
        brand=row.brand,
        files=tuple(
            ImportedFile(f.name, f.kind, int(f.size), f.sha256, earlier_imports.get(f.same_as)) for f in file_rows
        ),
        rows=_ordered(totals),
    )


def _ordered(totals: dict[str, int]) -> dict[str, int]:
    return {t: totals[t] for t in TABLE_NAMES if totals.get(t)}


def _settings(row: sa.Row) -> BrandSettings:
    return BrandSettings(
        name=row.name,
        display_name=row.display_name or "",
        cm_name=row.cm_name or "",
        logo=bytes(row.logo) if row.logo is not None else None,
        deck_lang=row.deck_lang or "en",
    )
