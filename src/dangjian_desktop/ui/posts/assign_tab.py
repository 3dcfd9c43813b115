"""认岗定岗: who still has no post, the assignments of the term, and the assign dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.posts import common
from dangjian_desktop.ui.posts.assign_dialog import AssignDialog
from dangjian_desktop.ui.posts.commitment_dialog import CommitmentDialog
from dangjian_desktop.ui.widgets import tables


class AssignTab(common.PostsTab):
    """认岗定岗: who still has no post, the assignments of the term, and the assign dialog."""

    def __init__(self, workspace: Workspace, term: common.TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, term, parent)
        self._rows: list[service.AssignmentInfo] = []
        self.waiting_title = QLabel()
        self.waiting_list = QListWidget()
        self.waiting_list.itemDoubleClicked.connect(lambda item: self.assign(item.data(tables.ID_ROLE)))
        left, left_layout = common.panel()
        left_layout.addWidget(self.waiting_title)
        left_layout.addWidget(self.waiting_list, 1)
        hint = QLabel(_("Double-click a name to give that member a post."))
        hint.setWordWrap(True)
        left_layout.addWidget(hint)

        self.table = tables.data_table(
            [_("Post"), _("Member"), _("Commitment"), _("Reason for the exception")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_commitment())
        self.assign_button = tables.big_button(_("Assign a post…"))
        self.commitment_button = tables.big_button(_("Change the commitment…"))
        self.remove_button = tables.big_button(_("Take off the post"))
        self.assign_button.clicked.connect(lambda: self.assign())
        self.commitment_button.clicked.connect(self.edit_commitment)
        self.remove_button.clicked.connect(self.remove)
        right, right_layout = common.panel()
        right_layout.addLayout(
            common.button_row(self.assign_button, self.commitment_button, self.remove_button)
        )
        right_layout.addWidget(self.table, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(common.splitter(Qt.Orientation.Horizontal, (left, right), (1, 3)))

    def reload(self) -> None:
        self.waiting_list.clear()
        self.table.setRowCount(0)
        term = self.term
        if term is None:
            self.waiting_title.setText("")
            self._update_buttons()
            return
        waiting = service.members_without_post(self.workspace, term.id)
        self.waiting_title.setText(
            _("Members without office who have no post yet: {count}").format(count=len(waiting))
        )
        for option in waiting:
            item = QListWidgetItem(common.member_label(option))
            item.setData(tables.ID_ROLE, option.id)
            self.waiting_list.addItem(item)
        selected = tables.selected_data(self.table)
        self._rows = service.assignments(self.workspace, term.id)
        self.table.setRowCount(len(self._rows))
        for row, info in enumerate(self._rows):
            self.table.setItem(row, 0, tables.table_item(info.post_name, info.id))
            self.table.setItem(row, 1, tables.table_item(info.member_name))
            self.table.setItem(row, 2, tables.table_item(common.one_line(info.commitment)))
            self.table.setItem(row, 3, tables.table_item(info.exception_reason))
        self.table.resizeRowsToContents()
        if selected is not None:
            tables.select_by_data(self.table, selected)
        self._update_buttons()

    def selected_assignment(self) -> service.AssignmentInfo | None:
        assignment_id = tables.selected_data(self.table)
        return next((r for r in self._rows if r.id == assignment_id), None)

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(self.term is not None)
        has = self.selected_assignment() is not None
        self.commitment_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def assign(self, member_id: int | None = None, post_id: int | None = None) -> AssignDialog | None:
        term = self.term
        if term is None:
            return None
        dialog = AssignDialog(self.workspace, term, member_id, post_id, parent=self)
        if self.run_dialog(dialog) and dialog.saved:
            self.show_change(self.table, dialog.saved.id)
        return dialog

    def edit_commitment(self) -> None:
        row = self.selected_assignment()
        if row is not None and self.run_dialog(CommitmentDialog(self.workspace, row, parent=self)):
            self.show_change()

    def remove(self) -> None:
        row = self.selected_assignment()
        if row is None:
            return
        question = _("Take {name} off the post {post}?").format(name=row.member_name, post=row.post_name)
        if messages.confirm(self, question, _("Take off"), _("Keep")):
            self.act(lambda: service.remove_assignment(self.workspace, row.id))
