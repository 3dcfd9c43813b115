"""组织实施 of a major matter: the day the work was finished and what was done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.notices.common import lay_out_small_form
from dangjian_desktop.ui.widgets.forms import (
    FieldRow,
    form_label,
    new_form_layout,
)
from dangjian_desktop.ui.widgets.kit import date_edit, to_date


class ImplementationDialog(QDialog):
    """组织实施: the day the work was finished and what was done; before the 决议公开 period has ended only
    with a reason."""

    def __init__(
        self, workspace: Workspace, matter: matters_service.MatterInfo, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.matter = matter
        self.setWindowTitle(_("Record the implementation"))
        self.date_edit = date_edit(dt.date.today())
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("What was done, the money spent, the check on completion"))
        self.text_row = FieldRow(self.text_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Only if it started before the resolution's period ended"))
        self.reason_row = FieldRow(self.reason_edit)
        form = new_form_layout()
        form.addRow(form_label(_("Finished on")), self.date_edit)
        form.addRow(form_label(_("Work done"), required=True), self.text_row)
        form.addRow(form_label(_("Reason for starting early")), self.reason_row)
        period_end = matters_service.resolution_period_end(workspace, matter.id)
        period = QLabel(
            _("The resolution is public until {end}; the implementation comes after that.").format(
                end=format_date(period_end, "long")
            )
            if period_end
            else ""
        )
        period.setWordWrap(True)
        lay_out_small_form(self, matter.title, period, form, self.save)
        self.resize(640, 420)

    def save(self) -> None:
        try:
            matters_service.record_implementation(
                self.workspace,
                self.matter.id,
                to_date(self.date_edit.date()),
                self.text_edit.toPlainText(),
                reason=self.reason_edit.text(),
            )
        except FieldErrors as error:
            rows = {"text": self.text_row, "reason": self.reason_row}
            for key, message in error.errors.items():
                rows.get(key, self.text_row).show_error(message)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()
