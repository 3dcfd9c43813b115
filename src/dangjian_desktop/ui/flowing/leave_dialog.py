"""外出登记: register a member leaving to work away (the program gives the activity book its number), or
correct the registration later (e.g. once the receiving Party organisation is known).

The form collects plain text and hands it to ``services.flowing``, which checks it; mistakes come back as
field errors shown in red under the field concerned. Nothing typed is lost on an error.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from dangjian_desktop.domain.flowing import LEAVE_REASON
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.flowing.common import code_combo, date_text, today_text
from dangjian_desktop.ui.widgets.forms import FormDialog

# (key, label, required, hint) of the text fields, column by column; the reason (a list) comes third.
_FIRST_COLUMN = (
    ("since", N_("Left on"), True, "2026-03-01"),
    ("expected_return", N_("Expected back"), False, ""),
    ("destination", N_("Destination (province, city, county)"), True, N_("e.g. 江苏省苏州市昆山市")),
    ("workplace", N_("Workplace"), False, ""),
    ("address", N_("Address there"), False, ""),
    ("occupation", N_("Occupation"), False, ""),
)
_SECOND_COLUMN = (
    ("phone", N_("Own phone"), False, ""),
    ("other_contact", N_("Other contact (WeChat ...)"), False, ""),
    ("receiving_org", N_("Receiving Party organisation"), False, ""),
    ("receiving_contact", N_("Their contact person"), False, ""),
    ("receiving_phone", N_("Phone of the receiving organisation"), False, ""),
    ("home_contact", N_("Kept in touch by (home branch)"), False, ""),
    ("home_contact_phone", N_("Phone of that person"), False, ""),
    ("official_number", N_("Provincial booklet number"), False, N_("leave empty if none")),
)


def _initial_values(stay: flowing.StayInfo | None) -> dict[str, str]:
    """What the fields show at first: the registration being corrected, or today's date alone."""
    if stay is None:
        return {"since": today_text()}
    return {
        "since": stay.since.isoformat(),
        "expected_return": date_text(stay.expected_return),
        "destination": stay.destination.region,
        "workplace": stay.destination.workplace,
        "address": stay.address,
        "occupation": stay.occupation,
        "phone": format_phone(stay.phone),
        "other_contact": stay.other_contact,
        "receiving_org": stay.receiving_org,
        "receiving_contact": stay.receiving_contact,
        "receiving_phone": format_phone(stay.receiving_phone),
        "home_contact": stay.home_contact,
        "home_contact_phone": format_phone(stay.home_contact_phone),
    }


class LeaveDialog(FormDialog):
    """外出登记 (``member_id`` None: choose the member) or correcting the registration (``stay`` given)."""

    def __init__(
        self,
        workspace: Workspace,
        member_id: int | None = None,
        stay: flowing.StayInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = stay is not None
        if editing:
            title = _("Correct the leave registration")
            intro = _("Fill in what has changed, e.g. the receiving Party organisation once it is known.")
        else:
            title = _("Register a member leaving to work away")
            intro = _(
                "Fields marked * must be filled in. Dates are written like 2026-03-01. The program gives the "
                "activity book its number."
            )
        super().__init__(title, intro, parent, columns=2)
        self.workspace = workspace
        self.member_id = member_id
        self.editing = editing
        # the stay's version as this form read it: a save over someone else's later one is refused
        self.loaded_version = stay.version if stay is not None else None
        self._roster_phones: dict[int, str] = {}
        self._prefilled_phone = ""
        if not editing:
            self._add_member_choice(member_id)
        self._add_fields(_initial_values(stay), stay.reason if stay else "work")
        self.setMinimumWidth(980)
        if not editing:
            self.member_combo.currentIndexChanged.connect(self._fill_phone_from_roster)
            self._fill_phone_from_roster()

    def _add_member_choice(self, member_id: int | None) -> None:
        """The list of members who can leave (typing a name finds it), with their roster phones."""
        self.member_combo = QComboBox()
        self.member_combo.setEditable(True)
        self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for ref in flowing.members_who_can_leave(self.workspace):
            self.member_combo.addItem(ref.name, ref.id)
            self._roster_phones[ref.id] = format_phone(ref.phone)
        if member_id is not None:
            index = self.member_combo.findData(member_id)
            if index >= 0:
                self.member_combo.setCurrentIndex(index)
        self.add_row("member", _("Member"), self.member_combo, required=True)

    def _add_fields(self, values: dict[str, str], reason: str) -> None:
        for column, fields in enumerate((_FIRST_COLUMN, _SECOND_COLUMN)):
            self.column = column
            for key, label, required, hint in fields:
                self.line(key, _(label), values.get(key, ""), required=required, hint=_(hint) if hint else "")
                if key == "expected_return":
                    self.add_row("reason", _("Reason"), code_combo(LEAVE_REASON, reason))

    def _fill_phone_from_roster(self) -> None:
        """The member's own phone as on the roster; what she typed over it stays."""
        phone = self.editors["phone"]
        assert isinstance(phone, QLineEdit)
        if phone.text() not in ("", self._prefilled_phone):
            return
        member_id = self.member_combo.currentData()
        self._prefilled_phone = self._roster_phones.get(member_id, "") if member_id is not None else ""
        phone.setText(self._prefilled_phone)

    def raw(self) -> dict[str, str]:
        values = super().raw()
        values.pop("member", None)
        # the one-line destination gives province/city/county; the workplace field is its own
        return values

    def chosen_member(self) -> int | None:
        if self.editing:
            return self.member_id
        text = self.member_combo.currentText().strip()
        index = self.member_combo.findText(text)
        if index < 0:
            return None
        return int(self.member_combo.itemData(index))

    def save(self) -> None:
        member_id = self.chosen_member()
        if member_id is None:
            self.show_errors({"member": _("Please choose a member from the list.")})
            return
        if self.editing:
            ok = self.run(
                lambda raw: flowing.update_leave(
                    self.workspace, member_id, raw, expected_version=self.loaded_version
                )
            )
        else:
            ok = self.run(lambda raw: flowing.register_leave(self.workspace, member_id, raw))
        if ok:
            self.accept()
