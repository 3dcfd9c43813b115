"""The audit log: every change to a business record, with who, when, and the values before and after."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dangjian_desktop.store.models import AuditEntry, Branch, Setting

# The setting that names who works with the program (当前操作人); empty: the branch secretary.
OPERATOR_SETTING = "general.operator"
# who is written into the log: the person named in the data folder (set when it is opened or the setting
# changes), or for one command the CLI's --operator
_operator: dict[str, str] = {"named": "", "override": ""}


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises when no login name can be found (some service contexts)
        return "unknown"


def current_user() -> str:
    """Who is making the change: the 当前操作人 she named (by default the branch secretary); the OS login
    only while no branch and no name is known."""
    return _operator["override"] or _operator["named"] or os_login()


def set_operator(name: str) -> None:
    _operator["named"] = (name or "").strip()


def set_operator_override(name: str | None) -> None:
    """A name given for one run (the CLI's --operator); None or empty: the saved one."""
    _operator["override"] = (name or "").strip()


def named_operator_in(session: Session, branch_id: int | None) -> str:
    """The 当前操作人 saved for the branch ("" when none was chosen)."""
    if branch_id is None:
        return ""
    stored = session.scalar(
        select(Setting.value).where(Setting.branch_id == branch_id, Setting.key == OPERATOR_SETTING)
    )
    try:
        name = json.loads(stored) if stored else ""
    except ValueError:
        name = ""
    return name.strip() if isinstance(name, str) else ""


def operator_in(session: Session, branch_id: int | None) -> str:
    """The 当前操作人 of the branch: the name chosen, else the secretary of the branch profile."""
    if branch_id is None:
        return ""
    secretary = session.scalar(select(Branch.secretary).where(Branch.id == branch_id)) or ""
    return named_operator_in(session, branch_id) or secretary.strip()


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


def record_row(
    session: Session,
    row: Any,
    action: str,
    summary: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    **extra: Any,
) -> None:
    """One entry about a row of a business table: its table, id and branch are the row's own."""
    record(
        session,
        branch_id=row.branch_id,
        table=row.__tablename__,
        record_id=row.id,
        action=action,
        summary=summary,
        before=before,
        after=after,
        **extra,
    )


def changed_values(values: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that ``other`` does not have the same."""
    return {key: value for key, value in values.items() if other.get(key) != value}


def record_changes(
    session: Session, row: Any, action: str, summary: str, before: Mapping[str, Any], after: Mapping[str, Any]
) -> None:
    """An entry about ``row`` that keeps, of its values before and after, only those that changed."""
    record_row(session, row, action, summary, changed_values(before, after), changed_values(after, before))
