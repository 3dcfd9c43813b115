"""备份与恢复: back up now (here or onto a USB stick), see the backups, restore one from the list or from
any file (checked before anything is replaced; the current data is backed up first, so a restore can
itself be undone), and find the folders where the data and the backups live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, format_datetime
from dangjian_desktop.services import backups
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.tasks import BackgroundTask, run_in_background
from dangjian_desktop.ui.widgets.backup_table import BackupTable, choose_backup_file
from dangjian_desktop.ui.widgets.buttons import BigButton
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.page_parts import page_column


class BackupPage(QWidget):
    """The 备份与恢复 page. ``data_replaced`` is emitted after a restore: every page must reload."""

    data_replaced = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._backup_task: BackgroundTask | None = None

        title = TitleLabel(_("Backup and restore"))
        title.setObjectName("pageTitle")

        intro = QLabel(
            _(
                "The program backs up your data by itself: once a day when it starts, before every import "
                "and before every upgrade. The newest 30 backups are kept. Before a big change you can also "
                "make one yourself."
            )
        )
        if workspace.is_server:  # the township backs up the server's data: say so, offer nothing here
            intro.setText(backups.server_backup_sentence())
        intro.setWordWrap(True)

        self.back_up_button = BigButton(_("Back up now"), on_click=self.back_up_now)
        self.restore_button = BigButton(_("Restore the selected backup…"), on_click=self.restore_selected)
        self.open_folder_button = BigButton(_("Open the backup folder"), on_click=self.open_backup_folder)
        self.back_up_to_button = BigButton(
            _("Back up to a USB stick or another place…"), on_click=self.back_up_to_folder
        )
        self.restore_file_button = BigButton(_("Restore from a file…"), on_click=self.restore_from_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder_button)
        elsewhere = QHBoxLayout()
        elsewhere.addWidget(self.back_up_to_button)
        elsewhere.addWidget(self.restore_file_button)
        elsewhere.addStretch(1)

        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = BackupTable()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())

        self.empty_label = QLabel(_("There are no backups yet. Click “Back up now” to make the first one."))
        self.empty_label.setWordWrap(True)

        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = page_column(self, title, intro, buttons, elsewhere, self.status_label, self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.folder_label)

        self.refresh()

    # --- list -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the backups folder again and show the data folder (it changes with --data-dir)."""
        selected = self.selected_backup()
        self.table.show_backups(backups.list_backups(self._workspace))
        self.table.setVisible(bool(self.table.backups))
        self.empty_label.setVisible(not self.table.backups and not self._workspace.is_server)
        self.folder_label.setVisible(not self._workspace.is_server)
        self.folder_label.setText(
            _("Your data is kept in: {folder}\nBackups are kept in: {backups}").format(
                folder=self._workspace.folder, backups=self._workspace.backups_dir
            )
        )
        if selected is not None:
            self.select_backup(selected.path)
        self._update_buttons()

    @property
    def backups(self) -> list[Any]:
        """The backups shown, newest first."""
        return self.table.backups

    def selected_backup(self) -> Any | None:
        return self.table.selected_backup()

    def select_backup(self, path: Path | str) -> bool:
        return self.table.select_backup(path)

    def _update_buttons(self) -> None:
        busy = self._backup_task is not None
        writable = not self._workspace.read_only and not self._workspace.is_server
        self.back_up_button.setEnabled(not busy and writable)
        self.back_up_to_button.setEnabled(not busy and not self._workspace.is_server)
        self.open_folder_button.setEnabled(not self._workspace.is_server)
        self.restore_file_button.setEnabled(not busy and writable)
        self.restore_button.setEnabled(not busy and writable and self.selected_backup() is not None)

    # --- back up ----------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self._backup_task is not None:
            return
        self.status_label.setText(_("Backing up…"))
        workspace = self._workspace
        self._backup_task = run_in_background(
            self, lambda: backups.back_up_now(workspace), self._backed_up, self._backup_failed
        )
        self._update_buttons()

    def _backed_up(self, path: Path) -> None:
        self._backup_task = None
        self.refresh()
        self.select_backup(path)
        info = self.table.info_for(path)
        when = format_datetime(info.created, "medium") if info else path.name
        self.status_label.setText(_("Done: the data was backed up ({when}).").format(when=when))
        self._update_buttons()

    def _backup_failed(self, error: BaseException) -> None:
        self._backup_task = None
        self.status_label.setText("")
        self._update_buttons()
        if isinstance(error, AppError):
            messages.error(self, error.message)
            return
        raise error

    @property
    def busy(self) -> bool:
        """True while a backup is being written in the background."""
        return self._backup_task is not None

    # --- restore ----------------------------------------------------------------------------------

    def restore_selected(self) -> bool:
        """Ask, then restore the selected backup; True when the data was replaced."""
        info = self.selected_backup()
        if info is None:
            messages.info(self, _("Please first click the backup you want in the list."))
            return False
        if self._backup_task is not None:
            return False
        when = format_datetime(info.created, "medium")
        question = _(
            "Put back the data as it was at {when}?\n\n"
            "What was entered or changed after that time will be replaced. Before restoring, the program "
            "first saves the data you have now as another backup, so if this was a mistake you can restore "
            "that backup and get it back."
        ).format(when=when)
        if not messages.confirm(self, question, _("Restore this backup"), _("Do not restore")):
            return False
        return self._restore(Path(info.path), when)

    def restore_from_file(self) -> bool:
        """Choose any backup file, anywhere and under any name (a USB stick from the old PC), and restore
        it: it is checked before anything is replaced."""
        if self._backup_task is not None:
            return False
        path = choose_backup_file(self)
        if path is None:
            return False
        question = _(
            "Put back the data from the file {name}?\n\n"
            "The file is checked first; if it is not a sound backup of this program, nothing is changed. "
            "Before restoring, the program saves the data you have now as another backup, so if this was "
            "a mistake you can restore that backup and get it back."
        ).format(name=path.name)
        if not messages.confirm(self, question, _("Restore this backup"), _("Do not restore")):
            return False
        return self._restore(path, path.name)

    def _restore(self, path: Path, when: str) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = backups.restore(self._workspace, path)
        except AppError as error:
            failure: AppError | None = error
        else:
            failure = None
        finally:
            QGuiApplication.restoreOverrideCursor()
        if failure is not None:
            self.refresh()
            messages.error(self, failure.message)
            return False
        self.refresh()
        safety_when, reason = "", ""
        if result.safety_copy is not None:
            self.select_backup(result.safety_copy)
            safety = self.table.info_for(result.safety_copy)
            safety_when = format_datetime(safety.created, "medium") if safety else result.safety_copy.name
            reason = backups.reason_label(safety.reason) if safety else ""
            self.status_label.setText(
                _(
                    "Restored the backup of {when}. The data from before the restore is in the backup of "
                    "{safety}."
                ).format(when=when, safety=safety_when)
            )
            text = _(
                "Done: the data is now as it was at {when}.\n\n"
                "The data you had before the restore was saved first, in the backup of {safety} "
                "(“{reason}” in the list). To undo this restore, restore that backup."
            ).format(when=when, safety=safety_when, reason=reason)
        else:
            self.status_label.setText(_("Restored the backup of {when}.").format(when=when))
            text = _("Done: the data is now as it was at {when}.").format(when=when)
        self.data_replaced.emit()
        if result.notes:  # numbers already on paper that the restored data lacks
            messages.warning(self, "\n\n".join([text, *result.notes]))
        else:
            messages.info(self, text)
        return True

    # --- onto a USB stick ------------------------------------------------------------------------

    def back_up_to_folder(self) -> Path | None:
        """Choose a folder (the USB stick) and put a backup there, named with the branch and the date."""
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose where to put the backup (e.g. the USB stick)"), str(Path.home())
        )
        if not chosen:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = backups.back_up_to(self._workspace, Path(chosen))
        except AppError as error:
            QGuiApplication.restoreOverrideCursor()
            messages.error(self, error.message)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.status_label.setText(_("Done: the backup was saved as {path}.").format(path=path))
        messages.info(
            self,
            _(
                "Done: the backup was saved as\n{path}\n\nOn another computer, install the program, then "
                "choose “Restore from a file…” and pick this file."
            ).format(path=path),
        )
        return path

    # --- folders ----------------------------------------------------------------------------------

    def open_backup_folder(self) -> None:
        messages.open_folder(self, self._workspace.backups_dir)
