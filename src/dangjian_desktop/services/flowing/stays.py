"""A member's stays away: registering the leave (and issuing the book), correcting it, the records made
while away (organisation life, contacts, opinions), the return, and a new book for a lost one.

Each use case is one transaction that writes the audit log with the change. The member's roster columns
are kept in step: a leave sets ``flowing`` and ``away_place`` and, with the book issued,
``holds_activity_book``; a return clears them. Records made while away belong to the stay, so they stay in
the history after the member comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.errors import Conflict, FieldErrors, check_version
from dangjian_desktop.domain.flowing import (
    BOOK_ISSUED,
    BOOK_RETURNED,
    BOOK_VOID,
    format_book_number,
    validate_contact,
    validate_leave,
    validate_opinion,
    validate_org_life,
)
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import numbering
from dangjian_desktop.services.flowing import dtos
from dangjian_desktop.services.flowing.common import (
    audit_values,
    book_info,
    branch_member,
    open_stay,
    require_open_stay,
    stay_info,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.flowing_models import (
    ActivityBook,
    FlowingContact,
    FlowingOpinion,
    FlowingOrgLife,
    FlowingStay,
)
from dangjian_desktop.store.models import Member


def _issue_book(
    session: Session, branch_id: int, member_id: int, stay_id: int, issued: dt.date, official_number: str
) -> ActivityBook:
    serial = numbering.issue(session, numbering.book_series(branch_id, issued.year))
    book = ActivityBook(
        branch_id=branch_id,
        member_id=member_id,
        stay_id=stay_id,
        year=issued.year,
        serial=serial,
        number=format_book_number(issued.year, serial),
        official_number=official_number,
        issue_date=issued,
        status=BOOK_ISSUED,
        status_date=None,
        void_reason="",
        replaced_by_id=None,
        created_at=dt.datetime.now(),
    )
    session.add(book)
    session.flush()
    audit.record_row(session, book, "insert", book.number, None, audit_values(book))
    return book


def _set_member_columns(session: Session, member: Member, **values: Any) -> None:
    before = {key: getattr(member, key) for key in values}
    if before == values:
        return
    for key, value in values.items():
        setattr(member, key, value)
    member.updated_at = dt.datetime.now()
    audit.record_row(session, member, "update", member.name, before, values)


def _stay_columns(data: Any) -> dict[str, Any]:
    return {
        "since": data.since,
        "expected_return": data.expected_return,
        "reason": data.reason,
        "province": data.destination.province,
        "city": data.destination.city,
        "county": data.destination.county,
        "workplace": data.destination.workplace,
        "address": data.address,
        "occupation": data.occupation,
        "phone": data.phone,
        "other_contact": data.other_contact,
        "receiving_org": data.receiving_org,
        "receiving_contact": data.receiving_contact,
        "receiving_phone": data.receiving_phone,
        "receiving_since": data.receiving_since,
        "home_contact": data.home_contact,
        "home_contact_phone": data.home_contact_phone,
    }


def _check_while_away(stay: FlowingStay, when: dt.date, key: str = "date") -> None:
    if when < stay.since:
        raise FieldErrors(
            {key: _("This date is before the member left ({date}).").format(date=stay.since.isoformat())}
        )


# --- finding members ------------------------------------------------------------------------------


def find_member(workspace: Workspace, key: str | int) -> dtos.MemberRef:
    """A member by number (the id shown in ``dangjian flowing list``) or exact name."""
    found = member_service.find_member(workspace, key)
    return dtos.MemberRef(found.id, found.name)


def members_who_can_leave(workspace: Workspace) -> list[dtos.MemberRef]:
    """Members on the roster who are not registered as away (for the leave form's list)."""
    branch_id = workspace.require_branch()
    open_stays = select(FlowingStay.member_id).where(
        FlowingStay.branch_id == branch_id, FlowingStay.return_date.is_(None)
    )
    query = (
        select(Member.id, Member.name, Member.phone)
        .where(Member.branch_id == branch_id, Member.status == ACTIVE, Member.id.not_in(open_stays))
        .order_by(Member.party_group, Member.id)
    )
    with workspace.db.engine.connect() as connection:
        rows = list(connection.execute(query.add_columns(Member.party_group)))
    rows.sort(key=lambda r: (party_group_order(r.party_group), r.id))  # the same on every server
    return [dtos.MemberRef(r.id, r.name, r.phone or "") for r in rows]


# --- use cases ------------------------------------------------------------------------------------


def register_leave(
    workspace: Workspace, member_id: int, raw: Mapping[str, object], *, today: dt.date | None = None
) -> dtos.LeaveResult:
    """外出登记: record where the member goes and issue the activity book (the branch's serial for the
    year of issue; ``issue_date`` in ``raw``, default today)."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    data = validate_leave(raw, today=today)
    issued = _issue_date(raw, today)
    now = dt.datetime.now()
    with numbering.locked_transaction(workspace) as session:
        member = branch_member(session, workspace, member_id)
        if member.status != ACTIVE:
            raise Conflict(
                _("{name} is not on the roster, so cannot be registered as away.").format(name=member.name)
            )
        existing = open_stay(session, branch_id, member.id)
        if existing is not None:
            raise Conflict(
                _("{name} is already registered as away since {date}. Record the return first.").format(
                    name=member.name, date=existing.since.isoformat()
                )
            )
        stay = FlowingStay(
            branch_id=branch_id,
            member_id=member.id,
            return_date=None,
            return_note="",
            created_at=now,
            updated_at=now,
            **_stay_columns(data),
        )
        session.add(stay)
        session.flush()
        audit.record_row(session, stay, "insert", member.name, None, audit_values(stay))
        book = _issue_book(session, branch_id, member.id, stay.id, issued, data.official_number)
        _set_member_columns(
            session, member, flowing=True, away_place=data.destination.text()[:200], holds_activity_book=True
        )
        return dtos.LeaveResult(stay_info(stay, member.name), book_info(book))


def _issue_date(raw: Mapping[str, object], today: dt.date) -> dt.date:
    try:
        parsed = parse_date(raw.get("issue_date"), today=today)
    except InvalidDate as error:
        raise FieldErrors({"issue_date": error.message}) from error
    return parsed.value if parsed else today


def update_leave(
    workspace: Workspace, member_id: int, raw: Mapping[str, object], *, expected_version: int | None = None
) -> dtos.StayInfo:
    """Correct or complete the leave registration (e.g. the receiving organisation, once known).
    ``expected_version``: the version of the stay the form read (``StayInfo.version``); a stay saved by
    someone since is left as it is (ChangedMeanwhile)."""
    branch_id = workspace.require_branch()
    data = validate_leave(raw)
    with workspace.db.transaction(exclusive=True) as session:
        member = branch_member(session, workspace, member_id)
        stay = require_open_stay(session, branch_id, member)
        check_version(stay.version, expected_version)
        before = audit_values(stay)
        for key, value in _stay_columns(data).items():
            setattr(stay, key, value)
        after = audit_values(stay)
        if before != after:
            stay.updated_at = dt.datetime.now()
            audit.record_changes(session, stay, "update", member.name, before, after)
        if data.official_number:
            book = _current_book(session, stay.id)
            if book is not None and book.official_number != data.official_number:
                audit.record_row(
                    session,
                    book,
                    "update",
                    book.number,
                    {"official_number": book.official_number},
                    {"official_number": data.official_number},
                )
                book.official_number = data.official_number
                stay.updated_at = dt.datetime.now()  # the book's number is part of the stay's form
        _set_member_columns(session, member, flowing=True, away_place=data.destination.text()[:200])
        session.flush()
        return stay_info(stay, member.name)


def _current_book(session: Session, stay_id: int) -> ActivityBook | None:
    return session.scalar(
        select(ActivityBook)
        .where(ActivityBook.stay_id == stay_id, ActivityBook.status != BOOK_VOID)
        .order_by(ActivityBook.id.desc())
        .limit(1)
    )


def _add_record(
    workspace: Workspace, member_id: int, table: Any, values: dict[str, Any], when: dt.date
) -> tuple[Any, str]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = branch_member(session, workspace, member_id)
        stay = require_open_stay(session, branch_id, member)
        _check_while_away(stay, when)
        row = table(
            branch_id=branch_id, member_id=member.id, stay_id=stay.id, created_at=dt.datetime.now(), **values
        )
        session.add(row)
        session.flush()
        audit.record_row(session, row, "insert", member.name, None, audit_values(row))
        return row, member.name


def add_org_life(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> dtos.OrgLifeInfo:
    """An organisation-life record while away (from the book, a phone call or the receiving side)."""
    data = validate_org_life(raw)
    row, _name = _add_record(workspace, member_id, FlowingOrgLife, asdict(data), data.date)
    return dtos.OrgLifeInfo(row.id, row.member_id, row.date, row.kind, row.org, row.content, row.certified_by)


def add_contact(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> dtos.ContactInfo:
    """A contact the home branch made with the member (专人联系)."""
    data = validate_contact(raw)
    row, _name = _add_record(workspace, member_id, FlowingContact, asdict(data), data.date)
    return dtos.ContactInfo(row.id, row.member_id, row.date, row.means, row.content, row.contacted_by)


def add_opinion(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> dtos.OpinionInfo:
    """An opinion, the annual evaluation, a reward or a punishment."""
    data = validate_opinion(raw)
    row, _name = _add_record(workspace, member_id, FlowingOpinion, asdict(data), data.date)
    return dtos.OpinionInfo(
        row.id, row.member_id, row.kind, row.date, row.year, row.grade, row.text, row.signed_by
    )


def register_return(
    workspace: Workspace, member_id: int, when: dt.date | str, note: str = "", *, today: dt.date | None = None
) -> dtos.StayInfo:
    """The member is back: the stay is closed, the book handed back; the records stay in the history."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    try:
        parsed = parse_date(when, today=today)
    except InvalidDate as error:
        raise FieldErrors({"date": error.message}) from error
    if parsed is None:
        raise FieldErrors({"date": _("Please enter the date.")})
    if parsed.value > today:
        raise FieldErrors({"date": _("This date is in the future.")})
    back = parsed.value
    with workspace.db.transaction() as session:
        member = branch_member(session, workspace, member_id)
        stay = require_open_stay(session, branch_id, member)
        _check_while_away(stay, back)
        stay.return_date = back
        stay.return_note = normalize_text(note)
        stay.updated_at = dt.datetime.now()
        audit.record_row(
            session,
            stay,
            "return",
            member.name,
            {"return_date": None},
            {"return_date": back, "return_note": stay.return_note},
        )
        for book in session.scalars(
            select(ActivityBook).where(ActivityBook.stay_id == stay.id, ActivityBook.status == BOOK_ISSUED)
        ):
            book.status, book.status_date = BOOK_RETURNED, back
            audit.record_row(
                session,
                book,
                "update",
                book.number,
                {"status": BOOK_ISSUED},
                {"status": BOOK_RETURNED, "status_date": back},
            )
        _set_member_columns(session, member, flowing=False, away_place="", holds_activity_book=False)
        return stay_info(stay, member.name)


def reissue_book(
    workspace: Workspace,
    member_id: int,
    reason: str,
    *,
    official_number: str = "",
    today: dt.date | None = None,
) -> dtos.BookInfo:
    """补发: the lost book's number becomes void (with the reason) and a new number is issued."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    reason = normalize_text(reason)
    if not reason:
        raise FieldErrors({"reason": _("Please write why the book is issued again, e.g. 遗失.")})
    with numbering.locked_transaction(workspace) as session:
        member = branch_member(session, workspace, member_id)
        stay = require_open_stay(session, branch_id, member)
        old = _current_book(session, stay.id)
        new = _issue_book(session, branch_id, member.id, stay.id, today, normalize_text(official_number)[:50])
        if old is not None:
            old.status, old.status_date, old.void_reason, old.replaced_by_id = (
                BOOK_VOID,
                today,
                reason,
                new.id,
            )
            audit.record_row(
                session,
                old,
                "void",
                old.number,
                {"status": BOOK_ISSUED},
                {"status": BOOK_VOID, "void_reason": reason, "replaced_by": new.number},
            )
        _set_member_columns(session, member, holds_activity_book=True)
        return book_info(new)
