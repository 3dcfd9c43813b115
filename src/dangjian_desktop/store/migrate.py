"""Schema versions with Alembic: find where a database stands, and bring it to the program's version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


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


def head_revisions() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def head_revision() -> str:
    return ",".join(sorted(head_revisions()))


def schema_status(engine: Engine) -> SchemaStatus:
    with engine.connect() as connection:
        current = frozenset(MigrationContext.configure(connection).get_current_heads())
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = current - known
    if unknown:
        raise NewerSchemaError(",".join(sorted(unknown)))
    return SchemaStatus(current_heads=current, heads=head_revisions())


def upgrade_to_head(engine: Engine) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
