"""What the posts use cases share: reading a row of the branch (or saying in words that it is gone),
writing a change with its audit entry, and writing a file with a message in words when it cannot be
written."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from dangjian_desktop.domain.errors import AppError, NotFound
from dangjian_desktop.i18n import _
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
    branch_id: int,
    table: str,
    record_id: int,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **extra: Any,
) -> None:
    """One entry of the change log (written in the use case's transaction)."""
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
    session: Session, branch_id: int, row: Any, table: str, summary: str, after: dict[str, Any], **extra: Any
) -> None:
    """Add ``row`` (its id is known afterwards) and log the insert in the change log."""
    session.add(row)
    session.flush()
    log_change(session, branch_id, table, row.id, "insert", summary, after=after, **extra)


def write_file(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise AppError(
            _(
                "The file could not be written: {path}. Is it open in another program, or is the folder read-only?"
            ).format(path=path)
        ) from error
