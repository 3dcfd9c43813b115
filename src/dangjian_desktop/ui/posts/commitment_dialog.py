"""A member's commitment (承诺) on a post."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.posts.common import (
    try_save,
)
from dangjian_desktop.ui.widgets.forms import (
    FieldRow,
    dialog_buttons,
)


class CommitmentDialog(QDialog):
    def __init__(
        self, workspace: Workspace, row: service.AssignmentInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.setWindowTitle(
            _("Commitment of {name} ({post})").format(name=row.member_name, post=row.post_name)
        )
        self.setModal(True)
        self.edit = QPlainTextEdit(row.commitment)
        self.edit.setMinimumHeight(self.fontMetrics().height() * 5)
        self.field = FieldRow(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Commitment")))
        layout.addWidget(self.field)
        layout.addWidget(dialog_buttons(self, _("Save"), self.save))
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        def store() -> None:
            service.update_commitment(
                self.workspace, self.row.id, self.edit.toPlainText(), expected_version=self.row.version
            )

        if try_save(self, store, lambda errors: self.field.show_error(" ".join(errors.values()))):
            self.accept()
