"""What the 党费 page's tabs and dialogs share: the row colours, the dues form dialog, the tab base, the
way-paid box, the year box and the first month a standard is declared from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.documents.dues_reports import ReportTable
from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.kit import Tab, print_pdf_via_dialog, save_path, show_error, year_box

REMIND_COLOUR = QColor("#fff1c2")  # 提醒: pale amber
WARN_COLOUR = QColor("#f8c9c4")  # 警示: pale red
UNDECLARED_COLOUR = QColor("#e8e8e8")

T = TypeVar("T")
Export = Callable[[Callable[[], Path]], None]  # the page writes a file in the background, then says where


class DuesTab(Tab):
    """A tab of the 党费 page: ``changed`` after every change it makes; files are written through the
    page's ``export``."""

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.export = export

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Call a service; an error is said in words and gives None."""
        try:
            return action()
        except AppError as error:
            show_error(self, error)
            return None

    def print_tables(self, tables: Callable[[], list[ReportTable]], stem: str) -> None:
        """The tables as one PDF through the printer dialog; an error in making them is said in words."""
        made = self.attempt(tables)
        if made is not None:
            print_pdf_via_dialog(self, lambda path: dues_documents.write_pdf(made, path), stem)

    def save_tables(self, tables: Callable[[], list[ReportTable]], stem: str, pdf: bool) -> None:
        """The tables saved as a PDF or an Excel file where the secretary chooses (written in the
        background)."""
        path = save_path(self, stem, pdf)
        if path is None:
            return
        made = tables()
        writer = dues_documents.write_pdf if pdf else dues_documents.write_xlsx
        self.export(lambda: writer(made, path))

    def year_box(self) -> QSpinBox:
        """This year; choosing another year reads the tab again."""
        box = year_box(dt.date.today().year)
        box.valueChanged.connect(lambda _v: self.reload())
        return box


class DuesDialog(QDialog):
    """A dues form: its rows, what is wrong in words under them, and a button that calls ``save``."""

    def __init__(self, title: str, accept_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *below_form: QWidget) -> None:
        """The form, then ``below_form``, the error line and the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for widget in below_form:
            layout.addWidget(widget)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Call the service; when it refuses, say why under the form (the form stays as typed) and give None."""
        try:
            return action()
        except FieldErrors as error:
            self.error_label.setText("\n".join(error.errors.values()))
        except AppError as error:
            self.error_label.setText(error.message)
        return None

    def finish(self, action: Callable[[], object]) -> None:
        """Call the service and close the form when it agrees; otherwise say why and keep the form open."""
        if self.attempt(action) is not None:
            self.accept()

    def save(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError


def method_box() -> QComboBox:
    """Cash, transfer or other."""
    box = QComboBox()
    for code in rules.PAYMENT_METHODS:
        box.addItem(rules.method_label(code), code)
    return box


def default_first_month(workspace: Workspace, year: int) -> Month:
    """The first month a standard for ``year`` is declared from, unless changed: January, or the month
    the ledger starts when that is later in the same year."""
    start = dues.ledger_start_chosen(workspace)
    january = Month(year, 1)
    return start if start is not None and start.year == year and start > january else january
