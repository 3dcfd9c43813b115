"""Members working away (流动党员) and their activity books: use cases.

Each use case is one transaction that writes the audit log with the change, and returns frozen DTOs.
The member's roster columns are kept in step: a leave sets ``flowing`` and ``away_place`` and, with the
book issued, ``holds_activity_book``; a return clears them. Records made while away belong to the stay,
so they stay in the history after the member comes back.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import io
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.documents import flowing_book as book_pdf
from dangjian_desktop.documents import flowing_directory
from dangjian_desktop.domain.choices import ACTIVE, CATEGORY, DELETED, SEX
from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.flowing import (
    BOOK_ISSUED,
    BOOK_RETURNED,
    BOOK_STATUS,
    BOOK_VOID,
    BRANCH_OPINION,
    CONTACT_MEANS,
    DEFAULT_ALERT_MONTHS,
    DEFAULT_BOOK_TITLE,
    DEFAULT_LAYOUT,
    EVALUATION,
    LAYOUTS,
    LEAVE_REASON,
    OPINION_KIND,
    ORG_LIFE_KIND,
    PUNISHMENT,
    RECEIVING_OPINION,
    REWARD,
    Destination,
    book_qr_text,
    format_book_number,
    months_ago,
    months_between,
    validate_contact,
    validate_leave,
    validate_opinion,
    validate_org_life,
)
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _, format_money
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import numbering, settings
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.flowing_models import (
    ActivityBook,
    FlowingContact,
    FlowingOpinion,
    FlowingOrgLife,
    FlowingStay,
)
from dangjian_desktop.store.models import Branch, Member

log = logging.getLogger(__name__)

CONSTITUTION_FILE = ("texts", "dangzhang-chapter1.txt")
ProgressCallback = Callable[[int, int], None]


# --- settings (decisions.md #1 and #10) -----------------------------------------------------------


def _title(value: Any) -> str:
    text = normalize_text(value)
    if not 2 <= len(text) <= 20:
        raise ValueError(_("The title is 2 to 20 characters, e.g. {title}.").format(title=DEFAULT_BOOK_TITLE))
    return text


def _layout(value: Any) -> str:
    if value not in LAYOUTS:
        raise ValueError(_("Choose one of: {choices}.").format(choices=", ".join(LAYOUTS)))
    return str(value)


def _alert_months(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 36:
        raise ValueError(_("Enter a whole number from {low} to {high}.").format(low=1, high=36))
    return number


def _constitution_text(value: Any) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > 50_000:
        raise ValueError(_("The text is too long: at most 50,000 characters."))
    return text


BOOK_TITLE = settings.register(
    settings.SettingKey(
        "flowing.book_title", N_("Title on the activity book's cover"), DEFAULT_BOOK_TITLE, _title
    )
)
BOOK_LAYOUT = settings.register(
    settings.SettingKey(
        "flowing.book_layout", N_("Layout of the printed activity book"), DEFAULT_LAYOUT, _layout
    )
)
ALERT_MONTHS = settings.register(
    settings.SettingKey(
        "flowing.alert_months",
        N_("Months without news before a member away is listed as at risk"),
        DEFAULT_ALERT_MONTHS,
        _alert_months,
    )
)
# Empty: the text shipped in resources/texts/dangzhang-chapter1.txt. Stored in the database so that a
# replacement travels with the backups.
CONSTITUTION_TEXT = settings.register(
    settings.SettingKey(
        "flowing.constitution_text",
        N_("Party Constitution text in the activity book"),
        "",
        _constitution_text,
    )
)


@dataclass(frozen=True)
class FlowingSettings:
    book_title: str
    book_layout: str
    alert_months: int
    own_constitution_text: bool


def flowing_settings(workspace: Workspace) -> FlowingSettings:
    values = settings.get_many(workspace, [BOOK_TITLE, BOOK_LAYOUT, ALERT_MONTHS, CONSTITUTION_TEXT])
    return FlowingSettings(
        values[BOOK_TITLE.key],
        values[BOOK_LAYOUT.key],
        values[ALERT_MONTHS.key],
        bool(values[CONSTITUTION_TEXT.key]),
    )


def set_book_title(workspace: Workspace, title: str) -> str:
    return settings.set_value(workspace, BOOK_TITLE, title)


def set_book_layout(workspace: Workspace, layout: str) -> str:
    return settings.set_value(workspace, BOOK_LAYOUT, layout)


def set_alert_months(workspace: Workspace, months: int | str) -> int:
    return settings.set_value(workspace, ALERT_MONTHS, months)


def bundled_constitution_text() -> str:
    return resource_path(*CONSTITUTION_FILE).read_text(encoding="utf-8")


def constitution_text(workspace: Workspace) -> str:
    """The 党章 excerpt printed in the book: the branch's own text if it replaced it, else the bundled one."""
    return settings.get(workspace, CONSTITUTION_TEXT) or bundled_constitution_text()


def replace_constitution_text(workspace: Workspace, source: Path | str | None) -> None:
    """Replace the printed 党章 text by a UTF-8 text file (first line the title, one paragraph a line);
    ``None`` goes back to the text shipped with the program."""
    if source is None:
        settings.set_value(workspace, CONSTITUTION_TEXT, "")
        return
    try:
        raw = Path(source).read_bytes()
    except OSError as error:
        raise AppError(_("The file cannot be read: {error}").format(error=error)) from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AppError(_("The file is not a text file the program can read (UTF-8 or GBK)."))
    if len([line for line in text.splitlines() if line.strip()]) < 2:
        raise AppError(_("The file holds no text: the first line is the title, then one paragraph per line."))
    settings.set_value(workspace, CONSTITUTION_TEXT, text)


# --- DTOs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRef:
    id: int
    name: str
    phone: str = ""  # from the roster, to fill in the leave form


@dataclass(frozen=True)
class StayInfo:
    id: int
    member_id: int
    member_name: str
    since: dt.date
    expected_return: dt.date | None
    reason: str
    destination: Destination
    address: str
    occupation: str
    phone: str
    other_contact: str
    receiving_org: str
    receiving_contact: str
    receiving_phone: str
    receiving_since: dt.date | None
    home_contact: str
    home_contact_phone: str
    return_date: dt.date | None
    return_note: str

    @property
    def away(self) -> bool:
        return self.return_date is None

    @property
    def reason_label(self) -> str:
        return LEAVE_REASON.label(self.reason)

    @property
    def destination_text(self) -> str:
        return self.destination.text()


@dataclass(frozen=True)
class BookInfo:
    id: int
    member_id: int
    stay_id: int
    number: str
    official_number: str
    issue_date: dt.date
    status: str
    status_date: dt.date | None
    void_reason: str
    replaced_by_number: str

    @property
    def status_label(self) -> str:
        return BOOK_STATUS.label(self.status)


@dataclass(frozen=True)
class LeaveResult:
    stay: StayInfo
    book: BookInfo


@dataclass(frozen=True)
class OrgLifeInfo:
    id: int
    member_id: int
    date: dt.date
    kind: str
    org: str
    content: str
    certified_by: str

    @property
    def kind_label(self) -> str:
        return ORG_LIFE_KIND.label(self.kind)


@dataclass(frozen=True)
class ContactInfo:
    id: int
    member_id: int
    date: dt.date
    means: str
    content: str
    contacted_by: str

    @property
    def means_label(self) -> str:
        return CONTACT_MEANS.label(self.means)


@dataclass(frozen=True)
class OpinionInfo:
    id: int
    member_id: int
    kind: str
    date: dt.date
    year: int | None
    grade: str
    text: str
    signed_by: str

    @property
    def kind_label(self) -> str:
        return OPINION_KIND.label(self.kind)


AWAY, RETURNED, UNREGISTERED = "away", "returned", "unregistered"


@dataclass(frozen=True, slots=True)
class AwayRow:
    """One line of the list of members away (or back, with ``--all``)."""

    member_id: int
    name: str
    state: str  # AWAY, RETURNED, or UNREGISTERED (marked as working away on the roster, no leave registered)
    stay_id: int | None
    destination: str
    group: str
    since: dt.date | None
    book_number: str
    last_contact: dt.date | None
    last_record: dt.date | None
    receiving_org: str
    return_date: dt.date | None

    @property
    def last_heard(self) -> dt.date | None:
        """The latest of leaving, the last contact and the last organisation-life record."""
        dates = [d for d in (self.since, self.last_contact, self.last_record) if d is not None]
        return max(dates) if dates else None


@dataclass(frozen=True)
class AlertRow:
    member_id: int
    name: str
    destination: str
    since: dt.date | None
    last_heard: dt.date | None  # None: nothing at all recorded
    months: int | None
    registered: bool


@dataclass(frozen=True)
class StayDetail:
    stay: StayInfo
    books: tuple[BookInfo, ...]
    org_life: tuple[OrgLifeInfo, ...]
    contacts: tuple[ContactInfo, ...]
    opinions: tuple[OpinionInfo, ...]

    @property
    def current_book(self) -> BookInfo | None:
        for book in reversed(self.books):
            if book.status != BOOK_VOID:
                return book
        return None


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    number: str
    member_name: str
    layout: str


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]
    cancelled: bool
    folder: Path


# --- helpers --------------------------------------------------------------------------------------


def _stay_info(stay: FlowingStay, name: str) -> StayInfo:
    return StayInfo(
        id=stay.id,
        member_id=stay.member_id,
        member_name=name,
        since=stay.since,
        expected_return=stay.expected_return,
        reason=stay.reason,
        destination=Destination(stay.province, stay.city, stay.county, stay.workplace),
        address=stay.address,
        occupation=stay.occupation,
        phone=stay.phone,
        other_contact=stay.other_contact,
        receiving_org=stay.receiving_org,
        receiving_contact=stay.receiving_contact,
        receiving_phone=stay.receiving_phone,
        receiving_since=stay.receiving_since,
        home_contact=stay.home_contact,
        home_contact_phone=stay.home_contact_phone,
        return_date=stay.return_date,
        return_note=stay.return_note,
    )


def _book_info(book: ActivityBook, replaced_by: str = "") -> BookInfo:
    return BookInfo(
        id=book.id,
        member_id=book.member_id,
        stay_id=book.stay_id,
        number=book.number,
        official_number=book.official_number,
        issue_date=book.issue_date,
        status=book.status,
        status_date=book.status_date,
        void_reason=book.void_reason,
        replaced_by_number=replaced_by,
    )


def _values(row: Any) -> dict[str, Any]:
    return {
        c.key: getattr(row, c.key)
        for c in row.__table__.columns
        if c.key not in ("branch_id", "created_at", "updated_at", "id")
    }


def _member(session: Session, workspace: Workspace, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != workspace.branch_id or member.status == DELETED:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def _open_stay(session: Session, branch_id: int, member_id: int) -> FlowingStay | None:
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


def _latest_stay(session: Session, branch_id: int, member_id: int) -> FlowingStay | None:
    return _open_stay(session, branch_id, member_id) or session.scalar(
        select(FlowingStay)
        .where(FlowingStay.branch_id == branch_id, FlowingStay.member_id == member_id)
        .order_by(FlowingStay.id.desc())
        .limit(1)
    )


def _require_open_stay(session: Session, branch_id: int, member: Member) -> FlowingStay:
    stay = _open_stay(session, branch_id, member.id)
    if stay is None:
        raise Conflict(
            _("{name} is not registered as working away. Register the leave first.").format(name=member.name)
        )
    return stay


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
    audit.record(
        session,
        branch_id=branch_id,
        table="activity_book",
        record_id=book.id,
        action="insert",
        summary=book.number,
        after=_values(book),
    )
    return book


def _set_member_columns(session: Session, member: Member, **values: Any) -> None:
    before = {key: getattr(member, key) for key in values}
    if before == values:
        return
    for key, value in values.items():
        setattr(member, key, value)
    member.updated_at = dt.datetime.now()
    audit.record(
        session,
        branch_id=member.branch_id,
        table="member",
        record_id=member.id,
        action="update",
        summary=member.name,
        before=before,
        after=values,
    )


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


def find_member(workspace: Workspace, key: str | int) -> MemberRef:
    """A member by number (the id shown in ``dangjian flowing list``) or exact name."""
    found = member_service.find_member(workspace, key)
    return MemberRef(found.id, found.name)


def members_who_can_leave(workspace: Workspace) -> list[MemberRef]:
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
        return [MemberRef(r.id, r.name, r.phone or "") for r in connection.execute(query)]


# --- use cases ------------------------------------------------------------------------------------


def register_leave(
    workspace: Workspace, member_id: int, raw: Mapping[str, object], *, today: dt.date | None = None
) -> LeaveResult:
    """外出登记: record where the member goes and issue the activity book (the branch's serial for the
    year of issue; ``issue_date`` in ``raw``, default today)."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    data = validate_leave(raw, today=today)
    issued = _issue_date(raw, today)
    now = dt.datetime.now()
    with numbering.locked_transaction(workspace) as session:
        member = _member(session, workspace, member_id)
        if member.status != ACTIVE:
            raise Conflict(
                _("{name} is not on the roster, so cannot be registered as away.").format(name=member.name)
            )
        existing = _open_stay(session, branch_id, member.id)
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
        audit.record(
            session,
            branch_id=branch_id,
            table="flowing_stay",
            record_id=stay.id,
            action="insert",
            summary=member.name,
            after=_values(stay),
        )
        book = _issue_book(session, branch_id, member.id, stay.id, issued, data.official_number)
        _set_member_columns(
            session, member, flowing=True, away_place=data.destination.text()[:200], holds_activity_book=True
        )
        return LeaveResult(_stay_info(stay, member.name), _book_info(book))


def _issue_date(raw: Mapping[str, object], today: dt.date) -> dt.date:
    from dangjian_desktop.domain.dates import InvalidDate, parse_date

    try:
        parsed = parse_date(raw.get("issue_date"), today=today)
    except InvalidDate as error:
        raise FieldErrors({"issue_date": error.message}) from error
    return parsed.value if parsed else today


def update_leave(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> StayInfo:
    """Correct or complete the leave registration (e.g. the receiving organisation, once known)."""
    branch_id = workspace.require_branch()
    data = validate_leave(raw)
    with workspace.db.transaction() as session:
        member = _member(session, workspace, member_id)
        stay = _require_open_stay(session, branch_id, member)
        before = _values(stay)
        for key, value in _stay_columns(data).items():
            setattr(stay, key, value)
        after = _values(stay)
        if before != after:
            stay.updated_at = dt.datetime.now()
            audit.record(
                session,
                branch_id=branch_id,
                table="flowing_stay",
                record_id=stay.id,
                action="update",
                summary=member.name,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
        if data.official_number:
            book = _current_book(session, stay.id)
            if book is not None and book.official_number != data.official_number:
                audit.record(
                    session,
                    branch_id=branch_id,
                    table="activity_book",
                    record_id=book.id,
                    action="update",
                    summary=book.number,
                    before={"official_number": book.official_number},
                    after={"official_number": data.official_number},
                )
                book.official_number = data.official_number
        _set_member_columns(session, member, flowing=True, away_place=data.destination.text()[:200])
        return _stay_info(stay, member.name)


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
        member = _member(session, workspace, member_id)
        stay = _require_open_stay(session, branch_id, member)
        _check_while_away(stay, when)
        row = table(
            branch_id=branch_id, member_id=member.id, stay_id=stay.id, created_at=dt.datetime.now(), **values
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table=table.__tablename__,
            record_id=row.id,
            action="insert",
            summary=member.name,
            after=_values(row),
        )
        return row, member.name


def add_org_life(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> OrgLifeInfo:
    """An organisation-life record while away (from the book, a phone call or the receiving side)."""
    data = validate_org_life(raw)
    row, _name = _add_record(workspace, member_id, FlowingOrgLife, asdict(data), data.date)
    return OrgLifeInfo(row.id, row.member_id, row.date, row.kind, row.org, row.content, row.certified_by)


def add_contact(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> ContactInfo:
    """A contact the home branch made with the member (专人联系)."""
    data = validate_contact(raw)
    row, _name = _add_record(workspace, member_id, FlowingContact, asdict(data), data.date)
    return ContactInfo(row.id, row.member_id, row.date, row.means, row.content, row.contacted_by)


def add_opinion(workspace: Workspace, member_id: int, raw: Mapping[str, object]) -> OpinionInfo:
    """An opinion, the annual evaluation, a reward or a punishment."""
    data = validate_opinion(raw)
    row, _name = _add_record(workspace, member_id, FlowingOpinion, asdict(data), data.date)
    return OpinionInfo(
        row.id, row.member_id, row.kind, row.date, row.year, row.grade, row.text, row.signed_by
    )


def register_return(
    workspace: Workspace, member_id: int, when: dt.date | str, note: str = "", *, today: dt.date | None = None
) -> StayInfo:
    """The member is back: the stay is closed, the book handed back; the records stay in the history."""
    from dangjian_desktop.domain.dates import InvalidDate, parse_date

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
        member = _member(session, workspace, member_id)
        stay = _require_open_stay(session, branch_id, member)
        _check_while_away(stay, back)
        stay.return_date = back
        stay.return_note = normalize_text(note)
        stay.updated_at = dt.datetime.now()
        audit.record(
            session,
            branch_id=branch_id,
            table="flowing_stay",
            record_id=stay.id,
            action="return",
            summary=member.name,
            before={"return_date": None},
            after={"return_date": back, "return_note": stay.return_note},
        )
        for book in session.scalars(
            select(ActivityBook).where(ActivityBook.stay_id == stay.id, ActivityBook.status == BOOK_ISSUED)
        ):
            book.status, book.status_date = BOOK_RETURNED, back
            audit.record(
                session,
                branch_id=branch_id,
                table="activity_book",
                record_id=book.id,
                action="update",
                summary=book.number,
                before={"status": BOOK_ISSUED},
                after={"status": BOOK_RETURNED, "status_date": back},
            )
        _set_member_columns(session, member, flowing=False, away_place="", holds_activity_book=False)
        return _stay_info(stay, member.name)


def reissue_book(
    workspace: Workspace,
    member_id: int,
    reason: str,
    *,
    official_number: str = "",
    today: dt.date | None = None,
) -> BookInfo:
    """补发: the lost book's number becomes void (with the reason) and a new number is issued."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    reason = normalize_text(reason)
    if not reason:
        raise FieldErrors({"reason": _("Please write why the book is issued again, e.g. 遗失.")})
    with numbering.locked_transaction(workspace) as session:
        member = _member(session, workspace, member_id)
        stay = _require_open_stay(session, branch_id, member)
        old = _current_book(session, stay.id)
        new = _issue_book(session, branch_id, member.id, stay.id, today, normalize_text(official_number)[:50])
        if old is not None:
            old.status, old.status_date, old.void_reason, old.replaced_by_id = (
                BOOK_VOID,
                today,
                reason,
                new.id,
            )
            audit.record(
                session,
                branch_id=branch_id,
                table="activity_book",
                record_id=old.id,
                action="void",
                summary=old.number,
                before={"status": BOOK_ISSUED},
                after={"status": BOOK_VOID, "void_reason": reason, "replaced_by": new.number},
            )
        _set_member_columns(session, member, holds_activity_book=True)
        return _book_info(new)


# --- reading --------------------------------------------------------------------------------------


def stay_detail(workspace: Workspace, member_id: int) -> StayDetail:
    """The member's current stay (or the last one) with its books and records, each in date order."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = _member(session, workspace, member_id)
        stay = _latest_stay(session, branch_id, member.id)
        if stay is None:
            raise NotFound(_("{name} has never been registered as working away.").format(name=member.name))
        return _detail(session, stay, member.name)


def _detail(session: Session, stay: FlowingStay, name: str) -> StayDetail:
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
        stay=_stay_info(stay, name),
        books=tuple(_book_info(b, numbers.get(b.replaced_by_id or 0, "")) for b in books),
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


def away_rows(workspace: Workspace, *, include_returned: bool = False) -> list[AwayRow]:
    """Members away now (and members marked as away on the roster without a registered leave); with
    ``include_returned`` also every past stay. Ordered by destination group, then name."""
    branch_id = workspace.require_branch()
    s = FlowingStay.__table__.c
    b = ActivityBook.__table__.c
    m = Member.__table__.c
    last_contact = (
        select(FlowingContact.stay_id, func.max(FlowingContact.date).label("d"))
        .where(FlowingContact.branch_id == branch_id)
        .group_by(FlowingContact.stay_id)
        .subquery()
    )
    last_record = (
        select(FlowingOrgLife.stay_id, func.max(FlowingOrgLife.date).label("d"))
        .where(FlowingOrgLife.branch_id == branch_id)
        .group_by(FlowingOrgLife.stay_id)
        .subquery()
    )
    current_book = (
        select(b.stay_id, func.max(b.id).label("book_id"))
        .where(b.branch_id == branch_id, b.status != BOOK_VOID)
        .group_by(b.stay_id)
        .subquery()
    )
    query = (
        select(
            s.id, s.member_id, m.name, m.status, s.since, s.province, s.city, s.county, s.workplace,
            s.receiving_org, s.return_date, b.number, last_contact.c.d.label("last_contact"),
            last_record.c.d.label("last_record"),
        )
        .join(Member.__table__, m.id == s.member_id)
        .outerjoin(current_book, current_book.c.stay_id == s.id)
        .outerjoin(ActivityBook.__table__, b.id == current_book.c.book_id)
        .outerjoin(last_contact, last_contact.c.stay_id == s.id)
        .outerjoin(last_record, last_record.c.stay_id == s.id)
        .where(s.branch_id == branch_id, m.status != DELETED)
    )  # fmt: skip
    if not include_returned:
        query = query.where(s.return_date.is_(None), m.status == ACTIVE)
    rows: list[AwayRow] = []
    with workspace.db.engine.connect() as connection:
        away_members: set[int] = set()
        for r in connection.execute(query):
            destination = Destination(r.province, r.city, r.county, r.workplace)
            state = AWAY if r.return_date is None else RETURNED
            if state == AWAY:
                away_members.add(r.member_id)
            rows.append(
                AwayRow(
                    r.member_id, r.name, state, r.id, destination.text(), destination.group(), r.since,
                    r.number or "", r.last_contact, r.last_record, r.receiving_org, r.return_date,
                )
            )  # fmt: skip
        flagged = connection.execute(
            select(m.id, m.name, m.away_place).where(
                m.branch_id == branch_id, m.status == ACTIVE, m.flowing.is_(True)
            )
        ).all()
    for r in flagged:
        if r.id not in away_members:
            rows.append(
                AwayRow(
                    r.id,
                    r.name,
                    UNREGISTERED,
                    None,
                    r.away_place,
                    r.away_place,
                    None,
                    "",
                    None,
                    None,
                    "",
                    None,
                )
            )
    order = {AWAY: 0, UNREGISTERED: 1, RETURNED: 2}
    rows.sort(key=lambda row: (order[row.state], row.group, row.since or dt.date.min, row.name))
    return rows


def alerts(
    workspace: Workspace, *, months: int | None = None, today: dt.date | None = None
) -> list[AlertRow]:
    """失联提醒: members away with no contact and no organisation-life record for ``months`` months (the
    setting, default 6), the longest silence first. Members marked as away on the roster with no
    registered leave come first: nothing at all is known about them."""
    today = today or dt.date.today()
    if months is None:
        months = settings.get(workspace, ALERT_MONTHS)
    limit = months_ago(today, months)
    found: list[AlertRow] = []
    for row in away_rows(workspace):
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


# --- printing -------------------------------------------------------------------------------------


def _collector(payment: Any, secretary: str) -> str:
    """Who handled a payment, as printed in the book's 经手人 column. A payment made at the receiving
    branch was not handled by the home secretary (the form's default name): that cell is left for the
    receiving branch's own handler to sign."""
    collector = getattr(payment, "collector", "") or ""
    if getattr(payment, "paid_where", "") and collector == secretary:
        return ""
    return collector


def _dues_lines(
    workspace: Workspace,
    member_id: int,
    since: dt.date,
    until: dt.date | None,
    branch_name: str,
    secretary: str = "",
) -> tuple[book_pdf.DuesLine, ...] | None:
    """The member's dues payments while away, from the dues ledger when the program has one (read only);
    None without it (the book then has blank dues rows only)."""
    if importlib.util.find_spec("dangjian_desktop.services.dues") is None:
        return None
    try:
        dues = importlib.import_module("dangjian_desktop.services.dues")
        payments = dues.payments_of_member(workspace, member_id)
    except (ImportError, AttributeError) as error:  # a dues ledger of another shape: print blank rows
        log.warning("dues ledger not usable for the activity book: %s", error)
        return None
    lines = []
    for p in payments:
        if getattr(p, "kind", "payment") != "payment" or getattr(p, "reversed_by_id", None):
            continue
        if p.paid_on < since or (until is not None and p.paid_on > until):
            continue
        months = getattr(p, "months_text", "") or ""
        lines.append(
            book_pdf.DuesLine(
                months=months.replace("-", ".").replace(" — ", "—"),
                amount=format_money(p.amount),
                paid_on=p.paid_on,
                paid_where=getattr(p, "paid_where", "") or branch_name,
                collector=_collector(p, secretary),
            )
        )
    return tuple(lines)


def _partial(value: dt.date | None, precision: str | None, *, month_only: bool = False) -> str:
    """A roster date as printed in forms: "1975.03" (year and month) or "2001.07.01"."""
    part = PartialDate.from_storage(value, precision)
    if part is None:
        return ""
    if month_only or part.precision == "month":
        return f"{part.value.year}.{part.value.month:02d}"
    return f"{part.value.year}.{part.value.month:02d}.{part.value.day:02d}"


def book_content(
    workspace: Workspace, member_id: int, *, book_number: str | None = None
) -> book_pdf.BookContent:
    """Everything the member's book prints: the current (or last) stay, its book, records and opinions."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = _member(session, workspace, member_id)
        stay = _latest_stay(session, branch_id, member.id)
        if stay is None:
            raise NotFound(
                _("{name} has never been registered as working away, so has no activity book.").format(
                    name=member.name
                )
            )
        branch = session.get(Branch, branch_id)
        assert branch is not None
        detail = _detail(session, stay, member.name)
        values = {
            key.key: settings.read_in(session, branch_id, key) for key in (BOOK_TITLE, CONSTITUTION_TEXT)
        }
        profile_member = {
            "name": member.name,
            "sex": SEX.sheet_name(member.sex) if member.sex else "",
            "ethnicity": member.ethnicity,
            "birth": _partial(member.birth_date, member.birth_date_precision, month_only=True),
            "education": member.education,
            "joined": _partial(member.joined_date, member.joined_date_precision),
            "full": _partial(member.full_member_date, member.full_member_date_precision),
            "category": CATEGORY.label(member.category) if member.category else "",
            "group": member.party_group,
            "occupation": member.occupation,
            "phone": member.phone,
        }
    book = None
    if book_number:
        book = next((b for b in detail.books if b.number == book_number), None)
    book = book or detail.current_book or (detail.books[-1] if detail.books else None)
    if book is None:
        raise NotFound(_("{name} has no activity book.").format(name=member.name))
    replaced = next((b.number for b in detail.books if b.replaced_by_number == book.number), "")
    s = detail.stay
    dues = _dues_lines(workspace, member_id, s.since, s.return_date, branch.name, branch.secretary)
    opinions = {kind: [] for kind in (RECEIVING_OPINION, BRANCH_OPINION, EVALUATION)}
    rewards = []
    for o in detail.opinions:
        line = book_pdf.OpinionLine(o.date, o.text, o.signed_by, o.year, o.grade, o.kind_label)
        if o.kind in (REWARD, PUNISHMENT):
            rewards.append(line)
        else:
            opinions[o.kind].append(line)
    p = profile_member
    profile = (
        (_("Name"), p["name"]),
        (_("Sex"), p["sex"]),
        (_("Ethnicity"), p["ethnicity"]),
        (_("Born"), p["birth"]),
        (_("Education"), p["education"]),
        (_("Joined the Party"), p["joined"]),
        (_("Full member since"), p["full"]),
        (_("Category of member"), p["category"]),
        (_("Party group"), p["group"]),
        # While away, the work and the phone given at leaving are the ones that reach the member.
        (_("Occupation"), s.occupation or p["occupation"]),
        (
            _("Phone"),
            format_phone(s.phone or p["phone"]),
        ),  # decisions.md #13: the member's own phone may be shown here
        (_("Home branch"), branch.name),
    )
    return book_pdf.BookContent(
        title=values[BOOK_TITLE.key],
        number=book.number,
        issue_date=book.issue_date,
        branch_name=branch.name,
        member_name=member.name,
        qr_text=book_qr_text(book.number, member.name, branch.name, branch.phone),
        official_number=book.official_number,
        replaces_number=replaced,
        branch_township=branch.township,
        branch_phone=format_phone(branch.phone),
        branch_secretary=branch.secretary,
        profile=profile,
        since=s.since,
        expected_return=s.expected_return,
        reason=s.reason_label,
        destination=s.destination.region or s.destination.workplace,
        workplace=" ".join(
            x for x in (s.destination.workplace if s.destination.region else "", s.address) if x
        ),
        occupation=s.occupation,
        phone=format_phone(s.phone or member.phone),
        other_contact=s.other_contact,
        # 专人联系: the person named at leaving, else the secretary, as the book's instructions say
        home_contact=s.home_contact or branch.secretary,
        home_contact_phone=format_phone(s.home_contact_phone if s.home_contact else branch.phone),
        receiving_org=s.receiving_org,
        receiving_contact=s.receiving_contact,
        receiving_phone=format_phone(s.receiving_phone),
        receiving_since=s.receiving_since,
        return_date=s.return_date,
        org_life=tuple(
            book_pdf.OrgLifeLine(r.date, r.org, r.kind_label, r.content, r.certified_by)
            for r in detail.org_life
        ),
        dues=dues,
        receiving_opinions=tuple(opinions[RECEIVING_OPINION]),
        branch_opinions=tuple(opinions[BRANCH_OPINION]),
        evaluations=tuple(opinions[EVALUATION]),
        rewards=tuple(rewards),
        contacts=tuple(
            book_pdf.ContactLine(r.date, r.means_label, r.content, r.contacted_by) for r in detail.contacts
        ),
        constitution=values[CONSTITUTION_TEXT.key] or _cached_constitution(),
        names=member_service.people_named(workspace),
    )


_constitution_cache: dict[str, str] = {}


def _cached_constitution() -> str:
    if "text" not in _constitution_cache:
        _constitution_cache["text"] = bundled_constitution_text()
    return _constitution_cache["text"]


def _layout_or_setting(workspace: Workspace, layout: str | None) -> str:
    if layout is None:
        return settings.get(workspace, BOOK_LAYOUT)
    if layout not in LAYOUTS:
        raise FieldErrors({"layout": _("Choose one of: {choices}.").format(choices=", ".join(LAYOUTS))})
    return layout


def print_book(
    workspace: Workspace, member_id: int, out: Path | str, *, layout: str | None = None
) -> PrintResult:
    """Print the member's activity book as a PDF (A5, A4 booklet or inserts)."""
    chosen = _layout_or_setting(workspace, layout)
    content = book_content(workspace, member_id)
    path = Path(out)
    try:
        pages = book_pdf.render_book(content, path, chosen)
    except OSError as error:
        raise AppError(_("The file cannot be written: {error}").format(error=error)) from error
    return PrintResult(path, pages, content.number, content.member_name, chosen)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def book_file_name(number: str, name: str) -> str:
    return _UNSAFE.sub("_", f"{number}_{name}") + ".pdf"


def print_all_away(
    workspace: Workspace,
    folder: Path | str,
    *,
    layout: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BatchResult:
    """One PDF per member away, named "<book number>_<name>.pdf", in ``folder``. ``progress(done, total)``
    is called after each book; ``cancel()`` returning True stops after the current one."""
    chosen = _layout_or_setting(workspace, layout)
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AppError(_("The folder cannot be created: {error}").format(error=error)) from error
    members = [row for row in away_rows(workspace) if row.state == AWAY]
    files: list[Path] = []
    total = len(members)
    if progress:
        progress(0, total)
    for done, row in enumerate(members, 1):
        if cancel is not None and cancel():
            return BatchResult(tuple(files), True, target)
        content = book_content(workspace, row.member_id)
        path = target / book_file_name(content.number, content.member_name)
        try:
            book_pdf.render_book(content, path, chosen)
        except OSError as error:
            raise AppError(_("The file cannot be written: {error}").format(error=error)) from error
        files.append(path)
        if progress:
            progress(done, total)
    return BatchResult(tuple(files), False, target)


def directory_entries(workspace: Workspace) -> list[flowing_directory.DirectoryEntry]:
    """外出党员通讯录: every member away with contacts and receiving organisation, by destination."""
    branch_id = workspace.require_branch()
    rows = [r for r in away_rows(workspace) if r.state in (AWAY, UNREGISTERED)]
    ids = [r.member_id for r in rows]
    with workspace.db.transaction() as session:
        members = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids)))}
        stays = {
            st.id: st
            for st in session.scalars(
                select(FlowingStay).where(
                    FlowingStay.branch_id == branch_id, FlowingStay.return_date.is_(None)
                )
            )
        }
    _name, secretary = _branch_name_and_secretary(workspace)
    silent = {a.member_id: a.months for a in alerts(workspace) if a.months}
    entries = []
    for r in rows:
        member = members[r.member_id]
        stay = stays.get(r.stay_id) if r.stay_id else None
        if stay is not None:
            place = Destination(stay.province, stay.city, stay.county, stay.workplace)
            destination = place.region or place.workplace
            address = " ".join(x for x in (place.workplace if place.region else "", stay.address) if x)
        else:
            destination, address = r.destination, ""
        entries.append(
            flowing_directory.DirectoryEntry(
                group=r.group or _("Destination not known"),
                name=r.name,
                sex=SEX.sheet_name(member.sex) if member.sex else "",
                phone=format_phone((stay.phone if stay else "") or member.phone),
                destination=destination,
                address=address,
                occupation=(stay.occupation if stay else "") or member.occupation,
                since=r.since,
                book_number=r.book_number,
                receiving_org=stay.receiving_org if stay else "",
                receiving_contact=" ".join(
                    x
                    for x in ((stay.receiving_contact, format_phone(stay.receiving_phone)) if stay else ())
                    if x
                ),
                home_contact=(stay.home_contact or secretary) if stay else "",
                last_heard=r.last_heard if r.state == AWAY else None,
                registered=r.state == AWAY,
                silent_months=silent.get(r.member_id, 0),
            )
        )
    size = Counter(e.group for e in entries)
    # the biggest groups first: where a joint Party group of members away could be formed
    entries.sort(key=lambda e: (-size[e.group], e.group, e.since or dt.date.min, e.name))
    return entries


def directory_file_name(suffix: str = "pdf", today: dt.date | None = None) -> str:
    return _("Members away") + f"-{today or dt.date.today():%Y%m%d}.{suffix}"


def directory_pdf_bytes(workspace: Workspace, *, today: dt.date | None = None) -> bytes:
    """The directory as printed (for the printer dialog)."""
    buffer = io.BytesIO()
    flowing_directory.render_pdf(
        directory_entries(workspace),
        buffer,
        branch_name=_branch_name_and_secretary(workspace)[0],
        as_of=today or dt.date.today(),
    )
    return buffer.getvalue()


def _branch_name_and_secretary(workspace: Workspace) -> tuple[str, str]:
    with workspace.db.transaction() as session:
        branch = session.get(Branch, workspace.require_branch())
        return (branch.name, branch.secretary) if branch is not None else ("", "")


def export_directory(workspace: Workspace, out: Path | str, *, today: dt.date | None = None) -> int:
    """Write the directory as PDF or .xlsx (by the file's suffix); returns the number of members in it."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise FieldErrors({"out": _("The file must end in .pdf or .xlsx.")})
    entries = directory_entries(workspace)
    branch_name, _secretary = _branch_name_and_secretary(workspace)
    when = today or dt.date.today()
    try:
        if suffix == ".pdf":
            flowing_directory.render_pdf(entries, path, branch_name=branch_name, as_of=when)
        else:
            flowing_directory.write_xlsx(entries, path, branch_name=branch_name, as_of=when)
    except OSError as error:
        raise AppError(_("The file cannot be written: {error}").format(error=error)) from error
    return len(entries)
