"""The 会议记录 tab: the meetings still due above, the year's meetings (newest first) with the selected
one's record beside them; record, correct, print, save as PDF and delete."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.meetings import MEETING_KIND
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.meetings.common import (
    MeetingsHost,
    primary_button,
    print_document,
    safe_file_part,
    save_document,
)
from dangjian_desktop.ui.meetings.meeting_dialog import MeetingDialog
from dangjian_desktop.ui.widgets.kit import Tab, action_button, show_error, stretch_column
from dangjian_desktop.ui.widgets.tables import data_table, select_by_data, selected_data, table_item


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
        parts.append("<p style='color:#555'>" + esc(_("No minutes written yet.")) + "</p>")
    return "".join(parts)


class MeetingsTab(Tab):
    """The year's meetings, newest first, with the selected one's record beside the list."""

    def __init__(self, workspace: Workspace, host: MeetingsHost, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.host = host
        layout = QVBoxLayout(self)
        self.due_label = QLabel()
        self.due_label.setObjectName("dueMeetings")
        self.due_label.setWordWrap(True)
        self.due_label.setStyleSheet("color: #a35c00;")
        layout.addWidget(self.due_label)
        layout.addLayout(self._button_bar())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = data_table(
            [_("Date"), _("Kind of meeting"), _("Meeting topic"), _("Present / expected")], word_wrap=False
        )
        self.table.setObjectName("meetings")
        stretch_column(self.table, 2)
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

    def _button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Year")))
        self.year = QComboBox()
        self.year.setMinimumWidth(110)
        self.year.currentIndexChanged.connect(self.reload)
        bar.addWidget(self.year)
        bar.addSpacing(16)
        self.add_button = primary_button(_("Record a meeting…"), lambda: self.add_meeting())
        bar.addWidget(self.add_button)
        self.edit_button = action_button(_("Correct…"), self.edit_meeting, bar)
        self.print_button = action_button(_("Print the meeting record…"), self.print_minutes, bar)
        self.pdf_button = action_button(_("Save as PDF…"), self.save_minutes, bar)
        self.pdf_button.setToolTip(_("Save the meeting record as a PDF file"))
        self.delete_button = action_button(_("Delete…"), self.delete_meeting, bar)
        bar.addStretch(1)
        return bar

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
        today = self.host.today or dt.date.today()
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
            today=self.host.today,
            kind=kind,
            party_group=party_group,
            open_dialog=self.host.open_dialog,
        )
        if self.host.open_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self._saved(dialog.saved)

    def edit_meeting(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        detail = service.get_meeting(self.workspace, meeting_id)
        dialog = MeetingDialog(
            self.workspace, detail, self, today=self.host.today, open_dialog=self.host.open_dialog
        )
        if self.host.open_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self._saved(dialog.saved)

    def _saved(self, detail: service.MeetingDetail) -> None:
        self.refresh_years()
        position = self.year.findData(detail.meeting.held_on.year)
        self.year.setCurrentIndex(max(0, position))
        self.reload()
        select_by_data(self.table, detail.meeting.id)
        self.changed.emit()

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
            show_error(self, error)
            return
        self.reload()
        self.changed.emit()

    def _file_name(self, meeting_id: int) -> str:
        m = service.get_meeting(self.workspace, meeting_id).meeting
        return _("meeting-record-{date}-{kind}.pdf").format(
            date=m.held_on.isoformat(), kind=safe_file_part(MEETING_KIND.label(m.kind))
        )

    def print_minutes(self) -> None:
        """The 会议记录 through the printer dialog."""
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        print_document(
            self,
            lambda: service.minutes_pdf_bytes(self.workspace, meeting_id),
            lambda: self._file_name(meeting_id).removesuffix(".pdf"),
        )

    def save_minutes(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        save_document(
            self,
            self._file_name(meeting_id),
            lambda path: service.export_minutes(self.workspace, meeting_id, path),
            _("The meeting record was saved as {path}."),
        )
