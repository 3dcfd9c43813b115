"""The dues a member paid while working away, as the activity book (流动党员活动证) prints them.

A typed query for the 流动党员 module: the months are written from the ledger's months themselves
("2026.01", a run as "2026.01—2026.03", runs joined with ";"), not from the text the dues screens show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class BookDuesLine:
    months: str  # "2026.01" or "2026.01—2026.03"
    amount: Decimal
    paid_on: dt.date
    paid_where: str  # the receiving organisation that took the payment; "" at the home branch
    collector: str


def book_months_text(months: Sequence[Month]) -> str:
    """The months a payment covers as the book writes them: "2026.01", "2026.01—2026.03", "2026.01;2026.03"."""
    runs: list[list[Month]] = []
    for month in sorted(months):
        if runs and runs[-1][-1] + 1 == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ";".join(
        _book_month(run[0]) if len(run) == 1 else f"{_book_month(run[0])}—{_book_month(run[-1])}"
        for run in runs
    )


def _book_month(month: Month) -> str:
    return f"{month.year:04d}.{month.month:02d}"


def _counts(payment: dues.PaymentInfo, since: dt.date, until: dt.date | None) -> bool:
    """A payment that stands (not a reversal, not reversed) made from ``since`` to ``until`` (None: still away)."""
    if payment.kind != dues.PAYMENT or payment.is_reversed:
        return False
    return since <= payment.paid_on and (until is None or payment.paid_on <= until)


def book_dues_lines(
    workspace: Workspace, member_id: int, since: dt.date, until: dt.date | None
) -> list[BookDuesLine]:
    """The member's payments from ``since`` to ``until`` (both included; None: up to now), in ledger order."""
    return [
        BookDuesLine(
            months=book_months_text([month for month, _amount in p.months]),
            amount=p.amount,
            paid_on=p.paid_on,
            paid_where=p.paid_where,
            collector=p.collector,
        )
        for p in dues.payments_of_member(workspace, member_id)
        if _counts(p, since, until)
    ]
