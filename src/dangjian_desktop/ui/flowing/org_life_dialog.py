"""An organisation-life record of a member away (参加组织生活)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dangjian_desktop.domain.flowing import (
    ORG_LIFE_KIND,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import code_combo, today_text
from dangjian_desktop.ui.flowing.member_form import MemberForm, text_box


class OrgLifeDialog(MemberForm):
    def __init__(
        self, workspace: Workspace, member_id: int, name: str, org: str = "", parent: QWidget | None = None
    ):
        super().__init__(
            workspace,
            member_id,
            _("Organisation life of {name}").format(name=name),
            _("Write down an organisation life the member took part in while away."),
            parent,
        )
        self.line("date", _("Date"), today_text(), required=True)
        self.add_row("kind", _("Kind"), code_combo(ORG_LIFE_KIND, "theme_day"), required=True)
        self.line("org", _("Organisation"), org)
        self.add_row("content", _("Content"), text_box(), required=True)
        self.line("certified_by", _("Certified by"), "")

    def action(self, raw: dict[str, str]) -> object:
        return flowing.add_org_life(self.workspace, self.member_id, raw)
