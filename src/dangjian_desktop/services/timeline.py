"""One member's history across the modules, newest first: meetings attended and missed, democratic
evaluations, dues paid, posts held, time away working, and joining, leaving and returning to the roster.

A reader of several modules' services, so it lives beside them rather than inside any one of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import MEMBER_STATUS
from dangjian_desktop.domain.meetings import ABSENCE_REASON, MEETING_KIND, Attendance
from dangjian_desktop.domain.members import EVENT_LABELS
from dangjian_desktop.i18n import N_, _, format_money
from dangjian_desktop.services import dues, flowing, members, posts
from dangjian_desktop.services.recording import load_row
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.meetings_models import Meeting, MeetingAttendance, MemberEvaluation
from dangjian_desktop.store.models import Member

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


def _party_entries(member: Member) -> list[TimelineEntry]:
    entries = []
    if member.joined_date:
        entries.append(TimelineEntry(member.joined_date, "status", _("Admitted to the Party")))
    if member.full_member_date:
        entries.append(TimelineEntry(member.full_member_date, "status", _("Became a full member")))
    return entries


def _roster_entries(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
    entries = []
    for event in members.member_history(workspace, member_id):
        text = _(EVENT_LABELS.get(event.kind, event.kind))
        if event.kind == "left":
            text = _("{event} ({status})").format(event=text, status=MEMBER_STATUS.label(event.status_after))
        if event.reason:
            text = _("{event}: {reason}").format(event=text, reason=event.reason)
        entries.append(TimelineEntry(event.event_date or event.recorded_at.date(), "status", text))
    return entries


def _dues_entries(workspace: Workspace, member_id: int) -> list[TimelineEntry]:
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
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = load_row(session, Member, member_id, branch_id, _("This member was not found."))
        entries = _meeting_entries(session, branch_id, member_id) + _evaluation_entries(
            session, branch_id, member_id
        )
        entries += _party_entries(member)
    entries += _roster_entries(workspace, member_id)
    entries += _dues_entries(workspace, member_id) + _post_entries(workspace, member_id)
    entries += _away_entries(workspace, member_id)
    entries.sort(key=lambda e: e.day or dt.date.min, reverse=True)
    return entries
