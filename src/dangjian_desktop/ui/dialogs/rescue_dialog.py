"""The rescue window: when the data cannot be opened (damaged, not a database, unreadable text, missing
parts, another program's file), the program opens this instead of quitting. It says what happened in one
sentence and lists the kept backups with a check mark for each one that passes every check of a restore;
she can restore one of them or any file (a USB stick), or open the data folder for whoever helps her."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, format_datetime
from dangjian_desktop.services import backups
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.tasks import BackgroundTask, run_in_background
from dangjian_desktop.ui.widgets.backup_table import BackupTable, choose_backup_file
from dangjian_desktop.ui.widgets.buttons import BigButton
from dangjian_desktop.ui.widgets.forms import TitleLabel

CHECKING, PASSES, FAILS = "…", "✓", "✗"


class RescueDialog(QDialog):
    """Accepted once a backup has been restored (the program then opens the data); rejected otherwise."""

    def __init__(self, folder: Path, problem: AppError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.restored_from: Path | None = None
        self.notes: list[str] = []
        self._backups = backups.list_backups(self.folder)
        self._passes: dict[Path, bool] = {}
        self.setWindowTitle(_("Your data cannot be opened"))
        self.setMinimumSize(860, 560)

        headline = TitleLabel(problem.message, factor=1.25)
        headline.setObjectName("rescueHeadline")
        advice = QLabel(
            _(
                "You can put back one of the backups the program has kept (the ones marked ✓ passed every "
                "check), or a backup file from a USB stick. The damaged data is kept as another backup."
            )
        )
        advice.setWordWrap(True)

        self.table = BackupTable(marks_title=_("Usable"))
        self.table.show_backups(self._backups)
        for row in range(len(self._backups)):
            self.table.mark(row, CHECKING)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.no_backups = QLabel(_("There are no backups in the data folder."))
        self.no_backups.setVisible(not self._backups)
        self.table.setVisible(bool(self._backups))

        self.restore_button = BigButton(_("Restore the selected backup…"), on_click=self.restore_selected)
        self.restore_file_button = BigButton(_("Restore from a file…"), on_click=self.restore_from_file)
        self.open_folder_button = BigButton(_("Open the data folder"), on_click=self.open_data_folder)
        self.quit_button = BigButton(_("Quit"), on_click=self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.restore_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        folder_label = QLabel(_("Data folder: {folder}").format(folder=self.folder))
        folder_label.setWordWrap(True)
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(headline)
        layout.addWidget(advice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_backups)
        layout.addLayout(buttons)
        layout.addWidget(folder_label)
        self._update_buttons()
        self._check_task: BackgroundTask | None = run_in_background(
            self, self._check_all, self._checked, self._check_failed
        )

    # --- the check marks -------------------------------------------------------------------------

    def _check_all(self) -> dict[Path, bool]:
        return {info.path: backups.backup_passes(info.path) for info in self._backups}

    def _checked(self, passes: dict[Path, bool]) -> None:
        self._check_task = None
        self._passes = passes
        for row, info in enumerate(self._backups):
            if passes.get(info.path, False):
                self.table.mark(row, PASSES + " " + _("usable"), "#1b7a2e", _("Passed every check"))
            else:
                self.table.mark(row, FAILS + " " + _("damaged"), "#b3261e", _("Damaged or not usable"))
        first_good = next((row for row, info in enumerate(self._backups) if passes.get(info.path)), None)
        if first_good is not None:
            self.table.selectRow(first_good)
        self._update_buttons()

    def _check_failed(self, error: BaseException) -> None:
        self._check_task = None
        raise error

    @property
    def checking(self) -> bool:
        return self._check_task is not None

    def check_marks(self) -> list[str]:
        """The mark of each backup in the list (✓, ✗, or … while checking), newest first."""
        items = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        return [item.text()[:1] if item is not None else "" for item in items]

    def _selected(self):  # noqa: ANN202 - a BackupInfo
        return self.table.selected_backup()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    # --- restoring ---------------------------------------------------------------------------------

    def restore_selected(self) -> bool:
        info = self._selected()
        if info is None:
            return False
        when = format_datetime(info.created, "medium")
        if not messages.confirm(
            self,
            _("Put back the data as it was at {when}?").format(when=when),
            _("Restore this backup"),
            _("Do not restore"),
        ):
            return False
        return self._restore(info.path)

    def restore_from_file(self) -> bool:
        chosen = choose_backup_file(self)
        return self._restore(chosen) if chosen is not None else False

    def _restore(self, path: Path) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = backups.restore_into(self.folder, path)
        except AppError as error:
            QGuiApplication.restoreOverrideCursor()
            messages.error(self, error.message)
            return False
        QGuiApplication.restoreOverrideCursor()
        self.restored_from = path
        self.notes = list(result.notes)
        kept = (
            _("The damaged data was kept as {name}.").format(name=result.safety_copy.name)
            if result.safety_copy is not None
            else ""
        )
        messages.info(
            self,
            "\n\n".join(
                line
                for line in [_("Done: the backup was put back. The program opens now."), kept, *self.notes]
                if line
            ),
        )
        self.accept()
        return True

    def open_data_folder(self) -> None:
        messages.open_folder(self, self.folder)
