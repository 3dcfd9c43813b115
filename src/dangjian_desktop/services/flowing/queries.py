"""Reading the 流动党员 records: one member's stay with everything recorded, the list of members away
(and back), and the members at risk of losing touch (失联提醒)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE, DELETED
from dangjian_desktop.domain.errors import NotFound
from dangjian_desktop.domain.flowing import BOOK_VOID, Destination, months_ago, months_between
from dangjian_desktop.i18n import _
from dangjian_desktop.services import settings
from dangjian_desktop.services.flowing.common import book_info, branch_member, latest_stay, stay_info
from dangjian_desktop.services.flowing.dtos import (
    AWAY,
    RETURNED,
    UNREGISTERED,
    AlertRow,
    AwayRow,
    ContactInfo,
    OpinionInfo,
    OrgLifeInfo,
    StayDetail,
)
from dangjian_desktop.services.flowing.settings import ALERT_MONTHS
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.flowing_models import (
    ActivityBook,
    FlowingContact,
    FlowingOpinion,
    FlowingOrgLife,
    FlowingStay,
)
from dangjian_desktop.store.models import Member


def stay_detail(workspace: Workspace, member_id: int) -> StayDetail:
    """The member's current stay (or the last one) with its books and records, each in date order."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = branch_member(session, workspace, member_id)
        stay = latest_stay(session, branch_id, member.id)
        if stay is None:
            raise NotFound(_("{name} has never been registered as working away.").format(name=member.name))
        return detail_of_stay(session, stay, member.name)


def detail_of_stay(session: Session, stay: FlowingStay, name: str) -> StayDetail:
    books = session.scalars(
        select(ActivityBook).where(ActivityBook.stay_id == stay.id).order_by(ActivityBook.id)
    ).all()
    numbers = {b.id: b.number for b in books}
    org_life = session.scalars(
        select(FlowingOrgLife)
        .where(FlowingOrgLife.stay_id == stay.id)
        .order_by(FlowingOrgLife.date, FlowingOrgLife.id)
    ).all()
    contacts = session.scalars(
        select(FlowingContact)
        .where(FlowingContact.stay_id == stay.id)
        .order_by(FlowingContact.date, FlowingContact.id)
    ).all()
    opinions = session.scalars(
        select(FlowingOpinion)
        .where(FlowingOpinion.stay_id == stay.id)
        .order_by(FlowingOpinion.date, FlowingOpinion.id)
    ).all()
    return StayDetail(
        stay=stay_info(stay, name),
        books=tuple(book_info(b, numbers.get(b.replaced_by_id or 0, "")) for b in books),
        org_life=tuple(
            OrgLifeInfo(r.id, r.member_id, r.date, r.kind, r.org, r.content, r.certified_by) for r in org_life
        ),
        contacts=tuple(
            ContactInfo(r.id, r.member_id, r.date, r.means, r.content, r.contacted_by) for r in contacts
        ),
        opinions=tuple(
            OpinionInfo(r.id, r.member_id, r.kind, r.date, r.year, r.grade, r.text, r.signed_by)
            for r in opinions
        ),
    )


def _of_branch(column: Any, branch_id: int | None) -> list[Any]:
    return [] if branch_id is None else [column == branch_id]


def stays_query(branch_id: int | None, include_returned: bool) -> Select[Any]:
    """Each stay with its member, its current book's number and the dates last heard of; ``branch_id``
    None: of every branch the login reads (the township's report, one statement for all)."""
    s = FlowingStay.__table__.c
    b = ActivityBook.__table__.c
    m = Member.__table__.c
    last_contact = (
        select(FlowingContact.stay_id, func.max(FlowingContact.date).label("d"))
        .where(*_of_branch(FlowingContact.branch_id, branch_id))
        .group_by(FlowingContact.stay_id)
        .subquery()
    )
    last_record = (
        select(FlowingOrgLife.stay_id, func.max(FlowingOrgLife.date).label("d"))
        .where(*_of_branch(FlowingOrgLife.branch_id, branch_id))
        .group_by(FlowingOrgLife.stay_id)
        .subquery()
    )
    current_book = (
        select(b.stay_id, func.max(b.id).label("book_id"))
        .where(b.status != BOOK_VOID, *_of_branch(b.branch_id, branch_id))
        .group_by(b.stay_id)
        .subquery()
    )
    query = (
        select(
            s.id, s.member_id, m.name, m.status, s.since, s.province, s.city, s.county, s.workplace,
            s.receiving_org, s.return_date, b.number, last_contact.c.d.label("last_contact"),
            last_record.c.d.label("last_record"), s.branch_id,
        )
        .join(Member.__table__, m.id == s.member_id)
        .outerjoin(current_book, current_book.c.stay_id == s.id)
        .outerjoin(ActivityBook.__table__, b.id == current_book.c.book_id)
        .outerjoin(last_contact, last_contact.c.stay_id == s.id)
        .outerjoin(last_record, last_record.c.stay_id == s.id)
        .where(m.status != DELETED, *_of_branch(s.branch_id, branch_id))
    )  # fmt: skip
    if not include_returned:
        query = query.where(s.return_date.is_(None), m.status == ACTIVE)
    return query


def stay_row(r: Any) -> AwayRow:
    destination = Destination(r.province, r.city, r.county, r.workplace)
    state = AWAY if r.return_date is None else RETURNED
    return AwayRow(
        r.member_id, r.name, state, r.id, destination.text(), destination.group(), r.since,
        r.number or "", r.last_contact, r.last_record, r.receiving_org, r.return_date,
    )  # fmt: skip


def unregistered_row(r: Any) -> AwayRow:
    """A member marked as working away on the roster with no leave registered: only the place is known."""
    return AwayRow(
        r.id, r.name, UNREGISTERED, None, r.away_place, r.away_place, None, "", None, None, "", None
    )


def away_rows(workspace: Workspace, *, include_returned: bool = False) -> list[AwayRow]:
    """Members away now (and members marked as away on the roster without a registered leave); with
    ``include_returned`` also every past stay. Ordered by destination group, then name."""
    branch_id = workspace.require_branch()
    m = Member.__table__.c
    with workspace.db.engine.connect() as connection:
        rows = [stay_row(r) for r in connection.execute(stays_query(branch_id, include_returned))]
        flagged = connection.execute(
            select(m.id, m.name, m.away_place).where(
                m.branch_id == branch_id, m.status == ACTIVE, m.flowing.is_(True)
            )
        ).all()
    away_members = {row.member_id for row in rows if row.state == AWAY}
    rows += [unregistered_row(r) for r in flagged if r.id not in away_members]
    order = {AWAY: 0, UNREGISTERED: 1, RETURNED: 2}
    rows.sort(key=lambda row: (order[row.state], row.group, row.since or dt.date.min, row.name))
    return rows


def alerts(
    workspace: Workspace, *, months: int | None = None, today: dt.date | None = None
) -> list[AlertRow]:
    """失联提醒: members away with no contact and no organisation-life record for ``months`` months (the
    setting, default 6), the longest silence first. Members marked as away on the roster with no
    registered leave come first: nothing at all is known about them."""
    if months is None:
        months = settings.get(workspace, ALERT_MONTHS)
    return alerts_among(away_rows(workspace), months, today or dt.date.today())


def alerts_among(rows: Iterable[AwayRow], months: int, today: dt.date) -> list[AlertRow]:
    """The alerts of ``alerts`` for rows already read (the members away, as ``away_rows`` gives them)."""
    limit = months_ago(today, months)
    found: list[AlertRow] = []
    for row in rows:
        heard = row.last_heard
        if heard is None:
            found.append(AlertRow(row.member_id, row.name, row.destination, None, None, None, False))
        elif heard <= limit:
            found.append(
                AlertRow(
                    row.member_id,
                    row.name,
                    row.destination,
                    row.since,
                    heard,
                    months_between(heard, today),
                    True,
                )
            )
    found.sort(key=lambda a: (a.last_heard is not None, a.last_heard or dt.date.min, a.name))
    return found
