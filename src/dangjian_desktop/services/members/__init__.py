"""Roster use cases: add, correct, find, leave and return, delete by mistake and restore.

Members are never physically deleted: leaving the roster and deletion are status changes kept in the
member's history, and every change is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from sqlalchemy import String, case, cast, func, insert, select, update
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE, DELETED, LEAVING_STATUSES, MEMBER_STATUS
from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.members import MemberData, party_group_order, validate_member
from dangjian_desktop.domain.search import build_search_key
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Member, MemberEvent

_DATE_FIELDS = ("birth_date", "joined_date", "full_member_date")
_DATA_FIELDS = tuple(f.name for f in fields(MemberData) if f.name != "warnings")


@dataclass(frozen=True)
class MemberRecord:
    id: int
    data: MemberData
    status: str
    status_date: dt.date | None
    status_reason: str

    @property
    def on_roster(self) -> bool:
        return self.status == ACTIVE


class RosterRow(NamedTuple):
    """One line of the roster table: plain values, ready to show (a tuple: 60,000 are built at once)."""

    id: int
    name: str
    sex: str
    birth_date: str
    id_number: str
    category: str
    joined_date: str
    party_group: str
    office: str
    dues_category: str
    phone: str
    flowing: bool  # truthy (SQLite gives 0/1)
    status: str
    search_key: str


@dataclass(frozen=True)
class MemberHistoryEntry:
    kind: str
    status_before: str
    status_after: str
    event_date: dt.date | None
    reason: str
    recorded_at: dt.datetime
    recorded_by: str


def _columns(data: MemberData, *, with_search_key: bool = True) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(data, name) for name in _DATA_FIELDS}
    for key in _DATE_FIELDS:
        part: PartialDate | None = values.pop(key)
        values[key] = part.value if part else None
        values[f"{key}_precision"] = part.precision if part else None
    if with_search_key:
        values["search_key"] = build_search_key(data.name, data.id_number, data.phone)
    return values


def _data_of(member: Member) -> MemberData:
    values = {name: getattr(member, name) for name in _DATA_FIELDS if name not in _DATE_FIELDS}
    for key in _DATE_FIELDS:
        values[key] = PartialDate.from_storage(getattr(member, key), getattr(member, f"{key}_precision"))
    return MemberData(**values)


def _record_of(member: Member, warnings: tuple[str, ...] = ()) -> MemberRecord:
    """The member as stored; ``warnings`` are those of the check just made (e.g. a 15-digit ID converted),
    which the stored values no longer show, so the form and the command line can still say them."""
    data = replace(_data_of(member), warnings=warnings) if warnings else _data_of(member)
    return MemberRecord(member.id, data, member.status, member.status_date, member.status_reason)


def _event(
    member: Member, kind: str, before: str, after: str, when: dt.date | None, reason: str
) -> MemberEvent:
    return MemberEvent(
        branch_id=member.branch_id,
        member_id=member.id,
        kind=kind,
        status_before=before,
        status_after=after,
        event_date=when,
        reason=reason,
        recorded_at=dt.datetime.now(),
        recorded_by=current_user(),
    )


def _audit_values(member: Member) -> dict[str, Any]:
    values = _data_of(member).as_dict()
    values.update(status=member.status, status_date=member.status_date, status_reason=member.status_reason)
    return values


def _load(session: Session, workspace: Workspace, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != workspace.branch_id:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def _find_by_id_number(session: Session, branch_id: int, id_number: str) -> Member | None:
    return session.scalar(select(Member).where(Member.branch_id == branch_id, Member.id_number == id_number))


def _duplicate_error(existing: Member) -> FieldErrors:
    if existing.status == DELETED:
        message = _("{name} has this ID number and was deleted; restore that entry instead.")
    elif existing.status != ACTIVE:
        message = _("{name} has this ID number and has left the roster; use 'Return to roster' instead.")
    else:
        message = _("{name} already has this ID number on the roster.")
    return FieldErrors({"id_number": message.format(name=existing.name)})


def add_member(workspace: Workspace, raw: Mapping[str, object]) -> MemberRecord:
    branch_id = workspace.require_branch()
    data = validate_member(raw)
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        existing = _find_by_id_number(session, branch_id, data.id_number)
        if existing is not None:
            raise _duplicate_error(existing)
        member = Member(
            branch_id=branch_id,
            status=ACTIVE,
            status_reason="",
            created_at=now,
            updated_at=now,
            **_columns(data),
        )
        session.add(member)
        session.flush()
        session.add(_event(member, "added", "", ACTIVE, now.date(), ""))
        audit.record(
            session,
            branch_id=branch_id,
            table="member",
            record_id=member.id,
            action="insert",
            summary=data.name,
            after=_audit_values(member),
        )
        return _record_of(member, data.warnings)


def update_member(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> MemberRecord:
    branch_id = workspace.require_branch()
    data = validate_member(raw)
    with workspace.db.transaction() as session:
        member = _load(session, workspace, member_id)
        other = _find_by_id_number(session, branch_id, data.id_number)
        if other is not None and other.id != member.id:
            raise _duplicate_error(other)
        before = _audit_values(member)
        for key, value in _columns(data).items():
            setattr(member, key, value)
        after = _audit_values(member)
        if before != after:
            member.updated_at = dt.datetime.now()
            audit.record(
                session,
                branch_id=branch_id,
                table="member",
                record_id=member.id,
                action="update",
                summary=data.name,
                before=_changed(before, after),
                after=_changed(after, before),
            )
        if before.get("dues_category") != after.get("dues_category"):
            # one notion of the dues category (issue 13): the member's dues standard follows
            from dangjian_desktop.services import dues

            dues.follow_roster_category(session, branch_id, member, today=dt.date.today())
        return _record_of(member, data.warnings)


def _changed(values: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if other.get(key) != value}


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


def get_member(workspace: Workspace, member_id: int) -> MemberRecord:
    with workspace.db.transaction() as session:
        return _record_of(_load(session, workspace, member_id))


def _date_text(column, precision):  # type: ignore[no-untyped-def]
    """A date as the table shows it, formatted by the database: SQLAlchemy's per-row date conversion
    costs more than the rest of the query at 60,000 rows. CAST(date AS TEXT) is ISO on SQLite and
    PostgreSQL alike."""
    iso = cast(column, String)
    return func.coalesce(case((precision == "month", func.substr(iso, 1, 7)), else_=iso), "")


def roster_rows(workspace: Workspace, statuses: Iterable[str] = (ACTIVE,)) -> list[RosterRow]:
    """The rows of the roster table; one Core query, no ORM objects (it must stay fast at 60,000)."""
    branch_id = workspace.require_branch()
    m = Member.__table__.c
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
            result = cursor.fetchall()
        finally:
            cursor.close()
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


def _change_status(
    workspace: Workspace,
    member_id: int,
    *,
    target: str,
    kind: str,
    when: dt.date | None,
    reason: str,
    allowed_from: Iterable[str],
) -> MemberRecord:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = _load(session, workspace, member_id)
        if member.status not in allowed_from:
            raise Conflict(
                _("This cannot be done while the member's status is '{status}'.").format(
                    status=MEMBER_STATUS.label(member.status)
                )
            )
        _check_status_date(member, kind, when)
        before = _audit_values(member)
        previous = member.status
        member.status, member.status_date, member.status_reason = target, when, reason
        member.updated_at = dt.datetime.now()
        session.add(_event(member, kind, previous, target, when, reason))
        audit.record(
            session,
            branch_id=branch_id,
            table="member",
            record_id=member.id,
            action=kind,
            summary=member.name,
            before=_changed(before, _audit_values(member)),
            after=_changed(_audit_values(member), before),
        )
        return _record_of(member)


def _check_status_date(member: Member, kind: str, when: dt.date | None) -> None:
    """A member cannot leave before joining (or being born), nor come back before leaving: such a date is
    a slip of the pen (1950 for 2025), so it is refused next to the date field."""
    if when is None:
        return
    if kind == "left":
        for earliest, message in (
            (
                member.joined_date,
                _("The member joined the Party on {date}; the date of leaving must come after it."),
            ),
            (member.birth_date, _("The member was born on {date}; check the year.")),
        ):
            if earliest is not None and when < earliest:
                raise FieldErrors({"date": message.format(date=earliest.isoformat())})
    elif kind == "returned":
        if when > dt.date.today():
            raise FieldErrors({"date": _("This date is in the future.")})
        if member.status_date is not None and when < member.status_date:
            raise FieldErrors(
                {
                    "date": _(
                        "The member left the roster on {date}; the date of return must come after it."
                    ).format(date=member.status_date.isoformat())
                }
            )


def leave_roster(
    workspace: Workspace, member_id: int, status: str, when: dt.date, reason: str
) -> MemberRecord:
    """转出, 去世, 出党, 停止党籍: the member leaves the roster with a date and a reason, kept in history."""
    errors = {}
    if status not in LEAVING_STATUSES:
        errors["status"] = _("Please choose why the member leaves the roster.")
    if when is None:
        errors["date"] = _("Please enter the date.")
    elif when > dt.date.today():
        errors["date"] = _("This date is in the future.")
    if errors:
        raise FieldErrors(errors)
    return _change_status(
        workspace,
        member_id,
        target=status,
        kind="left",
        when=when,
        reason=normalize_text(reason),
        allowed_from=(ACTIVE,),
    )


def return_to_roster(workspace: Workspace, member_id: int, when: dt.date, reason: str) -> MemberRecord:
    return _change_status(
        workspace,
        member_id,
        target=ACTIVE,
        kind="returned",
        when=when,
        reason=normalize_text(reason),
        allowed_from=LEAVING_STATUSES,
    )


def delete_member(workspace: Workspace, member_id: int, reason: str = "") -> MemberRecord:
    """For an entry made by mistake; it stays restorable from the list of deleted entries."""
    return _change_status(
        workspace,
        member_id,
        target=DELETED,
        kind="deleted",
        when=dt.date.today(),
        reason=normalize_text(reason),
        allowed_from=(ACTIVE, *LEAVING_STATUSES),
    )


def restore_deleted(workspace: Workspace, member_id: int) -> MemberRecord:
    with workspace.db.transaction() as session:
        _load(session, workspace, member_id)
        last = session.scalar(
            select(MemberEvent.status_before)
            .where(MemberEvent.member_id == member_id, MemberEvent.kind == "deleted")
            .order_by(MemberEvent.id.desc())
            .limit(1)
        )
    return _change_status(
        workspace,
        member_id,
        target=last or ACTIVE,
        kind="restored",
        when=dt.date.today(),
        reason="",
        allowed_from=(DELETED,),
    )


def member_history(workspace: Workspace, member_id: int) -> list[MemberHistoryEntry]:
    with workspace.db.transaction() as session:
        _load(session, workspace, member_id)
        events = session.scalars(
            select(MemberEvent).where(MemberEvent.member_id == member_id).order_by(MemberEvent.id)
        ).all()
        return [
            MemberHistoryEntry(
                e.kind, e.status_before, e.status_after, e.event_date, e.reason, e.recorded_at, e.recorded_by
            )
            for e in events
        ]


class SaveStopped(AppError):
    def __init__(self) -> None:
        super().__init__(_("Stopped; nothing was written."))


_PROGRESS_EVERY = 200


@dataclass(frozen=True)
class SaveSummary:
    added: int
    updated: int
    unchanged: int


def save_many(
    workspace: Workspace,
    members: list[MemberData],
    *,
    source: str,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SaveSummary:
    """Write checked members in one transaction: new ID numbers are added, known ones updated when their
    data differ; a re-import of the same sheet therefore changes nothing. ``should_stop()`` returning
    True raises ``SaveStopped`` and rolls everything back."""
    branch_id = workspace.require_branch()
    now = dt.datetime.now()
    user = current_user()
    member_table = Member.__table__
    total = len(members)

    def step(position: int) -> None:
        if position % _PROGRESS_EVERY == 0:
            if should_stop is not None and should_stop():
                raise SaveStopped()
            if progress is not None:
                progress(position, total)

    with workspace.db.transaction() as session:
        existing = _stored_rows(session, branch_id, [data.id_number for data in members])
        new_rows: list[dict[str, Any]] = []
        updates: list[tuple[int, dict[str, Any], dict[str, Any], str]] = []
        unchanged = 0
        for position, data in enumerate(members):
            step(position)
            values = _columns(data, with_search_key=False)
            old = existing.get(data.id_number)
            if old is None:
                values["search_key"] = build_search_key(data.name, data.id_number, data.phone)
                new_rows.append(
                    dict(
                        values,
                        branch_id=branch_id,
                        status=ACTIVE,
                        status_reason="",
                        created_at=now,
                        updated_at=now,
                    )
                )
                continue
            if not values["dues_category"]:  # an empty cell is "not given": it never clears the category
                values["dues_category"] = old["dues_category"]
            changed = {k: v for k, v in values.items() if old[k] != v}
            if not changed:
                unchanged += 1
                continue
            if changed.keys() & {"name", "id_number", "phone"}:
                changed["search_key"] = build_search_key(data.name, data.id_number, data.phone)
            updates.append((old["id"], changed, {k: old[k] for k in changed}, old["name"]))
        step(0)
        audit_rows = []
        if new_rows:
            ids = session.execute(insert(member_table).returning(member_table.c.id), new_rows).scalars().all()
            session.execute(
                insert(MemberEvent.__table__),
                [
                    {
                        "branch_id": branch_id,
                        "member_id": member_id,
                        "kind": "added",
                        "status_before": "",
                        "status_after": ACTIVE,
                        "event_date": now.date(),
                        "reason": source,
                        "recorded_at": now,
                        "recorded_by": user,
                    }
                    for member_id in ids
                ],
            )
            audit_rows += [
                audit.audit_row(
                    branch_id=branch_id,
                    table="member",
                    record_id=member_id,
                    action="import",
                    summary=row["name"],
                    after=_plain(row),
                    user=user,
                    at=now,
                )
                for member_id, row in zip(ids, new_rows, strict=True)
            ]
        for member_id, changed, before, name in updates:
            session.execute(
                update(member_table).where(member_table.c.id == member_id).values(**changed, updated_at=now)
            )
            if "dues_category" in changed:
                _follow_dues_category(session, branch_id, member_id, changed, before, now.date())
                if not changed:
                    continue
            audit_rows.append(
                audit.audit_row(
                    branch_id=branch_id,
                    table="member",
                    record_id=member_id,
                    action="import",
                    summary=name,
                    before=_plain(before),
                    after=_plain(changed),
                    user=user,
                    at=now,
                )
            )
        audit.record_many(session, audit_rows)
    if progress is not None:
        progress(total, total)
    return SaveSummary(added=len(new_rows), updated=len(updates), unchanged=unchanged)


def _follow_dues_category(
    session: Session,
    branch_id: int,
    member_id: int,
    changed: dict[str, Any],
    before: dict[str, Any],
    today: dt.date,
) -> None:
    """An imported sheet changed a member's 党费类别: the dues standard follows, as from the member form.
    When it cannot (an income category with no income known), the stored category is kept, so that the
    roster and the dues never disagree; the 核定 is then done on the dues page."""
    from dangjian_desktop.services import dues

    member = session.get(Member, member_id)
    assert member is not None
    session.refresh(member)
    try:
        with session.begin_nested():
            dues.follow_roster_category(session, branch_id, member, today=today)
    except FieldErrors:
        member.dues_category = before["dues_category"]
        del changed["dues_category"]
        del before["dues_category"]


def _stored_rows(session: Session, branch_id: int, id_numbers: list[str]) -> dict[str, Any]:
    """The stored rows for these ID numbers only (an import touches a few of 60,000 members)."""
    member_table = Member.__table__
    wanted = sorted(set(id_numbers))
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        query = select(member_table).where(
            member_table.c.branch_id == branch_id, member_table.c.id_number.in_(chunk)
        )
        for row in session.execute(query).mappings():
            found[row["id_number"]] = row
    return found


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: v for k, v in values.items() if k not in {"search_key", "created_at", "updated_at", "branch_id"}
    }


def deleted_members(workspace: Workspace) -> list[RosterRow]:
    return roster_rows(workspace, statuses=(DELETED,))


def departed_members(workspace: Workspace) -> list[RosterRow]:
    return roster_rows(workspace, statuses=LEAVING_STATUSES)


_PLAIN_FIELDS = tuple(name for name in _DATA_FIELDS if name not in _DATE_FIELDS)
_STORED_COLUMNS = (*_PLAIN_FIELDS, *_DATE_FIELDS, *(f"{key}_precision" for key in _DATE_FIELDS), "status")
_LOOKUP_CHUNK = 5000  # ID numbers per query (SQLite and PostgreSQL both take this many parameters)


def _stored_member(row: Iterable[Any]) -> tuple[MemberData, str]:
    values = dict(zip(_STORED_COLUMNS, row, strict=True))
    data = {name: values[name] for name in _PLAIN_FIELDS}
    for key in _DATE_FIELDS:
        data[key] = PartialDate.from_storage(values[key], values[f"{key}_precision"])
    return MemberData(**data), values["status"]


def _stored_query(branch_id: int) -> Any:
    table = Member.__table__
    return select(*(table.c[name] for name in _STORED_COLUMNS)).where(table.c.branch_id == branch_id)


def members_with_status(
    workspace: Workspace, statuses: Iterable[str] | None = (ACTIVE,)
) -> list[tuple[MemberData, str]]:
    """Every member's full checked data and status, in roster order (party group in natural order, then entry order);
    ``statuses=None`` means every member, deleted ones included. Read-only (for the sheet export)."""
    table = Member.__table__
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
    table = Member.__table__
    wanted = sorted(set(id_numbers))
    found: dict[str, tuple[MemberData, str]] = {}
    base = _stored_query(workspace.require_branch())
    with workspace.db.engine.connect() as connection:
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[start : start + _LOOKUP_CHUNK]
            for row in connection.execute(base.where(table.c.id_number.in_(chunk))):
                data, status = _stored_member(row)
                found[data.id_number] = (data, status)
    return found


def roster_contacts(workspace: Workspace) -> tuple[list[str], list[str]]:
    """Every phone and home address on the roster (members of any status), for the privacy check of public
    notices (decisions.md #13). Read-only."""
    table = Member.__table__
    query = select(table.c.phone, table.c.address).where(
        table.c.branch_id == workspace.require_branch(), (table.c.phone != "") | (table.c.address != "")
    )
    with workspace.db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [r.phone for r in rows if r.phone], [r.address for r in rows if r.address]
