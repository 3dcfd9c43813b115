"""Tables of members working away (流动党员): each stay away, the activity books issued for it, and what
happened while away (organisation life, opinions and evaluations, contacts made by the home branch).

A stay is never deleted: a return closes it (``return_date``) and its records stay in the history. The
member's roster columns (``flowing``, ``away_place``, ``holds_activity_book``) are kept in step by the
service that writes here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from dangjian_desktop.store.models import Base, BranchRow, Versioned


class FlowingStay(Versioned, BranchRow, Base):
    """One leave registration (外出登记): from when, to where, who receives the member, who keeps in touch."""

    __tablename__ = "flowing_stay"
    __table_args__ = (Index("ix_flowing_stay_member", "branch_id", "member_id", "return_date"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    since: Mapped[dt.date] = mapped_column(Date)
    expected_return: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(String(50), default="")  # domain.flowing.LEAVE_REASON code or text
    province: Mapped[str] = mapped_column(String(30), default="")
    city: Mapped[str] = mapped_column(String(30), default="")
    county: Mapped[str] = mapped_column(String(30), default="")
    workplace: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    occupation: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    other_contact: Mapped[str] = mapped_column(String(100), default="")
    receiving_org: Mapped[str] = mapped_column(String(100), default="")
    receiving_contact: Mapped[str] = mapped_column(String(50), default="")
    receiving_phone: Mapped[str] = mapped_column(String(30), default="")
    receiving_since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    home_contact: Mapped[str] = mapped_column(String(50), default="")  # 专人联系: who at home keeps in touch
    home_contact_phone: Mapped[str] = mapped_column(String(30), default="")
    return_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    return_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ActivityBook(BranchRow, Base):
    """An activity book issued for a stay. ``number`` is the branch's own serial per year ("2026-003");
    ``official_number`` is the provincial booklet's number when the branch hands one out as well."""

    __tablename__ = "activity_book"
    __table_args__ = (
        UniqueConstraint("branch_id", "number"),
        Index("ix_activity_book_member", "branch_id", "member_id"),
        Index("ix_activity_book_year", "branch_id", "year", "serial"),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    stay_id: Mapped[int] = mapped_column(ForeignKey("flowing_stay.id"))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    official_number: Mapped[str] = mapped_column(String(50), default="")
    issue_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="issued")  # issued / returned / void
    status_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("activity_book.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class _AwayRecord(BranchRow):
    """Something written about a member during one stay away, dated, and found by member and date."""

    __tablename__: str  # each table names itself
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), sort_order=-2)
    stay_id: Mapped[int] = mapped_column(ForeignKey("flowing_stay.id"), sort_order=-1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, sort_order=1)  # last, after the table's own

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Index]:
        return (Index(f"ix_{cls.__tablename__}_member", "branch_id", "member_id", "date"),)


class FlowingOrgLife(_AwayRecord, Base):
    """Organisation life taken part in while away (date, organisation, kind, content, who certified)."""

    __tablename__ = "flowing_org_life"

    date: Mapped[dt.date] = mapped_column(Date)
    org: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(50))  # domain.flowing.ORG_LIFE_KIND code or text
    content: Mapped[str] = mapped_column(Text, default="")
    certified_by: Mapped[str] = mapped_column(String(50), default="")


class FlowingOpinion(_AwayRecord, Base):
    """流入地党组织意见, 支部意见, the annual democratic evaluation (year and grade), rewards, punishments."""

    __tablename__ = "flowing_opinion"

    kind: Mapped[str] = mapped_column(String(30))
    date: Mapped[dt.date] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    grade: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    signed_by: Mapped[str] = mapped_column(String(50), default="")


class FlowingContact(_AwayRecord, Base):
    """A contact the home branch made with the member away (date, means, what was said, by whom)."""

    __tablename__ = "flowing_contact"

    date: Mapped[dt.date] = mapped_column(Date)
    means: Mapped[str] = mapped_column(String(50), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    contacted_by: Mapped[str] = mapped_column(String(50), default="")
