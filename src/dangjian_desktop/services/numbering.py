"""Numbers on paper (收据, 活动证, 党务公开) are issued one at a time and never twice.

- One at a time: a use case that takes a number, or decides on what it reads (is this month paid
  already?), runs in ``locked_transaction``. On SQLite that transaction holds the write lock from its
  first read (``BEGIN IMMEDIATE``); on PostgreSQL it locks the branch's row (``SELECT … FOR UPDATE``).
  A second window or command waits, then sees what the first one saved. Should the database still
  refuse a write (a unique index), the secretary gets a sentence, never a raw ``IntegrityError``.
- Never twice: each number is one more than the highest in the data *and* in the ledger of issued
  numbers kept beside the data (``store.numbers``), so a restored older backup does not hand out again
  a number already printed. ``after_restore`` says which numbers the restored data lacks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.numbers import (
    BOOK,
    NOTICE,
    RECEIPT,
    NumberLedger,
    Series,
    all_highest_in_data,
    highest_in_data,
)

log = logging.getLogger(__name__)
_CONTEXT = "dangjian.numbering"


class SavedAtTheSameTime(AppError):
    """The database refused a write that another window or command made at the same moment."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Another window or command of the program saved the same record at the same moment, "
                "so this was not saved. Please look at the list again and, if still needed, try again."
            )
        )


@dataclass
class _Numbers:
    ledger: NumberLedger
    known: dict[Series, int] | None = None  # the ledger's highest numbers, read once per transaction
    issued: list[tuple[Series, int]] = field(default_factory=list)


@contextmanager
def locked_transaction(workspace: Workspace) -> Iterator[Session]:
    """A transaction that holds the branch's write lock from its start; numbers taken in it with
    ``issue`` are added to the ledger once it has committed (a rolled-back number was never issued)."""
    branch_id = workspace.require_branch()
    numbers = _Numbers(NumberLedger(workspace.folder))
    try:
        with workspace.db.transaction(exclusive=True) as session:
            session.execute(select(Branch.id).where(Branch.id == branch_id).with_for_update())
            session.info[_CONTEXT] = numbers
            yield session
            session.info.pop(_CONTEXT, None)
    except IntegrityError as error:
        log.warning("a write was refused by the database: %s", error.orig)
        raise SavedAtTheSameTime() from error
    if numbers.issued:
        try:
            numbers.ledger.record(numbers.issued)
        except OSError as error:  # saved in the data all the same; the next start adds it to the ledger
            log.warning("issued numbers not written to the ledger: %s", error)


def issue(session: Session, series: Series) -> int:
    """The next number of ``series``: one more than the highest in the data and in the ledger."""
    numbers = session.info.get(_CONTEXT)
    if not isinstance(numbers, _Numbers):
        raise RuntimeError("numbers are issued only inside numbering.locked_transaction()")
    if numbers.known is None:
        numbers.known = numbers.ledger.highest()
    number = max(highest_in_data(session, series), numbers.known.get(series, 0)) + 1
    numbers.known[series] = number
    numbers.issued.append((series, number))
    return number


def receipt_series(branch_id: int, year: int) -> Series:
    return Series(RECEIPT, branch_id, year)


def book_series(branch_id: int, year: int) -> Series:
    return Series(BOOK, branch_id, year)


def notice_series(branch_id: int, year: int) -> Series:
    return Series(NOTICE, branch_id, year)


# --- after a restore -------------------------------------------------------------------------------


def _number_text(series: Series, number: int) -> str:
    from dangjian_desktop.domain.flowing import format_book_number
    from dangjian_desktop.domain.notices import format_notice_number

    if series.kind == RECEIPT:
        from dangjian_desktop.services.dues import receipt_number  # dues takes its numbers here

        return receipt_number(series.year, number)
    if series.kind == BOOK:
        return format_book_number(series.year, number)
    return format_notice_number(series.year, number)


def _missing_line(series: Series, first: int, last: int) -> str:
    if first == last:
        one = {
            RECEIPT: _(
                "Receipt {number} was already issued, but the restored data does not have it. "
                "Please enter it again."
            ),
            BOOK: _(
                "Activity book {number} was already issued, but the restored data does not have it. "
                "Please enter it again."
            ),
            NOTICE: _(
                "Notice {number} was already published, but the restored data does not have it. "
                "Please enter it again."
            ),
        }
        return one[series.kind].format(number=_number_text(series, first))
    several = {
        RECEIPT: _(
            "Receipts {first} to {last} were already issued, but the restored data does not have "
            "them. Please enter them again."
        ),
        BOOK: _(
            "Activity books {first} to {last} were already issued, but the restored data does not "
            "have them. Please enter them again."
        ),
        NOTICE: _(
            "Notices {first} to {last} were already published, but the restored data does not have "
            "them. Please enter them again."
        ),
    }
    return several[series.kind].format(first=_number_text(series, first), last=_number_text(series, last))


def after_restore(workspace: Workspace) -> list[str]:
    """Called by the restore once the data has been replaced: the numbers issued after the restored
    backup was made, which it therefore lacks, in words (empty when none). New numbers continue after
    them, so none of them is issued a second time."""
    ledger = NumberLedger(workspace.folder).highest()
    if not ledger:
        return []
    with workspace.db.transaction() as session:
        in_data = all_highest_in_data(session)
    lines = [
        _missing_line(series, in_data.get(series, 0) + 1, highest)
        for series, highest in sorted(ledger.items())
        if highest > in_data.get(series, 0)
    ]
    if lines:
        lines.append(
            _(
                "What you enter again gets a new number; the numbers already on paper are not given "
                "out a second time."
            )
        )
    return lines
