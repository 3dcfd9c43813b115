"""欠缴: the members with unpaid months up to a month, oldest first, flagged in colour."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.documents.dues_reports import ReportTable
from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import REMIND_COLOUR, WARN_COLOUR, DuesTab, Export
from dangjian_desktop.ui.widgets.kit import MonthPicker, action_button, fit_columns, row_table, table_cell


def _arrears_cells(row: dues.ArrearsRow) -> list[str]:
    return [
        row.name,
        row.party_group,
        str(row.consecutive),
        rules.describe_months(row.months),
        row.flag_label,
        _("{count} more months unpaid").format(count=row.older_count) if row.older_count else "",
        _("Not paid this month") if row.this_month_unpaid else "",
    ]


def _flag_colour(row: dues.ArrearsRow) -> QColor | None:
    return WARN_COLOUR if row.flag == rules.FLAG_WARN else REMIND_COLOUR if row.flag else None


class ArrearsTab(DuesTab):
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

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, export, parent)
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
                item = self.table.item(index, 0)
                if item is not None:
                    self.table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
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
            colour = _flag_colour(row)
            for column, text in enumerate(_arrears_cells(row)):
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

    def _file_stem(self) -> str:
        return _("arrears-{month}").format(month=str(self.as_of.month()))

    def _sheet(self) -> list[ReportTable]:
        return [dues_documents.arrears_table(self.workspace, self.as_of.month())]

    def print_sheet(self) -> None:
        self.print_tables(self._sheet, self._file_stem())

    def save(self, pdf: bool) -> None:
        self.save_tables(self._sheet, self._file_stem(), pdf)
