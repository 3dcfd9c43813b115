"""What every use case does when it writes: read a row of the branch (or say in words that it is gone),
and write a change with its entry in the change log, in the use case's own transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from dangjian_desktop.domain.errors import NotFound
from dangjian_desktop.store import audit


class _BranchRow(Protocol):
    @property
    def branch_id(self) -> int: ...


Row = TypeVar("Row", bound=_BranchRow)


def load_row(session: Session, model: type[Row], row_id: int, branch_id: int, missing: str) -> Row:
    """The row of the branch with this id; ``missing`` (in words) when it is not there any more."""
    row = session.get(model, row_id)
    if row is None or row.branch_id != branch_id:
        raise NotFound(missing)
    return row


def log_change(
    session: Session,
    branch_id: int | None,
    table: str,
    record_id: int | None,
    action: str,
    summary: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    **extra: Any,
) -> None:
    """One entry of the change log."""
    audit.record(
        session,
        branch_id=branch_id,
        table=table,
        record_id=record_id,
        action=action,
        summary=summary,
        before=before,
        after=after,
        **extra,
    )


def insert_audited(
    session: Session,
    branch_id: int,
    row: Any,
    table: str,
    summary: str,
    after: Mapping[str, Any],
    **extra: Any,
) -> None:
    """Add ``row`` (its id is known afterwards) and log the insert in the change log."""
    session.add(row)
    session.flush()
    log_change(session, branch_id, table, row.id, "insert", summary, after=after, **extra)
