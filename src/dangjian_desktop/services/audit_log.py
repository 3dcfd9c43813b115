"""Reading the audit log: who changed what, and when."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import AuditEntry


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    user: str
    table: str
    record_id: int | None
    action: str
    summary: str
    before: dict[str, object] | None
    after: dict[str, object] | None


def recent_entries(
    workspace: Workspace, limit: int = 2000, *, table: str | None = None, record_id: int | None = None
) -> list[AuditRecord]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if workspace.branch_id is not None:
        query = query.where((AuditEntry.branch_id == workspace.branch_id) | AuditEntry.branch_id.is_(None))
    if table:
        query = query.where(AuditEntry.table_name == table)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    with workspace.db.transaction() as session:
        return [
            AuditRecord(
                e.id,
                e.at,
                e.user,
                e.table_name,
                e.record_id,
                e.action,
                e.summary,
                json.loads(e.before) if e.before else None,
                json.loads(e.after) if e.after else None,
            )
            for e in session.scalars(query)
        ]
