"""The import preview's tables: a read-only model of ready-made texts (the good rows can be tens of
thousands: no widget per cell), its view with rows tall enough for whole messages, and the texts of a
checked member's row and of a problem's row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from dangjian_desktop.domain.choices import CATEGORY, SEX
from dangjian_desktop.domain.dates import format_partial_date
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.members import MemberData
from dangjian_desktop.ui.widgets.tables import show_read_only_rows

CELL_PADDING = 8
TABLE_STYLE = "QTableView::item { padding: 3px 8px; } QHeaderView::section { padding: 4px 8px; }"

PREVIEW_KEYS = (
    "name", "sex", "id_number", "birth_date", "ethnicity", "education", "category", "joined_date",
    "full_member_date", "party_group", "office", "occupation", "phone",
)  # fmt: skip


class RowsModel(QAbstractTableModel):
    """A read-only table of ready-made texts (the good rows can be tens of thousands: no widget per cell)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._right_aligned: set[int] = {0}

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class _WrappingDelegate(QStyledItemDelegate):
    """Rows tall enough for the whole message: the view's own estimate forgets the cell padding of
    TABLE_STYLE and then cuts the last words off."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # Qt override
        hint = super().sizeHint(option, index)
        view = self.parent()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(view, QTableView) or not text or not view.wordWrap():
            return hint
        width = max(view.columnWidth(index.column()) - 2 * CELL_PADDING - 8, 40)
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, str(text)
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 14))


def preview_table(model: RowsModel, stretch_last: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    show_read_only_rows(view, stretch_last=stretch_last)
    view.setStyleSheet(TABLE_STYLE)
    view.setItemDelegate(_WrappingDelegate(view))
    return view


def member_cells(row: int, data: MemberData) -> tuple[str, ...]:
    values = {
        "name": data.name,
        "sex": SEX.label(data.sex) if data.sex else "",
        "id_number": mask_id_number(data.id_number),
        "birth_date": format_partial_date(data.birth_date),
        "category": CATEGORY.label(data.category) if data.category else "",
        "joined_date": format_partial_date(data.joined_date),
        "full_member_date": format_partial_date(data.full_member_date),
        "party_group": data.party_group,
        "office": data.office,
        "ethnicity": data.ethnicity,
        "education": data.education,
        "occupation": data.occupation,
        "phone": mask_phone(data.phone) if data.phone else "",
    }
    return (str(row), *(values[key] for key in PREVIEW_KEYS))


def problem_cells(problem: Any) -> tuple[str, str, str]:
    row = getattr(problem, "row", None)
    return (str(row) if row else "", getattr(problem, "column", "") or "", getattr(problem, "message", ""))
