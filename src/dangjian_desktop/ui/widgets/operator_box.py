"""当前操作人 on the 设置 page: the name the change log (操作记录) writes for each change she makes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import operator as operator_service
from dangjian_desktop.services.workspace import Workspace

OK_COLOR = "#1a6b1a"
ERROR_COLOR = "#c00000"


class OperatorBox(QGroupBox):
    """Who is working with the program: by default the secretary; another name can be typed and saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(_("Current operator"), parent)
        self.workspace = workspace
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(operator_service.MAX_LENGTH)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.name_edit.returnPressed.connect(self.save)  # a box with one field: Enter saves it
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Name:")))
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        if self.workspace.branch_id is None:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        current = operator_service.current_operator(self.workspace)
        self.name_edit.setText(current.chosen)
        self.name_edit.setPlaceholderText(
            _("Empty: the secretary, {name}").format(name=current.secretary) if current.secretary else ""
        )
        self.note.setText(
            _(
                "The change log writes this name beside every change. Leave it empty for the secretary; "
                "type another name when someone else (a committee member, the accountant) works with the "
                "program."
            )
        )
        self.status.setText("")

    def save(self) -> None:
        try:
            saved = operator_service.set_operator(self.workspace, self.name_edit.text())
        except FieldErrors as error:
            self._say(error.message, ERROR_COLOR)
            return
        except AppError as error:
            self._say(error.message, ERROR_COLOR)
            return
        self.refresh()
        self._say(_("Saved. The change log now writes: {name}").format(name=saved.name or "—"), OK_COLOR)
        self.changed.emit()

    def _say(self, text: str, colour: str) -> None:
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)
