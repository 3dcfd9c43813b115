"""One branch's rows as they travel in an exchange file, and laying such rows over a database.

In a file a row has no ``id`` and no ``branch_id`` (both are one database's own); it is known by its
``public_id``, and a reference to another row holds that row's public id. ``read_branch`` turns a
branch's rows into that form; ``apply_branch`` makes a branch of another database hold exactly the rows
of a file, in the caller's transaction: a row whose public id is new is inserted, one whose values
differ is updated, one the file no longer holds is deleted, the others are left alone. The change log
(``audit_log``) only grows: entries are added, never changed or removed.

Plain SQLAlchemy Core on a Connection: the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Table, bindparam, delete, insert, select, update

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.store.exchange_file import TableRows
from dangjian_desktop.store.schema import metadata

AUDIT = "audit_log"
# Each side's own tables: the exchange's logs and key, and the township's decisions (the township's file)
NOT_TRAVELLING = frozenset({"exchange_key", "exchange_sent", "exchange_received", "township_decision"})
# References without a foreign key in the schema (a step's meeting may be one the branch deleted since)
SOFT_REFERENCES: Mapping[tuple[str, str], str] = {("matter_step", "meeting_id"): "meeting"}
# Rows matched by these columns as well as by public id: the branch's settings, one row per key, which a
# new database may already hold under other public ids
MATCHED_BY: Mapping[str, tuple[str, ...]] = {"setting": ("key",)}
BRANCH_PROFILE = ("name", "township", "county", "secretary", "phone", "supervision_phone", "created_at")
_SKIPPED = frozenset({"id", "branch_id"})


def travelling_tables() -> list[Table]:
    """The branch's tables that a village's file carries, each after the tables it refers to."""
    return [t for t in metadata.sorted_tables if "branch_id" in t.c and t.name not in NOT_TRAVELLING]


def references(table: Table) -> dict[str, str]:
    """Column -> the table whose row it names (other than the branch)."""
    found = {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in table.c
        if column.foreign_keys and column.name != "branch_id"
    }
    found.update({name: target for (owner, name), target in SOFT_REFERENCES.items() if owner == table.name})
    return found


def encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _decoder(column: Column[Any]) -> Any:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return None
    return {
        dt.datetime: dt.datetime.fromisoformat,
        dt.date: dt.date.fromisoformat,
        dt.time: dt.time.fromisoformat,
        Decimal: Decimal,
        bytes: base64.b64decode,
        bool: bool,
    }.get(kind)


def _columns(table: Table) -> list[str]:
    return [column.name for column in table.c if column.name not in _SKIPPED]


class Identities:
    """Each table's rows of the branch: id <-> public id, as the database holds them now."""

    def __init__(self) -> None:
        self.public: dict[str, dict[int, str]] = {}
        self.local: dict[str, dict[str, int]] = {}

    def load(self, connection: Connection, table: Table, branch_id: int) -> None:
        pairs = connection.execute(
            select(table.c.id, table.c.public_id).where(table.c.branch_id == branch_id)
        )
        self.public[table.name] = {row_id: public for row_id, public in pairs}
        self.local[table.name] = {public: row_id for row_id, public in self.public[table.name].items()}


def _encoded_rows(connection: Connection, table: Table, branch_id: int, ids: Identities) -> list[list[Any]]:
    """The branch's rows of ``table`` as the file holds them (ids of references made public ids)."""
    names = _columns(table)
    refs = references(table)
    out = []
    query = select(*(table.c[name] for name in names)).where(table.c.branch_id == branch_id)
    for row in connection.execute(query.order_by(table.c.id)):
        values = []
        for name, value in zip(names, row, strict=True):
            if name in refs:
                value = ids.public.get(refs[name], {}).get(value) if value is not None else None
            values.append(encode(value))
        out.append(values)
    return out


def _audit_rows(connection: Connection, table: Table, branch_id: int, ids: Identities) -> list[list[Any]]:
    """The change log: ``record_id`` becomes the public id of the row it is about (None once deleted);
    entries about tables that do not travel stay behind."""
    names = _columns(table)
    at = names.index("record_id")
    rows = _encoded_rows(connection, table, branch_id, ids)
    kinds = connection.execute(
        select(table.c.table_name, table.c.record_id)
        .where(table.c.branch_id == branch_id)
        .order_by(table.c.id)
    ).all()
    for values, (table_name, record_id) in zip(rows, kinds, strict=True):
        values[at] = ids.public.get(table_name, {}).get(record_id) if record_id is not None else None
    # each side keeps the entries about its own tables (a key entered, a decision of the township)
    name_at = names.index("table_name")
    return [values for values in rows if values[name_at] not in NOT_TRAVELLING]


def read_branch(connection: Connection, branch_id: int) -> dict[str, TableRows]:
    """Every travelling row of the branch, and the branch's profile (table ``branch``, one row)."""
    ids = Identities()
    branch = metadata.tables["branch"]
    profile = connection.execute(
        select(*(branch.c[name] for name in (*BRANCH_PROFILE, "public_id"))).where(branch.c.id == branch_id)
    ).one()
    tables = {"branch": TableRows((*BRANCH_PROFILE, "public_id"), [[encode(value) for value in profile]])}
    ordered = travelling_tables()
    for table in ordered:
        ids.load(connection, table, branch_id)
    for table in ordered:
        reader = _audit_rows if table.name == AUDIT else _encoded_rows
        tables[table.name] = TableRows(tuple(_columns(table)), reader(connection, table, branch_id, ids))
    return tables


# --- laying a file's rows over a branch ------------------------------------------------------------


@dataclass
class Changes:
    """What applying a file did, per table: rows new, updated, unchanged, removed."""

    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))

    def add(self, table: str, new: int = 0, updated: int = 0, unchanged: int = 0, removed: int = 0) -> None:
        entry = self.counts[table]
        for index, amount in enumerate((new, updated, unchanged, removed)):
            entry[index] += amount

    @property
    def changed_anything(self) -> bool:
        return any(new or updated or removed for new, updated, _same, removed in self.counts.values())


class FileDoesNotFit(AppError):
    """The file's rows cannot be laid over this database (a reference to nothing, a row of another
    branch's public id): nothing was changed."""


def _file_row_values(
    table: Table, columns: tuple[str, ...], row: list[Any], ids: Identities
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the row's values for the database, its values as the file has them), columns this database has.
    A reference to a row of the same table is left empty here and set by ``_set_self_references``."""
    refs = references(table)
    values: dict[str, Any] = {}
    plain: dict[str, Any] = {}
    for name, value in zip(columns, row, strict=True):
        if name not in table.c or name in _SKIPPED:
            continue
        plain[name] = value
        if value is None or (name in refs and refs[name] == table.name):
            values[name] = None
        elif name in refs:
            local = ids.local.get(refs[name], {}).get(value)
            if local is None and (table.name, name) not in SOFT_REFERENCES:
                raise FileDoesNotFit(
                    _(
                        "The file does not hold together: a row of {table} refers to a row it does not hold. "
                        "Nothing was changed."
                    ).format(table=table.name)
                )
            values[name] = local
        else:
            decode = _decoder(table.c[name])
            values[name] = decode(value) if decode is not None else value
    if table.name == AUDIT and plain.get("record_id") is not None:
        values["record_id"] = ids.local.get(plain.get("table_name") or "", {}).get(plain["record_id"])
    return values, plain


def _current(
    connection: Connection, table: Table, branch_id: int, ids: Identities
) -> dict[str, dict[str, Any]]:
    """The branch's rows of ``table`` as the file would hold them, by public id."""
    columns = tuple(_columns(table))
    rows = (_audit_rows if table.name == AUDIT else _encoded_rows)(connection, table, branch_id, ids)
    return {values[columns.index("public_id")]: dict(zip(columns, values, strict=True)) for values in rows}


def apply_branch(connection: Connection, branch_id: int, tables: Mapping[str, TableRows]) -> Changes:
    """Make the branch hold the file's rows (see the module's words), in the caller's transaction."""
    changes = Changes()
    ids = Identities()
    # the change log last: its entries name rows of every other table
    ordered = sorted(
        (table for table in travelling_tables() if table.name in tables),
        key=lambda table: table.name == AUDIT,
    )
    for table in travelling_tables():
        ids.load(connection, table, branch_id)
    _apply_profile(connection, branch_id, tables.get("branch"), changes)
    wanted = {table.name: _wanted_ids(table, tables[table.name]) for table in ordered}
    _remove_rows_gone(connection, branch_id, ordered, wanted, tables, ids, changes)
    for table in ordered:
        _apply_table(connection, branch_id, table, tables[table.name], ids, changes)
    return changes


def _wanted_ids(table: Table, given: TableRows) -> set[str]:
    at = given.columns.index("public_id")
    return {row[at] for row in given.rows}


def _apply_profile(connection: Connection, branch_id: int, given: TableRows | None, changes: Changes) -> None:
    if given is None or len(given.rows) != 1:
        return
    branch = metadata.tables["branch"]
    file_values = dict(zip(given.columns, given.rows[0], strict=True))
    current = connection.execute(select(branch).where(branch.c.id == branch_id)).one()._mapping
    differing = {
        name: (_decoder(branch.c[name]) or (lambda v: v))(value) if value is not None else None
        for name, value in file_values.items()
        if name in branch.c and name in (*BRANCH_PROFILE, "public_id") and encode(current[name]) != value
    }
    if differing:
        connection.execute(update(branch).where(branch.c.id == branch_id).values(**differing))
        changes.add("branch", updated=1)
    else:
        changes.add("branch", unchanged=1)


def _remove_rows_gone(
    connection: Connection,
    branch_id: int,
    ordered: list[Table],
    wanted: dict[str, set[str]],
    given: Mapping[str, TableRows],
    ids: Identities,
    changes: Changes,
) -> None:
    """Rows the file no longer holds go first, last table first (a row re-made under a new public id
    with the same unique values, e.g. an attendance mark, then fits). A reference to such a row from a
    row that stays is cleared first; the row's own values from the file set it again."""
    going: dict[str, list[int]] = {}
    for table in ordered:
        if table.name == AUDIT:
            continue
        gone = [
            row_id for public, row_id in ids.local[table.name].items() if public not in wanted[table.name]
        ]
        if table.name in MATCHED_BY and gone:  # kept when the file has a row with the same natural key
            gone = _gone_by_natural_key(connection, table, branch_id, gone, given[table.name])
        if gone:
            going[table.name] = gone
    if not going:
        return
    for table in ordered:
        for name, target in references(table).items():
            if target in going and table.c[name].nullable:
                for chunk in _chunks(going[target]):
                    connection.execute(
                        update(table)
                        .where(table.c.branch_id == branch_id, table.c[name].in_(chunk))
                        .values({name: None})
                    )
    for table in reversed(ordered):
        for chunk in _chunks(going.get(table.name, [])):
            connection.execute(delete(table).where(table.c.branch_id == branch_id, table.c.id.in_(chunk)))
        if table.name in going:
            changes.add(table.name, removed=len(going[table.name]))
            ids.load(connection, table, branch_id)


def _gone_by_natural_key(
    connection: Connection, table: Table, branch_id: int, candidates: list[int], given: TableRows
) -> list[int]:
    """Of the rows whose public id the file lacks, those whose natural key it lacks too."""
    natural = MATCHED_BY[table.name]
    at = [given.columns.index(name) for name in natural]
    keys_in_file = {tuple(row[index] for index in at) for row in given.rows}
    wanted = set(candidates)
    rows = connection.execute(
        select(table.c.id, *(table.c[name] for name in natural)).where(table.c.branch_id == branch_id)
    )
    return [
        row[0] for row in rows if row[0] in wanted and tuple(encode(v) for v in row[1:]) not in keys_in_file
    ]


def _chunks(values: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _apply_table(
    connection: Connection, branch_id: int, table: Table, given: TableRows, ids: Identities, changes: Changes
) -> None:
    if "public_id" not in given.columns:
        raise FileDoesNotFit(
            _("The file's table {table} has no public ids. Nothing was changed.").format(table=table.name)
        )
    refs = references(table)
    self_refs = {name for name, target in refs.items() if target == table.name}
    current = _current(connection, table, branch_id, ids)
    by_natural = _natural_index(table, current)
    new_rows, updates, later = [], [], []
    unchanged = updated = 0
    about = (
        given.columns.index("table_name") if table.name == AUDIT and "table_name" in given.columns else None
    )
    for row in given.rows:
        if about is not None and row[about] in NOT_TRAVELLING:  # another side's entry (version 1 sent them)
            continue
        values, plain = _file_row_values(table, given.columns, row, ids)
        public = plain["public_id"]
        if public is None:
            raise FileDoesNotFit(
                _("A row of {table} has no public id. Nothing was changed.").format(table=table.name)
            )
        before = current.get(public)
        if before is None and by_natural is not None:
            before = by_natural.get(tuple(plain.get(name) for name in MATCHED_BY[table.name]))
        if before is None:
            values["branch_id"] = branch_id
            new_rows.append(values)
        elif table.name == AUDIT or all(before.get(name) == value for name, value in plain.items()):
            unchanged += 1
            continue
        else:
            target = ids.local[table.name].get(before["public_id"])
            updates.append({**{f"v_{k}": v for k, v in values.items()}, "target_id": target})
            updated += 1
        if self_refs and any(plain.get(name) is not None for name in self_refs):
            later.append(plain)
    if new_rows:
        connection.execute(insert(table), new_rows)
        if table.name == AUDIT:
            _keep_logins(connection, table, branch_id, new_rows)
    if updates:
        names = [key.removeprefix("v_") for key in updates[0] if key.startswith("v_")]
        statement = (
            update(table)
            .where(table.c.id == bindparam("target_id"), table.c.branch_id == branch_id)
            .values({name: bindparam(f"v_{name}") for name in names})
        )
        connection.execute(statement, updates)
    if new_rows or updates:
        ids.load(connection, table, branch_id)
    _set_self_references(connection, table, branch_id, later, self_refs, ids)
    changes.add(table.name, new=len(new_rows), updated=updated, unchanged=unchanged)


def _keep_logins(connection: Connection, table: Table, branch_id: int, rows: list[dict[str, Any]]) -> None:
    """A township server stamps every new change-log entry with the login that inserts it (store/server.py:
    the administrator's, for a file's entries); an entry laid from a file keeps the login it was written
    with (empty on a PC, a village's login on the server), so the log reads the same on both sides."""
    by_login: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if "login" in row:
            by_login[row["login"] or ""].append(row["public_id"])
    for login, publics in by_login.items():
        for start in range(0, len(publics), 500):
            connection.execute(
                update(table)
                .where(
                    table.c.branch_id == branch_id,
                    table.c.public_id.in_(publics[start : start + 500]),
                    table.c.login != login,
                )
                .values(login=login)
            )


def _natural_index(
    table: Table, current: dict[str, dict[str, Any]]
) -> dict[tuple[Any, ...], dict[str, Any]] | None:
    natural = MATCHED_BY.get(table.name)
    if natural is None:
        return None
    return {tuple(row.get(name) for name in natural): row for row in current.values()}


def _set_self_references(
    connection: Connection,
    table: Table,
    branch_id: int,
    rows: list[dict[str, Any]],
    self_refs: set[str],
    ids: Identities,
) -> None:
    """The second pass: references to rows of the same table (a reversal to the payment it reverses)."""
    if not rows:
        return
    local = ids.local[table.name]
    params = []
    for plain in rows:
        values = {
            f"v_{name}": local.get(plain[name]) if plain.get(name) is not None else None for name in self_refs
        }
        params.append({**values, "target_id": local[plain["public_id"]]})
    statement = (
        update(table)
        .where(table.c.id == bindparam("target_id"), table.c.branch_id == branch_id)
        .values({name: bindparam(f"v_{name}") for name in self_refs})
    )
    connection.execute(statement, params)
