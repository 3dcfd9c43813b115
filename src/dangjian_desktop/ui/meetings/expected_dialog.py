"""Who should attend a meeting: a tick per member of the roster."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.ui.widgets.forms import dialog_buttons
from dangjian_desktop.ui.widgets.kit import action_button
from dangjian_desktop.ui.widgets.tables import ID_ROLE


def _person_item(person: service.Attendee, ticked: bool) -> QListWidgetItem:
    text = person.name + (f"（{person.party_group}）" if person.party_group else "")
    if person.office:
        text += f"　{person.office}"
    item = QListWidgetItem(text)
    item.setData(ID_ROLE, person.member_id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    return item


class ExpectedDialog(QDialog):
    """Who should attend: a tick per member of the roster."""

    def __init__(
        self, roster: Sequence[service.Attendee], chosen: set[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Who should attend"))
        self.resize(460, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tick the members who should attend this meeting.")))
        self.list = QListWidget()
        for person in roster:
            self.list.addItem(_person_item(person, person.member_id in chosen))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        action_button(_("Tick all"), lambda: self._tick(True), row)
        action_button(_("Untick all"), lambda: self._tick(False), row)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(dialog_buttons(self, _("OK"), self.accept, QDialogButtonBox.StandardButton.Ok))

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen(self) -> set[int]:
        return {
            self.list.item(row).data(ID_ROLE)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        }
