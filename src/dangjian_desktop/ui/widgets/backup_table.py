"""The list of kept backups as the secretary sees it, on the 备份与恢复 page and in the rescue window alike:
when, why and how big, newest first, one row chosen at a time. The rescue window asks for one more column
in front, the mark of each backup's check."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from dangjian_desktop.i18n import _, format_datetime, format_number
from dangjian_desktop.services import backups as backup_service

TABLE_STYLE = "QTableView::item { padding: 3px 10px; } QHeaderView::section { padding: 4px 10px; }"
_PATH_ROLE = Qt.ItemDataRole.UserRole


def format_size(size: int) -> str:
    """A file size in words a secretary reads: 1 KB at least, MB from one megabyte on."""
    if size >= 1024 * 1024:
        return _("{size} MB").format(
            size=format_number(Decimal(str(round(size / (1024 * 1024), 1))), decimals=1)
        )
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def choose_backup_file(parent: QWidget | None) -> Path | None:
    """The file dialog of 从文件恢复…: any backup file, anywhere and under any name (a USB stick from the
    old PC), starting in the home folder; None when she cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Choose the backup file to restore"),
        str(Path.home()),
        _("Backups (*.sqlite3 *.sqlite *.db);;All files (*)"),
    )
    return Path(chosen) if chosen else None


class BackupTable(QTableWidget):
    """Rows of ``services.backups.list_backups()`` items (path, created, reason, size). With
    ``marks_title`` the first column holds a mark per backup, set with ``mark()``."""

    def __init__(self, marks_title: str | None = None, parent: QWidget | None = None) -> None:
        titles = [_("Backed up at"), _("Why"), _("Size")]
        if marks_title is not None:
            titles.insert(0, marks_title)
        super().__init__(0, len(titles), parent)
        self._first_text_column = 1 if marks_title is not None else 0
        self._backups: list[Any] = []
        self.setHorizontalHeaderLabels(titles)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        for column in range(len(titles) - 1):  # the size takes what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet(TABLE_STYLE)

    def show_backups(self, found: Sequence[Any]) -> None:
        """Show these backups (newest first, as listed); a mark column starts empty."""
        self._backups = list(found)
        self.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            cells = (
                format_datetime(info.created, "medium"),
                backup_service.reason_label(info.reason),
                format_size(info.size),
            )
            for offset, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_PATH_ROLE, str(info.path))
                self.setItem(row, self._first_text_column + offset, item)
            if self._first_text_column:
                self.mark(row, "")

    def mark(self, row: int, text: str, color: str | None = None, tip: str = "") -> None:
        """Put a mark (centred, in a colour, with a tooltip) in the first column of ``row``."""
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if color is not None:
            item.setForeground(QColor(color))
        item.setToolTip(tip)
        self.setItem(row, 0, item)

    @property
    def backups(self) -> list[Any]:
        """The backups shown, newest first."""
        return list(self._backups)

    def selected_backup(self) -> Any | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        row = rows[0].row()
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def select_backup(self, path: Path | str) -> bool:
        for row, info in enumerate(self._backups):
            if Path(info.path) == Path(path):
                self.selectRow(row)
                item = self.item(row, 0)
                if item is not None:
                    self.scrollToItem(item)
                return True
        return False

    def info_for(self, path: Path) -> Any | None:
        return next((info for info in self._backups if Path(info.path) == Path(path)), None)
