"""花名册: the table of members with big buttons for what a secretary does with it."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.choices import CATEGORY, DUES_CATEGORY, LEAVING_STATUSES, MEMBER_STATUS, SEX
from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import audit_log
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.members import RosterRow
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.members.member_dialog import MemberDialog, may_discard_typing
from dangjian_desktop.ui.members.table_model import (
    COL_AWAY,
    COL_BIRTH,
    COL_CATEGORY,
    COL_DUES,
    COL_GROUP,
    COL_ID,
    COL_JOINED,
    COL_OFFICE,
    COL_PHONE,
    COL_SEX,
    COL_STATUS,
    COLUMN_COUNT,
    DELETED_ENTRIES,
    HOLDS_OFFICE,
    LEFT_ROSTER,
    NO_OFFICE,
    ON_ROSTER,
    MemberTableModel,
    RosterFilter,
    RowRole,
    column_title,
)
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    FieldRow,
    TitleLabel,
    combo_with_codes,
    form_label,
    new_form_layout,
)

log = logging.getLogger(__name__)

ALL_STATUSES = tuple(MEMBER_STATUS.codes())
_ALL = "__all__"
_NO_GROUP = "__none__"

# The columns the secretary may show or hide, with the names their choice is kept under in the settings.
# The name is always shown; the status only (and always) when members who left or deleted entries are listed.
CHOOSABLE_COLUMNS: dict[int, str] = {
    COL_SEX: "sex",
    COL_BIRTH: "birth_date",
    COL_ID: "id_number",
    COL_CATEGORY: "category",
    COL_JOINED: "joined_date",
    COL_GROUP: "party_group",
    COL_OFFICE: "office",
    COL_DUES: "dues_category",
    COL_PHONE: "phone",
    COL_AWAY: "away",
}
# When the table is too narrow for every column (a large text size on a 1366×768 screen), these columns are
# left out, the least needed first, until the rest fit without scrolling sideways: the dues category is on
# the dues page, the birth date is in the ID number, the masked ID number helps little on screen. The name,
# party group, office, phone and "away" always stay. Widening the window brings them back.
LEFT_OUT_FIRST = (COL_DUES, COL_BIRTH, COL_ID, COL_JOINED, COL_CATEGORY, COL_SEX)
# Columns of longer text that may be narrowed (down to this many characters; a tooltip shows the whole
# text) before any column is left out, in the order they give way.
NARROWED_FIRST = ((COL_OFFICE, 6), (COL_GROUP, 5), (COL_DUES, 3), (COL_BIRTH, 6), (COL_JOINED, 6))

_EVENT_LABELS = {
    "added": N_("Entered in the roster"),
    "left": N_("Left the roster"),
    "returned": N_("Returned to the roster"),
    "deleted": N_("Deleted (entry made by mistake)"),
    "restored": N_("Deleted entry restored"),
}
_AUDIT_ACTIONS = {
    "insert": N_("Entered"),
    "update": N_("Corrected"),
    "import": N_("Imported from a sheet"),
    "left": N_("Left the roster"),
    "returned": N_("Returned to the roster"),
    "deleted": N_("Deleted"),
    "restored": N_("Restored"),
}


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
        self._natural_widths: dict[int, int] = {}
        self._floor_widths: dict[int, int] = {}
        by_name = {name: column for column, name in CHOOSABLE_COLUMNS.items()}
        # Columns shown (True) or hidden (False) because the secretary said so; the others fit the room.
        self._column_choices: dict[int, bool] = {
            by_name[name]: bool(shown) for name, shown in (column_choices or {}).items() if name in by_name
        }
        self.left_out: list[int] = []  # columns left out for lack of room just now
        self._fitting = False
        self._build()
        self._update_buttons()

    # ----- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)

        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(TitleLabel(_("Roster of Party members")), 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        heading.addWidget(self.count_label)
        self.columns_button = QPushButton(_("Choose columns…"))
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.clicked.connect(self._show_columns_menu)
        heading.addWidget(self.columns_button)
        layout.addLayout(heading)

        # The buttons and the filters go on to a second line rather than be squeezed until their text is
        # cut (long English words, the largest text size).
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
        layout.addLayout(toolbar)

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
        layout.addLayout(search_row)

        filters = FlowLayout()
        self.status_filter = combo_with_codes(
            [
                (ON_ROSTER, _("Members on the roster")),
                (LEFT_ROSTER, _("Members who left the roster")),
                (DELETED_ENTRIES, _("Deleted entries")),
            ]
        )
        self.category_filter = combo_with_codes(
            [(_ALL, _("All categories")), *((c.code, c.label()) for c in CATEGORY)]
        )
        self.group_filter = combo_with_codes([(_ALL, _("All party groups"))])
        self.office_filter = combo_with_codes(
            [
                (_ALL, _("Office: any")),
                (HOLDS_OFFICE, _("Holds an office")),
                (NO_OFFICE, _("Without office (无职党员)")),
            ]
        )
        self.away_filter = combo_with_codes(
            [(_ALL, _("Away: any")), ("yes", _("Working away")), ("no", _("At home"))]
        )
        self.filter_combos = (
            self.status_filter,
            self.category_filter,
            self.group_filter,
            self.office_filter,
            self.away_filter,
        )
        for combo in self.filter_combos:
            # As wide as the longest choice, so whichever is chosen is read in full.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._filters_changed)
        show = QWidget()  # the label stays with its box when the line wraps
        show_layout = QHBoxLayout(show)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.setSpacing(8)
        show_layout.addWidget(QLabel(_("Show:")))
        show_layout.addWidget(self.status_filter)
        filters.addWidget(show)
        for combo in (self.category_filter, self.group_filter, self.office_filter, self.away_filter):
            filters.addWidget(combo)
        self.clear_filters_button = QPushButton(_("Show everyone"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.clear_filters_button)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self._open_columns_menu(header.mapToGlobal(position))
        )
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setSortingEnabled(True)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._set_row_height()
        self.table.setColumnHidden(COL_STATUS, True)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)
        self.search_box.installEventFilter(self)  # Down and Enter lead into the results
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        layout.addWidget(self.empty_hint)

        self._can_import = _import_dialog_available()
        self._can_export = _export_available()
        if not self._can_import:
            self.import_button.setEnabled(False)
            self.import_button.setToolTip(_("Importing is not available in this version."))
        if not self._can_export:
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(_("Exporting is not available in this version."))

    def _button(self, text: str, slot, layout: QLayout) -> QPushButton:
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
                self._fit_columns()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: ANN001
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
        self._refresh_group_filter()
        first_load = not self._loaded
        self._loaded = True
        if first_load or (was_empty and rows):  # the first members (an import into an empty roster)
            self._fit_columns()
        if selected is not None:
            self.select_member(selected.id)
        self._update_count()

    def _fit_columns(self) -> None:
        """Measure the longest texts of each column (in the first 2,000 rows), then fit the columns to the
        table. Measured here rather than by Qt's resizeColumnsToContents, which took 0.2 s at 60,000 rows."""
        metrics = self.table.fontMetrics()
        char = metrics.horizontalAdvance("中")
        padding = char // 2 + 10
        widths: dict[int, int] = {}
        headings: dict[int, int] = {}
        for column in range(self.model.columnCount()):
            longest = sorted(set(self.model.sample_texts(column)), key=len, reverse=True)[:8]
            content = max((metrics.horizontalAdvance(text) for text in longest), default=0)
            headings[column] = self._heading_width(column)
            widths[column] = max(content + padding, headings[column], char * 2 + 12)
        floors = dict(widths)  # the narrowest each column may be: its heading is never cut
        for column, floor_chars in NARROWED_FIRST:
            floors[column] = min(widths[column], max(headings[column], char * floor_chars + 12))
        self._natural_widths = widths
        self._floor_widths = floors
        self._apply_column_widths()

    def _heading_width(self, column: int) -> int:
        """The room a column's heading needs, with the small arrow that shows the sorting beside it (Qt's
        own size hint keeps a square as high as the heading for the arrow, 50 pixels at the largest text)."""
        header = self.table.horizontalHeader()
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.section = column
        option.text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        size = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header)
        return size.width() + header.fontMetrics().horizontalAdvance("中") // 2 + 6

    def _room(self) -> int:
        available = self.table.viewport().width() - 1
        if not self.table.verticalScrollBar().isVisibleTo(self.table) and self.model.rowCount() > 0:
            available -= self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return available

    def _apply_column_widths(self) -> None:
        """Fit the columns to the table, so it never needs scrolling sideways at 1366×768 at any text size:
        the columns of longer text (office, party group) are narrowed first; if that is not enough, the
        least needed columns are left out (the button above the table says how many and brings them back).
        Columns the secretary chose to show stay, even if the table then has to scroll sideways."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit_to_room()
        finally:
            self._fitting = False
        self._update_columns_button()

    def _fit_to_room(self) -> None:
        on_roster = self.model.roster_filter.scope == ON_ROSTER
        wanted = [
            column
            for column in range(COLUMN_COUNT)
            if self._column_choices.get(column, True) and not (column == COL_STATUS and on_roster)
        ]
        left_out: list[int] = []
        available = self._room()
        if self._natural_widths:
            floors = self._floor_widths
            for column in LEFT_OUT_FIRST:
                if sum(floors[c] for c in wanted) <= available:
                    break
                if column in wanted and column not in self._column_choices:
                    wanted.remove(column)
                    left_out.append(column)
        self.left_out = left_out
        for column in range(COLUMN_COUNT):
            hidden = column not in wanted
            if self.table.isColumnHidden(column) != hidden:
                self.table.setColumnHidden(column, hidden)
        if not self._natural_widths:
            return
        header = self.table.horizontalHeader()
        widths = {c: self._natural_widths[c] for c in wanted}
        for column, _chars in NARROWED_FIRST:
            excess = sum(widths.values()) - available
            if excess <= 0:
                break
            if column in widths:
                widths[column] -= max(0, min(excess, widths[column] - self._floor_widths[column]))
        spare = available - sum(widths.values())
        for column in (COL_OFFICE, COL_GROUP):  # room left over goes back to the free text first
            if spare > 0 and column in widths:
                grow = max(min(spare, self._natural_widths[column] - widths[column]), 0)
                widths[column] += grow
                spare -= grow
        for column, width in widths.items():
            header.resizeSection(column, width)

    # ----- choosing the columns ----------------------------------------------------------------------

    def hidden_columns(self) -> list[int]:
        """The columns not shown now (left out for lack of room, or hidden by the secretary)."""
        return [c for c in CHOOSABLE_COLUMNS if self.table.isColumnHidden(c)]

    def column_choices(self) -> dict[str, bool]:
        """What the secretary chose, by column name (kept in the settings)."""
        return {CHOOSABLE_COLUMNS[c]: shown for c, shown in sorted(self._column_choices.items())}

    def choose_column(self, column: int, shown: bool) -> None:
        """Show or hide a column because the secretary said so (from the menu of columns)."""
        if column not in CHOOSABLE_COLUMNS:
            return
        self._column_choices[column] = shown
        self._apply_column_widths()
        self.columns_chosen.emit(self.column_choices())

    def fit_columns_to_window(self) -> None:
        """Forget the choices: the columns shown are again those the window has room for."""
        self._column_choices.clear()
        self._apply_column_widths()
        self.columns_chosen.emit(self.column_choices())

    def columns_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("columnsMenu")
        for column in CHOOSABLE_COLUMNS:
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setData(column)
            action.toggled.connect(lambda shown, column=column: self.choose_column(column, shown))
        menu.addSeparator()
        fit = menu.addAction(_("Show the columns the window has room for"))
        fit.setEnabled(bool(self._column_choices))
        fit.triggered.connect(self.fit_columns_to_window)
        # Qt's Fusion look sizes a menu a little too narrow for large text and cuts the longest line.
        menu.setMinimumWidth(menu.sizeHint().width() + menu.fontMetrics().horizontalAdvance("中") * 2)
        return menu

    def _show_columns_menu(self) -> None:
        """Below the button, its right edge under the button's."""
        button = self.columns_button
        self._open_columns_menu(button.mapToGlobal(QPoint(button.width(), button.height())), right_edge=True)

    def _open_columns_menu(self, position: QPoint, *, right_edge: bool = False) -> None:
        menu = self.columns_menu()
        if right_edge:
            position -= QPoint(max(menu.sizeHint().width(), menu.minimumWidth()), 0)
        menu.exec(position)
        menu.deleteLater()

    def _update_columns_button(self) -> None:
        hidden = self.hidden_columns()
        if hidden:
            self.columns_button.setText(_("Columns not shown: {count}…").format(count=len(hidden)))
            self.columns_button.setToolTip(
                _("Not shown: {columns}. Click to choose the columns of the table.").format(
                    columns=_(", ").join(column_title(c) for c in hidden)
                )
            )
        else:
            self.columns_button.setText(_("Choose columns…"))
            self.columns_button.setToolTip(_("Choose the columns of the table."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._loaded:
            self._apply_column_widths()
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

    def _refresh_group_filter(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(_("All party groups"), _ALL)
        for group in self.model.party_groups():  # in their natural order
            self.group_filter.addItem(group, group)
        if any(not r.party_group for r in self.model.rows()):
            self.group_filter.addItem(_("No party group"), _NO_GROUP)
        position = self.group_filter.findData(current)
        self.group_filter.setCurrentIndex(max(position, 0))
        self.group_filter.blockSignals(False)
        if position < 0 and current not in (None, _ALL):
            self._filters_changed()

    # ----- search and filters ------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()

    def current_filter(self) -> RosterFilter:
        category = self.category_filter.currentData()
        group = self.group_filter.currentData()
        office = self.office_filter.currentData()
        away = self.away_filter.currentData()
        return RosterFilter(
            scope=self.status_filter.currentData() or ON_ROSTER,
            category=None if category in (None, _ALL) else category,
            party_group=None if group in (None, _ALL) else "" if group == _NO_GROUP else group,
            office=None if office in (None, _ALL) else office,
            away=None if away in (None, _ALL) else away == "yes",
        )

    def _filters_changed(self) -> None:
        chosen = self.current_filter()
        self.model.set_filter(chosen)
        self._apply_column_widths()  # the status column shows when members who left are listed
        self._update_count()

    def clear_filters(self) -> None:
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
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
        if self._can_import:
            self.import_button.setEnabled(has_branch)
        if self._can_export:
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
        dialog = StatusChangeDialog(self.workspace, row, leaving=True, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

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
            try:
                member_service.restore_deleted(self.workspace, row.id)
            except AppError as error:
                messages.error(self, error.message)
                return
            self._changed(row.id)
            return
        dialog = StatusChangeDialog(self.workspace, row, leaving=False, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(row.id)

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
        try:
            member_service.delete_member(self.workspace, row.id)
        except AppError as error:
            messages.error(self, error.message)
            return
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
        try:
            from dangjian_desktop.ui.members.import_dialog import ImportDialog
        except ImportError:
            messages.info(self, _("Importing is not available in this version."))
            return
        dialog = ImportDialog(self.workspace, self)
        dialog.exec()
        self._changed()
        self._fit_columns()  # the imported texts may be longer than those there before

    def export_sheet(self) -> None:
        try:
            from dangjian_desktop.services.members.roster_export import export_roster
        except ImportError:
            messages.info(self, _("Exporting is not available in this version."))
            return
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
            self._fit_columns()  # a full ID number is wider than the masked one


def _module_exists(name: str) -> bool:
    """Whether a part written elsewhere is there, without importing it (openpyxl alone costs 0.15 s at start)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def _import_dialog_available() -> bool:
    return _module_exists("dangjian_desktop.ui.members.import_dialog")


def _export_available() -> bool:
    return _module_exists("dangjian_desktop.services.members.roster_export")


class StatusChangeDialog(QDialog):
    """Leave the roster (转出, 去世, 出党, 停止党籍) or return to it: a date and a reason, kept in history."""

    def __init__(self, workspace: Workspace, row: RosterRow, *, leaving: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.leaving = leaving
        self.setWindowTitle(_("Leave the roster") if leaving else _("Return to the roster"))
        layout = QVBoxLayout(self)
        if leaving:
            text = _(
                "{name} leaves the roster. The entry is kept, with the date and the reason, and can be "
                "returned to the roster later."
            )
        else:
            text = _("{name} comes back to the roster (for example after transferring back).")
        intro = QLabel(text.format(name=row.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)

        form = new_form_layout()
        self.rows: dict[str, FieldRow] = {}
        if leaving:
            self.status_combo = combo_with_codes(
                [(code, MEMBER_STATUS.label(code)) for code in LEAVING_STATUSES]
            )
            self.rows["status"] = FieldRow(self.status_combo)
            form.addRow(form_label(_("Reason for leaving")), self.rows["status"])
        self.date_edit = QLineEdit(dt.date.today().isoformat())
        self.date_edit.setObjectName("date")
        self.rows["date"] = FieldRow(self.date_edit)
        form.addRow(form_label(_("Date"), required=True), self.rows["date"])
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setPlaceholderText(
            _("e.g. 转往城关镇东街社区党支部") if leaving else _("e.g. 从外地转回本支部")
        )
        self.rows["reason"] = FieldRow(self.reason_edit)
        form.addRow(form_label(_("Details")), self.rows["reason"])
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            _("Leave the roster") if leaving else _("Return to roster"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(
            max(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("中") * 34),
            self.sizeHint().height(),
        )
        self._initial = self._typed()

    def _typed(self) -> tuple[object, str, str]:
        status = self.status_combo.currentData() if self.leaving else None
        return status, self.date_edit.text(), self.reason_edit.text()

    def reject(self) -> None:
        """Esc or Cancel after typing a reason asks first: nothing typed is thrown away unasked."""
        if self._typed() != self._initial and not may_discard_typing(self):
            return
        super().reject()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        self.general_error.show_message("\n".join(m for k, m in errors.items() if k not in self.rows))
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())  # room for the messages, never squeezed
        if needed > self.height():
            self.resize(self.width(), needed)

    def save(self) -> None:
        try:
            parsed = parse_date(self.date_edit.text())
        except InvalidDate as error:
            self.show_errors({"date": error.message})
            return
        if parsed is None:
            self.show_errors({"date": _("Please enter the date.")})
            return
        try:
            if self.leaving:
                member_service.leave_roster(
                    self.workspace,
                    self.row.id,
                    self.status_combo.currentData(),
                    parsed.value,
                    self.reason_edit.text(),
                )
            else:
                member_service.return_to_roster(
                    self.workspace, self.row.id, parsed.value, self.reason_edit.text()
                )
        except FieldErrors as errors:
            self.show_errors(errors.errors)
            return
        except AppError as error:
            self.show_errors({"": error.message})
            return
        self.accept()


class HistoryDialog(QDialog):
    """What happened to a member: status changes, then every recorded change of the details."""

    def __init__(
        self, workspace: Workspace, row: RosterRow, *, masked: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of {name}").format(name=row.name))
        events = member_service.member_history(workspace, row.id)
        changes = audit_log.recent_entries(workspace, table="member", record_id=row.id)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(history_html(row, events, changes, masked=masked))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("中") * 46
        self.resize(width, int(width * 0.7))


def _value_text(key: str, value: object, masked: bool = True) -> str:
    if value is None or value == "":
        return _("(empty)")
    if masked and key == "id_number":
        return mask_id_number(str(value))
    if masked and key == "phone":
        return mask_phone(str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key == "status":
        return MEMBER_STATUS.label(str(value))
    for field_key, choices in (("sex", SEX), ("category", CATEGORY), ("dues_category", DUES_CATEGORY)):
        if key == field_key:
            return choices.label(str(value))
    return str(value)


def _key_label(key: str) -> str:
    extra = {
        "status": N_("Status"),
        "status_date": N_("Date of the status"),
        "status_reason": N_("Reason for the status"),
    }
    return _(extra[key]) if key in extra else field_label(key)


def history_html(row: RosterRow, events: list, changes: list, *, masked: bool = True) -> str:
    """The history as simple HTML (a QTextBrowser shows it; big text, no tiny table grid)."""
    none_recorded = html.escape(_("None recorded."))
    parts = ["<h3>" + html.escape(_("Status changes")) + "</h3>"]
    if not events:
        parts.append(f"<p>{none_recorded}</p>")
    for event in events:
        label = _(_EVENT_LABELS.get(event.kind, event.kind))
        line = f"<b>{html.escape(format_date(event.event_date, 'long'))}</b> {html.escape(label)}"
        if event.kind == "left":
            line += f"（{html.escape(MEMBER_STATUS.label(event.status_after))}）"
        if event.reason:
            line += f"：{html.escape(event.reason)}"
        recorded = _("recorded {at} by {user}").format(
            at=event.recorded_at.strftime("%Y-%m-%d %H:%M"), user=event.recorded_by
        )
        parts.append(f"<p>{line}<br/><span style='color:#555'>{html.escape(recorded)}</span></p>")
    parts.append("<h3>" + html.escape(_("Changes to the details")) + "</h3>")
    if not changes:
        parts.append(f"<p>{none_recorded}</p>")
    for change in changes:
        action = _(_AUDIT_ACTIONS.get(change.action, change.action))
        head = (
            f"<b>{html.escape(change.at.strftime('%Y-%m-%d %H:%M'))}</b> {html.escape(action)}"
            f" <span style='color:#555'>({html.escape(change.user)})</span>"
        )
        lines = []
        if change.action == "update" or (change.before and change.after):
            before, after = change.before or {}, change.after or {}
            for key in after:
                lines.append(
                    f"{html.escape(_key_label(key))}：{html.escape(_value_text(key, before.get(key), masked))}"
                    f" → {html.escape(_value_text(key, after.get(key), masked))}"
                )
        parts.append(f"<p>{head}" + "".join(f"<br/>{line}" for line in lines) + "</p>")
    return "\n".join(parts)
