"""党务公开: public notices for the notice board, in four tabs.

公告 (the archive: every notice with its period and whether it is on the board; 新建 from a template, change a
draft, 发布 with the privacy check said in words, preview, print through the printer dialog or save the PDF,
张贴/撤下 dates, 更正/撤回 as a new notice) → 四议两公开 (major matters and their steps in order; the step
dialog with attendance and votes; the 决议公开 and 实施结果公开 notices) → 核验 (number and check code: genuine
or not) → 设置 (public phones, periods, holidays, what the QR code holds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPixmap, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import major_matters as matter_rules
from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.notice_texts import STAGES, Candidate
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import notices as service
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.forms import FieldRow, TitleLabel, form_label, new_form_layout
from dangjian_desktop.ui.widgets.tables import (
    big_button,
    data_table,
    qdate,
    select_by_data,
    selected_data,
    table_item,
)
from dangjian_desktop.ui.widgets.text_size import keep_fitted

GOOD_COLOR = "#1a7f37"
BAD_COLOR = "#c00000"
WAIT_COLOR = "#9a6700"  # a meeting without its quorum: to be convened again


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _show_error(parent: QWidget, error: BaseException) -> None:
    if isinstance(error, AppError):
        messages.error(parent, error.message)
        return
    raise error


def render_pages(data: bytes, width: int) -> list[QImage]:
    """The pages of a PDF as images ``width`` pixels wide (pypdfium2), for the preview."""
    import pypdfium2

    images = []
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=width / page.get_width(), rev_byteorder=True)
            images.append(
                QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                ).copy()
            )
            page.close()
    finally:
        document.close()
    return images


# ----- dialogs ----------------------------------------------------------------------------------------------


class CandidateForm(QWidget):
    """The person a 发展党员公示 is about: only what the notice shows (no ID number, phone or address)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_combo = QComboBox()
        for code, name in STAGES.items():
            self.stage_combo.addItem(name, code)
        self.stage_combo.setCurrentIndex(1)
        self.name_edit = QLineEdit()
        self.sex_combo = QComboBox()
        self.sex_combo.addItems(["男", "女"])
        self.birth_year = QSpinBox()
        self.birth_year.setRange(1930, dt.date.today().year)
        self.birth_year.setValue(1995)
        self.education_edit = QLineEdit()
        self.education_edit.setPlaceholderText(_("e.g. 高中"))
        self.occupation_edit = QLineEdit()
        self.occupation_edit.setPlaceholderText(_("e.g. 农民"))
        today = dt.date.today()
        self.dates: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(form_label(_("Stage")), self.stage_combo)
        form.addRow(form_label(_("Name"), required=True), self.name_edit)
        form.addRow(form_label(_("Sex")), self.sex_combo)
        form.addRow(form_label(_("Year of birth")), self.birth_year)
        form.addRow(form_label(_("Education")), self.education_edit)
        form.addRow(form_label(_("Occupation")), self.occupation_edit)
        for key, label in (
            ("applied_on", _("Applied to join")),
            ("activist_on", _("Became an activist")),
            ("development_on", _("Became a development object")),
        ):
            check = QCheckBox()
            edit = _date_edit(today)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(form_label(label), row)
            self.dates[key] = (check, edit)

    def candidate(self) -> Candidate:
        dates = {
            key: _pydate(edit.date()) if check.isChecked() else None
            for key, (check, edit) in self.dates.items()
        }
        return Candidate(
            stage=str(self.stage_combo.currentData()),
            name=self.name_edit.text().strip(),
            sex=self.sex_combo.currentText(),
            birth_year=self.birth_year.value(),
            education=self.education_edit.text().strip(),
            occupation=self.occupation_edit.text().strip(),
            **dates,
        )


class NoticeEditor(QDialog):
    """Write a notice from a template (``draft`` None) or change a draft. The generated text can be edited
    before saving; nothing is published here."""

    def __init__(
        self,
        workspace: Workspace,
        draft: service.NoticeInfo | None = None,
        parent: QWidget | None = None,
        *,
        type_code: str = rules.FREE,
        matter_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.draft = draft
        self.saved: service.NoticeInfo | None = None
        self.setWindowTitle(_("Write a notice") if draft is None else _("Change the draft"))
        self.setModal(True)
        today = dt.date.today()
        settings = service.notice_settings(workspace)

        self.type_combo = QComboBox()
        for kind in rules.NOTICE_TYPES:
            self.type_combo.addItem(kind.label(), kind.code)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(draft.type if draft else type_code)))
        self.type_combo.setEnabled(draft is None)

        # What the generated text is taken from, per kind.
        self.source_stack = QStackedWidget()
        self.source_stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.first_month = QSpinBox()
        self.first_month.setRange(1, 12)
        self.last_month = QSpinBox()
        self.last_month.setRange(1, 12)
        self.first_month.setValue(1)
        self.last_month.setValue(today.month)
        year_page = QWidget()
        year_row = QHBoxLayout(year_page)
        year_row.setContentsMargins(0, 0, 0, 0)
        year_row.addWidget(QLabel(_("Year:")))
        year_row.addWidget(self.year_spin)
        self.months_box = QWidget()
        months_row = QHBoxLayout(self.months_box)
        months_row.setContentsMargins(0, 0, 0, 0)
        months_row.addWidget(QLabel(_("Months from")))
        months_row.addWidget(self.first_month)
        months_row.addWidget(QLabel(_("to")))
        months_row.addWidget(self.last_month)
        year_row.addWidget(self.months_box)
        year_row.addStretch(1)
        self.matter_combo = QComboBox()
        for matter in matters_service.list_matters(workspace):
            self.matter_combo.addItem(f"{matter.title}（{matter.status_label}）", matter.id)
        if matter_id is not None:
            self.matter_combo.setCurrentIndex(max(0, self.matter_combo.findData(matter_id)))
        self.candidate_form = CandidateForm()
        self.source_stack.addWidget(QWidget())  # free text: nothing to choose
        self.source_stack.addWidget(year_page)
        self.source_stack.addWidget(self.matter_combo)
        self.source_stack.addWidget(self.candidate_form)
        self.generate_button = big_button(_("Fill in the text from the data"))
        self.generate_button.clicked.connect(self.generate)

        self.title_edit = QLineEdit(draft.title if draft else "")
        self.addressee_edit = QLineEdit(draft.content.addressee if draft else rules.DEFAULT_ADDRESSEE)
        self.body_edit = QPlainTextEdit(draft.body if draft else "")
        self.body_edit.setMinimumHeight(self.fontMetrics().height() * 12)
        self.body_edit.setPlaceholderText(
            _(
                "The text of the notice. Lines with | (or ｜) between the cells print as a table, the first line its header."
            )
        )
        content = draft.content if draft else None
        self.issuer_edit = QLineEdit(content.issuer if content else "")
        self._branch_name = ""
        if not content:
            from dangjian_desktop.services.branch import load_profile

            profile = load_profile(workspace)
            self._branch_name = profile.name if profile else ""
            self.issuer_edit.setText(self._branch_name)
        self.issued_edit = _date_edit(content.issued_on if content else today)
        self.start_edit = _date_edit(content.period_from if content else today)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 90)
        self.days_unit = QLabel()
        self.period_label = QLabel()
        self.place_edit = QLineEdit(content.place if content else settings.place)
        self.qr_combo = QComboBox()
        self.qr_combo.addItem(_("The text of the notice (works without internet)"), rules.QR_TEXT)
        self.qr_combo.addItem(_("A link to the web page"), rules.QR_LINK)
        self.qr_combo.setCurrentIndex(
            max(0, self.qr_combo.findData(content.qr_mode if content else settings.qr_mode))
        )
        self.link_edit = QLineEdit(content.qr_link if content else rules.link_template(settings.link_base))
        self.link_edit.setPlaceholderText("https://")
        self._settings = settings
        self._days_touched = draft is not None
        if content:
            self.days_spin.setValue(content.period_days)
        period_row = QHBoxLayout()
        period_row.addWidget(self.start_edit)
        period_row.addWidget(QLabel(_("for")))
        period_row.addWidget(self.days_spin)
        period_row.addWidget(self.days_unit)
        period_row.addWidget(self.period_label, 1)
        qr_row = QHBoxLayout()
        qr_row.addWidget(self.qr_combo)
        qr_row.addWidget(self.link_edit, 1)

        self.rows = {
            "title": FieldRow(self.title_edit),
            "body": FieldRow(self.body_edit),
            "issuer": FieldRow(self.issuer_edit),
            "addressee": FieldRow(self.addressee_edit),
            "place": FieldRow(self.place_edit),
        }
        form = new_form_layout()
        form.addRow(form_label(_("Kind of notice")), self.type_combo)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_stack, 1)
        source_row.addWidget(self.generate_button)
        self.source_label = form_label(_("Taken from"))
        form.addRow(self.source_label, source_row)
        form.addRow(form_label(_("Title"), required=True), self.rows["title"])
        form.addRow(form_label(_("Addressed to")), self.rows["addressee"])
        form.addRow(form_label(_("Text"), required=True), self.rows["body"])
        form.addRow(form_label(_("Issued by"), required=True), self.rows["issuer"])
        form.addRow(form_label(_("Date")), self.issued_edit)
        form.addRow(form_label(_("Disclosure period")), period_row)
        form.addRow(form_label(_("Place of posting")), self.rows["place"])
        form.addRow(form_label(_("The QR code holds")), qr_row)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {BAD_COLOR};")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save the draft"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addWidget(self.error_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.start_edit.dateChanged.connect(lambda _d: self._update_period())
        self.days_spin.valueChanged.connect(self._days_changed)
        self.qr_combo.currentIndexChanged.connect(
            lambda _i: self.link_edit.setEnabled(self.qr_mode == rules.QR_LINK)
        )
        self._type_changed()
        self.link_edit.setEnabled(self.qr_mode == rules.QR_LINK)
        self.resize(900, 720)
        self._initial = self._typed()
        self._generated_body: str | None = None  # the body as the last 从数据生成 left it

    def _typed(self) -> tuple[str, ...]:
        edits = (self.title_edit, self.addressee_edit, self.issuer_edit, self.place_edit, self.link_edit)
        return (self.body_edit.toPlainText(), *(edit.text() for edit in edits))

    def reject(self) -> None:
        """Closing with unsaved typing asks first: a slip must not lose a notice's text."""
        if self._typed() != self._initial and not messages.confirm(
            self,
            _("What you typed has not been saved. Close the form without saving?"),
            yes_text=_("Close without saving"),
            no_text=_("Keep filling in"),
        ):
            return
        super().reject()

    @property
    def type_code(self) -> str:
        return str(self.type_combo.currentData())

    @property
    def qr_mode(self) -> str:
        return str(self.qr_combo.currentData())

    def _type_changed(self, _index: int = 0) -> None:
        kind = rules.notice_type(self.type_code)
        page = 0
        if kind.code in (rules.DUES, rules.POSTS, rules.EVALUATION, rules.MEETINGS):
            page = 1
            if kind.code == rules.EVALUATION and self.draft is None:
                today = dt.date.today()
                self.year_spin.setValue(today.year - 1 if today.month <= 3 else today.year)
        elif kind.needs_matter:
            page = 2
        elif kind.code == rules.RECRUITMENT:
            page = 3
        self.source_stack.setCurrentIndex(page)
        # a stack is as tall as its tallest page (the candidate's form): size it to the page shown, so a
        # year and two months do not sit in a band of empty space
        for index in range(self.source_stack.count()):
            policy = QSizePolicy.Policy.Preferred if index == page else QSizePolicy.Policy.Ignored
            self.source_stack.widget(index).setSizePolicy(policy, policy)
        self.source_stack.adjustSize()
        defaults = (self._branch_name, rules.joint_issuer(self._branch_name))
        if self.draft is None and self.issuer_edit.text() in defaults:  # not typed over: follow the kind
            self.issuer_edit.setText(defaults[1] if kind.needs_matter else defaults[0])
        self.months_box.setVisible(kind.code == rules.DUES)
        self.generate_button.setVisible(kind.generated and self.draft is None)
        self.source_label.setVisible(kind.generated and self.draft is None)
        self.source_stack.setVisible(kind.generated and self.draft is None)
        if not self._days_touched:
            self.days_spin.blockSignals(True)
            self.days_spin.setValue(self._settings.days.get(kind.code, kind.default_days))
            self.days_spin.blockSignals(False)
        self.days_unit.setText(_("working days") if kind.working_days else _("days"))
        self._update_period()

    def _days_changed(self, _value: int) -> None:
        self._days_touched = True
        self._update_period()

    def _update_period(self) -> None:
        kind = rules.notice_type(self.type_code)
        start = _pydate(self.start_edit.date())
        end = rules.period_end(
            start, self.days_spin.value(), working_days=kind.working_days, holidays=self._settings.holidays
        )
        self.period_label.setText(_("until {date}").format(date=rules.chinese_date(end)))

    def generate(self) -> None:
        """Fill the title and text from the program's data (the secretary can change them afterwards)."""
        code = self.type_code
        try:
            generated = service.generate_text(
                self.workspace,
                code,
                year=self.year_spin.value(),
                months=(self.first_month.value(), self.last_month.value()) if code == rules.DUES else None,
                matter_id=self.matter_combo.currentData() if rules.notice_type(code).needs_matter else None,
                candidate=self.candidate_form.candidate() if code == rules.RECRUITMENT else None,
            )
        except FieldErrors as error:
            self.error_label.setText("；".join(error.errors.values()))
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.error_label.setText("")
        current = self.body_edit.toPlainText()
        untouched = (
            not current.strip()
            or current == generated.body
            or current == self._generated_body  # filled from the data before and not changed since
        )
        if not untouched and not messages.confirm(
            self,
            _(
                "The text has been written or changed by hand. Filling it in from the data replaces the text "
                "that is there now. Replace it?"
            ),
            yes_text=_("Replace the text"),
            no_text=_("Keep the text as it is"),
        ):
            return
        self.title_edit.setText(generated.title)
        self._replace_body(generated.body)
        self.addressee_edit.setText(generated.addressee)

    def _replace_body(self, text: str) -> None:
        """Put ``text`` in the body as one step that Ctrl+Z takes back (setPlainText would clear the undo
        history), and show it from the top."""
        cursor = self.body_edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.body_edit.setTextCursor(cursor)
        self._generated_body = self.body_edit.toPlainText()

    def save(self) -> None:
        for row in self.rows.values():
            row.show_error("")
        self.error_label.setText("")
        values = {
            "title": self.title_edit.text(),
            "body": self.body_edit.toPlainText(),
            "addressee": self.addressee_edit.text(),
            "issuer": self.issuer_edit.text(),
            "place": self.place_edit.text(),
            "qr_mode": self.qr_mode,
            "qr_link": self.link_edit.text(),
        }
        try:
            if self.draft is None:
                kind = rules.notice_type(self.type_code)
                self.saved = service.create_draft(
                    self.workspace,
                    kind.code,
                    issued_on=_pydate(self.issued_edit.date()),
                    period_from=_pydate(self.start_edit.date()),
                    days=self.days_spin.value(),
                    matter_id=self.matter_combo.currentData() if kind.needs_matter else None,
                    **values,
                )
            else:
                self.saved = service.update_draft(
                    self.workspace,
                    self.draft.id,
                    {
                        **values,
                        "issued_on": _pydate(self.issued_edit.date()),
                        "period_from": _pydate(self.start_edit.date()),
                        "days": self.days_spin.value(),
                    },
                )
        except FieldErrors as error:
            for key, message in error.errors.items():
                row = self.rows.get(key)
                if row is not None:
                    row.show_error(message)
                else:
                    self.error_label.setText(message)
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.accept()


class BoardDatesDialog(QDialog):
    """张贴 / 撤下: when the sheet went on the board and when it was taken down."""

    def __init__(self, info: service.NoticeInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("On the notice board"))
        today = dt.date.today()
        self.posted_check = QCheckBox(_("Posted on the board on"))
        self.posted_edit = _date_edit(info.posted_on or today)
        self.posted_check.setChecked(info.posted_on is not None)
        self.down_check = QCheckBox(_("Taken down on"))
        self.down_edit = _date_edit(info.taken_down_on or max(today, info.content.period_to))
        self.down_check.setChecked(info.taken_down_on is not None)
        for check, edit in ((self.posted_check, self.posted_edit), (self.down_check, self.down_edit)):
            edit.setEnabled(check.isChecked())
            check.toggled.connect(edit.setEnabled)
        hint = QLabel(
            _("The disclosure period is {start} to {end}.").format(
                start=rules.chinese_date(info.content.period_from),
                end=rules.chinese_date(info.content.period_to),
            )
        )
        form = QFormLayout()
        form.addRow(self.posted_check, self.posted_edit)
        form.addRow(self.down_check, self.down_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(info.number, factor=1.15))
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        posted = _pydate(self.posted_edit.date()) if self.posted_check.isChecked() else None
        down = _pydate(self.down_edit.date()) if self.down_check.isChecked() else None
        return posted, down


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
        self.result: tuple[matters_service.MatterInfo, matters_service.StepInfo] | None = None
        code = matter.next_step or matter_rules.PROPOSE
        self.step = matter_rules.step(code)
        self.setWindowTitle(_("Record a step"))
        self.date_edit = _date_edit(dt.date.today())
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Record"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
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
            self.result = matters_service.record_step(
                self.workspace,
                self.matter.id,
                self.step.code,
                _pydate(self.date_edit.date()),
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


class MatterDialog(QDialog):
    """A new major matter: its title and what is proposed."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.saved: matters_service.MatterInfo | None = None
        self.setWindowTitle(_("New major matter"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. 村道硬化工程"))
        self.content_edit = QPlainTextEdit()
        self.content_edit.setPlaceholderText(_("What is proposed: the work, the money, who carries it out"))
        self.title_row = FieldRow(self.title_edit)
        form = new_form_layout()
        form.addRow(form_label(_("Matter"), required=True), self.title_row)
        form.addRow(form_label(_("Content")), self.content_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 380)

    def save(self) -> None:
        try:
            self.saved = matters_service.new_matter(
                self.workspace, self.title_edit.text(), self.content_edit.toPlainText()
            )
        except FieldErrors as error:
            self.title_row.show_error("；".join(error.errors.values()))
            return
        self.accept()


class ImplementationDialog(QDialog):
    """组织实施: the day the work was finished and what was done; before the 决议公开 period has ended only
    with a reason."""

    def __init__(
        self, workspace: Workspace, matter: matters_service.MatterInfo, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.matter = matter
        self.setWindowTitle(_("Record the implementation"))
        self.date_edit = _date_edit(dt.date.today())
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("What was done, the money spent, the check on completion"))
        self.text_row = FieldRow(self.text_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Only if it started before the resolution's period ended"))
        self.reason_row = FieldRow(self.reason_edit)
        form = new_form_layout()
        form.addRow(form_label(_("Finished on")), self.date_edit)
        form.addRow(form_label(_("Work done"), required=True), self.text_row)
        form.addRow(form_label(_("Reason for starting early")), self.reason_row)
        period_end = matters_service.resolution_period_end(workspace, matter.id)
        period = QLabel(
            _("The resolution is public until {end}; the implementation comes after that.").format(
                end=format_date(period_end, "long")
            )
            if period_end
            else ""
        )
        period.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(matter.title, factor=1.15))
        layout.addWidget(period)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def save(self) -> None:
        try:
            matters_service.record_implementation(
                self.workspace,
                self.matter.id,
                _pydate(self.date_edit.date()),
                self.text_edit.toPlainText(),
                reason=self.reason_edit.text(),
            )
        except FieldErrors as error:
            rows = {"text": self.text_row, "reason": self.reason_row}
            for key, message in error.errors.items():
                rows.get(key, self.text_row).show_error(message)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()


# ----- tabs ---------------------------------------------------------------------------------------------------


class _Tab(QWidget):
    changed = Signal()

    def __init__(self, page: NoticesPage) -> None:
        super().__init__()
        self.page = page

    @property
    def workspace(self) -> Workspace:
        return self.page.workspace

    def reload(self) -> None:
        raise NotImplementedError


class ArchiveTab(_Tab):
    """公告: every notice, the actions on the selected one, and its preview."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self._notices: list[service.NoticeInfo] = []
        self._preview_task: Any = None
        self._preview_pending = False
        self.preview_pages = 0
        self.last_message = ""
        self.table = data_table([_("Number"), _("Title"), _("Disclosure period"), _("Status")])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)  # the other columns are shared out on a resize
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit())

        self.new_button = big_button(_("New notice…"))
        self.edit_button = big_button(_("Change…"))
        self.publish_button = big_button(_("Publish"))
        self.print_button = big_button(_("Print…"))
        self.save_button = big_button(_("Save as PDF…"))
        self.board_button = big_button(_("Posted / taken down…"))
        self.correct_button = big_button(_("Correction…"))
        self.withdraw_button = big_button(_("Withdraw…"))
        self.delete_button = big_button(_("Delete the draft"))
        self.size_combo = QComboBox()
        self.size_combo.addItem(_("A4 portrait"), "a4")
        self.size_combo.addItem(_("A3 portrait (large board)"), "a3")
        for button, slot in (
            (self.new_button, self.new_notice),
            (self.edit_button, self.edit),
            (self.publish_button, self.publish),
            (self.print_button, self.print_notice),
            (self.save_button, self.save_pdf),
            (self.board_button, self.board_dates),
            (self.correct_button, self.correct),
            (self.withdraw_button, self.withdraw),
            (self.delete_button, self.delete_draft),
        ):
            button.clicked.connect(slot)
        # The rows go on to another line at large text in a small window, never sideways.
        first_row = FlowLayout()
        for widget in (self.new_button, self.edit_button, self.publish_button, self.delete_button):
            first_row.addWidget(widget)
        second_row = FlowLayout()
        for widget in (self.board_button, self.correct_button, self.withdraw_button):
            second_row.addWidget(widget)
        print_row = FlowLayout()
        print_row.addWidget(kept_together(_("Paper:"), self.size_combo))
        print_row.addWidget(self.print_button)
        print_row.addWidget(self.save_button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(first_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.status_label)
        left_layout.addLayout(second_row)

        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(16)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_widget)
        self.scroll.setStyleSheet("QScrollArea { background: #808080; }")
        self.pages_widget.setStyleSheet("background: #808080;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(print_row)
        right_layout.addWidget(self.scroll, 1)
        self.size_combo.currentIndexChanged.connect(lambda _i: self._preview())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 540])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    # ----- reading -----------------------------------------------------------------------------------------

    @property
    def selected(self) -> service.NoticeInfo | None:
        notice_id = selected_data(self.table)
        return next((n for n in self._notices if n.id == notice_id), None)

    @property
    def paper(self) -> str:
        return str(self.size_combo.currentData())

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else selected_data(self.table)
        self._notices = service.list_notices(self.workspace)
        today = dt.date.today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._notices))
        for row, info in enumerate(self._notices):
            content = info.content
            period = _("{start} to {end}").format(
                start=f"{content.period_from.month}月{content.period_from.day}日",
                end=f"{content.period_to.month}月{content.period_to.day}日",
            )
            status = info.status_label if info.is_draft else f"{info.status_label}，{info.board_text(today)}"
            cells = [
                table_item(info.number or _("(draft)"), info.id),
                table_item(content.title),
                table_item(period),
                table_item(status),
            ]
            cells[1].setToolTip(f"{content.title}（{info.type_label}）")
            if info.on_board(today):
                cells[3].setForeground(Qt.GlobalColor.darkGreen)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self._share_columns()
        if current is not None:
            select_by_data(self.table, current)
        if self.selected is None and self._notices:
            self.table.selectRow(0)
        self._selection_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._share_columns)
        return super().eventFilter(watched, event)

    def _share_columns(self) -> None:
        """The title keeps room for about 16 characters; the number, the period and the status share what
        is left, each at most as wide as its longest text, and wrap when that is not enough."""
        header = self.table.horizontalHeader()
        char = self.table.fontMetrics().horizontalAdvance("中")
        others = (0, 2, 3)
        wanted = {c: max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in others}
        title = min(max(self.table.sizeHintForColumn(1), header.sectionSizeHint(1)), char * 16 + 16)
        room = max(self.table.viewport().width() - title, char * 15)
        share = min(1.0, room / max(sum(wanted.values()), 1))
        for column in others:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(int(wanted[column] * share), char * 5 + 12))
        self.table.resizeRowsToContents()

    def _update_buttons(self) -> None:
        info = self.selected
        draft = info is not None and info.is_draft
        published = info is not None and info.status == rules.PUBLISHED
        issued = info is not None and not info.is_draft
        self.edit_button.setEnabled(draft)
        self.publish_button.setEnabled(draft)
        self.delete_button.setEnabled(draft)
        self.print_button.setEnabled(issued)
        self.save_button.setEnabled(issued)
        self.board_button.setEnabled(issued)
        self.correct_button.setEnabled(published)
        self.withdraw_button.setEnabled(published)

    def _selection_changed(self) -> None:
        self._update_buttons()
        info = self.selected
        if info is None:
            self.status_label.setText(_("No notice yet. Press “New notice…” to write one from a template."))
        elif info.is_draft:
            self.status_label.setText(
                _("Draft: it can still be changed. Publishing checks it, gives it its number and freezes it.")
            )
        else:
            text = _("{number}, check code {code}. {board}. ").format(
                number=info.number, code=info.check_code_text, board=info.board_text()
            )
            if info.refers_to_number:
                text += _("Replaces {number}.").format(number=info.refers_to_number)
            self.status_label.setText(text)
        self._preview()

    # ----- the preview ------------------------------------------------------------------------------------------

    def _preview(self) -> None:
        info = self.selected
        if info is None:
            self._show_pages([])
            return
        if self._preview_task is not None:
            self._preview_pending = True
            return
        workspace, notice_id, size = self.workspace, info.id, self.paper

        # Only the PDF is made in the background: PDFium must never run in two threads at once (printing
        # renders with it on the main thread), so the pages are drawn here when it is ready.
        def job() -> bytes:
            return service.pdf_bytes(workspace, notice_id, size)

        self._preview_task = run_in_background(self, job, self._preview_ready, self._preview_failed)

    def _preview_ready(self, data: bytes) -> None:
        self._preview_task = None
        if self._preview_pending:
            self._preview_pending = False
            self._preview()
            return
        width = max(360, min(900, self.scroll.viewport().width() - 40))
        self._show_pages(render_pages(data, width))

    def _preview_failed(self, error: BaseException) -> None:
        self._preview_task = None
        self._preview_pending = False
        _show_error(self, error)

    def _show_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.preview_pages = 0
        if not images:
            hint = QLabel(_("Choose a notice in the list; how it prints is shown here."))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: white; padding: 24px;")
            self.pages_layout.addWidget(hint)
        for image in images:
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            self.pages_layout.addWidget(label)
            self.preview_pages += 1
        bar = self.scroll.verticalScrollBar()
        QTimer.singleShot(0, bar, lambda: bar.setValue(0))  # not called once the page is gone

    # ----- actions ----------------------------------------------------------------------------------------------

    def _open_editor(self, editor: NoticeEditor) -> None:
        self.page.dialog_opened.emit(editor)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.reload(editor.saved.id)
            self.changed.emit()

    def new_notice(self, type_code: str = rules.FREE, matter_id: int | None = None) -> None:
        self._open_editor(NoticeEditor(self.workspace, None, self, type_code=type_code, matter_id=matter_id))

    def edit(self) -> None:
        info = self.selected
        if info is not None and info.is_draft:
            self._open_editor(NoticeEditor(self.workspace, info, self))

    def open_draft(self, draft: service.NoticeInfo) -> None:
        """Show a draft made elsewhere (a correction, a 四议两公开 notice) in the editor."""
        self.reload(draft.id)
        self._open_editor(NoticeEditor(self.workspace, draft, self))

    def publish(self) -> None:
        info = self.selected
        if info is None or not info.is_draft:
            return
        refusal = service.privacy_refusal(self.workspace, info.id)
        if refusal is not None:
            self._refused(refusal)
            return
        if not messages.confirm(
            self,
            _(
                "Publish “{title}”? It gets its number and can never be changed afterwards; a mistake is "
                "put right with a correction."
            ).format(title=info.title),
            _("Publish"),
        ):
            return
        try:
            published = service.publish(self.workspace, info.id)
        except service.PrivateDataFound as error:
            self._refused(error)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.last_message = _("Published as {number}. Check code: {code}.").format(
            number=published.number, code=published.check_code_text
        )
        self.reload(published.id)
        self.changed.emit()
        messages.info(self, self.last_message)

    def _refused(self, refusal: rules.PrivateDataFound) -> None:
        """Say what was found and where, and which phones may be printed. A phone may be one meant for the
        public (the 村委会's duty phone, a contact person's): then offer to go where it is allowed."""
        self.last_message = refusal.message
        if not any(f.kind in (rules.MOBILE, rules.LANDLINE, rules.ROSTER_PHONE) for f in refusal.findings):
            messages.warning(self, self.last_message)
            return
        if messages.confirm(self, self.last_message, _("Open the public phones"), _("Back to the notice")):
            self.page.tabs.setCurrentWidget(self.page.settings_tab)
            self.page.settings_tab.phones_edit.setFocus()

    def print_notice(self) -> None:
        """The printer dialog, set for the notice's paper (A4 or A3, portrait); the sheet is printed at its
        real size, in grey (the notice is black and white)."""
        info = self.selected
        if info is None or info.is_draft:
            return
        try:
            data = service.pdf_bytes(self.workspace, info.id, self.paper)
        except AppError as error:
            messages.error(self, error.message)
            return
        if printing.print_pdf(
            self, data, name=info.number, paper=self.paper, landscape=False, grayscale=True
        ):
            self.last_message = _("{number} was sent to the printer.").format(number=info.number)

    def save_pdf(self) -> None:
        info = self.selected
        if info is None or info.is_draft:
            return
        suggested = f"{info.number}-{self.paper.upper()}.pdf".replace("〔", "(").replace("〕", ")")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / suggested), _("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            service.export_pdf(self.workspace, info.number, target, self.paper)
        except (AppError, OSError) as error:
            messages.error(self, getattr(error, "message", None) or str(error))
            return
        self.last_message = _("The notice was saved to {path}").format(path=target)
        messages.info(self, self.last_message)

    def board_dates(self) -> None:
        info = self.selected
        if info is None or info.is_draft:
            return
        dialog = BoardDatesDialog(info, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        posted, down = dialog.dates()
        try:
            service.set_board_dates(self.workspace, info.id, posted, down)
        except FieldErrors as error:
            messages.error(self, "；".join(error.errors.values()))
            return
        self.reload(info.id)
        self.changed.emit()

    def correct(self) -> None:
        info = self.selected
        if info is None or info.status != rules.PUBLISHED:
            return
        if not messages.confirm(
            self,
            _(
                "Write a correction of {number}? It is a new notice; when it is published the old one is withdrawn."
            ).format(number=info.number),
            _("Write a correction"),
        ):
            return
        self._start(lambda: service.start_correction(self.workspace, info.id))

    def withdraw(self) -> None:
        info = self.selected
        if info is None or info.status != rules.PUBLISHED:
            return
        if not messages.confirm(
            self,
            _("Withdraw {number}? A withdrawal notice is written for you to check and publish.").format(
                number=info.number
            ),
            _("Write the withdrawal"),
        ):
            return
        self._start(lambda: service.start_withdrawal(self.workspace, info.id))

    def _start(self, make: Callable[[], service.NoticeInfo]) -> None:
        try:
            draft = make()
        except AppError as error:
            messages.error(self, error.message)
            return
        self.changed.emit()
        self.open_draft(draft)

    def delete_draft(self) -> None:
        info = self.selected
        if info is None or not info.is_draft:
            return
        if not messages.confirm(self, _("Delete the draft “{title}”?").format(title=info.title), _("Delete")):
            return
        try:
            service.delete_draft(self.workspace, info.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.reload()
        self.changed.emit()


class MattersTab(_Tab):
    """四议两公开: the matters, and the steps of the selected one in order."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self._matters: list[matters_service.MatterInfo] = []
        self.table = data_table([_("Matter"), _("Status"), _("Next step")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_steps)
        self.steps_table = data_table([_("Step"), _("Date"), _("Attendance and votes"), _("Outcome")])
        self.steps_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.content_label = QLabel()
        self.content_label.setWordWrap(True)
        self.new_button = big_button(_("New matter…"))
        self.step_button = big_button(_("Record the next step…"))
        self.implement_button = big_button(_("Record the implementation…"))
        self.resolution_button = big_button(_("Write the resolution notice"))
        self.result_button = big_button(_("Write the result notice"))
        self.new_button.clicked.connect(self.new_matter)
        self.step_button.clicked.connect(self.record_step)
        self.implement_button.clicked.connect(self.record_implementation)
        self.resolution_button.clicked.connect(lambda: self.write_notice(rules.RESOLUTION))
        self.result_button.clicked.connect(lambda: self.write_notice(rules.RESULT))
        buttons = FlowLayout()  # rows that go on to another line at large text, never sideways
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.implement_button)
        notice_buttons = FlowLayout()
        notice_buttons.addWidget(self.resolution_button)
        notice_buttons.addWidget(self.result_button)
        notice_buttons.add_stretch()
        # The whole matter on paper for the archive: every step with dates and votes, and the notices.
        self.print_record_button = big_button(_("Print the record…"))
        self.pdf_record_button = big_button(_("Save as PDF…"))
        self.print_record_button.setToolTip(
            _("Every step of this matter with its date and votes, and the notices, for the village archive")
        )
        self.print_record_button.clicked.connect(self.print_record)
        self.pdf_record_button.clicked.connect(self.save_record)
        notice_buttons.addWidget(self.print_record_button)
        notice_buttons.addWidget(self.pdf_record_button)
        hint = QLabel(
            _(
                "Every major matter goes through four meetings in order: proposal, consultation, review by the "
                "members, resolution by the villagers' representatives. Then the resolution is made public, "
                "carried out, and its result made public. A vote that fails ends the matter; a meeting with too few "
                "people present decides nothing and is convened again."
            )
        )
        hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.content_label)
        lower_layout.addWidget(self.steps_table, 1)
        lower_layout.addLayout(notice_buttons)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    @property
    def selected(self) -> matters_service.MatterInfo | None:
        matter_id = selected_data(self.table)
        return next((m for m in self._matters if m.id == matter_id), None)

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else selected_data(self.table)
        self._matters = matters_service.list_matters(self.workspace)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._matters))
        for row, matter in enumerate(self._matters):
            next_step = matter_rules.step(matter.next_step).label() if matter.next_step else "—"
            status = table_item(matter.status_label)
            if matter.status == matter_rules.REJECTED:
                status.setForeground(Qt.GlobalColor.red)
            for column, cell in enumerate(
                (table_item(matter.title, matter.id), status, table_item(next_step))
            ):
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        if current is not None:
            select_by_data(self.table, current)
        if self.selected is None and self._matters:
            self.table.selectRow(0)
        self._show_steps()

    def _show_steps(self) -> None:
        matter = self.selected
        steps = matter.steps if matter else ()
        self.content_label.setText(matter.content if matter and matter.content else "")
        self.steps_table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            outcome = table_item(step.outcome + (f"（{step.reason}）" if step.reason else ""))
            if step.adjourned:
                outcome.setForeground(QColor(WAIT_COLOR))
            elif not step.passed:
                outcome.setForeground(Qt.GlobalColor.red)
            cells = (
                table_item(f"{step.position}. {step.label}"),
                table_item(step.held_on.isoformat()),
                table_item(step.summary()),
                outcome,
            )
            for column, cell in enumerate(cells):
                self.steps_table.setItem(row, column, cell)
        self.steps_table.resizeRowsToContents()
        due = matter.next_step if matter else None
        self.print_record_button.setEnabled(matter is not None)
        self.pdf_record_button.setEnabled(matter is not None)
        self.step_button.setEnabled(due in matter_rules.VOTING_STEPS)
        self.implement_button.setEnabled(due == matter_rules.IMPLEMENT)
        self.resolution_button.setEnabled(due == matter_rules.PUBLISH_RESOLUTION)
        self.result_button.setEnabled(due == matter_rules.PUBLISH_RESULT)
        if due in matter_rules.VOTING_STEPS:
            self.step_button.setText(
                _("Record: {step}…").format(step=matter_rules.step(due).label())  # type: ignore[arg-type]
            )
        else:
            self.step_button.setText(_("Record the next step…"))

    def new_matter(self) -> None:
        dialog = MatterDialog(self.workspace, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self.reload(dialog.saved.id)
            self.changed.emit()

    def record_step(self) -> None:
        matter = self.selected
        if matter is None or matter.next_step not in matter_rules.VOTING_STEPS:
            return
        dialog = StepDialog(self.workspace, matter, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result is None:
            return
        info, step = dialog.result
        self.reload(info.id)
        self.changed.emit()
        if step.passed:
            messages.info(self, _("{step}: passed.").format(step=step.label))
        elif step.adjourned:
            messages.info(
                self,
                _(
                    "{step}: too few people were present ({outcome}). The matter goes on: convene the meeting "
                    "again and record it with “{button}”."
                ).format(step=step.label, outcome=step.outcome, button=self.step_button.text()),
            )
        else:
            messages.warning(
                self,
                _("{step}: not passed ({outcome}). The matter ends here; this is recorded.").format(
                    step=step.label, outcome=step.outcome
                ),
            )

    def print_record(self) -> None:
        """The record of the whole matter through the printer dialog."""
        from dangjian_desktop.services.notices import matter_print

        matter = self.selected
        if matter is None:
            return
        try:
            data = matter_print.record_pdf_bytes(self.workspace, matter.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        printing.print_pdf(
            self, data, name=matter_print.file_name(self.workspace, matter.id).removesuffix(".pdf")
        )

    def save_record(self) -> None:
        from dangjian_desktop.services.notices import matter_print

        matter = self.selected
        if matter is None:
            return
        target = printing.ask_pdf_path(self, matter_print.file_name(self.workspace, matter.id))
        if target is None:
            return
        try:
            matter_print.export_record(self.workspace, matter.id, target)
        except AppError as error:
            messages.error(self, error.message)
            return
        messages.info(self, _("The record of the matter was saved as {path}.").format(path=target))

    def record_implementation(self) -> None:
        matter = self.selected
        if matter is None:
            return
        dialog = ImplementationDialog(self.workspace, matter, self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(matter.id)
            self.changed.emit()

    def write_notice(self, type_code: str) -> None:
        matter = self.selected
        if matter is None:
            return
        try:
            draft = service.create_draft(self.workspace, type_code, matter_id=matter.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.changed.emit()
        self.page.tabs.setCurrentWidget(self.page.archive_tab)
        self.page.archive_tab.open_draft(draft)


class VerifyTab(_Tab):
    """核验: is a printed sheet genuine and unaltered?"""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(_("e.g. 党务公开〔2026〕3号, or 2026-3"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("the eight characters beside the QR code, e.g. 7K3M-9QXA"))
        self.verify_button = big_button(_("Check"))
        self.verify_button.clicked.connect(self.verify)
        self.code_edit.returnPressed.connect(self.verify)
        self.result_label = TitleLabel("", factor=1.5)
        self.result_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.text_view = QTextBrowser()
        form = new_form_layout()
        form.addRow(form_label(_("Notice number")), self.number_edit)
        form.addRow(form_label(_("Check code")), self.code_edit)
        form.addRow("", self.verify_button)
        explanation = QLabel(
            _(
                "Type the number and the check code printed on a sheet. The program tells whether it is a notice "
                "this branch published, unaltered, and shows the archived text to compare with the sheet."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.text_view, 1)

    def reload(self) -> None:
        pass

    def verify(self) -> None:
        result = service.verify(self.workspace, self.number_edit.text(), self.code_edit.text())
        # a withdrawn or corrected sheet says so first, in red: a villager must not read it as valid
        self.result_label.setText(result.headline())
        ok = result.genuine and not result.superseded
        self.result_label.setStyleSheet(f"color: {GOOD_COLOR if ok else BAD_COLOR};")
        self.message_label.setText(result.message)
        show = result.genuine and result.notice is not None
        self.text_view.setPlainText(result.notice.content.full_text() if show else "")  # type: ignore[union-attr]


class SettingsTab(_Tab):
    """设置: the public phones printed on notices, the periods, the holidays and what the QR code holds."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self.phones_edit = QPlainTextEdit()
        self.phones_edit.setPlaceholderText(
            _("One per line, a name and a number, e.g. 镇党委组织委员 0531-82345678")
        )
        phones = self.phones_edit
        keep_fitted(phones, lambda: phones.setMaximumHeight(phones.fontMetrics().height() * 5))
        self.holidays_edit = QPlainTextEdit()
        self.holidays_edit.setPlaceholderText(_("One date per line, e.g. 2026-10-01"))
        holidays = self.holidays_edit
        keep_fitted(holidays, lambda: holidays.setMaximumHeight(holidays.fontMetrics().height() * 5))
        self.place_edit = QLineEdit()
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://")
        self.qr_group = QButtonGroup(self)
        self.qr_text = QRadioButton(_("The text of the notice (works without internet)"))
        self.qr_link = QRadioButton(_("A link to the web page"))
        self.qr_group.addButton(self.qr_text)
        self.qr_group.addButton(self.qr_link)
        self.day_spins: dict[str, QSpinBox] = {}
        days_box = QGroupBox(_("Disclosure period of each kind of notice"))
        days_form = QFormLayout(days_box)
        for kind in rules.NOTICE_TYPES:
            spin = QSpinBox()
            spin.setRange(1, 90)
            spin.setSuffix(" " + (_("working days") if kind.working_days else _("days")))
            spin.setMaximumWidth(220)
            self.day_spins[kind.code] = spin
            days_form.addRow(kind.label() + "：", spin)
        self.save_button = big_button(_("Save the settings"))
        self.save_button.clicked.connect(self.save)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        form = new_form_layout()
        note = QLabel(
            _(
                "The branch's supervision phone (from the branch profile) is always printed. Only the phones "
                "listed here may appear on a notice besides it."
            )
        )
        note.setWordWrap(True)
        form.addRow(form_label(_("Public phones")), self.phones_edit)
        form.addRow("", note)
        form.addRow(form_label(_("Public holidays")), self.holidays_edit)
        form.addRow(form_label(_("Place of posting")), self.place_edit)
        qr_column = QVBoxLayout()
        qr_column.addWidget(self.qr_text)
        qr_column.addWidget(self.qr_link)
        qr_column.addWidget(self.link_edit)
        form.addRow(form_label(_("The QR code holds")), qr_column)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addWidget(days_box)
        inner_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner_layout.addWidget(self.message_label)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def reload(self) -> None:
        settings = service.notice_settings(self.workspace)
        self.phones_edit.setPlainText("\n".join(settings.public_phones))
        self.holidays_edit.setPlainText("\n".join(day.isoformat() for day in settings.holidays))
        self.place_edit.setText(settings.place)
        self.link_edit.setText(settings.link_base)
        (self.qr_link if settings.qr_mode == rules.QR_LINK else self.qr_text).setChecked(True)
        for code, spin in self.day_spins.items():
            spin.setValue(settings.days.get(code, rules.notice_type(code).default_days))
        self.message_label.setText("")

    def save(self) -> None:
        try:
            service.save_notice_settings(
                self.workspace,
                public_phones=self.phones_edit.toPlainText(),
                holidays=self.holidays_edit.toPlainText(),
                place=self.place_edit.text(),
                link_base=self.link_edit.text(),
                qr_mode=rules.QR_LINK if self.qr_link.isChecked() else rules.QR_TEXT,
                days={code: spin.value() for code, spin in self.day_spins.items()},
            )
        except FieldErrors as error:
            self.message_label.setStyleSheet(f"color: {BAD_COLOR};")
            self.message_label.setText("\n".join(error.errors.values()))
            return
        self.message_label.setStyleSheet(f"color: {GOOD_COLOR};")
        self.message_label.setText(_("Saved."))
        self.changed.emit()


# ----- the page ----------------------------------------------------------------------------------------------


class NoticesPage(QWidget):
    """党务公开. ``data_changed`` is emitted after every change; ``dialog_opened`` lets tests reach a dialog
    before it runs."""

    data_changed = Signal()
    dialog_opened = Signal(object)

    TAB_ARCHIVE, TAB_MATTERS, TAB_VERIFY, TAB_SETTINGS = range(4)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._loaded = False
        self.tabs = QTabWidget()
        self.archive_tab = ArchiveTab(self)
        self.matters_tab = MattersTab(self)
        self.verify_tab = VerifyTab(self)
        self.settings_tab = SettingsTab(self)
        for tab, label in (
            (self.archive_tab, _("Notices")),
            (self.matters_tab, _("Major matters")),
            (self.verify_tab, _("Verify a sheet")),
            (self.settings_tab, _("Settings")),
        ):
            self.tabs.addTab(tab, label)
            tab.changed.connect(self.data_changed.emit)
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(TitleLabel(_("Public notices")))
        layout.addWidget(self.tabs, 1)

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, an import or a restore)."""
        if self.workspace.branch_id is None:
            return
        self._loaded = True
        self._reload_current()

    def show_due_item(self, item: object, as_of: object = None) -> None:
        """A home-page line about a notice (to post or take down): the archive with that notice selected."""
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentWidget(self.archive_tab)
        notice_id = getattr(item, "subject_id", None)
        self.archive_tab.reload(select_id=notice_id)
        if notice_id is not None:
            self.archive_tab.table.setFocus()

    def _reload_current(self) -> None:
        if not self._loaded:
            return
        tab = self.tabs.currentWidget()
        if isinstance(tab, _Tab):
            try:
                tab.reload()
            except AppError as error:
                messages.error(self, error.message)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.FontChange and self._loaded:
            for table in self.findChildren(QTableWidget):
                table.resizeRowsToContents()
        super().changeEvent(event)
