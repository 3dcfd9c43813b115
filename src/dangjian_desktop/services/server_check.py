"""``dangjian check`` on the township's server, and the administrator's change log per login.

A check on the server has no file to read page by page (PRAGMA is SQLite's): it says where the schema
stands against the program, who the login is and which branch it works on, and runs a consistency check
PostgreSQL can answer: rows whose reference points at a row of another branch (the database's triggers
refuse new ones; this finds any written before them), and the login's own row counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, or_, select

from dangjian_desktop.services.server_admin import as_owner
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.migrate import NewerSchemaError, SchemaStatus, schema_status
from dangjian_desktop.store.models import AuditEntry, Branch
from dangjian_desktop.store.schema import metadata


@dataclass(frozen=True)
class CrossReference:
    """Rows of ``table`` whose ``column`` points at a row of another branch (or one the login cannot see)."""

    table: str
    column: str
    rows: int


@dataclass(frozen=True)
class ServerCheck:
    user: str
    kind: str
    branch_code: str  # "" for a login of no branch (the township, the administrator)
    branch_name: str
    status: SchemaStatus | None  # None: the database is of a newer program
    rows: dict[str, int] = field(default_factory=dict)  # rows the login sees, per table
    crossing: list[CrossReference] = field(default_factory=list)

    @property
    def is_sound(self) -> bool:
        return self.status is not None and self.status.is_current and not self.crossing


def _references(table: Table) -> list[tuple[str, Table]]:
    found = []
    for column in table.c:
        for key in column.foreign_keys:
            target = key.column.table
            if target.name != "branch" and "branch_id" in target.c:
                found.append((column.name, target))
    return found


def _crossing(connection: Connection, table: Table, column: str, target: Table) -> int:
    referred = target.alias("referred")
    query = (
        select(func.count())
        .select_from(table.outerjoin(referred, referred.c.id == table.c[column]))
        .where(
            table.c[column].is_not(None),
            or_(referred.c.id.is_(None), referred.c.branch_id != table.c.branch_id),
        )
    )
    return int(connection.execute(query).scalar_one())


def _may_read(connection: Connection, table: Table) -> bool:
    """Not every table is the login's to read: a village reads no signing key (store.server._RIGHTS)."""
    return bool(connection.execute(select(func.has_table_privilege(table.name, "SELECT"))).scalar())


def check_server(workspace: Workspace) -> ServerCheck:
    """The schema's version, the login and its branch, the rows it sees and any reference across branches."""
    assert workspace.server is not None
    try:
        status: SchemaStatus | None = schema_status(workspace.db.engine)
    except NewerSchemaError:
        status = None
    rows: dict[str, int] = {}
    crossing: list[CrossReference] = []
    with workspace.db.transaction() as session:
        connection = session.connection()
        code, name = "", ""
        if workspace.branch_id is not None:
            found = connection.execute(
                select(Branch.code, Branch.name).where(Branch.id == workspace.branch_id)
            ).first()
            if found is not None:
                code, name = found.code or "", found.name
        for table in metadata.sorted_tables:
            if "branch_id" not in table.c or not _may_read(connection, table):
                continue
            rows[table.name] = int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for column, target in _references(table):
                count = _crossing(connection, table, column, target)
                if count:
                    crossing.append(CrossReference(table.name, column, count))
    login = workspace.server
    return ServerCheck(login.user, login.kind, code, name, status, rows, crossing)


# --- the change log per login ------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLine:
    at: dt.datetime
    branch_code: str
    login: str
    operator: str
    table: str
    action: str
    summary: str


def change_log(
    url: str, *, login: str | None = None, code: str | None = None, limit: int = 50
) -> list[LogLine]:
    """The newest lines of the change log of every branch, optionally of one login or one branch."""
    query = (
        select(
            AuditEntry.at,
            Branch.code,
            AuditEntry.login,
            AuditEntry.user,
            AuditEntry.table_name,
            AuditEntry.action,
            AuditEntry.summary,
        )
        .select_from(AuditEntry)
        .outerjoin(Branch, Branch.id == AuditEntry.branch_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(max(1, limit))
    )
    if login:
        query = query.where(AuditEntry.login == login)
    if code:
        query = query.where(Branch.code == code)
    with as_owner(url) as connection:
        found = connection.execute(query).all()
    return [
        LogLine(row.at, row.code or "", row.login, row.user, row.table_name, row.action, row.summary or "")
        for row in found
    ]
