"""Where the ledger starts: the month the program keeps the dues ledger from (earlier months are in the
paper book), and what the paper book says about each member before it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.services import settings
from dangjian_desktop.services.dues.common import _member
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.dues_models import (
    DuesOpeningNote,
    DuesStandard,
)


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
        log_change(
            session,
            branch_id,
            "dues_opening_note",
            row.id,
            "update" if before else "insert",
            member.name,
            before={"note": before} if before else None,
            after={"note": text_value},
        )
    return text_value
