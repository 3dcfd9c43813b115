"""A new major matter (四议两公开): its title and what is proposed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.forms import (
    FieldRow,
    dialog_buttons,
    form_label,
    new_form_layout,
)


class MatterDialog(QDialog):
    """A new major matter: its title and what is proposed."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.saved: matters_service.MatterInfo | None = None
        self.setWindowTitle(_("New major matter"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. 村道硬化工程"))
        self.content_edit = QPlainTextEdit()
        self.content_edit.setPlaceholderText(_("What is proposed: the work, the money, who carries it out"))
        self.title_row = FieldRow(self.title_edit)
        form = new_form_layout()
        form.addRow(form_label(_("Matter"), required=True), self.title_row)
        form.addRow(form_label(_("Content")), self.content_edit)
        buttons = dialog_buttons(self, _("Save"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 380)

    def save(self) -> None:
        try:
            self.saved = matters_service.new_matter(
                self.workspace, self.title_edit.text(), self.content_edit.toPlainText()
            )
        except FieldErrors as error:
            self.title_row.show_error("；".join(error.errors.values()))
            return
        self.accept()
