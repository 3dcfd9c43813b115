"""Reading the roster: the table's rows (fast at 60,000 members), finding a member by number or name,
the party groups, the names printouts keep whole, and members' full data for the sheet export and the
import's comparison. Nothing here writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, case, cast, func, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE, DELETED, LEAVING_STATUSES
from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import Conflict, NotFound
from dangjian_desktop.domain.members import MemberData, party_group_order
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.members.common import (
    DATA_FIELDS,
    DATE_FIELDS,
    LOOKUP_CHUNK,
    RosterRow,
    core_table,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Member


@dataclass(frozen=True)
class MemberRef:
    id: int
    name: str
    status: str


def find_member(workspace: Workspace, key: str | int) -> MemberRef:
    """A member by number (the id that ``dangjian members list`` shows) or by exact name, as the command
    line takes them. Deleted entries are never found; of several members with one name, the only one on
    the roster is taken, otherwise the secretary is asked for the number."""
    branch_id = workspace.require_branch()
    wanted = normalize_text(str(key)).replace(" ", "")
    query = select(Member.id, Member.name, Member.status).where(
        Member.branch_id == branch_id, Member.status != DELETED
    )
    with workspace.db.engine.connect() as connection:
        if wanted.isascii() and wanted.isdigit() and int(wanted) < 2**63:  # a number the database can hold
            row = connection.execute(query.where(Member.id == int(wanted))).first()
            if row is not None:
                return MemberRef(row.id, row.name, row.status)
        rows = connection.execute(query.where(Member.name == wanted).order_by(Member.id)).all()
    on_roster = [r for r in rows if r.status == ACTIVE]
    if len(on_roster) == 1:
        return MemberRef(on_roster[0].id, on_roster[0].name, on_roster[0].status)
    if not rows:
        raise NotFound(
            _("No member is called '{name}'. Give the exact name or the member's number.").format(name=wanted)
        )
    if len(rows) > 1:
        raise Conflict(
            _("Several members are called {name} (numbers {ids}). Give the member's number instead.").format(
                name=wanted, ids=", ".join(str(r.id) for r in rows)
            )
        )
    return MemberRef(rows[0].id, rows[0].name, rows[0].status)


def _date_text(column: ColumnElement[Any], precision: ColumnElement[Any]) -> ColumnElement[str]:
    """A date as the table shows it, formatted by the database: SQLAlchemy's per-row date conversion
    costs more than the rest of the query at 60,000 rows. CAST(date AS TEXT) is ISO on SQLite and
    PostgreSQL alike."""
    iso = cast(column, String)
    return func.coalesce(case((precision == "month", func.substr(iso, 1, 7)), else_=iso), "")


def roster_rows(workspace: Workspace, statuses: Iterable[str] = (ACTIVE,)) -> list[RosterRow]:
    """The rows of the roster table; one Core query, no ORM objects (it must stay fast at 60,000)."""
    branch_id = workspace.require_branch()
    m = core_table(Member).c
    query = (
        select(
            m.id,
            m.name,
            m.sex,
            _date_text(m.birth_date, m.birth_date_precision),
            m.id_number,
            m.category,
            _date_text(m.joined_date, m.joined_date_precision),
            m.party_group,
            m.office,
            m.dues_category,
            m.phone,
            m.flowing,
            m.status,
            m.search_key,
        )
        .where(m.branch_id == branch_id, m.status.in_(list(statuses)))
        .order_by(m.party_group, m.id)
    )
    with workspace.db.engine.connect() as connection:
        # The plain DB-API cursor: SQLAlchemy's Row objects double the cost of reading 60,000 rows.
        # The parameters are an integer and fixed status codes, so literal binds are safe here.
        sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql)
            result = list(cursor.fetchall())
        finally:
            cursor.close()
    # The Party groups' one order (第一, 第二 …), the same whatever the server's collation (township.md
    # TP10): SQL only groups them; the few distinct groups' keys are worked out once.
    order = {group: party_group_order(group) for group in {row[7] for row in result}}
    result.sort(key=lambda row: (order[row[7]], row[0]))
    return list(map(RosterRow._make, result))


def party_groups(workspace: Workspace) -> list[str]:
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        groups = connection.execute(
            select(Member.party_group)
            .where(Member.branch_id == branch_id, Member.party_group != "")
            .distinct()
        ).scalars()
        return sorted(groups, key=party_group_order)


def people_named_in(session: Session, branch_id: int) -> tuple[str, ...]:
    """The people the branch's printouts may name in free text: everyone ever on its roster (a member who
    left is still named in older records) and the secretary. Printouts keep these names whole."""
    from dangjian_desktop.store.models import Branch

    names = set(session.scalars(select(Member.name).where(Member.branch_id == branch_id)))
    branch = session.get(Branch, branch_id)
    if branch is not None and branch.secretary:
        names.add(branch.secretary)
    return tuple(sorted(name for name in names if len(name) > 1))


def people_named(workspace: Workspace) -> tuple[str, ...]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return people_named_in(session, branch_id)


def deleted_members(workspace: Workspace) -> list[RosterRow]:
    return roster_rows(workspace, statuses=(DELETED,))


def departed_members(workspace: Workspace) -> list[RosterRow]:
    return roster_rows(workspace, statuses=LEAVING_STATUSES)


_PLAIN_FIELDS = tuple(name for name in DATA_FIELDS if name not in DATE_FIELDS)
_STORED_COLUMNS = (*_PLAIN_FIELDS, *DATE_FIELDS, *(f"{key}_precision" for key in DATE_FIELDS), "status")


def _stored_member(row: Iterable[Any]) -> tuple[MemberData, str]:
    values = dict(zip(_STORED_COLUMNS, row, strict=True))
    data = {name: values[name] for name in _PLAIN_FIELDS}
    for key in DATE_FIELDS:
        data[key] = PartialDate.from_storage(values[key], values[f"{key}_precision"])
    return MemberData(**data), values["status"]


def _stored_query(branch_id: int) -> Select[Any]:
    table = core_table(Member)
    return select(*(table.c[name] for name in _STORED_COLUMNS)).where(table.c.branch_id == branch_id)


def members_with_status(
    workspace: Workspace, statuses: Iterable[str] | None = (ACTIVE,)
) -> list[tuple[MemberData, str]]:
    """Every member's full checked data and status, in roster order (party group in natural order, then entry order);
    ``statuses=None`` means every member, deleted ones included. Read-only (for the sheet export)."""
    table = core_table(Member)
    query = _stored_query(workspace.require_branch())
    if statuses is not None:
        query = query.where(table.c.status.in_(list(statuses)))
    query = query.order_by(table.c.party_group, table.c.id)
    with workspace.db.engine.connect() as connection:
        found = [_stored_member(row) for row in connection.execute(query)]
    order = {group: party_group_order(group) for group in {data.party_group for data, _status in found}}
    return sorted(found, key=lambda item: order[item[0].party_group])  # stable: entry order kept


def members_by_id_number(
    workspace: Workspace, id_numbers: Iterable[str]
) -> dict[str, tuple[MemberData, str]]:
    """The stored data and status of the members (any status) with these ID numbers. Read-only (for
    comparing an import with what is stored)."""
    table = core_table(Member)
    wanted = sorted(set(id_numbers))
    found: dict[str, tuple[MemberData, str]] = {}
    base = _stored_query(workspace.require_branch())
    with workspace.db.engine.connect() as connection:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            for row in connection.execute(base.where(table.c.id_number.in_(chunk))):
                data, status = _stored_member(row)
                found[data.id_number] = (data, status)
    return found


def roster_contacts(workspace: Workspace) -> tuple[list[str], list[str]]:
    """Every phone and home address on the roster (members of any status), for the privacy check of public
    notices (decisions.md #13). Read-only."""
    table = core_table(Member)
    query = select(table.c.phone, table.c.address).where(
        table.c.branch_id == workspace.require_branch(), (table.c.phone != "") | (table.c.address != "")
    )
    with workspace.db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [r.phone for r in rows if r.phone], [r.address for r in rows if r.address]
