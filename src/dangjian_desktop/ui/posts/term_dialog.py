"""A new term: a calendar year, or a term with its own start and end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.posts.common import (
    try_save,
)
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    dialog_buttons,
)
from dangjian_desktop.ui.widgets.kit import date_edit, to_date

OK = QDialogButtonBox.StandardButton.Ok


class TermDialog(QDialog):
    """Start a new term: a calendar year, or a term with its own start and end."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.term: service.TermInfo | None = None
        self.setWindowTitle(_("New term"))
        self.setModal(True)
        today = dt.date.today()
        self.year_radio = QRadioButton(_("A year"))
        self.span_radio = QRadioButton(_("From a date to a date"))
        self.year_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.year_radio)
        group.addButton(self.span_radio)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.start_edit = date_edit(dt.date(today.year, 1, 1))
        self.end_edit = date_edit(dt.date(today.year, 12, 31))
        self.error_label = ErrorLabel()
        span_row = QHBoxLayout()
        span_row.addWidget(self.start_edit)
        span_row.addWidget(QLabel(_("to")))
        span_row.addWidget(self.end_edit)
        span_row.addStretch(1)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_radio)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(year_row)
        layout.addWidget(self.span_radio)
        layout.addLayout(span_row)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, _("Start this term"), self.save, OK))
        for widget in (self.start_edit, self.end_edit):
            widget.dateChanged.connect(lambda _d: self.span_radio.setChecked(True))
        self.year_spin.valueChanged.connect(lambda _v: self.year_radio.setChecked(True))

    def save(self) -> None:
        if try_save(
            self, self._store, lambda errors: self.error_label.show_message(" ".join(errors.values()))
        ):
            self.accept()

    def _store(self) -> None:
        if self.year_radio.isChecked():
            self.term = service.term_for_year(self.workspace, self.year_spin.value())
        else:
            start, end = to_date(self.start_edit.date()), to_date(self.end_edit.date())
            self.term = service.open_term(self.workspace, start, end)
