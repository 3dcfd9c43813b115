"""What the roster's use cases share: the plain values they hand out (records, table rows, history), the
conversion between checked data and stored rows, loading one member and recording its events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from sqlalchemy import Table
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import NotFound
from dangjian_desktop.domain.members import MemberData
from dangjian_desktop.domain.search import build_search_key
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Base, Member, MemberEvent

DATE_FIELDS = ("birth_date", "joined_date", "full_member_date")
DATA_FIELDS = tuple(f.name for f in fields(MemberData) if f.name != "warnings")
LOOKUP_CHUNK = 5000  # ID numbers per query (SQLite and PostgreSQL both take this many parameters)


def core_table(model: type[Base]) -> Table:
    """A model's table for Core statements (the fast bulk reads and writes)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class MemberRecord:
    id: int
    data: MemberData
    status: str
    status_date: dt.date | None
    status_reason: str
    version: int = 0  # the row's version when it was read: ``update_member(expected_version=...)``

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


def columns_of(data: MemberData, *, with_search_key: bool = True) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(data, name) for name in DATA_FIELDS}
    for key in DATE_FIELDS:
        part: PartialDate | None = values.pop(key)
        values[key] = part.value if part else None
        values[f"{key}_precision"] = part.precision if part else None
    if with_search_key:
        values["search_key"] = build_search_key(data.name, data.id_number, data.phone)
    return values


def data_of(member: Member) -> MemberData:
    values = {name: getattr(member, name) for name in DATA_FIELDS if name not in DATE_FIELDS}
    for key in DATE_FIELDS:
        values[key] = PartialDate.from_storage(getattr(member, key), getattr(member, f"{key}_precision"))
    return MemberData(**values)


def record_of(member: Member, warnings: tuple[str, ...] = ()) -> MemberRecord:
    """The member as stored; ``warnings`` are those of the check just made (e.g. a 15-digit ID converted),
    which the stored values no longer show, so the form and the command line can still say them."""
    data = replace(data_of(member), warnings=warnings) if warnings else data_of(member)
    return MemberRecord(
        member.id, data, member.status, member.status_date, member.status_reason, member.version
    )


def status_event(
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


def audit_values(member: Member) -> dict[str, Any]:
    values = data_of(member).as_dict()
    values.update(status=member.status, status_date=member.status_date, status_reason=member.status_reason)
    return values


def load_member(session: Session, workspace: Workspace, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != workspace.branch_id:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member
