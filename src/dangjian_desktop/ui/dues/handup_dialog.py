"""上缴: recording dues handed to the township Party committee."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import DuesDialog
from dangjian_desktop.ui.widgets.kit import MonthPicker, date_edit, to_date


class HandUpDialog(DuesDialog):
    def __init__(self, workspace: Workspace, suggested: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(_("Record a hand-up"), _("Record"), parent)
        self.workspace = workspace
        today = dt.date.today()
        self.handed_on = date_edit(today)
        self.amount = QLineEdit(f"{max(suggested, Decimal('0')):.2f}")
        self.receiver = QLineEdit()
        self.receiver.setPlaceholderText(_("e.g. 城关镇党委 张三"))
        self.receipt = QLineEdit()
        quarter_start = Month(today.year, (Month.of(today).quarter - 1) * 3 + 1)
        self.first = MonthPicker(quarter_start - 3)
        self.last = MonthPicker(quarter_start - 1)
        self.central = QCheckBox(_("Voluntary extras of 1000 yuan or more, for the Central Committee"))
        self.note = QLineEdit()
        self.form.addRow(_("Date handed up:"), self.handed_on)
        self.form.addRow(_("Amount (yuan):"), self.amount)
        self.form.addRow(_("Received by:"), self.receiver)
        self.form.addRow(_("Receipt number:"), self.receipt)
        self.form.addRow(_("For the months from:"), self.first)
        self.form.addRow(_("to:"), self.last)
        self.form.addRow("", self.central)
        self.form.addRow(_("Note:"), self.note)
        self.lay_out()

    def save(self) -> None:
        self.finish(
            lambda: dues.record_handup(
                self.workspace,
                handed_on=to_date(self.handed_on.date()),
                amount=self.amount.text(),
                receiver=self.receiver.text(),
                receipt_number=self.receipt.text(),
                first_month=self.first.month(),
                last_month=self.last.month(),
                to_central=self.central.isChecked(),
                note=self.note.text(),
            )
        )
