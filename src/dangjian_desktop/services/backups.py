"""Back up now, list backups, and restore one (after backing up the current data, so a restore can
itself be undone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import numbering
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import backup as store_backup
from dangjian_desktop.store.backup import BackupInfo

REASON_LABELS = {
    store_backup.REASON_MANUAL: N_("Made by hand"),
    store_backup.REASON_DAILY: N_("Daily, at start"),
    store_backup.REASON_MIGRATION: N_("Before upgrading the data"),
    store_backup.REASON_IMPORT: N_("Before an import"),
    store_backup.REASON_RESTORE: N_("Before a restore"),
}


def reason_label(reason: str) -> str:
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def back_up_now(
    workspace: Workspace, reason: str = store_backup.REASON_MANUAL, *, protect: Path | None = None
) -> Path:
    """A backup of the current data; ``protect`` names a backup that pruning must keep."""
    try:
        return store_backup.make_backup(workspace.db_path, workspace.backups_dir, reason, protect=protect)
    except OSError as error:
        raise AppError(
            _("The backup could not be written: {error}. Is the disk full?").format(error=error)
        ) from error


def list_backups(workspace: Workspace) -> list[BackupInfo]:
    return store_backup.list_backups(workspace.backups_dir)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: where the replaced data went, and lines to show afterwards."""

    safety_copy: Path
    notes: list[str] = field(default_factory=list)


def after_restore_notes(workspace: Workspace, safety_copy: Path) -> list[str]:
    """Lines to tell the secretary once the restored data is in place and open: the receipt, book and
    notice numbers issued after the backup was made, which the restored data lacks."""
    return numbering.after_restore(workspace)


def restore(workspace: Workspace, backup_path: Path) -> RestoreResult:
    """Check the backup, save the current data as a backup, then put the chosen backup in its place."""
    try:
        store_backup.check_backup(backup_path)
    except store_backup.BackupCheckFailed as error:
        raise AppError(
            _(
                "This backup is damaged or is not a backup of this program ({detail}); nothing was changed."
            ).format(detail=error)
        ) from error
    # With 30 backups kept, the safety copy must not prune away the (oldest) backup being restored.
    safety_copy = back_up_now(workspace, store_backup.REASON_RESTORE, protect=backup_path)
    workspace.close()
    try:
        store_backup.restore_backup(backup_path, workspace.db_path)
    finally:
        workspace.reopen()
    return RestoreResult(safety_copy, after_restore_notes(workspace, safety_copy))
