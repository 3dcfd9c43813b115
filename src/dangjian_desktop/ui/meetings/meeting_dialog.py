"""Recording a meeting, or correcting one: kind, date and time, place, topic, who chaired and who took the
minutes on the left with the minutes below; the attendance checklist on the right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.meetings import MEETING_KIND
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.meetings.attendance_list import AttendanceList
from dangjian_desktop.ui.meetings.common import PRESENT
from dangjian_desktop.ui.meetings.expected_dialog import ExpectedDialog
from dangjian_desktop.ui.widgets.forms import (
    ErrorLabel,
    FieldRow,
    TitleLabel,
    combo_with_codes,
    dialog_buttons,
    form_label,
    new_form_layout,
    select_code,
)
from dangjian_desktop.ui.widgets.kit import action_button, confirm_discard, to_date
from dangjian_desktop.ui.widgets.tables import qdate
from dangjian_desktop.ui.widgets.text_size import scaled_font


def _name_edit(names: list[str]) -> QLineEdit:
    """A name box that offers the roster's names as she types."""
    edit = QLineEdit()
    completer = QCompleter(names, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    return edit


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
        columns.addLayout(self._details_column(), 5)
        columns.addLayout(self._attendance_column(), 6)
        self.error_label = ErrorLabel()
        outer.addWidget(self.error_label)
        buttons = dialog_buttons(self, _("Save"), self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        outer.addWidget(buttons)

        if detail is not None:
            self._load(detail)
        else:
            self._preset(kind, party_group)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.group.currentIndexChanged.connect(self._reset_expected)
        self.date.dateChanged.connect(self._reset_expected)
        self._show_group()
        self._initial = self.values()

    # ----- building the form ---------------------------------------------------------------------------

    def _details_column(self) -> QVBoxLayout:
        """The form (kind, Party group, date and time, place, topic, chair, recorder) and the minutes."""
        left = QVBoxLayout()
        form = new_form_layout()
        self.kind = combo_with_codes([(c.code, c.label()) for c in MEETING_KIND])
        self.group = QComboBox()
        self.group.addItems(service.active_party_groups(self.workspace))
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("e.g. the village Party service centre"))
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(_("e.g. studying the spirit of the Third Plenary Session"))
        names = [a.name for a in self.roster]
        self.presenter = _name_edit(names)
        self.recorder = _name_edit(names)
        self.rows: dict[str, FieldRow] = {}
        for key, label, editor, required in (
            ("kind", rules.field_label("kind"), self.kind, True),
            ("party_group", rules.field_label("party_group"), self.group, False),
            ("held_on", _("Date and time"), self._when_widget(), True),
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
        return left

    def _when_widget(self) -> QWidget:
        """The date (not after today: a meeting is recorded once held) and the starting time."""
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
        return when_widget

    def _attendance_column(self) -> QVBoxLayout:
        """The count, the checklist, its error line and the tools to mark everybody or change who."""
        right = QVBoxLayout()
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
        action_button(_("Everybody present"), self.attendance.set_all_present, tools)
        action_button(_("Change who should attend…"), self.change_expected, tools)
        tools.addStretch(1)
        right.addLayout(tools)
        return right

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
            self.workspace, self.kind_code, self._group_code(), to_date(self.date.date())
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

    def _preset(self, kind: str, party_group: str) -> None:
        """A new record: the kind (and Party group) asked for, if any, and who is expected at it."""
        if kind:
            select_code(self.kind, kind)
        if party_group and self.group.findText(party_group) >= 0:
            self.group.setCurrentText(party_group)
        self._reset_expected()

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
            "held_on": to_date(self.date.date()),
            "start_time": dt.time(time.hour(), time.minute()),
            "place": self.place.text(),
            "topic": self.topic.text(),
            "presenter": self.presenter.text(),
            "recorder": self.recorder.text(),
            "minutes": self.minutes.toPlainText(),
            "attendance": self.attendance.marks(),
        }

    def save(self) -> None:
        self._show_errors({})
        try:
            if self.detail is None:
                self.saved = service.record_meeting(self.workspace, self.values(), today=self.today)
            else:
                self.saved = service.update_meeting(
                    self.workspace,
                    self.detail.meeting.id,
                    self.values(),
                    today=self.today,
                    expected_version=self.detail.meeting.version,  # as this form read it
                )
        except FieldErrors as error:
            self._show_errors(error.errors)
            return
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.accept()

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message under its field, the attendance's under the checklist, the rest at the bottom."""
        for key, row in self.rows.items():
            row.show_error(errors.get(key, ""))
        self.attendance_error.show_message(errors.get("attendance", ""))
        rest = [message for key, message in errors.items() if key not in self.rows and key != "attendance"]
        self.error_label.show_message("；".join(rest))

    def reject(self) -> None:
        """Closing with unsaved typing (the minutes above all) asks first: a slip must not lose them."""
        if self.values() != self._initial and not confirm_discard(self):
            return
        super().reject()
