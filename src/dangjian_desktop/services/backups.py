"""Back up now (in the data folder or onto a USB stick), list backups, check them, and restore one.

A restore checks everything before it replaces anything: the file offered is copied aside next to the
live data and every check runs on that copy (SQLite's integrity and foreign-key checks, the schema version,
every stored text, the program's tables); an older backup is upgraded there too. Only then is the current
data saved as a backup (so the restore can itself be undone) and the prepared copy renamed into place in
one step. A restore is refused while the program is open on the same data folder in another process.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from dangjian_desktop.domain import data_problems as kinds
from dangjian_desktop.domain.data_problems import DataProblem, DiskFull, ReadOnlyData, storage_error_for
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import numbering
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace, open_workspace
from dangjian_desktop.store import backup as store_backup
from dangjian_desktop.store import folder_lock
from dangjian_desktop.store.backup import BackupInfo
from dangjian_desktop.store.db import DATABASE_FILE, Database
from dangjian_desktop.store.migrate import upgrade_to_head
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.verify import inspect_database

log = logging.getLogger(__name__)

REASON_LABELS = {
    store_backup.REASON_MANUAL: N_("Made by hand"),
    store_backup.REASON_DAILY: N_("Daily, at start"),
    store_backup.REASON_MIGRATION: N_("Before upgrading the data"),
    store_backup.REASON_IMPORT: N_("Before an import"),
    store_backup.REASON_RESTORE: N_("Before a restore"),
}
AUDIT_TABLE = "backup"


def reason_label(reason: str) -> str:
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def _write_failed(error: BaseException) -> AppError:
    """A backup that could not be written, in words (a full disk, a write-protected stick, or else)."""
    found = storage_error_for(str(error))
    if isinstance(found, DiskFull):
        return AppError(_("The backup could not be written: the disk is full. Nothing else was changed."))
    if isinstance(found, ReadOnlyData):
        return AppError(_("The backup could not be written: the disk or USB stick is write-protected."))
    log.warning("backup failed: %s", error)
    return AppError(
        _(
            "The backup could not be written. Is the disk full, or was the USB stick pulled out? "
            "Nothing else was changed."
        )
    )


class KeptOnTheServer(AppError):
    """The PC's backup and restore on a workspace whose data is on the township's server: refused."""

    def __init__(self) -> None:
        super().__init__(server_backup_sentence())


def server_backup_sentence() -> str:
    return _(
        "The data is kept on the township's server and the township administrator backs it up "
        "(dangjian admin backup). This computer makes no backups of it."
    )


def refuse_on_server(workspace: Workspace) -> None:
    """Backups of the PC's file mean nothing when the data is on the server: never pretend."""
    if workspace.is_server:
        raise KeptOnTheServer()


def _audit(workspace: Workspace, action: str, summary: str, after: dict[str, object]) -> None:
    """Backups and restores go into the change log (not on read-only data, where nothing can be written)."""
    if workspace.read_only:
        return
    try:
        with workspace.db.transaction() as session:
            log_change(session, workspace.branch_id, AUDIT_TABLE, None, action, summary, after=after)
    except AppError as error:  # a full disk: the backup itself is made, only its log line is missing
        log.warning("backup not written to the change log: %s", error.message)


def back_up_now(
    workspace: Workspace, reason: str = store_backup.REASON_MANUAL, *, protect: Path | None = None
) -> Path:
    """A backup of the current data; ``protect`` names a backup that pruning must keep."""
    refuse_on_server(workspace)
    try:
        path = store_backup.make_backup(workspace.db_path, workspace.backups_dir, reason, protect=protect)
    except (OSError, sqlite3.Error) as error:
        raise _write_failed(error) from error
    if reason == store_backup.REASON_MANUAL:
        _audit(workspace, "backup", path.name, {"file": str(path)})
    return path


def _branch_name(workspace: Workspace) -> str:
    if workspace.branch_id is None:
        return ""
    with workspace.db.transaction() as session:
        return session.scalar(select(Branch.name).where(Branch.id == workspace.branch_id)) or ""


def back_up_to(workspace: Workspace, folder: Path, now: dt.datetime | None = None) -> Path:
    """A backup in a folder of her choice (a USB stick), named with the branch and the date."""
    refuse_on_server(workspace)
    folder = Path(folder)
    if not folder.is_dir():
        raise AppError(_("The folder {folder} does not exist.").format(folder=folder))
    name = store_backup.backup_file_name(
        _("Party ledger backup"), _branch_name(workspace), now or dt.datetime.now()
    )
    try:
        path = store_backup.make_backup_in(workspace.db_path, folder, name)
    except (OSError, sqlite3.Error) as error:
        raise _write_failed(error) from error
    _audit(workspace, "backup", path.name, {"file": str(path)})
    return path


def list_backups(workspace: Workspace | Path) -> list[BackupInfo]:
    """The PC's kept backups, newest first (none for a workspace on the server: they are not its data)."""
    if isinstance(workspace, Workspace) and workspace.is_server:
        return []
    folder = workspace.backups_dir if isinstance(workspace, Workspace) else Path(workspace) / "backups"
    return store_backup.list_backups(folder)


def refusal(problem: DataProblem) -> AppError:
    """Why a file offered for restore is refused, and that nothing changed."""
    return AppError(
        _("This backup cannot be restored: {why} Your current data was not changed.").format(
            why=kinds.sentence(problem.kind)
        )
    )


def check_backup(path: Path, *, only_looking: bool = False) -> None:
    """Raise the refusal (an AppError in words) unless the file passes every check of a restore;
    ``only_looking`` for a check mark in a list (nothing is written beside the file)."""
    try:
        store_backup.check_backup(Path(path), immutable=only_looking)
    except DataProblem as problem:
        log.info("backup %s refused: %s %s", path, problem.kind, problem.detail)
        raise refusal(problem) from problem
    except OSError as error:
        raise refusal(DataProblem(kinds.UNREADABLE, str(error))) from error


def backup_passes(path: Path) -> bool:
    """True when the backup would be accepted for a restore (the rescue window's check mark)."""
    try:
        check_backup(path, only_looking=True)
    except AppError:
        return False
    return True


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: where the replaced data went, and lines to show afterwards."""

    safety_copy: Path | None
    notes: list[str] = field(default_factory=list)


# --- the steps of a restore ------------------------------------------------------------------------


class _ProgramOpenElsewhere(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The program is open in another window on this computer. Close it first, then restore; "
                "your current data was not changed."
            )
        )


class _InUseElsewhere(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The data is being used by another program right now (e.g. a command). Try again in a "
                "moment; your current data was not changed."
            )
        )


def _prepare(candidate: Path, backups_dir: Path) -> Path:
    """Copy the file aside, check the copy, bring an older one up to this version; return the copy."""
    try:
        aside = store_backup.copy_aside(candidate, backups_dir)
    except FileNotFoundError as error:
        raise refusal(DataProblem(kinds.MISSING, str(error))) from error
    except IsADirectoryError as error:
        raise refusal(DataProblem(kinds.NOT_A_FILE, str(error))) from error
    except OSError as error:
        found = storage_error_for(str(error))
        if found is not None and candidate.is_file():
            raise found from error
        raise refusal(DataProblem(kinds.UNREADABLE, str(error))) from error
    try:
        check_backup(aside)
        inspection = inspect_database(aside, full=False)
        if not inspection.is_current:
            database = Database.for_file(aside)
            try:
                upgrade_to_head(database.engine)
            except Exception as error:  # noqa: BLE001 - any failure of the upgrade refuses the file
                raise refusal(DataProblem(kinds.UNKNOWN_VERSION, str(error))) from error
            finally:
                database.dispose()
            check_backup(aside)
        store_backup.checkpoint(aside)
    except BaseException:
        aside.unlink(missing_ok=True)
        for side in ("-wal", "-shm", "-journal"):
            aside.with_name(aside.name + side).unlink(missing_ok=True)
        raise
    return aside


def _save_current(db_path: Path, backups_dir: Path, protect: Path) -> Path | None:
    """The current data as a before-restore backup; a damaged file is copied byte for byte."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    if db_path.is_dir():  # a folder in the data file's place is moved aside, never deleted
        db_path.rename(db_path.with_name(f"{db_path.name}-folder-{stamp}"))
        return None
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        inspect_database(db_path, full=False)
    except DataProblem:
        healthy = False
    else:
        folded = store_backup.checkpoint(db_path)
        if folded is False:
            raise _InUseElsewhere()
        healthy = bool(folded)
    try:
        if healthy:
            return store_backup.make_backup(
                db_path, backups_dir, store_backup.REASON_RESTORE, protect=protect
            )
        target = backups_dir / f"dangjian-{stamp}-{store_backup.REASON_RESTORE}{store_backup.BACKUP_SUFFIX}"
        store_backup.raw_copy(db_path, target)
        return target
    except (OSError, sqlite3.Error) as error:
        raise _write_failed(error) from error


def restore_folder(folder: Path, candidate: Path, *, lock_held: bool = False) -> Path | None:
    """Restore ``candidate`` into the data folder; returns the backup of the data it replaced (None when
    there was none). The caller has closed every connection of its own. Refusals are AppErrors, and then
    the live file is exactly as before."""
    folder, candidate = Path(folder), Path(candidate)
    lock = folder_lock.FolderLock(folder)
    if not lock_held:
        answer = lock.try_acquire()
        if answer == folder_lock.HELD_ELSEWHERE:
            raise _ProgramOpenElsewhere()
        if answer == folder_lock.UNAVAILABLE:
            raise ReadOnlyData()
    try:
        db_path = folder / DATABASE_FILE
        backups_dir = folder / "backups"
        aside = _prepare(candidate, backups_dir)
        try:
            safety = _save_current(db_path, backups_dir, protect=candidate)
            try:
                store_backup.put_in_place(aside, db_path)
            except PermissionError as error:  # Windows: another process still has the file open
                raise _InUseElsewhere() from error
        finally:
            aside.unlink(missing_ok=True)
        return safety
    finally:
        lock.release()


def after_restore_notes(workspace: Workspace, safety_copy: Path | None) -> list[str]:
    """Lines to tell the secretary once the restored data is in place and open (e.g. numbers that were
    issued after the backup was made). The single place for such post-restore checks: each returns its
    lines here — so far the receipt, book and notice numbers issued after the backup was made, which the
    restored data lacks."""
    return numbering.after_restore(workspace)


def _finish(workspace: Workspace, candidate: Path, safety: Path | None) -> RestoreResult:
    _audit(
        workspace,
        "restore",
        candidate.name,
        {"file": str(candidate), "before_restore_backup": str(safety) if safety else ""},
    )
    return RestoreResult(safety, after_restore_notes(workspace, safety))


def restore(workspace: Workspace, backup_path: Path) -> RestoreResult:
    """Restore into an open workspace (the window program, which holds the folder's lock): it is closed
    for the replacement and reopened on the restored data (on the old data when refused)."""
    refuse_on_server(workspace)
    backup_path = Path(backup_path)
    workspace.close()
    try:
        safety = restore_folder(
            workspace.folder, backup_path, lock_held=folder_lock.held_here(workspace.folder)
        )
    finally:
        workspace.reopen()
    return _finish(workspace, backup_path, safety)


def restore_into(folder: Path, backup_path: Path) -> RestoreResult:
    """Restore into a data folder that is not open here (the command line, the rescue window), even one
    whose current data cannot be opened."""
    backup_path = Path(backup_path)
    safety = restore_folder(Path(folder), backup_path, lock_held=folder_lock.held_here(Path(folder)))
    workspace = open_workspace(folder, daily_backup=False)
    try:
        return _finish(workspace, backup_path, safety)
    finally:
        workspace.close()
