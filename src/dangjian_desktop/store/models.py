"""SQLAlchemy models. Every business table carries the branch it belongs to, so that one
PostgreSQL database can later hold all the branches of a township. Portable types only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_public_id() -> str:
    """A row's public id: a random UUID as text (portable: SQLite has no UUID type)."""
    return str(uuid.uuid4())


def public_id_column() -> Mapped[str | None]:
    """``public_id``: the id a row keeps wherever it travels (the USB exchange with the township, a move
    from the PC to the server and back), where the integer ``id`` is only this database's. Filled by the
    program on insert and by migration for older rows (0001_04 and each module's ``*_public_ids``); the
    last column, as those migrations add it."""
    return mapped_column(
        String(36), default=new_public_id, nullable=True, unique=True, index=True, sort_order=10
    )


class BranchRow:
    """What every business table starts with: its id and the branch the row belongs to (a mixin's
    columns would come after the table's own ones: ``sort_order`` puts them first, as the tables have them),
    and ends with: its public id."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-2)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), sort_order=-2)
    public_id: Mapped[str | None] = public_id_column()


class Versioned:
    """A row a form loads and saves later, in another transaction: ``version`` counts its saves. Every ORM
    UPDATE adds one and holds only while the row still has the number the session read (SQLAlchemy's
    ``version_id_col``), so a second writer is refused (StaleDataError) instead of overwriting the first;
    the services also compare it with the version the form loaded (migration 0001_03)."""

    version: Mapped[int] = mapped_column(Integer, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - a class-level declaration
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Branch(Versioned, Base):
    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # the township's short code for the branch (``admin add-branch --code``); none on a village PC
    code: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    name: Mapped[str] = mapped_column(String(100))
    township: Mapped[str] = mapped_column(String(100), default="")
    county: Mapped[str] = mapped_column(String(100), default="")
    secretary: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    supervision_phone: Mapped[str] = mapped_column(String(30), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    public_id: Mapped[str | None] = public_id_column()


class Setting(BranchRow, Base):
    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("branch_id", "key"),)

    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)


class Member(Versioned, BranchRow, Base):
    __tablename__ = "member"
    __table_args__ = (
        UniqueConstraint("branch_id", "id_number"),
        Index("ix_member_branch_status", "branch_id", "status"),
    )

    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str] = mapped_column(String(10), default="")  # a SEX code
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    birth_date_precision: Mapped[str | None] = mapped_column(String(5), nullable=True)
    id_number: Mapped[str] = mapped_column(String(18))
    education: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[str] = mapped_column(String(20), default="")  # a CATEGORY code
    joined_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    joined_date_precision: Mapped[str | None] = mapped_column(String(5), nullable=True)
    full_member_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    full_member_date_precision: Mapped[str | None] = mapped_column(String(5), nullable=True)
    party_group: Mapped[str] = mapped_column(String(50), default="")
    office: Mapped[str] = mapped_column(String(100), default="")
    dues_category: Mapped[str] = mapped_column(String(20), default="")
    occupation: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    flowing: Mapped[bool] = mapped_column(Boolean, default=False)
    away_place: Mapped[str] = mapped_column(String(200), default="")
    holds_activity_book: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # 在册 / left the roster (转出, 去世, 出党 ...) / deleted by mistake: never a physical delete.
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    # Computed once at write time: pypinyin is too slow to run per keystroke (environment.md §8).
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MemberEvent(BranchRow, Base):
    """A member's history: joining the roster, leaving it, returning, deletion and restore."""

    __tablename__ = "member_event"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status_before: Mapped[str] = mapped_column(String(20), default="")
    status_after: Mapped[str] = mapped_column(String(20), default="")
    event_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class AuditEntry(Base):
    """Who changed what: one row per changed record, with the values before and after (JSON)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), nullable=True, index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the database login that wrote the row (a township server fills it in itself; empty on SQLite)
    login: Mapped[str] = mapped_column(String(63), default="", server_default="", index=True)
    public_id: Mapped[str | None] = public_id_column()
