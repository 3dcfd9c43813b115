"""A contact with a member away (联系)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dangjian_desktop.domain.flowing import (
    CONTACT_MEANS,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import code_combo, today_text
from dangjian_desktop.ui.flowing.member_form import MemberForm, text_box


class ContactDialog(MemberForm):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, by: str = "", parent: QWidget | None = None
    ):
        super().__init__(
            workspace,
            member_id,
            _("Contact with {name}").format(name=name),
            _("Each contact the home branch makes counts: the member is not lost."),
            parent,
        )
        self.line("date", _("Date"), today_text(), required=True)
        self.add_row("means", _("Means"), code_combo(CONTACT_MEANS, "phone"))
        self.add_row("content", _("What was said"), text_box(), required=True)
        self.line("contacted_by", _("Contacted by"), by)

    def action(self, raw: dict[str, str]) -> object:
        return flowing.add_contact(self.workspace, self.member_id, raw)
