"""操作记录: the audit log, newest first, and what one entry changed ("原来 → 现在")."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.features import table_words
from dangjian_desktop.i18n import N_, _, format_datetime
from dangjian_desktop.services.audit_log import AuditRecord, recent_entries, reference_names
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.pages import audit_words as words
from dangjian_desktop.ui.widgets.page_parts import page_column
from dangjian_desktop.ui.widgets.tables import data_table
from dangjian_desktop.ui.widgets.text_size import keep_fitted

COL_WHEN, COL_USER, COL_TABLE, COL_SUMMARY, COL_ACTION = range(5)
DEFAULT_LIMIT = 2000
TABLE_STYLE = "QTableView::item { padding: 3px 10px; } QHeaderView::section { padding: 4px 10px; }"
_ENTRY_ROLE = Qt.ItemDataRole.UserRole

# What the change log calls each table: each module's own (features.py) and the program's.
TABLE_WORDS = table_words()

ACTION_WORDS = {
    "insert": N_("Added"),
    "update": N_("Changed"),
    "left": N_("Left the roster"),
    "returned": N_("Back on the roster"),
    "deleted": N_("Deleted"),
    "restored": N_("Restored"),
    "import": N_("Imported"),
    "delete": N_("Removed"),
    "reverse": N_("Reversed"),
    "publish": N_("Published"),
    "return": N_("Returned"),
    "void": N_("Made void"),
    "backup": N_("Backed up"),
    "restore": N_("Put back from a backup"),
}


def table_word(table: str) -> str:
    return _(TABLE_WORDS[table]) if table in TABLE_WORDS else table


def action_word(action: str) -> str:
    return _(ACTION_WORDS[action]) if action in ACTION_WORDS else action


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value is False


def change_rows(
    entry: AuditRecord, *, masked: bool = True, names: Mapping[str, Mapping[int, str]] | None = None
) -> list[tuple[str, str, str]]:
    """(field, before, after) for an entry, in the form's field order, leaving out what did not change,
    what is empty on both sides and the bookkeeping columns; names and values in words."""
    before = entry.before or {}
    after = entry.after or {}
    keys = {
        key for key in (*before, *after) if key not in words.HIDDEN_KEYS and not key.endswith("_precision")
    }
    rows = []
    for key in words.field_order(entry.table, keys):
        old, new = before.get(key), after.get(key)
        if _is_empty(old) and _is_empty(new):
            continue
        if entry.before and entry.after and key in before and key in after and old == new:
            continue  # some records log the whole record before and after: show what changed
        shown = [
            words.value_words(entry.table, key, side[key], side, masked=masked, names=names)
            if key in side
            else ""
            for side in (before, after)
        ]
        rows.append((words.field_word(entry.table, key), shown[0], shown[1]))
    return rows


def _read_only_table(columns: list[str]) -> QTableWidget:
    table = data_table(columns, word_wrap=False)
    table.horizontalHeader().setStretchLastSection(False)  # each page says which of its columns stretch
    table.setStyleSheet(TABLE_STYLE)
    return table


class AuditPage(QWidget):
    """The 操作记录 page: who changed what, and when."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, limit: int = DEFAULT_LIMIT
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._limit = limit
        self._entries: list[AuditRecord] = []
        self._masked = True
        self._shown_once = False

        title = QLabel(_("Change log"))
        title_font = title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        title.setFont(title_font)
        intro = QLabel(
            _(
                "Every addition, change and import is written down here: when, by whom, and what changed. "
                "Click a line to see the values before and after."
            )
        )
        intro.setWordWrap(True)
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setAutoDefault(False)
        refresh = self.refresh_button  # wider than Qt's own (its height is the style sheet's min-height)
        keep_fitted(refresh, lambda: refresh.setMinimumWidth(refresh.sizeHint().width() + 28))
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.refresh_button)

        self.table = _read_only_table(
            [_("Time"), _("Done by"), _("Record of"), _("Entry"), _("What was done")]
        )
        header = self.table.horizontalHeader()
        for column in (COL_WHEN, COL_USER, COL_TABLE, COL_ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.details_title = QLabel()
        self.details_title.setWordWrap(True)
        details_font = self.details_title.font()
        details_font.setBold(True)
        self.details_title.setFont(details_font)
        self.details = _read_only_table([_("Item"), _("Before"), _("After")])
        details_header = self.details.horizontalHeader()
        details_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        details_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        details_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details.setWordWrap(True)
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 8, 0, 0)
        details_layout.addWidget(self.details_title)
        details_layout.addWidget(self.details, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = page_column(self, title, intro, top)
        layout.addWidget(splitter, 1)

        self.refresh()

    # --- public -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the newest entries again, keeping the selected one selected when it is still listed."""
        current = self.selected_entry()
        self._entries = recent_entries(self._workspace, self._limit)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            cells = (
                format_datetime(entry.at, "medium"),
                entry.user,
                table_word(entry.table),
                entry.summary,
                action_word(entry.action),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ENTRY_ROLE, row)
                self.table.setItem(row, column, item)
        if len(self._entries) >= self._limit:
            self.count_label.setText(_("The newest {count} entries.").format(count=len(self._entries)))
        else:
            self.count_label.setText(_("{count} entries.").format(count=len(self._entries)))
        wanted = 0
        if current is not None:
            wanted = next((i for i, e in enumerate(self._entries) if e.id == current.id), 0)
        if self._entries:
            self.table.selectRow(wanted)
        self._show_selected()

    def set_masked(self, masked: bool) -> None:
        """Hide the middle of ID numbers and phones in the details (the default), or show them in full."""
        self._masked = masked
        self._show_selected()

    @property
    def entries(self) -> list[AuditRecord]:
        return list(self._entries)

    def selected_entry(self) -> AuditRecord | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        if not rows or not self._entries:
            return None
        row = rows[0].row()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def select_entry(self, entry_id: int) -> bool:
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                self.table.selectRow(row)
                return True
        return False

    def _details_text(self, row: int, column: int) -> str:
        item = self.details.item(row, column)
        return item.text() if item is not None else ""

    def details_rows(self) -> list[tuple[str, str, str]]:
        """What the details pane shows: (item, before, after)."""
        return [
            (self._details_text(row, 0), self._details_text(row, 1), self._details_text(row, 2))
            for row in range(self.details.rowCount())
        ]

    # --- internals --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if self._shown_once and not event.spontaneous():
            self.refresh()
        self._shown_once = True

    def _show_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.details_title.setText(
                _("No changes have been made yet.") if not self._entries else _("Click a line above.")
            )
            self.details.setRowCount(0)
            return
        self.details_title.setText(
            _("{table} “{summary}”: {action} ({when}, {user})").format(
                table=table_word(entry.table),
                summary=entry.summary,
                action=action_word(entry.action),
                when=format_datetime(entry.at, "medium"),
                user=entry.user,
            )
        )
        rows = change_rows(entry, masked=self._masked, names=reference_names(self._workspace, entry))
        self.details.setRowCount(len(rows))
        for row, (label, old, new) in enumerate(rows):
            for column, text in enumerate((label, old or "—", new or "—")):
                self.details.setItem(row, column, QTableWidgetItem(text))
        self.details.resizeRowsToContents()
