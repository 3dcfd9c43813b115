"""党务公开: public notices for the notice board, in four tabs.

公告 (the archive: every notice with its period and whether it is on the board; 新建 from a template, change a
draft, 发布 with the privacy check said in words, preview, print through the printer dialog or save the PDF,
张贴/撤下 dates, 更正/撤回 as a new notice) → 四议两公开 (major matters and their steps in order; the step
dialog with attendance and votes; the 决议公开 and 实施结果公开 notices) → 核验 (number and check code: genuine
or not) → 设置 (public phones, periods, holidays, what the QR code holds).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTableWidget, QVBoxLayout, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.notices.archive_tab import ArchiveTab
from dangjian_desktop.ui.notices.matters_tab import MattersTab
from dangjian_desktop.ui.notices.settings_tab import SettingsTab
from dangjian_desktop.ui.notices.township_box import TownshipNoticesBox
from dangjian_desktop.ui.notices.verify_tab import VerifyTab
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import PageBase, reload_shown_tab, tab_pages


class NoticesPage(PageBase):
    """党务公开. ``data_changed`` is emitted after every change; ``dialog_opened`` lets tests reach a dialog
    before it runs."""

    TAB_ARCHIVE, TAB_MATTERS, TAB_VERIFY, TAB_SETTINGS = range(4)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loaded = False
        self.archive_tab = ArchiveTab(self)
        self.matters_tab = MattersTab(self)
        self.verify_tab = VerifyTab(self)
        self.settings_tab = SettingsTab(self)
        self.tabs = tab_pages(
            (
                (_("Notices"), self.archive_tab),
                (_("Major matters"), self.matters_tab),
                (_("Verify a sheet"), self.verify_tab),
                (_("Settings"), self.settings_tab),
            ),
            self.data_changed.emit,
        )
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(TitleLabel(_("Public notices")))
        self.township_box = TownshipNoticesBox(workspace)  # what the township asked to make public
        layout.addWidget(self.township_box)
        layout.addWidget(self.tabs, 1)

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, an import or a restore)."""
        if self.workspace.branch_id is None:
            return
        self._loaded = True
        self.township_box.reload()
        self._reload_current()

    def show_due_item(self, item: object, as_of: object = None) -> None:
        """A home-page line about a notice (to post or take down): the archive with that notice selected."""
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentWidget(self.archive_tab)
        notice_id = getattr(item, "subject_id", None)
        self.archive_tab.reload(select_id=notice_id)
        if notice_id is not None:
            self.archive_tab.table.setFocus()

    def _reload_current(self) -> None:
        if not self._loaded:
            return
        reload_shown_tab(self, self.tabs)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.FontChange and self._loaded:
            for table in self.findChildren(QTableWidget):
                table.resizeRowsToContents()
        super().changeEvent(event)
