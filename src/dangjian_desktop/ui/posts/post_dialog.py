"""A post of the catalogue: add one or change it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.posts.common import (
    show_on_rows,
    try_save,
)
from dangjian_desktop.ui.widgets.forms import (
    FieldRow,
    dialog_buttons,
    form_label,
    new_form_layout,
)


class PostDialog(QDialog):
    """Add a post to the catalogue (``post`` None) or change one."""

    def __init__(
        self, workspace: Workspace, post: service.PostInfo | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.post = post
        self.saved: service.PostInfo | None = None
        self.setWindowTitle(_("Add a post") if post is None else _("Change a post"))
        self.setModal(True)
        self.name_edit = QLineEdit(post.name if post else "")
        self.name_edit.setPlaceholderText(_("e.g. 政策法规宣传岗"))
        self.needed_spin = QSpinBox()
        self.needed_spin.setRange(1, 99)
        self.needed_spin.setValue(post.members_needed if post else 2)
        self.active_check = QCheckBox(_("In use (shown on the board and in the assignment lists)"))
        self.active_check.setChecked(post.active if post else True)
        self.duties_edit = QPlainTextEdit(post.duties if post else "")
        self.duties_edit.setPlaceholderText(_("One duty per line"))
        self.duties_edit.setMinimumHeight(self.fontMetrics().height() * 7)
        self.rows = {
            "name": FieldRow(self.name_edit),
            "members_needed": FieldRow(self.needed_spin),
            "duties": FieldRow(self.duties_edit),
        }
        form = new_form_layout()
        form.addRow(form_label(_("Name of the post"), required=True), self.rows["name"])
        form.addRow(form_label(_("Members needed")), self.rows["members_needed"])
        form.addRow(form_label(_("Duties")), self.rows["duties"])
        form.addRow("", self.active_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, _("Save"), self.save))
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def save(self) -> None:
        raw = {
            "name": self.name_edit.text(),
            "members_needed": self.needed_spin.value(),
            "duties": self.duties_edit.toPlainText(),
            "active": self.active_check.isChecked(),
        }
        for row in self.rows.values():
            row.show_error("")
        if try_save(self, lambda: self._store(raw), lambda errors: show_on_rows(self.rows, errors, "name")):
            self.accept()

    def _store(self, raw: Mapping[str, object]) -> None:
        if self.post is None:
            self.saved = service.add_post(self.workspace, raw)
        else:
            self.saved = service.update_post(
                self.workspace, self.post.id, raw, expected_version=self.post.version
            )
