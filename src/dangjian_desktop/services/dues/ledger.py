"""The ledger as read: the month's collection (who owes, who paid), the month summary and the year sheet
(members × 12 months, one pivot query)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import aliased

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.money import ZERO, from_fen
from dangjian_desktop.services.dues.common import PAYMENT, _by_group, receipt_number
from dangjian_desktop.services.dues.opening import ledger_start_chosen, opening_notes
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.dues_models import (
    DuesAllocation,
    DuesPayment,
    DuesReceipt,
    DuesStandard,
)
from dangjian_desktop.store.models import Branch, Member


@dataclass(frozen=True)
class CollectionRow:
    """A member on the 收缴 tab for one month."""

    member_id: int
    name: str
    party_group: str
    flowing: bool
    standard: Decimal | None  # None: 未核定
    paid: Decimal  # net amount paid for the month
    payment_id: int | None  # the payment that paid it (for the receipt and a reversal)
    paid_on: dt.date | None
    method: str
    collector: str
    paid_where: str
    receipt_number: str

    @property
    def declared(self) -> bool:
        return self.standard is not None

    @property
    def is_paid(self) -> bool:
        return self.paid > 0


@dataclass(frozen=True)
class MonthSummary:
    branch_name: str
    month: Month
    rows: tuple[CollectionRow, ...]
    due_total: Decimal  # the standards of every member who owes for the month
    paid_total: Decimal  # dues allocated to the month
    received_total: Decimal  # money received on days of the month (advances and extras included)
    paid_count: int
    unpaid_count: int
    undeclared_count: int


@dataclass(frozen=True)
class YearSheetRow:
    member_id: int
    name: str
    party_group: str
    standard: Decimal | None
    months: tuple[Decimal | None, ...]  # 12 cells: net paid, or None when nothing is recorded
    owed: tuple[bool, ...]  # 12 cells: owed and unpaid (months that have ended)
    extra: Decimal
    total: Decimal
    opening_note: str = ""  # what the paper book says about the months before the ledger start


@dataclass(frozen=True)
class YearSheet:
    branch_name: str
    year: int
    rows: tuple[YearSheetRow, ...]
    month_totals: tuple[Decimal, ...]
    extra_total: Decimal
    total: Decimal
    ledger_start: Month | None = None  # months before it are in the paper book

    def on_paper(self, month_index: int) -> bool:
        """Month ``month_index`` (0–11) of the year is before the ledger start."""
        return self.ledger_start is not None and Month(self.year, month_index + 1) < self.ledger_start


@lru_cache(maxsize=4096)
def _money_of(fen: int) -> Decimal:
    """``from_fen`` with a cache: a year sheet repeats the same few amounts 120,000 times."""
    return from_fen(fen)


def collection_rows(workspace: Workspace, month: Month) -> list[CollectionRow]:
    """Every member on the roster who owes for ``month`` (or has paid for it), with the standard; members
    with no standard yet are listed with ``standard=None`` (未核定). Members who joined after the month
    are not listed (2008 第八条)."""
    branch_id = workspace.require_branch()
    m = Member.__table__.c
    s = DuesStandard.__table__.c
    a = DuesAllocation.__table__.c
    p = DuesPayment.__table__.c
    latest_start = (
        select(func.max(s.from_month))
        .where(
            s.branch_id == branch_id, s.member_id == m.id, s.active.is_(True), s.from_month <= month.as_int
        )
        .correlate(Member.__table__)
        .scalar_subquery()
    )
    standard_amount = (
        select(s.amount_fen)
        .where(
            s.branch_id == branch_id, s.member_id == m.id, s.active.is_(True), s.from_month == latest_start
        )
        .order_by(s.id.desc())
        .limit(1)
        .correlate(Member.__table__)
        .scalar_subquery()
    )
    paid = (
        select(a.member_id, func.sum(a.amount_fen).label("paid_fen"))
        .where(a.branch_id == branch_id, a.month == month.as_int)
        .group_by(a.member_id)
        .subquery()
    )
    members_query = (
        select(
            m.id,
            m.name,
            m.party_group,
            m.flowing,
            m.joined_date,
            m.status,
            standard_amount.label("std"),
            paid.c.paid_fen,
        )
        .outerjoin(paid, paid.c.member_id == m.id)
        .where(m.branch_id == branch_id, (m.status == ACTIVE) | (paid.c.paid_fen > 0))
        .order_by(m.party_group, m.id)
    )
    reversal = aliased(DuesPayment)
    live_payments = (
        select(
            a.member_id,
            p.id,
            p.paid_on,
            p.method,
            p.collector,
            p.paid_where,
            DuesReceipt.year,
            DuesReceipt.serial,
        )
        .join(DuesPayment.__table__, (p.id == a.payment_id) & (p.branch_id == a.branch_id))
        .outerjoin(DuesReceipt, (DuesReceipt.payment_id == p.id) & (DuesReceipt.branch_id == p.branch_id))
        .outerjoin(reversal, (reversal.reverses_id == p.id) & (reversal.branch_id == p.branch_id))
        .where(a.branch_id == branch_id, a.month == month.as_int, p.kind == PAYMENT, reversal.id.is_(None))
        .order_by(p.id)
    )
    with workspace.db.engine.connect() as connection:
        members = sorted(connection.execute(members_query).all(), key=_by_group)
        details = {r.member_id: r for r in connection.execute(live_payments)}
    rows = []
    for r in members:
        if r.joined_date is not None and Month.of(r.joined_date) > month and not r.paid_fen:
            continue
        d = details.get(r.id)
        rows.append(
            CollectionRow(
                member_id=r.id,
                name=r.name,
                party_group=r.party_group,
                flowing=bool(r.flowing),
                standard=None if r.std is None else from_fen(r.std),
                paid=from_fen(r.paid_fen or 0),
                payment_id=d.id if d else None,
                paid_on=d.paid_on if d else None,
                method=d.method if d else "",
                collector=d.collector if d else "",
                paid_where=d.paid_where if d else "",
                receipt_number=receipt_number(d.year, d.serial) if d and d.serial else "",
            )
        )
    return rows


def month_summary(workspace: Workspace, month: Month) -> MonthSummary:
    branch_id = workspace.require_branch()
    rows = collection_rows(workspace, month)
    p = DuesPayment.__table__.c
    with workspace.db.engine.connect() as connection:
        received = connection.execute(
            select(func.coalesce(func.sum(p.amount_fen), 0)).where(
                p.branch_id == branch_id,
                p.paid_where == "",
                p.paid_on.between(month.first_day, month.last_day),
            )
        ).scalar_one()
        name = connection.execute(select(Branch.name).where(Branch.id == branch_id)).scalar_one()
    return MonthSummary(
        branch_name=name,
        month=month,
        rows=tuple(rows),
        due_total=sum((r.standard for r in rows if r.standard is not None), ZERO),
        paid_total=sum((r.paid for r in rows), ZERO),
        received_total=from_fen(received),
        paid_count=sum(1 for r in rows if r.is_paid),
        unpaid_count=sum(1 for r in rows if r.declared and not r.is_paid),
        undeclared_count=sum(1 for r in rows if not r.declared and not r.is_paid),
    )


def _year_sheet_query(branch_id: int, year: int) -> Select[Any]:
    """Members × 12 months in one pivot (SUM(CASE …) per month), with each member's voluntary extras of
    the year, first standard and standard in force."""
    a = DuesAllocation.__table__.c
    s = DuesStandard.__table__.c
    p = DuesPayment.__table__.c
    m = Member.__table__.c
    first, last = Month(year, 1).as_int, Month(year, 12).as_int
    pivot = (
        select(
            a.member_id,
            # no ELSE: a month without any entry sums to NULL, one paid and then reversed to 0
            *[
                func.sum(case((a.month == Month(year, i).as_int, a.amount_fen))).label(f"m{i}")
                for i in range(1, 13)
            ],
        )
        .where(a.branch_id == branch_id, a.month.between(first, last))
        .group_by(a.member_id)
        .subquery()
    )
    # A voluntary extra belongs to the year it was paid in; its reversal is counted in the same year.
    original = DuesPayment.__table__.alias("original")
    paid_day = func.coalesce(original.c.paid_on, p.paid_on)
    extras = (
        select(p.member_id, func.sum(p.extra_fen).label("extra_fen"))
        .select_from(
            DuesPayment.__table__.outerjoin(
                original, (original.c.id == p.reverses_id) & (original.c.branch_id == p.branch_id)
            )
        )
        .where(p.branch_id == branch_id, paid_day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .group_by(p.member_id)
        .having(func.sum(p.extra_fen) != 0)
        .subquery()
    )
    starts = (
        select(
            s.member_id,
            func.min(s.from_month).label("first_month"),
            func.max(s.from_month).label("last_start"),
        )
        .where(s.branch_id == branch_id, s.active.is_(True), s.from_month <= last)
        .group_by(s.member_id)
        .subquery()
    )
    current = (
        select(s.member_id, func.max(s.amount_fen).label("amount_fen"))
        .join(starts, (starts.c.member_id == s.member_id) & (starts.c.last_start == s.from_month))
        .where(s.branch_id == branch_id, s.active.is_(True))
        .group_by(s.member_id)
        .subquery()
    )
    return (
        select(
            m.id,
            m.name,
            m.party_group,
            m.status,
            starts.c.first_month,
            current.c.amount_fen,
            extras.c.extra_fen,
            *[pivot.c[f"m{i}"] for i in range(1, 13)],
        )
        .outerjoin(pivot, pivot.c.member_id == m.id)
        .outerjoin(extras, extras.c.member_id == m.id)
        .outerjoin(starts, starts.c.member_id == m.id)
        .outerjoin(current, current.c.member_id == m.id)
        .where(
            m.branch_id == branch_id,
            (m.status == ACTIVE) | pivot.c.member_id.is_not(None) | extras.c.member_id.is_not(None),
        )
        .order_by(m.party_group, m.id)
    )


_NOT_OWED = (False,) * 12


def _owed_cells(
    r: Any, fens: Sequence[int], month_ints: Sequence[int], first_owed: int, this_month: int
) -> tuple[bool, ...]:
    """The months of an active member that have ended since their first standard (and the ledger start)
    with nothing paid."""
    if r.first_month is None or r.status != ACTIVE:
        return _NOT_OWED
    start = max(r.first_month, first_owed)
    return tuple(
        start <= month < this_month and fen <= 0 for month, fen in zip(month_ints, fens, strict=True)
    )


def year_sheet(workspace: Workspace, year: int, *, today: dt.date | None = None) -> YearSheet:
    """Members × 12 months: what each paid for each month of ``year``, the voluntary extras and totals.
    One pivot query (SUM(CASE …) per month) does the work; the rows come back ready."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    query = _year_sheet_query(branch_id, year)
    this_month = Month.of(today).as_int  # not ended: not owed yet
    chosen = ledger_start_chosen(workspace)
    first_owed = chosen.as_int if chosen is not None else 0
    month_ints = [Month(year, i).as_int for i in range(1, 13)]
    notes = opening_notes(workspace)
    with workspace.db.engine.connect() as connection:
        result = sorted(connection.execute(query).all(), key=_by_group)
        name = connection.execute(select(Branch.name).where(Branch.id == branch_id)).scalar_one()
    rows = []
    month_totals = [0] * 12
    extra_total = 0
    first_standard = None
    for r in result:
        stored = r[7:19]
        fens = [fen or 0 for fen in stored]
        month_totals = [a + b for a, b in zip(month_totals, fens, strict=True)]
        if r.first_month is not None:
            first_standard = min(first_standard or r.first_month, r.first_month)
        extra = r.extra_fen or 0
        extra_total += extra
        rows.append(
            YearSheetRow(
                member_id=r.id,
                name=r.name,
                party_group=r.party_group,
                standard=None if r.amount_fen is None else _money_of(r.amount_fen),
                months=tuple(None if fen is None else _money_of(fen) for fen in stored),
                owed=_owed_cells(r, fens, month_ints, first_owed, this_month),
                extra=_money_of(extra),
                total=_money_of(sum(fens) + extra),
                opening_note=notes.get(r.id, ""),
            )
        )
    totals = tuple(from_fen(v) for v in month_totals)
    # before it is chosen, the ledger starts at the first standard (of the members on this sheet)
    ledger = chosen or (Month.from_int(first_standard) if first_standard is not None else None)
    return YearSheet(
        branch_name=name,
        year=year,
        rows=tuple(rows),
        month_totals=totals,
        extra_total=from_fen(extra_total),
        total=from_fen(sum(month_totals) + extra_total),
        ledger_start=ledger,
    )
