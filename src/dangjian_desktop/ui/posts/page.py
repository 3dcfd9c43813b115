"""设岗定责: posts for members without office, in five tabs that follow the yearly cycle.

岗位设置 (the catalogue and the module's settings) → 认岗定岗 (who still has no post; assign with the
rules' warnings and a reason; each member's commitment) → 履岗记实 (quick entry after a meeting: tick
several members, one date, one text, who confirmed it) → 评岗 (a grade and comment per member and post;
each member's history over all terms) → 公示 (preview of the board, PDF A4 / A3, duty cards).

The term picked at the top applies to every tab. A posts line of the home page (a post without a grade)
opens the 评岗 tab on the line's term with its member selected (``show_due_item``).

This file only composes the page: the tabs and dialogs have their own files beside it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.home import POST_GRADE, DueItem, post_lines
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.posts.assign_dialog import AssignDialog
from dangjian_desktop.ui.posts.assign_tab import AssignTab
from dangjian_desktop.ui.posts.board_tab import BoardTab
from dangjian_desktop.ui.posts.catalogue_tab import CatalogueTab
from dangjian_desktop.ui.posts.commitment_dialog import CommitmentDialog
from dangjian_desktop.ui.posts.evaluate_tab import EvaluateTab
from dangjian_desktop.ui.posts.post_dialog import PostDialog
from dangjian_desktop.ui.posts.records_tab import RecordsTab
from dangjian_desktop.ui.posts.term_dialog import TermDialog
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.kit import PageBase, reload_shown_tab, tab_pages
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name
from dangjian_desktop.ui.widgets.tables import big_button

__all__ = [
    "AssignDialog",
    "AssignTab",
    "BoardTab",
    "CatalogueTab",
    "CommitmentDialog",
    "EvaluateTab",
    "PostDialog",
    "PostsPage",
    "RecordsTab",
    "TermDialog",
]


class PostsPage(PageBase):
    """设岗定责. ``data_changed`` is emitted after every change; ``dialog_opened`` lets tests reach a
    dialog before it runs."""

    TAB_CATALOGUE, TAB_ASSIGN, TAB_RECORDS, TAB_EVALUATE, TAB_BOARD = range(5)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._terms: list[service.TermInfo] = []
        self._loaded = False

        title = TitleLabel(_("Posts for members without office"))
        self.term_combo = QComboBox()
        self.term_combo.setMinimumContentsLength(14)
        self.term_combo.currentIndexChanged.connect(self._term_changed)
        self.new_term_button = big_button(_("New term…"))
        self.new_term_button.clicked.connect(self.new_term)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(QLabel(_("Term:")))
        heading.addWidget(self.term_combo)
        heading.addWidget(self.new_term_button)

        term = lambda: self.term  # noqa: E731 - what the tabs read the page's term through
        self.catalogue_tab = CatalogueTab(workspace, term, self)
        self.assign_tab = AssignTab(workspace, term, self)
        self.records_tab = RecordsTab(workspace, term, self)
        self.evaluate_tab = EvaluateTab(workspace, term, self)
        self.board_tab = BoardTab(workspace, term, self)
        pages = (
            (_("Post list"), self.catalogue_tab),
            (_("Assign posts"), self.assign_tab),
            (_("Performance records"), self.records_tab),
            (_("Evaluation"), self.evaluate_tab),
            (_("Public board"), self.board_tab),
        )
        self.tabs = tab_pages(pages, self._tab_changed)
        for _title, tab in pages:
            tab.dialog_opened.connect(self.dialog_opened)
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)

    # ----- terms --------------------------------------------------------------------------------------------

    @property
    def term(self) -> service.TermInfo | None:
        term_id = self.term_combo.currentData()
        return next((t for t in self._terms if t.id == term_id), None)

    def _load_terms(self, select_id: int | None = None) -> None:
        """Fill the term list, choosing ``select_id`` if it is there, else the term shown, else the current
        one."""
        shown = self.term
        self._terms = service.list_terms(self.workspace)
        if not self._terms:
            self._terms = [service.term_for_year(self.workspace, dt.date.today().year)]
        ids = [term.id for term in self._terms]
        if select_id not in ids:
            current = shown if shown is not None and shown.id in ids else service.current_term(self.workspace)
            select_id = current.id if current else None
        self.term_combo.blockSignals(True)
        self.term_combo.clear()
        for term in self._terms:
            self.term_combo.addItem(term.label, term.id)
        self.term_combo.setCurrentIndex(max(0, self.term_combo.findData(select_id)))
        self.term_combo.blockSignals(False)

    def select_term(self, term_id: int) -> None:
        self.term_combo.setCurrentIndex(max(0, self.term_combo.findData(term_id)))

    def show_grading(self, term_id: int | None = None, member_id: int | None = None) -> bool:
        """The 评岗 tab on the term ``term_id`` (default: the term shown), read afresh, with the member's row
        selected and scrolled into view. A member no longer on a post in that term is said so above the
        list, with nothing selected. True when the member was selected."""
        if self.workspace.branch_id is None:
            return False
        tab = self.evaluate_tab
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentWidget(tab)
        try:
            self._load_terms(term_id if term_id is not None else (self.term.id if self.term else None))
        except AppError as error:
            messages.error(self, error.message)
            return False
        self._loaded = True
        self._reload_current()
        landed = land_on_member(tab.table, member_id, tab.select_member)
        if landed is not False:
            return bool(landed)
        assert member_id is not None  # landed is False only for a member asked for
        name = member_name(self.workspace, member_id)
        term = self.term
        tab.show_status(
            _("{name} no longer has a post in {term}; there is nothing to grade.").format(
                name=name, term=term.label if term else ""
            )
        )
        return False

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A posts line of the home page (a post without a grade): the 评岗 tab on the line's term (it may
        have ended up to a year ago), the line's member selected. The heading opens the term of the group's
        first line."""
        term_id = item.subject_id
        if term_id is None and item.kind == POST_GRADE and self.workspace.branch_id is not None:
            try:
                first = next(iter(post_lines(self.workspace, as_of or dt.date.today())), None)
            except AppError:
                first = None
            term_id = first.subject_id if first is not None else None
        return self.show_grading(term_id, item.member_id)

    def new_term(self) -> None:
        dialog = TermDialog(self.workspace, parent=self)
        self.dialog_opened.emit(dialog)
        if dialog.exec() == TermDialog.DialogCode.Accepted and dialog.term:
            self._load_terms(dialog.term.id)
            self._reload_current()

    def _term_changed(self, _index: int) -> None:
        self._reload_current()

    # ----- loading -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, an import or a restore)."""
        if self.workspace.branch_id is None:
            return
        self._load_terms(self.term.id if self.term else None)
        self._loaded = True
        self._reload_current()

    def _reload_current(self) -> None:
        if not self._loaded:
            return
        reload_shown_tab(self, self.tabs)

    def _tab_changed(self) -> None:
        self.data_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.FontChange and self._loaded:
            # the one table whose rows fit their text (the others keep one line, as when first shown)
            self.assign_tab.table.resizeRowsToContents()
        super().changeEvent(event)
