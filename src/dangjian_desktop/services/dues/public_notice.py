"""党费收缴情况公示: names and amounts over a period, nothing personal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.money import ZERO, from_fen
from dangjian_desktop.i18n import _
from dangjian_desktop.services.dues.common import _by_group
from dangjian_desktop.services.dues.opening import ledger_start_chosen
from dangjian_desktop.services.dues.standards import standards_for_year
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.dues_models import (
    DuesAllocation,
    DuesHandUp,
    DuesPayment,
)
from dangjian_desktop.store.models import Branch, Member


@dataclass(frozen=True)
class NoticeRow:
    """One line of a 党费收缴情况公示: a name and amounts, nothing else (decisions.md #13)."""

    name: str
    monthly_standard: Decimal | None
    months_paid: int
    amount_paid: Decimal  # the dues of the period's months, voluntary extras included (see NoticeData)
    voluntary: Decimal = ZERO  # of which paid voluntarily above the standard (自愿多交) in the period


@dataclass(frozen=True)
class NoticeData:
    branch_name: str
    first: Month
    last: Month
    rows: tuple[NoticeRow, ...]
    total_paid: Decimal  # the sum of the rows: collected, voluntary extras included
    handed_up: Decimal  # every hand-up made in the period, the part sent on to the Central Committee included
    voluntary_total: Decimal = ZERO
    central_handed_up: Decimal = ZERO  # of handed_up: voluntary extras of 1000 元 or more, 上缴中央


def public_notice_data(workspace: Workspace, first: Month, last: Month) -> NoticeData:
    """Data for a 党费收缴情况公示 over a period: names and amounts only — never an ID number, phone,
    income base or hardship status (decisions.md #13, PIPL 第二十五条)."""
    branch_id = workspace.require_branch()
    ledger = ledger_start_chosen(workspace)
    if ledger is not None and last < ledger:
        raise AppError(
            _(
                "The dues of these months are in the paper book: this program keeps the ledger from {month}."
            ).format(month=ledger.label())
        )
    if ledger is not None and first < ledger:
        first = ledger  # the months before are in the paper book, not on this notice
    a = DuesAllocation.__table__.c
    m = Member.__table__.c
    h = DuesHandUp.__table__.c
    per_month = (
        select(a.member_id, a.month, func.sum(a.amount_fen).label("fen"))
        .where(a.branch_id == branch_id, a.month.between(first.as_int, last.as_int))
        .group_by(a.member_id, a.month)
        .having(func.sum(a.amount_fen) > 0)
        .subquery()
    )
    totals = (
        select(per_month.c.member_id, func.count().label("months"), func.sum(per_month.c.fen).label("fen"))
        .group_by(per_month.c.member_id)
        .subquery()
    )
    query = (
        select(m.id, m.name, m.party_group, totals.c.months, totals.c.fen)
        .outerjoin(totals, totals.c.member_id == m.id)
        .where(m.branch_id == branch_id, (m.status == ACTIVE) | totals.c.member_id.is_not(None))
        .order_by(m.party_group, m.id)
    )
    # One basis for every amount, so that collected minus handed up is what the branch holds: a voluntary
    # extra counts in the period it was paid in (its reversal too), as on the year sheet, and a hand-up
    # in the period it was made, the part sent on to the Central Committee included.
    p = DuesPayment.__table__.c
    original = DuesPayment.__table__.alias("original")
    paid_day = func.coalesce(original.c.paid_on, p.paid_on)
    extras_query = (
        select(p.member_id, func.sum(p.extra_fen).label("extra_fen"))
        .select_from(
            DuesPayment.__table__.outerjoin(
                original, (original.c.id == p.reverses_id) & (original.c.branch_id == p.branch_id)
            )
        )
        .where(p.branch_id == branch_id, paid_day.between(first.first_day, last.last_day))
        .group_by(p.member_id)
    )
    standards = {r.member_id: r.standard for r in standards_for_year(workspace, last.year)}
    with workspace.db.engine.connect() as connection:
        result = sorted(connection.execute(query).all(), key=_by_group)
        extras = {r.member_id: r.extra_fen or 0 for r in connection.execute(extras_query)}
        handed, central = connection.execute(
            select(
                func.coalesce(func.sum(h.amount_fen), 0),
                func.coalesce(func.sum(case((h.to_central.is_(True), h.amount_fen), else_=0)), 0),
            ).where(h.branch_id == branch_id, h.handed_on.between(first.first_day, last.last_day))
        ).one()
        name = connection.execute(select(Branch.name).where(Branch.id == branch_id)).scalar_one()
    rows = tuple(
        NoticeRow(
            name=r.name,
            monthly_standard=standard.amount if (standard := standards.get(r.id)) else None,
            months_paid=int(r.months or 0),
            amount_paid=from_fen((r.fen or 0) + extras.get(r.id, 0)),
            voluntary=from_fen(extras.get(r.id, 0)),
        )
        for r in result
    )
    return NoticeData(
        branch_name=name,
        first=first,
        last=last,
        rows=rows,
        total_paid=sum((r.amount_paid for r in rows), ZERO),
        handed_up=from_fen(handed),
        voluntary_total=sum((r.voluntary for r in rows), ZERO),
        central_handed_up=from_fen(central),
    )
