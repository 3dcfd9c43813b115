"""The parts every table of the program has, for the migration scripts (store/migrations/versions/).

Each table starts with ``id`` (its primary key) and ``branch_id``; a column that points at another table's
row is a ``reference``; who wrote a row and when are ``at("created")`` / ``by("created")``. ``create_table``
adds the constraints these imply, named as the models' naming convention (store/models.py) names them, in
the order Alembic's autogenerate wrote them: foreign keys by column name, then the primary key, then the
unique constraints as given. tests/store/test_schema_at_head.py holds the schema these build.

A migration that has run keeps building the same schema, so change nothing here that changes what an
existing script creates: add a new helper instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

_REFERENCES = "references"  # Column.info key: the table a reference column points at


def reference(name: str, table: str | None = None, *, nullable: bool = False) -> sa.Column[Any]:
    """An integer column holding the id of a row of ``table`` (by default the column's name without
    ``_id``: ``member_id`` points at ``member``); ``create_table`` adds its foreign key."""
    return sa.Column(
        name, sa.Integer(), nullable=nullable, info={_REFERENCES: table or name.removesuffix("_id")}
    )


def at(what: str) -> sa.Column[Any]:
    """When a row was ``what``: ``at("created")`` is the ``created_at`` column."""
    return sa.Column(f"{what}_at", sa.DateTime(), nullable=False)


def by(what: str) -> sa.Column[Any]:
    """Who (the operator's name) ``what`` the row: ``by("created")`` is the ``created_by`` column."""
    return sa.Column(f"{what}_by", sa.String(length=100), nullable=False)


def _version_column() -> sa.Column[Any]:
    """``version``: how many times the row was saved, starting at 1 (``store.models.Versioned``). The default
    is the constant '1' so that SQLite adds the column in place instead of rebuilding the table."""
    return sa.Column("version", sa.Integer(), nullable=False, server_default="1")


def add_versions(*tables: str) -> None:
    """Give each table its ``version`` column (the upgrade of a ``*_versions`` revision)."""
    for table in tables:
        with op.batch_alter_table(table) as batch:
            batch.add_column(_version_column())


def drop_versions(*tables: str) -> None:
    """Take the ``version`` columns away again, last table first (its downgrade)."""
    for table in reversed(tables):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")


def create_table(
    name: str, *columns: sa.Column[Any], unique: Sequence[Sequence[str]] = (), branch: bool = True
) -> None:
    """``op.create_table`` of ``id``, ``branch_id`` (unless ``branch`` is False) and ``columns``, with the
    foreign key of every reference, the primary key and a unique constraint per tuple of ``unique``."""
    leading = [sa.Column("id", sa.Integer(), nullable=False)]
    if branch:
        leading.append(reference("branch_id"))
    every = [*leading, *columns]
    references = sorted((column for column in every if _REFERENCES in column.info), key=lambda c: c.name)
    foreign_keys = [
        sa.ForeignKeyConstraint(
            [column.name],
            [f"{column.info[_REFERENCES]}.id"],
            name=op.f(f"fk_{name}_{column.name}_{column.info[_REFERENCES]}"),
        )
        for column in references
    ]
    primary_key = sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}"))
    uniques = [sa.UniqueConstraint(*names, name=op.f(f"uq_{name}_{names[0]}")) for names in unique]
    op.create_table(name, *every, *foreign_keys, primary_key, *uniques)


# Runs of columns of one kind, in the order given (the order of a table's columns is part of its schema).


def texts(*, nullable: bool = False, **lengths: int) -> list[sa.Column[Any]]:
    """Short texts, one ``String(length)`` column per ``name=length``."""
    return [sa.Column(name, sa.String(length=length), nullable=nullable) for name, length in lengths.items()]


def notes(*names: str, nullable: bool = False) -> list[sa.Column[Any]]:
    """Texts of any length (``Text``)."""
    return [sa.Column(name, sa.Text(), nullable=nullable) for name in names]


def integers(*names: str, nullable: bool = False) -> list[sa.Column[Any]]:
    """Whole numbers: years, months, serials, amounts in fen."""
    return [sa.Column(name, sa.Integer(), nullable=nullable) for name in names]


def dates(*names: str, nullable: bool = False) -> list[sa.Column[Any]]:
    """Days of the calendar (``Date``)."""
    return [sa.Column(name, sa.Date(), nullable=nullable) for name in names]


def flags(*names: str) -> list[sa.Column[Any]]:
    """Yes/no columns, never NULL."""
    return [sa.Column(name, sa.Boolean(), nullable=False) for name in names]


def version() -> sa.Column[Any]:
    """``version`` for a table created with it (``store.models.Versioned``)."""
    return _version_column()


def public_id() -> sa.Column[Any]:
    """``public_id`` for a table created with it (``store.models.public_id_column``); then
    ``index_public_id``."""
    return sa.Column("public_id", sa.String(length=36), nullable=True)


def index_public_id(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_public_id"), table, ["public_id"], unique=True)


# A random UUID (version 4) per row, in each engine's own SQL: a migration of 600,000 dues rows would take
# minutes row by row from Python. randomblob/random are evaluated anew for every call and every row.
_NEW_UUID = {
    "sqlite": (
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'"
        " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-'"
        " || hex(randomblob(6)))"
    ),
    "postgresql": "gen_random_uuid()::text",
}


def add_public_ids(*tables: str) -> None:
    """Give each table its ``public_id``, a new UUID for every row already there, and its unique index
    (the upgrade of 0001_04 and of each module's ``*_public_ids`` revision)."""
    connection = op.get_bind()
    new_uuid = _NEW_UUID[connection.dialect.name]
    for table in tables:
        op.add_column(table, public_id())
        connection.exec_driver_sql(f'UPDATE "{table}" SET public_id = {new_uuid} WHERE public_id IS NULL')
        index_public_id(table)


def drop_public_ids(*tables: str) -> None:
    for table in reversed(tables):
        op.drop_index(op.f(f"ix_{table}_public_id"), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("public_id")
