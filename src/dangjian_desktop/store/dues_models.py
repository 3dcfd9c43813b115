"""Party dues tables (党费). Money is stored as whole fen (``*_fen`` integers): exact in every database,
summed exactly in SQL, never a float. Months are stored as ``YYYYMM`` integers (202601 = January 2026),
readable in a database browser and ordered correctly.

Nothing here is edited or deleted after it is written: a wrong payment or hand-up is corrected by a
reversing row that points at it (``reverses_id``), and a re-declared standard keeps the old row
(``active`` false) as history.
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dangjian_desktop.store.models import Base, BranchRow, public_id_column


class DuesStandard(BranchRow, Base):
    """A member's monthly dues as declared (核定) for a year, from ``from_month`` on."""

    __tablename__ = "dues_standard"
    __table_args__ = (Index("ix_dues_standard_member_month", "branch_id", "member_id", "from_month"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    year: Mapped[int] = mapped_column(Integer)
    from_month: Mapped[int] = mapped_column(Integer)  # YYYYMM
    category: Mapped[str] = mapped_column(String(20))  # domain.choices.DUES_CATEGORY code
    income_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)  # declared monthly income base
    rate: Mapped[str] = mapped_column(String(12), default="")  # "0.005"; empty for a fixed amount
    amount_fen: Mapped[int] = mapped_column(Integer)
    capped: Mapped[bool] = mapped_column(Boolean, default=False)
    rules: Mapped[str] = mapped_column(String(40))  # which rule table gave the amount
    declared_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # false once re-declared (history)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class DuesPayment(BranchRow, Base):
    """Money received from a member (or recorded as paid elsewhere), or the reversal of such an entry."""

    __tablename__ = "dues_payment"
    __table_args__ = (
        Index("ix_dues_payment_member", "branch_id", "member_id"),
        Index("ix_dues_payment_paid_on", "branch_id", "paid_on"),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(10))  # "payment" or "reversal"
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)  # total; negative for a reversal
    extra_fen: Mapped[int] = mapped_column(Integer, default=0)  # voluntary amount above the standard
    to_central: Mapped[bool] = mapped_column(Boolean, default=False)  # extra of 1000 元 or more: 上缴中央
    first_month: Mapped[int | None] = mapped_column(Integer, nullable=True)  # YYYYMM
    last_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    method: Mapped[str] = mapped_column(String(20), default="cash")  # cash / transfer / other
    collector: Mapped[str] = mapped_column(String(50), default="")
    paid_where: Mapped[str] = mapped_column(String(200), default="")  # empty: paid to this branch
    reason: Mapped[str] = mapped_column(Text, default="")  # why reversed, or why beyond the month limits
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("dues_payment.id"), nullable=True, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


# A member's month is paid at most once per generation, and each payment of it is reversed at most once:
# the database itself refuses a second live payment (two windows paying the same month at once).
PAID = text("amount_fen > 0")
REVERSED = text("amount_fen < 0")


class DuesAllocation(BranchRow, Base):
    """The part of a payment that pays one month; a reversal has the same rows with negative amounts.

    ``generation`` counts the earlier payments of the member's month that were reversed: the first
    payment of a month is generation 0; once reversed (its −rows carry generation 0 too), paying the
    month again is generation 1. So "one live payment per member and month" is a unique index over the
    positive rows, although a reversal leaves the month's rows in place (nothing is ever deleted).
    """

    __tablename__ = "dues_allocation"
    __table_args__ = (
        Index("ix_dues_allocation_member_month", "branch_id", "member_id", "month", "amount_fen"),
        Index("ix_dues_allocation_month", "branch_id", "month", "member_id", "amount_fen"),
        Index(
            "uq_dues_allocation_paid",
            "branch_id",
            "member_id",
            "month",
            "generation",
            unique=True,
            sqlite_where=PAID,
            postgresql_where=PAID,
        ),
        Index(
            "uq_dues_allocation_reversed",
            "branch_id",
            "member_id",
            "month",
            "generation",
            unique=True,
            sqlite_where=REVERSED,
            postgresql_where=REVERSED,
        ),
    )

    payment_id: Mapped[int] = mapped_column(ForeignKey("dues_payment.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    month: Mapped[int] = mapped_column(Integer)  # YYYYMM
    amount_fen: Mapped[int] = mapped_column(Integer)
    generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DuesReceipt(BranchRow, Base):
    """收据: one per payment received by the branch, numbered per branch and year."""

    __tablename__ = "dues_receipt"
    __table_args__ = (UniqueConstraint("branch_id", "year", "serial"),)

    payment_id: Mapped[int] = mapped_column(ForeignKey("dues_payment.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DuesHandUp(Base):
    """上缴: dues handed to the township Party committee (or forwarded for the Central Committee)."""

    __tablename__ = "dues_handup"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    handed_on: Mapped[dt.date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)  # negative for a reversal
    to_central: Mapped[bool] = mapped_column(Boolean, default=False)
    receiver: Mapped[str] = mapped_column(String(100))
    receipt_number: Mapped[str] = mapped_column(String(50), default="")
    first_month: Mapped[int | None] = mapped_column(Integer, nullable=True)  # period covered, YYYYMM
    last_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("dues_handup.id"), nullable=True, unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    public_id: Mapped[str | None] = public_id_column()


class DuesOpeningNote(BranchRow, Base):
    """What the paper book says about a member's dues before the program's ledger starts, in the
    secretary's words ("2026年1–11月已在纸质台账交清"); printed on the year sheet. One per member; a new
    text replaces the old one, and the audit log keeps both."""

    __tablename__ = "dues_opening_note"
    __table_args__ = (UniqueConstraint("branch_id", "member_id"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
