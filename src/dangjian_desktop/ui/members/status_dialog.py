"""Leaving the roster (转出, 去世, 出党, 停止党籍) or returning to it: a date and a reason, kept in the
member's history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.domain.choices import LEAVING_STATUSES, MEMBER_STATUS
from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.members.member_dialog import may_discard_typing
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    FieldRow,
    combo_with_codes,
    form_label,
    new_form_layout,
)


class StatusChangeDialog(QDialog):
    """Leave the roster (转出, 去世, 出党, 停止党籍) or return to it: a date and a reason, kept in history."""

    def __init__(self, workspace: Workspace, row: RosterRow, *, leaving: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.leaving = leaving
        self.setWindowTitle(_("Leave the roster") if leaving else _("Return to the roster"))
        layout = QVBoxLayout(self)
        if leaving:
            text = _(
                "{name} leaves the roster. The entry is kept, with the date and the reason, and can be "
                "returned to the roster later."
            )
        else:
            text = _("{name} comes back to the roster (for example after transferring back).")
        intro = QLabel(text.format(name=row.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)

        form = new_form_layout()
        self.rows: dict[str, FieldRow] = {}
        if leaving:
            self.status_combo = combo_with_codes(
                [(code, MEMBER_STATUS.label(code)) for code in LEAVING_STATUSES]
            )
            self.rows["status"] = FieldRow(self.status_combo)
            form.addRow(form_label(_("Reason for leaving")), self.rows["status"])
        self.date_edit = QLineEdit(dt.date.today().isoformat())
        self.date_edit.setObjectName("date")
        self.rows["date"] = FieldRow(self.date_edit)
        form.addRow(form_label(_("Date"), required=True), self.rows["date"])
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setPlaceholderText(
            _("e.g. 转往城关镇东街社区党支部") if leaving else _("e.g. 从外地转回本支部")
        )
        self.rows["reason"] = FieldRow(self.reason_edit)
        form.addRow(form_label(_("Details")), self.rows["reason"])
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            _("Leave the roster") if leaving else _("Return to roster"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(
            max(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("中") * 34),
            self.sizeHint().height(),
        )
        self._initial = self._typed()

    def _typed(self) -> tuple[object, str, str]:
        status = self.status_combo.currentData() if self.leaving else None
        return status, self.date_edit.text(), self.reason_edit.text()

    def reject(self) -> None:
        """Esc or Cancel after typing a reason asks first: nothing typed is thrown away unasked."""
        if self._typed() != self._initial and not may_discard_typing(self):
            return
        super().reject()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        self.general_error.show_message("\n".join(m for k, m in errors.items() if k not in self.rows))
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())  # room for the messages, never squeezed
        if needed > self.height():
            self.resize(self.width(), needed)

    def save(self) -> None:
        try:
            parsed = parse_date(self.date_edit.text())
        except InvalidDate as error:
            self.show_errors({"date": error.message})
            return
        if parsed is None:
            self.show_errors({"date": _("Please enter the date.")})
            return
        try:
            if self.leaving:
                member_service.leave_roster(
                    self.workspace,
                    self.row.id,
                    self.status_combo.currentData(),
                    parsed.value,
                    self.reason_edit.text(),
                )
            else:
                member_service.return_to_roster(
                    self.workspace, self.row.id, parsed.value, self.reason_edit.text()
                )
        except FieldErrors as errors:
            self.show_errors(errors.errors)
            return
        except AppError as error:
            self.show_errors({"": error.message})
            return
        self.accept()
