"""Tables of organisation life (组织生活): meetings with their attendance, and the yearly democratic
evaluation of members (民主评议党员). Each row carries its branch; portable types only (SQLite now,
PostgreSQL later)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dangjian_desktop.store.models import Base, BranchRow, Versioned


class Meeting(Versioned, BranchRow, Base):
    """A meeting that was held (三会一课, 主题党日, 组织生活会 …), with its minutes (纪要)."""

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_branch_held_on", "branch_id", "held_on"),)

    kind: Mapped[str] = mapped_column(String(20))  # domain.meetings.MEETING_KIND code
    held_on: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    party_group: Mapped[str] = mapped_column(String(50), default="")  # for a 党小组会
    place: Mapped[str] = mapped_column(String(100), default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    presenter: Mapped[str] = mapped_column(String(50), default="")
    recorder: Mapped[str] = mapped_column(String(50), default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class MeetingAttendance(BranchRow, Base):
    """One member expected at a meeting: present, absent (请假 / 其他, with a note) or away (外出).
    The rows are the expected list as it was on the day, so later roster changes do not rewrite it."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))  # present / absent / away
    reason: Mapped[str] = mapped_column(String(10), default="")  # for absent: leave / other
    note: Mapped[str] = mapped_column(String(200), default="")


class MemberEvaluation(BranchRow, Base):
    """A member's 民主评议 for one year: the self-assessment, the votes per grade (JSON object, since the
    grades are a list from settings) and the branch's final grade."""

    __tablename__ = "member_evaluation"
    __table_args__ = (UniqueConstraint("branch_id", "year", "member_id"),)

    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    self_assessment: Mapped[str] = mapped_column(Text, default="")
    votes: Mapped[str] = mapped_column(Text, default="{}")
    grade: Mapped[str] = mapped_column(String(20), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
