"""Tables of public notices (党务公开) and major matters (四议两公开). Each row carries its branch; portable
types only (SQLite now, PostgreSQL later).

A published notice is frozen: ``frozen_content`` holds the canonical JSON of everything printed on the
sheet, ``content_hash`` its SHA-256 and ``check_code`` the short code printed beside the QR code. The
columns of the printed content can no longer change once ``frozen_content`` is set (checked on every ORM
flush below); only the status and the posted / taken-down dates may.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import get_history

from dangjian_desktop.store.models import Base, BranchRow, Versioned


class Matter(BranchRow, Base):
    """A major village matter walking the 四议两公开 steps."""

    __tablename__ = "matter"
    __table_args__ = (Index("ix_matter_branch_status", "branch_id", "status"),)

    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")  # what is proposed; the resolution's text
    status: Mapped[str] = mapped_column(String(20), default="open")  # open / rejected / done
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class Notice(Versioned, BranchRow, Base):
    """A notice: a draft, then published (frozen) and perhaps withdrawn by a later notice."""

    __tablename__ = "notice"
    __table_args__ = (
        UniqueConstraint("branch_id", "year", "sequence"),
        Index("ix_notice_branch_status", "branch_id", "status"),
    )

    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / published / withdrawn
    type: Mapped[str] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)  # set when published
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[str] = mapped_column(String(50), default="")
    title: Mapped[str] = mapped_column(String(200))
    addressee: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    period_days: Mapped[int] = mapped_column(Integer)
    working_days: Mapped[bool] = mapped_column(Boolean, default=False)
    place: Mapped[str] = mapped_column(String(100), default="")
    qr_mode: Mapped[str] = mapped_column(String(10), default="text")
    qr_link: Mapped[str] = mapped_column(String(500), default="")
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    taken_down_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    refers_to: Mapped[int | None] = mapped_column(ForeignKey("notice.id"), nullable=True)
    relation: Mapped[str] = mapped_column(String(20), default="")  # correction / withdrawal
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matter.id"), nullable=True, index=True)
    frozen_content: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    check_code: Mapped[str] = mapped_column(String(16), default="")
    # The QR code's mask pattern (0–7), chosen once at publishing: finding the best one is most of the cost
    # of encoding, and a reprint must draw the same code.
    qr_mask: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class MatterStep(BranchRow, Base):
    """One step of a matter: a meeting with attendance and votes, the implementation, or a notice. A meeting
    without its quorum is a row too, and the same step is recorded again when it is convened again."""

    __tablename__ = "matter_step"
    __table_args__ = (UniqueConstraint("matter_id", "position", name="uq_matter_step_matter_id_position"),)

    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"))
    step: Mapped[str] = mapped_column(String(30))
    position: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[dt.date] = mapped_column(Date)
    expected: Mapped[int | None] = mapped_column(Integer, nullable=True)
    present: Mapped[int | None] = mapped_column(Integer, nullable=True)
    votes_for: Mapped[int | None] = mapped_column(Integer, nullable=True)
    votes_against: Mapped[int | None] = mapped_column(Integer, nullable=True)
    votes_abstain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quorum_met: Mapped[bool] = mapped_column(Boolean, default=True)
    passed: Mapped[bool] = mapped_column(Boolean, default=True)
    outcome: Mapped[str] = mapped_column(String(50), default="")
    text: Mapped[str] = mapped_column(Text, default="")  # opinions, or what was implemented
    reason: Mapped[str] = mapped_column(Text, default="")  # why 组织实施 started within the 决议公开 period
    # the 支部党员大会 recorded in 组织生活 that held this 党员大会 step (meetings are their own module)
    meeting_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


# What a published notice may still change: its status and when it was on the board.
MUTABLE_AFTER_PUBLISHING = frozenset({"status", "posted_on", "taken_down_on", "updated_at", "version"})


class FrozenNoticeError(RuntimeError):
    """Raised on an attempt to change the printed content of a published notice."""


@event.listens_for(Notice, "before_update")
def _published_notices_do_not_change(_mapper, _connection, target: Notice) -> None:  # type: ignore[no-untyped-def]
    frozen_before = get_history(target, "frozen_content").deleted
    was_frozen = bool(frozen_before and frozen_before[0]) or (
        bool(target.frozen_content) and not get_history(target, "frozen_content").has_changes()
    )
    if not was_frozen:
        return
    for column in Notice.__table__.columns.keys():
        if column in MUTABLE_AFTER_PUBLISHING:
            continue
        if get_history(target, column).has_changes():
            raise FrozenNoticeError(f"notice {target.id} is published; its {column} cannot change")
