"""导入村里的数据…: the villages' files chosen (one or more), the administrator's login (asked once while
the program runs), each file imported in the background (services.exchange.import_village_file: checked,
then written in one transaction, or refused with nothing changed), and what happened shown file by file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.server_admin import NotTheOwner
from dangjian_desktop.services.server_login import LoginRefused
from dangjian_desktop.ui.tasks import BackgroundTask, ProgressCallback, run_in_background
from dangjian_desktop.ui.township.import_results import FileOutcome, ImportResultsDialog
from dangjian_desktop.ui.township.owner_login import forget_owner, owner_url
from dangjian_desktop.ui.widgets.kit import PageBase, show_error


def import_files(owner: str, paths: list[Path], report: ProgressCallback) -> list[FileOutcome]:
    """Each file in turn (in the worker thread); a refused file does not stop the others."""
    outcomes = []
    for done, path in enumerate(paths):
        report(done, len(paths))
        try:
            outcomes.append(FileOutcome(path, exchange.import_village_file(owner, path)))
        except (NotTheOwner, LoginRefused) as error:
            outcomes.append(FileOutcome(path, refusal=error.message, login_refused=True))
        except AppError as error:
            outcomes.append(FileOutcome(path, refusal=error.message))
    report(len(paths), len(paths))
    return outcomes


class VillageImport:
    """The import as the township page runs it: ``button`` is disabled while it runs, ``status`` says how
    far it is, and ``after`` reads the page again once the results were shown."""

    def __init__(
        self, page: PageBase, button: QPushButton, status: QLabel, after: Callable[[], None]
    ) -> None:
        self.page = page
        self.button = button
        self.status = status
        self.after = after
        self.task: BackgroundTask | None = None
        self.outcomes: list[FileOutcome] | None = None  # the last import's, for tests

    def start(self) -> None:
        names, _chosen = QFileDialog.getOpenFileNames(
            self.page, _("Choose the villages' files"), str(Path.home()), _("Exchange files (*.zip)")
        )
        if not names:
            return
        owner = owner_url(self.page)
        if owner is None:
            return
        paths = [Path(name) for name in names]
        self.button.setEnabled(False)
        self.status.setText(_("Importing…"))
        self.status.setVisible(True)
        self.task = run_in_background(
            self.page,
            lambda report: import_files(owner, paths, report),
            self._done,
            self._failed,
            self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        self.status.setText(_("Importing file {n} of {total}…").format(n=min(done + 1, total), total=total))

    def _finish(self) -> None:
        self.task = None
        self.button.setEnabled(True)
        self.status.setVisible(False)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        show_error(self.page, error)

    def _done(self, result: object) -> None:
        self._finish()
        outcomes: list[FileOutcome] = list(result)  # type: ignore[call-overload]
        self.outcomes = outcomes
        if any(outcome.login_refused for outcome in outcomes):
            forget_owner(self.page)  # asked again next time
        dialog = ImportResultsDialog(outcomes, self.page)
        self.page.dialog_opened.emit(dialog)
        dialog.exec()
        self.after()
