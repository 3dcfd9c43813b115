"""A new activity book for a lost one (补发)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.member_form import MemberForm


class ReissueDialog(MemberForm):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, old_number: str, parent: QWidget | None = None
    ):
        super().__init__(
            workspace,
            member_id,
            _("Issue a new activity book to {name}").format(name=name),
            _("The old book {number} becomes void and the new one gets a new number.").format(
                number=old_number or "-"
            ),
            parent,
        )
        self.line("reason", _("Reason for the new book"), _("lost"), required=True)
        self.line("official_number", _("Provincial booklet number"), "", hint=_("leave empty if none"))

    def action(self, raw: dict[str, str]) -> object:
        return flowing.reissue_book(
            self.workspace, self.member_id, raw["reason"], official_number=raw["official_number"]
        )
