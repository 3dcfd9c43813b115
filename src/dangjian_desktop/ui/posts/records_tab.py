"""履岗记实: tick the members, one date, what was done, who confirmed it; the term's records below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _, table_date
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.posts import common
from dangjian_desktop.ui.widgets.forms import ErrorLabel, FieldRow, form_label, new_form_layout
from dangjian_desktop.ui.widgets.kit import date_edit, to_date
from dangjian_desktop.ui.widgets.tables import ID_ROLE, big_button, data_table, qdate, table_item
from dangjian_desktop.ui.widgets.text_size import keep_fitted


class RecordsTab(common.PostsTab):
    """履岗记实: tick the members, one date, what was done, who confirmed it; the term's records below."""

    def __init__(self, workspace: Workspace, term: common.TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, term, parent)
        self.members_list = QListWidget()
        self.all_button = big_button(_("Tick all"))
        self.none_button = big_button(_("Tick none"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        left, left_layout = common.panel()
        left_layout.addWidget(QLabel(_("Who took part (tick them):")))
        left_layout.addWidget(self.members_list, 1)
        left_layout.addLayout(common.button_row(self.all_button, self.none_button))
        top = common.splitter(Qt.Orientation.Horizontal, (left, self._entry_form()), (1, 2))
        bottom = self._records_table()
        layout = QVBoxLayout(self)
        layout.addWidget(common.splitter(Qt.Orientation.Vertical, (top, bottom)))

    def _entry_form(self) -> QWidget:
        self.date_edit = date_edit(dt.date.today())
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("e.g. 参加村环境卫生整治，清理垃圾"))
        text_edit = self.text_edit
        keep_fitted(text_edit, lambda: text_edit.setMinimumHeight(text_edit.fontMetrics().height() * 4))
        self.confirmed_edit = QLineEdit()
        self.confirmed_edit.setPlaceholderText(_("e.g. the branch secretary's name"))
        self.rows = {
            "date": FieldRow(self.date_edit),
            "text": FieldRow(self.text_edit),
            "confirmed_by": FieldRow(self.confirmed_edit),
        }
        self.general_error = ErrorLabel()
        self.save_button = big_button(_("Save for the ticked members"))
        self.save_button.clicked.connect(self.save)
        form = new_form_layout()
        form.addRow(form_label(_("Date"), required=True), self.rows["date"])
        form.addRow(form_label(_("What the member did"), required=True), self.rows["text"])
        form.addRow(form_label(_("Confirmed by")), self.rows["confirmed_by"])
        form.addRow("", self.general_error)
        right, right_layout = common.panel()
        right_layout.addLayout(form)
        right_layout.addLayout(common.button_row(self.save_button, right=True))
        right_layout.addStretch(1)
        return right

    def _records_table(self) -> QWidget:
        self.records_title = QLabel()
        self.table = data_table(
            [_("Date"), _("Member"), _("Post"), _("What the member did"), _("Confirmed by")]
        )
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        bottom, bottom_layout = common.panel()
        bottom_layout.addWidget(self.records_title)
        bottom_layout.addWidget(self.table, 1)
        return bottom

    def reload(self) -> None:
        ticked = set(self.ticked_assignments())
        self.members_list.clear()
        self.table.setRowCount(0)
        term = self.term
        self.save_button.setEnabled(term is not None)
        if term is None:
            return
        for info in service.assignments(self.workspace, term.id):
            item = QListWidgetItem(f"{info.member_name} — {info.post_name}")
            item.setData(ID_ROLE, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.id in ticked else Qt.CheckState.Unchecked)
            self.members_list.addItem(item)
        today = dt.date.today()
        latest = min(term.end, today) if today >= term.start else term.start
        self.date_edit.setDateRange(qdate(term.start), qdate(latest))
        if not self.confirmed_edit.text():
            profile = branch_service.load_profile(self.workspace)
            self.confirmed_edit.setText(profile.secretary if profile else "")
        records = service.records(self.workspace, term.id)
        self.records_title.setText(_("Records of this term: {count}").format(count=len(records)))
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            self.table.setItem(row, 0, table_item(table_date(record.day), record.id))
            self.table.setItem(row, 1, table_item(record.member_name))
            self.table.setItem(row, 2, table_item(record.post_name))
            self.table.setItem(row, 3, table_item(common.one_line(record.text)))
            self.table.setItem(row, 4, table_item(record.confirmed_by))

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for row in range(self.members_list.count()):
            self.members_list.item(row).setCheckState(state)

    def ticked_assignments(self) -> list[int]:
        return [
            self.members_list.item(row).data(ID_ROLE)
            for row in range(self.members_list.count())
            if self.members_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        for field_row in self.rows.values():
            field_row.show_error("")
        self.general_error.show_message("")
        ticked = self.ticked_assignments()
        created: list[service.RecordInfo] = []

        def store() -> None:
            created.extend(
                service.add_records(
                    self.workspace,
                    ticked,
                    to_date(self.date_edit.date()),
                    self.text_edit.toPlainText(),
                    self.confirmed_edit.text(),
                )
            )

        if not common.try_save(self, store, self._show_errors):
            return
        self.text_edit.clear()
        self._tick_all(False)
        self.reload()
        self.general_error.show_message("")
        messages.info(self, _("Saved for {count} members.").format(count=len(created)))
        self.changed.emit()

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        for key, message in errors.items():
            target = self.rows.get(key)
            if target is None:
                self.general_error.show_message(message)
            else:
                target.show_error(message)
