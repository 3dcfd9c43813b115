"""What the 流动党员 use cases share inside one transaction: finding the member and the stay, turning
rows into the plain values of ``dtos``, and the values an audit entry records."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import DELETED
from dangjian_desktop.domain.errors import Conflict, NotFound
from dangjian_desktop.domain.flowing import Destination
from dangjian_desktop.i18n import _
from dangjian_desktop.services.flowing.dtos import BookInfo, StayInfo
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.flowing_models import ActivityBook, FlowingStay
from dangjian_desktop.store.models import Member

_Info = TypeVar("_Info", StayInfo, BookInfo)


def stay_info(stay: FlowingStay, name: str) -> StayInfo:
    destination = Destination(stay.province, stay.city, stay.county, stay.workplace)
    return _from_row(StayInfo, stay, member_name=name, destination=destination)


def book_info(book: ActivityBook, replaced_by: str = "") -> BookInfo:
    return _from_row(BookInfo, book, replaced_by_number=replaced_by)


def _from_row(kind: type[_Info], row: object, **given: Any) -> _Info:
    """A ``kind`` of ``dtos`` whose every field not ``given`` is the row's column of the same name."""
    columns = {field.name: getattr(row, field.name) for field in fields(kind) if field.name not in given}
    return kind(**columns, **given)


def audit_values(row: Any) -> dict[str, Any]:
    return {
        c.key: getattr(row, c.key)
        for c in row.__table__.columns
        if c.key not in ("branch_id", "created_at", "updated_at", "id", "version")
    }


def branch_member(session: Session, workspace: Workspace, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != workspace.branch_id or member.status == DELETED:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def open_stay(session: Session, branch_id: int, member_id: int) -> FlowingStay | None:
    return session.scalar(
        select(FlowingStay)
        .where(
            FlowingStay.branch_id == branch_id,
            FlowingStay.member_id == member_id,
            FlowingStay.return_date.is_(None),
        )
        .order_by(FlowingStay.id.desc())
        .limit(1)
    )


def latest_stay(session: Session, branch_id: int, member_id: int) -> FlowingStay | None:
    return open_stay(session, branch_id, member_id) or session.scalar(
        select(FlowingStay)
        .where(FlowingStay.branch_id == branch_id, FlowingStay.member_id == member_id)
        .order_by(FlowingStay.id.desc())
        .limit(1)
    )


def require_open_stay(session: Session, branch_id: int, member: Member) -> FlowingStay:
    stay = open_stay(session, branch_id, member.id)
    if stay is None:
        raise Conflict(
            _("{name} is not registered as working away. Register the leave first.").format(name=member.name)
        )
    return stay
