"""岗位设置: the posts of the catalogue, and the module's settings."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.posts.common import PostsTab, TermSource, button_row, one_line, try_save
from dangjian_desktop.ui.posts.post_dialog import PostDialog
from dangjian_desktop.ui.widgets import tables
from dangjian_desktop.ui.widgets.forms import ErrorLabel, form_label, new_form_layout


class CatalogueTab(PostsTab):
    """岗位设置: the posts, and the module's settings."""

    def __init__(self, workspace: Workspace, term: TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, term, parent)
        self._posts: list[service.PostInfo] = []
        intro = QLabel(
            _(
                "The posts of the branch, with their duties. The usual posts are filled in for you; change, "
                "add or turn them off as the branch decides. A post that is not in use stays in the history."
            )
        )
        intro.setWordWrap(True)
        self.table = tables.data_table([_("Post"), _("Members needed"), _("In use"), _("Duties")])
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_post())
        self.add_button = tables.big_button(_("Add a post…"))
        self.edit_button = tables.big_button(_("Change…"))
        self.toggle_button = tables.big_button(_("Turn off"))
        self.add_button.clicked.connect(self.add_post)
        self.edit_button.clicked.connect(self.edit_post)
        self.toggle_button.clicked.connect(self.toggle_post)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.toggle_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self._settings_box())

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(_("Settings"))
        self.several_check = QCheckBox(_("A member may hold more than one post in a term"))
        self.grades_edit = QLineEdit()
        self.grades_edit.setPlaceholderText("优秀、称职、基本称职、不称职")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 60)
        self.days_spin.setSuffix(_(" days"))
        self.settings_error = ErrorLabel()
        self.save_settings_button = tables.big_button(_("Save settings"))
        self.save_settings_button.clicked.connect(self.save_settings)
        form = new_form_layout()
        form.addRow("", self.several_check)
        form.addRow(form_label(_("Grades (separated by 、)")), self.grades_edit)
        form.addRow(form_label(_("Days the board is up")), self.days_spin)
        form.addRow("", self.settings_error)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        box_layout.addLayout(button_row(self.save_settings_button, right=True))
        return box

    def reload(self) -> None:
        selected = tables.selected_data(self.table)
        self._posts = service.list_posts(self.workspace)
        self.table.setRowCount(len(self._posts))
        for row, post in enumerate(self._posts):
            self.table.setItem(row, 0, tables.table_item(post.name, post.id))
            needed = tables.table_item(str(post.members_needed))
            needed.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 1, needed)
            self.table.setItem(row, 2, tables.table_item(_("yes") if post.active else _("no")))
            self.table.setItem(row, 3, tables.table_item(one_line(post.duties)))
        if selected is not None:
            tables.select_by_data(self.table, selected)
        settings = service.post_settings(self.workspace)
        self.several_check.setChecked(settings.allow_several_posts)
        self.grades_edit.setText("、".join(settings.grades))
        self.days_spin.setValue(settings.notice_days)
        self.settings_error.show_message("")
        self._update_buttons()

    def selected_post(self) -> service.PostInfo | None:
        post_id = tables.selected_data(self.table)
        return next((p for p in self._posts if p.id == post_id), None)

    def _update_buttons(self) -> None:
        post = self.selected_post()
        self.edit_button.setEnabled(post is not None)
        self.toggle_button.setEnabled(post is not None)
        self.toggle_button.setText(_("Turn on") if post is not None and not post.active else _("Turn off"))

    def add_post(self) -> None:
        dialog = PostDialog(self.workspace, parent=self)
        if self.run_dialog(dialog) and dialog.saved:
            self.show_change(self.table, dialog.saved.id)

    def edit_post(self) -> None:
        post = self.selected_post()
        if post is not None and self.run_dialog(PostDialog(self.workspace, post, parent=self)):
            self.show_change()

    def toggle_post(self) -> None:
        post = self.selected_post()
        if post is not None:
            self.act(lambda: service.set_post_active(self.workspace, post.id, not post.active))

    def save_settings(self) -> None:
        self.settings_error.show_message("")

        def store() -> None:
            service.save_post_settings(
                self.workspace,
                allow_several_posts=self.several_check.isChecked(),
                grades=self.grades_edit.text(),
                notice_days=self.days_spin.value(),
            )

        if try_save(self, store, self._show_settings_errors):
            self.reload()
            messages.info(self, _("The settings were saved."))
            self.changed.emit()

    def _show_settings_errors(self, errors: Mapping[str, str]) -> None:
        self.settings_error.show_message(" ".join(errors.values()))
