"""What the tabs and dialogs of 党务公开 share: the colours of a result, the tab base, the small form's
layout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QVBoxLayout, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.ui.widgets.forms import TitleLabel, dialog_buttons
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


def lay_out_small_form(
    dialog: QDialog, title: str, note: QWidget, form: QFormLayout, on_save: Callable[[], object]
) -> None:
    """A small form about one notice or matter: its name in large type, a note, the rows, Save/Cancel."""
    layout = QVBoxLayout(dialog)
    layout.addWidget(TitleLabel(title, factor=1.15))
    layout.addWidget(note)
    layout.addLayout(form)
    layout.addWidget(dialog_buttons(dialog, _("Save"), on_save))
