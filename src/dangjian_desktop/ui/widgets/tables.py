"""The small table and form helpers the module pages share: a read-only row table whose first column
carries each row's id, finding and selecting rows by that id, large buttons, and date conversion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableView, QTableWidget, QTableWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole


def big_button(text: str) -> QPushButton:
    """A button a little taller than Qt's default, easy to hit; Enter in a form never presses it."""
    button = QPushButton(text)
    button.setMinimumHeight(button.sizeHint().height() + 12)
    button.setAutoDefault(False)
    return button


def show_read_only_rows(view: QTableView, *, word_wrap: bool = True, stretch_last: bool = True) -> None:
    """A table view of whole rows that are read, not edited: rows selected whole, alternating colours,
    headings on the left, no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(word_wrap)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(stretch_last)


def data_table(headers: Sequence[str], *, word_wrap: bool = True) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    show_read_only_rows(table, word_wrap=word_wrap)
    return table


def table_item(text: str, data: Any = None, *, center: bool = False) -> QTableWidgetItem:
    """A cell showing ``text`` (also as its tooltip, for cut-off text); ``data`` is the row's id."""
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(ID_ROLE, data)
    if center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def selected_data(table: QTableWidget) -> Any:
    """The id kept in the first cell of the selected row, or None."""
    model = table.selectionModel()
    rows = model.selectedRows() if model else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(ID_ROLE) if item else None


def select_by_data(table: QTableWidget, data: Any) -> None:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(ID_ROLE) == data:
            table.selectRow(row)
            return


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
