"""Reading the audit log: who changed what, and when."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


# What an id in a logged record stands for, in words: the member's name, the matter's title, the notice's
# number, the meeting's date and topic. The log keeps the id (names change); the screen shows the words.
_REFERENCE_KEYS = {
    "member_id": "member",
    "matter_id": "matter",
    "notice_id": "notice",
    "refers_to": "notice",
    "meeting_id": "meeting",
}


def _ids(entry: AuditRecord, kind: str) -> set[int]:
    found = set()
    for values in (entry.before or {}, entry.after or {}):
        for key, value in values.items():
            if _REFERENCE_KEYS.get(key) == kind and isinstance(value, int) and not isinstance(value, bool):
                found.add(value)
    return found


def reference_names(workspace: Workspace, entry: AuditRecord) -> dict[str, dict[int, str]]:
    """For one entry: {"member": {3: "张秀英"}, "notice": {5: "党务公开〔2026〕第2号"}, ...}. An id whose
    record is gone is left out (the screen then shows the number)."""
    from dangjian_desktop.store.meetings_models import Meeting
    from dangjian_desktop.store.models import Member
    from dangjian_desktop.store.notices_models import Matter, Notice

    queries: dict[str, tuple[Any, Callable[[Any], str]]] = {  # model, its words
        "member": (Member, lambda row: row.name),
        "matter": (Matter, lambda row: row.title),
        "notice": (Notice, lambda row: row.number or row.title),
        "meeting": (Meeting, lambda row: f"{row.held_on.isoformat()} {row.topic}".strip()),
    }
    names: dict[str, dict[int, str]] = {}
    with workspace.db.transaction() as session:
        for kind, (model, words) in queries.items():
            ids = _ids(entry, kind)
            if ids:
                rows = session.scalars(select(model).where(model.id.in_(ids)))
                names[kind] = {row.id: words(row) for row in rows}
    return names
