"""Party dues use cases (党费): declare standards, record and reverse payments, arrears, reports, hand-ups.

The rules are in ``domain.dues`` (with their sources); this module owns the transactions, writes the
audit log in the same transaction as every change, and returns frozen DTOs, never ORM objects.
Lists that grow with the roster (arrears, year sheet) are computed in SQL, one statement each, not with
a query per member: they must stay fast for 10,000 members × 5 years (``bench/bench_dues.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import case, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED, DUES_CATEGORY
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors, NotFound
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.money import ZERO, amount_in_words, from_fen, parse_amount, to_fen
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import numbering, settings
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesAllocation,
    DuesHandUp,
    DuesOpeningNote,
    DuesPayment,
    DuesReceipt,
    DuesStandard,
)
from dangjian_desktop.store.models import Branch, Member

PAYMENT, REVERSAL = "payment", "reversal"
MAX_MONTHS_IN_ONE_PAYMENT = 36

# --- DTOs ------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class DuesSettings:
    farmer_amount: Decimal
    months_ahead: int
    months_back: int
    remind_at: int
    warn_at: int
    handup_period: str
    rounding: str


class ReasonRequired(FieldErrors):
    """The payment is outside the allowed months: the secretary must type a reason."""

    def __init__(self, message: str) -> None:
        super().__init__({"reason": message})


# --- helpers ---------------------------------------------------------------------------------------


def dues_settings(workspace: Workspace) -> DuesSettings:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _settings_in(session, branch_id)


def _branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    assert branch is not None
    return branch


def branch_name(workspace: Workspace) -> str:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _branch(session, branch_id).name


def default_collector(workspace: Workspace) -> str:
    """The secretary named in the branch profile, else the computer's user name."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _branch(session, branch_id).secretary or current_user()


def _member(session: Session, branch_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != branch_id or member.status == DELETED:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def find_member(workspace: Workspace, text_value: str) -> tuple[int, str]:
    """A member by id number (digits, as in ``dangjian members list``) or exact name; (id, name)."""
    found = member_service.find_member(workspace, text_value)
    return found.id, found.name


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


def _active_standards(session: Session, branch_id: int, member_id: int) -> list[DuesStandard]:
    return list(
        session.scalars(
            select(DuesStandard)
            .where(
                DuesStandard.branch_id == branch_id,
                DuesStandard.member_id == member_id,
                DuesStandard.active.is_(True),
            )
            .order_by(DuesStandard.from_month, DuesStandard.id)
        )
    )


def _standard_for(standards: Sequence[DuesStandard], month: Month) -> DuesStandard | None:
    """The standard in force in a month: the latest one that starts on or before it (a standard carries
    on into the next year until it is re-declared)."""
    found = None
    for row in standards:
        if row.from_month <= month.as_int:
            found = row
    return found


# --- where the ledger starts -----------------------------------------------------------------------


def ledger_start_chosen(workspace: Workspace) -> Month | None:
    """The month the secretary said the program keeps the ledger from, or None (not asked yet)."""
    stored = settings.get(workspace, settings.DUES_LEDGER_START)
    return Month.parse(stored) if stored else None


def ledger_start(workspace: Workspace) -> Month | None:
    """The month the ledger starts: the chosen one, else the first declared standard's month (None when
    there is no standard yet). Months before it are in the paper book: never arrears, never on a
    公示, shown as 纸质台账 on the year sheet."""
    chosen = ledger_start_chosen(workspace)
    if chosen is not None:
        return chosen
    branch_id = workspace.require_branch()
    s = DuesStandard.__table__.c
    with workspace.db.engine.connect() as connection:
        first = connection.execute(
            select(func.min(s.from_month)).where(s.branch_id == branch_id, s.active.is_(True))
        ).scalar()
    return None if first is None else Month.from_int(first)


def set_ledger_start(workspace: Workspace, month: object) -> Month:
    """Choose the month the ledger starts (audited, like every setting)."""
    value = Month.parse(month)
    settings.set_value(workspace, settings.DUES_LEDGER_START, str(value))
    return value


def opening_notes(workspace: Workspace) -> dict[int, str]:
    """member id -> what the paper book says about the months before the ledger start."""
    branch_id = workspace.require_branch()
    o = DuesOpeningNote.__table__.c
    with workspace.db.engine.connect() as connection:
        return {
            r.member_id: r.note
            for r in connection.execute(select(o.member_id, o.note).where(o.branch_id == branch_id))
            if r.note
        }


def set_opening_note(workspace: Workspace, member_id: int, note: str) -> str:
    """Keep (or clear, with an empty text) a member's opening note; audited."""
    branch_id = workspace.require_branch()
    text_value = normalize_text(note)
    with workspace.db.transaction() as session:
        member = _member(session, branch_id, member_id)
        row = session.scalar(
            select(DuesOpeningNote).where(
                DuesOpeningNote.branch_id == branch_id, DuesOpeningNote.member_id == member_id
            )
        )
        before = row.note if row is not None else ""
        if before == text_value:
            return text_value
        if row is None:
            row = DuesOpeningNote(branch_id=branch_id, member_id=member_id, note=text_value)
            session.add(row)
        row.note = text_value
        row.updated_at = dt.datetime.now()
        row.updated_by = current_user()
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="dues_opening_note",
            record_id=row.id,
            action="update" if before else "insert",
            summary=member.name,
            before={"note": before} if before else None,
            after={"note": text_value},
        )
    return text_value


# --- standards -------------------------------------------------------------------------------------


def declare_standard(
    workspace: Workspace,
    member_id: int,
    *,
    year: int,
    category: str,
    income: object = None,
    from_month: Month | None = None,
    note: str = "",
    declared_on: dt.date | None = None,
) -> StandardInfo:
    """核定 a member's monthly dues for a year (2017 notice: 年初核定, 年内一般不变动; a mid-year change is
    possible with ``from_month``). An earlier declaration for the same months is kept as history."""
    return declare_standards(
        workspace,
        [member_id],
        year=year,
        category=category,
        income=income,
        from_month=from_month,
        note=note,
        declared_on=declared_on,
    )[0]


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
    audit.record(
        session,
        branch_id=branch_id,
        table="dues_standard",
        record_id=row.id,
        action="insert" if not replaced else "update",
        summary=f"{member.name} {year} {info.amount}",
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
    audit.record(
        session,
        branch_id=branch_id,
        table="member",
        record_id=member.id,
        action="update",
        summary=member.name,
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


def _settings_in(session: Session, branch_id: int) -> DuesSettings:
    return DuesSettings(
        farmer_amount=settings.read_in(session, branch_id, settings.DUES_FARMER_AMOUNT),
        months_ahead=settings.read_in(session, branch_id, settings.DUES_MONTHS_AHEAD),
        months_back=settings.read_in(session, branch_id, settings.DUES_MONTHS_BACK),
        remind_at=settings.read_in(session, branch_id, settings.DUES_REMIND_AT),
        warn_at=settings.read_in(session, branch_id, settings.DUES_WARN_AT),
        handup_period=settings.read_in(session, branch_id, settings.DUES_HANDUP_PERIOD),
        rounding=settings.read_in(session, branch_id, settings.DUES_ROUNDING),
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


def _by_group(row: Any) -> tuple:
    """Members by Party group in natural order (第一, 第二, 第三 …, not 第一, 第三, 第二), then as entered."""
    return (party_group_order(row.party_group), row.id)


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


# --- payments --------------------------------------------------------------------------------------


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


def receipt_number(year: int, serial: int) -> str:
    return f"{year}-{serial:04d}"


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
        raise FieldErrors(
            {
                "months": _(
                    "{name} has no dues standard for {months} yet. Declare the standard first (tab 'Standards')."
                ).format(name=member.name, months=rules.describe_months(undeclared))
            }
        )
    already = _paid_months(session, branch_id, member.id, months)
    if already:
        raise FieldErrors(
            {
                "months": _("{name} has already paid for {months}.").format(
                    name=member.name, months=rules.describe_months(already)
                )
            }
        )
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
        generations = _next_generations(session, branch_id, member.id, months)
        try:
            session.execute(
                insert(DuesAllocation),
                [
                    {
                        "branch_id": branch_id,
                        "payment_id": payment.id,
                        "member_id": member.id,
                        "month": month.as_int,
                        "amount_fen": to_fen(value),
                        "generation": generations.get(month.as_int, 0),
                    }
                    for month, value in allocation.months
                ],
            )
        except IntegrityError as error:  # paid at this very moment in another window
            raise FieldErrors(
                {
                    "months": _("{name} has already paid for {months}.").format(
                        name=member.name, months=rules.describe_months(months)
                    )
                }
            ) from error
    number = ""
    if not paid_where:  # paid elsewhere: the receipt was given there
        serial = numbering.issue(session, numbering.receipt_series(branch_id, paid_on.year))
        session.add(
            DuesReceipt(
                branch_id=branch_id,
                payment_id=payment.id,
                year=paid_on.year,
                serial=serial,
                issued_on=paid_on,
                created_at=dt.datetime.now(),
            )
        )
        number = receipt_number(paid_on.year, serial)
    audit.record(
        session,
        branch_id=branch_id,
        table="dues_payment",
        record_id=payment.id,
        action="insert",
        summary=f"{member.name} {rules.describe_months(months)} {amount}",
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
    config = dues_settings(workspace)
    today = today or dt.date.today()
    collector_name = normalize_text(collector) if collector else default_collector(workspace)
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
            collector=collector_name,
            paid_where=normalize_text(paid_where),
            reason=normalize_text(reason),
            config=config,
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
    config = dues_settings(workspace)
    today = today or dt.date.today()
    collector_name = normalize_text(collector) if collector else default_collector(workspace)
    ids = []
    with numbering.locked_transaction(workspace) as session:
        for member_id in member_ids:
            member = _member(session, branch_id, member_id)
            standard = _standard_for(_active_standards(session, branch_id, member_id), month)
            if standard is None:
                raise FieldErrors(
                    {
                        "months": _(
                            "{name} has no dues standard for {months} yet. Declare the standard first (tab 'Standards')."
                        ).format(name=member.name, months=str(month))
                    }
                )
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
    return [get_payment(workspace, payment_id) for payment_id in ids]


def reverse_payment(
    workspace: Workspace, payment_id: int, reason: str, *, on: dt.date | None = None
) -> PaymentInfo:
    """Correct a wrong entry with a reversing entry that points at it; nothing is edited or deleted."""
    branch_id = workspace.require_branch()
    why = normalize_text(reason)
    if not why:
        raise FieldErrors({"reason": _("Please type why this entry is reversed.")})
    with numbering.locked_transaction(workspace) as session:
        original = session.get(DuesPayment, payment_id)
        if original is None or original.branch_id != branch_id:
            raise NotFound(_("This payment no longer exists. Please refresh the list."))
        if original.kind != PAYMENT:
            raise AppError(_("A reversal cannot itself be reversed. Record the payment again instead."))
        if session.scalar(select(DuesPayment.id).where(DuesPayment.reverses_id == payment_id)) is not None:
            raise AppError(_("This payment has already been reversed."))
        member = _member(session, branch_id, original.member_id)
        reversal = DuesPayment(
            branch_id=branch_id,
            member_id=original.member_id,
            kind=REVERSAL,
            paid_on=on or dt.date.today(),
            amount_fen=-original.amount_fen,
            extra_fen=-original.extra_fen,
            to_central=original.to_central,
            first_month=original.first_month,
            last_month=original.last_month,
            method=original.method,
            collector=original.collector,
            paid_where=original.paid_where,
            reason=why,
            reverses_id=original.id,
            created_at=dt.datetime.now(),
            created_by=current_user(),
        )
        session.add(reversal)
        session.flush()
        allocations = session.execute(
            select(DuesAllocation.month, DuesAllocation.amount_fen, DuesAllocation.generation).where(
                DuesAllocation.payment_id == payment_id
            )
        ).all()
        if allocations:
            session.execute(
                insert(DuesAllocation),
                [
                    {
                        "branch_id": branch_id,
                        "payment_id": reversal.id,
                        "member_id": original.member_id,
                        "month": a.month,
                        "amount_fen": -a.amount_fen,
                        "generation": a.generation,
                    }
                    for a in allocations
                ],
            )
        audit.record(
            session,
            branch_id=branch_id,
            table="dues_payment",
            record_id=reversal.id,
            action="reverse",
            summary=f"{member.name} {from_fen(original.amount_fen)}",
            before={"payment_id": original.id, "amount": str(from_fen(original.amount_fen))},
            after={"reverses_id": original.id, "amount": str(from_fen(reversal.amount_fen)), "reason": why},
        )
        reversal_id = reversal.id
    return get_payment(workspace, reversal_id)


def _payment_infos(
    session: Session, branch_id: int, payment_ids: Sequence[int] | None = None, member_id: int | None = None
) -> list[PaymentInfo]:
    reversal = aliased(DuesPayment)
    query = (
        select(DuesPayment, Member.name, DuesReceipt.year, DuesReceipt.serial, reversal.id)
        .join(Member, Member.id == DuesPayment.member_id)
        .outerjoin(DuesReceipt, DuesReceipt.payment_id == DuesPayment.id)
        .outerjoin(reversal, reversal.reverses_id == DuesPayment.id)
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
            id=p.id,
            member_id=p.member_id,
            member_name=name,
            kind=p.kind,
            paid_on=p.paid_on,
            amount=from_fen(p.amount_fen),
            extra=from_fen(p.extra_fen),
            to_central=p.to_central,
            months=tuple(months[p.id]),
            method=p.method,
            collector=p.collector,
            paid_where=p.paid_where,
            reason=p.reason,
            reverses_id=p.reverses_id,
            reversed_by_id=reversed_by,
            receipt_number=receipt_number(year, serial) if serial else "",
        )
        for p, name, year, serial, reversed_by in rows
    ]


def get_payment(workspace: Workspace, payment_id: int) -> PaymentInfo:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        found = _payment_infos(session, branch_id, [payment_id])
    if not found:
        raise NotFound(_("This payment no longer exists. Please refresh the list."))
    return found[0]


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


# --- the month's collection ------------------------------------------------------------------------


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
        .join(DuesPayment.__table__, p.id == a.payment_id)
        .outerjoin(DuesReceipt, DuesReceipt.payment_id == p.id)
        .outerjoin(reversal, reversal.reverses_id == p.id)
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


# --- arrears ---------------------------------------------------------------------------------------

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
    FROM dues_standard s JOIN member mb ON mb.id = s.member_id
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
        member_ids = sorted({r.member_id for r in unpaid})
        info: dict[int, Any] = {}
        standards: dict[int, int] = {}
        for chunk_start in range(0, len(member_ids), 900):
            chunk = member_ids[chunk_start : chunk_start + 900]
            for r in connection.execute(
                select(Member.id, Member.name, Member.party_group).where(Member.id.in_(chunk))
            ):
                info[r.id] = r
            for r in connection.execute(
                select(s.member_id, s.amount_fen)
                .where(
                    s.branch_id == branch_id,
                    s.active.is_(True),
                    s.member_id.in_(chunk),
                    s.from_month <= upto.as_int,
                )
                .order_by(s.from_month, s.id)
            ):
                standards[r.member_id] = r.amount_fen  # the last one wins: the standard in force
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
        consecutive = 0
        expected = last_counted
        for month in reversed(ended):
            if month != expected:
                break
            consecutive += 1
            expected = expected - 1
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


@lru_cache(maxsize=4096)
def _money_of(fen: int) -> Decimal:
    """``from_fen`` with a cache: a year sheet repeats the same few amounts 120,000 times."""
    return from_fen(fen)


# --- the year sheet --------------------------------------------------------------------------------


def year_sheet(workspace: Workspace, year: int, *, today: dt.date | None = None) -> YearSheet:
    """Members × 12 months: what each paid for each month of ``year``, the voluntary extras and totals.
    One pivot query (SUM(CASE …) per month) does the work; the rows come back ready."""
    branch_id = workspace.require_branch()
    today = today or dt.date.today()
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
        .select_from(DuesPayment.__table__.outerjoin(original, original.c.id == p.reverses_id))
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
    query = (
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
    not_owed = (False,) * 12
    first_standard = None
    for r in result:
        stored = r[7:19]
        fens = [fen or 0 for fen in stored]
        month_totals = [a + b for a, b in zip(month_totals, fens, strict=True)]
        owed = not_owed
        if r.first_month is not None:
            first_standard = min(first_standard or r.first_month, r.first_month)
            if r.status == ACTIVE:
                start = max(r.first_month, first_owed)
                owed = tuple(
                    start <= month < this_month and fen <= 0
                    for month, fen in zip(month_ints, fens, strict=True)
                )
        extra = r.extra_fen or 0
        extra_total += extra
        rows.append(
            YearSheetRow(
                member_id=r.id,
                name=r.name,
                party_group=r.party_group,
                standard=None if r.amount_fen is None else _money_of(r.amount_fen),
                months=tuple(None if fen is None else _money_of(fen) for fen in stored),
                owed=owed,
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


# --- hand-ups and balance --------------------------------------------------------------------------


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
        session.add(row)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="dues_handup",
            record_id=row.id,
            action="insert",
            summary=f"{who} {value}",
            after=_handup_audit(row),
        )
        handup_id = row.id
    return next(h for h in handups(workspace) if h.id == handup_id)


def reverse_handup(workspace: Workspace, handup_id: int, reason: str) -> HandUpInfo:
    branch_id = workspace.require_branch()
    why = normalize_text(reason)
    if not why:
        raise FieldErrors({"reason": _("Please type why this entry is reversed.")})
    with workspace.db.transaction() as session:
        original = session.get(DuesHandUp, handup_id)
        if original is None or original.branch_id != branch_id:
            raise NotFound(_("This entry no longer exists. Please refresh the list."))
        if original.reverses_id is not None:
            raise AppError(_("A reversal cannot itself be reversed. Record the payment again instead."))
        if session.scalar(select(DuesHandUp.id).where(DuesHandUp.reverses_id == handup_id)) is not None:
            raise AppError(_("This entry has already been reversed."))
        row = DuesHandUp(
            branch_id=branch_id,
            handed_on=dt.date.today(),
            amount_fen=-original.amount_fen,
            to_central=original.to_central,
            receiver=original.receiver,
            receipt_number=original.receipt_number,
            first_month=original.first_month,
            last_month=original.last_month,
            note=original.note,
            reverses_id=original.id,
            reason=why,
            created_at=dt.datetime.now(),
            created_by=current_user(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="dues_handup",
            record_id=row.id,
            action="reverse",
            summary=f"{original.receiver} {from_fen(original.amount_fen)}",
            before=_handup_audit(original),
            after=_handup_audit(row),
        )
        reversal_id = row.id
    return next(h for h in handups(workspace) if h.id == reversal_id)


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
    query = (
        select(DuesHandUp, reversal.id)
        .outerjoin(reversal, reversal.reverses_id == DuesHandUp.id)
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
            )
            for h, reversed_by in session.execute(query)
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


# --- 党费收缴情况公示 -------------------------------------------------------------------------------


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
        .select_from(DuesPayment.__table__.outerjoin(original, original.c.id == p.reverses_id))
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
            monthly_standard=standards[r.id].amount if standards.get(r.id) else None,
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


def amount_words(amount: Decimal) -> str:
    """The capitals printed on receipts (re-exported for the UI, which does not import the domain's
    money module for this alone)."""
    return amount_in_words(amount)


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
