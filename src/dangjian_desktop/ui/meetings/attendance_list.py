"""The attendance checklist of the meeting form: one row per member expected, one click per mark."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.ui.meetings.common import MARK_CODES, PRESENT, mark_label
from dangjian_desktop.ui.widgets.tables import data_table, table_item


def _note_hint(code: str) -> str:
    return _("e.g. ill, working in Ningbo") if code != PRESENT else ""


class AttendanceList(QWidget):
    """One row per member expected: name, Party group, and one click for 出席 / 请假 / 外出 / 其他, with a
    note for an absence. ``changed`` is emitted after every click."""

    changed = Signal()
    COL_NAME, COL_GROUP = 0, 1
    COL_FIRST_MARK = 2
    COL_NOTE = COL_FIRST_MARK + len(MARK_CODES)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendees: list[service.Attendee] = []
        self._groups: dict[int, QButtonGroup] = {}
        self._notes: dict[int, QLineEdit] = {}
        self._buttons: dict[tuple[int, str], QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        headers = [_("Name"), _("Party group"), *(mark_label(code) for code in MARK_CODES), _("Note")]
        self.table = data_table(headers, word_wrap=False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setObjectName("attendance")
        header = self.table.horizontalHeader()
        for column in range(self.COL_FIRST_MARK, self.COL_NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            item = self.table.horizontalHeaderItem(column)
            assert item is not None  # data_table made one per header
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.table)

    def set_attendees(
        self, attendees: Sequence[service.Attendee], marks: dict[int, rules.Attendance]
    ) -> None:
        """Show ``attendees``; each keeps its mark in ``marks``, else present (外出 when away)."""
        self.attendees = list(attendees)
        self._groups.clear()
        self._notes.clear()
        self._buttons.clear()
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.attendees))
        for row, person in enumerate(self.attendees):
            self._fill_row(row, person, marks.get(person.member_id))
        self.table.resizeColumnToContents(self.COL_NAME)
        self.table.resizeColumnToContents(self.COL_GROUP)
        self.table.resizeRowsToContents()
        self.changed.emit()

    def _fill_row(self, row: int, person: service.Attendee, current: rules.Attendance | None) -> None:
        name = _("{name} (probationary)").format(name=person.name) if person.probationary else person.name
        self.table.setItem(row, self.COL_NAME, table_item(name, person.member_id))
        self.table.setItem(row, self.COL_GROUP, table_item(person.party_group))
        group = QButtonGroup(self)
        group.setExclusive(True)
        code = current.reason_code if current else (rules.AWAY if person.away else PRESENT)
        for offset, mark_code in enumerate(MARK_CODES):
            button = self._mark_button(person, mark_code, mark_code == code)
            group.addButton(button, offset)
            holder = QWidget()
            holder_layout = QHBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
            self.table.setCellWidget(row, self.COL_FIRST_MARK + offset, holder)
        note = QLineEdit(current.note if current else "")
        note.setEnabled(code != PRESENT)
        note.setPlaceholderText(_note_hint(code))
        self.table.setCellWidget(row, self.COL_NOTE, note)
        self._notes[person.member_id] = note
        self._groups[person.member_id] = group
        group.idClicked.connect(lambda _id, member_id=person.member_id: self._clicked(member_id))

    def _mark_button(self, person: service.Attendee, code: str, checked: bool) -> QRadioButton:
        button = QRadioButton()
        button.setObjectName(f"mark_{person.member_id}_{code or 'present'}")
        button.setToolTip(f"{person.name}：{mark_label(code)}")
        button.setChecked(checked)
        self._buttons[(person.member_id, code)] = button
        return button

    def _clicked(self, member_id: int) -> None:
        code = self.code_of(member_id)
        note = self._notes[member_id]
        note.setEnabled(code != PRESENT)
        note.setPlaceholderText(_note_hint(code))
        if code == PRESENT:
            note.clear()
        self.changed.emit()

    def code_of(self, member_id: int) -> str:
        checked = self._groups[member_id].checkedId()
        return MARK_CODES[checked] if checked >= 0 else PRESENT

    def button(self, member_id: int, code: str) -> QRadioButton:
        """The radio button of a member's mark (``""`` for 出席)."""
        return self._buttons[(member_id, code)]

    def set_all_present(self) -> None:
        for person in self.attendees:
            self.button(person.member_id, PRESENT).setChecked(True)
            self._notes[person.member_id].clear()
            self._notes[person.member_id].setEnabled(False)
            self._notes[person.member_id].setPlaceholderText("")
        self.changed.emit()

    def marks(self) -> list[rules.Attendance]:
        return [
            rules.mark(p.member_id, self.code_of(p.member_id), self._notes[p.member_id].text())
            for p in self.attendees
        ]

    def marks_by_member(self) -> dict[int, rules.Attendance]:
        return {m.member_id: m for m in self.marks()}
