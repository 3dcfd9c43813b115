"""Opening the program's data folder: the database, its schema version and its backups.

Start-up order: back up (at most once a day), migrate after a backup, then serve. Every service takes
the Workspace and opens its own transactions through ``workspace.db.transaction()``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from dangjian_desktop.domain import data_problems as kinds
from dangjian_desktop.domain.data_problems import (
    DataProblem,
    DiskFull,
    LiveDataProblem,
    ReadOnlyData,
    storage_error_for,
)
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.paths import data_dir as resolve_data_dir
from dangjian_desktop.store import audit, folder_lock, server
from dangjian_desktop.store import backup as backups
from dangjian_desktop.store.db import DATABASE_FILE, Database
from dangjian_desktop.store.migrate import NewerSchemaError, SchemaStatus, schema_status, upgrade_to_head
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.numbers import NumberLedger, all_highest_in_data
from dangjian_desktop.store.verify import inspect_database

log = logging.getLogger(__name__)
BACKUPS_FOLDER = "backups"
DATABASE_URL_VARIABLE = "DANGJIAN_DATABASE_URL"


class NotInitialised(AppError):
    def __init__(self) -> None:
        super().__init__(
            _("No branch has been set up yet. Run the setup first (dangjian init --branch NAME).")
        )


class TownshipLoginHasNoBranch(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "A township login reads the reports over every branch (dangjian report township); the "
                "work of one village is done with that village's login."
            )
        )


@dataclass
class Workspace:
    folder: Path  # the data folder on this PC (on a server too: settings, issued numbers, exports)
    db: Database
    branch_id: int | None
    notes: list[str] = field(default_factory=list)  # what the last schema upgrade found, in words
    read_only: bool = False  # a write-protected USB stick, or a server schema of another version
    read_only_reason: str = ""  # why, in words, for the banner ("" on a write-protected stick)
    server: server.Login | None = None  # the login on a township server; None for the PC's own file

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @property
    def is_township(self) -> bool:
        """A township login: every branch to read, none to change."""
        return self.server is not None and self.server.kind == server.TOWNSHIP

    @property
    def db_path(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def backups_dir(self) -> Path:
        return self.folder / BACKUPS_FOLDER

    def require_branch(self) -> int:
        if self.branch_id is None:
            if self.is_township:
                raise TownshipLoginHasNoBranch()
            raise NotInitialised()
        return self.branch_id

    def refresh_branch(self) -> None:
        """Read which branch the data is for, and who works with it (the change log's 操作人). On a server
        the login decides the branch; in the PC's own file, the folder holds one branch."""
        with self.db.transaction() as session:
            if self.server is not None:  # read once at connecting: a login keeps its branch
                self.branch_id = self.server.branch_id
            else:
                self.branch_id = session.scalar(select(Branch.id).order_by(Branch.id).limit(1))
            audit.set_operator(audit.operator_in(session, self.branch_id))

    def close(self) -> None:
        self.db.dispose()

    def reopen(self) -> None:
        """Drop every pooled connection and connect afresh (after a restore replaced the file); a
        restored older backup is migrated like any older database."""
        self.db.dispose()
        if self.server is not None:
            self.db = Database(self.db.url, read_only=self.read_only)
        else:
            self.db = Database.for_file(self.db_path, read_only=self.read_only)
            self.notes = _bring_schema_up_to_date(self.db, self.db_path, self.backups_dir)
        self.refresh_branch()


def data_folder(folder: str | Path | None = None) -> Path:
    """The data folder (see paths.data_dir), created when new; a folder that cannot be made (a
    write-protected stick) is said in words."""
    try:
        return resolve_data_dir(folder)
    except OSError as error:
        problem = storage_error_for(str(error))
        if problem is not None:
            raise problem from error
        raise AppError(_("The data folder cannot be used: {error}").format(error=error)) from error


def claim_data_folder(folder: Path) -> folder_lock.FolderLock | None:
    """The window program's claim on its data folder, held until it exits; None when the program is
    already open on this folder in another process. (A read-only folder cannot be locked and needs no
    lock: nobody can write to it.)"""
    lock = folder_lock.FolderLock(folder)
    return None if lock.try_acquire() == folder_lock.HELD_ELSEWHERE else lock


def folder_is_writable(folder: Path) -> bool:
    """False on a write-protected USB stick or a read-only mount (even for root, who ignores the mode
    bits: the only sure test is to write)."""
    probe = folder / f".write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def _disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def check_live_data(folder: Path, *, full: bool, read_only: bool = False, thorough: bool = True) -> None:
    """Raise LiveDataProblem when the folder's database cannot be used (see store.verify)."""
    try:
        inspect_database(folder / DATABASE_FILE, full=full, immutable=read_only, thorough=thorough)
    except DataProblem as problem:
        if problem.kind == kinds.MISSING:
            return  # a new data folder
        if problem.kind == kinds.UNREADABLE and _disk_is_full(folder):
            raise DiskFull() from problem  # SQLite could not even make its shared-memory file
        log.info("data cannot be opened: %s %s", problem.kind, problem.detail)
        raise LiveDataProblem(problem.kind, problem.detail) from problem


def server_url_in_use(database_url: str | None = None) -> str | None:
    """The server's address this run works on (given, else DANGJIAN_DATABASE_URL); None for the PC's file."""
    return database_url or os.environ.get(DATABASE_URL_VARIABLE, "").strip() or None


def open_workspace(
    folder: str | Path | None = None,
    *,
    database_url: str | None = None,
    daily_backup: bool = True,
    today: dt.date | None = None,
) -> Workspace:
    """Open (or create) the data folder's database, backing up and migrating as needed; or, given a
    server address (``database_url``, else the DANGJIAN_DATABASE_URL variable), the township's database.

    Refuses (LiveDataProblem) a database that is damaged, foreign or from a newer program, without
    changing it; opens a write-protected folder read-only; says "disk full" instead of failing to connect.
    """
    url = server_url_in_use(database_url)
    if url is not None:
        from dangjian_desktop.services.server_login import open_server_workspace

        return open_server_workspace(url, data_folder(folder))
    root = data_folder(folder)
    db_path = root / DATABASE_FILE
    backups_dir = root / BACKUPS_FOLDER
    read_only = not folder_is_writable(root)
    if not read_only:
        backups.remove_orphaned_partials(backups_dir)
    existed = db_path.is_file() and db_path.stat().st_size > 0
    due = existed and daily_backup and not read_only
    due = due and not backups.has_backup_on(backups_dir, today or dt.date.today())
    # Once a day everything is read (damaged text included) before the daily backup: a damaged file is
    # found the day it happens, and never pushes good backups out of the 30 kept.
    check_live_data(root, full=due, read_only=read_only, thorough=False)
    if read_only and not existed:
        raise ReadOnlyData()
    if due:
        log.info("daily backup of %s", db_path)
        try:
            backups.make_backup(db_path, backups_dir, backups.REASON_DAILY)
        except (OSError, sqlite3.Error) as error:  # a full disk must not keep her from her data
            log.warning("daily backup failed: %s", error)
    database = Database.for_file(db_path, read_only=read_only)
    try:
        notes = _bring_schema_up_to_date(database, db_path, backups_dir)
        workspace = Workspace(folder=root, db=database, branch_id=None, notes=notes, read_only=read_only)
        workspace.refresh_branch()
    except DBAPIError as error:
        database.dispose()
        if _disk_is_full(root):
            raise DiskFull() from error
        raise LiveDataProblem(kinds.UNREADABLE, str(error.orig)) from error
    except BaseException:
        database.dispose()
        raise
    if not read_only:
        _remember_issued_numbers(workspace)
    return workspace


def _remember_issued_numbers(workspace: Workspace) -> None:
    """Numbers in the data that the ledger of issued numbers does not know yet (data from a version
    without the ledger, or a line not written because the program was stopped right after saving)."""
    ledger = NumberLedger(workspace.folder)
    try:
        ledger.compact_if_long()
        with workspace.db.transaction() as session:
            highest = all_highest_in_data(session)
        ledger.record_above(highest)
    except OSError as error:  # a read-only stick: the numbers stay in the data, nothing to add
        log.warning("the ledger of issued numbers could not be updated: %s", error)


def _bring_schema_up_to_date(database: Database, db_path: Path, backups_dir: Path) -> list[str]:
    try:
        status = schema_status(database.engine)
    except NewerSchemaError as error:
        database.dispose()
        raise LiveDataProblem(kinds.NEWER, str(error)) from error
    if not status.is_current:
        if database.read_only:
            raise AppError(
                _(
                    "This data must be upgraded for this version of the program, but the USB stick is "
                    "write-protected. Remove the write protection and start again."
                )
            )
        if not status.is_empty:
            log.info("backup before migrating from %s to %s", status.current, status.head)
            backups.make_backup(db_path, backups_dir, backups.REASON_MIGRATION)
        notes = upgrade_to_head(database.engine)
        for note in notes:
            log.warning("schema upgrade: %s", note)
        return notes
    return []


def check_workspace(workspace: Workspace) -> tuple[str, SchemaStatus]:
    """SQLite's integrity check and where the schema stands."""
    with workspace.db.engine.connect() as connection:
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
    return str(integrity), schema_status(workspace.db.engine)
