"""Write ``tests/data/workspace_v1.sqlite``: a workspace as RLFF's schema version 1 made it.

Run from the repository root: ``.venv/bin/python tests/data/make_workspace_v1.py``.
The file is committed, so that every later RLFF is tested against a real old workspace;
rerun this script only to rebuild it the same way (the version-1 DDL, then two imports).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from export_samples import french_inbox, x_posts  # noqa: E402

from rlff.io.workspace import schema  # noqa: E402
from rlff.io.workspace.engine import WRITES, create_engine  # noqa: E402
from rlff.io.workspace.migrations import migrate  # noqa: E402
from rlff.io.workspace.store import _insert_file, _insert_rows, read_all  # noqa: E402

TARGET = HERE / "workspace_v1.sqlite"
BRAND, DISPLAY = "acme", "ACME Corp (v1)"
AT = (datetime(2026, 1, 5, 9, 30), datetime(2026, 2, 2, 17, 0))


def v1_files() -> list[list[tuple[str, bytes]]]:
    """The files of the two version-1 imports, in order."""
    tweets, inbox = x_posts(), french_inbox()
    return [[(tweets[0], tweets[1])], [(inbox[0], inbox[1])]]


def write_v1(url: str) -> None:
    """Create a version-1 workspace at ``url`` (empty database) holding :func:`v1_files`."""
    engine = create_engine(url)
    with engine.execution_options(**WRITES).begin() as conn:
        assert migrate(conn, target=1) == (None, 1)
        conn.execute(sa.text("INSERT INTO brands (name, display_name) VALUES (:n, :d)"), {"n": BRAND, "d": DISPLAY})
        for at, files in zip(AT, v1_files(), strict=True):
            import_id = conn.execute(
                schema.imports.insert().values(at=at, brand=BRAND).returning(schema.imports.c.id)
            ).scalar_one()
            totals: dict[str, int] = {}
            results, _ = read_all(files)
            for position, (result, size) in enumerate(results):
                file_id = _insert_file(conn, import_id, BRAND, position, result, size, None)
                for table, frame in result.tables.items():
                    if len(frame):
                        _insert_rows(conn, table, frame, BRAND, import_id, file_id)
                        totals[table] = totals.get(table, 0) + len(frame)
            conn.execute(
                schema.imports.update().where(schema.imports.c.id == import_id).values(rows=json.dumps(totals))
            )
    engine.dispose()


if __name__ == "__main__":
    TARGET.unlink(missing_ok=True)
    write_v1(f"sqlite:///{TARGET}")
    with sa.create_engine(f"sqlite:///{TARGET}").connect() as c:
        c.exec_driver_sql("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        c.exec_driver_sql("VACUUM")
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")
