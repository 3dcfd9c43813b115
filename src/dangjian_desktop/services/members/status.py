"""A member's status: leaving the roster (转出, 去世, 出党, 停止党籍) and coming back, deleting an entry made
by mistake and restoring it, each with a date and a reason kept in the member's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select

from dangjian_desktop.domain.choices import ACTIVE, DELETED, LEAVING_STATUSES, MEMBER_STATUS
from dangjian_desktop.domain.errors import Conflict, FieldErrors
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.members.common import (
    MemberHistoryEntry,
    MemberRecord,
    audit_values,
    load_member,
    record_of,
    status_event,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import Member, MemberEvent


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
    workspace.require_branch()
    with workspace.db.transaction() as session:
        member = load_member(session, workspace, member_id)
        if member.status not in allowed_from:
            raise Conflict(
                _("This cannot be done while the member's status is '{status}'.").format(
                    status=MEMBER_STATUS.label(member.status)
                )
            )
        _check_status_date(member, kind, when)
        before = audit_values(member)
        previous = member.status
        member.status, member.status_date, member.status_reason = target, when, reason
        member.updated_at = dt.datetime.now()
        session.add(status_event(member, kind, previous, target, when, reason))
        audit.record_changes(session, member, kind, member.name, before, audit_values(member))
        return record_of(member)


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
        load_member(session, workspace, member_id)
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
        load_member(session, workspace, member_id)
        events = session.scalars(
            select(MemberEvent).where(MemberEvent.member_id == member_id).order_by(MemberEvent.id)
        ).all()
        return [
            MemberHistoryEntry(
                e.kind, e.status_before, e.status_after, e.event_date, e.reason, e.recorded_at, e.recorded_by
            )
            for e in events
        ]
