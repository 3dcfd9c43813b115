"""A member away has come home (返回)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import today_text
from dangjian_desktop.ui.flowing.member_form import MemberForm


class ReturnDialog(MemberForm):
    def __init__(self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None):
        super().__init__(
            workspace,
            member_id,
            _("{name} is back").format(name=name),
            _("The activity book is handed back to the branch. The records stay in the history."),
            parent,
        )
        self.line("date", _("Back on"), today_text(), required=True)
        self.line("note", _("Note"), "")

    def action(self, raw: dict[str, str]) -> object:
        return flowing.register_return(self.workspace, self.member_id, raw["date"], raw["note"])
