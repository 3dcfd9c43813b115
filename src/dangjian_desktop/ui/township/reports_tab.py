"""各村上报情况: every branch of the township (by code) with the last of its files the township imported
(its number, the day the village wrote it, the day it was imported); a branch that never sent one is
marked 未上报."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.exchange import BranchReports
from dangjian_desktop.ui.widgets.forms import ERROR_COLOR
from dangjian_desktop.ui.widgets.kit import fit_columns, row_table, table_cell


def _day(moment: dt.datetime) -> str:
    return moment.date().isoformat()


def report_cells(entry: BranchReports) -> tuple[str, ...]:
    last = entry.last
    if last is None:
        return entry.code, entry.branch_name, _("Not sent yet"), "", ""
    number = _("No.{n}").format(n=last.sequence)
    return entry.code, entry.branch_name, number, _day(last.made_at), _day(last.imported_at)


class ReportsTab(QWidget):
    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.entries: list[BranchReports] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = row_table(
            [_("Code"), _("Branch"), _("Last file"), _("Written by the village on"), _("Imported on")]
        )
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        try:
            self.entries = exchange.reports_by_branch(self.url)
        except AppError as error:
            self.entries = []
            self.note.setText(error.message)
            self.table.setRowCount(0)
            return
        missing = sum(1 for entry in self.entries if entry.last is None)
        self.note.setText(
            _("{branches} branches; {missing} have not sent a file yet.").format(
                branches=len(self.entries), missing=missing
            )
        )
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(report_cells(entry)):
                item = table_cell(text, entry.code if column == 0 else None)
                if entry.last is None and column == 2:
                    item.setForeground(QColor(ERROR_COLOR))
                self.table.setItem(row, column, item)
        fit_columns(self.table)
