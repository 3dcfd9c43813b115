"""欠缴: the members with unpaid months, oldest first, in one portable SQL statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select, text

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.money import from_fen
from dangjian_desktop.services.dues.common import dues_settings
from dangjian_desktop.services.dues.opening import ledger_start_chosen
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.dues_models import (
    DuesStandard,
)
from dangjian_desktop.store.models import Member


@dataclass(frozen=True)
class ArrearsRow:
    member_id: int
    name: str
    party_group: str
    months: tuple[Month, ...]  # unpaid months that have ended (or up to an explicit as-of), oldest first
    consecutive: int  # unpaid months in a row ending at the last month counted
    flag: str  # domain.dues FLAG_* code
    standard: Decimal  # the standard in force at the as-of month
    this_month_unpaid: bool = False  # the current, unfinished month is not paid yet (本月未交, not arrears)

    @property
    def flag_label(self) -> str:
        return rules.flag_label(self.flag)

    @property
    def oldest(self) -> Month:
        return self.months[0]

    @property
    def older_count(self) -> int:
        """Unpaid months before the run that ends now ("另有 N 个月未交")."""
        return len(self.months) - self.consecutive

    @property
    def run_start(self) -> Month | None:
        """The first month of the unpaid run that ends now."""
        return self.months[-self.consecutive] if self.consecutive else None


# One statement: members with fewer paid months than owed months since their first standard, then the
# unpaid months of those members only. A month is paid while it has more paying allocations than reversing
# ones (a reversal negates each month of the payment it reverses, and a paid month cannot be paid twice),
# so the paid months are counted with one pass over the allocation index, without grouping by month. Portable SQL (SQLite and PostgreSQL): WITH RECURSIVE, integer
# arithmetic on YYYYMM months, no group_concat/string_agg.
_ARREARS_SQL = text(
    """
WITH RECURSIVE
months(m) AS (
    SELECT :start_month
    UNION ALL
    SELECT CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END FROM months WHERE m < :as_of
),
starts AS (
    SELECT s.member_id,
           CASE WHEN MIN(s.from_month) < :ledger_start THEN :ledger_start ELSE MIN(s.from_month) END
               AS first_month
    FROM dues_standard s JOIN member mb ON mb.id = s.member_id AND mb.branch_id = s.branch_id
    WHERE s.branch_id = :branch AND s.active = :yes AND s.from_month <= :as_of AND mb.status = :active
    GROUP BY s.member_id
),
paid AS (
    -- one streaming pass over the (member, month) index; "+a.month" keeps SQLite on that index
    SELECT a.member_id, MIN(a.month) AS earliest,
           SUM(CASE WHEN a.amount_fen > 0 THEN 1 WHEN a.amount_fen < 0 THEN -1 ELSE 0 END) AS paid_count
    FROM dues_allocation a
    WHERE a.branch_id = :branch AND +a.month <= :as_of
    GROUP BY a.member_id
),
debtors AS (
    SELECT st.member_id, st.first_month
    FROM starts st LEFT JOIN paid p ON p.member_id = st.member_id
    WHERE :as_of_index - ((st.first_month / 100) * 12 + st.first_month % 100 - 1) + 1 > CASE
        WHEN p.member_id IS NULL THEN 0
        WHEN p.earliest >= st.first_month THEN p.paid_count
        ELSE (  -- rare: months paid before a later re-declared first standard are not counted
            SELECT COALESCE(SUM(CASE WHEN a.amount_fen > 0 THEN 1 WHEN a.amount_fen < 0 THEN -1 ELSE 0 END), 0)
            FROM dues_allocation a
            WHERE a.branch_id = :branch AND a.member_id = st.member_id
              AND a.month >= st.first_month AND a.month <= :as_of
        )
    END
)
SELECT d.member_id, mo.m AS month
FROM debtors d
JOIN months mo ON mo.m >= d.first_month
LEFT JOIN (
    SELECT a.member_id, a.month, SUM(a.amount_fen) AS net
    FROM debtors d2 JOIN dues_allocation a
      ON a.branch_id = :branch AND a.member_id = d2.member_id AND a.month <= :as_of
    GROUP BY a.member_id, a.month
) p ON p.member_id = d.member_id AND p.month = mo.m
WHERE COALESCE(p.net, 0) <= 0
ORDER BY d.member_id, mo.m
"""
)


def _members_and_standards(
    connection: Connection, branch_id: int, member_ids: Sequence[int], upto: Month
) -> tuple[dict[int, Any], dict[int, int]]:
    """Name and group of each member, and the standard in force at ``upto`` (in chunks: SQLite takes
    at most 999 parameters)."""
    s = DuesStandard.__table__.c
    info: dict[int, Any] = {}
    standards: dict[int, int] = {}
    for chunk_start in range(0, len(member_ids), 900):
        chunk = member_ids[chunk_start : chunk_start + 900]
        for member in connection.execute(
            select(Member.id, Member.name, Member.party_group).where(Member.id.in_(chunk))
        ):
            info[member.id] = member
        for standard in connection.execute(
            select(s.member_id, s.amount_fen)
            .where(
                s.branch_id == branch_id,
                s.active.is_(True),
                s.member_id.in_(chunk),
                s.from_month <= upto.as_int,
            )
            .order_by(s.from_month, s.id)
        ):
            standards[standard.member_id] = standard.amount_fen  # the last one wins: the standard in force
    return info, standards


def _run_length(ended: Sequence[Month], last_counted: Month) -> int:
    """Unpaid months in a row ending at ``last_counted``."""
    consecutive = 0
    expected = last_counted
    for month in reversed(ended):
        if month != expected:
            break
        consecutive += 1
        expected = expected - 1
    return consecutive


def arrears(
    workspace: Workspace, as_of: Month | None = None, *, today: dt.date | None = None
) -> list[ArrearsRow]:
    """Members on the roster with unpaid months, oldest first.

    ``as_of`` given: every month up to the end of that month counts. Not given: as of ``today``, and the
    current month has not ended, so it is not arrears: it is reported as ``this_month_unpaid`` (本月未交)
    and the runs count ended months only. Months before a member's first standard, and before the
    month the ledger starts (the paper book), are never arrears."""
    branch_id = workspace.require_branch()
    current = Month.of(today or dt.date.today())
    upto = as_of or current
    config = dues_settings(workspace)
    chosen = ledger_start_chosen(workspace)
    s = DuesStandard.__table__.c
    with workspace.db.engine.connect() as connection:
        start = connection.execute(
            select(func.min(s.from_month)).where(s.branch_id == branch_id, s.active.is_(True))
        ).scalar()
        if start is None:
            return []
        ledger = max(start, chosen.as_int) if chosen is not None else start
        if ledger > upto.as_int:
            return []
        unpaid = connection.execute(
            _ARREARS_SQL,
            {
                "branch": branch_id,
                "start_month": ledger,
                "ledger_start": ledger,
                "as_of": upto.as_int,
                "as_of_index": upto.index,
                "yes": True,
                "active": ACTIVE,
            },
        ).all()
        info, standards = _members_and_standards(
            connection, branch_id, sorted({r.member_id for r in unpaid}), upto
        )
    grouped: dict[int, list[Month]] = {}
    for r in unpaid:
        grouped.setdefault(r.member_id, []).append(Month.from_int(r.month))
    last_counted = upto if as_of is not None or upto < current else current - 1
    result = []
    for member_id, months in grouped.items():
        this_month_unpaid = months[-1] > last_counted
        ended = [m for m in months if m <= last_counted]
        if not ended:
            continue  # only the current month is unpaid: not arrears
        consecutive = _run_length(ended, last_counted)
        member = info[member_id]
        result.append(
            ArrearsRow(
                member_id=member_id,
                name=member.name,
                party_group=member.party_group,
                months=tuple(ended),
                consecutive=consecutive,
                flag=rules.arrears_flag(consecutive, config.remind_at, config.warn_at),
                standard=from_fen(standards.get(member_id, 0)),
                this_month_unpaid=this_month_unpaid,
            )
        )
    result.sort(
        key=lambda row: (row.oldest, -len(row.months), party_group_order(row.party_group), row.member_id)
    )
    return result


def arrears_up_to(workspace: Workspace, month: Month, *, today: dt.date | None = None) -> list[ArrearsRow]:
    """The 欠缴 list as the page and its printout show it: up to this month (or later), as of today
    (ended months only, this month apart); up to an earlier month, every month to its end."""
    today = today or dt.date.today()
    if month >= Month.of(today):
        return arrears(workspace, today=today)
    return arrears(workspace, month)
