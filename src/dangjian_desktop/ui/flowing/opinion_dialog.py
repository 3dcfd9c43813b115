"""An opinion or evaluation of a member away (评价意见)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from dangjian_desktop.domain.flowing import (
    EVALUATION,
    EVALUATION_GRADES,
    OPINION_KIND,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import today_text
from dangjian_desktop.ui.flowing.member_form import MemberForm, text_box
from dangjian_desktop.ui.widgets.forms import combo_with_codes, editable_combo


class OpinionDialog(MemberForm):
    def __init__(self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None):
        super().__init__(
            workspace,
            member_id,
            _("Opinion or evaluation of {name}").format(name=name),
            _("Opinions of the receiving organisation and of the branch, the annual evaluation, rewards and "
              "punishments."),
            parent,
        )  # fmt: skip
        self.kind = combo_with_codes([(c.code, c.label()) for c in OPINION_KIND])
        self.add_row("kind", _("What"), self.kind, required=True)
        self.line("date", _("Date"), today_text(), required=True)
        self.year = self.line("year", _("Year evaluated"), str(dt.date.today().year - 1))
        self.grade = editable_combo(EVALUATION_GRADES, EVALUATION_GRADES[1])
        self.grade.setEditable(False)
        self.add_row("grade", _("Result"), self.grade)
        self.add_row("text", _("Text"), text_box())
        self.line("signed_by", _("Signed by"), "")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        evaluation = self.kind.currentData() == EVALUATION
        for key in ("year", "grade"):
            row = self.rows[key]
            row.setVisible(evaluation)
            label = self.forms[0].labelForField(row)
            if label is not None:
                label.setVisible(evaluation)

    def raw(self) -> dict[str, str]:
        values = super().raw()
        values["grade"] = self.grade.currentText()
        return values

    def action(self, raw: dict[str, str]) -> object:
        return flowing.add_opinion(self.workspace, self.member_id, raw)
