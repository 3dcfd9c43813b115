"""流动党员: the members working away, what is known of each, and their activity books.

A list of members away (destination, since when, book number, last contact) with the selected member's
records beside it; big buttons for what the secretary does; the members at risk of being lost (失联提醒)
on a tab of their own; the activity book printed one at a time or for everybody away in one batch.

A flowing line of the home page (a member away with no news) opens the 失联提醒 tab with its member selected
(``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.home import DueItem
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.flowing.batch_print import BatchPrint
from dangjian_desktop.ui.flowing.common import date_text
from dangjian_desktop.ui.flowing.contact_dialog import ContactDialog
from dangjian_desktop.ui.flowing.details import details_html, message_html
from dangjian_desktop.ui.flowing.directory_dialog import DirectoryDialog
from dangjian_desktop.ui.flowing.leave_dialog import LeaveDialog
from dangjian_desktop.ui.flowing.opinion_dialog import OpinionDialog
from dangjian_desktop.ui.flowing.org_life_dialog import OrgLifeDialog
from dangjian_desktop.ui.flowing.print_book_dialog import PrintBookDialog
from dangjian_desktop.ui.flowing.reissue_dialog import ReissueDialog
from dangjian_desktop.ui.flowing.return_dialog import ReturnDialog
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name
from dangjian_desktop.ui.widgets.tables import ID_ROLE, data_table, table_item

TAB_AWAY, TAB_ALERTS, TAB_BACK = range(3)


def _member_table(headers: Sequence[str]) -> QTableWidget:
    """The kit's table of whole rows; its columns fit their contents and the headers stay centred."""
    table = data_table(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    return table


def _show_rows(table: QTableWidget, rows: list[tuple[int, list[str]]]) -> None:
    """One line per member, every cell carrying the member's id."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, (member_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, table_item(text, member_id))


def _not_registered(place: str) -> str:
    return _("{place} (leave not registered)").format(place=place or "-")


def _away_cells(row: flowing.AwayRow) -> list[str]:
    destination = _not_registered(row.destination) if row.state == flowing.UNREGISTERED else row.destination
    since, contact = date_text(row.since), date_text(row.last_contact)
    return [row.name, destination, since, row.book_number, contact, row.receiving_org]


def _back_cells(row: flowing.AwayRow) -> list[str]:
    return [row.name, row.destination, date_text(row.since), date_text(row.return_date), row.book_number]


def _alert_cells(alert: flowing.AlertRow) -> list[str]:
    return [
        alert.name,
        alert.destination if alert.registered else _not_registered(alert.destination),
        date_text(alert.last_heard) if alert.last_heard else _("nothing recorded"),
        str(alert.months) if alert.months is not None else "-",
    ]


class FlowingPage(QWidget):
    """The 流动党员 page. ``data_changed`` is emitted after every change (a leave, a record, a return …), so
    the other pages read again: the roster's 外出 column and the home page's list depend on it."""

    data_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._rows: dict[int, flowing.AwayRow] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.addWidget(TitleLabel(_("Mobile members")))
        intro = QLabel(
            _(
                "Members working away are managed jointly by the home branch and the Party organisation where "
                "they are. Choose a member in the list, then press a button."
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)

        self.leave_button = self._button(_("Register leaving…"), self.register_leave, primary=True)
        self.record_button = self._button(_("Organisation life…"), self.add_record)
        self.contact_button = self._button(_("Contact…"), self.add_contact)
        self.opinion_button = self._button(_("Opinion / evaluation…"), self.add_opinion)
        self.return_button = self._button(_("Back home…"), self.register_return)
        self.reissue_button = self._button(_("New book for a lost one…"), self.reissue)
        self.print_button = self._button(_("Print activity book…"), self.print_book, primary=True)
        self.batch_button = self._button(_("Print all books…"), self.print_all)
        self.batch = BatchPrint(self, workspace, self.batch_button)
        self.directory_button = self._button(_("Directory…"), self.export_directory)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        first = (
            self.leave_button,
            self.record_button,
            self.contact_button,
            self.opinion_button,
            self.return_button,
        )
        second = (self.reissue_button, self.print_button, self.batch_button, self.directory_button)
        for column, button in enumerate(first):
            grid.addWidget(button, 0, column)
        for column, button in enumerate(second):
            grid.addWidget(button, 1, column)
        grid.setColumnStretch(len(first), 1)
        outer.addLayout(grid)

        self.tabs = QTabWidget()
        self.away_table = _member_table(
            [
                _("Name"),
                _("Destination"),
                _("Left on"),
                _("Book number"),
                _("Last contact"),
                _("Receiving organisation"),
            ]
        )
        self.alert_table = _member_table(
            [_("Name"), _("Destination"), _("Last news"), _("Months without news")]
        )
        self.back_table = _member_table(
            [_("Name"), _("Destination"), _("Left on"), _("Back on"), _("Book number")]
        )
        self.tabs.addTab(self.away_table, _("Away now"))
        self.tabs.addTab(self.alert_table, _("At risk of losing touch"))
        self.tabs.addTab(self.back_table, _("Came back"))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 380])
        splitter.setChildrenCollapsible(False)
        self.status = QLabel()  # e.g. a member opened from the home page has sent news meanwhile
        self.status.setObjectName("flowingStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1a5fb4; font-weight: bold;")
        self.status.hide()
        outer.addWidget(self.status)
        outer.addWidget(splitter, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        outer.addWidget(self.count_label)

        for table in (self.away_table, self.alert_table, self.back_table):
            table.itemSelectionChanged.connect(self._selection_changed)
            table.itemDoubleClicked.connect(lambda *_args: self.print_book())
        self.tabs.currentChanged.connect(lambda *_args: self._tab_changed())
        self.reload()

    # --- building blocks ------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object], *, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        if primary:
            button.setObjectName("primary")
        button.setAutoDefault(False)
        button.clicked.connect(lambda *_args: slot())
        return button

    def current_table(self) -> QTableWidget:
        return (self.away_table, self.alert_table, self.back_table)[self.tabs.currentIndex()]

    def selected_member(self) -> int | None:
        items = self.current_table().selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def select_member(self, member_id: int) -> bool:
        """Select the member's row on the tab shown, scrolled into view. True when the member is listed."""
        table = self.current_table()
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == member_id:
                table.selectRow(row)
                table.scrollToItem(item)
                return True
        return False

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A flowing line of the home page (a member away with no news): the 失联提醒 tab, read afresh, with
        the line's member selected and scrolled into view. A member no longer in that list (news came
        meanwhile, or back home) is said so above the list, with nothing selected; a heading (no member)
        shows the tab alone. True when the member was selected."""
        self.tabs.setCurrentIndex(TAB_ALERTS)
        self.reload()
        table = self.alert_table
        member_id = item.member_id
        landed = land_on_member(table, member_id, self.select_member)
        if landed is not False:
            return bool(landed)
        assert member_id is not None  # landed is False only for a member asked for
        name = member_name(self.workspace, member_id)
        self.show_status(
            _(
                "{name} is no longer in the list of members without news; news may have come meanwhile, "
                "or the member is back home."
            ).format(name=name)
        )
        return False

    # --- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.selected_member()
        try:
            rows = flowing.away_rows(self.workspace, include_returned=True)
            months = flowing.flowing_settings(self.workspace).alert_months
            alerts = flowing.alerts(self.workspace, months=months)
        except AppError as error:
            messages.error(self, error.message)
            return
        self._rows = {row.member_id: row for row in rows if row.state != flowing.RETURNED}
        away = [(row.member_id, _away_cells(row)) for row in rows if row.state != flowing.RETURNED]
        back = [(row.member_id, _back_cells(row)) for row in rows if row.state == flowing.RETURNED]
        _show_rows(self.away_table, away)
        _show_rows(self.back_table, back)
        _show_rows(self.alert_table, [(a.member_id, _alert_cells(a)) for a in alerts])
        self.tabs.setTabText(TAB_ALERTS, _("At risk of losing touch ({count})").format(count=len(alerts)))
        self.count_label.setText(
            _("{away} members away; {alerts} without news for {months} months or more.").format(
                away=len(away), alerts=len(alerts), months=months
            )
        )
        self.show_status("")
        if keep is not None:
            self.select_member(keep)
        self._selection_changed()

    def _tab_changed(self) -> None:
        self.show_status("")
        self._selection_changed()

    def _selection_changed(self) -> None:
        member_id = self.selected_member()
        away = (
            member_id is not None and member_id in self._rows and self._rows[member_id].state == flowing.AWAY
        )
        for button in (
            self.record_button,
            self.contact_button,
            self.opinion_button,
            self.return_button,
            self.reissue_button,
        ):
            button.setEnabled(away)
        self.print_button.setEnabled(member_id is not None and self._has_stay(member_id))
        self.details.setHtml(self._details_html(member_id))

    def _has_stay(self, member_id: int) -> bool:
        row = self._rows.get(member_id)
        return row is None or row.state != flowing.UNREGISTERED

    def _details_html(self, member_id: int | None) -> str:
        if member_id is None:
            return message_html(_("Choose a member in the list to see what is recorded."))
        try:
            detail = flowing.stay_detail(self.workspace, member_id)
        except AppError:
            return message_html(_("No leave is registered for this member yet. Press 'Register leaving'."))
        return details_html(detail)

    # --- actions ----------------------------------------------------------------------------------

    def _member_name(self, member_id: int) -> str:
        row = self._rows.get(member_id)
        if row is not None:
            return row.name
        table = self.current_table()
        items = table.selectedItems()
        return items[0].text() if items else ""

    def _need_member(self) -> int | None:
        member_id = self.selected_member()
        if member_id is None:
            messages.info(self, _("Please choose a member in the list first."))
        return member_id

    def register_leave(self) -> None:
        member_id = self.selected_member()
        row = self._rows.get(member_id) if member_id is not None else None
        if row is not None and row.state == flowing.AWAY:
            try:
                stay = flowing.stay_detail(self.workspace, row.member_id).stay
            except AppError as error:
                messages.error(self, error.message)
                return
            dialog = LeaveDialog(self.workspace, row.member_id, stay=stay, parent=self)
        else:
            preselect = row.member_id if row is not None else None
            dialog = LeaveDialog(self.workspace, preselect, parent=self)
        if dialog.exec():
            result = dialog.result_value
            self.data_changed.emit()
            self.tabs.setCurrentIndex(TAB_AWAY)
            self.reload()
            if isinstance(result, flowing.LeaveResult):
                self.select_member(result.stay.member_id)
                messages.info(
                    self,
                    _("{name} is registered as away. Activity book number: {number}.").format(
                        name=result.stay.member_name, number=result.book.number
                    ),
                )

    def _open(self, factory) -> None:  # type: ignore[no-untyped-def]
        member_id = self._need_member()
        if member_id is None:
            return
        dialog = factory(member_id, self._member_name(member_id))
        if dialog.exec():
            self.data_changed.emit()
            self.reload()
            self.select_member(member_id)

    def add_record(self) -> None:
        def make(member_id: int, name: str) -> OrgLifeDialog:
            row = self._rows.get(member_id)
            return OrgLifeDialog(
                self.workspace, member_id, name, row.receiving_org if row else "", parent=self
            )

        self._open(make)

    def add_contact(self) -> None:
        def make(member_id: int, name: str) -> ContactDialog:
            try:
                by = flowing.stay_detail(self.workspace, member_id).stay.home_contact
            except AppError:
                by = ""
            return ContactDialog(self.workspace, member_id, name, by, parent=self)

        self._open(make)

    def add_opinion(self) -> None:
        self._open(lambda member_id, name: OpinionDialog(self.workspace, member_id, name, parent=self))

    def register_return(self) -> None:
        self._open(lambda member_id, name: ReturnDialog(self.workspace, member_id, name, parent=self))

    def reissue(self) -> None:
        def make(member_id: int, name: str) -> ReissueDialog:
            row = self._rows.get(member_id)
            return ReissueDialog(self.workspace, member_id, name, row.book_number if row else "", parent=self)

        self._open(make)

    def print_book(self) -> None:
        member_id = self._need_member()
        if member_id is None:
            return
        if not self._has_stay(member_id):
            messages.info(self, _("Register the leave first; the book gets its number then."))
            return
        PrintBookDialog(self.workspace, member_id, self._member_name(member_id), parent=self).exec()

    @property
    def progress(self) -> QProgressDialog | None:
        """The progress dialog of the batch of books, while it runs."""
        return self.batch.progress

    def print_all(self) -> None:
        count = sum(1 for row in self._rows.values() if row.state == flowing.AWAY)
        if not count:
            messages.info(self, _("No member is registered as working away."))
            return
        self.batch.start(count)

    def export_directory(self) -> None:
        """外出党员通讯录: 打印…, 保存为 PDF… or 导出 Excel…, in a small dialog."""
        DirectoryDialog(self.workspace, parent=self).exec()
