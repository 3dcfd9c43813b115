"""The roster table's columns: measured from their texts, fitted to the room so the table never scrolls
sideways at 1366×768 at any text size, and shown or hidden as the secretary chooses (the menu of columns)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QMenu, QPushButton, QStyle, QStyleOptionHeader, QTableView, QWidget

from dangjian_desktop.i18n import _
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
    ON_ROSTER,
    MemberTableModel,
    column_title,
)

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


class RosterColumns:
    """The columns of the roster ``table``; ``button`` above the table says how many are not shown and
    opens the menu of columns; ``on_chosen`` hears the secretary's choices (kept in the settings)."""

    def __init__(
        self,
        parent: QWidget,
        table: QTableView,
        model: MemberTableModel,
        button: QPushButton,
        *,
        choices: dict[str, bool] | None,
        on_chosen: Callable[[dict[str, bool]], None],
    ) -> None:
        self.parent = parent
        self.table = table
        self.model = model
        self.button = button
        self.on_chosen = on_chosen
        self.natural_widths: dict[int, int] = {}
        self.floor_widths: dict[int, int] = {}
        by_name = {name: column for column, name in CHOOSABLE_COLUMNS.items()}
        # Columns shown (True) or hidden (False) because the secretary said so; the others fit the room.
        self.choices: dict[int, bool] = {
            by_name[name]: bool(shown) for name, shown in (choices or {}).items() if name in by_name
        }
        self.left_out: list[int] = []  # columns left out for lack of room just now
        self._fitting = False
        button.clicked.connect(self.show_menu)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self.open_menu(header.mapToGlobal(position))
        )

    # ----- measuring and fitting ---------------------------------------------------------------------

    def measure(self) -> None:
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
        self.natural_widths = widths
        self.floor_widths = floors
        self.fit()

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

    def fit(self) -> None:
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
        self._update_button()

    def _fit_to_room(self) -> None:
        on_roster = self.model.roster_filter.scope == ON_ROSTER
        wanted = [
            column
            for column in range(COLUMN_COUNT)
            if self.choices.get(column, True) and not (column == COL_STATUS and on_roster)
        ]
        available = self._room()
        self.left_out = self._leave_out(wanted, available) if self.natural_widths else []
        for column in range(COLUMN_COUNT):
            hidden = column not in wanted
            if self.table.isColumnHidden(column) != hidden:
                self.table.setColumnHidden(column, hidden)
        if not self.natural_widths:
            return
        header = self.table.horizontalHeader()
        for column, width in self._widths(wanted, available).items():
            header.resizeSection(column, width)

    def _leave_out(self, wanted: list[int], available: int) -> list[int]:
        """Take the least needed columns out of ``wanted`` (not those she chose) until the rest fit at their
        narrowest; returns those taken out."""
        left_out = []
        for column in LEFT_OUT_FIRST:
            if sum(self.floor_widths[c] for c in wanted) <= available:
                break
            if column in wanted and column not in self.choices:
                wanted.remove(column)
                left_out.append(column)
        return left_out

    def _widths(self, wanted: list[int], available: int) -> dict[int, int]:
        """Each wanted column's width: the longer texts narrowed while the columns do not fit, and room left
        over given back to the free text first."""
        widths = {c: self.natural_widths[c] for c in wanted}
        for column, _chars in NARROWED_FIRST:
            excess = sum(widths.values()) - available
            if excess <= 0:
                break
            if column in widths:
                widths[column] -= max(0, min(excess, widths[column] - self.floor_widths[column]))
        spare = available - sum(widths.values())
        for column in (COL_OFFICE, COL_GROUP):
            if spare > 0 and column in widths:
                grow = max(min(spare, self.natural_widths[column] - widths[column]), 0)
                widths[column] += grow
                spare -= grow
        return widths

    # ----- choosing the columns ----------------------------------------------------------------------

    def hidden_columns(self) -> list[int]:
        """The columns not shown now (left out for lack of room, or hidden by the secretary)."""
        return [c for c in CHOOSABLE_COLUMNS if self.table.isColumnHidden(c)]

    def column_choices(self) -> dict[str, bool]:
        """What the secretary chose, by column name (kept in the settings)."""
        return {CHOOSABLE_COLUMNS[c]: shown for c, shown in sorted(self.choices.items())}

    def choose(self, column: int, shown: bool) -> None:
        """Show or hide a column because the secretary said so (from the menu of columns)."""
        if column not in CHOOSABLE_COLUMNS:
            return
        self.choices[column] = shown
        self.fit()
        self.on_chosen(self.column_choices())

    def fit_to_window(self) -> None:
        """Forget the choices: the columns shown are again those the window has room for."""
        self.choices.clear()
        self.fit()
        self.on_chosen(self.column_choices())

    def menu(self) -> QMenu:
        menu = QMenu(self.parent)
        menu.setObjectName("columnsMenu")
        for column in CHOOSABLE_COLUMNS:
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setData(column)
            action.toggled.connect(lambda shown, column=column: self.choose(column, shown))
        menu.addSeparator()
        fit = menu.addAction(_("Show the columns the window has room for"))
        fit.setEnabled(bool(self.choices))
        fit.triggered.connect(self.fit_to_window)
        # Qt's Fusion look sizes a menu a little too narrow for large text and cuts the longest line.
        menu.setMinimumWidth(menu.sizeHint().width() + menu.fontMetrics().horizontalAdvance("中") * 2)
        return menu

    def show_menu(self) -> None:
        """Below the button, its right edge under the button's."""
        button = self.button
        self.open_menu(button.mapToGlobal(QPoint(button.width(), button.height())), right_edge=True)

    def open_menu(self, position: QPoint, *, right_edge: bool = False) -> None:
        menu = self.menu()
        if right_edge:
            position -= QPoint(max(menu.sizeHint().width(), menu.minimumWidth()), 0)
        menu.exec(position)
        menu.deleteLater()

    def _update_button(self) -> None:
        hidden = self.hidden_columns()
        if hidden:
            self.button.setText(_("Columns not shown: {count}…").format(count=len(hidden)))
            self.button.setToolTip(
                _("Not shown: {columns}. Click to choose the columns of the table.").format(
                    columns=_(", ").join(column_title(c) for c in hidden)
                )
            )
        else:
            self.button.setText(_("Choose columns…"))
            self.button.setToolTip(_("Choose the columns of the table."))
