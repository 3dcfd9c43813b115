"""Organisation life use cases (组织生活): record meetings with their attendance and minutes, know which
meetings are still due, keep the yearly democratic evaluation (民主评议党员), print the 会议记录 and the
evaluation results, and put together one member's timeline.

The rules are in ``domain.meetings``; this module owns the transactions, writes the audit log in the same
transaction as every change, and returns frozen DTOs, never ORM objects. Other modules' services (dues,
posts, flowing) are read for the member timeline only when they are there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dangjian_desktop.documents import meetings_minutes as minutes_pdf
from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED, LEAVING_STATUSES, MEMBER_STATUS
from dangjian_desktop.domain.errors import AppError, FieldErrors, NotFound
from dangjian_desktop.domain.meetings import (
    ABSENCE_REASON,
    ATTENDANCE_STATUS,
    MEETING_KIND,
    Attendance,
    AttendanceCount,
    DueMeeting,
    HeldMeeting,
)
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _, format_date, format_money
from dangjian_desktop.services import members, settings
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.flowing_models import FlowingStay
from dangjian_desktop.store.meetings_models import Meeting, MeetingAttendance, MemberEvaluation
from dangjian_desktop.store.models import Branch, Member

log = logging.getLogger(__name__)

# --- settings (decisions.md #8 and #11) -------------------------------------------------------------

FREQUENCIES = settings.register(
    settings.SettingKey(
        "meetings.frequencies",
        N_("How often each kind of meeting is held"),
        dict(rules.DEFAULT_FREQUENCIES),
        rules.check_frequencies,
    )
)
GRADES = settings.register(
    settings.SettingKey(
        "meetings.evaluation_grades",
        N_("Grades of the democratic evaluation of members"),
        rules.DEFAULT_GRADES,
        rules.check_grades,
        lambda value: list(value),
    )
)


def frequencies(workspace: Workspace) -> dict[str, str]:
    return dict(settings.get(workspace, FREQUENCIES))


def set_frequency(workspace: Workspace, kind: str, frequency: str) -> dict[str, str]:
    table = frequencies(workspace)
    table[kind] = frequency
    return dict(settings.set_value(workspace, FREQUENCIES, table))


def evaluation_grades(workspace: Workspace) -> tuple[str, ...]:
    return tuple(settings.get(workspace, GRADES))


def set_evaluation_grades(workspace: Workspace, grades: str | Sequence[str]) -> tuple[str, ...]:
    return tuple(settings.set_value(workspace, GRADES, grades))


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


@dataclass(frozen=True)
class EvaluationRow:
    member_id: int
    name: str
    party_group: str
    on_roster: bool
    year: int
    self_assessment: str
    votes: tuple[tuple[str, int], ...]
    grade: str
    recorded: bool

    def votes_for(self, grade: str) -> int:
        return dict(self.votes).get(grade, 0)

    @property
    def total_votes(self) -> int:
        return sum(count for _grade, count in self.votes)


TIMELINE_KINDS = {
    "meeting": N_("Organisation life"),
    "dues": N_("Party dues"),
    "post": N_("Posts"),
    "away": N_("Working away"),
    "evaluation": N_("Democratic evaluation"),
    "status": N_("Membership"),
}


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date | None
    kind: str  # a key of TIMELINE_KINDS
    text: str

    @property
    def kind_label(self) -> str:
        return _(TIMELINE_KINDS.get(self.kind, self.kind))


# --- helpers ----------------------------------------------------------------------------------------


def _branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise NotFound(_("The branch was not found."))
    return branch


def _attendee(member: Any) -> Attendee:
    return Attendee(
        member.id,
        member.name,
        member.party_group,
        member.office,
        bool(member.flowing),
        member.category == "probationary",
    )


def _order(party_group: str, member_id: int) -> tuple[tuple, int]:
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
    return sorted(people, key=lambda a: _order(a.party_group, a.member_id))


def _away_on(connection: Any, branch_id: int, day: dt.date) -> tuple[set[int], set[int]]:
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
    )


def _load(session: Session, branch_id: int, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.branch_id != branch_id:
        raise NotFound(_("This meeting record was not found. It may have been deleted."))
    return meeting


def _detail(session: Session, meeting: Meeting) -> MeetingDetail:
    rows = session.execute(
        select(MeetingAttendance, Member.name, Member.party_group)
        .join(Member, Member.id == MeetingAttendance.member_id)
        .where(MeetingAttendance.meeting_id == meeting.id)
    ).all()
    attendance = tuple(
        sorted(
            (AttendanceRow(a.member_id, name, group, a.status, a.reason, a.note) for a, name, group in rows),
            key=lambda row: _order(row.party_group, row.member_id),
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
        audit.record(
            session,
            branch_id=branch_id,
            table="meeting",
            record_id=meeting.id,
            action="insert",
            summary=_summary(data),
            after=_audit_values(meeting, data.attendance, names),
        )
        session.flush()
        return _detail(session, meeting)


def update_meeting(
    workspace: Workspace, meeting_id: int, raw: Mapping[str, object], *, today: dt.date | None = None
) -> MeetingDetail:
    """Correct a meeting record; ``attendance`` replaces the whole list (None keeps it)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        meeting = _load(session, branch_id, meeting_id)
        old = _detail(session, meeting)
        values = dict(raw)
        if values.get("attendance") is None:
            values["attendance"] = [row.mark for row in old.attendance]
        data = rules.validate_meeting(values, today=today)
        names = _check_members(session, branch_id, data.attendance)
        before = _audit_values(
            meeting, (row.mark for row in old.attendance), {r.member_id: r.name for r in old.attendance}
        )
        for key, value in _meeting_values(data).items():
            setattr(meeting, key, value)
        meeting.updated_at = dt.datetime.now()
        session.execute(delete(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))
        _write_attendance(session, branch_id, meeting.id, data.attendance)
        after = _audit_values(meeting, data.attendance, names)
        audit.record(
            session,
            branch_id=branch_id,
            table="meeting",
            record_id=meeting.id,
            action="update",
            summary=_summary(data),
            before={k: v for k, v in before.items() if after.get(k) != v},
            after={k: v for k, v in after.items() if before.get(k) != v},
        )
        session.flush()
        return _detail(session, meeting)


def delete_meeting(workspace: Workspace, meeting_id: int, reason: str = "") -> None:
    """Remove a meeting entered by mistake; the audit log keeps everything it said."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        meeting = _load(session, branch_id, meeting_id)
        old = _detail(session, meeting)
        before = _audit_values(
            meeting, (row.mark for row in old.attendance), {r.member_id: r.name for r in old.attendance}
        )
        session.execute(delete(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))
        session.delete(meeting)
        audit.record(
            session,
            branch_id=branch_id,
            table="meeting",
            record_id=meeting_id,
            action="delete",
            summary=normalize_text(reason)
            or f"{MEETING_KIND.label(meeting.kind)} {meeting.held_on.isoformat()}",
            before=before,
        )


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


def meetings_due(workspace: Workspace, as_of: dt.date | None = None) -> list[DueMeeting]:
    """The kinds of meeting still due in the current month, quarter and year (frequencies: the setting)."""
    as_of = as_of or dt.date.today()
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        held = [
            HeldMeeting(r.kind, r.held_on, r.party_group)
            for r in connection.execute(
                select(Meeting.kind, Meeting.held_on, Meeting.party_group).where(
                    Meeting.branch_id == branch_id,
                    Meeting.held_on >= dt.date(as_of.year, 1, 1),
                    Meeting.held_on <= as_of,
                )
            )
        ]
    return rules.meetings_due(held, as_of, frequencies(workspace), active_party_groups(workspace))


# --- democratic evaluation --------------------------------------------------------------------------


def _check_year(year: int) -> int:
    if not 1990 <= int(year) <= dt.date.today().year + 1:
        raise FieldErrors({"year": _("Check the year: {year}.").format(year=year)})
    return int(year)


def _votes_of(text: str, grades: Sequence[str]) -> tuple[tuple[str, int], ...]:
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        stored = {}
    ordered = [(g, int(stored.get(g, 0) or 0)) for g in grades]
    ordered += [(g, int(n or 0)) for g, n in stored.items() if g not in grades and n]  # grades since removed
    return tuple(ordered)


def evaluation_sheet(workspace: Workspace, year: int) -> list[EvaluationRow]:
    """Every member on the roster for the year's evaluation, and anybody evaluated that year who has since
    left; by Party group."""
    year = _check_year(year)
    branch_id = workspace.require_branch()
    grades = evaluation_grades(workspace)
    with workspace.db.transaction() as session:
        stored = {
            e.member_id: e
            for e in session.scalars(
                select(MemberEvaluation).where(
                    MemberEvaluation.branch_id == branch_id, MemberEvaluation.year == year
                )
            )
        }
        members = session.execute(
            select(Member.id, Member.name, Member.party_group, Member.status).where(
                Member.branch_id == branch_id,
                (Member.status == ACTIVE) | Member.id.in_(list(stored) or [0]),
            )
        ).all()
    members = sorted(members, key=lambda m: _order(m.party_group, m.id))
    rows = []
    for m in members:
        e = stored.get(m.id)
        rows.append(
            EvaluationRow(
                m.id,
                m.name,
                m.party_group,
                m.status == ACTIVE,
                year,
                e.self_assessment if e else "",
                _votes_of(e.votes if e else "", grades),
                e.grade if e else "",
                e is not None,
            )
        )
    return rows


def save_evaluation(
    workspace: Workspace,
    year: int,
    member_id: int,
    self_assessment: str = "",
    votes: Mapping[str, object] | None = None,
    grade: str = "",
) -> EvaluationRow:
    """Record (or correct) a member's evaluation for the year: the self-assessment, the votes per grade
    and the branch's final grade (one of the grades of the setting, or empty while not decided)."""
    year = _check_year(year)
    branch_id = workspace.require_branch()
    grades = evaluation_grades(workspace)
    data = rules.validate_evaluation(self_assessment, votes or {}, grade, grades)
    votes_text = json.dumps({g: n for g, n in data.votes if n}, ensure_ascii=False)
    with workspace.db.transaction() as session:
        member = session.get(Member, member_id)
        if member is None or member.branch_id != branch_id or member.status == DELETED:
            raise NotFound(_("This member was not found."))
        row = session.scalar(
            select(MemberEvaluation).where(
                MemberEvaluation.branch_id == branch_id,
                MemberEvaluation.year == year,
                MemberEvaluation.member_id == member_id,
            )
        )
        after = {
            "year": year,
            "self_assessment": data.self_assessment,
            "votes": json.loads(votes_text),
            "grade": data.grade,
        }
        if row is None:
            row = MemberEvaluation(branch_id=branch_id, year=year, member_id=member_id)
            session.add(row)
            before = None
        else:
            before = {
                "year": row.year,
                "self_assessment": row.self_assessment,
                "votes": json.loads(row.votes or "{}"),
                "grade": row.grade,
            }
        row.self_assessment, row.votes, row.grade = data.self_assessment, votes_text, data.grade
        row.updated_at = dt.datetime.now()
        session.flush()
        if before != after:
            audit.record(
                session,
                branch_id=branch_id,
                table="member_evaluation",
                record_id=row.id,
                action="insert" if before is None else "update",
                summary=_("{name}: democratic evaluation {year}").format(name=member.name, year=year),
                before=before,
                after=after,
            )
        return EvaluationRow(
            member.id, member.name, member.party_group, member.status == ACTIVE, year, data.self_assessment,
            _votes_of(votes_text, grades), data.grade, True,
        )  # fmt: skip


def evaluation_results(workspace: Workspace, year: int) -> list[tuple[str, str]]:
    """(name, grade) of every member graded that year: what the 民主评议结果 notice publishes."""
    return [(row.name, row.grade) for row in evaluation_sheet(workspace, year) if row.grade]


# --- printing ---------------------------------------------------------------------------------------


def _branch_name(workspace: Workspace) -> str:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _branch(session, branch_id).name


def minutes_content(workspace: Workspace, meeting_id: int) -> minutes_pdf.MinutesContent:
    detail = get_meeting(workspace, meeting_id)
    m = detail.meeting
    return minutes_pdf.MinutesContent(
        branch_name=_branch_name(workspace),
        kind=m.kind_label,
        when=m.when_text,
        place=m.place,
        presenter=m.presenter,
        recorder=m.recorder,
        topic=m.topic,
        minutes=m.minutes,
        expected=m.count.expected,
        present_names=tuple(a.name for a in detail.present),
        absent=tuple((a.name, a.reason_text) for a in detail.absent),
        absent_summary=m.count.reasons_text(),
        names=members.people_named(workspace),
    )


def minutes_pdf_bytes(workspace: Workspace, meeting_id: int) -> bytes:
    return minutes_pdf.minutes_pdf(minutes_content(workspace, meeting_id))


def export_minutes(workspace: Workspace, meeting_id: int, path: Path | str) -> Path:
    return _write(Path(path), minutes_pdf_bytes(workspace, meeting_id))


def evaluation_content(workspace: Workspace, year: int) -> minutes_pdf.EvaluationContent:
    rows = [row for row in evaluation_sheet(workspace, year) if row.recorded]
    grades = evaluation_grades(workspace)
    return minutes_pdf.EvaluationContent(
        branch_name=_branch_name(workspace),
        year=year,
        grades=grades,
        rows=tuple(
            minutes_pdf.EvaluationLine(
                row.name, row.party_group, tuple(row.votes_for(g) for g in grades), row.grade
            )
            for row in rows
        ),
    )


def evaluation_pdf_bytes(workspace: Workspace, year: int) -> bytes:
    content = evaluation_content(workspace, year)
    if not content.rows:
        raise AppError(
            _("No evaluation has been recorded for {year} yet, so there is nothing to print.").format(
                year=year
            )
        )
    return minutes_pdf.evaluation_pdf(content)


def export_evaluation(workspace: Workspace, year: int, path: Path | str) -> Path:
    return _write(Path(path), evaluation_pdf_bytes(workspace, year))


def _write(path: Path, data: bytes) -> Path:
    return write_file(path, data)


# --- a member's timeline ----------------------------------------------------------------------------


def _optional_service(name: str) -> Any | None:
    """Another module's services, when that module is built."""
    try:
        return importlib.import_module(f"dangjian_desktop.services.{name}")
    except ImportError:
        return None


_EVENT_LABELS = {
    "added": N_("Entered in the roster"),
    "left": N_("Left the roster"),
    "returned": N_("Returned to the roster"),
    "deleted": N_("Deleted (entry made by mistake)"),
    "restored": N_("Deleted entry restored"),
}


def _meeting_entries(session: Session, branch_id: int, member_id: int) -> list[TimelineEntry]:
    entries = []
    rows = session.execute(
        select(Meeting, MeetingAttendance)
        .join(MeetingAttendance, MeetingAttendance.meeting_id == Meeting.id)
        .where(Meeting.branch_id == branch_id, MeetingAttendance.member_id == member_id)
    ).all()
    for meeting, mark in rows:
        kind = MEETING_KIND.label(meeting.kind)
        reason = Attendance(member_id, mark.status, mark.reason, mark.note).reason_code
        if not reason:
            text = _("Attended: {kind} — {topic}").format(kind=kind, topic=meeting.topic)
        else:
            text = _("Missed ({reason}): {kind} — {topic}").format(
                reason=ABSENCE_REASON.label(reason), kind=kind, topic=meeting.topic
            )
        entries.append(TimelineEntry(meeting.held_on, "meeting", text))
    return entries


def _evaluation_entries(session: Session, branch_id: int, member_id: int) -> list[TimelineEntry]:
    entries = []
    for e in session.scalars(
        select(MemberEvaluation).where(
            MemberEvaluation.branch_id == branch_id, MemberEvaluation.member_id == member_id
        )
    ):
        grade = e.grade or _("no grade yet")
        day = min(e.updated_at.date(), dt.date(e.year + 1, 3, 31))
        entries.append(
            TimelineEntry(
                day, "evaluation", _("Democratic evaluation {year}: {grade}").format(year=e.year, grade=grade)
            )
        )
    return entries


def _dues_entries(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
    dues = _optional_service("dues")
    if dues is None:
        return []
    entries = []
    for p in dues.payments_of_member(workspace, member_id):
        if p.kind != "payment" or p.is_reversed:
            continue
        text = _("Paid dues {amount} yuan for {months}").format(
            amount=format_money(p.amount), months=p.months_text
        )
        entries.append(TimelineEntry(p.paid_on, "dues", text))
    return entries


def _post_entries(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
    posts = _optional_service("posts")
    if posts is None:
        return []
    entries = []
    for h in posts.member_history(workspace, member_id):
        term = h.term.label
        entries.append(
            TimelineEntry(
                h.term.start, "post", _("Post: {post} ({term})").format(post=h.post_name, term=term)
            )
        )
        if h.grade:
            entries.append(
                TimelineEntry(
                    h.term.end,
                    "post",
                    _("Post graded: {post} ({term}): {grade}").format(
                        post=h.post_name, term=term, grade=h.grade
                    ),
                )
            )
    return entries


def _away_entries(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
    flowing = _optional_service("flowing")
    if flowing is None:
        return []
    entries = []
    for row in flowing.away_rows(workspace, include_returned=True):
        if row.member_id != member_id or row.since is None:
            continue
        place = row.destination or _("place not recorded")
        entries.append(TimelineEntry(row.since, "away", _("Went away to work: {place}").format(place=place)))
        if row.return_date is not None:
            entries.append(
                TimelineEntry(row.return_date, "away", _("Came back from {place}").format(place=place))
            )
    return entries


def member_timeline(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
    """One member's history in one list, newest first: meetings attended and missed, dues paid, posts
    held, time away, evaluations, and joining, leaving and returning to the roster."""
    from dangjian_desktop.services.members import member_history

    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = session.get(Member, member_id)
        if member is None or member.branch_id != branch_id:
            raise NotFound(_("This member was not found."))
        entries = _meeting_entries(session, branch_id, member_id) + _evaluation_entries(
            session, branch_id, member_id
        )
        if member.joined_date:
            entries.append(TimelineEntry(member.joined_date, "status", _("Admitted to the Party")))
        if member.full_member_date:
            entries.append(TimelineEntry(member.full_member_date, "status", _("Became a full member")))
    for event in member_history(workspace, member_id):
        text = _(_EVENT_LABELS.get(event.kind, event.kind))
        if event.kind == "left":
            text = _("{event} ({status})").format(event=text, status=MEMBER_STATUS.label(event.status_after))
        if event.reason:
            text = _("{event}: {reason}").format(event=text, reason=event.reason)
        entries.append(TimelineEntry(event.event_date or event.recorded_at.date(), "status", text))
    entries += _dues_entries(workspace, member_id) + _post_entries(workspace, member_id)
    entries += _away_entries(workspace, member_id)
    entries.sort(key=lambda e: e.day or dt.date.min, reverse=True)
    return entries
