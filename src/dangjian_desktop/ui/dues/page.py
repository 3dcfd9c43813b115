"""党费: the monthly collection (one click per member), standards, arrears, reports and hand-ups.

Tabs: 收缴 · 核定标准 · 欠缴 · 报表 · 上缴. Every change goes through ``services.dues``; the page never
edits or deletes a payment — a wrong one is reversed with a reason, and both entries stay on record.

A dues line of the home page opens the 欠缴 tab with its member selected (``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.choices import DUES_CATEGORY
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import N_, _, format_date, table_date
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.home import DueItem
from dangjian_desktop.services.members import roster_rows
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import (
    MonthPicker,
    action_button,
    ask_reason,
    fit_columns,
    money_text,
    print_pdf_via_dialog,
    row_height,
    row_table,
    save_path,
    show_error,
    table_cell,
    to_date,
    year_box,
)
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name
from dangjian_desktop.ui.widgets.tables import qdate
from dangjian_desktop.ui.widgets.text_size import bold_font, keep_fitted

REMIND_COLOUR = QColor("#fff1c2")  # 提醒: pale amber
WARN_COLOUR = QColor("#f8c9c4")  # 警示: pale red
UNDECLARED_COLOUR = QColor("#e8e8e8")


# ----- dialogs ----------------------------------------------------------------------------------------


class PaymentDialog(QDialog):
    """记录交纳: one payment for several months (预交 / 补交); the amount is filled in from the standards."""

    def __init__(
        self, workspace: Workspace, month: Month, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.result_payment: dues.PaymentInfo | None = None
        self.setWindowTitle(_("Record a payment for several months"))
        form = QFormLayout()
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
        self.paid_on = QDateEdit(qdate(dt.date.today()))
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        self.method = QComboBox()
        for code in rules.PAYMENT_METHODS:
            self.method.addItem(rules.method_label(code), code)
        self.collector = QLineEdit(dues.default_collector(workspace))
        self.where = QLineEdit()
        self.where.setPlaceholderText(
            _("Only when paid to another Party organisation, e.g. 苏州市某某党支部")
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Only for months beyond the limits for paying ahead or late"))
        form.addRow(_("Member:"), self.member_box)
        form.addRow(_("From month:"), self.first)
        form.addRow(_("To month:"), self.last)
        form.addRow(_("Amount in all (yuan):"), self.amount)
        form.addRow("", self.due_label)
        form.addRow(_("Date paid:"), self.paid_on)
        form.addRow(_("Paid by way of:"), self.method)
        form.addRow(_("Collector:"), self.collector)
        form.addRow(_("Paid elsewhere at:"), self.where)
        form.addRow(_("Reason:"), self.reason)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
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
        try:
            self.result_payment = dues.record_payment(
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
        except FieldErrors as error:
            self.error_label.setText("\n".join(error.errors.values()))
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.accept()


class StandardDialog(QDialog):
    """核定: category, income and the first month; the monthly amount is shown as it will be worked out.
    With several members chosen, they all get the same standard (one transaction, one audit entry each)."""

    def __init__(
        self,
        workspace: Workspace,
        row: dues.StandardRow | Sequence[dues.StandardRow],
        year: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.rows = [row] if isinstance(row, dues.StandardRow) else list(row)
        self.row = self.rows[0]
        self.year = year
        self.result_standard: dues.StandardInfo | None = None
        if len(self.rows) == 1:
            title = _("Declare the dues standard of {name} for {year}").format(name=self.row.name, year=year)
        else:
            title = _("Declare the dues standard of {count} members for {year}").format(
                count=len(self.rows), year=year
            )
        self.setWindowTitle(title)
        known = self.row.standard or self.row.previous
        self.category = QComboBox()
        for choice in DUES_CATEGORY:
            self.category.addItem(choice.label(), choice.code)
        start = known.category if known else (self.row.roster_category or "farmer")
        self.category.setCurrentIndex(max(0, self.category.findData(start)))
        self.income = QLineEdit("" if not known or known.income is None else f"{known.income:.2f}")
        self.income.setPlaceholderText(_("After tax, regular monthly pay or basic pension"))
        self.first_month = MonthPicker(default_first_month(workspace, year))
        self.first_month.edit.setMinimumDate(QDate(year, 1, 1))
        self.first_month.edit.setMaximumDate(QDate(year, 12, 1))
        self.note = QLineEdit()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        hint = QLabel(_("A farmer working away with a regular income is declared as employed, by income."))
        hint.setWordWrap(True)
        form = QFormLayout()
        if len(self.rows) > 1:
            names = QLabel("、".join(r.name for r in self.rows))
            names.setWordWrap(True)
            form.addRow(_("Members:"), names)
        form.addRow(_("Category:"), self.category)
        form.addRow(_("Monthly income (yuan):"), self.income)
        form.addRow(_("From month:"), self.first_month)
        form.addRow(_("Note:"), self.note)
        form.addRow(_("Monthly dues:"), self.preview)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(_("Declare"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.category.currentIndexChanged.connect(lambda _i: self._update())
        self.income.textChanged.connect(lambda _t: self._update())
        self.settings = dues.dues_settings(workspace)
        self._update()

    def _update(self) -> None:
        code = self.category.currentData()
        needs_income = code in rules.INCOME_CATEGORIES
        self.income.setEnabled(needs_income)
        try:
            assessment = rules.assess_standard(
                code,
                self.income.text() if needs_income else None,
                dt.date(self.year, 12, 1),
                farmer_amount=self.settings.farmer_amount,
                rounding=self.settings.rounding,
            )
        except AppError as error:
            self.preview.setText(error.message if self.income.text() or not needs_income else "")
            return
        self.preview.setText(
            _("{amount} yuan — {how}").format(
                amount=money_text(assessment.amount), how=assessment.explanation()
            )
        )

    def save(self) -> None:
        try:
            declared = dues.declare_standards(
                self.workspace,
                [r.member_id for r in self.rows],
                year=self.year,
                category=self.category.currentData(),
                income=self.income.text(),
                from_month=self.first_month.month(),
                note=self.note.text(),
            )
        except FieldErrors as error:
            self.error_label.setText("\n".join(error.errors.values()))
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.result_standard = declared[0]
        self.accept()


def default_first_month(workspace: Workspace, year: int) -> Month:
    """The first month a standard for ``year`` is declared from, unless changed: January, or the month
    the ledger starts when that is later in the same year."""
    start = dues.ledger_start_chosen(workspace)
    january = Month(year, 1)
    return start if start is not None and start.year == year and start > january else january


class HandUpDialog(QDialog):
    def __init__(self, workspace: Workspace, suggested: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.result_handup: dues.HandUpInfo | None = None
        self.setWindowTitle(_("Record a hand-up"))
        today = dt.date.today()
        self.handed_on = QDateEdit(qdate(today))
        self.handed_on.setCalendarPopup(True)
        self.handed_on.setDisplayFormat("yyyy-MM-dd")
        self.amount = QLineEdit(f"{max(suggested, Decimal('0')):.2f}")
        self.receiver = QLineEdit()
        self.receiver.setPlaceholderText(_("e.g. 城关镇党委 张三"))
        self.receipt = QLineEdit()
        quarter_start = Month(today.year, (Month.of(today).quarter - 1) * 3 + 1)
        self.first = MonthPicker(quarter_start - 3)
        self.last = MonthPicker(quarter_start - 1)
        self.central = QCheckBox(_("Voluntary extras of 1000 yuan or more, for the Central Committee"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Date handed up:"), self.handed_on)
        form.addRow(_("Amount (yuan):"), self.amount)
        form.addRow(_("Received by:"), self.receiver)
        form.addRow(_("Receipt number:"), self.receipt)
        form.addRow(_("For the months from:"), self.first)
        form.addRow(_("to:"), self.last)
        form.addRow("", self.central)
        form.addRow(_("Note:"), self.note)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(_("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.result_handup = dues.record_handup(
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
        except FieldErrors as error:
            self.error_label.setText("\n".join(error.errors.values()))
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.accept()


# ----- tabs -------------------------------------------------------------------------------------------


class CollectionTab(QWidget):
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

    def __init__(self, page: DuesPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.rows: list[dues.CollectionRow] = []
        layout = QVBoxLayout(self)
        top = FlowLayout(spacing=16)  # goes on to a second line at large text, never sideways
        self.month_picker = MonthPicker(Month.of(dt.date.today()), lambda _m: self.reload())
        top.addWidget(kept_together(_("Month:"), self.month_picker))
        self.method = QComboBox()
        for code in rules.PAYMENT_METHODS:
            self.method.addItem(rules.method_label(code), code)
        top.addWidget(kept_together(_("Paid by way of:"), self.method))
        self.paid_on = QDateEdit(qdate(dt.date.today()))
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
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
            self.table.setItem(index, self.COL_NAME, table_cell(row.name, row.member_id))
            self.table.setItem(index, self.COL_GROUP, table_cell(row.party_group))
            self.table.setItem(
                index,
                self.COL_STANDARD,
                table_cell(
                    money_text(row.standard) if row.declared else _("Not declared"), right=row.declared
                ),
            )
            self.table.setItem(index, self.COL_STATUS, table_cell(self.status_text(row)))
            self.table.setItem(index, self.COL_DATE, table_cell(table_date(row.paid_on)))
            method = row.paid_where or (rules.method_label(row.method) if row.method else "")
            self.table.setItem(index, self.COL_METHOD, table_cell(method))
            self.table.setItem(index, self.COL_COLLECTOR, table_cell(row.collector))
            self.table.setItem(index, self.COL_RECEIPT, table_cell(row.receipt_number))
            self.table.setItem(index, self.COL_ACTION, table_cell(""))
            if not row.declared and not row.is_paid:
                for column in range(self.table.columnCount()):
                    self.table.item(index, column).setBackground(QBrush(UNDECLARED_COLOUR))
            self.table.removeCellWidget(index, self.COL_ACTION)
            if row.declared and not row.is_paid:
                button = QPushButton(_("Record as paid"))
                button.setObjectName("primary")
                button.setToolTip(
                    _("{name} paid {amount} yuan for this month").format(
                        name=row.name, amount=money_text(row.standard)
                    )
                )
                button.clicked.connect(
                    lambda _checked=False, member_id=row.member_id: self.mark_paid(member_id)
                )
                self.table.setCellWidget(index, self.COL_ACTION, button)
        fit_columns(self.table)
        self.table.horizontalHeader().resizeSection(self.COL_ACTION, 130)
        paid = sum(1 for r in self.rows if r.is_paid)
        unpaid = sum(1 for r in self.rows if r.declared and not r.is_paid)
        undeclared = sum(1 for r in self.rows if not r.declared and not r.is_paid)
        total = sum((r.paid for r in self.rows), Decimal("0.00"))
        text = _("{paid} paid, {unpaid} not paid; {total} yuan for the month").format(
            paid=paid, unpaid=unpaid, total=money_text(total)
        )
        if undeclared:
            text += _("; {count} not declared").format(count=undeclared)
        self.summary_label.setText(text)
        self._update_buttons()

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
        self.page.note_change()

    def record_several(self) -> None:
        row = self.selected_row()
        dialog = PaymentDialog(self.workspace, self.month(), row.member_id if row else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.note_change()

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
        if not reason:
            return
        try:
            dues.reverse_payment(self.workspace, payment.id, reason)
        except AppError as error:
            show_error(self, error)
            return
        self.page.note_change()

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
            self.page.export(lambda: dues_documents.print_receipts(self.workspace, ids, path))


class StandardsTab(QWidget):
    """核定标准: one member or many at once (Ctrl/Shift to choose several), farmers in one click, last
    year's standards carried over, or each member's roster category taken as it is."""

    COLUMNS = (
        N_("Name"),
        N_("Party group"),
        N_("Category"),
        N_("Monthly income"),
        N_("Monthly standard"),
        N_("From month"),
        N_("Declared on"),
        N_("Basis"),
    )

    def __init__(self, page: DuesPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.rows: list[dues.StandardRow] = []
        self._farmer_amount = rules.DEFAULT_FARMER_AMOUNT
        layout = QVBoxLayout(self)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        self.year = year_box(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(kept_together(_("Year:"), self.year))
        self.declare_button = action_button(_("Declare…"), self.declare_selected, top)
        self.declare_button.setObjectName("primary")
        self.farmer_button = action_button("", self.declare_selected_farmers, top)
        top.add_stretch()
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        layout.addLayout(top)
        more = FlowLayout()  # a second row: one row of buttons would be wider than the window at large text
        self.carry_button = action_button(_("Carry over last year's standards"), self.carry_forward, more)
        self.carry_button.setToolTip(
            _("For every member not yet declared this year: same category and income")
        )
        self.roster_button = action_button(_("Use the roster's category"), self.declare_from_roster, more)
        self.roster_button.setToolTip(
            _(
                "For the chosen members (or everyone not yet declared): the work / income category of the roster"
            )
        )
        self.opening_button = action_button(_("Paper-book note…"), self.edit_opening_note, more)
        self.opening_button.setToolTip(
            _("What the paper book says about this member's dues before the program's ledger starts")
        )
        layout.addLayout(more)
        note = QLabel(
            _(
                "The standard is declared once a year (2017 notice); choose several members with Ctrl or "
                "Shift to declare them together. Income is never printed on public notices."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = row_table([_(c) for c in self.COLUMNS])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self.declare_selected())
        self.table.installEventFilter(self)  # Enter on the chosen rows: 核定… for them, as a double-click
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_rows()
        ):
            self.declare_selected()
            return True
        return super().eventFilter(watched, event)

    def reload(self) -> None:
        self.rows = dues.standards_for_year(self.workspace, self.year.value())
        self._farmer_amount = dues.dues_settings(self.workspace).farmer_amount
        self.table.setRowCount(len(self.rows))
        missing = 0
        for index, row in enumerate(self.rows):
            s = row.standard
            values = [row.name, row.party_group]
            if s is None:
                missing += 1
                values += [_("Not declared"), "", "", "", "", ""]
            else:
                values += [
                    s.category_label,
                    money_text(s.income),
                    money_text(s.amount),
                    str(s.from_month),
                    table_date(s.declared_on),
                    s.basis + (f"  {s.note}" if s.note else ""),
                ]
            for column, text in enumerate(values):
                item = table_cell(text, row.member_id if column == 0 else None, right=column in (3, 4))
                if s is None:
                    item.setBackground(QBrush(UNDECLARED_COLOUR))
                self.table.setItem(index, column, item)
        fit_columns(self.table)
        self.count_label.setText(_("{count} members not declared").format(count=missing) if missing else "")
        self._update_buttons()

    def farmer_amount(self) -> Decimal:
        """The branch's amount for farmers (业务设置), as read with the list."""
        return self._farmer_amount

    def _update_buttons(self) -> None:
        count = len(self.selected_rows())
        self.farmer_button.setText(
            _("All chosen as farmers ({amount} yuan a month)").format(amount=money_text(self.farmer_amount()))
            if count != 1
            else _("As a farmer ({amount} yuan a month)").format(amount=money_text(self.farmer_amount()))
        )
        self.farmer_button.setEnabled(count > 0)
        self.opening_button.setEnabled(count == 1)

    def selected_rows(self) -> list[dues.StandardRow]:
        chosen = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[i] for i in chosen if 0 <= i < len(self.rows)]

    def declare_selected(self) -> None:
        chosen = self.selected_rows()
        if not chosen:
            messages.info(self, _("Choose a member in the list first."))
            return
        dialog = StandardDialog(self.workspace, chosen, self.year.value(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.note_change()

    def declare_selected_farmers(self) -> None:
        """所选党员都按农民核定 (每月 X 元), from January or the month the ledger starts."""
        chosen = self.selected_rows()
        if not chosen:
            return
        year = self.year.value()
        first = default_first_month(self.workspace, year)
        question = _("Declare {count} members as farmers, {amount} yuan a month from {month}?").format(
            count=len(chosen), amount=money_text(self.farmer_amount()), month=first.label()
        )
        if not messages.confirm(self, question, _("Declare")):
            return
        self._declare(chosen, "farmer", first)

    def _declare(self, chosen: Sequence[dues.StandardRow], category: str, first: Month) -> bool:
        try:
            dues.declare_standards(
                self.workspace,
                [r.member_id for r in chosen],
                year=self.year.value(),
                category=category,
                from_month=first,
            )
        except AppError as error:
            show_error(self, error)
            return False
        self.page.note_change()
        return True

    def declare_from_roster(self) -> None:
        """Each chosen member (or each one not yet declared) by the category the roster gives; members of
        an income category need their income typed in the 核定 dialog, so they are named, not guessed."""
        chosen = self.selected_rows() or [r for r in self.rows if r.standard is None]
        first = default_first_month(self.workspace, self.year.value())
        by_category: dict[str, list[dues.StandardRow]] = {}
        left: list[str] = []
        for row in chosen:
            if row.roster_category in rules.FIXED_CATEGORIES:
                by_category.setdefault(row.roster_category, []).append(row)
            else:
                left.append(row.name)
        done = 0
        for category, rows in by_category.items():
            if not self._declare(rows, category, first):
                return
            done += len(rows)
        text = _("{count} members were declared by their roster category.").format(count=done)
        if left:
            text += " " + _(
                "Not declared (employed, retired or no category on the roster: the income is needed): {names}."
            ).format(names="、".join(left))
        messages.info(self, text)

    def edit_opening_note(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1:
            return
        row = chosen[0]
        current = dues.opening_notes(self.workspace).get(row.member_id, "")
        text, ok = QInputDialog.getText(
            self,
            _("Paper-book note"),
            _(
                "{name}: what the paper book says about the months before this program's ledger "
                "(e.g. 2026年1–11月已在纸质台账交清). It is printed on the year sheet."
            ).format(name=row.name),
            text=current,
        )
        if not ok:
            return
        try:
            dues.set_opening_note(self.workspace, row.member_id, text)
        except AppError as error:
            show_error(self, error)
            return
        self.page.note_change()

    def carry_forward(self) -> None:
        try:
            count = dues.carry_forward_standards(self.workspace, self.year.value())
        except AppError as error:
            show_error(self, error)
            return
        messages.info(
            self, _("{count} members were declared with last year's category and income.").format(count=count)
        )
        self.page.note_change()


class ArrearsTab(QWidget):
    """欠缴 up to a month. Up to this month: months that have ended only, and this month shown apart as
    本月未交 (it is not arrears until it is over); an earlier month: every month up to its end."""

    COLUMNS = (
        N_("Name"),
        N_("Party group"),
        N_("Consecutive unpaid months"),
        N_("Unpaid months"),
        N_("Flag"),
        N_("Earlier unpaid"),
        N_("This month"),
    )

    def __init__(self, page: DuesPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.rows: list[dues.ArrearsRow] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Up to month:")))
        self.as_of = MonthPicker(Month.of(dt.date.today()), lambda _m: self.reload())
        top.addWidget(self.as_of)
        top.addStretch(1)
        self.print_button = action_button(_("Print…"), self.print_sheet, top)
        self.pdf_button = action_button(_("Save as PDF…"), lambda: self.save(pdf=True), top)
        self.export_button = action_button(_("Export Excel…"), lambda: self.save(pdf=False), top)
        layout.addLayout(top)
        config = dues.dues_settings(self.workspace)
        note = QLabel(
            _(
                "Oldest first. Amber: {remind} or more months in a row unpaid; red: {warn} or more (Party "
                "Constitution, article 9). The program only flags: the branch talks with the member and decides."
            ).format(remind=config.remind_at, warn=config.warn_at)
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.status = QLabel()  # e.g. a member opened from the home page has paid meanwhile
        self.status.setObjectName("arrearsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1a5fb4; font-weight: bold;")
        self.status.hide()
        layout.addWidget(self.status)
        self.empty_label = QLabel()  # an empty list says why, instead of leaving a blank table
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.table = row_table([_(c) for c in self.COLUMNS])
        layout.addWidget(self.table, 1)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def select_member(self, member_id: int) -> bool:
        """Select the member's row and scroll it into view; False when the member is not in the list."""
        for index, row in enumerate(self.rows):
            if row.member_id == member_id:
                self.table.setCurrentCell(index, 0)
                self.table.selectRow(index)
                self.table.scrollToItem(
                    self.table.item(index, 0), QAbstractItemView.ScrollHint.PositionAtCenter
                )
                return True
        return False

    def selected_member(self) -> int | None:
        index = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[index].member_id if selected and 0 <= index < len(self.rows) else None

    def reload(self) -> None:
        self.show_status("")
        self.rows = dues.arrears_up_to(self.workspace, self.as_of.month())
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = [
                row.name,
                row.party_group,
                str(row.consecutive),
                rules.describe_months(row.months),
                row.flag_label,
                _("{count} more months unpaid").format(count=row.older_count) if row.older_count else "",
                _("Not paid this month") if row.this_month_unpaid else "",
            ]
            colour = WARN_COLOUR if row.flag == rules.FLAG_WARN else REMIND_COLOUR if row.flag else None
            for column, text in enumerate(values):
                item = table_cell(text, row.member_id if column == 0 else None, right=column == 2)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(index, column, item)
        fit_columns(self.table)
        self.empty_label.setVisible(not self.rows)
        self.empty_label.setText(
            _(
                "Nobody has unpaid dues up to {month}. A month counts once it is over; who has not paid this "
                "month yet is shown on the Collection tab."
            ).format(month=self.as_of.month().label())
        )

    def print_sheet(self) -> None:
        month = self.as_of.month()
        try:
            table = dues_documents.arrears_table(self.workspace, month)
        except AppError as error:
            show_error(self, error)
            return
        print_pdf_via_dialog(
            self,
            lambda path: dues_documents.write_pdf([table], path),
            _("arrears-{month}").format(month=str(month)),
        )

    def save(self, pdf: bool) -> None:
        month = self.as_of.month()
        path = save_path(self, _("arrears-{month}").format(month=str(month)), pdf)
        if path is None:
            return
        table = dues_documents.arrears_table(self.workspace, month)
        writer = dues_documents.write_pdf if pdf else dues_documents.write_xlsx
        self.page.export(lambda: writer([table], path))


class ReportsTab(QWidget):
    """报表: month summary, year sheet, hand-up record — preview, print, save as PDF, export to Excel."""

    KINDS = (("month", N_("Month summary")), ("year", N_("Year sheet")), ("handups", N_("Hand-ups")))

    def __init__(self, page: DuesPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.report = None
        layout = QVBoxLayout(self)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        self.kind = QComboBox()
        for code, label in self.KINDS:
            self.kind.addItem(_(label), code)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        top.addWidget(self.kind)
        self.month = MonthPicker(Month.of(dt.date.today()), lambda _m: self.reload())
        top.addWidget(self.month)
        self.year = year_box(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(self.year)
        top.add_stretch()
        self.print_button = action_button(_("Print…"), self.print_report, top)
        self.pdf_button = action_button(_("Save as PDF…"), lambda: self.save(pdf=True), top)
        self.export_button = action_button(_("Export Excel…"), lambda: self.save(pdf=False), top)
        layout.addLayout(top)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.meta = QLabel()
        layout.addWidget(self.meta)
        self.table = row_table([])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.table, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def build(self):  # type: ignore[no-untyped-def]
        kind = self.kind_code()
        if kind == "month":
            return dues_documents.month_summary_table(dues.month_summary(self.workspace, self.month.month()))
        if kind == "year":
            return dues_documents.year_sheet_table(dues.year_sheet(self.workspace, self.year.value()))
        return dues_documents.handups_table(self.workspace, self.year.value())

    def reload(self) -> None:
        kind = self.kind_code()
        self.month.setVisible(kind == "month")
        self.year.setVisible(kind != "month")
        report = self.report = self.build()
        self.title.setText(report.title)
        self.meta.setText("    ".join(report.meta))
        body = list(report.rows) + ([report.totals] if report.totals is not None else [])
        self.table.clear()
        self.table.setColumnCount(len(report.header))
        self.table.setHorizontalHeaderLabels(list(report.header))
        self.table.setRowCount(len(body))
        for r, values in enumerate(body):
            for c, value in enumerate(values):
                item = table_cell(dues_documents.cell_text(value), right=isinstance(value, Decimal | int))
                if (r, c) in report.marked_cells:
                    item.setBackground(QBrush(REMIND_COLOUR))
                if report.totals is not None and r == len(body) - 1:
                    item.setFont(bold_font())
                self.table.setItem(r, c, item)
        fit_columns(self.table, padding=4)
        self.notes.setText("\n".join(report.notes))

    def cell_texts(self) -> list[list[str]]:
        """What the preview shows, row by row (for tests and for reading aloud)."""
        return [
            [
                self.table.item(r, c).text() if self.table.item(r, c) else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]

    def _file_stem(self) -> str:
        """The report's words and period (党费-年度表-2026), not its internal code."""
        kind = self.kind_code()
        stem = str(self.month.month()) if kind == "month" else str(self.year.value())
        return _("dues-{kind}-{period}").format(kind=self.kind.currentText(), period=stem)

    def print_report(self) -> None:
        try:
            report = self.report or self.build()
        except AppError as error:
            show_error(self, error)
            return
        print_pdf_via_dialog(self, lambda path: dues_documents.write_pdf([report], path), self._file_stem())

    def save(self, pdf: bool) -> None:
        report = self.report or self.build()
        path = save_path(self, self._file_stem(), pdf)
        if path is None:
            return
        writer = dues_documents.write_pdf if pdf else dues_documents.write_xlsx
        self.page.export(lambda: writer([report], path))


class HandUpsTab(QWidget):
    COLUMNS = (
        N_("Date"),
        N_("Period"),
        N_("Amount"),
        N_("Received by"),
        N_("Receipt number"),
        N_("Handed to"),
        N_("Note"),
    )

    def __init__(self, page: DuesPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.entries: list[dues.HandUpInfo] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:")))
        self.year = year_box(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(self.year)
        self.add_button = action_button(_("Record a hand-up…"), self.record, top)
        self.add_button.setObjectName("primary")
        self.reverse_button = action_button(_("Reverse…"), self.reverse_selected, top)
        top.addStretch(1)
        layout.addLayout(top)
        self.balance_label = QLabel()
        font = self.balance_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.balance_label.setFont(font)
        self.balance_label.setWordWrap(True)
        layout.addWidget(self.balance_label)
        self.periods = row_table([_("Period"), _("Collected"), _("Handed up")])
        self.periods.horizontalHeader().setStretchLastSection(False)
        keep_fitted(self.periods, lambda: self.periods.setMaximumHeight(row_height(self.periods) * 5 + 12))
        layout.addWidget(self.periods)
        self.table = row_table([_(c) for c in self.COLUMNS])
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        money = dues.balance(self.workspace)
        text = _("Held by the branch: {balance} yuan (collected {collected}, handed up {handed}).").format(
            balance=money_text(money.balance),
            collected=money_text(money.collected),
            handed=money_text(money.handed_up),
        )
        if money.central_balance:
            text += " " + _("For the Central Committee, not yet handed up: {amount} yuan.").format(
                amount=money_text(money.central_balance)
            )
        self.balance_label.setText(text)
        config = dues.dues_settings(self.workspace)
        periods = dues.handup_periods(self.workspace, self.year.value())
        self.periods.setRowCount(len(periods))
        for index, p in enumerate(periods):
            label = dues_documents.months_text(rules.month_range(p.first, p.last)).split("（")[0]
            self.periods.setItem(index, 0, table_cell(label))
            self.periods.setItem(index, 1, table_cell(money_text(p.collected), right=True))
            self.periods.setItem(index, 2, table_cell(money_text(p.handed_up), right=True))
        self.periods.setToolTip(
            _("Hand-up period: {period}").format(period=_(rules.HANDUP_PERIOD_LABELS[config.handup_period]))
        )
        fit_columns(self.periods)
        self.entries = dues.handups(self.workspace, self.year.value())
        self.table.setRowCount(len(self.entries))
        for index, h in enumerate(self.entries):
            period = ""
            if h.first_month and h.last_month:
                period = f"{h.first_month} — {h.last_month}"
            note = h.note
            if h.reverses_id:
                note = _("Reverses an earlier entry: {reason}").format(reason=h.reason)
            elif h.reversed_by_id:
                note = (note + " " if note else "") + _("(reversed)")
            values = [
                table_date(h.handed_on),
                period,
                money_text(h.amount),
                h.receiver,
                h.receipt_number,
                _("Central Committee") if h.to_central else _("Township Party committee"),
                note,
            ]
            for column, value in enumerate(values):
                self.table.setItem(
                    index, column, table_cell(value, h.id if column == 0 else None, right=column == 2)
                )
        fit_columns(self.table)

    def record(self) -> None:
        dialog = HandUpDialog(self.workspace, dues.balance(self.workspace).balance, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.note_change()

    def reverse_selected(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.entries):
            messages.info(self, _("Choose an entry in the list first."))
            return
        entry = self.entries[index]
        reason = ask_reason(
            self,
            _("Reverse the hand-up of {amount} yuan on {date}? Type the reason:").format(
                amount=money_text(entry.amount), date=format_date(entry.handed_on, "long")
            ),
        )
        if not reason:
            return
        try:
            dues.reverse_handup(self.workspace, entry.id, reason)
        except AppError as error:
            show_error(self, error)
            return
        self.page.note_change()


class LedgerStartBar(QFrame):
    """Asked the first time 党费 is opened (issue 13): from which month the program keeps the ledger.
    Months before it are in the paper book. Also in 业务设置; shown until a month is chosen."""

    chosen = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("ledgerStartBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#ledgerStartBar { background: #fff8dc; border: 1px solid #d4b106; }")
        # the question on its own line, the answer under it: one line with both is wider than a small
        # window at large text, and a wrapped label makes the page's height jump
        layout = QVBoxLayout(self)
        self.question = QLabel(
            _(
                "From which month does this program keep the dues ledger? Earlier months: the paper book is what counts."
            )
        )
        self.question.setFont(bold_font())
        self.question.setToolTip(_("It can be changed later on 设置/备份 → 业务设置."))
        layout.addWidget(self.question)
        answer = QHBoxLayout()
        self.month = MonthPicker(Month.of(dt.date.today()))
        answer.addWidget(self.month)
        self.ok_button = action_button(_("Start the ledger at this month"), self.choose, answer)
        self.ok_button.setObjectName("primary")
        answer.addStretch(1)
        layout.addLayout(answer)

    def choose(self) -> None:
        try:
            dues.set_ledger_start(self.workspace, self.month.month())
        except AppError as error:
            show_error(self, error)
            return
        self.hide()
        self.chosen.emit()


# ----- the page ---------------------------------------------------------------------------------------


class DuesPage(QWidget):
    """The 党费 page. ``data_changed`` is emitted after every payment, reversal, standard or hand-up, so
    the home page's arrears lines are read again."""

    data_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.last_saved: Path | None = None
        self._task = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QHBoxLayout()
        heading.addWidget(TitleLabel(_("Party dues")))
        heading.addStretch(1)
        self.balance_label = QLabel()
        heading.addWidget(self.balance_label)
        layout.addLayout(heading)
        self.ledger_bar = LedgerStartBar(workspace, self)
        self.ledger_bar.chosen.connect(self.note_change)
        self.ledger_bar.setVisible(dues.ledger_start_chosen(workspace) is None)
        layout.addWidget(self.ledger_bar)
        self.tabs = QTabWidget()
        self.collection = CollectionTab(self)
        self.standards = StandardsTab(self)
        self.arrears = ArrearsTab(self)
        self.reports = ReportsTab(self)
        self.handups = HandUpsTab(self)
        self.tabs.addTab(self.collection, _("Collection"))
        self.tabs.addTab(self.standards, _("Standards"))
        self.tabs.addTab(self.arrears, _("Arrears"))
        self.tabs.addTab(self.reports, _("Reports"))
        self.tabs.addTab(self.handups, _("Hand-ups"))
        self.tabs.currentChanged.connect(lambda _i: self.reload_current())
        layout.addWidget(self.tabs, 1)
        self._stale: set[int] = set(range(self.tabs.count()))
        self.reload_current()

    def reload_current(self) -> None:
        index = self.tabs.currentIndex()
        tab = self.tabs.widget(index)
        try:
            tab.reload()  # type: ignore[attr-defined]
            money = dues.balance(self.workspace)
        except AppError as error:
            show_error(self, error)
            return
        self._stale.discard(index)
        self.balance_label.setText(
            _("Held by the branch: {amount} yuan").format(amount=money_text(money.balance))
        )

    def show_arrears(self, member_id: int | None = None, as_of: Month | None = None) -> bool:
        """The 欠缴 tab up to ``as_of`` (default this month), read afresh, with the member's row selected and
        scrolled into view. A member no longer in the list (paid meanwhile) is said so above the list, with
        nothing selected. True when the member was selected."""
        tab = self.arrears
        with QSignalBlocker(tab.as_of.edit):  # read once, below
            tab.as_of.set_month(as_of or Month.of(dt.date.today()))
        if self.tabs.currentWidget() is tab:
            self.reload_current()
        else:
            self.tabs.setCurrentWidget(tab)  # reads it
        landed = land_on_member(tab.table, member_id, tab.select_member)
        if landed is not False:
            return bool(landed)
        assert member_id is not None  # landed is False only for a member asked for
        name = member_name(self.workspace, member_id)
        tab.show_status(
            _(
                "{name} is no longer in the arrears list up to {month}; "
                "the dues have probably been paid meanwhile."
            ).format(name=name, month=tab.as_of.month().label())
        )
        return False

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A dues line of the home page (unpaid for 3 or 6 months or more): the 欠缴 tab up to the month of
        ``as_of`` (the day the home page read its list), with the line's member selected."""
        month = Month.of(as_of) if as_of else None
        if month is not None and month < Month.of(dt.date.today()):
            month = month - 1  # the last month that had ended on that day: what the line counted
        return self.show_arrears(item.member_id, month)

    def reload(self) -> None:
        """Everything may have changed (after a restore): reload the tab shown, the others when shown."""
        self._stale = set(range(self.tabs.count()))
        self.ledger_bar.setVisible(dues.ledger_start_chosen(self.workspace) is None)
        self.reload_current()

    def note_change(self) -> None:
        """Something was written: every tab reads again, and the other pages are told."""
        self.reload()
        self.data_changed.emit()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        super().showEvent(event)
        # the month may have been chosen meanwhile in 业务设置
        self.ledger_bar.setVisible(dues.ledger_start_chosen(self.workspace) is None)
        if self._stale:
            self.reload_current()

    def export(self, job: Callable[[], Path]) -> None:
        """Write a file in the background, then say where it went, as every other save does (review m12:
        no PDF viewer is started, there may be none)."""

        def done(path: object) -> None:
            self._task = None
            self.last_saved = Path(str(path))
            messages.info(self, _("Saved as {path}").format(path=path))

        def failed(error: BaseException) -> None:
            self._task = None
            show_error(self, error)

        self._task = run_in_background(self, job, on_success=done, on_failure=failed)
