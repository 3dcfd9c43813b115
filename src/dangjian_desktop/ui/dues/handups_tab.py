"""上缴: what the branch holds, collected and handed up per period, and the hand-up entries."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.i18n import N_, _, format_date, table_date
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dues.common import DuesTab, Export
from dangjian_desktop.ui.dues.handup_dialog import HandUpDialog
from dangjian_desktop.ui.widgets.kit import (
    action_button,
    ask_reason,
    fit_columns,
    money_text,
    row_height,
    row_table,
    table_cell,
)
from dangjian_desktop.ui.widgets.text_size import keep_fitted


def _balance_text(money: dues.Balance) -> str:
    text = _("Held by the branch: {balance} yuan (collected {collected}, handed up {handed}).").format(
        balance=money_text(money.balance),
        collected=money_text(money.collected),
        handed=money_text(money.handed_up),
    )
    if money.central_balance:
        text += " " + _("For the Central Committee, not yet handed up: {amount} yuan.").format(
            amount=money_text(money.central_balance)
        )
    return text


def _entry_cells(h: dues.HandUpInfo) -> list[str]:
    period = ""
    if h.first_month and h.last_month:
        period = f"{h.first_month} — {h.last_month}"
    note = h.note
    if h.reverses_id:
        note = _("Reverses an earlier entry: {reason}").format(reason=h.reason)
    elif h.reversed_by_id:
        note = (note + " " if note else "") + _("(reversed)")
    return [
        table_date(h.handed_on),
        period,
        money_text(h.amount),
        h.receiver,
        h.receipt_number,
        _("Central Committee") if h.to_central else _("Township Party committee"),
        "　".join(
            part for part in (_confirmation(h), note) if part
        ),  # in the note: no column more to scroll to
    ]


def _confirmation(h: dues.HandUpInfo) -> str:
    """The township's confirmation that it has the money (its reply, 设置 → 与乡镇交换)."""
    if h.confirmed_on is None:
        return ""
    return _("Confirmed by the township {date}").format(date=table_date(h.confirmed_on))


class HandUpsTab(DuesTab):
    COLUMNS = (
        N_("Date"),
        N_("Period"),
        N_("Amount"),
        N_("Received by"),
        N_("Receipt number"),
        N_("Handed to"),
        N_("Note"),
    )

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, export, parent)
        self.entries: list[dues.HandUpInfo] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:")))
        self.year = self.year_box()
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

    def show_confirmed(self) -> bool:
        """The hand-up the township confirmed last (a line of the home page): its year, its row selected.
        False when no hand-up is confirmed."""
        confirmed = [h for h in dues.handups(self.workspace) if h.confirmed_on is not None]
        if not confirmed:
            return False
        latest = max(confirmed, key=lambda h: (h.confirmed_on or h.handed_on, h.id))
        with QSignalBlocker(self.year):  # read once, below
            self.year.setValue(latest.handed_on.year)
        self.reload()
        row = next(index for index, h in enumerate(self.entries) if h.id == latest.id)
        self.table.selectRow(row)
        self.table.scrollTo(self.table.model().index(row, 0))
        return True

    def reload(self) -> None:
        self.balance_label.setText(_balance_text(dues.balance(self.workspace)))
        self._fill_periods()
        self.entries = dues.handups(self.workspace, self.year.value())
        self.table.setRowCount(len(self.entries))
        for index, h in enumerate(self.entries):
            for column, value in enumerate(_entry_cells(h)):
                self.table.setItem(
                    index, column, table_cell(value, h.id if column == 0 else None, right=column == 2)
                )
        fit_columns(self.table)

    def _fill_periods(self) -> None:
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

    def record(self) -> None:
        dialog = HandUpDialog(self.workspace, dues.balance(self.workspace).balance, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

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
        if reason and self.attempt(lambda: dues.reverse_handup(self.workspace, entry.id, reason)):
            self.changed.emit()
