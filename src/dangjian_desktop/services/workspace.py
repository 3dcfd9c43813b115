"""Opening the program's data folder: the database, its schema version and its backups.

Start-up order: back up (at most once a day), migrate after a backup, then serve. Every service takes
the Workspace and opens its own transactions through ``workspace.db.transaction()``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.paths import data_dir as resolve_data_dir
from dangjian_desktop.store import audit
from dangjian_desktop.store import backup as backups
from dangjian_desktop.store.db import DATABASE_FILE, Database
from dangjian_desktop.store.migrate import NewerSchemaError, SchemaStatus, schema_status, upgrade_to_head
from dangjian_desktop.store.models import Branch

log = logging.getLogger(__name__)
BACKUPS_FOLDER = "backups"


class NotInitialised(AppError):
    def __init__(self) -> None:
        super().__init__(
            _("No branch has been set up yet. Run the setup first (dangjian init --branch NAME).")
        )


@dataclass
class Workspace:
    folder: Path
    db: Database
    branch_id: int | None

    @property
    def db_path(self) -> Path:
        return self.folder / DATABASE_FILE

    @property
    def backups_dir(self) -> Path:
        return self.folder / BACKUPS_FOLDER

    def require_branch(self) -> int:
        if self.branch_id is None:
            raise NotInitialised()
        return self.branch_id

    def refresh_branch(self) -> None:
        """Read which branch the data is for, and who works with it (the change log's 操作人)."""
        with self.db.transaction() as session:
            self.branch_id = session.scalar(select(Branch.id).order_by(Branch.id).limit(1))
            audit.set_operator(audit.operator_in(session, self.branch_id))

    def close(self) -> None:
        self.db.dispose()

    def reopen(self) -> None:
        """Drop every pooled connection and connect afresh (after a restore replaced the file); a
        restored older backup is migrated like any older database."""
        self.db.dispose()
        self.db = Database.for_file(self.db_path)
        _bring_schema_up_to_date(self.db, self.db_path, self.backups_dir)
        self.refresh_branch()


def open_workspace(
    folder: str | Path | None = None, *, daily_backup: bool = True, today: dt.date | None = None
) -> Workspace:
    """Open (or create) the data folder's database, backing up and migrating as needed."""
    root = resolve_data_dir(folder)
    db_path = root / DATABASE_FILE
    existed = db_path.is_file() and db_path.stat().st_size > 0
    backups_dir = root / BACKUPS_FOLDER
    if existed and daily_backup and not backups.has_backup_on(backups_dir, today or dt.date.today()):
        log.info("daily backup of %s", db_path)
        backups.make_backup(db_path, backups_dir, backups.REASON_DAILY)
    database = Database.for_file(db_path)
    _bring_schema_up_to_date(database, db_path, backups_dir)
    workspace = Workspace(folder=root, db=database, branch_id=None)
    workspace.refresh_branch()
    return workspace


def _bring_schema_up_to_date(database: Database, db_path: Path, backups_dir: Path) -> None:
    try:
        status = schema_status(database.engine)
    except NewerSchemaError as error:
        database.dispose()
        raise AppError(
            _("This data was saved by a newer version of the program. Please install the newer version.")
        ) from error
    if not status.is_current:
        if not status.is_empty:
            log.info("backup before migrating from %s to %s", status.current, status.head)
            backups.make_backup(db_path, backups_dir, backups.REASON_MIGRATION)
        upgrade_to_head(database.engine)


def check_workspace(workspace: Workspace) -> tuple[str, SchemaStatus]:
    """SQLite's integrity check and where the schema stands."""
    with workspace.db.engine.connect() as connection:
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
    return str(integrity), schema_status(workspace.db.engine)
