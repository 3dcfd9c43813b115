"""What the posts page's tabs and dialogs share: the tab base (the term shown on the page, dialogs
announced for tests, reading again after a change), saving with errors shown in words, and a few layout
pieces. Tabs know the page only through the ``term`` callable and their signals (no import cycle)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.forms import FieldRow
from dangjian_desktop.ui.widgets.kit import Tab, show_app_error
from dangjian_desktop.ui.widgets.tables import select_by_data

WARNING_COLOR = "#9c5700"

TermSource = Callable[[], service.TermInfo | None]


def one_line(text: str) -> str:
    return "；".join(part for part in text.splitlines() if part.strip())


def member_label(option: service.MemberOption) -> str:
    notes: list[str] = []
    if option.posts:
        notes.append(_("already on: {posts}").format(posts="、".join(option.posts)))
    if not option.without_office:
        notes.append(_("office: {office}").format(office=option.office))
    if option.flowing:
        notes.append(_("working away"))
    return option.name + (f"（{'；'.join(notes)}）" if notes else "")


def try_save(
    parent: QWidget, action: Callable[[], object], show_errors: Callable[[Mapping[str, str]], None]
) -> bool:
    """Call the service; what is wrong with a field goes to ``show_errors`` (the form stays as typed),
    any other refusal is said in a message box. True when it was saved."""
    try:
        action()
    except FieldErrors as error:
        show_errors(error.errors)
        return False
    except AppError as error:
        show_app_error(parent, error)
        return False
    return True


def show_on_rows(rows: Mapping[str, FieldRow], errors: Mapping[str, str], fallback: str) -> None:
    """Each message under its field; one for a field without a row goes under ``fallback``."""
    for key, message in errors.items():
        rows.get(key, rows[fallback]).show_error(message)


def panel() -> tuple[QWidget, QVBoxLayout]:
    """A widget for one side of a splitter, its column layout without margins."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    return widget, layout


def splitter(
    orientation: Qt.Orientation, widgets: Sequence[QWidget], stretch: Sequence[int] = ()
) -> QSplitter:
    split = QSplitter(orientation)
    for widget in widgets:
        split.addWidget(widget)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    split.setChildrenCollapsible(False)
    return split


def button_row(*buttons: QWidget, right: bool = False) -> QHBoxLayout:
    """Buttons side by side, on the left (or pushed to the right)."""
    row = QHBoxLayout()
    if right:
        row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    if not right:
        row.addStretch(1)
    return row


class PostsTab(Tab):
    """A tab of the posts page. ``term()`` gives the term chosen at the top of the page;
    ``dialog_opened`` announces each dialog before it runs (tests reach it through the page)."""

    dialog_opened = Signal(object)

    def __init__(self, workspace: Workspace, term: TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._term = term

    @property
    def term(self) -> service.TermInfo | None:
        return self._term()

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show the dialog; True when it was saved."""
        self.dialog_opened.emit(dialog)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_change(self, table: QTableWidget | None = None, row_id: object = None) -> None:
        """Read again after a change (the row ``row_id`` selected), and tell the page."""
        self.reload()
        if table is not None and row_id is not None:
            select_by_data(table, row_id)
        self.changed.emit()

    def act(self, action: Callable[[], object]) -> None:
        """A change made at once (no dialog): done and shown, or refused in words."""
        try:
            action()
        except AppError as error:
            show_app_error(self, error)
            return
        self.show_change()
