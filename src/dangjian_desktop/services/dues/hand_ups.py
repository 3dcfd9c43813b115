"""上缴 and the balance: dues handed to the township Party committee, reversals of wrong entries, and what
the branch holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.exchange import HANDUP
from dangjian_desktop.domain.money import ZERO, from_fen, parse_amount, to_fen
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.dues.common import dues_settings
from dangjian_desktop.services.recording import copied, load_row, log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesHandUp,
    DuesPayment,
)
from dangjian_desktop.store.exchange_models import TownshipDecision


@dataclass(frozen=True)
class HandUpInfo:
    id: int
    handed_on: dt.date
    amount: Decimal
    to_central: bool
    receiver: str
    receipt_number: str
    first_month: Month | None
    last_month: Month | None
    note: str
    reverses_id: int | None
    reversed_by_id: int | None
    reason: str
    public_id: str = ""  # travels to the township; its confirmation refers to it
    confirmed_on: dt.date | None = None  # the township confirmed it had the money (its decision's date)


@dataclass(frozen=True)
class Balance:
    """Money the branch holds: collected here, less what was handed up. The voluntary extras of 1000 元 or
    more belong to the Central Committee and are counted apart (2008 第十一条)."""

    collected: Decimal
    handed_up: Decimal
    central_collected: Decimal
    central_handed_up: Decimal
    paid_elsewhere: Decimal  # recorded for flowing members, never in the branch's cash

    @property
    def balance(self) -> Decimal:
        return self.collected - self.handed_up

    @property
    def central_balance(self) -> Decimal:
        return self.central_collected - self.central_handed_up


@dataclass(frozen=True)
class PeriodRow:
    first: Month
    last: Month
    collected: Decimal
    handed_up: Decimal


def record_handup(
    workspace: Workspace,
    *,
    handed_on: dt.date,
    amount: object,
    receiver: str,
    receipt_number: str = "",
    first_month: Month | None = None,
    last_month: Month | None = None,
    to_central: bool = False,
    note: str = "",
) -> HandUpInfo:
    """上缴: dues handed to the township Party committee (decisions.md #6: date, amount, receiver and
    receipt number are recorded)."""
    branch_id = workspace.require_branch()
    errors: dict[str, str] = {}
    value = ZERO
    try:
        value = parse_amount(amount, allow_zero=False)
    except AppError as error:
        errors["amount"] = error.message
    who = normalize_text(receiver)
    if not who:
        errors["receiver"] = _("Please enter who received the money (e.g. 城关镇党委 张三).")
    if handed_on > dt.date.today():
        errors["handed_on"] = _("The date is in the future.")
    if first_month and last_month and last_month < first_month:
        errors["months"] = _("The last month is before the first month.")
    if errors:
        raise FieldErrors(errors)
    with workspace.db.transaction() as session:
        row = DuesHandUp(
            branch_id=branch_id,
            handed_on=handed_on,
            amount_fen=to_fen(value),
            to_central=to_central,
            receiver=who,
            receipt_number=normalize_text(receipt_number),
            first_month=first_month.as_int if first_month else None,
            last_month=last_month.as_int if last_month else None,
            note=normalize_text(note),
            reason="",
            created_at=dt.datetime.now(),
            created_by=current_user(),
        )
        handup_id = _add(session, row, action="insert", summary=f"{who} {value}")
    return _handup(workspace, handup_id)


# a reversing entry is the original's, with the money negative
_KEPT_ON_REVERSAL = (
    "branch_id", "to_central", "receiver", "receipt_number", "first_month", "last_month", "note",
)  # fmt: skip


def reverse_handup(workspace: Workspace, handup_id: int, reason: str) -> HandUpInfo:
    branch_id = workspace.require_branch()
    why = normalize_text(reason)
    if not why:
        raise FieldErrors({"reason": _("Please type why this entry is reversed.")})
    with workspace.db.transaction() as session:
        original = load_row(
            session,
            DuesHandUp,
            handup_id,
            branch_id,
            _("This entry no longer exists. Please refresh the list."),
        )
        if original.reverses_id is not None:
            raise AppError(_("A reversal cannot itself be reversed. Record the payment again instead."))
        if session.scalar(select(DuesHandUp.id).where(DuesHandUp.reverses_id == handup_id)) is not None:
            raise AppError(_("This entry has already been reversed."))
        row = DuesHandUp(
            **copied(original, _KEPT_ON_REVERSAL),
            handed_on=dt.date.today(),
            amount_fen=-original.amount_fen,
            reverses_id=original.id,
            reason=why,
            created_at=dt.datetime.now(),
            created_by=current_user(),
        )
        reversal_id = _add(
            session,
            row,
            action="reverse",
            summary=f"{original.receiver} {from_fen(original.amount_fen)}",
            before=original,
        )
    return _handup(workspace, reversal_id)


def _add(
    session: Session, row: DuesHandUp, *, action: str, summary: str, before: DuesHandUp | None = None
) -> int:
    """Write a hand-up entry (a new one or a reversing one) with its audit entry; its id."""
    session.add(row)
    session.flush()
    log_change(
        session,
        row.branch_id,
        "dues_handup",
        row.id,
        action,
        summary,
        before=_handup_audit(before) if before is not None else None,
        after=_handup_audit(row),
    )
    return row.id


def _handup(workspace: Workspace, handup_id: int) -> HandUpInfo:
    return next(h for h in handups(workspace) if h.id == handup_id)


def _handup_audit(row: DuesHandUp) -> dict[str, Any]:
    return {
        "id": row.id,
        "handed_on": row.handed_on,
        "amount": str(from_fen(row.amount_fen)),
        "to_central": row.to_central,
        "receiver": row.receiver,
        "receipt_number": row.receipt_number,
        "first_month": row.first_month,
        "last_month": row.last_month,
        "note": row.note,
        "reverses_id": row.reverses_id,
        "reason": row.reason,
    }


def handups(workspace: Workspace, year: int | None = None) -> list[HandUpInfo]:
    branch_id = workspace.require_branch()
    reversal = aliased(DuesHandUp)
    # the township's confirmation (a decision of kind handup brought back on the stick, or written on the
    # server) refers to the hand-up's public id; the latest date if it confirmed twice
    confirmed = (
        select(
            TownshipDecision.branch_id,
            TownshipDecision.refers_to,
            func.max(TownshipDecision.decided_on).label("decided_on"),
        )
        .where(TownshipDecision.branch_id == branch_id, TownshipDecision.kind == HANDUP)
        .group_by(TownshipDecision.branch_id, TownshipDecision.refers_to)
        .subquery()
    )
    query = (
        select(DuesHandUp, reversal.id, confirmed.c.decided_on)
        .outerjoin(
            reversal, (reversal.reverses_id == DuesHandUp.id) & (reversal.branch_id == DuesHandUp.branch_id)
        )
        .outerjoin(
            confirmed,
            (confirmed.c.refers_to == DuesHandUp.public_id) & (confirmed.c.branch_id == DuesHandUp.branch_id),
        )
        .where(DuesHandUp.branch_id == branch_id)
        .order_by(DuesHandUp.handed_on, DuesHandUp.id)
    )
    if year is not None:
        query = query.where(DuesHandUp.handed_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    with workspace.db.transaction() as session:
        return [
            HandUpInfo(
                id=h.id,
                handed_on=h.handed_on,
                amount=from_fen(h.amount_fen),
                to_central=h.to_central,
                receiver=h.receiver,
                receipt_number=h.receipt_number,
                first_month=Month.from_int(h.first_month) if h.first_month else None,
                last_month=Month.from_int(h.last_month) if h.last_month else None,
                note=h.note,
                reverses_id=h.reverses_id,
                reversed_by_id=reversed_by,
                reason=h.reason,
                public_id=h.public_id or "",
                confirmed_on=confirmed_on,
            )
            for h, reversed_by, confirmed_on in session.execute(query)
        ]


def balance(workspace: Workspace, as_of: dt.date | None = None) -> Balance:
    """What the branch holds on ``as_of`` (default today): collected here less handed up."""
    branch_id = workspace.require_branch()
    day = as_of or dt.date.today()
    p = DuesPayment.__table__.c
    h = DuesHandUp.__table__.c
    central_extra = case((p.to_central.is_(True), p.extra_fen), else_=0)
    with workspace.db.engine.connect() as connection:
        here = connection.execute(
            select(
                func.coalesce(func.sum(p.amount_fen - central_extra), 0),
                func.coalesce(func.sum(central_extra), 0),
            ).where(p.branch_id == branch_id, p.paid_where == "", p.paid_on <= day)
        ).one()
        elsewhere = connection.execute(
            select(func.coalesce(func.sum(p.amount_fen), 0)).where(
                p.branch_id == branch_id, p.paid_where != "", p.paid_on <= day
            )
        ).scalar_one()
        up = connection.execute(
            select(
                func.coalesce(func.sum(case((h.to_central.is_(False), h.amount_fen), else_=0)), 0),
                func.coalesce(func.sum(case((h.to_central.is_(True), h.amount_fen), else_=0)), 0),
            ).where(h.branch_id == branch_id, h.handed_on <= day)
        ).one()
    return Balance(
        collected=from_fen(here[0]),
        handed_up=from_fen(up[0]),
        central_collected=from_fen(here[1]),
        central_handed_up=from_fen(up[1]),
        paid_elsewhere=from_fen(elsewhere),
    )


def handup_periods(workspace: Workspace, year: int) -> list[PeriodRow]:
    """For each hand-up period of the year (quarterly by default): collected, and handed up."""
    branch_id = workspace.require_branch()
    period = dues_settings(workspace).handup_period
    p = DuesPayment.__table__.c
    h = DuesHandUp.__table__.c
    rows = []
    with workspace.db.engine.connect() as connection:
        for first, last in rules.handup_periods(year, period):
            collected = connection.execute(
                select(
                    func.coalesce(
                        func.sum(p.amount_fen - case((p.to_central.is_(True), p.extra_fen), else_=0)), 0
                    )
                ).where(
                    p.branch_id == branch_id,
                    p.paid_where == "",
                    p.paid_on.between(first.first_day, last.last_day),
                )
            ).scalar_one()
            handed = connection.execute(
                select(func.coalesce(func.sum(h.amount_fen), 0)).where(
                    h.branch_id == branch_id,
                    h.to_central.is_(False),
                    h.handed_on.between(first.first_day, last.last_day),
                )
            ).scalar_one()
            rows.append(PeriodRow(first, last, from_fen(collected), from_fen(handed)))
    return rows
