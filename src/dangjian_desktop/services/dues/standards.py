"""核定标准: declaring each member's monthly dues for a year, carrying them over, and what a range of months
costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Required, TypedDict, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.choices import ACTIVE, DUES_CATEGORY
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.money import ZERO, from_fen, to_fen
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.dues.common import (
    DuesSettings,
    _active_standards,
    _by_group,
    _member,
    _settings_in,
    _standard_for,
    dues_settings,
)
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesStandard,
)
from dangjian_desktop.store.models import Member


@dataclass(frozen=True)
class StandardInfo:
    id: int
    member_id: int
    year: int
    from_month: Month
    category: str
    income: Decimal | None
    rate: Decimal | None
    amount: Decimal
    capped: bool
    rules_title: str
    declared_on: dt.date
    note: str
    active: bool

    @property
    def category_label(self) -> str:
        return DUES_CATEGORY.label(self.category)

    @property
    def basis(self) -> str:
        """The 依据 in words (the article of the rules; the branch's own decision for farmers)."""
        return rules.standard_basis(self.category, self.capped)


@dataclass(frozen=True)
class StandardRow:
    """A member on the 核定标准 tab: the standard declared for the year, or None (未核定)."""

    member_id: int
    name: str
    party_group: str
    roster_category: str  # the roster's work / income category, a hint for declaring
    standard: StandardInfo | None
    previous: StandardInfo | None  # the latest standard of an earlier year (carried forward)


def _standard_info(row: DuesStandard) -> StandardInfo:
    return StandardInfo(
        id=row.id,
        member_id=row.member_id,
        year=row.year,
        from_month=Month.from_int(row.from_month),
        category=row.category,
        income=None if row.income_fen is None else from_fen(row.income_fen),
        rate=Decimal(row.rate) if row.rate else None,
        amount=from_fen(row.amount_fen),
        capped=row.capped,
        rules_title=next((t.title for t in rules.RULE_TABLES if t.key == row.rules), row.rules),
        declared_on=row.declared_on,
        note=row.note,
        active=row.active,
    )


class Declaration(TypedDict, total=False):
    """What a declaration says, as :func:`declare_standards` takes it."""

    year: Required[int]
    category: Required[str]
    income: object
    from_month: Month | None
    note: str
    declared_on: dt.date | None


def declare_standard(
    workspace: Workspace, member_id: int, **declaration: Unpack[Declaration]
) -> StandardInfo:
    """核定 a member's monthly dues for a year (2017 notice: 年初核定, 年内一般不变动; a mid-year change is
    possible with ``from_month``). An earlier declaration for the same months is kept as history."""
    return declare_standards(workspace, [member_id], **declaration)[0]


def declare_standards(
    workspace: Workspace,
    member_ids: Sequence[int],
    *,
    year: int,
    category: str,
    income: object = None,
    from_month: Month | None = None,
    note: str = "",
    declared_on: dt.date | None = None,
) -> list[StandardInfo]:
    """核定 several members at once with the same category (and income), in one transaction: all or none.
    Each member gets their own standard and audit entry."""
    branch_id = workspace.require_branch()
    config = dues_settings(workspace)
    code = rules.dues_category_code(category)
    with workspace.db.transaction() as session:
        return [
            _declare_in(
                session,
                branch_id,
                _member(session, branch_id, member_id),
                year=year,
                code=code,
                income=income,
                from_month=from_month,
                note=note,
                declared_on=declared_on or dt.date.today(),
                config=config,
            )
            for member_id in member_ids
        ]


def _declare_in(
    session: Session,
    branch_id: int,
    member: Member,
    *,
    year: int,
    code: str,
    income: object,
    from_month: Month | None,
    note: str,
    declared_on: dt.date,
    config: DuesSettings,
) -> StandardInfo:
    # never before the month the member joined (2008 第八条), whatever month was chosen
    start = max(
        from_month or Month(year, 1), rules.first_owed_month(year, member.joined_date, member.category)
    )
    if start.year != year:
        raise FieldErrors({"from_month": _("The first month must be in {year}.").format(year=year)})
    assessment = rules.assess_standard(
        code,
        income if code in rules.INCOME_CATEGORIES else None,
        start.first_day,  # the rule table in force in the first month the standard applies to
        farmer_amount=config.farmer_amount,
        rounding=config.rounding,
    )
    existing = _active_standards(session, branch_id, member.id)
    replaced = [row for row in existing if row.year == year and row.from_month >= start.as_int]
    for row in replaced:
        row.active = False
    row = DuesStandard(
        branch_id=branch_id,
        member_id=member.id,
        year=year,
        from_month=start.as_int,
        category=code,
        income_fen=None if assessment.income is None else to_fen(assessment.income),
        rate="" if assessment.rate is None else str(assessment.rate),
        amount_fen=to_fen(assessment.amount),
        capped=assessment.capped,
        rules=assessment.rules.key,
        declared_on=declared_on,
        note=normalize_text(note),
        active=True,
        created_at=dt.datetime.now(),
        created_by=current_user(),
    )
    session.add(row)
    session.flush()
    info = _standard_info(row)
    log_change(
        session,
        branch_id,
        "dues_standard",
        row.id,
        "insert" if not replaced else "update",
        f"{member.name} {year} {info.amount}",
        before={"replaced": [_standard_audit(r) for r in replaced]} if replaced else None,
        after=_standard_audit(row),
    )
    if not any(other.from_month > start.as_int for other in existing if other not in replaced):
        _set_member_category(session, branch_id, member, code)  # the latest standard is the member's
    return info


def _set_member_category(session: Session, branch_id: int, member: Member, code: str) -> None:
    """One notion of the dues category (review m10): the roster's 党费类别 is the category of the member's
    latest standard. Changed with its own audit entry on the member."""
    if member.dues_category == code:
        return
    before = member.dues_category
    member.dues_category = code
    member.updated_at = dt.datetime.now()
    log_change(
        session,
        branch_id,
        "member",
        member.id,
        "update",
        member.name,
        before={"dues_category": before},
        after={"dues_category": code},
    )


def follow_roster_category(session: Session, branch_id: int, member: Member, *, today: dt.date) -> None:
    """The member form changed the 党费类别 of a member who has a dues standard: the standard follows from
    this month on, within the caller's transaction (services.members.update_member). An income category
    needs the income; when no earlier standard of that category gives it, the change is refused with
    words saying where to declare it."""
    code = member.dues_category
    if not code:
        return
    standards = _active_standards(session, branch_id, member.id)
    current = _standard_for(standards, Month.of(today)) or (standards[-1] if standards else None)
    if current is None or current.category == code:
        return
    income = None
    if code in rules.INCOME_CATEGORIES:
        same = [row for row in standards if row.category == code and row.income_fen is not None]
        if not same:
            raise FieldErrors(
                {
                    "dues_category": _(
                        "{category} dues are worked out from the monthly income: declare it on the Party "
                        "dues page, tab 'Standards' (the category here then follows)."
                    ).format(category=DUES_CATEGORY.label(code))
                }
            )
        income = from_fen(same[-1].income_fen)
    month = max(Month.of(today), Month.from_int(current.from_month))
    _declare_in(
        session,
        branch_id,
        member,
        year=month.year,
        code=code,
        income=income,
        from_month=month,
        note=_("Category changed on the member form"),
        declared_on=today,
        config=_settings_in(session, branch_id),
    )


def _standard_audit(row: DuesStandard) -> dict[str, Any]:
    return {
        "id": row.id,
        "member_id": row.member_id,
        "year": row.year,
        "from_month": str(Month.from_int(row.from_month)),
        "category": row.category,
        "income": None if row.income_fen is None else str(from_fen(row.income_fen)),
        "rate": row.rate,
        "amount": str(from_fen(row.amount_fen)),
        "capped": row.capped,
        "rules": row.rules,
        "note": row.note,
    }


def standard_history(workspace: Workspace, member_id: int) -> list[StandardInfo]:
    """Every standard ever declared for a member, the re-declared ones included, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _member(session, branch_id, member_id)
        rows = session.scalars(
            select(DuesStandard)
            .where(DuesStandard.branch_id == branch_id, DuesStandard.member_id == member_id)
            .order_by(DuesStandard.id.desc())
        )
        return [_standard_info(r) for r in rows]


def standards_for_year(workspace: Workspace, year: int) -> list[StandardRow]:
    """Every member on the roster with the standard declared for ``year`` (None: 未核定)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        members = session.execute(
            select(Member.id, Member.name, Member.party_group, Member.dues_category)
            .where(Member.branch_id == branch_id, Member.status == ACTIVE)
            .order_by(Member.party_group, Member.id)
        ).all()
        members = sorted(members, key=_by_group)
        standards = session.scalars(
            select(DuesStandard)
            .where(
                DuesStandard.branch_id == branch_id,
                DuesStandard.active.is_(True),
                DuesStandard.year <= year,
            )
            .order_by(DuesStandard.from_month, DuesStandard.id)
        ).all()
    this_year: dict[int, DuesStandard] = {}
    earlier: dict[int, DuesStandard] = {}
    for row in standards:
        (this_year if row.year == year else earlier)[row.member_id] = row
    return [
        StandardRow(
            m.id,
            m.name,
            m.party_group,
            m.dues_category,
            _standard_info(this_year[m.id]) if m.id in this_year else None,
            _standard_info(earlier[m.id]) if m.id in earlier else None,
        )
        for m in members
    ]


def carry_forward_standards(workspace: Workspace, year: int) -> int:
    """Declare ``year`` for every member still 未核定 with the category and income of their latest
    standard (the amount is worked out again under the rules of ``year``). Returns how many."""
    count = 0
    for row in standards_for_year(workspace, year):
        if row.standard is None and row.previous is not None:
            declare_standard(
                workspace,
                row.member_id,
                year=year,
                category=row.previous.category,
                income=row.previous.income,
                note=_("Carried over from {year}").format(year=row.previous.year),
            )
            count += 1
    return count


def amount_due(workspace: Workspace, member_id: int, first: Month, last: Month) -> Decimal | None:
    """The standards of the months ``first``..``last`` added up; None when a month has no standard yet.
    Months already paid are counted too: the payment dialog shows what a payment for the range costs."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        standards = _active_standards(session, branch_id, member_id)
    total = ZERO
    for month in rules.month_range(first, last):
        standard = _standard_for(standards, month)
        if standard is None:
            return None
        total += from_fen(standard.amount_fen)
    return total
