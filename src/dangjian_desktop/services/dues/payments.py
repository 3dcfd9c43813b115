"""Payments: one month or several (预交, 补交), checked against the standards and the allowed months, a
receipt number for each, and reversals that point at the entry they correct (nothing is edited or deleted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors, NotFound
from dangjian_desktop.domain.money import from_fen, parse_amount, to_fen
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import numbering
from dangjian_desktop.services.dues.common import (
    PAYMENT,
    REVERSAL,
    DuesSettings,
    ReasonRequired,
    _active_standards,
    _collector_in,
    _member,
    _settings_in,
    _standard_for,
    receipt_number,
)
from dangjian_desktop.services.recording import copied, load_row, log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesAllocation,
    DuesPayment,
    DuesReceipt,
)
from dangjian_desktop.store.models import Member

MAX_MONTHS_IN_ONE_PAYMENT = 36


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    member_id: int
    member_name: str
    kind: str
    paid_on: dt.date
    amount: Decimal
    extra: Decimal
    to_central: bool
    months: tuple[tuple[Month, Decimal], ...]
    method: str
    collector: str
    paid_where: str
    reason: str
    reverses_id: int | None
    reversed_by_id: int | None
    receipt_number: str

    @property
    def first_month(self) -> Month | None:
        return self.months[0][0] if self.months else None

    @property
    def last_month(self) -> Month | None:
        return self.months[-1][0] if self.months else None

    @property
    def months_text(self) -> str:
        return rules.describe_months([m for m, _a in self.months])

    @property
    def is_reversed(self) -> bool:
        return self.reversed_by_id is not None


# the columns of a payment row that PaymentInfo shows as they are
_INFO_COLUMNS = (
    "id", "member_id", "kind", "paid_on", "to_central", "method", "collector", "paid_where", "reason",
    "reverses_id",
)  # fmt: skip


def _paid_months(session: Session, branch_id: int, member_id: int, months: Iterable[Month]) -> list[Month]:
    wanted = [m.as_int for m in months]
    if not wanted:
        return []
    a = DuesAllocation.__table__.c
    rows = session.execute(
        select(a.month)
        .where(a.branch_id == branch_id, a.member_id == member_id, a.month.in_(wanted))
        .group_by(a.month)
        .having(func.sum(a.amount_fen) > 0)
    ).scalars()
    return sorted(Month.from_int(m) for m in rows)


def _next_generations(
    session: Session, branch_id: int, member_id: int, months: Iterable[Month]
) -> dict[int, int]:
    """For each month, the number of its payments reversed so far (the month is unpaid, so that is all
    of them): the unique index ``uq_dues_allocation_paid`` takes one payment per generation. Counted
    from the reversals, not from the payments, so that a payment another window saved a moment ago
    gets the same generation as this one, and the database refuses the second."""
    a = DuesAllocation.__table__.c
    rows = session.execute(
        select(a.month, func.max(a.generation))
        .where(
            a.branch_id == branch_id,
            a.member_id == member_id,
            a.month.in_([m.as_int for m in months]),
            a.amount_fen < 0,
        )
        .group_by(a.month)
    )
    return {month: generation + 1 for month, generation in rows}


def _no_standard(member: Member, months_text: str) -> FieldErrors:
    return FieldErrors(
        {
            "months": _(
                "{name} has no dues standard for {months} yet. Declare the standard first (tab 'Standards')."
            ).format(name=member.name, months=months_text)
        }
    )


def _already_paid(member: Member, months: Sequence[Month]) -> FieldErrors:
    return FieldErrors(
        {
            "months": _("{name} has already paid for {months}.").format(
                name=member.name, months=rules.describe_months(months)
            )
        }
    )


def _check_entry(months: Sequence[Month], *, paid_on: dt.date, method: str, today: dt.date) -> None:
    """What the form says, before anything is read: the way paid, the date and how many months."""
    if method not in rules.PAYMENT_METHODS:
        raise FieldErrors({"method": _("Choose cash, transfer or other.")})
    if paid_on > today:
        raise FieldErrors({"paid_on": _("The payment date is in the future.")})
    if len(months) > MAX_MONTHS_IN_ONE_PAYMENT:
        raise FieldErrors(
            {
                "months": _("At most {count} months can be paid at once.").format(
                    count=MAX_MONTHS_IN_ONE_PAYMENT
                )
            }
        )


def _owed(
    session: Session, branch_id: int, member: Member, months: Sequence[Month]
) -> list[tuple[Month, Decimal]]:
    """Each month with its standard; refused when a month has no standard yet or is paid already."""
    standards = _active_standards(session, branch_id, member.id)
    owed: list[tuple[Month, Decimal]] = []
    undeclared: list[Month] = []
    for month in months:
        standard = _standard_for(standards, month)
        if standard is None:
            undeclared.append(month)
        else:
            owed.append((month, from_fen(standard.amount_fen)))
    if undeclared:
        raise _no_standard(member, rules.describe_months(undeclared))
    already = _paid_months(session, branch_id, member.id, months)
    if already:
        raise _already_paid(member, already)
    return owed


def _insert_allocations(
    session: Session,
    branch_id: int,
    member: Member,
    payment_id: int,
    months: Sequence[Month],
    allocation: rules.Allocation,
) -> None:
    generations = _next_generations(session, branch_id, member.id, months)
    try:
        session.execute(
            insert(DuesAllocation),
            [
                {
                    "branch_id": branch_id,
                    "payment_id": payment_id,
                    "member_id": member.id,
                    "month": month.as_int,
                    "amount_fen": to_fen(value),
                    "generation": generations.get(month.as_int, 0),
                }
                for month, value in allocation.months
            ],
        )
    except IntegrityError as error:  # paid at this very moment in another window
        raise _already_paid(member, months) from error


def _issue_receipt(session: Session, branch_id: int, payment_id: int, paid_on: dt.date) -> str:
    serial = numbering.issue(session, numbering.receipt_series(branch_id, paid_on.year))
    session.add(
        DuesReceipt(
            branch_id=branch_id,
            payment_id=payment_id,
            year=paid_on.year,
            serial=serial,
            issued_on=paid_on,
            created_at=dt.datetime.now(),
        )
    )
    return receipt_number(paid_on.year, serial)


def _record(
    session: Session,
    branch_id: int,
    member: Member,
    months: Sequence[Month],
    amount: Decimal,
    *,
    paid_on: dt.date,
    method: str,
    collector: str,
    paid_where: str,
    reason: str,
    config: DuesSettings,
    today: dt.date,
) -> int:
    _check_entry(months, paid_on=paid_on, method=method, today=today)
    owed = _owed(session, branch_id, member, months)
    problem = rules.payment_window_problem(
        months, paid_on, months_ahead=config.months_ahead, months_back=config.months_back
    )
    if problem is not None and not reason:
        raise ReasonRequired(problem.message(config.months_ahead, config.months_back))
    allocation = rules.allocate_payment(amount, owed)
    payment = DuesPayment(
        branch_id=branch_id,
        member_id=member.id,
        kind=PAYMENT,
        paid_on=paid_on,
        amount_fen=to_fen(amount),
        extra_fen=to_fen(allocation.extra),
        to_central=allocation.to_central,
        first_month=months[0].as_int if months else None,
        last_month=months[-1].as_int if months else None,
        method=method,
        collector=collector,
        paid_where=paid_where,
        reason=reason,
        created_at=dt.datetime.now(),
        created_by=current_user(),
    )
    session.add(payment)
    session.flush()
    if allocation.months:
        _insert_allocations(session, branch_id, member, payment.id, months, allocation)
    # paid elsewhere: the receipt was given there
    number = "" if paid_where else _issue_receipt(session, branch_id, payment.id, paid_on)
    log_change(
        session,
        branch_id,
        "dues_payment",
        payment.id,
        "insert",
        f"{member.name} {rules.describe_months(months)} {amount}",
        after={
            "member_id": member.id,
            "paid_on": paid_on,
            "amount": str(amount),
            "extra": str(allocation.extra),
            "to_central": allocation.to_central,
            "months": {str(m): str(v) for m, v in allocation.months},
            "method": method,
            "collector": collector,
            "paid_where": paid_where,
            "reason": reason,
            "receipt": number,
        },
    )
    return payment.id


def record_payment(
    workspace: Workspace,
    member_id: int,
    first: Month,
    last: Month,
    amount: object,
    *,
    paid_on: dt.date | None = None,
    method: str = "cash",
    collector: str | None = None,
    paid_where: str = "",
    reason: str = "",
    today: dt.date | None = None,
) -> PaymentInfo:
    """A payment for the months ``first``..``last`` (预交 ahead, 补交 late); ``amount`` is the total for
    the range. Each month gets its standard; what is more is a voluntary extra."""
    branch_id = workspace.require_branch()
    if last < first:
        raise FieldErrors({"months": _("The last month is before the first month.")})
    value = parse_amount(amount, allow_zero=False)
    today = today or dt.date.today()
    with numbering.locked_transaction(workspace) as session:
        member = _member(session, branch_id, member_id)
        payment_id = _record(
            session,
            branch_id,
            member,
            rules.month_range(first, last),
            value,
            paid_on=paid_on or today,
            method=method,
            collector=_collector_in(session, branch_id, collector),
            paid_where=normalize_text(paid_where),
            reason=normalize_text(reason),
            config=_settings_in(session, branch_id),
            today=today,
        )
    return get_payment(workspace, payment_id)


def collect_month(
    workspace: Workspace,
    month: Month,
    member_ids: Sequence[int],
    *,
    paid_on: dt.date | None = None,
    method: str = "cash",
    collector: str | None = None,
    reason: str = "",
    today: dt.date | None = None,
) -> list[PaymentInfo]:
    """The usual case, one click per member: each member pays exactly their standard for ``month``.
    Several members are written in one transaction (all or none)."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
    ids = []
    with numbering.locked_transaction(workspace) as session:
        config = _settings_in(session, branch_id)
        collector_name = _collector_in(session, branch_id, collector)
        for member_id in member_ids:
            member = _member(session, branch_id, member_id)
            standard = _standard_for(_active_standards(session, branch_id, member_id), month)
            if standard is None:
                raise _no_standard(member, str(month))
            ids.append(
                _record(
                    session,
                    branch_id,
                    member,
                    [month],
                    from_fen(standard.amount_fen),
                    paid_on=paid_on or today,
                    method=method,
                    collector=collector_name,
                    paid_where="",
                    reason=normalize_text(reason),
                    config=config,
                    today=today,
                )
            )
    return get_payments(workspace, ids)


# a reversing entry is the original's, for the same member and months, with the money negative
_KEPT_ON_REVERSAL = (
    "branch_id", "member_id", "to_central", "first_month", "last_month", "method", "collector", "paid_where",
)  # fmt: skip


def reverse_payment(
    workspace: Workspace, payment_id: int, reason: str, *, on: dt.date | None = None
) -> PaymentInfo:
    """Correct a wrong entry with a reversing entry that points at it; nothing is edited or deleted."""
    branch_id = workspace.require_branch()
    why = normalize_text(reason)
    if not why:
        raise FieldErrors({"reason": _("Please type why this entry is reversed.")})
    with numbering.locked_transaction(workspace) as session:
        original = load_row(
            session,
            DuesPayment,
            payment_id,
            branch_id,
            _("This payment no longer exists. Please refresh the list."),
        )
        if original.kind != PAYMENT:
            raise AppError(_("A reversal cannot itself be reversed. Record the payment again instead."))
        if session.scalar(select(DuesPayment.id).where(DuesPayment.reverses_id == payment_id)) is not None:
            raise AppError(_("This payment has already been reversed."))
        member = _member(session, branch_id, original.member_id)
        reversal = DuesPayment(
            **copied(original, _KEPT_ON_REVERSAL),
            kind=REVERSAL,
            paid_on=on or dt.date.today(),
            amount_fen=-original.amount_fen,
            extra_fen=-original.extra_fen,
            reason=why,
            reverses_id=original.id,
            created_at=dt.datetime.now(),
            created_by=current_user(),
        )
        session.add(reversal)
        session.flush()
        _reverse_allocations(session, original, reversal.id)
        log_change(
            session,
            branch_id,
            "dues_payment",
            reversal.id,
            "reverse",
            f"{member.name} {from_fen(original.amount_fen)}",
            before={"payment_id": original.id, "amount": str(from_fen(original.amount_fen))},
            after={"reverses_id": original.id, "amount": str(from_fen(reversal.amount_fen)), "reason": why},
        )
        reversal_id = reversal.id
    return get_payment(workspace, reversal_id)


def _reverse_allocations(session: Session, original: DuesPayment, reversal_id: int) -> None:
    """Each month the original paid gets the same amount back out, in the same generation."""
    allocations = session.execute(
        select(DuesAllocation.month, DuesAllocation.amount_fen, DuesAllocation.generation).where(
            DuesAllocation.payment_id == original.id
        )
    ).all()
    if allocations:
        session.execute(
            insert(DuesAllocation),
            [
                {
                    "branch_id": original.branch_id,
                    "payment_id": reversal_id,
                    "member_id": original.member_id,
                    "month": a.month,
                    "amount_fen": -a.amount_fen,
                    "generation": a.generation,
                }
                for a in allocations
            ],
        )


def _payment_infos(
    session: Session, branch_id: int, payment_ids: Sequence[int] | None = None, member_id: int | None = None
) -> list[PaymentInfo]:
    reversal = aliased(DuesPayment)
    query = (
        select(DuesPayment, Member.name, DuesReceipt.year, DuesReceipt.serial, reversal.id)
        .join(Member, (Member.id == DuesPayment.member_id) & (Member.branch_id == DuesPayment.branch_id))
        .outerjoin(
            DuesReceipt,
            (DuesReceipt.payment_id == DuesPayment.id) & (DuesReceipt.branch_id == DuesPayment.branch_id),
        )
        .outerjoin(
            reversal, (reversal.reverses_id == DuesPayment.id) & (reversal.branch_id == DuesPayment.branch_id)
        )
        .where(DuesPayment.branch_id == branch_id)
        .order_by(DuesPayment.id)
    )
    if payment_ids is not None:
        query = query.where(DuesPayment.id.in_(list(payment_ids)))
    if member_id is not None:
        query = query.where(DuesPayment.member_id == member_id)
    rows = session.execute(query).all()
    ids = [r[0].id for r in rows]
    months: dict[int, list[tuple[Month, Decimal]]] = {i: [] for i in ids}
    if ids:
        for a in session.execute(
            select(DuesAllocation.payment_id, DuesAllocation.month, DuesAllocation.amount_fen)
            .where(DuesAllocation.payment_id.in_(ids))
            .order_by(DuesAllocation.payment_id, DuesAllocation.month)
        ):
            months[a.payment_id].append((Month.from_int(a.month), from_fen(a.amount_fen)))
    return [
        PaymentInfo(
            **copied(p, _INFO_COLUMNS),
            member_name=name,
            amount=from_fen(p.amount_fen),
            extra=from_fen(p.extra_fen),
            months=tuple(months[p.id]),
            reversed_by_id=reversed_by,
            receipt_number=receipt_number(year, serial) if serial else "",
        )
        for p, name, year, serial, reversed_by in rows
    ]


def get_payment(workspace: Workspace, payment_id: int) -> PaymentInfo:
    return get_payments(workspace, [payment_id])[0]


def get_payments(workspace: Workspace, payment_ids: Sequence[int]) -> list[PaymentInfo]:
    """Several payments in one read, in the order asked (the receipts to print)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        found = {p.id: p for p in _payment_infos(session, branch_id, payment_ids)}
    if any(payment_id not in found for payment_id in payment_ids):
        raise NotFound(_("This payment no longer exists. Please refresh the list."))
    return [found[payment_id] for payment_id in payment_ids]


def payments_of_member(workspace: Workspace, member_id: int) -> list[PaymentInfo]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _payment_infos(session, branch_id, member_id=member_id)


def payments_received(workspace: Workspace, first_day: dt.date, last_day: dt.date) -> list[PaymentInfo]:
    """Payments and reversals entered with a date in the period (for the receipts to print)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        ids = session.scalars(
            select(DuesPayment.id).where(
                DuesPayment.branch_id == branch_id, DuesPayment.paid_on.between(first_day, last_day)
            )
        ).all()
        return _payment_infos(session, branch_id, ids)
