"""Recording meetings (三会一课, 主题党日, 组织生活会): who is expected and who came, the record itself, its
corrections and deletion, and the lists of meetings by year.

Every change writes the audit log in the same transaction; callers get frozen DTOs, never ORM objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED, LEAVING_STATUSES
from dangjian_desktop.domain.errors import FieldErrors, check_version
from dangjian_desktop.domain.meetings import (
    ABSENCE_REASON,
    ATTENDANCE_STATUS,
    MEETING_KIND,
    Attendance,
    AttendanceCount,
)
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services.recording import load_row
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.flowing_models import FlowingStay
from dangjian_desktop.store.meetings_models import Meeting, MeetingAttendance
from dangjian_desktop.store.models import Member

# --- DTOs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    """A member of the roster as the attendance checklist shows them."""

    member_id: int
    name: str
    party_group: str
    office: str
    away: bool  # working away (流动党员): pre-marked 外出
    probationary: bool


@dataclass(frozen=True)
class AttendanceRow:
    member_id: int
    name: str
    party_group: str
    status: str
    reason: str
    note: str

    @property
    def mark(self) -> Attendance:
        return Attendance(self.member_id, self.status, self.reason, self.note)

    @property
    def reason_code(self) -> str:
        return self.mark.reason_code

    @property
    def status_label(self) -> str:
        if self.status == rules.PRESENT:
            return ATTENDANCE_STATUS.label(rules.PRESENT)
        return ABSENCE_REASON.label(self.reason_code)

    @property
    def reason_text(self) -> str:
        """请假 / 外出 / 其他, with the note when there is one; "" when present."""
        code = self.reason_code
        if not code:
            return ""
        label = ABSENCE_REASON.label(code)
        return _("{reason}: {note}").format(reason=label, note=self.note) if self.note else label


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    kind: str
    held_on: dt.date
    start_time: dt.time | None
    party_group: str
    place: str
    topic: str
    presenter: str
    recorder: str
    minutes: str
    count: AttendanceCount
    version: int = 0  # the row's version when it was read: ``update_meeting(expected_version=...)``

    @property
    def kind_label(self) -> str:
        label = MEETING_KIND.label(self.kind)
        if self.party_group:
            return _("{kind} of {group}").format(kind=label, group=self.party_group)
        return label

    @property
    def when_text(self) -> str:
        day = format_date(self.held_on, "long")
        return f"{day} {self.start_time:%H:%M}" if self.start_time else day


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingInfo
    attendance: tuple[AttendanceRow, ...]

    @property
    def present(self) -> list[AttendanceRow]:
        return [a for a in self.attendance if a.status == rules.PRESENT]

    @property
    def absent(self) -> list[AttendanceRow]:
        return [a for a in self.attendance if a.status != rules.PRESENT]


# --- who is expected ------------------------------------------------------------------------------


def _attendee(member: Any) -> Attendee:
    return Attendee(
        member.id,
        member.name,
        member.party_group,
        member.office,
        bool(member.flowing),
        member.category == "probationary",
    )


def member_order(party_group: str, member_id: int) -> tuple[tuple[Any, ...], int]:
    """Members by Party group (in natural order, members without a group last), then as entered."""
    return (party_group_order(party_group), member_id)


def roster_attendees(workspace: Workspace, on: dt.date | None = None) -> list[Attendee]:
    """Everybody on the roster, by Party group, for the checklist. With ``on`` (the meeting's date), as the
    branch was that day: members who joined the Party later are left out, members who left the roster
    after it (转出, 去世 …) are in, and ``away`` says who was working away on that date (from the stays
    registered under 流动党员), not today — a meeting entered afterwards is marked as it was."""
    branch_id = workspace.require_branch()
    m = Member.__table__.c
    on_roster = m.status == ACTIVE
    if on is not None:
        on_roster = on_roster | (m.status.in_(LEAVING_STATUSES) & (m.status_date > on))
    with workspace.db.engine.connect() as connection:
        rows = connection.execute(
            select(m.id, m.name, m.party_group, m.office, m.flowing, m.category, m.joined_date).where(
                m.branch_id == branch_id, on_roster
            )
        ).all()
        away_on = None if on is None else _away_on(connection, branch_id, on)
    people = []
    for r in rows:
        if on is not None and r.joined_date is not None and r.joined_date > on:
            continue
        person = _attendee(r)
        if away_on is not None:
            stays_known, away = away_on
            was_away = r.id in away if r.id in stays_known else bool(r.flowing)
            person = dataclasses.replace(person, away=was_away)
        people.append(person)
    return sorted(people, key=lambda a: member_order(a.party_group, a.member_id))


def _away_on(connection: Connection, branch_id: int, day: dt.date) -> tuple[set[int], set[int]]:
    """(members with any registered stay, members away on ``day``). A member with no stay on record is
    judged by the roster's 外出 mark, the only thing known about them."""
    s = FlowingStay.__table__.c
    stays = connection.execute(
        select(s.member_id, s.since, s.return_date).where(s.branch_id == branch_id)
    ).all()
    known = {r.member_id for r in stays}
    away = {r.member_id for r in stays if r.since <= day and (r.return_date is None or r.return_date > day)}
    return known, away


def active_party_groups(workspace: Workspace) -> list[str]:
    """The Party groups that members on the roster belong to, in natural order."""
    branch_id = workspace.require_branch()
    m = Member.__table__.c
    with workspace.db.engine.connect() as connection:
        groups = connection.execute(
            select(m.party_group)
            .where(m.branch_id == branch_id, m.status == ACTIVE, m.party_group != "")
            .distinct()
        ).scalars()
        return sorted((g for g in groups if g), key=party_group_order)


def expected_attendees(
    workspace: Workspace, kind: str, party_group: str = "", on: dt.date | None = None
) -> list[Attendee]:
    """Who should attend by default: everybody on the roster; the branch committee for a 支部委员会 (by the
    office on the roster: 书记, 副书记, 支部委员, 组织委员 …); one Party group for a 党小组会 (everybody when
    no group is given). With ``on``, as the branch was on that date (see ``roster_attendees``)."""
    everybody = roster_attendees(workspace, on)
    scope = rules.expected_scope(kind)
    if scope == rules.EXPECT_COMMITTEE:
        return [a for a in everybody if rules.on_committee(a.office)]
    if scope == rules.EXPECT_GROUP and party_group:
        return [a for a in everybody if a.party_group == party_group]
    return everybody


def default_attendance(
    workspace: Workspace, kind: str, party_group: str = "", on: dt.date | None = None
) -> list[Attendance]:
    """The checklist before the first click: the expected members present, members away on the meeting's
    date ``on`` (today when not given) marked 外出."""
    return rules.default_marks(
        (a.member_id, a.away) for a in expected_attendees(workspace, kind, party_group, on)
    )


# --- reading and writing records ------------------------------------------------------------------


def _counts(session: Session, meeting_ids: Sequence[int]) -> dict[int, AttendanceCount]:
    a = MeetingAttendance.__table__.c
    marks: dict[int, list[Attendance]] = defaultdict(list)
    for chunk_start in range(0, len(meeting_ids), 900):
        chunk = list(meeting_ids[chunk_start : chunk_start + 900])
        for row in session.execute(
            select(a.meeting_id, a.member_id, a.status, a.reason).where(a.meeting_id.in_(chunk))
        ):
            marks[row.meeting_id].append(Attendance(row.member_id, row.status, row.reason))
    return {meeting_id: rules.count_attendance(marks.get(meeting_id, ())) for meeting_id in meeting_ids}


def _info(meeting: Meeting, count: AttendanceCount) -> MeetingInfo:
    return MeetingInfo(
        meeting.id,
        meeting.kind,
        meeting.held_on,
        meeting.start_time,
        meeting.party_group,
        meeting.place,
        meeting.topic,
        meeting.presenter,
        meeting.recorder,
        meeting.minutes,
        count,
        meeting.version,
    )


def _load(session: Session, branch_id: int, meeting_id: int) -> Meeting:
    return load_row(
        session,
        Meeting,
        meeting_id,
        branch_id,
        _("This meeting record was not found. It may have been deleted."),
    )


def _detail(session: Session, meeting: Meeting) -> MeetingDetail:
    rows = session.execute(
        select(MeetingAttendance, Member.name, Member.party_group)
        .join(Member, Member.id == MeetingAttendance.member_id)
        .where(MeetingAttendance.meeting_id == meeting.id)
    ).all()
    attendance = tuple(
        sorted(
            (AttendanceRow(a.member_id, name, group, a.status, a.reason, a.note) for a, name, group in rows),
            key=lambda row: member_order(row.party_group, row.member_id),
        )
    )
    count = rules.count_attendance(row.mark for row in attendance)
    return MeetingDetail(_info(meeting, count), attendance)


def _meeting_values(data: rules.MeetingData) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "held_on": data.held_on,
        "start_time": data.start_time,
        "party_group": data.party_group,
        "place": data.place,
        "topic": data.topic,
        "presenter": data.presenter,
        "recorder": data.recorder,
        "minutes": data.minutes,
    }


def _audit_values(meeting: Meeting, marks: Iterable[Attendance], names: Mapping[int, str]) -> dict[str, Any]:
    values = {
        key: getattr(meeting, key)
        for key in ("kind", "held_on", "start_time", "party_group", "place", "topic", "presenter", "recorder")
    }
    values["minutes"] = meeting.minutes
    values["attendance"] = {
        names.get(m.member_id, str(m.member_id)): m.reason_code or rules.PRESENT for m in marks
    }
    return values


def _recorded_values(meeting: Meeting, old: MeetingDetail) -> dict[str, Any]:
    """What the audit log says a meeting was, from its stored detail."""
    return _audit_values(
        meeting, (row.mark for row in old.attendance), {r.member_id: r.name for r in old.attendance}
    )


def _check_members(session: Session, branch_id: int, marks: Sequence[Attendance]) -> dict[int, str]:
    ids = [m.member_id for m in marks]
    found: dict[int, str] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        for row in session.execute(
            select(Member.id, Member.name).where(
                Member.branch_id == branch_id, Member.id.in_(chunk), Member.status != DELETED
            )
        ):
            found[row.id] = row.name
    if len(found) != len(set(ids)):
        raise FieldErrors({"attendance": _("Someone on the attendance list is not a member of the branch.")})
    return found


def _write_attendance(session: Session, branch_id: int, meeting_id: int, marks: Sequence[Attendance]) -> None:
    session.add_all(
        MeetingAttendance(
            branch_id=branch_id,
            meeting_id=meeting_id,
            member_id=m.member_id,
            status=m.status,
            reason=m.reason if m.status == rules.ABSENT else "",
            note=m.note[:200],
        )
        for m in marks
    )


def _summary(data: rules.MeetingData) -> str:
    return f"{MEETING_KIND.label(data.kind)} {data.held_on.isoformat()} {data.topic}"


# --- meetings ---------------------------------------------------------------------------------------


def _day_or_none(value: object) -> dt.date | None:
    """The meeting's date when it is already a date or an ISO date; else None (validation says what is
    wrong with it)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def record_meeting(
    workspace: Workspace, raw: Mapping[str, object], *, today: dt.date | None = None
) -> MeetingDetail:
    """Record a meeting that was held. ``raw`` has kind, held_on, start_time, place, topic, presenter,
    recorder, party_group, minutes and ``attendance`` (a list of ``domain.meetings.Attendance``); without
    ``attendance`` the default list is used (see ``default_attendance``)."""
    branch_id = workspace.require_branch()
    values = dict(raw)
    if values.get("attendance") is None:
        kind = MEETING_KIND.code_for(values.get("kind")) or ""
        values["attendance"] = default_attendance(
            workspace, kind, normalize_text(values.get("party_group")), _day_or_none(values.get("held_on"))
        )
    data = rules.validate_meeting(values, today=today)
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        names = _check_members(session, branch_id, data.attendance)
        meeting = Meeting(
            branch_id=branch_id,
            created_at=now,
            updated_at=now,
            recorded_by=current_user(),
            **_meeting_values(data),
        )
        session.add(meeting)
        session.flush()
        _write_attendance(session, branch_id, meeting.id, data.attendance)
        audit.record_row(
            session,
            meeting,
            "insert",
            _summary(data),
            after=_audit_values(meeting, data.attendance, names),
        )
        session.flush()
        return _detail(session, meeting)


def update_meeting(
    workspace: Workspace,
    meeting_id: int,
    raw: Mapping[str, object],
    *,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> MeetingDetail:
    """Correct a meeting record; ``attendance`` replaces the whole list (None keeps it). ``expected_version``:
    the version the form read (``MeetingInfo.version``); a record saved by someone since is left as it is
    (ChangedMeanwhile)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction(exclusive=True) as session:
        meeting = _load(session, branch_id, meeting_id)
        check_version(meeting.version, expected_version)
        old = _detail(session, meeting)
        values = dict(raw)
        if values.get("attendance") is None:
            values["attendance"] = [row.mark for row in old.attendance]
        data = rules.validate_meeting(values, today=today)
        names = _check_members(session, branch_id, data.attendance)
        before = _recorded_values(meeting, old)
        for key, value in _meeting_values(data).items():
            setattr(meeting, key, value)
        meeting.updated_at = dt.datetime.now()
        session.execute(delete(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))
        _write_attendance(session, branch_id, meeting.id, data.attendance)
        after = _audit_values(meeting, data.attendance, names)
        audit.record_changes(session, meeting, "update", _summary(data), before, after)
        session.flush()
        return _detail(session, meeting)


def delete_meeting(workspace: Workspace, meeting_id: int, reason: str = "") -> None:
    """Remove a meeting entered by mistake; the audit log keeps everything it said."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        meeting = _load(session, branch_id, meeting_id)
        old = _detail(session, meeting)
        before = _recorded_values(meeting, old)
        session.execute(delete(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))
        session.delete(meeting)
        summary = (
            normalize_text(reason) or f"{MEETING_KIND.label(meeting.kind)} {meeting.held_on.isoformat()}"
        )
        audit.record_row(session, meeting, "delete", summary, before=before)


def get_meeting(workspace: Workspace, meeting_id: int) -> MeetingDetail:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _detail(session, _load(session, branch_id, meeting_id))


def list_meetings(workspace: Workspace, year: int | None = None) -> list[MeetingInfo]:
    """The meetings of a year (all years when None), oldest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        query = select(Meeting).where(Meeting.branch_id == branch_id)
        if year is not None:
            query = query.where(
                Meeting.held_on >= dt.date(year, 1, 1), Meeting.held_on <= dt.date(year, 12, 31)
            )
        meetings = session.scalars(query.order_by(Meeting.held_on, Meeting.start_time, Meeting.id)).all()
        counts = _counts(session, [m.id for m in meetings])
        return [_info(m, counts[m.id]) for m in meetings]


def meeting_years(workspace: Workspace) -> list[int]:
    """The years that have meetings, and this year, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        days = connection.execute(
            select(func.min(Meeting.held_on), func.max(Meeting.held_on)).where(Meeting.branch_id == branch_id)
        ).one()
    this_year = dt.date.today().year
    first = days[0].year if days[0] else this_year
    last = max(days[1].year if days[1] else this_year, this_year)
    return list(range(last, first - 1, -1))
