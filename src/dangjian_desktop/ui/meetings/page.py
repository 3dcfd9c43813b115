"""组织生活: meetings (三会一课, 主题党日, 组织生活会) with attendance and minutes, the yearly 民主评议党员,
each member's timeline, and how often each kind of meeting is due.

Recording a meeting: kind, date and time, place, topic, who chaired and who took the minutes; attendance
is a checklist of the members expected (everybody, the branch committee or one Party group, by kind), one
click per member (出席 / 请假 / 外出 / 其他), members away pre-marked 外出; then the minutes. A record
prints as a 会议记录 page, through the printer dialog or saved as a PDF.

A meeting line of the home page (a meeting still due) opens the 会议记录 tab on the current year
(``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, QSize, Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.meetings import ABSENCE_REASON, FREQUENCY, MEETING_KIND
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.home import DueItem
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    FieldRow,
    TitleLabel,
    combo_with_codes,
    form_label,
    new_form_layout,
    select_code,
)
from dangjian_desktop.ui.widgets.tables import (
    ID_ROLE,
    data_table,
    qdate,
    select_by_data,
    selected_data,
    table_item,
)
from dangjian_desktop.ui.widgets.text_size import scaled_font

PRESENT = ""  # the checklist's code for 出席; the others are the absence reasons
MARK_CODES = (PRESENT, rules.LEAVE, rules.AWAY, rules.OTHER_REASON)


def _mark_label(code: str) -> str:
    return rules.ATTENDANCE_STATUS.label(rules.PRESENT) if code == PRESENT else ABSENCE_REASON.label(code)


def _big_button(text: str, slot: Callable[[], Any] | None = None, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setMinimumHeight(button.sizeHint().height() + 10)
    if primary:
        button.setObjectName("primary")
    if slot is not None:
        button.clicked.connect(slot)
    return button


def _fit_columns(table: QTableWidget, stretch: int) -> None:
    """Every column as wide as its contents, except ``stretch``, which takes the rest (text is cut off
    with "…" there and shown whole in the tooltip)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def due_strip(due: Sequence[rules.DueMeeting]) -> str:
    """The meetings still due in one line, by period: 本月还需召开：党小组会（第三党小组、第十党小组）、主题党日."""
    templates = {
        rules.MONTHLY: _("Still due this month: {kinds}"),
        rules.QUARTERLY: _("Still due this quarter: {kinds}"),
        rules.YEARLY: _("Still due this year: {kinds}"),
    }
    parts = []
    for frequency, template in templates.items():
        kinds: dict[str, list[str]] = {}
        for d in due:
            if d.period.frequency == frequency:
                kinds.setdefault(d.kind, [])
                if d.party_group:
                    kinds[d.kind].append(d.party_group)
        if kinds:
            names = [
                MEETING_KIND.label(kind) + (f"（{'、'.join(groups)}）" if groups else "")
                for kind, groups in kinds.items()
            ]
            parts.append(template.format(kinds="、".join(names)))
    return "　　".join(parts)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _show_error(parent: QWidget, error: BaseException) -> None:
    if isinstance(error, AppError):
        messages.warning(parent, error.message)
        return
    raise error


def _save_path(parent: QWidget, suggested: str) -> Path | None:
    name, _chosen = QFileDialog.getSaveFileName(
        parent, _("Save as PDF"), str(Path.home() / suggested), _("PDF files (*.pdf)")
    )
    if not name:
        return None
    return Path(name if name.lower().endswith(".pdf") else name + ".pdf")


def _safe_file_part(text: str) -> str:
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|').strip() or "-"


# ----- the attendance checklist ----------------------------------------------------------------------------


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
        headers = [_("Name"), _("Party group"), *(_mark_label(code) for code in MARK_CODES), _("Note")]
        self.table = data_table(headers, word_wrap=False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setObjectName("attendance")
        header = self.table.horizontalHeader()
        for column in range(self.COL_FIRST_MARK, self.COL_NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.table.horizontalHeaderItem(column).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
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
            name = _("{name} (probationary)").format(name=person.name) if person.probationary else person.name
            self.table.setItem(row, self.COL_NAME, table_item(name, person.member_id))
            self.table.setItem(row, self.COL_GROUP, table_item(person.party_group))
            group = QButtonGroup(self)
            group.setExclusive(True)
            current = marks.get(person.member_id)
            code = current.reason_code if current else (rules.AWAY if person.away else PRESENT)
            for offset, mark_code in enumerate(MARK_CODES):
                button = QRadioButton()
                button.setObjectName(f"mark_{person.member_id}_{mark_code or 'present'}")
                button.setToolTip(f"{person.name}：{_mark_label(mark_code)}")
                button.setChecked(mark_code == code)
                group.addButton(button, offset)
                holder = QWidget()
                holder_layout = QHBoxLayout(holder)
                holder_layout.setContentsMargins(0, 0, 0, 0)
                holder_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
                self.table.setCellWidget(row, self.COL_FIRST_MARK + offset, holder)
                self._buttons[(person.member_id, mark_code)] = button
            note = QLineEdit(current.note if current else "")
            note.setEnabled(code != PRESENT)
            note.setPlaceholderText(_("e.g. ill, working in Ningbo") if code != PRESENT else "")
            self.table.setCellWidget(row, self.COL_NOTE, note)
            self._notes[person.member_id] = note
            self._groups[person.member_id] = group
            group.idClicked.connect(lambda _id, member_id=person.member_id: self._clicked(member_id))
        self.table.resizeColumnToContents(self.COL_NAME)
        self.table.resizeColumnToContents(self.COL_GROUP)
        self.table.resizeRowsToContents()
        self.changed.emit()

    def _clicked(self, member_id: int) -> None:
        code = self.code_of(member_id)
        note = self._notes[member_id]
        note.setEnabled(code != PRESENT)
        note.setPlaceholderText(_("e.g. ill, working in Ningbo") if code != PRESENT else "")
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
            text = person.name + (f"（{person.party_group}）" if person.party_group else "")
            if person.office:
                text += f"　{person.office}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, person.member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.member_id in chosen else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(_big_button(_("Tick all"), lambda: self._tick(True)))
        row.addWidget(_big_button(_("Untick all"), lambda: self._tick(False)))
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

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


# ----- recording a meeting --------------------------------------------------------------------------------


class MeetingDialog(QDialog):
    """Record a meeting (``detail`` None) or correct one. ``saved`` holds the result after Save."""

    def __init__(
        self,
        workspace: Workspace,
        detail: service.MeetingDetail | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        kind: str = "",
        party_group: str = "",
        open_dialog: Callable[[QDialog], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.detail = detail
        self.today = today or dt.date.today()
        self.saved: service.MeetingDetail | None = None
        self._open_dialog = open_dialog or (lambda dialog: dialog.exec())
        self.roster = service.roster_attendees(workspace)
        self.setWindowTitle(_("Record a meeting") if detail is None else _("Correct a meeting record"))
        self.resize(1180, 650)

        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        left = QVBoxLayout()
        columns.addLayout(left, 5)
        form = new_form_layout()
        self.kind = combo_with_codes([(c.code, c.label()) for c in MEETING_KIND])
        self.group = QComboBox()
        self.group.addItems(service.active_party_groups(workspace))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(qdate(self.today))
        self.date.setDate(qdate(self.today))
        self.time = QTimeEdit(QTime(9, 0))
        self.time.setDisplayFormat("HH:mm")
        when = QHBoxLayout()
        when.addWidget(self.date, 1)
        when.addWidget(self.time)
        when_widget = QWidget()
        when_widget.setLayout(when)
        when.setContentsMargins(0, 0, 0, 0)
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("e.g. the village Party service centre"))
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(_("e.g. studying the spirit of the Third Plenary Session"))
        names = [a.name for a in self.roster]
        self.presenter = self._name_edit(names)
        self.recorder = self._name_edit(names)
        self.rows: dict[str, FieldRow] = {}
        for key, label, editor, required in (
            ("kind", rules.field_label("kind"), self.kind, True),
            ("party_group", rules.field_label("party_group"), self.group, False),
            ("held_on", _("Date and time"), when_widget, True),
            ("place", rules.field_label("place"), self.place, False),
            ("topic", rules.field_label("topic"), self.topic, True),
            ("presenter", rules.field_label("presenter"), self.presenter, False),
            ("recorder", rules.field_label("recorder"), self.recorder, False),
        ):
            field_row = FieldRow(editor)
            self.rows[key] = field_row
            if key == "party_group":
                self.group_label = form_label(label)
                form.addRow(self.group_label, field_row)
            else:
                form.addRow(form_label(label, required), field_row)
        left.addLayout(form)
        left.addWidget(QLabel(_("Minutes (what was said and decided)")))
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("minutes")
        self.minutes.setPlaceholderText(
            _("One point per line, e.g.:\n1. The secretary conveyed …\n2. Members discussed …\n3. Decided: …")
        )
        left.addWidget(self.minutes, 1)

        right = QVBoxLayout()
        columns.addLayout(right, 6)
        right.addWidget(TitleLabel(_("Attendance"), factor=1.15))
        self.count_label = QLabel()
        self.count_label.setObjectName("attendanceCount")
        self.count_label.setFont(scaled_font(1.1, bold=True))
        self.count_label.setWordWrap(True)
        right.addWidget(self.count_label)
        self.attendance = AttendanceList()
        self.attendance.changed.connect(self._update_count)
        right.addWidget(self.attendance, 1)
        self.attendance_error = ErrorLabel()
        right.addWidget(self.attendance_error)
        tools = QHBoxLayout()
        tools.addWidget(_big_button(_("Everybody present"), self.attendance.set_all_present))
        self.expected_button = _big_button(_("Change who should attend…"), self.change_expected)
        tools.addWidget(self.expected_button)
        tools.addStretch(1)
        right.addLayout(tools)

        self.error_label = ErrorLabel()
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        if detail is not None:
            self._load(detail)
        else:
            if kind:
                select_code(self.kind, kind)
            if party_group and self.group.findText(party_group) >= 0:
                self.group.setCurrentText(party_group)
            self._reset_expected()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.group.currentIndexChanged.connect(self._reset_expected)
        self.date.dateChanged.connect(self._reset_expected)
        self._show_group()
        self._initial = self.values()

    def _name_edit(self, names: list[str]) -> QLineEdit:
        edit = QLineEdit()
        completer = QCompleter(names, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(completer)
        return edit

    # ----- who should attend ---------------------------------------------------------------------------

    @property
    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def _show_group(self) -> None:
        visible = rules.expected_scope(self.kind_code) == rules.EXPECT_GROUP and self.group.count() > 0
        self.group_label.setVisible(visible)
        self.rows["party_group"].setVisible(visible)

    def _kind_changed(self) -> None:
        self._show_group()
        self._reset_expected()

    def _group_code(self) -> str:
        if rules.expected_scope(self.kind_code) != rules.EXPECT_GROUP:
            return ""
        return self.group.currentText()

    def _reset_expected(self) -> None:
        """The default attendees of the kind (and group) as the branch was on the meeting's date, keeping
        the marks she gave; a mark still as first shown (外出 for a member then away, else 出席, no note)
        follows the date, so a meeting entered afterwards is pre-marked by who was away that day."""
        expected = service.expected_attendees(
            self.workspace, self.kind_code, self._group_code(), _pydate(self.date.date())
        )
        shown_away = {a.member_id: a.away for a in self.attendance.attendees}
        marks = {
            member_id: mark
            for member_id, mark in self.attendance.marks_by_member().items()
            if mark.note or mark.reason_code != (rules.AWAY if shown_away.get(member_id) else PRESENT)
        }
        self.attendance.set_attendees(expected, marks)
        if not expected and rules.expected_scope(self.kind_code) == rules.EXPECT_COMMITTEE:
            self.attendance_error.show_message(
                _(
                    "No member of the branch committee was found on the roster (office 书记, 副书记, 支部委员 …). "
                    "Use 'Change who should attend…' to tick them."
                )
            )
        else:
            self.attendance_error.show_message("")

    def change_expected(self) -> None:
        known = {a.member_id: a for a in self.roster}
        for person in self.attendance.attendees:  # members who have left since, on an old record
            known.setdefault(person.member_id, person)
        chosen = {a.member_id for a in self.attendance.attendees}
        dialog = ExpectedDialog(list(known.values()), chosen, self)
        if self._open_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        picked = dialog.chosen()
        marks = self.attendance.marks_by_member()
        self.attendance.set_attendees([known[i] for i in known if i in picked], marks)
        self.attendance_error.show_message("")

    def _update_count(self) -> None:
        count = rules.count_attendance(self.attendance.marks())
        self.count_label.setText(count.summary())

    # ----- loading and saving -----------------------------------------------------------------------------

    def _load(self, detail: service.MeetingDetail) -> None:
        m = detail.meeting
        select_code(self.kind, m.kind)
        if m.party_group:
            if self.group.findText(m.party_group) < 0:
                self.group.addItem(m.party_group)
            self.group.setCurrentText(m.party_group)
        self.date.setMaximumDate(qdate(max(self.today, m.held_on)))
        self.date.setDate(qdate(m.held_on))
        if m.start_time:
            self.time.setTime(QTime(m.start_time.hour, m.start_time.minute))
        self.place.setText(m.place)
        self.topic.setText(m.topic)
        self.presenter.setText(m.presenter)
        self.recorder.setText(m.recorder)
        self.minutes.setPlainText(m.minutes)
        on_roster = {a.member_id: a for a in self.roster}
        attendees = [
            on_roster.get(row.member_id)
            or service.Attendee(row.member_id, row.name, row.party_group, "", False, False)
            for row in detail.attendance
        ]
        self.attendance.set_attendees(attendees, {row.member_id: row.mark for row in detail.attendance})

    def values(self) -> dict[str, object]:
        time = self.time.time()
        return {
            "kind": self.kind_code,
            "party_group": self._group_code(),
            "held_on": _pydate(self.date.date()),
            "start_time": dt.time(time.hour(), time.minute()),
            "place": self.place.text(),
            "topic": self.topic.text(),
            "presenter": self.presenter.text(),
            "recorder": self.recorder.text(),
            "minutes": self.minutes.toPlainText(),
            "attendance": self.attendance.marks(),
        }

    def save(self) -> None:
        for row in self.rows.values():
            row.show_error("")
        self.attendance_error.show_message("")
        self.error_label.show_message("")
        try:
            if self.detail is None:
                self.saved = service.record_meeting(self.workspace, self.values(), today=self.today)
            else:
                self.saved = service.update_meeting(
                    self.workspace, self.detail.meeting.id, self.values(), today=self.today
                )
        except FieldErrors as error:
            rest = []
            for key, message in error.errors.items():
                if key in self.rows:
                    self.rows[key].show_error(message)
                elif key == "attendance":
                    self.attendance_error.show_message(message)
                else:
                    rest.append(message)
            self.error_label.show_message("；".join(rest))
            return
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.accept()

    def reject(self) -> None:
        """Closing with unsaved typing (the minutes above all) asks first: a slip must not lose them."""
        if self.values() != self._initial and not messages.confirm(
            self,
            _("What you typed has not been saved. Close the form without saving?"),
            yes_text=_("Close without saving"),
            no_text=_("Keep filling in"),
        ):
            return
        super().reject()


# ----- the democratic evaluation -------------------------------------------------------------------------


class EvaluationDialog(QDialog):
    """One member's 民主评议 for the year: self-assessment, votes per grade, the branch's final grade."""

    def __init__(
        self,
        workspace: Workspace,
        row: service.EvaluationRow,
        grades: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.grades = tuple(grades)
        self.saved: service.EvaluationRow | None = None
        self.setWindowTitle(_("Democratic evaluation {year}: {name}").format(year=row.year, name=row.name))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            TitleLabel(_("{name} — democratic evaluation {year}").format(name=row.name, year=row.year))
        )
        layout.addWidget(QLabel(_("Self-assessment (what the member said of their own year)")))
        self.self_assessment = QPlainTextEdit(row.self_assessment)
        layout.addWidget(self.self_assessment, 1)
        votes_box = QGroupBox(_("Votes per grade"))
        grid = QGridLayout(votes_box)
        self.votes: dict[str, QSpinBox] = {}
        for column, grade in enumerate(self.grades):
            grid.addWidget(QLabel(grade), 0, column, Qt.AlignmentFlag.AlignCenter)
            spin = QSpinBox()
            spin.setRange(0, 9999)
            spin.setValue(row.votes_for(grade))
            spin.setMinimumWidth(80)
            spin.valueChanged.connect(self._suggest)
            grid.addWidget(spin, 1, column)
            self.votes[grade] = spin
        layout.addWidget(votes_box)
        form = QFormLayout()
        self.grade = QComboBox()
        self.grade.addItem(_("(not decided yet)"), "")
        for grade in self.grades:
            self.grade.addItem(grade, grade)
        if row.grade and self.grade.findData(row.grade) < 0:
            self.grade.addItem(row.grade, row.grade)
        self.grade.setCurrentIndex(max(0, self.grade.findData(row.grade)))
        form.addRow(form_label(_("Final grade (decided by the branch)")), self.grade)
        layout.addLayout(form)
        self.suggestion = QLabel()
        self.suggestion.setStyleSheet("color: #555;")
        layout.addWidget(self.suggestion)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._suggest()

    def _suggest(self) -> None:
        leading = rules.leading_grade([(g, spin.value()) for g, spin in self.votes.items()])
        self.suggestion.setText(
            _("Most votes: {grade}. The branch decides the final grade.").format(grade=leading)
            if leading
            else ""
        )

    def save(self) -> None:
        try:
            self.saved = service.save_evaluation(
                self.workspace,
                self.row.year,
                self.row.member_id,
                self.self_assessment.toPlainText(),
                {g: spin.value() for g, spin in self.votes.items()},
                str(self.grade.currentData() or ""),
            )
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.accept()


# ----- the tabs ----------------------------------------------------------------------------------------------


class MeetingsTab(QWidget):
    """The year's meetings, newest first, with the selected one's record beside the list."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        layout = QVBoxLayout(self)
        self.due_label = QLabel()
        self.due_label.setObjectName("dueMeetings")
        self.due_label.setWordWrap(True)
        self.due_label.setStyleSheet("color: #a35c00;")
        layout.addWidget(self.due_label)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Year")))
        self.year = QComboBox()
        self.year.setMinimumWidth(110)
        self.year.currentIndexChanged.connect(self.reload)
        bar.addWidget(self.year)
        bar.addSpacing(16)
        self.add_button = _big_button(_("Record a meeting…"), lambda: self.add_meeting(), primary=True)
        bar.addWidget(self.add_button)
        self.edit_button = _big_button(_("Correct…"), self.edit_meeting)
        bar.addWidget(self.edit_button)
        self.print_button = _big_button(_("Print the meeting record…"), self.print_minutes)
        bar.addWidget(self.print_button)
        self.pdf_button = _big_button(_("Save as PDF…"), self.save_minutes)
        self.pdf_button.setToolTip(_("Save the meeting record as a PDF file"))
        bar.addWidget(self.pdf_button)
        self.delete_button = _big_button(_("Delete…"), self.delete_meeting)
        bar.addWidget(self.delete_button)
        bar.addStretch(1)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = data_table(
            [_("Date"), _("Kind of meeting"), _("Meeting topic"), _("Present / expected")], word_wrap=False
        )
        self.table.setObjectName("meetings")
        _fit_columns(self.table, stretch=2)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.table.doubleClicked.connect(self.edit_meeting)
        splitter.addWidget(self.table)
        self.record = QTextBrowser()
        self.record.setObjectName("meetingRecord")
        self.record.setOpenLinks(False)
        splitter.addWidget(self.record)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.meetings: list[service.MeetingInfo] = []

    def refresh_years(self) -> None:
        current = self.year.currentData()
        years = service.meeting_years(self.workspace)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        position = self.year.findData(current) if current is not None else 0
        self.year.setCurrentIndex(max(0, position))
        self.year.blockSignals(False)

    def reload(self) -> None:
        today = self.page.today or dt.date.today()
        due = service.meetings_due(self.workspace, today)
        self.due_label.setText(
            due_strip(due) or _("Every meeting due this month, quarter and year has been held.")
        )
        year = self.year.currentData()
        selected = selected_data(self.table)
        self.meetings = list(reversed(service.list_meetings(self.workspace, year)))
        self.table.setRowCount(len(self.meetings))
        for row, m in enumerate(self.meetings):
            day = m.held_on.isoformat() + (f" {m.start_time:%H:%M}" if m.start_time else "")
            count = m.count
            attendance = _("{present} of {expected}").format(present=count.present, expected=count.expected)
            self.table.setItem(row, 0, table_item(day, m.id))
            self.table.setItem(row, 1, table_item(m.kind_label))
            self.table.setItem(row, 2, table_item(m.topic))
            self.table.setItem(row, 3, table_item(attendance))
        if selected is not None:
            select_by_data(self.table, selected)
        if selected_data(self.table) is None and self.meetings:
            self.table.selectRow(0)
        self.show_selected()

    def selected_id(self) -> int | None:
        return selected_data(self.table)

    def show_selected(self) -> None:
        meeting_id = self.selected_id()
        for button in (self.edit_button, self.print_button, self.pdf_button, self.delete_button):
            button.setEnabled(meeting_id is not None)
        if meeting_id is None:
            self.record.setHtml(
                "<p style='color:#555'>"
                + html.escape(_("No meeting recorded in this year yet. Click 'Record a meeting…'."))
                + "</p>"
            )
            return
        detail = service.get_meeting(self.workspace, meeting_id)
        self.record.setHtml(record_html(detail))

    def add_meeting(self, kind: str = "", party_group: str = "") -> None:
        """记录会议…, with the kind (and Party group) already chosen when a line about a meeting due asks."""
        dialog = MeetingDialog(
            self.workspace,
            None,
            self,
            today=self.page.today,
            kind=kind,
            party_group=party_group,
            open_dialog=self.page.open_dialog,
        )
        if self.page.open_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self._saved(dialog.saved)

    def edit_meeting(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        detail = service.get_meeting(self.workspace, meeting_id)
        dialog = MeetingDialog(
            self.workspace, detail, self, today=self.page.today, open_dialog=self.page.open_dialog
        )
        if self.page.open_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self._saved(dialog.saved)

    def _saved(self, detail: service.MeetingDetail) -> None:
        self.refresh_years()
        position = self.year.findData(detail.meeting.held_on.year)
        self.year.setCurrentIndex(max(0, position))
        self.reload()
        select_by_data(self.table, detail.meeting.id)
        self.page.data_changed.emit()

    def delete_meeting(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        detail = service.get_meeting(self.workspace, meeting_id)
        m = detail.meeting
        question = _(
            "Delete the record of the {kind} of {date} ({topic})? Only do this for a record made by mistake."
        ).format(kind=m.kind_label, date=format_date(m.held_on, "long"), topic=m.topic)
        if not messages.confirm(self, question, _("Delete")):
            return
        try:
            service.delete_meeting(self.workspace, meeting_id)
        except AppError as error:
            _show_error(self, error)
            return
        self.reload()
        self.page.data_changed.emit()

    def _file_name(self, meeting_id: int) -> str:
        m = service.get_meeting(self.workspace, meeting_id).meeting
        return _("meeting-record-{date}-{kind}.pdf").format(
            date=m.held_on.isoformat(), kind=_safe_file_part(MEETING_KIND.label(m.kind))
        )

    def print_minutes(self) -> None:
        """The 会议记录 through the printer dialog."""
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        try:
            data = service.minutes_pdf_bytes(self.workspace, meeting_id)
        except AppError as error:
            _show_error(self, error)
            return
        printing.print_pdf(self, data, name=self._file_name(meeting_id).removesuffix(".pdf"))

    def save_minutes(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        path = _save_path(self, self._file_name(meeting_id))
        if path is None:
            return
        try:
            service.export_minutes(self.workspace, meeting_id, path)
        except AppError as error:
            _show_error(self, error)
            return
        messages.info(self, _("The meeting record was saved as {path}.").format(path=path))


def record_html(detail: service.MeetingDetail) -> str:
    """The selected meeting as the side panel shows it."""
    m = detail.meeting
    esc = html.escape
    rows = [
        (_("Kind of meeting"), m.kind_label),
        (_("Time"), m.when_text),
        (rules.field_label("place"), m.place),
        (rules.field_label("presenter"), m.presenter),
        (rules.field_label("recorder"), m.recorder),
        (rules.field_label("topic"), m.topic),
        (_("Attendance"), m.count.summary()),
    ]
    absent = "、".join(f"{a.name}（{a.reason_text}）" for a in detail.absent) or _("None")
    rows.append((_("Absent members and reasons"), absent))
    parts = ["<table cellspacing='0' cellpadding='4'>"]
    for label, value in rows:
        parts.append(
            f"<tr><td style='color:#555' valign='top'>{esc(label)}</td><td>{esc(value or '—')}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<h3>{esc(rules.field_label('minutes'))}</h3>")
    if m.minutes.strip():
        parts.extend(f"<p>{esc(line)}</p>" for line in m.minutes.splitlines() if line.strip())
    else:
        parts.append(f"<p style='color:#555'>{esc(_('No minutes written yet.'))}</p>")
    return "".join(parts)


class EvaluationTab(QWidget):
    """民主评议党员: the year's sheet, one line per member; a double click fills in a member's evaluation."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.rows: list[service.EvaluationRow] = []
        self.grades: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Year")))
        self.year = QSpinBox()
        this_year = dt.date.today().year
        self.year.setRange(2000, this_year + 1)
        self.year.setValue(this_year)
        self.year.setMinimumWidth(100)
        self.year.valueChanged.connect(self.reload)
        bar.addWidget(self.year)
        bar.addSpacing(16)
        self.edit_button = _big_button(_("Fill in the evaluation…"), self.edit_row, primary=True)
        bar.addWidget(self.edit_button)
        self.print_button = _big_button(_("Print the results…"), self.print_results)
        bar.addWidget(self.print_button)
        self.pdf_button = _big_button(_("Save as PDF…"), self.save_results)
        self.pdf_button.setToolTip(_("Save the evaluation results as a PDF file"))
        bar.addWidget(self.pdf_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.status = QLabel()
        self.status.setObjectName("evaluationStatus")
        layout.addWidget(self.status)
        self.table = data_table([], word_wrap=False)
        self.table.setObjectName("evaluations")
        self.table.doubleClicked.connect(self.edit_row)
        layout.addWidget(self.table, 1)
        hint = QLabel(
            _("Each member: self-assessment, then the votes per grade, then the branch's final grade.")
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def reload(self) -> None:
        year = self.year.value()
        selected = selected_data(self.table)
        self.grades = service.evaluation_grades(self.workspace)
        self.rows = service.evaluation_sheet(self.workspace, year)
        headers = [
            _("Name"),
            _("Party group"),
            _("Self-assessment"),
            *(_("{grade} votes").format(grade=g) for g in self.grades),
            _("Final grade"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        _fit_columns(self.table, stretch=2)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            name = row.name if row.on_roster else _("{name} (no longer on the roster)").format(name=row.name)
            self.table.setItem(r, 0, table_item(name, row.member_id))
            self.table.setItem(r, 1, table_item(row.party_group))
            first_line = row.self_assessment.splitlines()[0] if row.self_assessment else ""
            self.table.setItem(r, 2, table_item(first_line))
            for c, grade in enumerate(self.grades, start=3):
                self.table.setItem(
                    r, c, table_item(str(row.votes_for(grade)) if row.recorded else "", center=True)
                )
            self.table.setItem(r, 3 + len(self.grades), table_item(row.grade or "—", center=True))
        graded = sum(1 for row in self.rows if row.grade)
        self.status.setText(
            _("{year}: {graded} of {count} members have a final grade.").format(
                year=year, graded=graded, count=len(self.rows)
            )
        )
        if selected is not None:
            select_by_data(self.table, selected)

    def edit_row(self) -> None:
        member_id = selected_data(self.table)
        if member_id is None:
            messages.info(self, _("First click a member in the list."))
            return
        row = next(r for r in self.rows if r.member_id == member_id)
        dialog = EvaluationDialog(self.workspace, row, self.grades, self)
        if self.page.open_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.reload()
            self.page.data_changed.emit()

    def print_results(self) -> None:
        """The year's 民主评议 results through the printer dialog."""
        year = self.year.value()
        try:
            data = service.evaluation_pdf_bytes(self.workspace, year)
        except AppError as error:
            _show_error(self, error)
            return
        name = _("democratic-evaluation-{year}.pdf").format(year=year).removesuffix(".pdf")
        printing.print_pdf(self, data, name=name)

    def save_results(self) -> None:
        year = self.year.value()
        path = _save_path(self, _("democratic-evaluation-{year}.pdf").format(year=year))
        if path is None:
            return
        try:
            service.export_evaluation(self.workspace, year, path)
        except AppError as error:
            _show_error(self, error)
            return
        messages.info(self, _("The results were saved as {path}.").format(path=path))


class TimelineTab(QWidget):
    """One member's history: meetings attended and missed, dues, posts, time away, evaluations, status."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Member")))
        self.member = QComboBox()
        self.member.setEditable(True)
        self.member.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.member.setMinimumWidth(260)
        self.member.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.member.currentIndexChanged.connect(self._show)
        bar.addWidget(self.member)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = data_table([_("Date"), _("Kind"), _("What happened")], word_wrap=False)
        self.table.setObjectName("timeline")
        _fit_columns(self.table, stretch=2)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        current = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        for person in service.roster_attendees(self.workspace):
            label = person.name + (f"（{person.party_group}）" if person.party_group else "")
            self.member.addItem(label, person.member_id)
        position = self.member.findData(current) if current is not None else 0
        self.member.setCurrentIndex(max(0, position))
        self.member.blockSignals(False)
        self._show()

    def show_member(self, member_id: int) -> None:
        """Pick a member and show their history."""
        position = self.member.findData(member_id)
        if position >= 0:
            self.member.blockSignals(True)
            self.member.setCurrentIndex(position)
            self.member.blockSignals(False)
        self._show()

    def _show(self) -> None:
        member = self.member.currentData()
        if member is None:
            self.table.setRowCount(0)
            return
        try:
            entries = service.member_timeline(self.workspace, int(member))
        except AppError as error:
            _show_error(self, error)
            return
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            self.table.setItem(row, 0, table_item(entry.day.isoformat() if entry.day else ""))
            self.table.setItem(row, 1, table_item(entry.kind_label))
            self.table.setItem(row, 2, table_item(entry.text))


class SettingsTab(QWidget):
    """How often each kind of meeting is due, and the grades of the democratic evaluation."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        # The settings scroll within the tab when the text is large, so that this tab, the tallest,
        # does not make the whole page taller than the other tabs need (and squeeze the note below).
        content = QWidget()
        layout = QVBoxLayout(content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)  # the tab's own background shows, as before
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        box = QGroupBox(_("How often each kind of meeting is held"))
        box_layout = QVBoxLayout(box)
        # Two columns side by side (三会一课 on the left, the others on the right), not seven rows one
        # under the other: at the standard text size the whole tab fits a 1366×768 screen.
        columns = QHBoxLayout()
        columns.setSpacing(40)
        kinds = list(MEETING_KIND)
        half = (len(kinds) + 1) // 2
        self.frequency: dict[str, QComboBox] = {}
        for part in (kinds[:half], kinds[half:]):
            form = new_form_layout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for choice in part:
                combo = combo_with_codes([(c.code, c.label()) for c in FREQUENCY])
                self.frequency[choice.code] = combo
                form.addRow(form_label(choice.label()), combo)
            columns.addLayout(form)
        columns.addStretch(1)
        box_layout.addLayout(columns)
        note = QLabel(
            _(
                "The 2018 branch work regulations: members' meeting quarterly, committee and Party group "
                "monthly, theme Party day monthly, organisation life meeting yearly. Quarterly Party "
                "lectures are common local practice."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        box_layout.addWidget(note)
        layout.addWidget(box)
        grades_box = QGroupBox(_("Grades of the democratic evaluation"))
        grades_layout = QVBoxLayout(grades_box)
        self.grades = QLineEdit()
        grades_layout.addWidget(self.grades)
        grades_layout.addWidget(QLabel(_("Best first, separated by 、")))
        layout.addWidget(grades_box)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addWidget(_big_button(_("Save the settings"), self.save, primary=True))
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def reload(self) -> None:
        table = service.frequencies(self.workspace)
        for kind, combo in self.frequency.items():
            select_code(combo, table.get(kind, rules.NOT_REQUIRED))
        self.grades.setText("、".join(service.evaluation_grades(self.workspace)))
        self.error_label.show_message("")

    def save(self) -> None:
        try:
            for kind, combo in self.frequency.items():
                service.set_frequency(self.workspace, kind, str(combo.currentData()))
            service.set_evaluation_grades(self.workspace, self.grades.text())
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.error_label.show_message("")
        messages.info(self, _("The settings were saved."))
        self.page.data_changed.emit()


# ----- the page ---------------------------------------------------------------------------------------------


class MeetingsPage(QWidget):
    """组织生活. ``data_changed`` is emitted after every change (the home page's list depends on it);
    ``dialog_opened`` is emitted with each dialog just before it is shown (tests drive it)."""

    data_changed = Signal()
    dialog_opened = Signal(object)
    TAB_MEETINGS, TAB_EVALUATION, TAB_TIMELINE, TAB_SETTINGS = range(4)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.require_branch()
        self.today: dt.date | None = None  # None: the real today (tests may fix the day)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(TitleLabel(_("Organisation life")))
        self.tabs = QTabWidget()
        self.meetings_tab = MeetingsTab(self)
        self.evaluation_tab = EvaluationTab(self)
        self.timeline_tab = TimelineTab(self)
        self.settings_tab = SettingsTab(self)
        self.tabs.addTab(self.meetings_tab, _("Meetings"))
        self.tabs.addTab(self.evaluation_tab, _("Democratic evaluation"))
        self.tabs.addTab(self.timeline_tab, _("Member history"))
        self.tabs.addTab(self.settings_tab, _("Settings"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self._loaded: set[int] = set()
        self.meetings_tab.refresh_years()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def refresh(self) -> None:
        """After a restore: read everything again."""
        self.reload()

    def reload(self) -> None:
        """Read the current tab again (the others are read when they are shown)."""
        self._loaded.clear()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        if index in self._loaded:
            return
        self._loaded.add(index)
        try:
            if index == self.TAB_MEETINGS:
                self.meetings_tab.refresh_years()
                self.meetings_tab.reload()
            elif index == self.TAB_EVALUATION:
                self.evaluation_tab.reload()
            elif index == self.TAB_TIMELINE:
                self.timeline_tab.reload()
            elif index == self.TAB_SETTINGS:
                self.settings_tab.reload()
        except AppError as error:
            _show_error(self, error)

    def open_dialog(self, dialog: QDialog) -> int:
        self.dialog_opened.emit(dialog)
        return dialog.exec()

    def show_meetings(self, year: int | None = None) -> None:
        """The 会议记录 tab on ``year`` (default this year; the newest year listed if it has none), read
        afresh: the meetings still due above it, the year's meetings below."""
        year = year or (self.today or dt.date.today()).year
        tab = self.meetings_tab
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentIndex(self.TAB_MEETINGS)
        self._loaded.add(self.TAB_MEETINGS)
        try:
            tab.refresh_years()
            with QSignalBlocker(tab.year):
                tab.year.setCurrentIndex(max(0, tab.year.findData(year)))
            tab.reload()
        except AppError as error:
            _show_error(self, error)

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A meeting line of the home page: the 会议记录 tab on the year of ``as_of`` (the day the home page
        read its list), whatever tab was shown before; for a meeting still due (not the heading), 记录会议
        opens on it with its kind (and Party group) already chosen."""
        self.show_meetings(as_of.year if as_of else None)
        due = getattr(item, "meeting", None)
        if due is not None:
            self.meetings_tab.add_meeting(kind=due.kind, party_group=due.party_group)
        return True

    def show_member(self, member_id: int) -> None:
        """Open a member's history (e.g. from the roster)."""
        self.tabs.setCurrentIndex(self.TAB_TIMELINE)
        self.timeline_tab.reload()
        self.timeline_tab.show_member(member_id)

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(1100, 700)
