"""报表: month summary, year sheet, hand-up record — preview, print, save as PDF, export to Excel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.documents.dues_reports import ReportTable
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import REMIND_COLOUR, DuesTab, Export
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout
from dangjian_desktop.ui.widgets.kit import MonthPicker, action_button, fit_columns, row_table, table_cell
from dangjian_desktop.ui.widgets.text_size import bold_font


class ReportsTab(DuesTab):
    """报表: month summary, year sheet, hand-up record — preview, print, save as PDF, export to Excel."""

    KINDS = (("month", N_("Month summary")), ("year", N_("Year sheet")), ("handups", N_("Hand-ups")))

    def __init__(self, workspace: Workspace, export: Export, parent: QWidget | None = None) -> None:
        super().__init__(workspace, export, parent)
        self.report: ReportTable | None = None
        layout = QVBoxLayout(self)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        self.kind = QComboBox()
        for code, label in self.KINDS:
            self.kind.addItem(_(label), code)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        top.addWidget(self.kind)
        self.month = MonthPicker(Month.of(dt.date.today()), lambda _m: self.reload())
        top.addWidget(self.month)
        self.year = self.year_box()
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

    def build(self) -> ReportTable:
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
            [item.text() if (item := self.table.item(r, c)) else "" for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _file_stem(self) -> str:
        """The report's words and period (党费-年度表-2026), not its internal code."""
        kind = self.kind_code()
        stem = str(self.month.month()) if kind == "month" else str(self.year.value())
        return _("dues-{kind}-{period}").format(kind=self.kind.currentText(), period=stem)

    def print_report(self) -> None:
        self.print_tables(lambda: [self.report or self.build()], self._file_stem())

    def save(self, pdf: bool) -> None:
        report = self.report or self.build()
        self.save_tables(lambda: [report], self._file_stem(), pdf)
