"""Tables of the posts module (无职党员设岗定责): the catalogue, terms, assignments, performance records
and evaluations. Each row carries its branch; portable types only (SQLite now, PostgreSQL later)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dangjian_desktop.store.models import Base, BranchRow, Versioned


class Post(Versioned, BranchRow, Base):
    """A post of the branch's catalogue (设岗). Never deleted once used: turned off instead."""

    __tablename__ = "post"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    name: Mapped[str] = mapped_column(String(30))
    duties: Mapped[str] = mapped_column(Text, default="")  # one duty per line
    members_needed: Mapped[int] = mapped_column(Integer, default=2)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PostTerm(BranchRow, Base):
    """A year (``year`` set, 1 January to 31 December) or a term with its own start and end."""

    __tablename__ = "post_term"
    __table_args__ = (UniqueConstraint("branch_id", "start_date", "end_date"),)

    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PostAssignment(Versioned, BranchRow, Base):
    """A member on a post for a term (认岗 / 定岗), with the member's commitment and, when the rules
    warned (a member with an office, a member away, a second post), the reason it was allowed."""

    __tablename__ = "post_assignment"
    __table_args__ = (
        UniqueConstraint("term_id", "post_id", "member_id"),
        Index("ix_post_assignment_branch_term", "branch_id", "term_id"),
    )

    term_id: Mapped[int] = mapped_column(ForeignKey("post_term.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    commitment: Mapped[str] = mapped_column(Text, default="")
    exception_reason: Mapped[str] = mapped_column(Text, default="")
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime)
    assigned_by: Mapped[str] = mapped_column(String(100), default="")


class PostRecord(BranchRow, Base):
    """What a member did on the post (履岗记实): the day, the text, and who confirmed it."""

    __tablename__ = "post_record"

    assignment_id: Mapped[int] = mapped_column(ForeignKey("post_assignment.id"), index=True)
    record_date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class PostEvaluation(BranchRow, Base):
    """The grade of a member on a post at the end of a term (评岗), one per assignment."""

    __tablename__ = "post_evaluation"
    __table_args__ = (UniqueConstraint("assignment_id"),)

    assignment_id: Mapped[int] = mapped_column(ForeignKey("post_assignment.id"))
    grade: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    evaluated_on: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
