"""One section of the township report on screen: its bar chart above, its table below (a choice of the
section's further tables, e.g. the dues month by month), and its notes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTableWidget, QVBoxLayout, QWidget

from dangjian_desktop.domain.township import Cell, SectionPart, SectionTable
from dangjian_desktop.i18n import _
from dangjian_desktop.ui.township.bar_chart import BarChart
from dangjian_desktop.ui.widgets.kit import fit_columns, money_text, row_table, table_cell


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money_text(value)
    return str(value)


class SectionTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section: SectionTable | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.chart = BarChart()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        choose = QHBoxLayout()
        self.part_label = QLabel(_("Table:"))
        self.parts = QComboBox()
        self.parts.currentIndexChanged.connect(self._show_part)
        choose.addWidget(self.part_label)
        choose.addWidget(self.parts)
        choose.addStretch(1)
        self.table: QTableWidget = row_table([])
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.notes)
        below_layout.addLayout(choose)
        below_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(below)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

    def show_section(self, section: SectionTable) -> None:
        self.section = section
        self.chart.set_chart(section.chart)
        self.notes.setText("\n".join(section.notes))
        self.parts.blockSignals(True)
        self.parts.clear()
        self.parts.addItem(section.title)
        for part in section.extra:
            self.parts.addItem(part.title)
        self.parts.blockSignals(False)
        self.part_label.setVisible(bool(section.extra))
        self.parts.setVisible(bool(section.extra))
        self._show_part(0)

    def _show_part(self, index: int) -> None:
        section = self.section
        if section is None or index < 0:
            return
        if index == 0:
            part = SectionPart(section.title, section.header, section.rows, section.totals)
        else:
            part = section.extra[index - 1]
        self._fill(part)

    def _fill(self, part: SectionPart) -> None:
        table = self.table
        body = [*part.rows, *([part.totals] if part.totals is not None else [])]
        table.clear()
        table.setColumnCount(len(part.header))
        table.setHorizontalHeaderLabels(list(part.header))
        table.setRowCount(len(body))
        for row, values in enumerate(body):
            for column, value in enumerate(values):
                table.setItem(row, column, table_cell(cell_text(value), right=column > 0))
        if part.totals is not None and body:
            for column in range(table.columnCount()):
                item = table.item(len(body) - 1, column)
                if item is not None:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
        fit_columns(table)
