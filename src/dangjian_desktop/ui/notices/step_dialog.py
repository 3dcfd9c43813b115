"""The next step of a major matter (四议两公开): its meeting's date, attendance and votes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import major_matters as matter_rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.notices.common import BAD_COLOR, GOOD_COLOR, WAIT_COLOR
from dangjian_desktop.ui.widgets.forms import (
    TitleLabel,
    dialog_buttons,
    form_label,
    new_form_layout,
)
from dangjian_desktop.ui.widgets.kit import date_edit, to_date


class StepDialog(QDialog):
    """The next step of a matter: its meeting's date, attendance and votes, with the outcome — and what
    recording it does to the matter — shown as the numbers are typed. Only the step that is due can be
    recorded. The 党员大会 step can be a 支部党员大会 already recorded in 组织生活."""

    def __init__(
        self, workspace: Workspace, matter: matters_service.MatterInfo, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.matter = matter
        self.recorded: tuple[matters_service.MatterInfo, matters_service.StepInfo] | None = None
        code = matter.next_step or matter_rules.PROPOSE
        self.step = matter_rules.step(code)
        self.setWindowTitle(_("Record a step"))
        self.date_edit = date_edit(dt.date.today())
        self.spins: dict[str, QSpinBox] = {}
        form = new_form_layout()
        step_text = self.step.label()
        if self.step.name != step_text:
            step_text += f"（{self.step.name}）"
        form.addRow(form_label(_("Step")), QLabel(step_text))
        self.meeting_combo = QComboBox()
        self.meeting_combo.addItem(_("Not from the organisation life (type the numbers)"), None)
        if code == matter_rules.REVIEW:
            for meeting in matters_service.members_meetings(workspace):
                self.meeting_combo.addItem(meeting.describe(), meeting)
            if self.meeting_combo.count() > 1:
                form.addRow(form_label(_("Members' meeting held")), self.meeting_combo)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_chosen)
        form.addRow(form_label(_("Meeting date")), self.date_edit)
        for key, label in (
            ("expected", _("Expected to attend")),
            ("present", _("Present")),
            ("votes_for", _("For")),
            ("against", _("Against")),
            ("abstain", _("Abstaining")),
        ):
            spin = QSpinBox()
            spin.setRange(0, 100000)
            spin.valueChanged.connect(lambda _v: self._update())
            self.spins[key] = spin
            form.addRow(form_label(label), spin)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("Opinions raised at the meeting (optional)"))
        self.text_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        form.addRow(form_label(_("Notes")), self.text_edit)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        buttons = dialog_buttons(self, _("Record"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(matter.title, factor=1.15))
        if any(s.step == code for s in matter.adjourned_meetings):
            again = QLabel(_("This meeting is convened again: last time too few people were present."))
            again.setWordWrap(True)
            layout.addWidget(again)
        layout.addLayout(form)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.outcome_label)
        layout.addWidget(buttons)
        # 应到: the members on the roster for the 党员大会; for the other bodies, as many as last time
        expected = matters_service.usual_expected(workspace, code)
        if code == matter_rules.REVIEW:
            expected = matters_service.expected_members(workspace) or expected
        self.spins["expected"].setValue(expected or 0)
        self._update()

    def vote(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def chosen_meeting(self) -> matters_service.MembersMeeting | None:
        return self.meeting_combo.currentData()

    def _meeting_chosen(self, _index: int) -> None:
        meeting = self.chosen_meeting()
        if meeting is None:
            return
        self.date_edit.setDate(QDate(meeting.held_on.year, meeting.held_on.month, meeting.held_on.day))
        self.spins["expected"].setValue(meeting.expected)
        self.spins["present"].setValue(meeting.present)

    def _outcome(self) -> matter_rules.Outcome | None:
        try:
            return matter_rules.decide(self.step.code, matter_rules.validate_vote(self.vote()))
        except FieldErrors:
            return None

    def _update(self) -> None:
        values = self.vote()
        expected = values["expected"]
        if expected < 1:
            self.rule_label.setText(_("Enter how many are expected at the meeting."))
            self.outcome_label.setText("")
            return
        self.rule_label.setText(
            _(
                "At least {needed} of the {expected} must be present; it passes with more than {half} votes for."
            ).format(
                needed=matter_rules.required_present(self.step.code, expected),
                expected=expected,
                half=expected // 2,
            )
        )
        try:
            vote = matter_rules.validate_vote(values)
        except FieldErrors as error:
            self.outcome_label.setStyleSheet(f"color: {BAD_COLOR};")
            self.outcome_label.setText("；".join(error.errors.values()))
            return
        outcome = matter_rules.decide(self.step.code, vote)
        colour = GOOD_COLOR if outcome.passed else WAIT_COLOR if outcome.adjourned else BAD_COLOR
        self.outcome_label.setStyleSheet(f"color: {colour};")
        self.outcome_label.setText(outcome.explain(self.step.code, vote))

    def save(self) -> None:
        outcome = self._outcome()
        if outcome is not None and outcome.ends_matter:
            asked = _(
                "The vote did not pass. Once this is recorded the matter “{title}” ends: no later step can be "
                "recorded, and it cannot be undone. To take the matter up again, start it anew.\n\n"
                "Record the failed vote?"
            ).format(title=self.matter.title)
            if not messages.confirm(self, asked, _("Record: not passed"), _("Go back")):
                return
        meeting = self.chosen_meeting()
        try:
            self.recorded = matters_service.record_step(
                self.workspace,
                self.matter.id,
                self.step.code,
                to_date(self.date_edit.date()),
                self.vote(),
                self.text_edit.toPlainText(),
                meeting_id=meeting.id if meeting else None,
            )
        except FieldErrors as error:
            self.outcome_label.setStyleSheet(f"color: {BAD_COLOR};")
            self.outcome_label.setText("；".join(error.errors.values()))
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()
