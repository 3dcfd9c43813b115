"""What every dues use case shares: the settings, the branch and member lookups, the standards in force,
the order of the lists and the receipt number's form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain.choices import DELETED
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import FieldErrors, NotFound
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesStandard,
)
from dangjian_desktop.store.models import Branch, Member

PAYMENT, REVERSAL = "payment", "reversal"


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


def dues_settings(workspace: Workspace) -> DuesSettings:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _settings_in(session, branch_id)


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
        return _collector_in(session, branch_id, None)


def _collector_in(session: Session, branch_id: int, typed: str | None) -> str:
    """Who received the money: as typed, else the branch's secretary, else the computer's user name."""
    if typed:
        return normalize_text(typed)
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


def _by_group(row: Any) -> tuple[Any, ...]:
    """Members by Party group in natural order (第一, 第二, 第三 …, not 第一, 第三, 第二), then as entered."""
    return (party_group_order(row.party_group), row.id)


def receipt_number(year: int, serial: int) -> str:
    return f"{year}-{serial:04d}"
