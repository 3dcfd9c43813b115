"""首页 / 工作台: the first screen after start-up says what is due, in big plain lines grouped by kind.

Each line opens the page where it is dealt with: ``open_page`` is emitted with that page's key ("meetings",
"dues", "flowing", "notices", "posts", "roster", "backup", "exchange"), then ``open_item`` with the line itself (its
kind and member) and the day the list was read for, so that the page can show that very thing — the dues
page its 欠缴 tab with the member selected. A heading or an "… and N more" line gives a line of its kind
with no member. The lines come from ``services.home``; modules not yet built contribute none.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.home import (
    KINDS,
    REPORT_DUE,
    TOWNSHIP_REPLY,
    DueItem,
    due_items,
    group_by_kind,
    kind_label,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.text_size import bold_font, scaled_font

PAGE_ROLE = Qt.ItemDataRole.UserRole
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
LINES_PER_GROUP = 6  # more lines of one kind: "… and N more" opens the page

GROUP_COLORS = {  # the heading's mark: red for what is pressing, amber for reminders, green for information
    "dues_warn": "#b00000",
    "flowing": "#b00000",
    "backup": "#b00000",
    TOWNSHIP_REPLY: "#1a5fb4",  # news from the township (设置 → 与乡镇交换): blue, neither alarm nor reminder
    REPORT_DUE: "#a35c00",  # the monthly report: a reminder
}
# Kinds listed in the list even when their lines only inform: the township's decisions are news to read and
# click (to the hand-up, the matter to make public), not a note in the summary line.
LISTED_WHEN_CALM = {TOWNSHIP_REPLY}
REMINDER_COLOR = "#a35c00"
CALM_COLOR = "#2e7d32"
HEADING_FILL = "#f3efe9"


ITEM_PADDING = 10  # the style sheet's padding left and right of a line (QListWidget#dueList::item)


class _WrappingLines(QStyledItemDelegate):
    """A line's height for the width it is painted in: the style sheet's padding narrows the text when
    painted but not when Qt measures it, so a line a little shorter than the list would be measured as one
    row and painted cut off ("…") instead of on two."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = option.rect.adjusted(0, 0, -2 * ITEM_PADDING - 4, 0)
        return super().sizeHint(narrower, index)


class HomePage(QWidget):
    """The list of what is due; ``refresh()`` reads it again (it is read when first shown, and again when
    shown after ``dirty`` was set)."""

    open_page = Signal(str)
    open_item = Signal(object, object)  # DueItem, dt.date: the line and the day the list was read for

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.dirty = True
        self.today: dt.date | None = None  # None: the real today (tests may fix the day)
        self.as_of: dt.date | None = None  # the day the lines shown were read for
        self.items: list[DueItem] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(6)
        self.branch_label = TitleLabel("", factor=1.6)
        self.branch_label.setObjectName("branchName")
        layout.addWidget(self.branch_label)
        self.date_label = QLabel()
        self.date_label.setObjectName("today")
        self.date_label.setFont(scaled_font(1.15))
        layout.addWidget(self.date_label)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("rosterSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        layout.addSpacing(10)

        bar = QHBoxLayout()
        self.heading = TitleLabel(_("What is due"), factor=1.3)
        bar.addWidget(self.heading, 1)
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.list = QListWidget()
        self.list.setObjectName("dueList")
        self.list.setFont(scaled_font(1.2))
        self.list.setWordWrap(True)
        # a long line (a decision of the township, with its date and who decided) wraps: never sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setItemDelegate(_WrappingLines(self.list))
        self.list.setSpacing(1)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setStyleSheet(
            "QListWidget#dueList { border: 1px solid #ddd; background: #ffffff; }"
            f"QListWidget#dueList::item {{ padding: 7px {ITEM_PADDING}px; }}"
            "QListWidget#dueList::item:hover { background: #f4f8fd; }"
            "QListWidget#dueList::item:selected { background: #dcE8f7; color: #000; }"
        )
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(_("Click a line to open the page where it is dealt with."))
        self.hint.setObjectName("hint")
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)

    # ----- reading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if self.dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.dirty = False
        today = self.as_of = self.today or dt.date.today()
        self.date_label.setText(_("Today is {date}").format(date=format_date(today, "full")))
        profile = branch_service.load_profile(self.workspace)
        if profile is None or self.workspace.branch_id is None:
            self.branch_label.setText(_("No branch has been set up yet"))
            self.summary_label.setText("")
            self.items = []
            self.list.clear()
            return
        self.branch_label.setText(profile.name)
        try:
            rows = member_service.roster_rows(self.workspace, statuses=(ACTIVE,))
            self.items = due_items(self.workspace, today)
        except AppError as error:
            messages.error(self, error.message)
            return
        probationary = sum(r.category == "probationary" for r in rows)
        away = sum(r.flowing for r in rows)
        summary = _("{count} members on the roster: {probationary} probationary, {away} working away").format(
            count=len(rows), probationary=probationary, away=away
        )
        notes = [  # e.g. the last backup, when recent
            item.text for item in self.items if not item.urgent and item.kind not in LISTED_WHEN_CALM
        ]
        self.summary_label.setText("　　".join([summary, *notes]))
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        urgent = [item for item in self.items if item.urgent]
        self.heading.setText(
            _("What is due ({count})").format(count=len(urgent)) if urgent else _("Nothing is due")
        )
        if not urgent:
            calm = QListWidgetItem(_("✓ Nothing needs doing now."))
            calm.setForeground(QBrush(QColor(CALM_COLOR)))
            calm.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(calm)
        listed = [item for item in self.items if item.urgent or item.kind in LISTED_WHEN_CALM]
        for kind, lines in group_by_kind(listed):
            self._add_group(kind, lines)

    def _add_group(self, kind: str, lines: list[DueItem]) -> None:
        page = KINDS[kind][1] if kind in KINDS else lines[0].page  # the township's replies: all of them
        color = GROUP_COLORS.get(kind, REMINDER_COLOR)
        title = _("{kind} ({count})").format(kind=kind_label(kind), count=len(lines))
        heading = QListWidgetItem(f"■ {title}")
        heading.setData(PAGE_ROLE, page)
        heading.setData(ITEM_ROLE, kind)
        heading.setFont(bold_font())  # the list's font, bold: follows the text size
        heading.setForeground(QBrush(QColor(color)))
        heading.setBackground(QBrush(QColor(HEADING_FILL)))
        heading.setToolTip(_("Open the page"))
        self.list.addItem(heading)
        for line in lines[:LINES_PER_GROUP]:
            item = QListWidgetItem(f"　　{line.text}")
            item.setData(PAGE_ROLE, line.page)
            item.setData(ITEM_ROLE, line)
            item.setToolTip(_("Click to open the page where this is dealt with"))
            self.list.addItem(item)
        hidden = len(lines) - LINES_PER_GROUP
        if hidden > 0:
            more = QListWidgetItem(
                "　　" + _("… and {count} more: click to see them all").format(count=hidden)
            )
            more.setData(PAGE_ROLE, page)
            more.setData(ITEM_ROLE, kind)
            more.setForeground(QBrush(QColor("#1a5fb4")))
            self.list.addItem(more)

    def _clicked(self, item: QListWidgetItem) -> None:
        page = item.data(PAGE_ROLE)
        if not page:
            return
        self.open_page.emit(str(page))
        line = item.data(ITEM_ROLE)
        if isinstance(line, str):  # a heading or "… and N more": the whole kind, no one member
            line = DueItem(line, "", str(page))
        if isinstance(line, DueItem):
            self.open_item.emit(line, self.as_of or self.today or dt.date.today())

    # ----- for tests and the window ------------------------------------------------------------------

    def line_texts(self) -> list[str]:
        """The due lines shown (without the headings)."""
        return [item.text for item in self.items]

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(900, 600)
