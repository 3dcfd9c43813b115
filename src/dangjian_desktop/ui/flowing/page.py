"""流动党员: the members working away, what is known of each, and their activity books.

A list of members away (destination, since when, book number, last contact) with the selected member's
records beside it; big buttons for what the secretary does; the members at risk of being lost (失联提醒)
on a tab of their own; the activity book printed one at a time or for everybody away in one batch.

A flowing line of the home page (a member away with no news) opens the 失联提醒 tab with its member selected
(``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.home import DueItem
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.flowing.dialogs import (
    ContactDialog,
    DirectoryDialog,
    LeaveDialog,
    OpinionDialog,
    OrgLifeDialog,
    PrintBookDialog,
    ReissueDialog,
    ReturnDialog,
)
from dangjian_desktop.ui.tasks import CancelFlag, run_in_background
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name

_ID_ROLE = Qt.ItemDataRole.UserRole
TAB_AWAY, TAB_ALERTS, TAB_BACK = range(3)


def _date(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[int, list[str]]]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, (member_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(_ID_ROLE, member_id)
            table.setItem(r, c, item)


class FlowingPage(QWidget):
    """The 流动党员 page. ``data_changed`` is emitted after every change (a leave, a record, a return …), so
    the other pages read again: the roster's 外出 column and the home page's list depend on it."""

    data_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._rows: dict[int, flowing.AwayRow] = {}
        self._batch_task = None
        self._cancel: CancelFlag | None = None
        self.progress: QProgressDialog | None = None

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
        self.away_table = _table(
            [
                _("Name"),
                _("Destination"),
                _("Left on"),
                _("Book number"),
                _("Last contact"),
                _("Receiving organisation"),
            ]
        )
        self.alert_table = _table([_("Name"), _("Destination"), _("Last news"), _("Months without news")])
        self.back_table = _table([_("Name"), _("Destination"), _("Left on"), _("Back on"), _("Book number")])
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

    def _button(self, text: str, slot, *, primary: bool = False) -> QPushButton:  # type: ignore[no-untyped-def]
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
        return int(items[0].data(_ID_ROLE)) if items else None

    def select_member(self, member_id: int) -> bool:
        """Select the member's row on the tab shown, scrolled into view. True when the member is listed."""
        table = self.current_table()
        for row in range(table.rowCount()):
            if table.item(row, 0).data(_ID_ROLE) == member_id:
                table.selectRow(row)
                table.scrollToItem(table.item(row, 0))
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
            alerts = flowing.alerts(self.workspace)
            months = flowing.flowing_settings(self.workspace).alert_months
        except AppError as error:
            messages.error(self, error.message)
            return
        self._rows = {}
        away, back = [], []
        for row in rows:
            if row.state == flowing.RETURNED:
                back.append(
                    (
                        row.member_id,
                        [
                            row.name,
                            row.destination,
                            _date(row.since),
                            _date(row.return_date),
                            row.book_number,
                        ],
                    )
                )
                continue
            self._rows[row.member_id] = row
            destination = row.destination
            if row.state == flowing.UNREGISTERED:
                destination = _("{place} (leave not registered)").format(place=row.destination or "-")
            away.append(
                (
                    row.member_id,
                    [
                        row.name,
                        destination,
                        _date(row.since),
                        row.book_number,
                        _date(row.last_contact),
                        row.receiving_org,
                    ],
                )
            )
        _fill(self.away_table, away)
        _fill(self.back_table, back)
        _fill(
            self.alert_table,
            [
                (
                    a.member_id,
                    [
                        a.name,
                        a.destination
                        if a.registered
                        else _("{place} (leave not registered)").format(place=a.destination or "-"),
                        _date(a.last_heard) if a.last_heard else _("nothing recorded"),
                        str(a.months) if a.months is not None else "-",
                    ],
                )
                for a in alerts
            ],
        )
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
            return "<p>" + html.escape(_("Choose a member in the list to see what is recorded.")) + "</p>"
        try:
            detail = flowing.stay_detail(self.workspace, member_id)
        except AppError:
            return (
                "<p>"
                + html.escape(_("No leave is registered for this member yet. Press 'Register leaving'."))
                + "</p>"
            )
        s = detail.stay
        book = detail.current_book
        e = html.escape
        parts = [f"<h3>{e(s.member_name)}</h3>"]
        facts = [
            (_("Destination"), s.destination_text),
            (_("Left on"), _date(s.since)),
            (_("Back on"), _date(s.return_date)),
            (
                _("Receiving organisation"),
                " ".join(
                    x for x in (s.receiving_org, s.receiving_contact, format_phone(s.receiving_phone)) if x
                ),
            ),
            (
                _("Kept in touch by"),
                " ".join(x for x in (s.home_contact, format_phone(s.home_contact_phone)) if x),
            ),
            (_("Activity book"), f"{book.number}（{book.status_label}）" if book else ""),
        ]
        parts.append("<table cellspacing='2'>")
        for label, value in facts:
            if value:
                parts.append(f"<tr><td><b>{e(label)}</b>：</td><td>{e(value)}</td></tr>")
        parts.append("</table>")
        void = [b for b in detail.books if b.status == "void"]
        for b in void:
            parts.append(
                "<p>"
                + e(_("Book {number} is void: {reason}").format(number=b.number, reason=b.void_reason))
                + "</p>"
            )

        def section(title: str, lines: list[str]) -> None:
            parts.append(f"<h4>{e(title)}（{len(lines)}）</h4>")
            if lines:
                parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>")

        section(
            _("Organisation life"),
            [
                f"{_date(r.date)} {r.kind_label} {r.content} {r.org}".strip()
                for r in reversed(detail.org_life)
            ],
        )
        section(
            _("Contacts"),
            [
                f"{_date(r.date)} {r.means_label} {r.content} {r.contacted_by}".strip()
                for r in reversed(detail.contacts)
            ],
        )
        section(
            _("Opinions and evaluation"),
            [
                f"{_date(r.date)} {r.kind_label} {r.year or ''} {r.grade} {r.text}".replace("  ", " ").strip()
                for r in reversed(detail.opinions)
            ],
        )
        return "".join(parts)

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

    def print_all(self) -> None:
        count = sum(1 for row in self._rows.values() if row.state == flowing.AWAY)
        if not count:
            messages.info(self, _("No member is registered as working away."))
            return
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the folder for the activity books"), str(Path.home())
        )
        if not folder:
            return
        self._cancel = CancelFlag()
        progress = QProgressDialog(_("Printing the activity books…"), _("Stop"), 0, count, self)
        progress.setWindowTitle(_("Print all books"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        progress.canceled.connect(self._cancel.cancel)
        self.progress = progress
        self.batch_button.setEnabled(False)
        workspace, flag, target = self.workspace, self._cancel, Path(folder)
        self._batch_task = run_in_background(
            self,
            lambda report: flowing.print_all_away(workspace, target, progress=report, cancel=flag),
            on_success=self._batch_done,
            on_failure=self._batch_failed,
            progress=self._batch_progress,
        )

    def _batch_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        progress.setMaximum(max(total, 1))
        progress.setLabelText(_("Printed {done} of {total} activity books…").format(done=done, total=total))
        if done < total:  # the last step is shown by the message at the end (setValue may run events)
            progress.setValue(done)

    def _finish_batch(self) -> None:
        self.batch_button.setEnabled(True)
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect()
            progress.reset()
            progress.deleteLater()

    def _batch_done(self, result: flowing.BatchResult) -> None:
        self._finish_batch()
        if result.cancelled:
            text = _("Stopped. {count} activity books were printed into {folder}.")
        else:
            text = _("{count} activity books were printed into {folder}.")
        messages.info(self, text.format(count=len(result.files), folder=result.folder))

    def _batch_failed(self, error: BaseException) -> None:
        self._finish_batch()
        messages.error(self, error.message if isinstance(error, AppError) else str(error))

    def export_directory(self) -> None:
        """外出党员通讯录: 打印…, 保存为 PDF… or 导出 Excel…, in a small dialog."""
        DirectoryDialog(self.workspace, parent=self).exec()
