"""What every use case does with rows: read a row of the branch (or say in words that it is gone), carry
its columns over to a record of the same names, and write a change with its entry in the change log, in
the use case's own transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def copied(source: object, names: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``source`` as keyword arguments: a row's columns for a record (or a new
    row) that has fields of the same names."""
    return {name: getattr(source, name) for name in names}


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


def add_logged(
    session: Session,
    row: Any,
    summary: str,
    after: Mapping[str, Any],
    *,
    action: str = "insert",
    before: Mapping[str, Any] | None = None,
    **extra: Any,
) -> int:
    """Add ``row`` of a branch and log it in the change log under its table (an insert unless ``action``
    says otherwise, e.g. a reversing entry); its new id."""
    session.add(row)
    session.flush()
    audit.record_row(session, row, action, summary, before, after, **extra)
    return int(row.id)
