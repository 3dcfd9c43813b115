"""What the tabs and dialogs of 党务公开 share: the colours of a result, the tab base, the Save/Cancel row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from dangjian_desktop.i18n import _
from dangjian_desktop.ui.widgets.kit import Tab

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage

GOOD_COLOR = "#1a7f37"
BAD_COLOR = "#c00000"
WAIT_COLOR = "#9a6700"  # a meeting without its quorum: to be convened again


class NoticesTab(Tab):
    """A tab of the notices page; it reaches the page for the other tabs and ``dialog_opened``."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page.workspace)
        self.page = page


def save_cancel_buttons(dialog: QDialog, save_text: str, on_save: Callable[[], object]) -> QDialogButtonBox:
    """The dialog's bottom row: ``save_text`` runs ``on_save``, 取消 closes it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons
