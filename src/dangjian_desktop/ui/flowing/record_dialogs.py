"""The small forms of the 流动党员 page: an organisation-life record, a contact, an opinion or evaluation,
the return home, and a new book for a lost one.

Each form collects plain text and hands it to ``services.flowing``, which checks it; mistakes come back as
field errors shown in red under the field concerned (``FormDialog.run``). Nothing typed is lost on an error.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from dangjian_desktop.domain.flowing import (
    CONTACT_MEANS,
    EVALUATION,
    EVALUATION_GRADES,
    OPINION_KIND,
    ORG_LIFE_KIND,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import code_combo, today_text
from dangjian_desktop.ui.widgets.forms import FormDialog, combo_with_codes, editable_combo


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(90)
    return box


class _MemberForm(FormDialog):
    """A form about one member away; ``save`` hands the form's values to ``action``."""

    def __init__(self, workspace: Workspace, member_id: int, title: str, intro: str, parent: QWidget | None):
        super().__init__(title, intro, parent)
        self.workspace, self.member_id = workspace, member_id

    def action(self, raw: dict[str, str]) -> object:  # overridden
        raise NotImplementedError

    def save(self) -> None:
        if self.run(self.action):
            self.accept()


class OrgLifeDialog(_MemberForm):
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
        self.add_row("content", _("Content"), _text_box(), required=True)
        self.line("certified_by", _("Certified by"), "")

    def action(self, raw: dict[str, str]) -> object:
        return flowing.add_org_life(self.workspace, self.member_id, raw)


class ContactDialog(_MemberForm):
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
        self.add_row("content", _("What was said"), _text_box(), required=True)
        self.line("contacted_by", _("Contacted by"), by)

    def action(self, raw: dict[str, str]) -> object:
        return flowing.add_contact(self.workspace, self.member_id, raw)


class OpinionDialog(_MemberForm):
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
        self.add_row("text", _("Text"), _text_box())
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


class ReturnDialog(_MemberForm):
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


class ReissueDialog(_MemberForm):
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
