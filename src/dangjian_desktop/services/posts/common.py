"""What the posts use cases share: adding a row with its audit entry in one step, and writing a file
with a message in words when it cannot be written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.store import audit


def insert_audited(
    session: Session, branch_id: int, row: Any, table: str, summary: str, after: dict[str, Any], **extra: Any
) -> None:
    """Add ``row`` (its id is known afterwards) and log the insert in the change log."""
    session.add(row)
    session.flush()
    audit.record(
        session,
        branch_id=branch_id,
        table=table,
        record_id=row.id,
        action="insert",
        summary=summary,
        after=after,
        **extra,
    )


def write_file(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise AppError(
            _(
                "The file could not be written: {path}. Is it open in another program, or is the folder read-only?"
            ).format(path=path)
        ) from error
