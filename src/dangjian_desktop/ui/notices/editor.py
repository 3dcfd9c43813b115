"""The notice editor: write a notice from a template, or change a draft; the candidate of a 发展党员公示."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.notice_texts import STAGES, Candidate
from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.notices import matters as matters_service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.notices.common import BAD_COLOR
from dangjian_desktop.ui.widgets.forms import FieldRow, dialog_buttons, form_label, new_form_layout
from dangjian_desktop.ui.widgets.kit import date_edit, to_date
from dangjian_desktop.ui.widgets.tables import big_button


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
            edit = date_edit(today)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(form_label(label), row)
            self.dates[key] = (check, edit)

    def candidate(self) -> Candidate:
        dates = {
            key: to_date(edit.date()) if check.isChecked() else None
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
        self._settings = service.notice_settings(workspace)
        self._days_touched = draft is not None

        self.type_combo = QComboBox()
        for kind in rules.NOTICE_TYPES:
            self.type_combo.addItem(kind.label(), kind.code)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(draft.type if draft else type_code)))
        self.type_combo.setEnabled(draft is None)
        self._build_sources(matter_id)
        self._build_text_fields()
        self._build_period_and_qr()
        self._lay_out()
        self._connect()
        self._type_changed()
        self.link_edit.setEnabled(self.qr_mode == rules.QR_LINK)
        self.resize(900, 720)
        self._initial = self._typed()
        self._generated_body: str | None = None  # the body as the last 从数据生成 left it

    # ----- building ---------------------------------------------------------------------------------------

    def _build_sources(self, matter_id: int | None) -> None:
        """What the generated text is taken from, per kind: nothing, a year (and months), a matter, a
        candidate; and the button that fills the text in."""
        today = dt.date.today()
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
        for matter in matters_service.list_matters(self.workspace):
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

    def _build_text_fields(self) -> None:
        """The title, the addressee, the text and the issuer: the draft's, or a new notice's defaults."""
        draft = self.draft
        self.title_edit = QLineEdit(draft.title if draft else "")
        self.addressee_edit = QLineEdit(draft.content.addressee if draft else rules.DEFAULT_ADDRESSEE)
        self.body_edit = QPlainTextEdit(draft.body if draft else "")
        self.body_edit.setMinimumHeight(self.fontMetrics().height() * 12)
        self.body_edit.setPlaceholderText(
            _(
                "The text of the notice. Lines with | (or ｜) between the cells print as a table, the first line its header."
            )
        )
        self.issuer_edit = QLineEdit(draft.content.issuer if draft else "")
        self._branch_name = ""
        if not draft:
            profile = load_profile(self.workspace)
            self._branch_name = profile.name if profile else ""
            self.issuer_edit.setText(self._branch_name)

    def _build_period_and_qr(self) -> None:
        """The date, the disclosure period, the place and what the QR code holds."""
        content = self.draft.content if self.draft else None
        settings = self._settings
        today = dt.date.today()
        self.issued_edit = date_edit(content.issued_on if content else today)
        self.start_edit = date_edit(content.period_from if content else today)
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
        if content:
            self.days_spin.setValue(content.period_days)

    def _lay_out(self) -> None:
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
        buttons = dialog_buttons(self, _("Save the draft"), self.save)
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

    def _connect(self) -> None:
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.start_edit.dateChanged.connect(lambda _d: self._update_period())
        self.days_spin.valueChanged.connect(self._days_changed)
        self.qr_combo.currentIndexChanged.connect(
            lambda _i: self.link_edit.setEnabled(self.qr_mode == rules.QR_LINK)
        )

    # ----- behaviour --------------------------------------------------------------------------------------

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
            widget = self.source_stack.widget(index)
            if widget is not None:
                widget.setSizePolicy(policy, policy)
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
        start = to_date(self.start_edit.date())
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
                    issued_on=to_date(self.issued_edit.date()),
                    period_from=to_date(self.start_edit.date()),
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
                        "issued_on": to_date(self.issued_edit.date()),
                        "period_from": to_date(self.start_edit.date()),
                        "days": self.days_spin.value(),
                    },
                    expected_version=self.draft.version,  # as this editor read it
                )
        except FieldErrors as error:
            for key, message in error.errors.items():
                field_row = self.rows.get(key)
                if field_row is not None:
                    field_row.show_error(message)
                else:
                    self.error_label.setText(message)
            return
        except AppError as error:
            self.error_label.setText(error.message)
            return
        self.accept()
