"""Entering and correcting members: one from the form or the command line (``add_member``,
``update_member``), many at once from an imported sheet (``save_many``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE, DELETED
from dangjian_desktop.domain.errors import AppError, FieldErrors, check_version
from dangjian_desktop.domain.members import MemberData, validate_member
from dangjian_desktop.domain.search import build_search_key
from dangjian_desktop.i18n import _
from dangjian_desktop.services.members.common import (
    LOOKUP_CHUNK,
    MemberRecord,
    audit_values,
    columns_of,
    core_table,
    load_member,
    record_of,
    status_event,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Member, MemberEvent


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
            **columns_of(data),
        )
        session.add(member)
        session.flush()
        session.add(status_event(member, "added", "", ACTIVE, now.date(), ""))
        audit.record_row(session, member, "insert", member.name, after=audit_values(member))
        return record_of(member, data.warnings)


def update_member(
    workspace: Workspace,
    member_id: int,
    raw: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> MemberRecord:
    """Correct a member. ``expected_version``: the version the form read (``MemberRecord.version``); when
    someone saved the member since, nothing is saved (ChangedMeanwhile) and the other change stays."""
    branch_id = workspace.require_branch()
    data = validate_member(raw)
    with workspace.db.transaction(exclusive=True) as session:
        member = load_member(session, workspace, member_id)
        check_version(member.version, expected_version)
        other = _find_by_id_number(session, branch_id, data.id_number)
        if other is not None and other.id != member.id:
            raise _duplicate_error(other)
        before = audit_values(member)
        for key, value in columns_of(data).items():
            setattr(member, key, value)
        after = audit_values(member)
        if before != after:
            member.updated_at = dt.datetime.now()
            audit.record_changes(session, member, "update", member.name, before, after)
        if before.get("dues_category") != after.get("dues_category"):
            # one notion of the dues category (issue 13): the member's dues standard follows
            from dangjian_desktop.services import dues

            dues.follow_roster_category(session, branch_id, member, today=dt.date.today())
        session.flush()  # the new version, for a form that stays open
        return record_of(member, data.warnings)


def get_member(workspace: Workspace, member_id: int) -> MemberRecord:
    with workspace.db.transaction() as session:
        return record_of(load_member(session, workspace, member_id))


# --- many members at once (an imported sheet) ------------------------------------------------------


class SaveStopped(AppError):
    def __init__(self) -> None:
        super().__init__(_("Stopped; nothing was written."))


_PROGRESS_EVERY = 200


@dataclass(frozen=True)
class SaveSummary:
    added: int
    updated: int
    unchanged: int


# (member id, the changed columns, their stored values before, the stored name)
_Update = tuple[int, dict[str, Any], dict[str, Any], str]


@dataclass
class _Plan:
    """What ``save_many`` will write: rows to insert, changes to stored rows, and how many are the same."""

    new_rows: list[dict[str, Any]] = field(default_factory=list)
    updates: list[_Update] = field(default_factory=list)
    unchanged: int = 0


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
    total = len(members)

    def step(position: int) -> None:
        if position % _PROGRESS_EVERY == 0:
            if should_stop is not None and should_stop():
                raise SaveStopped()
            if progress is not None:
                progress(position, total)

    with workspace.db.transaction() as session:
        existing = _stored_rows(session, branch_id, [data.id_number for data in members])
        plan = _Plan()
        for position, data in enumerate(members):
            step(position)
            _plan_row(plan, data, existing.get(data.id_number), branch_id=branch_id, now=now)
        step(0)
        audit_rows = _insert_new(
            session, plan.new_rows, branch_id=branch_id, source=source, user=user, now=now
        )
        audit_rows += _apply_updates(session, plan.updates, branch_id=branch_id, user=user, now=now)
        audit.record_many(session, audit_rows)
    if progress is not None:
        progress(total, total)
    return SaveSummary(added=len(plan.new_rows), updated=len(plan.updates), unchanged=plan.unchanged)


def _plan_row(plan: _Plan, data: MemberData, old: Any, *, branch_id: int, now: dt.datetime) -> None:
    values = columns_of(data, with_search_key=False)
    if old is None:
        values["search_key"] = build_search_key(data.name, data.id_number, data.phone)
        plan.new_rows.append(
            dict(values, branch_id=branch_id, status=ACTIVE, status_reason="", created_at=now, updated_at=now)
        )
        return
    if not values["dues_category"]:  # an empty cell is "not given": it never clears the category
        values["dues_category"] = old["dues_category"]
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        plan.unchanged += 1
        return
    if changed.keys() & {"name", "id_number", "phone"}:
        changed["search_key"] = build_search_key(data.name, data.id_number, data.phone)
    plan.updates.append((old["id"], changed, {k: old[k] for k in changed}, old["name"]))


def _insert_new(
    session: Session,
    new_rows: list[dict[str, Any]],
    *,
    branch_id: int,
    source: str,
    user: str,
    now: dt.datetime,
) -> list[dict[str, Any]]:
    """Insert the new members with their "added" events; their audit rows are returned."""
    if not new_rows:
        return []
    table = core_table(Member)
    ids = session.execute(insert(table).returning(table.c.id), new_rows).scalars().all()
    session.execute(
        insert(core_table(MemberEvent)),
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
    return [
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


def _apply_updates(
    session: Session, updates: list[_Update], *, branch_id: int, user: str, now: dt.datetime
) -> list[dict[str, Any]]:
    """Write the changes to stored members (the dues standard following a changed category); their
    audit rows are returned."""
    table = core_table(Member)
    audit_rows = []
    for member_id, changed, before, name in updates:
        session.execute(  # a form open on this member meanwhile sees the change (version)
            update(table)
            .where(table.c.id == member_id)
            .values(**changed, updated_at=now, version=table.c.version + 1)
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
    return audit_rows


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
    table = core_table(Member)
    wanted = sorted(set(id_numbers))
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        query = select(table).where(table.c.branch_id == branch_id, table.c.id_number.in_(chunk))
        for row in session.execute(query).mappings():
            found[row["id_number"]] = row
    return found


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: v for k, v in values.items() if k not in {"search_key", "created_at", "updated_at", "branch_id"}
    }
