"""Backups of the SQLite file with SQLite's online backup API (safe while the program has it open)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

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


class BackupCheckFailed(RuntimeError):
    """The file is not a healthy database of this program."""


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


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
    # Per process: two programs started in the same second both make the day's backup.
    partial = target.with_name(f"{target.stem}.{os.getpid()}.partial")
    _copy(db_path, partial)
    partial.replace(target)  # a crash mid-copy never leaves a half backup under a backup's name
    prune_backups(backups_dir, protect=protect)
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


def check_backup(path: Path) -> None:
    """Raise BackupCheckFailed unless the file passes PRAGMA integrity_check and holds our schema."""
    if not path.is_file():
        raise BackupCheckFailed("missing")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()
            if not result or result[0] != "ok":
                raise BackupCheckFailed(str(result[0] if result else "no result"))
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupCheckFailed(str(error)) from error
    if not {"alembic_version", "branch", "member"} <= tables:
        raise BackupCheckFailed("not a dangjian database")


def restore_backup(backup: Path, db_path: Path) -> None:
    """Copy a checked backup over the live database. The caller closes its connections first."""
    check_backup(backup)
    _copy(backup, db_path)
