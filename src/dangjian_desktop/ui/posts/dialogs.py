"""The posts page's dialogs: a post of the catalogue, a new term, assigning a member to a post (with the
rules' warnings and the reason they ask for), and a member's commitment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.posts import AssignmentCheck
from dangjian_desktop.i18n import _
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.posts.common import (
    WARNING_COLOR,
    member_label,
    one_line,
    show_on_rows,
    try_save,
)
from dangjian_desktop.ui.widgets.forms import (
    ERROR_COLOR,
    ErrorLabel,
    FieldRow,
    dialog_buttons,
    form_label,
    new_form_layout,
)
from dangjian_desktop.ui.widgets.kit import date_edit, to_date

OK = QDialogButtonBox.StandardButton.Ok


class PostDialog(QDialog):
    """Add a post to the catalogue (``post`` None) or change one."""

    def __init__(
        self, workspace: Workspace, post: service.PostInfo | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.workspace = workspace
        self.post = post
        self.saved: service.PostInfo | None = None
        self.setWindowTitle(_("Add a post") if post is None else _("Change a post"))
        self.setModal(True)
        self.name_edit = QLineEdit(post.name if post else "")
        self.name_edit.setPlaceholderText(_("e.g. 政策法规宣传岗"))
        self.needed_spin = QSpinBox()
        self.needed_spin.setRange(1, 99)
        self.needed_spin.setValue(post.members_needed if post else 2)
        self.active_check = QCheckBox(_("In use (shown on the board and in the assignment lists)"))
        self.active_check.setChecked(post.active if post else True)
        self.duties_edit = QPlainTextEdit(post.duties if post else "")
        self.duties_edit.setPlaceholderText(_("One duty per line"))
        self.duties_edit.setMinimumHeight(self.fontMetrics().height() * 7)
        self.rows = {
            "name": FieldRow(self.name_edit),
            "members_needed": FieldRow(self.needed_spin),
            "duties": FieldRow(self.duties_edit),
        }
        form = new_form_layout()
        form.addRow(form_label(_("Name of the post"), required=True), self.rows["name"])
        form.addRow(form_label(_("Members needed")), self.rows["members_needed"])
        form.addRow(form_label(_("Duties")), self.rows["duties"])
        form.addRow("", self.active_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, _("Save"), self.save))
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def save(self) -> None:
        raw = {
            "name": self.name_edit.text(),
            "members_needed": self.needed_spin.value(),
            "duties": self.duties_edit.toPlainText(),
            "active": self.active_check.isChecked(),
        }
        for row in self.rows.values():
            row.show_error("")
        if try_save(self, lambda: self._store(raw), lambda errors: show_on_rows(self.rows, errors, "name")):
            self.accept()

    def _store(self, raw: Mapping[str, object]) -> None:
        if self.post is None:
            self.saved = service.add_post(self.workspace, raw)
        else:
            self.saved = service.update_post(self.workspace, self.post.id, raw)


class TermDialog(QDialog):
    """Start a new term: a calendar year, or a term with its own start and end."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.term: service.TermInfo | None = None
        self.setWindowTitle(_("New term"))
        self.setModal(True)
        today = dt.date.today()
        self.year_radio = QRadioButton(_("A year"))
        self.span_radio = QRadioButton(_("From a date to a date"))
        self.year_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.year_radio)
        group.addButton(self.span_radio)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.start_edit = date_edit(dt.date(today.year, 1, 1))
        self.end_edit = date_edit(dt.date(today.year, 12, 31))
        self.error_label = ErrorLabel()
        span_row = QHBoxLayout()
        span_row.addWidget(self.start_edit)
        span_row.addWidget(QLabel(_("to")))
        span_row.addWidget(self.end_edit)
        span_row.addStretch(1)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_radio)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(year_row)
        layout.addWidget(self.span_radio)
        layout.addLayout(span_row)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, _("Start this term"), self.save, OK))
        for widget in (self.start_edit, self.end_edit):
            widget.dateChanged.connect(lambda _d: self.span_radio.setChecked(True))
        self.year_spin.valueChanged.connect(lambda _v: self.year_radio.setChecked(True))

    def save(self) -> None:
        if try_save(
            self, self._store, lambda errors: self.error_label.show_message(" ".join(errors.values()))
        ):
            self.accept()

    def _store(self) -> None:
        if self.year_radio.isChecked():
            self.term = service.term_for_year(self.workspace, self.year_spin.value())
        else:
            start, end = to_date(self.start_edit.date()), to_date(self.end_edit.date())
            self.term = service.open_term(self.workspace, start, end)


class AssignDialog(QDialog):
    """Assign a member to a post for the term: the rules' warnings show as soon as both are chosen, and a
    warned assignment needs a reason."""

    def __init__(
        self,
        workspace: Workspace,
        term: service.TermInfo,
        member_id: int | None = None,
        post_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.term = term
        self.saved: service.AssignmentInfo | None = None
        self.check: AssignmentCheck | None = None
        self.setWindowTitle(_("Assign a post ({term})").format(term=term.label))
        self.setModal(True)
        self._posts = {p.id: p for p in service.list_posts(workspace, active_only=True)}
        self.member_combo = QComboBox()
        for option in service.roster_options(workspace, term.id):
            self.member_combo.addItem(member_label(option), option.id)
        self.post_combo = QComboBox()
        self._fill_posts(post_id)
        if member_id is not None:
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(member_id)))
        self.duties_label = QLabel()
        self.duties_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.commitment_edit = QPlainTextEdit()
        self.commitment_edit.setPlaceholderText(_("e.g. 每月至少走访群众2次，及时宣传惠农政策"))
        self.commitment_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Needed only when the program warns above"))
        self.rows = {
            "member": FieldRow(self.member_combo),
            "post": FieldRow(self.post_combo),
            "commitment": FieldRow(self.commitment_edit),
            "reason": FieldRow(self.reason_edit),
        }
        form = new_form_layout()
        form.addRow(form_label(_("Member"), required=True), self.rows["member"])
        form.addRow(form_label(_("Post"), required=True), self.rows["post"])
        form.addRow("", self.duties_label)
        form.addRow("", self.warning_label)
        form.addRow(form_label(_("Commitment")), self.rows["commitment"])
        form.addRow(form_label(_("Reason for the exception")), self.rows["reason"])
        self.buttons = dialog_buttons(self, _("Assign"), self.save, OK)
        self.ok_button = self.buttons.button(OK)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.member_combo.currentIndexChanged.connect(self._recheck)
        self.post_combo.currentIndexChanged.connect(self._recheck)
        self._recheck()
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _fill_posts(self, post_id: int | None) -> None:
        """The active posts with how many are taken; a full post is never offered first (Enter or a quick
        click must not overfill it)."""
        taken: dict[int, int] = {}
        for row in service.assignments(self.workspace, self.term.id):
            taken[row.post_id] = taken.get(row.post_id, 0) + 1
        first_with_room = -1
        for post in self._posts.values():
            count = taken.get(post.id, 0)
            if count >= post.members_needed:
                label = _("{post} ({count} of {needed} taken, full)")
            else:
                label = _("{post} ({count} of {needed} taken)")
                if first_with_room < 0:
                    first_with_room = self.post_combo.count()
            self.post_combo.addItem(
                label.format(post=post.name, count=count, needed=post.members_needed), post.id
            )
        if post_id is not None:
            self.post_combo.setCurrentIndex(max(0, self.post_combo.findData(post_id)))
        else:
            self.post_combo.setCurrentIndex(first_with_room)

    def _recheck(self) -> None:
        member_id, post_id = self.member_combo.currentData(), self.post_combo.currentData()
        post = self._posts.get(post_id) if post_id is not None else None
        self.duties_label.setText(
            _("Duties: {duties}").format(duties=one_line(post.duties)) if post and post.duties else ""
        )
        if member_id is None or post_id is None:
            self.check = None
            self.warning_label.setText(_("Choose a member and a post."))
            self.ok_button.setEnabled(False)
            return
        self.check = check = service.check_assignment(self.workspace, member_id, post_id, self.term.id)
        lines = [f"✖ {text}" for text in check.errors]
        lines += [f"⚠ {text}" for text in check.warnings]
        lines += [f"ℹ {text}" for text in check.notes]
        if check.needs_reason and check.allowed:
            lines.append(_("This is allowed with a reason: write it below."))
        self.warning_label.setText("\n".join(lines))
        color = ERROR_COLOR if check.errors else WARNING_COLOR
        self.warning_label.setStyleSheet(f"color: {color};" if lines else "")
        self.ok_button.setEnabled(check.allowed)
        self.rows["reason"].show_error("")

    def save(self) -> None:
        for row in self.rows.values():
            row.show_error("")
        if try_save(self, self._store, self._show_errors):
            self.accept()

    def _store(self) -> None:
        self.saved = service.assign(
            self.workspace,
            self.member_combo.currentData(),
            self.post_combo.currentData(),
            self.term.id,
            commitment=self.commitment_edit.toPlainText(),
            reason=self.reason_edit.text(),
        )

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        show_on_rows(self.rows, errors, "reason")
        if "reason" in errors:
            self.reason_edit.setFocus()


class CommitmentDialog(QDialog):
    def __init__(
        self, workspace: Workspace, row: service.AssignmentInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.setWindowTitle(
            _("Commitment of {name} ({post})").format(name=row.member_name, post=row.post_name)
        )
        self.setModal(True)
        self.edit = QPlainTextEdit(row.commitment)
        self.edit.setMinimumHeight(self.fontMetrics().height() * 5)
        self.field = FieldRow(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Commitment")))
        layout.addWidget(self.field)
        layout.addWidget(dialog_buttons(self, _("Save"), self.save))
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        def store() -> None:
            service.update_commitment(self.workspace, self.row.id, self.edit.toPlainText())

        if try_save(self, store, lambda errors: self.field.show_error(" ".join(errors.values()))):
            self.accept()
