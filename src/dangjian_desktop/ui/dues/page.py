"""党费: the monthly collection (one click per member), standards, arrears, reports and hand-ups.

Tabs: 收缴 · 核定标准 · 欠缴 · 报表 · 上缴, one file each, and their dialogs. This file only composes them.
Every change goes through ``services.dues``; the page never edits or deletes a payment — a wrong one is
reversed with a reason, and both entries stay on record.

A dues line of the home page opens the 欠缴 tab with its member selected (``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.home import TOWNSHIP_REPLY, DueItem
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dues.arrears_tab import ArrearsTab
from dangjian_desktop.ui.dues.collection_tab import CollectionTab
from dangjian_desktop.ui.dues.common import DuesTab
from dangjian_desktop.ui.dues.handup_dialog import HandUpDialog
from dangjian_desktop.ui.dues.handups_tab import HandUpsTab
from dangjian_desktop.ui.dues.ledger_start_bar import LedgerStartBar
from dangjian_desktop.ui.dues.payment_dialog import PaymentDialog
from dangjian_desktop.ui.dues.reports_tab import ReportsTab
from dangjian_desktop.ui.dues.standard_dialog import StandardDialog
from dangjian_desktop.ui.dues.standards_tab import StandardsTab
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import PageBase, money_text, show_error, tab_pages
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name

__all__ = [
    "ArrearsTab",
    "CollectionTab",
    "DuesPage",
    "HandUpDialog",
    "HandUpsTab",
    "LedgerStartBar",
    "PaymentDialog",
    "ReportsTab",
    "StandardDialog",
    "StandardsTab",
]


class DuesPage(PageBase):
    """The 党费 page. ``data_changed`` is emitted after every payment, reversal, standard or hand-up, so
    the home page's arrears lines are read again."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.last_saved: Path | None = None
        self._task: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QHBoxLayout()
        heading.addWidget(TitleLabel(_("Party dues")))
        heading.addStretch(1)
        self.balance_label = QLabel()
        heading.addWidget(self.balance_label)
        layout.addLayout(heading)
        self.ledger_bar = LedgerStartBar(workspace, self)
        self.ledger_bar.chosen.connect(self.note_change)
        self.ledger_bar.setVisible(dues.ledger_start_chosen(workspace) is None)
        layout.addWidget(self.ledger_bar)
        self.collection = CollectionTab(workspace, self.export, self)
        self.standards = StandardsTab(workspace, self.export, self)
        self.arrears = ArrearsTab(workspace, self.export, self)
        self.reports = ReportsTab(workspace, self.export, self)
        self.handups = HandUpsTab(workspace, self.export, self)
        self.tabs = tab_pages(
            (
                (_("Collection"), self.collection),
                (_("Standards"), self.standards),
                (_("Arrears"), self.arrears),
                (_("Reports"), self.reports),
                (_("Hand-ups"), self.handups),
            ),
            self.note_change,
        )
        self.tabs.currentChanged.connect(lambda _i: self.reload_current())
        layout.addWidget(self.tabs, 1)
        self._stale: set[int] = set(range(self.tabs.count()))
        self.reload_current()

    def reload_current(self) -> None:
        index = self.tabs.currentIndex()
        tab = self.tabs.widget(index)
        assert isinstance(tab, DuesTab)
        try:
            tab.reload()
            money = dues.balance(self.workspace)
        except AppError as error:
            show_error(self, error)
            return
        self._stale.discard(index)
        self.balance_label.setText(
            _("Held by the branch: {amount} yuan").format(amount=money_text(money.balance))
        )

    def show_arrears(self, member_id: int | None = None, as_of: Month | None = None) -> bool:
        """The 欠缴 tab up to ``as_of`` (default this month), read afresh, with the member's row selected and
        scrolled into view. A member no longer in the list (paid meanwhile) is said so above the list, with
        nothing selected. True when the member was selected."""
        tab = self.arrears
        with QSignalBlocker(tab.as_of.edit):  # read once, below
            tab.as_of.set_month(as_of or Month.of(dt.date.today()))
        if self.tabs.currentWidget() is tab:
            self.reload_current()
        else:
            self.tabs.setCurrentWidget(tab)  # reads it
        landed = land_on_member(tab.table, member_id, tab.select_member)
        if landed is not False:
            return bool(landed)
        assert member_id is not None  # landed is False only for a member asked for
        name = member_name(self.workspace, member_id)
        tab.show_status(
            _(
                "{name} is no longer in the arrears list up to {month}; "
                "the dues have probably been paid meanwhile."
            ).format(name=name, month=tab.as_of.month().label())
        )
        return False

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A dues line of the home page (unpaid for 3 or 6 months or more): the 欠缴 tab up to the month of
        ``as_of`` (the day the home page read its list), with the line's member selected. A line of the
        township's reply (a hand-up confirmed): the 上缴 tab, the hand-up it confirmed selected."""
        if item.kind == TOWNSHIP_REPLY:
            self.tabs.setCurrentWidget(self.handups)
            return self.handups.show_confirmed()
        month = Month.of(as_of) if as_of else None
        if month is not None and month < Month.of(dt.date.today()):
            month = month - 1  # the last month that had ended on that day: what the line counted
        return self.show_arrears(item.member_id, month)

    def reload(self) -> None:
        """Everything may have changed (after a restore): reload the tab shown, the others when shown."""
        self._stale = set(range(self.tabs.count()))
        self.ledger_bar.setVisible(dues.ledger_start_chosen(self.workspace) is None)
        self.reload_current()

    def note_change(self) -> None:
        """Something was written: every tab reads again, and the other pages are told."""
        self.reload()
        self.data_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # the month may have been chosen meanwhile in 业务设置
        self.ledger_bar.setVisible(dues.ledger_start_chosen(self.workspace) is None)
        if self._stale:
            self.reload_current()

    def export(self, job: Callable[[], Path]) -> None:
        """Write a file in the background, then say where it went, as every other save does (review m12:
        no PDF viewer is started, there may be none)."""

        def done(path: object) -> None:
            self._task = None
            self.last_saved = Path(str(path))
            messages.info(self, _("Saved as {path}").format(path=path))

        def failed(error: BaseException) -> None:
            self._task = None
            show_error(self, error)

        self._task = run_in_background(self, job, on_success=done, on_failure=failed)
