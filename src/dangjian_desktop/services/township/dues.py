"""Party dues by branch and month: due (应交), collected (实交, paid for the month), handed up (上缴, by
the day handed) and arrears (欠缴: months ended with nothing paid), in two statements over every branch.

The rules are those of the branch's own ledger (services/dues): a month is owed by a member on the roster
from their first standard on, at the standard in force that month (the latest one starting on or before
it); it is paid while its allocations sum above zero (a reversal cancels); the month not yet ended is not
arrears; months before the branch's chosen ledger start are in the paper book (not counted here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select, text

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.money import ZERO, from_fen
from dangjian_desktop.services import settings
from dangjian_desktop.services.township.access import BranchName
from dangjian_desktop.store.dues_models import DuesHandUp


@dataclass(frozen=True)
class DuesMonth:
    month: int  # 1–12
    due: Decimal
    collected: Decimal
    handed_up: Decimal
    arrears: Decimal  # the standards of the members who owed the month and paid nothing (ended months)
    unpaid: int  # members who owed the month and paid nothing (ended months)
    on_paper: bool = False  # before the branch's ledger start: in the paper book


@dataclass(frozen=True)
class BranchDues:
    branch_id: int
    branch: str
    months: tuple[DuesMonth, ...]  # January to the last month counted
    debtors: int  # members with at least one unpaid month of the year

    @property
    def due(self) -> Decimal:
        return sum((m.due for m in self.months), ZERO)

    @property
    def collected(self) -> Decimal:
        return sum((m.collected for m in self.months), ZERO)

    @property
    def handed_up(self) -> Decimal:
        return sum((m.handed_up for m in self.months), ZERO)

    @property
    def arrears(self) -> Decimal:
        return sum((m.arrears for m in self.months), ZERO)


@dataclass(frozen=True)
class DuesSection:
    year: int
    last_month: int  # months counted: January to this one (this year: up to the current month)
    rows: tuple[BranchDues, ...]


# Each member's standards become spans of months (a standard runs from its month to the next standard's:
# LEAD over the member's standards), clipped to the year and to the branch's ledger start. Months are
# counted as indexes (year × 12 + month − 1). Nothing is expanded to one row per member and month:
#  - "start"/"stop": each span adds its amount (and one member) from its first month and takes it off
#    after its last, so the month's due is a running sum (done in Python over twelve months);
#  - "paid": each allocation inside a span counts +1 (−1 for a reversal: a month is paid while it has more
#    paying allocations than reversing ones, as the 欠缴 list counts) at the span's amount: what was owed
#    and paid; unpaid = owing − paid, arrears = due − paid amount; and every allocation's money (collected);
#  - "debtors": members with more owed months ended than paid.
# Portable: window functions, CASE instead of GREATEST/LEAST; {ledger} is one SELECT per branch that
# chose a ledger start.
_DUES_SQL = """
WITH
ledger(branch_id, start_index) AS ({ledger}),
runs AS (
    -- partitioned in the order of the (branch, member, month) index: no sort of every standard
    SELECT s.branch_id, s.member_id, s.amount_fen, (s.from_month / 100) * 12 + s.from_month % 100 - 1 AS first_index,
           LEAD((s.from_month / 100) * 12 + s.from_month % 100 - 1)
               OVER (PARTITION BY s.branch_id, s.member_id ORDER BY s.from_month, s.id) AS next_index
    FROM dues_standard s
    WHERE s.active = :yes AND s.from_month <= :last_month
),
clipped AS (
    SELECT r.branch_id, r.member_id, r.amount_fen,
           CASE WHEN r.first_index > :first THEN r.first_index ELSE :first END AS low,
           CASE WHEN r.next_index IS NOT NULL AND r.next_index <= :last THEN r.next_index - 1 ELSE :last END AS high,
           COALESCE(l.start_index, 0) AS ledger_index
    FROM runs r JOIN member mb ON mb.id = r.member_id LEFT JOIN ledger l ON l.branch_id = r.branch_id
    WHERE (r.next_index IS NULL OR r.next_index > :first) AND mb.status = :active
),
spans AS (
    SELECT branch_id, member_id, amount_fen, high,
           CASE WHEN low > ledger_index THEN low ELSE ledger_index END AS low
    FROM clipped
),
owed AS (SELECT * FROM spans WHERE low <= high),
joined AS (
    SELECT a.branch_id, a.member_id, (a.month / 100) * 12 + a.month % 100 - 1 AS month_index, a.amount_fen,
           CASE WHEN o.member_id IS NULL THEN 0 WHEN a.amount_fen > 0 THEN 1 WHEN a.amount_fen < 0 THEN -1 ELSE 0 END
               AS sign,
           COALESCE(o.amount_fen, 0) AS standard_fen
    FROM dues_allocation a LEFT JOIN owed o ON o.member_id = a.member_id
     AND (a.month / 100) * 12 + a.month % 100 - 1 >= o.low AND (a.month / 100) * 12 + a.month % 100 - 1 <= o.high
    -- the branches named: each one's months are a range of the (branch, month, …) index
    WHERE a.branch_id IN :branches AND a.month >= :first_month AND a.month <= :last_month
),
owed_ended AS (
    SELECT branch_id, member_id,
           SUM(CASE WHEN high < :ended THEN high ELSE :ended END - low + 1) AS months
    FROM owed WHERE low <= :ended GROUP BY branch_id, member_id
),
paid_ended AS (
    SELECT member_id, SUM(sign) AS months FROM joined WHERE month_index <= :ended GROUP BY member_id
)
SELECT 'start' AS kind, branch_id, low AS month_index, COUNT(*) AS number, SUM(amount_fen) AS fen, 0 AS collected
FROM owed GROUP BY branch_id, low
UNION ALL
SELECT 'stop', branch_id, high + 1, COUNT(*), SUM(amount_fen), 0 FROM owed WHERE high < :last GROUP BY branch_id, high
UNION ALL
SELECT 'paid', branch_id, month_index, SUM(sign), SUM(sign * standard_fen), SUM(amount_fen)
FROM joined GROUP BY branch_id, month_index
UNION ALL
SELECT 'debtors', o.branch_id, 0, COUNT(*), 0, 0
FROM owed_ended o LEFT JOIN paid_ended p ON p.member_id = o.member_id
WHERE o.months > COALESCE(p.months, 0) GROUP BY o.branch_id
"""


def _ledger_select(starts: dict[int, Month]) -> tuple[str, dict[str, int]]:
    """The branches' chosen ledger starts (month indexes) as a SELECT … UNION ALL (one row that matches
    no branch when none has chosen)."""
    parts, values = [], {}
    for number, (branch_id, month) in enumerate(sorted(starts.items())):
        parts.append(f"SELECT :lb{number}, :ls{number}")
        values[f"lb{number}"], values[f"ls{number}"] = branch_id, month.index
    return (" UNION ALL ".join(parts) or "SELECT -1, 0"), values


def ledger_starts(connection: Any) -> dict[int, Month]:
    """branch id -> the month its ledger is kept from (only branches that chose one)."""
    chosen = settings.read_every_branch(connection, settings.DUES_LEDGER_START)
    return {branch_id: Month.parse(value) for branch_id, value in chosen.items() if value}


@dataclass
class _Figures:
    """One branch's month figures as read: changes of the due at each month, and the paid ones."""

    due_change: dict[int, int] = field(default_factory=dict)  # month index -> fen added (or taken off)
    owing_change: dict[int, int] = field(default_factory=dict)  # month index -> members added
    paid: dict[int, tuple[int, int]] = field(default_factory=dict)  # month index -> (members, their fen)
    collected: dict[int, int] = field(default_factory=dict)  # month index -> fen allocated
    debtors: int = 0


def _read(
    connection: Any,
    branch_ids: Sequence[int],
    year: int,
    last_month: int,
    this_month: Month,
    starts: dict[int, Month],
) -> dict[int, _Figures]:
    ledger, values = _ledger_select(starts)
    first, last = Month(year, 1), Month(year, last_month)
    rows = connection.execute(
        text(_DUES_SQL.format(ledger=ledger)).bindparams(bindparam("branches", expanding=True)),
        {
            "branches": list(branch_ids) or [-1],
            "first": first.index,
            "last": last.index,
            "ended": min(last.index, this_month.index - 1),
            "first_month": first.as_int,
            "last_month": last.as_int,
            "yes": True,
            "active": ACTIVE,
            **values,
        },
    )
    figures: dict[int, _Figures] = {}
    for kind, branch_id, month_index, number, fen, collected in rows:
        found = figures.setdefault(branch_id, _Figures())
        number, fen = int(number or 0), int(fen or 0)
        if kind == "debtors":
            found.debtors = number
        elif kind == "paid":
            found.paid[month_index] = (number, fen)
            found.collected[month_index] = int(collected or 0)
        else:
            sign = 1 if kind == "start" else -1
            found.due_change[month_index] = found.due_change.get(month_index, 0) + sign * fen
            found.owing_change[month_index] = found.owing_change.get(month_index, 0) + sign * number
    return figures


def _handed_up(connection: Any, year: int) -> dict[tuple[int, int], int]:
    h = DuesHandUp.__table__.c
    month = func.extract("month", h.handed_on)
    rows = connection.execute(
        select(h.branch_id, month, func.sum(h.amount_fen))
        .where(h.handed_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .group_by(h.branch_id, month)
    )
    return {(branch_id, Month(year, int(number)).as_int): int(fen or 0) for branch_id, number, fen in rows}


def _branch_months(
    figures: _Figures, year: int, last_month: int, ended: Month, start: Month | None
) -> list[DuesMonth]:
    months = []
    due = owing = 0
    for number in range(1, last_month + 1):
        month = Month(year, number)
        due += figures.due_change.get(month.index, 0)
        owing += figures.owing_change.get(month.index, 0)
        paid, paid_fen = figures.paid.get(month.index, (0, 0))
        counted = month <= ended  # a month not yet ended is not arrears
        months.append(
            DuesMonth(
                month=number,
                due=from_fen(due),
                collected=from_fen(figures.collected.get(month.index, 0)),
                handed_up=ZERO,
                arrears=from_fen(due - paid_fen if counted else 0),
                unpaid=owing - paid if counted else 0,
                on_paper=start is not None and month < start,
            )
        )
    return months


def dues_section(connection: Any, branches: Sequence[BranchName], year: int, today: dt.date) -> DuesSection:
    current = Month.of(today)
    if year > current.year:
        return DuesSection(year, 0, tuple(BranchDues(b.id, b.name, (), 0) for b in branches))
    last_month = 12 if year < current.year else current.month
    starts = ledger_starts(connection)
    figures = _read(connection, [b.id for b in branches], year, last_month, current, starts)
    handed = _handed_up(connection, year)
    rows = []
    for branch in branches:
        found = figures.get(branch.id, _Figures())
        months = _branch_months(found, year, last_month, current - 1, starts.get(branch.id))
        months = [
            replace(m, handed_up=from_fen(handed.get((branch.id, Month(year, m.month).as_int), 0)))
            for m in months
        ]
        rows.append(BranchDues(branch.id, branch.name, tuple(months), found.debtors))
    return DuesSection(year, last_month, tuple(rows))
