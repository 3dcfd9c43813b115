"""Driving the dialogs a page opens, from a test."""

from __future__ import annotations

from PySide6.QtCore import QTimer


class DialogDriver:
    """Works on the next dialogs the page opens, inside their own event loop. A failure in ``fill``
    closes the dialog (so the test never hangs) and is raised again by ``done()``."""

    def __init__(self, page, fill) -> None:  # noqa: ANN001 - a page with a dialog_opened signal
        self.page = page
        self.fill = fill
        self.seen: list = []
        self.errors: list[BaseException] = []
        page.dialog_opened.connect(self._opened)

    def _opened(self, dialog) -> None:  # noqa: ANN001
        self.seen.append(dialog)
        QTimer.singleShot(0, lambda: self._run(dialog))

    def _run(self, dialog) -> None:  # noqa: ANN001
        try:
            self.fill(dialog)
        except BaseException as error:  # noqa: BLE001 - handed back to the test by done()
            self.errors.append(error)
        finally:
            if dialog.isVisible():
                dialog.reject()

    def done(self) -> list:
        self.page.dialog_opened.disconnect(self._opened)
        if self.errors:
            raise self.errors[0]
        assert self.seen, "no dialog was opened"
        return self.seen
