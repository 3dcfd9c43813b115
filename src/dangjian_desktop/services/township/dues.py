"""Party dues by branch and month: due (应交), collected (实交, paid for the month), handed up (上缴, by
the day handed) and arrears (欠缴: months ended with nothing paid), in three statements over every branch.

The rules are those of the branch's own ledger (services/dues): a month is owed by a member on the roster
from their first standard on, at the standard in force that month (the latest one starting on or before
it); it is paid while its allocations sum above zero (a reversal cancels); the month not yet ended is not
arrears; months before the branch's chosen ledger start are in the paper book (not counted here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.money import ZERO, from_fen
from dangjian_desktop.services import settings
from dangjian_desktop.services.township.access import BranchName
from dangjian_desktop.store.dues_models import DuesAllocation, DuesHandUp


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


# The standard in force runs from its month to the next standard's (LEAD over the member's standards);
# the year's months (from the branch's ledger start) are joined to those runs, and the member-months with
# nothing paid are the arrears. Portable: window functions and WITH RECURSIVE run on SQLite (3.25+) and
# PostgreSQL alike. {ledger} is one SELECT per branch with a chosen ledger start.
_OWED_SQL = """
WITH RECURSIVE
months(m) AS (
    SELECT :first UNION ALL SELECT m + 1 FROM months WHERE m < :last
),
ledger(branch_id, start_month) AS ({ledger}),
runs AS (
    SELECT s.branch_id, s.member_id, s.from_month, s.amount_fen,
           LEAD(s.from_month) OVER (PARTITION BY s.member_id ORDER BY s.from_month, s.id) AS next_month
    FROM dues_standard s JOIN member mb ON mb.id = s.member_id
    WHERE s.active = :yes AND mb.status = :active AND s.from_month <= :last
),
owed AS (
    SELECT r.branch_id, r.member_id, mo.m AS month, r.amount_fen
    FROM runs r
    JOIN months mo ON mo.m >= r.from_month AND (r.next_month IS NULL OR mo.m < r.next_month)
    LEFT JOIN ledger l ON l.branch_id = r.branch_id
    WHERE mo.m >= COALESCE(l.start_month, 0)
),
paid AS (
    SELECT a.member_id, a.month, SUM(a.amount_fen) AS net
    FROM dues_allocation a WHERE a.month >= :first AND a.month <= :last
    GROUP BY a.member_id, a.month
),
marked AS (
    SELECT o.branch_id, o.member_id, o.month, o.amount_fen,
           CASE WHEN o.month < :this_month AND COALESCE(p.net, 0) <= 0 THEN 1 ELSE 0 END AS unpaid
    FROM owed o LEFT JOIN paid p ON p.member_id = o.member_id AND p.month = o.month
)
SELECT branch_id, month, SUM(amount_fen) AS due_fen, SUM(unpaid) AS unpaid,
       SUM(unpaid * amount_fen) AS arrears_fen, 0 AS debtors
FROM marked GROUP BY branch_id, month
UNION ALL
SELECT branch_id, 0, 0, 0, 0, COUNT(DISTINCT member_id) FROM marked WHERE unpaid = 1 GROUP BY branch_id
"""


def _ledger_select(starts: dict[int, Month]) -> tuple[str, dict[str, int]]:
    """The branches' chosen ledger starts as a SELECT … UNION ALL (one row that matches no branch when
    none has chosen)."""
    parts, values = [], {}
    for number, (branch_id, month) in enumerate(sorted(starts.items())):
        parts.append(f"SELECT :lb{number}, :ls{number}")
        values[f"lb{number}"], values[f"ls{number}"] = branch_id, month.as_int
    return (" UNION ALL ".join(parts) or "SELECT -1, 0"), values


def ledger_starts(connection: Any) -> dict[int, Month]:
    """branch id -> the month its ledger is kept from (only branches that chose one)."""
    chosen = settings.read_every_branch(connection, settings.DUES_LEDGER_START)
    return {branch_id: Month.parse(value) for branch_id, value in chosen.items() if value}


def _owed(
    connection: Any, year: int, last_month: int, this_month: int, starts: dict[int, Month]
) -> tuple[dict[tuple[int, int], Any], dict[int, int]]:
    """(branch, month) -> due, unpaid, arrears; and branch -> members with an unpaid month."""
    ledger, values = _ledger_select(starts)
    statement = text(_OWED_SQL.format(ledger=ledger))
    rows = connection.execute(
        statement,
        {
            "first": Month(year, 1).as_int,
            "last": Month(year, last_month).as_int,
            "this_month": this_month,
            "yes": True,
            "active": ACTIVE,
            **values,
        },
    ).all()
    months = {(r.branch_id, r.month): r for r in rows if r.month}
    debtors = {r.branch_id: int(r.debtors) for r in rows if not r.month}
    return months, debtors


def _collected(connection: Any, year: int, last_month: int) -> dict[tuple[int, int], int]:
    a = DuesAllocation.__table__.c
    rows = connection.execute(
        select(a.branch_id, a.month, func.sum(a.amount_fen))
        .where(a.month.between(Month(year, 1).as_int, Month(year, last_month).as_int))
        .group_by(a.branch_id, a.month)
    )
    return {(branch_id, month): int(fen or 0) for branch_id, month, fen in rows}


def _handed_up(connection: Any, year: int) -> dict[tuple[int, int], int]:
    h = DuesHandUp.__table__.c
    month = func.extract("month", h.handed_on)
    rows = connection.execute(
        select(h.branch_id, month, func.sum(h.amount_fen))
        .where(h.handed_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .group_by(h.branch_id, month)
    )
    return {(branch_id, Month(year, int(number)).as_int): int(fen or 0) for branch_id, number, fen in rows}


def dues_section(connection: Any, branches: Sequence[BranchName], year: int, today: dt.date) -> DuesSection:
    current = Month.of(today)
    last_month = 12 if year < current.year else current.month
    if year > current.year:
        return DuesSection(year, 0, tuple(BranchDues(b.id, b.name, (), 0) for b in branches))
    starts = ledger_starts(connection)
    owed, debtors = _owed(connection, year, last_month, current.as_int, starts)
    collected = _collected(connection, year, last_month)
    handed = _handed_up(connection, year)
    rows = []
    for branch in branches:
        months = []
        for number in range(1, last_month + 1):
            key = (branch.id, Month(year, number).as_int)
            found = owed.get(key)
            start = starts.get(branch.id)
            months.append(
                DuesMonth(
                    month=number,
                    due=from_fen(found.due_fen if found else 0),
                    collected=from_fen(collected.get(key, 0)),
                    handed_up=from_fen(handed.get(key, 0)),
                    arrears=from_fen(found.arrears_fen if found else 0),
                    unpaid=int(found.unpaid) if found else 0,
                    on_paper=start is not None and Month(year, number) < start,
                )
            )
        rows.append(BranchDues(branch.id, branch.name, tuple(months), debtors.get(branch.id, 0)))
    return DuesSection(year, last_month, tuple(rows))
