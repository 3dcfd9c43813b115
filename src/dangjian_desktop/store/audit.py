"""The audit log: every change to a business record, with who, when, and the values before and after."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from dangjian_desktop.store.models import AuditEntry


def current_user() -> str:
    """The OS session's user name, until the program has accounts of its own."""
    try:
        return getpass.getuser()
    except Exception:  # getuser raises when no login name can be found (some service contexts)
        return "unknown"


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def audit_row(
    *,
    branch_id: int | None,
    table: str,
    record_id: int | None,
    action: str,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    user: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    return {
        "branch_id": branch_id,
        "at": at or dt.datetime.now(),
        "user": user or current_user(),
        "table_name": table,
        "record_id": record_id,
        "action": action,
        "summary": summary,
        "before": _json(before),
        "after": _json(after),
    }


def record(session: Session, **fields: Any) -> None:
    session.execute(insert(AuditEntry), [audit_row(**fields)])


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(AuditEntry), rows)
