"""Schema versions with Alembic: find where a database stands, and bring it to the program's version.

Alembic itself is imported only when an upgrade is due: on an ordinary start the program reads the
revision ids from the migration files' text and the database's ``alembic_version`` table, which
saves a noticeable part of the start-up time (alembic loads and compiles every migration script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands. Each module of the program may add its own branch of migrations from
    the initial schema, so the program's version is a set of heads, and so is the database's."""

    current_heads: frozenset[str]
    heads: frozenset[str]

    @property
    def current(self) -> str | None:
        return ",".join(sorted(self.current_heads)) or None

    @property
    def head(self) -> str:
        return ",".join(sorted(self.heads))

    @property
    def is_current(self) -> bool:
        return self.current_heads == self.heads

    @property
    def is_empty(self) -> bool:
        return not self.current_heads


class NewerSchemaError(RuntimeError):
    """The database was written by a newer version of the program."""


@cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """revision -> its down revisions, read from the scripts' text (the same files Alembic runs)."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((_MIGRATIONS_DIR / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.search(source)
        if revision is None or down is None:
            continue
        graph[revision.group(1)] = tuple(_QUOTED.findall(down.group(1)))
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(_revision_graph())


def head_revisions() -> frozenset[str]:
    graph = _revision_graph()
    parents = {parent for downs in graph.values() for parent in downs}
    return frozenset(graph) - parents


def head_revision() -> str:
    return ",".join(sorted(head_revisions()))


def _current_heads(engine: Engine) -> frozenset[str]:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def schema_status(engine: Engine) -> SchemaStatus:
    current = _current_heads(engine)
    unknown = current - known_revisions()
    if unknown:
        raise NewerSchemaError(",".join(sorted(unknown)))
    return SchemaStatus(current_heads=current, heads=head_revisions())


def upgrade_to_head(engine: Engine) -> list[str]:
    """Run the pending migrations; returns what they found that the secretary must hear about (in
    words, e.g. a month paid twice before the database could refuse it)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # SQLite's way to change a table (see _foreign_keys_off)
            _foreign_keys_off(connection)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
    return list(config.attributes.get("notes", []))


def _foreign_keys_off(connection: Connection) -> None:
    """SQLite changes a column by copying its table (Alembic's batch mode), and dropping the old copy of
    a table other rows point at fails while foreign keys are enforced. As SQLite's ALTER TABLE page
    prescribes, they are off during the upgrade (outside a transaction: a pragma SQLite ignores inside
    one) and checked before it commits."""
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:  # rolls the whole upgrade back
        raise RuntimeError(f"the upgrade left rows pointing at nothing: {broken[:5]}")
