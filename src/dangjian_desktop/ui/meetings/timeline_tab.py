"""The member history tab: one member's history across the modules, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services import timeline
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.kit import Tab, show_error, stretch_column
from dangjian_desktop.ui.widgets.tables import data_table, table_item


class TimelineTab(Tab):
    """One member's history: meetings attended and missed, dues, posts, time away, evaluations, status."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Member")))
        self.member = QComboBox()
        self.member.setEditable(True)
        self.member.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.member.setMinimumWidth(260)
        completer = self.member.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.member.currentIndexChanged.connect(self._show)
        bar.addWidget(self.member)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = data_table([_("Date"), _("Kind"), _("What happened")], word_wrap=False)
        self.table.setObjectName("timeline")
        stretch_column(self.table, 2)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        current = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        for person in service.roster_attendees(self.workspace):
            label = person.name + (f"（{person.party_group}）" if person.party_group else "")
            self.member.addItem(label, person.member_id)
        position = self.member.findData(current) if current is not None else 0
        self.member.setCurrentIndex(max(0, position))
        self.member.blockSignals(False)
        self._show()

    def show_member(self, member_id: int) -> None:
        """Pick a member and show their history."""
        position = self.member.findData(member_id)
        if position >= 0:
            self.member.blockSignals(True)
            self.member.setCurrentIndex(position)
            self.member.blockSignals(False)
        self._show()

    def _show(self) -> None:
        member = self.member.currentData()
        if member is None:
            self.table.setRowCount(0)
            return
        try:
            entries = timeline.member_timeline(self.workspace, int(member))
        except AppError as error:
            show_error(self, error)
            return
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            self.table.setItem(row, 0, table_item(entry.day.isoformat() if entry.day else ""))
            self.table.setItem(row, 1, table_item(entry.kind_label))
            self.table.setItem(row, 2, table_item(entry.text))
