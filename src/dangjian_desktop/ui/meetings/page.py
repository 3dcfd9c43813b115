"""组织生活: meetings (三会一课, 主题党日, 组织生活会) with attendance and minutes, the yearly 民主评议党员,
each member's timeline, and how often each kind of meeting is due.

Recording a meeting: kind, date and time, place, topic, who chaired and who took the minutes; attendance
is a checklist of the members expected (everybody, the branch committee or one Party group, by kind), one
click per member (出席 / 请假 / 外出 / 其他), members away pre-marked 外出; then the minutes. A record
prints as a 会议记录 page, through the printer dialog or saved as a PDF.

A meeting line of the home page (a meeting still due) opens the 会议记录 tab on the current year
(``show_due_item``).

This file only composes the tabs (``meetings_tab``, ``evaluation_tab``, ``timeline_tab``,
``settings_tab``); each tab and dialog has its own file.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services.home import DueItem
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.meetings.evaluation_tab import EvaluationTab
from dangjian_desktop.ui.meetings.meetings_tab import MeetingsTab
from dangjian_desktop.ui.meetings.settings_tab import SettingsTab
from dangjian_desktop.ui.meetings.timeline_tab import TimelineTab
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import PageBase, Tab, show_error, tab_pages


class MeetingsPage(PageBase):
    """组织生活. ``data_changed`` is emitted after every change (the home page's list depends on it);
    ``dialog_opened`` is emitted with each dialog just before it is shown (tests drive it)."""

    TAB_MEETINGS, TAB_EVALUATION, TAB_TIMELINE, TAB_SETTINGS = range(4)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        workspace.require_branch()
        self.today: dt.date | None = None  # None: the real today (tests may fix the day)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(TitleLabel(_("Organisation life")))
        self.meetings_tab = MeetingsTab(workspace, self, self)
        self.evaluation_tab = EvaluationTab(workspace, self, self)
        self.timeline_tab = TimelineTab(workspace, self)
        self.settings_tab = SettingsTab(workspace, self)
        self.tabs = tab_pages(
            (
                (_("Meetings"), self.meetings_tab),
                (_("Democratic evaluation"), self.evaluation_tab),
                (_("Member history"), self.timeline_tab),
                (_("Settings"), self.settings_tab),
            ),
            self.data_changed,
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self._loaded: set[int] = set()
        self.meetings_tab.refresh_years()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def refresh(self) -> None:
        """After a restore: read everything again."""
        self.reload()

    def reload(self) -> None:
        """Read the current tab again (the others are read when they are shown)."""
        self._loaded.clear()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        if index in self._loaded:
            return
        self._loaded.add(index)
        tab = self.tabs.widget(index)
        if not isinstance(tab, Tab):
            return
        try:
            if tab is self.meetings_tab:
                self.meetings_tab.refresh_years()
            tab.reload()
        except AppError as error:
            show_error(self, error)

    def open_dialog(self, dialog: QDialog) -> int:
        self.dialog_opened.emit(dialog)
        return dialog.exec()

    def show_meetings(self, year: int | None = None) -> None:
        """The 会议记录 tab on ``year`` (default this year; the newest year listed if it has none), read
        afresh: the meetings still due above it, the year's meetings below."""
        year = year or (self.today or dt.date.today()).year
        tab = self.meetings_tab
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentIndex(self.TAB_MEETINGS)
        self._loaded.add(self.TAB_MEETINGS)
        try:
            tab.refresh_years()
            with QSignalBlocker(tab.year):
                tab.year.setCurrentIndex(max(0, tab.year.findData(year)))
            tab.reload()
        except AppError as error:
            show_error(self, error)

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A meeting line of the home page: the 会议记录 tab on the year of ``as_of`` (the day the home page
        read its list), whatever tab was shown before; for a meeting still due (not the heading), 记录会议
        opens on it with its kind (and Party group) already chosen."""
        self.show_meetings(as_of.year if as_of else None)
        if item.meeting is not None:
            self.meetings_tab.add_meeting(kind=item.meeting.kind, party_group=item.meeting.party_group)
        return True

    def show_member(self, member_id: int) -> None:
        """Open a member's history (e.g. from the roster)."""
        self.tabs.setCurrentIndex(self.TAB_TIMELINE)
        self.timeline_tab.reload()
        self.timeline_tab.show_member(member_id)

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(1100, 700)
