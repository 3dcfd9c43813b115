"""The migrations build exactly the recorded schema: a change in how a migration script is written (the
shared column helpers of store/migration_columns.py) must not change one column, constraint or index.

``schema_at_head.sql`` is the schema a fresh database had at head before those helpers (commit cdbd1da),
plus the changes made on purpose since: 0001_01 widens ``member.sex`` and ``member.category``; 0001_02 adds
``branch.code`` and ``audit_log.login``; 0001_03 and the modules' ``*_versions`` add ``version`` to the rows a
form edits; 0001_04 and the modules' ``*_public_ids`` add ``public_id`` to every row and the
tables of the exchange. A migration that changes the schema on purpose records it again:
``python tests/store/test_schema_at_head.py > tests/store/schema_at_head.sql``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from dangjian_desktop.store.db import Database
from dangjian_desktop.store.migrate import upgrade_to_head

RECORDED = Path(__file__).with_name("schema_at_head.sql")
_CONSTRAINT = re.compile(r"^\s*CONSTRAINT ")


def _normalised(sql: str) -> str:
    """A CREATE TABLE with its columns in their order and its constraints sorted: a table rebuilt by an
    Alembic batch operation (0006b) lists its constraints in an order that changes from run to run."""
    if not sql.startswith("CREATE TABLE"):
        return sql
    lines = [line.rstrip().rstrip(",").rstrip() for line in sql.splitlines()]
    head, body, tail = lines[0], lines[1:-1], lines[-1]
    columns = [line for line in body if not _CONSTRAINT.match(line)]
    constraints = sorted(line for line in body if _CONSTRAINT.match(line))
    return "\n".join([head, *columns, *constraints, tail])


def schema_of_a_fresh_database() -> str:
    """Every table and index of an empty database migrated to head, and the heads it stands at."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database.for_file(Path(folder) / "fresh.sqlite3")
        try:
            upgrade_to_head(db.engine)
            with db.engine.connect() as connection:
                rows = connection.exec_driver_sql(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
                ).all()
                heads = sorted(
                    connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
                )
        finally:
            db.dispose()
    parts = [f"-- heads: {', '.join(heads)}"]
    parts += [f"-- {row.type} {row.name} on {row.tbl_name}\n{_normalised(row.sql)};" for row in rows]
    return "\n\n".join(parts) + "\n"


def test_the_migrations_build_the_recorded_schema():
    assert schema_of_a_fresh_database() == RECORDED.read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.stdout.write(schema_of_a_fresh_database())
