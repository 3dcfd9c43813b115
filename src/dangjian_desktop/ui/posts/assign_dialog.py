"""Assigning a member to a post for the term, with the rules' warnings and the reason they ask for."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
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
    FieldRow,
    dialog_buttons,
    form_label,
    new_form_layout,
)

OK = QDialogButtonBox.StandardButton.Ok


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
