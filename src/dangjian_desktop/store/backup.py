"""Backups of the SQLite file with SQLite's online backup API (safe while the program has it open).

A backup is written as ``*.partial`` and renamed when whole; a copy that fails (a full disk, a pulled
stick) is deleted at once, and leftovers of a killed process are deleted at the next start.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.domain.data_problems import DataProblem
from dangjian_desktop.store.verify import Inspection, inspect_database

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite3"
KEEP_BACKUPS = 30
_NAME = re.compile(r"^dangjian-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")

# Why a backup was made; the UI translates these into words.
REASON_MANUAL = "manual"
REASON_DAILY = "daily"
REASON_MIGRATION = "before-migration"
REASON_IMPORT = "before-import"
REASON_RESTORE = "before-restore"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    reason: str
    size: int


PARTIAL_SUFFIX = ".partial"
# A *.partial not written to for this long belongs to no running backup: a killed one left it behind.
PARTIAL_ORPHAN_SECONDS = 10


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            with dst:
                src.backup(dst)
            # A backup is a plain file (no write-ahead log): opening it to check it leaves nothing beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete %s", leftover)


def copy_whole(source: Path, target: Path) -> None:
    """Copy the database ``source`` to ``target`` through a ``.partial`` beside it: ``target`` appears only
    when the copy is whole, and a failed copy leaves nothing behind."""
    # per process: two programs started in the same second both make the day's backup
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        _copy(source, partial)
        partial.replace(target)
    except BaseException:
        _remove_partial(partial)
        raise


def remove_orphaned_partials(
    folder: Path, *, older_than: float = PARTIAL_ORPHAN_SECONDS, prefix: str = ""
) -> list[Path]:
    """Delete half-written copies left by a killed backup or restore (a USB stick must not fill up with
    them); a file still being written (changed in the last ``older_than`` seconds) is left alone. In a
    folder that is not the program's own, only files named ``prefix``… are touched."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    pattern = f"{glob.escape(prefix)}*{PARTIAL_SUFFIX}"
    for path in list(folder.glob(pattern)) + list(folder.glob(pattern + "-journal")):
        try:
            if now - path.stat().st_mtime < older_than:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    if removed:
        log.info("removed %d half-written backup files in %s", len(removed), folder)
    return removed


def make_backup(
    db_path: Path,
    backups_dir: Path,
    reason: str,
    now: dt.datetime | None = None,
    *,
    protect: Path | None = None,
) -> Path:
    """Copy the database into ``backups_dir``, then prune to the newest KEEP_BACKUPS; ``protect`` (the
    backup about to be restored) is never pruned."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"dangjian-{stamp}-{reason}{BACKUP_SUFFIX}"
    serial = 1
    while target.exists():  # two backups in one second (an import right after start)
        serial += 1
        target = backups_dir / f"dangjian-{stamp}-{serial}-{reason}{BACKUP_SUFFIX}"
    copy_whole(db_path, target)  # a crash mid-copy never leaves a half backup under a backup's name
    prune_backups(backups_dir, protect=protect)
    return target


def backup_file_name(prefix: str, branch: str, now: dt.datetime) -> str:
    """The name of a backup put on a USB stick: says whose data and when, and is valid on Windows."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", branch).strip(" .")
    parts = [prefix, cleaned[:60], f"{now:%Y-%m-%d-%H%M}"]
    return "-".join(part for part in parts if part) + BACKUP_SUFFIX


def make_backup_in(db_path: Path, folder: Path, name: str) -> Path:
    """A backup of ``db_path`` in any folder (a USB stick); a second one in the same minute gets (2)."""
    prefix = name.split("-", 1)[0] + "-"
    remove_orphaned_partials(folder, prefix=prefix)  # left on the stick by an earlier, interrupted one
    target = folder / name
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"{Path(name).stem}({serial}){BACKUP_SUFFIX}"
    copy_whole(db_path, target)
    return target


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    found: list[BackupInfo] = []
    if not backups_dir.is_dir():
        return found
    for path in backups_dir.glob(f"dangjian-*{BACKUP_SUFFIX}"):
        match = _NAME.match(path.name)
        if not match:
            continue
        created = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        found.append(BackupInfo(path, created, match.group(4), path.stat().st_size))
    found.sort(key=lambda info: (info.created, info.path.name), reverse=True)
    return found


def prune_backups(backups_dir: Path, keep: int = KEEP_BACKUPS, protect: Path | None = None) -> None:
    """Delete all but the newest ``keep`` backups; a ``protect``ed one is kept and counts among them."""
    found = list_backups(backups_dir)
    protected = protect.resolve() if protect is not None else None
    others = [info for info in found if info.path.resolve() != protected]
    kept = keep - (len(found) - len(others))
    for old in others[max(kept, 0) :]:
        old.path.unlink(missing_ok=True)


def has_backup_on(backups_dir: Path, day: dt.date) -> bool:
    return any(info.created.date() == day for info in list_backups(backups_dir))


def check_backup(path: Path, *, immutable: bool = False) -> Inspection:
    """Raise DataProblem unless the file is a whole database of this program (every check, full).
    ``immutable`` for a file that is only looked at (nothing is created beside it)."""
    return inspect_database(path, full=True, allow_empty=False, immutable=immutable)


def copy_aside(candidate: Path, folder: Path) -> Path:
    """A byte copy of a file offered for restore, next to the live data (same disk, so it can later be
    renamed into place in one step). Checks and any upgrade run on this copy, never on the original."""
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"restore-{os.getpid()}-{time.time_ns()}{BACKUP_SUFFIX}{PARTIAL_SUFFIX}"
    try:
        with candidate.open("rb") as source, aside.open("wb") as target:
            while chunk := source.read(1024 * 1024):
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
    except BaseException:
        _remove_partial(aside)
        raise
    return aside


def checkpoint(db_path: Path) -> bool | None:
    """Fold the live database's write-ahead log into the file and empty it. False when another process
    is in the middle of using the database; None when SQLite cannot do it (a damaged file: then the log
    is kept only in the safety copy)."""
    try:
        connection = sqlite3.connect(str(db_path), timeout=2)
        try:
            busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return False
        return None
    except sqlite3.Error:
        return None
    return int(busy) == 0


def raw_copy(db_path: Path, target: Path) -> None:
    """Copy a database that SQLite cannot read (a damaged live file) byte for byte, with its -wal."""
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        partial.write_bytes(db_path.read_bytes()) if db_path.is_file() else partial.write_bytes(b"")
        partial.replace(target)
    except BaseException:
        _remove_partial(partial)
        raise
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        target.with_name(target.name + "-wal").write_bytes(wal.read_bytes())


def put_in_place(prepared: Path, db_path: Path) -> None:
    """Replace the live database by ``prepared`` (a checked copy on the same disk) in one rename. The
    live file's -wal was emptied by ``checkpoint`` (or is kept in the safety copy); a -wal or -shm left
    beside the new file would be applied to it, so they go."""
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    if db_path.is_dir():
        raise DataProblem("not-a-file", str(db_path))
    os.replace(prepared, db_path)
