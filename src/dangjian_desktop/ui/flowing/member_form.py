"""The base of the small forms about one member away (a record, a contact, an opinion, the return, a new
book): each collects plain text and hands it to ``services.flowing``, which checks it; mistakes come back as
field errors under the field concerned (``FormDialog.run``), and nothing typed is lost on an error."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.forms import FormDialog


def text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(90)
    return box


class MemberForm(FormDialog):
    """A form about one member away; ``save`` hands the form's values to ``action``."""

    def __init__(self, workspace: Workspace, member_id: int, title: str, intro: str, parent: QWidget | None):
        super().__init__(title, intro, parent)
        self.workspace, self.member_id = workspace, member_id

    def action(self, raw: dict[str, str]) -> object:  # overridden
        raise NotImplementedError

    def save(self) -> None:
        if self.run(self.action):
            self.accept()
