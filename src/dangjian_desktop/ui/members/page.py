"""花名册: the table of members with big buttons for what a secretary does with it. The page composes
the parts: the filters (``filters``), the table's columns (``columns``), the member form
(``member_dialog``), leaving and returning (``status_dialog``), the history (``history_dialog``) and the
sheet import (``import_dialog``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.choices import MEMBER_STATUS
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.members.columns import (
    CHOOSABLE_COLUMNS,
    LEFT_OUT_FIRST,
    NARROWED_FIRST,
    RosterColumns,
)
from dangjian_desktop.ui.members.filters import RosterFilters
from dangjian_desktop.ui.members.history_dialog import HistoryDialog, history_html
from dangjian_desktop.ui.members.member_dialog import MemberDialog
from dangjian_desktop.ui.members.status_dialog import StatusChangeDialog
from dangjian_desktop.ui.members.table_model import (
    COL_STATUS,
    LEFT_ROSTER,
    ON_ROSTER,
    MemberTableModel,
    RosterFilter,
    RowRole,
)
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout
from dangjian_desktop.ui.widgets.forms import TitleLabel

__all__ = [
    "ALL_STATUSES",
    "CHOOSABLE_COLUMNS",
    "COL_STATUS",
    "LEFT_OUT_FIRST",
    "NARROWED_FIRST",
    "HistoryDialog",
    "MemberDialog",
    "RosterPage",
    "StatusChangeDialog",
    "history_html",
]

log = logging.getLogger(__name__)

ALL_STATUSES = tuple(MEMBER_STATUS.codes())


class RosterPage(QWidget):
    """The roster: search, filters, the table, and the buttons that change it."""

    data_changed = Signal()  # the secretary changed something here
    rows_loaded = Signal(object)  # list[RosterRow], every status: others (the home page) may reuse them
    columns_chosen = Signal(object)  # dict[str, bool]: the columns the secretary chose to show or hide
    masking_changed = Signal(bool)  # True: she chose to see full ID numbers and phones (this session)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        masked: bool = True,
        rows: list[RosterRow] | None = None,
        column_choices: dict[str, bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = MemberTableModel(masked=masked, parent=self)
        self._preloaded = rows  # rows already read by the window (all statuses), used for the first showing
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_heading())
        layout.addLayout(self._build_toolbar())
        layout.addLayout(self._build_search())
        self.filters = RosterFilters(self._filters_changed, self.clear_filters)
        self.status_filter = self.filters.status_filter
        self.category_filter = self.filters.category_filter
        self.group_filter = self.filters.group_filter
        self.office_filter = self.filters.office_filter
        self.away_filter = self.filters.away_filter
        layout.addLayout(self.filters.layout)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.columns = RosterColumns(
            self,
            self.table,
            self.model,
            self.columns_button,
            choices=column_choices,
            on_chosen=self.columns_chosen.emit,
        )
        self._set_row_height()
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        layout.addWidget(self.empty_hint)
        self._update_buttons()

    # ----- building ----------------------------------------------------------------------------------

    def _build_heading(self) -> QHBoxLayout:
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(TitleLabel(_("Roster of Party members")), 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        heading.addWidget(self.count_label)
        self.columns_button = QPushButton(_("Choose columns…"))
        self.columns_button.setObjectName("columnsButton")
        heading.addWidget(self.columns_button)
        return heading

    def _build_toolbar(self) -> FlowLayout:
        """The buttons go on to a second line rather than be squeezed until their text is cut (long English
        words, the largest text size)."""
        toolbar = FlowLayout()
        self.add_button = self._button(_("Add member"), self.add_member, toolbar)
        self.edit_button = self._button(_("Edit"), self.edit_selected, toolbar)
        self.leave_button = self._button(_("Leave the roster…"), self.leave_selected, toolbar)
        self.restore_button = self._button(_("Restore"), self.restore_selected, toolbar)
        self.delete_button = self._button(_("Delete…"), self.delete_selected, toolbar)
        self.history_button = self._button(_("History"), self.show_history, toolbar)
        toolbar.add_stretch()
        self.import_button = self._button(_("Import Excel…"), self.import_sheet, toolbar)
        self.export_button = self._button(_("Export Excel…"), self.export_sheet, toolbar)
        self.print_button = self._button(_("Print…"), self.print_roster, toolbar)
        self.pdf_button = self._button(_("Save as PDF…"), self.save_roster_pdf, toolbar)
        self.print_button.setToolTip(
            _(
                "Print the roster (花名册) on A4 landscape, with the branch and the date. ID numbers are printed "
                "only while they are shown in full for this session."
            )
        )
        self.add_button.setObjectName("primary")
        self.edit_button.setToolTip(_("Correct the selected member's details (or double-click the row)"))
        self.delete_button.setToolTip(_("Only for an entry made by mistake; it can be restored later"))
        self.leave_button.setToolTip(_("Transferred out, deceased, left the Party or membership suspended"))
        return toolbar

    def _build_search(self) -> QHBoxLayout:
        search_row = QHBoxLayout()
        search_row.setSpacing(8)
        search_row.addWidget(QLabel(_("Find:")))
        self.search_box = QLineEdit()
        self.first_field = self.search_box  # where Tab from the page list lands
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(
            _("Type a name, pinyin initials (e.g. zs) or the last digits of an ID number or phone")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._search_changed)
        search_row.addWidget(self.search_box, 1)
        # the same switch as on 设置 (first-week §4.8): she needs a full number while at the roster
        self.unmask_box = QCheckBox(_("Show full ID numbers and phones"))
        self.unmask_box.setToolTip(_("Only for this session; the next start shows them masked again"))
        self.unmask_box.setChecked(not self.model.masked)
        self.unmask_box.toggled.connect(self._unmask_toggled)
        search_row.addWidget(self.unmask_box)
        return search_row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setSortingEnabled(True)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setColumnHidden(COL_STATUS, True)
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        self.search_box.installEventFilter(self)  # Down and Enter lead into the results
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        return table

    def _button(self, text: str, slot: Callable[[], None], layout: QLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _set_row_height(self) -> None:
        height = int(self.table.fontMetrics().height() * 1.6)
        self.table.verticalHeader().setDefaultSectionSize(height)
        self.table.verticalHeader().setMinimumSectionSize(height)
        # Qt's own minimum (about four letters) would keep the columns of 男/女 and 是 wider than needed.
        self.table.horizontalHeader().setMinimumSectionSize(self.table.fontMetrics().horizontalAdvance("中"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._set_row_height()
            if self._loaded:
                self.columns.measure()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    # ----- loading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the roster again (after a change, an import or a restore); keeps search, filters, selection."""
        selected = self.selected_row()
        if self._preloaded is not None:
            rows, self._preloaded = self._preloaded, None
        elif self.workspace.branch_id is None:
            rows = []
        else:
            rows = member_service.roster_rows(self.workspace, statuses=ALL_STATUSES)
        was_empty = self.model.rowCount() == 0
        self.model.set_rows(rows)
        self.rows_loaded.emit(rows)
        self.filters.refresh_groups(self.model)
        first_load = not self._loaded
        self._loaded = True
        if first_load or (was_empty and rows):  # the first members (an import into an empty roster)
            self.columns.measure()
        if selected is not None:
            self.select_member(selected.id)
        self._update_count()

    # ----- the columns (see columns.RosterColumns) ---------------------------------------------------

    @property
    def left_out(self) -> list[int]:
        """The columns left out for lack of room just now."""
        return self.columns.left_out

    def hidden_columns(self) -> list[int]:
        return self.columns.hidden_columns()

    def column_choices(self) -> dict[str, bool]:
        return self.columns.column_choices()

    def choose_column(self, column: int, shown: bool) -> None:
        self.columns.choose(column, shown)

    def fit_columns_to_window(self) -> None:
        self.columns.fit_to_window()

    def columns_menu(self) -> QMenu:
        return self.columns.menu()

    # ----- keys --------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._loaded:
            self.columns.fit()
        if event.type() == QEvent.Type.KeyPress and watched in (self.search_box, self.table):
            assert isinstance(event, QKeyEvent)
            if self._search_key(watched, Qt.Key(event.key())):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, watched: QObject, key: Qt.Key) -> bool:
        """From the search box, Down goes into the results (the first one chosen) and Enter opens the
        member chosen; in the results, Enter opens the member and Up from the first row goes back."""
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.table:
            if enter and self.selected_row() is not None:
                self.edit_selected()
                return True
            if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            return False
        if not (enter or key == Qt.Key.Key_Down) or self.model.rowCount() == 0:
            return False
        if self.selected_row() is None:
            self.select_member(self.model.index(0, 0).data(RowRole).id)
        if enter:
            self.edit_selected()
        else:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ----- search and filters ------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()

    def current_filter(self) -> RosterFilter:
        return self.filters.current()

    def _filters_changed(self) -> None:
        chosen = self.current_filter()
        self.model.set_filter(chosen)
        self.columns.fit()  # the status column shows when members who left are listed
        self._update_count()

    def clear_filters(self) -> None:
        self.filters.reset()
        self.search_box.clear()
        self._filters_changed()

    def _update_count(self) -> None:
        total, shown = self.model.scope_count(), self.model.visible_count()
        scope = self.model.roster_filter.scope
        if scope == ON_ROSTER:
            text = _("{total} members on the roster, {shown} shown")
        elif scope == LEFT_ROSTER:
            text = _("{total} have left the roster, {shown} shown")
        else:
            text = _("{total} deleted entries, {shown} shown")
        self.count_label.setText(text.format(total=total, shown=shown))
        if self.workspace.branch_id is None:
            self.empty_hint.setText(_("No branch has been set up yet, so the roster is empty."))
        elif total == 0 and scope == ON_ROSTER:
            self.empty_hint.setText(
                _(
                    "The roster is empty. Press 'Add member' to enter members one by one, "
                    "or 'Import Excel…' to read the sheet you already have."
                )
            )
        elif shown == 0:
            self.empty_hint.setText(_("Nobody matches. Check the spelling, or press 'Show everyone'."))
        else:
            self.empty_hint.setText("")
        self.empty_hint.setVisible(bool(self.empty_hint.text()))

    # ----- selection ---------------------------------------------------------------------------------

    def selected_row(self) -> RosterRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return indexes[0].data(RowRole)

    def select_member(self, member_id: int) -> bool:
        position = self.model.position_of(member_id)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        row = self.selected_row()
        has_branch = self.workspace.branch_id is not None
        self.add_button.setEnabled(has_branch)
        self.edit_button.setEnabled(row is not None)
        self.history_button.setEnabled(row is not None)
        self.leave_button.setEnabled(row is not None and row.status == "active")
        self.delete_button.setEnabled(row is not None and row.status != "deleted")
        self.restore_button.setEnabled(row is not None and row.status != "active")
        if row is not None and row.status == "deleted":
            self.restore_button.setText(_("Restore deleted entry"))
        elif row is not None and row.status != "active":
            self.restore_button.setText(_("Return to roster…"))
        else:
            self.restore_button.setText(_("Restore"))
        self.import_button.setEnabled(has_branch)
        self.export_button.setEnabled(has_branch)

    def _changed(self, member_id: int | None = None) -> None:
        self.reload()
        if member_id is not None and not self.select_member(member_id):
            self.table.clearSelection()
        self.data_changed.emit()

    # ----- actions -----------------------------------------------------------------------------------

    def add_member(self) -> None:
        if self.workspace.branch_id is None:
            return
        dialog = MemberDialog(self.workspace, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_record is not None:
            record = dialog.saved_record
            self._changed(record.id)
            if self.model.position_of(record.id) is None:
                messages.info(
                    self,
                    _("{name} was saved. The search or the filters hide this member now.").format(
                        name=record.data.name
                    ),
                )

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            dialog = MemberDialog(self.workspace, row.id, parent=self)
        except AppError as error:
            messages.error(self, error.message)
            self._changed()
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

    def leave_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status != "active":
            return
        self._change_status(row, leaving=True)

    def restore_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status == "active":
            return
        if row.status == "deleted":
            if not messages.confirm(
                self,
                _("Put {name} back where the entry was before it was deleted?").format(name=row.name),
                yes_text=_("Restore"),
            ):
                return
            if self._done(lambda: member_service.restore_deleted(self.workspace, row.id)):
                self._changed(row.id)
            return
        self._change_status(row, leaving=False)

    def _change_status(self, row: RosterRow, *, leaving: bool) -> None:
        """The member leaves the roster (or comes back) through the dialog that asks the date and reason."""
        dialog = StatusChangeDialog(self.workspace, row, leaving=leaving, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

    def _done(self, change: Callable[[], object]) -> bool:
        """Make ``change``; when it cannot be made, say why in words and give False."""
        try:
            change()
        except AppError as error:
            messages.error(self, error.message)
            return False
        return True

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status == "deleted":
            return
        if not messages.confirm(
            self,
            _(
                "Delete the entry for {name}?\n\nThis is only for an entry made by mistake. A member who moved "
                "away or died should 'leave the roster' instead. A deleted entry can be restored: choose "
                "'Deleted entries' under 'Show'."
            ).format(name=row.name),
            yes_text=_("Delete"),
        ):
            return
        if self._done(lambda: member_service.delete_member(self.workspace, row.id)):
            self._changed()

    def show_history(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            dialog = HistoryDialog(self.workspace, row, masked=self.model.masked, parent=self)
        except AppError as error:
            messages.error(self, error.message)
            return
        dialog.exec()

    def import_sheet(self) -> None:
        from dangjian_desktop.ui.members.import_dialog import ImportDialog  # read at first use: faster start

        dialog = ImportDialog(self.workspace, self)
        dialog.exec()
        self._changed()
        self.columns.measure()  # the imported texts may be longer than those there before

    def export_sheet(self) -> None:
        # openpyxl takes 0.15 s to import: read when she first exports, not at start
        from dangjian_desktop.services.members.roster_export import export_roster

        profile = branch_service.load_profile(self.workspace)
        name = (
            _("{branch} roster {date}.xlsx")
            .format(branch=profile.name if profile else "", date=dt.date.today().strftime("%Y%m%d"))
            .strip()
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the roster as"), str(Path.home() / name), _("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            export_roster(self.workspace, Path(path))
        except AppError as error:
            messages.error(self, error.message)
            return
        except OSError as error:
            log.warning("export to %s failed: %s", path, error)
            messages.error(
                self, _("The file could not be written: {error}. Is it open in Excel?").format(error=error)
            )
            return
        messages.info(self, _("The roster was saved to {path}.").format(path=path))

    # ----- the printed 花名册 -------------------------------------------------------------------------

    def print_roster(self) -> None:
        """The 花名册 (everyone on the roster, whatever the filters show) through the printer dialog. The ID
        numbers are on it only while she has them shown in full for the session (设置): the internal roster."""
        from dangjian_desktop.services.members import roster_print
        from dangjian_desktop.ui import printing

        try:
            data = roster_print.roster_pdf_bytes(self.workspace, with_id_numbers=not self.model.masked)
        except AppError as error:
            messages.error(self, error.message)
            return
        printing.print_pdf(self, data, name=roster_print.file_name(self.workspace).removesuffix(".pdf"))

    def save_roster_pdf(self) -> None:
        from dangjian_desktop.services.members import roster_print
        from dangjian_desktop.ui import printing

        path = printing.ask_pdf_path(self, roster_print.file_name(self.workspace))
        if path is None:
            return
        try:
            roster_print.export_roster_pdf(self.workspace, path, with_id_numbers=not self.model.masked)
        except AppError as error:
            messages.error(self, error.message)
            return
        messages.info(self, _("The roster was saved as {path}.").format(path=path))

    # ----- for the main window -----------------------------------------------------------------------

    def set_masked(self, masked: bool) -> None:
        with QSignalBlocker(self.unmask_box):
            self.unmask_box.setChecked(not masked)
        self._show_masked(masked)

    def _unmask_toggled(self, show: bool) -> None:
        self._show_masked(not show)
        self.masking_changed.emit(show)

    def _show_masked(self, masked: bool) -> None:
        self.model.set_masked(masked)
        if self._loaded:
            self.columns.measure()  # a full ID number is wider than the masked one
