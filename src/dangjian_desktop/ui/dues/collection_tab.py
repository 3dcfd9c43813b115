"""收缴: who owes for the month, with a big 已交 button per member; several months, reversals, receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _, table_date
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import UNDECLARED_COLOUR, DuesTab, Export, method_box
from dangjian_desktop.ui.dues.payment_dialog import PaymentDialog
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.kit import (
    MonthPicker,
    action_button,
    ask_reason,
    date_edit,
    fit_columns,
    money_text,
    print_pdf_via_dialog,
    row_table,
    save_path,
    show_error,
    table_cell,
    to_date,
)


class CollectionTab(DuesTab):
    """收缴: who owes for the month, with a big 已交 button per member."""

    COLUMNS = (
        N_("Name"),
        N_("Party group"),
        N_("Monthly standard"),
        N_("Status"),
        N_("Mark as paid"),
        N_("Date paid"),
        N_("Paid by way of"),
        N_("Collector"),
        N_("Receipt number"),
    )
    (
        COL_NAME,
        COL_GROUP,
        COL_STANDARD,
        COL_STATUS,
        COL_ACTION,
        COL_DATE,
        COL_METHOD,
        COL_COLLECTOR,
        COL_RECEIPT,
    ) = range(9)

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, export, parent)
        self.rows: list[dues.CollectionRow] = []
        layout = QVBoxLayout(self)
        top = FlowLayout(spacing=16)  # goes on to a second line at large text, never sideways
        self.month_picker = MonthPicker(Month.of(dt.date.today()), lambda _m: self.reload())
        top.addWidget(kept_together(_("Month:"), self.month_picker))
        self.method = method_box()
        top.addWidget(kept_together(_("Paid by way of:"), self.method))
        self.paid_on = date_edit(dt.date.today())
        top.addWidget(kept_together(_("Date paid:"), self.paid_on))
        self.collector = QLineEdit()
        self.collector.setMaximumWidth(160)
        top.addWidget(kept_together(_("Collector:"), self.collector))
        layout.addLayout(top)

        actions = FlowLayout()
        self.several_button = action_button(_("Several months…"), self.record_several, actions)
        self.several_button.setToolTip(
            _("Paying ahead (预交) or paying late (补交) for several months at once")
        )
        self.reverse_button = action_button(_("Reverse…"), self.reverse_selected, actions)
        self.reverse_button.setToolTip(
            _("A wrong entry is corrected by a reversing entry; both stay on record")
        )
        self.receipt_button = action_button(_("Print receipts…"), self.print_receipts, actions)
        self.receipt_button.setToolTip(
            _("The selected member's receipt, or every receipt of the month; three to an A4 sheet")
        )
        self.receipt_pdf_button = action_button(_("Save receipts as PDF…"), self.save_receipts, actions)
        self.summary_label = QLabel()
        # All the room right of the buttons; on two lines rather than make the page wider than the window.
        self.summary_label.setWordWrap(True)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        actions.add_stretch()
        actions.addWidget(self.summary_label)
        layout.addLayout(actions)

        self.table = row_table([_(c) if c else "" for c in self.COLUMNS])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # receipts of several
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

    def month(self) -> Month:
        return self.month_picker.month()

    def reload(self) -> None:
        if not self.collector.text():
            self.collector.setText(dues.default_collector(self.workspace))
        self.rows = dues.collection_rows(self.workspace, self.month())
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._fill_row(index, row)
        fit_columns(self.table)
        self.table.horizontalHeader().resizeSection(self.COL_ACTION, 130)
        self.summary_label.setText(self._summary_text())
        self._update_buttons()

    def _cells(self, row: dues.CollectionRow) -> dict[int, str]:
        return {
            self.COL_NAME: row.name,
            self.COL_GROUP: row.party_group,
            self.COL_STANDARD: money_text(row.standard) if row.declared else _("Not declared"),
            self.COL_STATUS: self.status_text(row),
            self.COL_DATE: table_date(row.paid_on),
            self.COL_METHOD: row.paid_where or (rules.method_label(row.method) if row.method else ""),
            self.COL_COLLECTOR: row.collector,
            self.COL_RECEIPT: row.receipt_number,
            self.COL_ACTION: "",
        }

    def _fill_row(self, index: int, row: dues.CollectionRow) -> None:
        undeclared = not row.declared and not row.is_paid
        for column, text in self._cells(row).items():
            data = row.member_id if column == self.COL_NAME else None
            item = table_cell(text, data, right=column == self.COL_STANDARD and row.declared)
            if undeclared:
                item.setBackground(QBrush(UNDECLARED_COLOUR))
            self.table.setItem(index, column, item)
        self.table.removeCellWidget(index, self.COL_ACTION)
        if row.declared and not row.is_paid:
            self.table.setCellWidget(index, self.COL_ACTION, self._paid_button(row))

    def _paid_button(self, row: dues.CollectionRow) -> QPushButton:
        button = QPushButton(_("Record as paid"))
        button.setObjectName("primary")
        button.setToolTip(
            _("{name} paid {amount} yuan for this month").format(
                name=row.name, amount=money_text(row.standard)
            )
        )
        button.clicked.connect(lambda _checked=False, member_id=row.member_id: self.mark_paid(member_id))
        return button

    def _summary_text(self) -> str:
        paid = sum(1 for r in self.rows if r.is_paid)
        unpaid = sum(1 for r in self.rows if r.declared and not r.is_paid)
        undeclared = sum(1 for r in self.rows if not r.declared and not r.is_paid)
        total = sum((r.paid for r in self.rows), Decimal("0.00"))
        text = _("{paid} paid, {unpaid} not paid; {total} yuan for the month").format(
            paid=paid, unpaid=unpaid, total=money_text(total)
        )
        if undeclared:
            text += _("; {count} not declared").format(count=undeclared)
        return text

    def status_text(self, row: dues.CollectionRow) -> str:
        if row.is_paid:
            return _("Paid elsewhere") if row.paid_where else _("Paid")
        if not row.declared:
            return _("Not declared")
        if self.month() == Month.of(dt.date.today()):
            return _("Not paid this month")  # the month is not over: not arrears yet
        return _("Not paid")

    def row_button(self, member_id: int) -> QPushButton | None:
        for index, row in enumerate(self.rows):
            if row.member_id == member_id:
                widget = self.table.cellWidget(index, self.COL_ACTION)
                return widget if isinstance(widget, QPushButton) else None
        return None

    def selected_row(self) -> dues.CollectionRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.reverse_button.setEnabled(bool(row and row.payment_id))
        has_receipts = any(r.receipt_number for r in self.rows)
        self.receipt_button.setEnabled(has_receipts)
        self.receipt_pdf_button.setEnabled(has_receipts)

    def mark_paid(self, member_id: int, reason: str = "") -> None:
        """The one click: this member paid their standard for the month, today, in cash by default."""
        try:
            dues.collect_month(
                self.workspace,
                self.month(),
                [member_id],
                paid_on=to_date(self.paid_on.date()),
                method=self.method.currentData(),
                collector=self.collector.text(),
                reason=reason,
            )
        except dues.ReasonRequired as error:
            answer = ask_reason(self, error.errors["reason"])
            if answer:
                self.mark_paid(member_id, answer)
            return
        except AppError as error:
            show_error(self, error)
            return
        self.changed.emit()

    def record_several(self) -> None:
        row = self.selected_row()
        dialog = PaymentDialog(self.workspace, self.month(), row.member_id if row else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def reverse_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.payment_id is None:
            return
        payment = dues.get_payment(self.workspace, row.payment_id)
        reason = ask_reason(
            self,
            _("Reverse the payment of {name} ({months}, {amount} yuan)? Type the reason:").format(
                name=payment.member_name, months=payment.months_text, amount=money_text(payment.amount)
            ),
        )
        if reason and self.attempt(lambda: dues.reverse_payment(self.workspace, payment.id, reason)):
            self.changed.emit()

    def _rows_with_receipts(self) -> list[dues.CollectionRow]:
        """The chosen members' rows that have a receipt, or every such row of the month when none is chosen."""
        chosen = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        picked = [self.rows[i] for i in chosen if 0 <= i < len(self.rows)]
        with_receipt = [r for r in picked if r.payment_id and r.receipt_number]
        return with_receipt or [r for r in self.rows if r.payment_id and r.receipt_number]

    def receipt_payment_ids(self) -> list[int]:
        """The chosen members' payments with a receipt, otherwise every payment of the month with one."""
        return list(dict.fromkeys(r.payment_id for r in self._rows_with_receipts() if r.payment_id))

    def _receipts_name(self) -> str:
        """党费收据-2026-12 for the month, 党费收据-2026-12-张秀英 for one member (review m12: saving the
        receipts one by one must not overwrite the previous one)."""
        rows = self._rows_with_receipts()
        name = _("receipts-{month}.pdf").format(month=str(self.month()))
        if len(rows) == 1:
            name = name.removesuffix(".pdf") + f"-{rows[0].name}.pdf"
        return name

    def print_receipts(self) -> None:
        ids = self.receipt_payment_ids()
        if ids:
            print_pdf_via_dialog(
                self,
                lambda path: dues_documents.print_receipts(self.workspace, ids, path),
                self._receipts_name().removesuffix(".pdf"),
            )

    def save_receipts(self) -> None:
        ids = self.receipt_payment_ids()
        if not ids:
            return
        path = save_path(self, self._receipts_name(), pdf=True)
        if path is not None:
            self.export(lambda: dues_documents.print_receipts(self.workspace, ids, path))
