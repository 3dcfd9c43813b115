"""记录交纳: one payment for several months (预交 ahead, 补交 late)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.members import roster_rows
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import DuesDialog, method_box
from dangjian_desktop.ui.widgets.kit import MonthPicker, date_edit, money_text, to_date


class PaymentDialog(DuesDialog):
    """记录交纳: one payment for several months (预交 / 补交); the amount is filled in from the standards."""

    def __init__(
        self, workspace: Workspace, month: Month, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Record a payment for several months"), _("Record"), parent)
        self.workspace = workspace
        self.member_box = QComboBox()
        for row in roster_rows(workspace):
            self.member_box.addItem(f"{row.name}  {row.party_group}".strip(), row.id)
        if member_id is not None:
            self.member_box.setCurrentIndex(max(0, self.member_box.findData(member_id)))
        self.first = MonthPicker(month, lambda _m: self._refresh_amount())
        self.last = MonthPicker(month, lambda _m: self._refresh_amount())
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("e.g. 15.00"))
        self.due_label = QLabel()
        self.paid_on = date_edit(dt.date.today())
        self.method = method_box()
        self.collector = QLineEdit(dues.default_collector(workspace))
        self.where = QLineEdit()
        self.where.setPlaceholderText(
            _("Only when paid to another Party organisation, e.g. 苏州市某某党支部")
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Only for months beyond the limits for paying ahead or late"))
        self.form.addRow(_("Member:"), self.member_box)
        self.form.addRow(_("From month:"), self.first)
        self.form.addRow(_("To month:"), self.last)
        self.form.addRow(_("Amount in all (yuan):"), self.amount)
        self.form.addRow("", self.due_label)
        self.form.addRow(_("Date paid:"), self.paid_on)
        self.form.addRow(_("Paid by way of:"), self.method)
        self.form.addRow(_("Collector:"), self.collector)
        self.form.addRow(_("Paid elsewhere at:"), self.where)
        self.form.addRow(_("Reason:"), self.reason)
        self.lay_out()
        self.member_box.currentIndexChanged.connect(lambda _i: self._refresh_amount())
        self._refresh_amount()

    def _refresh_amount(self) -> None:
        member_id = self.member_box.currentData()
        first, last = self.first.month(), self.last.month()
        if member_id is None or last < first:
            self.due_label.setText("")
            return
        due = dues.amount_due(self.workspace, member_id, first, last)
        if due is None:
            self.due_label.setText(_("No standard declared for some of these months."))
            return
        count = first.months_until(last) + 1
        self.due_label.setText(
            _("Dues for {count} months: {amount} yuan").format(count=count, amount=money_text(due))
        )
        self.amount.setText(f"{due:.2f}")

    def save(self) -> None:
        self.finish(
            lambda: dues.record_payment(
                self.workspace,
                self.member_box.currentData(),
                self.first.month(),
                self.last.month(),
                self.amount.text(),
                paid_on=to_date(self.paid_on.date()),
                method=self.method.currentData(),
                collector=self.collector.text(),
                paid_where=self.where.text(),
                reason=self.reason.text(),
            )
        )
