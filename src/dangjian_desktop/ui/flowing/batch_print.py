"""打印全部活动证: the book of everybody away, one PDF each, into a folder the secretary chooses; printed in
the background with a progress dialog whose Stop ends the batch after the current book."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.tasks import BackgroundTask, CancelFlag, run_in_background


class BatchPrint:
    """The batch of the page's "Print all books…" button (disabled while it runs)."""

    def __init__(self, parent: QWidget, workspace: Workspace, button: QPushButton) -> None:
        self.parent, self.workspace, self.button = parent, workspace, button
        self.task: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None

    def start(self, count: int) -> None:
        """Ask for the folder, then print the ``count`` books away in the background."""
        folder = QFileDialog.getExistingDirectory(
            self.parent, _("Choose the folder for the activity books"), str(Path.home())
        )
        if not folder:
            return
        flag = CancelFlag()
        progress = QProgressDialog(_("Printing the activity books…"), _("Stop"), 0, count, self.parent)
        progress.setWindowTitle(_("Print all books"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        progress.canceled.connect(flag.cancel)
        self.progress = progress
        self.button.setEnabled(False)
        workspace, target = self.workspace, Path(folder)
        self.task = run_in_background(
            self.parent,
            lambda report: flowing.print_all_away(workspace, target, progress=report, cancel=flag),
            on_success=self._done,
            on_failure=self._failed,
            progress=self._step,
        )

    def _step(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        progress.setMaximum(max(total, 1))
        progress.setLabelText(_("Printed {done} of {total} activity books…").format(done=done, total=total))
        if done < total:  # the last step is shown by the message at the end (setValue may run events)
            progress.setValue(done)

    def _finish(self) -> None:
        self.button.setEnabled(True)
        progress, self.progress = self.progress, None
        if progress is not None:
            # Silenced, not disconnected: disconnect() takes Qt's connection lock and then the GIL, while the
            # worker thread, letting go of the job (and the cancel flag connected here), holds the GIL and
            # waits for that lock: the two threads then wait for each other (a test run hung here once).
            progress.blockSignals(True)
            progress.reset()
            progress.deleteLater()

    def _done(self, result: flowing.BatchResult) -> None:
        self._finish()
        if result.cancelled:
            text = _("Stopped. {count} activity books were printed into {folder}.")
        else:
            text = _("{count} activity books were printed into {folder}.")
        messages.info(self.parent, text.format(count=len(result.files), folder=result.folder))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        messages.error(self.parent, error.message if isinstance(error, AppError) else str(error))
