"""Numbers printed on paper (收据, 活动证, 党务公开 notices) and the ledger of those issued.

Each series is numbered per branch and year (收据 2026-0010, 活动证 2026-003, 党务公开〔2026〕第3号). The
database holds the numbers it holds; an older backup put back no longer holds the numbers issued after
it, but those are on paper already. So every issued number is also written to a small text file in the
data folder, outside the database (a restore leaves it alone), and the next number is one more than the
highest in either place.

The file is append-only, one line per number, each line with its own checksum: a line damaged by a
power cut or an editor is skipped, the others still count. Appends are flushed to the disk (fsync).
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.store.dues_models import DuesReceipt
from dangjian_desktop.store.flowing_models import ActivityBook
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.notices_models import Notice

log = logging.getLogger(__name__)

RECEIPT, BOOK, NOTICE = "receipt", "book", "notice"
KINDS = (RECEIPT, BOOK, NOTICE)
LEDGER_FILE = "issued_numbers.txt"
_HEADER = (
    "# 已经开出的编号（党费收据、流动党员活动证、党务公开）。请不要删除或修改这个文件：\n"
    "# 恢复旧备份以后，程序靠它接着往后编号，已经印在纸上的号码不会再用第二次。\n"
)
_COMPACT_ABOVE_LINES = 2000

# kind -> (table, its year column, its serial column)
_COLUMNS = {
    RECEIPT: (DuesReceipt.branch_id, DuesReceipt.year, DuesReceipt.serial),
    BOOK: (ActivityBook.branch_id, ActivityBook.year, ActivityBook.serial),
    NOTICE: (Notice.branch_id, Notice.year, Notice.sequence),
}


@dataclass(frozen=True, order=True)
class Series:
    """One numbering sequence: a kind of paper, a branch, a year."""

    kind: str
    branch_id: int
    year: int


def highest_in_data(session: Session, series: Series) -> int:
    """The highest number of the series stored in the database (0 when none)."""
    branch, year, serial = _COLUMNS[series.kind]
    found = session.scalar(select(func.max(serial)).where(branch == series.branch_id, year == series.year))
    return int(found or 0)


def all_highest_in_data(session: Session) -> dict[Series, int]:
    """The highest stored number of every series. Walks the (branch, year, serial) indexes a year at a
    time: a few lookups per branch and year instead of a scan (0.2 s for 600,000 receipts), since this
    runs whenever the program opens the data."""
    highest: dict[Series, int] = {}
    branches = session.scalars(select(Branch.id)).all()
    for kind, (branch, year, _serial) in _COLUMNS.items():
        for branch_id in branches:
            current = session.scalar(select(func.min(year)).where(branch == branch_id))
            while current is not None:
                series = Series(kind, int(branch_id), int(current))
                top = highest_in_data(session, series)
                if top:
                    highest[series] = top
                current = session.scalar(select(func.min(year)).where(branch == branch_id, year > current))
    return highest


def _checksum(payload: str) -> str:
    return f"{zlib.crc32(payload.encode('utf-8')):08x}"


def _line(series: Series, number: int) -> str:
    payload = f"{series.kind} {series.branch_id} {series.year} {number}"
    return f"{payload} {_checksum(payload)}\n"


def _parse(line: str) -> tuple[Series, int] | None:
    parts = line.split()
    if len(parts) != 5 or parts[0] not in KINDS:
        return None
    payload, checksum = " ".join(parts[:4]), parts[4]
    if _checksum(payload) != checksum:
        return None
    try:
        branch_id, year, number = int(parts[1]), int(parts[2]), int(parts[3])
    except ValueError:
        return None
    return Series(parts[0], branch_id, year), number


class NumberLedger:
    """The file of issued numbers in a data folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LEDGER_FILE

    def _lines(self) -> list[str]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        return data.decode("utf-8", errors="replace").splitlines()

    def highest(self) -> dict[Series, int]:
        """The highest number recorded for each series; damaged lines are skipped."""
        highest: dict[Series, int] = {}
        for line in self._lines():
            entry = _parse(line)
            if entry is not None:
                series, number = entry
                highest[series] = max(number, highest.get(series, 0))
        return highest

    def record(self, entries: Iterable[tuple[Series, int]]) -> None:
        """Append issued numbers and flush them to the disk. Raises OSError when the folder cannot be
        written (read-only stick, full disk)."""
        text = "".join(_line(series, number) for series, number in entries)
        if not text:
            return
        new_file = not self.path.exists()
        with self.path.open("a", encoding="utf-8", newline="\n") as handle:
            if new_file:
                handle.write(_HEADER)
            elif not self._ends_with_newline():
                handle.write("\n")  # a line cut short by a power failure stays a line of its own
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if new_file:
            _fsync_folder(self.path.parent)

    def _ends_with_newline(self) -> bool:
        try:
            with self.path.open("rb") as handle:
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) == b"\n"
        except OSError:
            return True

    def record_above(self, numbers: Mapping[Series, int]) -> None:
        """Record the numbers found in the data that the ledger does not know yet (the data of a
        program version without the ledger, or a number whose line was not written)."""
        known = self.highest()
        self.record(
            (series, number) for series, number in sorted(numbers.items()) if number > known.get(series, 0)
        )

    def compact_if_long(self) -> None:
        """Keep only the highest number of each series once the file grows long (written aside and
        renamed over, so a power cut leaves the old or the new file, never half of one)."""
        lines = self._lines()
        if len(lines) <= _COMPACT_ABOVE_LINES:
            return
        highest = self.highest()
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        with partial.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(_HEADER)
            handle.write("".join(_line(series, number) for series, number in sorted(highest.items())))
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(self.path)
        _fsync_folder(self.path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a new or renamed file's name durable too (not possible, and not needed, on Windows)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
