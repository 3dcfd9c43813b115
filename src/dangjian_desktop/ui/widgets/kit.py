"""The working parts every module page shares: read-only tables and their cells, action buttons, the
month picker and year box, error boxes, "save as" paths that never overwrite, printing a PDF through the
printer dialog, date conversion, and ``Tab`` — the base of a page's tabs.

A page file only composes its tabs; a tab or dialog uses these instead of a private copy.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLayout,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.widgets.tables import ID_ROLE, data_table
from dangjian_desktop.ui.widgets.text_size import keep_fitted


def money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def table_cell(text: str, data: object = None, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if data is not None:
        item.setData(ID_ROLE, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def row_table(headers: Sequence[str]) -> QTableWidget:
    """A read-only table of whole rows (``data_table``) whose rows stay high enough for the text size."""
    table = data_table(headers)
    keep_fitted(table, lambda: table.verticalHeader().setDefaultSectionSize(row_height(table)))
    return table


def row_height(table: QTableWidget) -> int:
    return table.fontMetrics().height() + 22


def fit_columns(table: QTableWidget, padding: int = 16) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    last = table.columnCount() - 1 if header.stretchLastSection() else table.columnCount()
    for column in range(last):  # the stretched last column fills the rest; widening it would overflow
        header.resizeSection(column, header.sectionSize(column) + padding)


def action_button(text: str, slot: Callable[[], object], layout: QLayout | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(button.sizeHint().height() + 10)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    if layout is not None:
        layout.addWidget(button)
    return button


def _a_little_wider_than_high(button: QPushButton) -> None:
    button.setFixedWidth(button.sizeHint().height() + 12)


class MonthPicker(QWidget):
    """A month with ◀ ▶ buttons: "2026年3月"."""

    def __init__(
        self, month: Month, on_change: Callable[[Month], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._on_change = on_change
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous_button = action_button("◀", lambda: self.set_month(self.month() - 1), layout)
        self.edit = QDateEdit()
        self.edit.setDisplayFormat(_("yyyy-MM"))
        self.edit.setCalendarPopup(False)
        self.edit.setMinimumDate(QDate(2008, 4, 1))
        self.edit.setDate(QDate(month.year, month.month, 1))
        self.edit.dateChanged.connect(self._changed)
        layout.addWidget(self.edit)
        self.next_button = action_button("▶", lambda: self.set_month(self.month() + 1), layout)
        for button in (self.previous_button, self.next_button):  # a little wider than high
            keep_fitted(button, partial(_a_little_wider_than_high, button))
        self.previous_button.setToolTip(_("Previous month"))
        self.next_button.setToolTip(_("Next month"))

    def month(self) -> Month:
        value = self.edit.date()
        return Month(value.year(), value.month())

    def set_month(self, month: Month) -> None:
        self.edit.setDate(QDate(month.year, month.month, 1))

    def _changed(self, _value: QDate) -> None:
        if self._on_change is not None:
            self._on_change(self.month())


def year_box(year: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2008, 2100)
    box.setValue(year)
    box.setSuffix(_(" (year)"))
    keep_fitted(box, lambda: box.setMinimumWidth(box.sizeHint().width() + 20))
    return box


def show_error(parent: QWidget, error: BaseException) -> None:
    if isinstance(error, AppError):
        messages.warning(parent, error.message)
    else:
        messages.error(parent, _("Something went wrong: {error}").format(error=error), details=repr(error))


def ask_reason(parent: QWidget, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(parent, _("Reason"), prompt)
    if not ok:
        return None
    return text.strip() or None


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix``, ``stem-3.suffix`` … when taken: a suggested name
    never leads to overwriting an earlier file (review m12)."""
    path = folder / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def save_path(parent: QWidget, suggested: str, pdf: bool) -> Path | None:
    pattern = _("PDF files (*.pdf)") if pdf else _("Excel workbooks (*.xlsx)")
    suffix = ".pdf" if pdf else ".xlsx"
    start = unused_name(Path.home(), suggested.removesuffix(suffix), suffix)
    name, _chosen = QFileDialog.getSaveFileName(parent, _("Save as"), str(start), pattern)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


def print_pdf_via_dialog(parent: QWidget, write_pdf: Callable[[Path], object], name: str) -> bool:
    """Make the PDF (``write_pdf`` writes it to the path it is given, a temporary file) and print it
    through the printer dialog. Returns True if it was sent to the printer."""
    with tempfile.TemporaryDirectory(prefix="dangjian-print-") as folder:
        path = Path(folder) / "print.pdf"
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_pdf(path)
            data = path.read_bytes()
        except (AppError, OSError) as error:
            show_error(parent, error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
    return printing.print_pdf(parent, data, name=name)


def date_edit(day: dt.date) -> QDateEdit:
    """A date box with the calendar popup, showing ``day``."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class Tab(QWidget):
    """One tab of a module page: it reads its data in ``reload()`` and says ``changed`` after a change, so
    the page can tell the other tabs (and the home page) to read again."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError


def stretch_column(table: QTableWidget, stretch: int) -> None:
    """Every column as wide as its contents, except ``stretch``, which takes the rest of the width (text
    too long for it is cut off with "…" and shown whole in its tooltip)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def confirm_discard(parent: QWidget) -> bool:
    """Closing a form with unsaved typing asks first (a slip must not lose it): True when she chose to
    close without saving."""
    return messages.confirm(
        parent,
        _("What you typed has not been saved. Close the form without saving?"),
        yes_text=_("Close without saving"),
        no_text=_("Keep filling in"),
    )


def show_app_error(parent: QWidget, error: BaseException) -> None:
    """A known problem (``AppError``) in an error box; anything else is a bug and goes on to the crash
    handler (for the failure callback of a background task, where nothing else would see it)."""
    if isinstance(error, AppError):
        messages.error(parent, error.message)
        return
    raise error


def tab_pages(
    tabs: Sequence[tuple[str, Tab]], on_change: Callable[[], object] | SignalInstance
) -> QTabWidget:
    """A module page's tabs, each under its title, in order; a change made in any of them calls
    ``on_change`` (which tells the other tabs and pages to read again)."""
    widget = QTabWidget()
    for title, tab in tabs:
        widget.addTab(tab, title)
        tab.changed.connect(on_change)
    return widget


def reload_shown_tab(parent: QWidget, tabs: QTabWidget) -> None:
    """Read the tab shown again; a known problem (``AppError``) is said in an error box over ``parent``."""
    tab = tabs.currentWidget()
    if not isinstance(tab, Tab):
        return
    try:
        tab.reload()
    except AppError as error:
        messages.error(parent, error.message)


class PageBase(QWidget):
    """The common base of a module's page (with its ``reload()`` it meets ``ui.module_page.ModulePage``):
    ``data_changed`` after every change it makes (the other pages and the home page read again);
    ``dialog_opened`` with each dialog just before it is shown (tests reach it)."""

    data_changed = Signal()
    dialog_opened = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
