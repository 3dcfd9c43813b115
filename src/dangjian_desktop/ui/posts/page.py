"""设岗定责: posts for members without office, in five tabs that follow the yearly cycle.

岗位设置 (the catalogue and the module's settings) → 认岗定岗 (who still has no post; assign with the
rules' warnings and a reason; each member's commitment) → 履岗记实 (quick entry after a meeting: tick
several members, one date, one text, who confirmed it) → 评岗 (a grade and comment per member and post;
each member's history over all terms) → 公示 (preview of the board, PDF A4 / A3, duty cards).

The term picked at the top applies to every tab. A posts line of the home page (a post without a grade)
opens the 评岗 tab on the line's term with its member selected (``show_due_item``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _, format_date, table_date
from dangjian_desktop.services import branch as branch_service
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.home import POST_GRADE, DueItem, post_lines
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.tasks import run_in_background
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout, kept_together
from dangjian_desktop.ui.widgets.forms import ErrorLabel, FieldRow, TitleLabel, form_label, new_form_layout
from dangjian_desktop.ui.widgets.landing import land_on_member, member_name
from dangjian_desktop.ui.widgets.tables import (
    ID_ROLE,
    big_button,
    data_table,
    qdate,
    select_by_data,
    selected_data,
    table_item,
)
from dangjian_desktop.ui.widgets.text_size import keep_fitted

WARNING_COLOR = "#9c5700"


def _show_app_error(parent: QWidget, error: BaseException) -> None:
    if isinstance(error, AppError):
        messages.error(parent, error.message)
        return
    raise error


def _one_line(text: str) -> str:
    return "；".join(part for part in text.splitlines() if part.strip())


# ----- dialogs ----------------------------------------------------------------------------------------------


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
        try:
            if self.post is None:
                self.saved = service.add_post(self.workspace, raw)
            else:
                self.saved = service.update_post(self.workspace, self.post.id, raw)
        except FieldErrors as error:
            for key, message in error.errors.items():
                self.rows.get(key, self.rows["name"]).show_error(message)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()


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
        self.start_edit = _date_edit(dt.date(today.year, 1, 1))
        self.end_edit = _date_edit(dt.date(today.year, 12, 31))
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start this term"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(year_row)
        layout.addWidget(self.span_radio)
        layout.addLayout(span_row)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        for widget in (self.start_edit, self.end_edit):
            widget.dateChanged.connect(lambda _d: self.span_radio.setChecked(True))
        self.year_spin.valueChanged.connect(lambda _v: self.year_radio.setChecked(True))

    def save(self) -> None:
        try:
            if self.year_radio.isChecked():
                self.term = service.term_for_year(self.workspace, self.year_spin.value())
            else:
                self.term = service.open_term(
                    self.workspace, _py_date(self.start_edit), _py_date(self.end_edit)
                )
        except FieldErrors as error:
            self.error_label.show_message(" ".join(error.errors.values()))
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()


def _date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _py_date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def _member_label(option: service.MemberOption) -> str:
    notes: list[str] = []
    if option.posts:
        notes.append(_("already on: {posts}").format(posts="、".join(option.posts)))
    if not option.without_office:
        notes.append(_("office: {office}").format(office=option.office))
    if option.flowing:
        notes.append(_("working away"))
    return option.name + (f"（{'；'.join(notes)}）" if notes else "")


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
        self.check: Any = None
        self.setWindowTitle(_("Assign a post ({term})").format(term=term.label))
        self.setModal(True)

        self.member_combo = QComboBox()
        for option in service.roster_options(workspace, term.id):
            self.member_combo.addItem(_member_label(option), option.id)
        self.post_combo = QComboBox()
        taken: dict[int, int] = {}
        for row in service.assignments(workspace, term.id):
            taken[row.post_id] = taken.get(row.post_id, 0) + 1
        first_with_room = -1
        for post in service.list_posts(workspace, active_only=True):
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
        if member_id is not None:
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(member_id)))
        if post_id is not None:
            self.post_combo.setCurrentIndex(max(0, self.post_combo.findData(post_id)))
        else:  # a full post is never offered first: Enter or a quick click must not overfill it
            self.post_combo.setCurrentIndex(first_with_room)
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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Assign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.member_combo.currentIndexChanged.connect(self._recheck)
        self.post_combo.currentIndexChanged.connect(self._recheck)
        self._posts = {p.id: p for p in service.list_posts(workspace, active_only=True)}
        self._recheck()
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _recheck(self) -> None:
        member_id, post_id = self.member_combo.currentData(), self.post_combo.currentData()
        post = self._posts.get(post_id) if post_id is not None else None
        self.duties_label.setText(
            _("Duties: {duties}").format(duties=_one_line(post.duties)) if post and post.duties else ""
        )
        if member_id is None or post_id is None:
            self.check = None
            self.warning_label.setText(_("Choose a member and a post."))
            self.ok_button.setEnabled(False)
            return
        self.check = service.check_assignment(self.workspace, member_id, post_id, self.term.id)
        lines = [f"✖ {text}" for text in self.check.errors]
        lines += [f"⚠ {text}" for text in self.check.warnings]
        lines += [f"ℹ {text}" for text in self.check.notes]
        if self.check.needs_reason and self.check.allowed:
            lines.append(_("This is allowed with a reason: write it below."))
        self.warning_label.setText("\n".join(lines))
        color = "#c00000" if self.check.errors else WARNING_COLOR
        self.warning_label.setStyleSheet(f"color: {color};" if lines else "")
        self.ok_button.setEnabled(self.check.allowed)
        self.rows["reason"].show_error("")

    def save(self) -> None:
        for row in self.rows.values():
            row.show_error("")
        try:
            self.saved = service.assign(
                self.workspace,
                self.member_combo.currentData(),
                self.post_combo.currentData(),
                self.term.id,
                commitment=self.commitment_edit.toPlainText(),
                reason=self.reason_edit.text(),
            )
        except FieldErrors as error:
            for key, message in error.errors.items():
                self.rows.get(key, self.rows["reason"]).show_error(message)
            if "reason" in error.errors:
                self.reason_edit.setFocus()
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()


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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Commitment")))
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        try:
            service.update_commitment(self.workspace, self.row.id, self.edit.toPlainText())
        except FieldErrors as error:
            self.field.show_error(" ".join(error.errors.values()))
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.accept()


# ----- the tabs -------------------------------------------------------------------------------------------


class _Tab(QWidget):
    changed = Signal()

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace

    @property
    def term(self) -> service.TermInfo | None:
        return self.page.term

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError


class CatalogueTab(_Tab):
    """岗位设置: the posts, and the module's settings."""

    COLUMNS = 4

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self._posts: list[service.PostInfo] = []
        intro = QLabel(
            _(
                "The posts of the branch, with their duties. The usual posts are filled in for you; change, "
                "add or turn them off as the branch decides. A post that is not in use stays in the history."
            )
        )
        intro.setWordWrap(True)
        self.table = data_table([_("Post"), _("Members needed"), _("In use"), _("Duties")])
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_post())
        self.add_button = big_button(_("Add a post…"))
        self.edit_button = big_button(_("Change…"))
        self.toggle_button = big_button(_("Turn off"))
        self.add_button.clicked.connect(self.add_post)
        self.edit_button.clicked.connect(self.edit_post)
        self.toggle_button.clicked.connect(self.toggle_post)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        settings_box = QGroupBox(_("Settings"))
        self.several_check = QCheckBox(_("A member may hold more than one post in a term"))
        self.grades_edit = QLineEdit()
        self.grades_edit.setPlaceholderText("优秀、称职、基本称职、不称职")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 60)
        self.days_spin.setSuffix(_(" days"))
        self.settings_error = ErrorLabel()
        self.save_settings_button = big_button(_("Save settings"))
        self.save_settings_button.clicked.connect(self.save_settings)
        form = new_form_layout()
        form.addRow("", self.several_check)
        form.addRow(form_label(_("Grades (separated by 、)")), self.grades_edit)
        form.addRow(form_label(_("Days the board is up")), self.days_spin)
        form.addRow("", self.settings_error)
        settings_layout = QVBoxLayout(settings_box)
        settings_layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_settings_button)
        settings_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(settings_box)

    def reload(self) -> None:
        selected = selected_data(self.table)
        self._posts = service.list_posts(self.workspace)
        self.table.setRowCount(len(self._posts))
        for row, post in enumerate(self._posts):
            self.table.setItem(row, 0, table_item(post.name, post.id))
            needed = table_item(str(post.members_needed))
            needed.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 1, needed)
            self.table.setItem(row, 2, table_item(_("yes") if post.active else _("no")))
            self.table.setItem(row, 3, table_item(_one_line(post.duties)))
        if selected is not None:
            select_by_data(self.table, selected)
        settings = service.post_settings(self.workspace)
        self.several_check.setChecked(settings.allow_several_posts)
        self.grades_edit.setText("、".join(settings.grades))
        self.days_spin.setValue(settings.notice_days)
        self.settings_error.show_message("")
        self._update_buttons()

    def selected_post(self) -> service.PostInfo | None:
        post_id = selected_data(self.table)
        return next((p for p in self._posts if p.id == post_id), None)

    def _update_buttons(self) -> None:
        post = self.selected_post()
        self.edit_button.setEnabled(post is not None)
        self.toggle_button.setEnabled(post is not None)
        self.toggle_button.setText(_("Turn on") if post is not None and not post.active else _("Turn off"))

    def add_post(self) -> None:
        dialog = PostDialog(self.workspace, parent=self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self.reload()
            select_by_data(self.table, dialog.saved.id)
            self.changed.emit()

    def edit_post(self) -> None:
        post = self.selected_post()
        if post is None:
            return
        dialog = PostDialog(self.workspace, post, parent=self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def toggle_post(self) -> None:
        post = self.selected_post()
        if post is None:
            return
        try:
            service.set_post_active(self.workspace, post.id, not post.active)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.reload()
        self.changed.emit()

    def save_settings(self) -> None:
        self.settings_error.show_message("")
        try:
            service.save_post_settings(
                self.workspace,
                allow_several_posts=self.several_check.isChecked(),
                grades=self.grades_edit.text(),
                notice_days=self.days_spin.value(),
            )
        except FieldErrors as error:
            self.settings_error.show_message(" ".join(error.errors.values()))
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.reload()
        messages.info(self, _("The settings were saved."))
        self.changed.emit()


class AssignTab(_Tab):
    """认岗定岗: who still has no post, the assignments of the term, and the assign dialog."""

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self._rows: list[service.AssignmentInfo] = []
        self.waiting_title = QLabel()
        self.waiting_list = QListWidget()
        self.waiting_list.itemDoubleClicked.connect(lambda item: self.assign(item.data(ID_ROLE)))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.waiting_title)
        left_layout.addWidget(self.waiting_list, 1)
        hint = QLabel(_("Double-click a name to give that member a post."))
        hint.setWordWrap(True)
        left_layout.addWidget(hint)

        self.table = data_table([_("Post"), _("Member"), _("Commitment"), _("Reason for the exception")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_commitment())
        self.assign_button = big_button(_("Assign a post…"))
        self.commitment_button = big_button(_("Change the commitment…"))
        self.remove_button = big_button(_("Take off the post"))
        self.assign_button.clicked.connect(lambda: self.assign())
        self.commitment_button.clicked.connect(self.edit_commitment)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.assign_button, self.commitment_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self) -> None:
        self.waiting_list.clear()
        self.table.setRowCount(0)
        term = self.term
        if term is None:
            self.waiting_title.setText("")
            self._update_buttons()
            return
        waiting = service.members_without_post(self.workspace, term.id)
        self.waiting_title.setText(
            _("Members without office who have no post yet: {count}").format(count=len(waiting))
        )
        for option in waiting:
            item = QListWidgetItem(_member_label(option))
            item.setData(ID_ROLE, option.id)
            self.waiting_list.addItem(item)
        selected = selected_data(self.table)
        self._rows = service.assignments(self.workspace, term.id)
        self.table.setRowCount(len(self._rows))
        for row, info in enumerate(self._rows):
            self.table.setItem(row, 0, table_item(info.post_name, info.id))
            self.table.setItem(row, 1, table_item(info.member_name))
            self.table.setItem(row, 2, table_item(_one_line(info.commitment)))
            self.table.setItem(row, 3, table_item(info.exception_reason))
        self.table.resizeRowsToContents()
        if selected is not None:
            select_by_data(self.table, selected)
        self._update_buttons()

    def selected_assignment(self) -> service.AssignmentInfo | None:
        assignment_id = selected_data(self.table)
        return next((r for r in self._rows if r.id == assignment_id), None)

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(self.term is not None)
        has = self.selected_assignment() is not None
        self.commitment_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def assign(self, member_id: int | None = None, post_id: int | None = None) -> AssignDialog | None:
        term = self.term
        if term is None:
            return None
        dialog = AssignDialog(self.workspace, term, member_id, post_id, parent=self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self.reload()
            select_by_data(self.table, dialog.saved.id)
            self.changed.emit()
        return dialog

    def edit_commitment(self) -> None:
        row = self.selected_assignment()
        if row is None:
            return
        dialog = CommitmentDialog(self.workspace, row, parent=self)
        self.page.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def remove(self) -> None:
        row = self.selected_assignment()
        if row is None:
            return
        question = _("Take {name} off the post {post}?").format(name=row.member_name, post=row.post_name)
        if not messages.confirm(self, question, _("Take off"), _("Keep")):
            return
        try:
            service.remove_assignment(self.workspace, row.id)
        except AppError as error:
            messages.error(self, error.message)
            return
        self.reload()
        self.changed.emit()


class RecordsTab(_Tab):
    """履岗记实: tick the members, one date, what was done, who confirmed it; the term's records below."""

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self.members_list = QListWidget()
        self.all_button = big_button(_("Tick all"))
        self.none_button = big_button(_("Tick none"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.all_button)
        tick_row.addWidget(self.none_button)
        tick_row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Who took part (tick them):")))
        left_layout.addWidget(self.members_list, 1)
        left_layout.addLayout(tick_row)

        self.date_edit = _date_edit(dt.date.today())
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("e.g. 参加村环境卫生整治，清理垃圾"))
        text_edit = self.text_edit
        keep_fitted(text_edit, lambda: text_edit.setMinimumHeight(text_edit.fontMetrics().height() * 4))
        self.confirmed_edit = QLineEdit()
        self.confirmed_edit.setPlaceholderText(_("e.g. the branch secretary's name"))
        self.rows = {
            "date": FieldRow(self.date_edit),
            "text": FieldRow(self.text_edit),
            "confirmed_by": FieldRow(self.confirmed_edit),
        }
        self.general_error = ErrorLabel()
        self.save_button = big_button(_("Save for the ticked members"))
        self.save_button.clicked.connect(self.save)
        form = new_form_layout()
        form.addRow(form_label(_("Date"), required=True), self.rows["date"])
        form.addRow(form_label(_("What the member did"), required=True), self.rows["text"])
        form.addRow(form_label(_("Confirmed by")), self.rows["confirmed_by"])
        form.addRow("", self.general_error)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addLayout(save_row)
        right_layout.addStretch(1)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 2)
        top.setChildrenCollapsible(False)

        self.records_title = QLabel()
        self.table = data_table(
            [_("Date"), _("Member"), _("Post"), _("What the member did"), _("Confirmed by")]
        )
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.records_title)
        bottom_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self) -> None:
        ticked = set(self.ticked_assignments())
        self.members_list.clear()
        self.table.setRowCount(0)
        term = self.term
        self.save_button.setEnabled(term is not None)
        if term is None:
            return
        for info in service.assignments(self.workspace, term.id):
            item = QListWidgetItem(f"{info.member_name} — {info.post_name}")
            item.setData(ID_ROLE, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.id in ticked else Qt.CheckState.Unchecked)
            self.members_list.addItem(item)
        today = dt.date.today()
        latest = min(term.end, today) if today >= term.start else term.start
        self.date_edit.setDateRange(qdate(term.start), qdate(latest))
        if not self.confirmed_edit.text():
            profile = branch_service.load_profile(self.workspace)
            self.confirmed_edit.setText(profile.secretary if profile else "")
        records = service.records(self.workspace, term.id)
        self.records_title.setText(_("Records of this term: {count}").format(count=len(records)))
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            self.table.setItem(row, 0, table_item(table_date(record.day), record.id))
            self.table.setItem(row, 1, table_item(record.member_name))
            self.table.setItem(row, 2, table_item(record.post_name))
            self.table.setItem(row, 3, table_item(_one_line(record.text)))
            self.table.setItem(row, 4, table_item(record.confirmed_by))

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for row in range(self.members_list.count()):
            self.members_list.item(row).setCheckState(state)

    def tick(self, assignment_ids: list[int]) -> None:
        for row in range(self.members_list.count()):
            item = self.members_list.item(row)
            if item.data(ID_ROLE) in assignment_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def ticked_assignments(self) -> list[int]:
        return [
            self.members_list.item(row).data(ID_ROLE)
            for row in range(self.members_list.count())
            if self.members_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        for field_row in self.rows.values():
            field_row.show_error("")
        self.general_error.show_message("")
        ticked = self.ticked_assignments()
        try:
            created = service.add_records(
                self.workspace,
                ticked,
                _py_date(self.date_edit),
                self.text_edit.toPlainText(),
                self.confirmed_edit.text(),
            )
        except FieldErrors as error:
            for key, message in error.errors.items():
                target = self.rows.get(key)
                if target is None:
                    self.general_error.show_message(message)
                else:
                    target.show_error(message)
            return
        except AppError as error:
            messages.error(self, error.message)
            return
        self.text_edit.clear()
        self._tick_all(False)
        self.reload()
        self.general_error.show_message("")
        messages.info(self, _("Saved for {count} members.").format(count=len(created)))
        self.changed.emit()


class EvaluateTab(_Tab):
    """评岗: a grade and a comment per member and post, based on the records; the member's history."""

    COL_MEMBER, COL_POST, COL_RECORDS, COL_GRADE, COL_COMMENT = range(5)

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self._rows: list[service.AssignmentInfo] = []
        self._shown_term_id: int | None = None
        intro = QLabel(
            _(
                "At the end of the term, give each member a grade on the post, looking at the records. "
                "Click a member to see all their terms on the right."
            )
        )
        intro.setWordWrap(True)
        self.table = data_table([_("Member"), _("Post"), _("Records"), _("Grade"), _("Comment")])
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_history)
        self.save_button = big_button(_("Save the grades"))
        self.save_button.clicked.connect(self.save)
        self.history = QTextBrowser()
        self.history.setOpenLinks(False)
        self.history.setPlaceholderText(_("Click a member on the left to see all their terms here."))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        left_layout.addLayout(save_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.status = QLabel()  # e.g. a member opened from the home page is no longer on a post
        self.status.setObjectName("evaluateStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1a5fb4; font-weight: bold;")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def selected_member(self) -> int | None:
        assignment_id = selected_data(self.table)
        return next((r.member_id for r in self._rows if r.id == assignment_id), None)

    def select_member(self, member_id: int) -> bool:
        """Select the member's row (the first post without a grade if they hold several), scrolled into
        view. True when the member is in the term's list."""
        rows = [row for row, info in enumerate(self._rows) if info.member_id == member_id]
        if not rows:
            return False
        row = next((r for r in rows if not self._rows[r].grade), rows[0])
        self.table.setCurrentCell(row, self.COL_MEMBER)
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, self.COL_MEMBER))
        return True

    def typed(self, row: int) -> tuple[str, str]:
        """The grade and comment of a row as they are on screen."""
        comment_item = self.table.item(row, self.COL_COMMENT)
        return self.grade_combo(row).currentData() or "", comment_item.text() if comment_item else ""

    def has_unsaved_edits(self) -> bool:
        return any(self.typed(row) != (info.grade, info.comment) for row, info in enumerate(self._rows))

    def reload(self, *, discard_typed: bool = False) -> None:
        term = self.term
        if (
            not discard_typed
            and term is not None
            and term.id == self._shown_term_id
            and self.has_unsaved_edits()
        ):
            return  # keep grades typed and not saved yet (leaving the page or the tab must not lose them)
        self.show_status("")
        self.table.setRowCount(0)
        self.history.clear()
        self._shown_term_id = term.id if term is not None else None
        self.save_button.setEnabled(term is not None)
        if term is None:
            return
        grades = service.post_settings(self.workspace).grades
        self._rows = service.assignments(self.workspace, term.id)
        self.table.setRowCount(len(self._rows))
        for row, info in enumerate(self._rows):
            for column, text in (
                (self.COL_MEMBER, info.member_name),
                (self.COL_POST, info.post_name),
                (self.COL_RECORDS, str(info.record_count)),
            ):
                item = table_item(text, info.id if column == self.COL_MEMBER else None)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(_("(not graded)"), "")
            for grade in grades:
                combo.addItem(grade, grade)
            if info.grade and combo.findData(info.grade) < 0:
                combo.addItem(info.grade, info.grade)
            combo.setCurrentIndex(max(0, combo.findData(info.grade)))
            self.table.setCellWidget(row, self.COL_GRADE, combo)
            self.table.setItem(row, self.COL_COMMENT, QTableWidgetItem(info.comment))

    def grade_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, self.COL_GRADE)
        assert isinstance(widget, QComboBox)
        return widget

    def save(self) -> None:
        """Send every row whose grade or comment differs from what was saved, also back to "(not graded)"
        (that takes the grade back). A refused row is pointed at; the rows before it stay saved."""
        graded = 0
        taken_back: list[str] = []
        for row, info in enumerate(self._rows):
            grade, comment = self.typed(row)
            if grade == info.grade and comment == info.comment:
                continue
            try:
                saved = service.evaluate(self.workspace, info.id, grade, comment)
            except AppError as error:
                # keep the table as typed (the rows saved so far are saved): point at the row to correct
                wrong_grade = isinstance(error, FieldErrors) and "grade" in error.errors
                self.table.setCurrentCell(row, self.COL_GRADE if wrong_grade else self.COL_COMMENT)
                messages.error(
                    self, _("{name}: {message}").format(name=info.member_name, message=error.message)
                )
                if wrong_grade:
                    self.grade_combo(row).setFocus()
                if graded or taken_back:
                    self.changed.emit()
                return
            self._rows[row] = saved
            if (saved.grade, saved.comment) == (info.grade, info.comment):
                continue  # only spaces were typed: nothing changed
            if saved.grade:
                graded += 1
            else:
                taken_back.append(f"{info.member_name}（{info.post_name}）")
        self.reload(discard_typed=True)  # all saved: show it as stored (spaces trimmed)
        names = "、".join(taken_back)
        if not taken_back:
            text = _("Grades saved: {count}.").format(count=graded)
        elif not graded:
            text = _("Grades taken back: {names}.").format(names=names)
        else:
            text = _("Grades saved: {count}. Grades taken back: {names}.").format(count=graded, names=names)
        messages.info(self, text)
        if graded or taken_back:
            self.changed.emit()

    def _show_history(self) -> None:
        assignment_id = selected_data(self.table)
        info = next((r for r in self._rows if r.id == assignment_id), None)
        if info is None:
            self.history.clear()
            return
        parts = [f"<h3>{html.escape(_('History of {name} on posts').format(name=info.member_name))}</h3>"]
        for entry in service.member_history(self.workspace, info.member_id):
            grade = entry.grade or _("(not graded)")
            parts.append(
                f"<p><b>{html.escape(entry.term.label)}　{html.escape(entry.post_name)}</b>　"
                f"{html.escape(_('Grade: {grade}').format(grade=grade))}</p>"
            )
            if entry.commitment:
                parts.append(
                    f"<p>{html.escape(_('Commitment: {text}').format(text=_one_line(entry.commitment)))}</p>"
                )
            if entry.comment:
                parts.append(f"<p>{html.escape(_('Comment: {text}').format(text=entry.comment))}</p>")
            if entry.records:
                items = "".join(
                    f"<li>{html.escape(format_date(r.day))}　{html.escape(_one_line(r.text))}"
                    + (
                        f"（{html.escape(_('confirmed by {name}').format(name=r.confirmed_by))}）"
                        if r.confirmed_by
                        else ""
                    )
                    + "</li>"
                    for r in entry.records
                )
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{html.escape(_('No records.'))}</p>")
        self.history.setHtml("".join(parts))


class BoardTab(_Tab):
    """公示: the board previewed as it will print, printed or saved as PDF on A4 or A3, and the duty cards
    (printed or saved)."""

    def __init__(self, page: PostsPage) -> None:
        super().__init__(page)
        self._task: Any = None
        self._pending = False
        self.size_combo = QComboBox()
        self.size_combo.addItem(_("A4 portrait"), "a4")
        self.size_combo.addItem(_("A3 landscape"), "a3")
        self.size_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.print_button = big_button(_("Print the board…"))
        self.save_button = big_button(_("Save the board as PDF…"))
        self.print_cards_button = big_button(_("Print the duty cards…"))
        self.print_cards_button.setToolTip(_("One card per member on a post, six to an A4 sheet"))
        self.cards_button = big_button(_("Save the duty cards as PDF…"))
        self.print_button.clicked.connect(self.print_board)
        self.save_button.clicked.connect(self.save_board)
        self.print_cards_button.clicked.connect(self.print_cards)
        self.cards_button.clicked.connect(self.save_cards)
        top = FlowLayout()  # goes on to a second line at large text, never sideways
        top.addWidget(kept_together(_("Paper:"), self.size_combo))
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        top.addWidget(kept_together(self.print_cards_button, self.cards_button))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(16)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_widget)
        self.scroll.setStyleSheet("QScrollArea { background: #808080; }")
        self.pages_widget.setStyleSheet("background: #808080;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.scroll, 1)
        self.preview_pages = 0
        self.export_message = ""
        self.exporting: Any = None
        self._previewed: tuple[int, str, bytes] | None = None  # term id, paper, the board's PDF

    @property
    def paper(self) -> str:
        """ "a4" or "a3"."""
        return str(self.size_combo.currentData())

    @property
    def busy(self) -> bool:
        return self._task is not None

    def reload(self) -> None:
        term = self.term
        for button in self._buttons:
            button.setEnabled(term is not None)
        if term is None:
            self._show_pages(b"")
            return
        content = service.board_content(self.workspace, term.id)
        self.summary_label.setText(
            _(
                "The board shows {posts} posts and {members} members for {term}. Posts with nobody on them are "
                "left off. No ID numbers, members' phones or addresses are printed."
            ).format(posts=len(content.posts), members=content.member_count, term=term.label)
        )
        if self._task is not None:
            self._pending = True
            return
        workspace, term_id, size = self.workspace, term.id, self.paper
        self._previewed = None
        self._task = run_in_background(
            self,
            lambda: (term_id, size, service.board_pdf(workspace, term_id, size)),
            self._preview_ready,
            self._preview_failed,
        )

    @property
    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.print_button, self.save_button, self.print_cards_button, self.cards_button)

    def _preview_ready(self, result: tuple[int, str, bytes]) -> None:
        self._task = None
        if self._pending:
            self._pending = False
            self.reload()
            return
        self._previewed = result
        self._show_pages(result[2])

    def _preview_failed(self, error: BaseException) -> None:
        self._task = None
        self._pending = False
        _show_app_error(self, error)

    def _show_pages(self, data: bytes) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.preview_pages = 0
        if not data:
            return
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            # Wide enough to read, narrow enough to see the layout; A3 landscape gets the whole width.
            limit = 1100 if self.paper == "a4" else 2000
            width = max(400, min(limit, self.scroll.viewport().width() - 40))
            for index in range(len(document)):
                page = document[index]
                page_width = page.get_width()
                bitmap = page.render(scale=min(2.0, width / page_width), rev_byteorder=True)
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                ).copy()
                label = QLabel()
                pixmap = QPixmap.fromImage(image)
                label.setPixmap(pixmap)
                label.setFixedSize(pixmap.size())
                self.pages_layout.addWidget(label)
                page.close()
                self.preview_pages += 1
        finally:
            document.close()
        self.scroll.verticalScrollBar().setValue(0)
        QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(0))

    def _ask_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / suggested), _("PDF files (*.pdf)")
        )
        if not path:
            return None
        return Path(path if path.lower().endswith(".pdf") else path + ".pdf")

    def print_board(self) -> None:
        """The board through the printer dialog: the PDF the preview shows, when it is up to date."""
        term = self.term
        if term is None:
            return
        size = self.paper
        if self._task is None and self._previewed is not None and self._previewed[:2] == (term.id, size):
            data = self._previewed[2]
        else:
            try:
                data = service.board_pdf(self.workspace, term.id, size)
            except AppError as error:
                _show_app_error(self, error)
                return
        name = (
            _("post-board-{term}-{size}.pdf").format(term=term.title, size=size.upper()).removesuffix(".pdf")
        )
        printing.print_pdf(self, data, name=name)

    def print_cards(self) -> None:
        term = self.term
        if term is None:
            return
        try:
            if not service.duty_cards(self.workspace, term.id):
                messages.info(
                    self, _("Nobody has a post in this term yet, so there are no duty cards to print.")
                )
                return
            data = service.duty_cards_pdf(self.workspace, term.id)
        except AppError as error:
            _show_app_error(self, error)
            return
        name = _("duty-cards-{term}.pdf").format(term=term.title).removesuffix(".pdf")
        printing.print_pdf(self, data, name=name)

    def save_board(self) -> None:
        term = self.term
        if term is None:
            return
        suggested = _("post-board-{term}-{size}.pdf").format(term=term.title, size=self.paper.upper())
        path = self._ask_path(suggested)
        if path is None:
            return
        workspace, size = self.workspace, self.paper
        self._export(
            lambda: service.export_board(workspace, term.id, path, size),
            lambda _content: _("The board was saved to {path}").format(path=path),
        )

    def save_cards(self) -> None:
        term = self.term
        if term is None:
            return
        path = self._ask_path(_("duty-cards-{term}.pdf").format(term=term.title))
        if path is None:
            return
        workspace = self.workspace
        self._export(
            lambda: service.export_duty_cards(workspace, term.id, path),
            lambda count: _("{count} duty cards were saved to {path}").format(count=count, path=path),
        )

    def _export(self, job: Callable[[], Any], done_text: Callable[[Any], str]) -> None:
        self.export_message = ""
        self.save_button.setEnabled(False)
        self.cards_button.setEnabled(False)

        def finished(result: Any) -> None:
            self.save_button.setEnabled(True)
            self.cards_button.setEnabled(True)
            self.export_message = done_text(result)
            messages.info(self, self.export_message)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.cards_button.setEnabled(True)
            _show_app_error(self, error)

        self.exporting = run_in_background(self, job, finished, failed)


# ----- the page ----------------------------------------------------------------------------------------------


class PostsPage(QWidget):
    """设岗定责. ``data_changed`` is emitted after every change; ``dialog_opened`` lets tests reach a
    dialog before it runs."""

    data_changed = Signal()
    dialog_opened = Signal(object)

    TAB_CATALOGUE, TAB_ASSIGN, TAB_RECORDS, TAB_EVALUATE, TAB_BOARD = range(5)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._terms: list[service.TermInfo] = []
        self._loaded = False

        title = TitleLabel(_("Posts for members without office"))
        self.term_combo = QComboBox()
        self.term_combo.setMinimumContentsLength(14)
        self.term_combo.currentIndexChanged.connect(self._term_changed)
        self.new_term_button = big_button(_("New term…"))
        self.new_term_button.clicked.connect(self.new_term)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(QLabel(_("Term:")))
        heading.addWidget(self.term_combo)
        heading.addWidget(self.new_term_button)

        self.tabs = QTabWidget()
        self.catalogue_tab = CatalogueTab(self)
        self.assign_tab = AssignTab(self)
        self.records_tab = RecordsTab(self)
        self.evaluate_tab = EvaluateTab(self)
        self.board_tab = BoardTab(self)
        for tab, label in (
            (self.catalogue_tab, _("Post list")),
            (self.assign_tab, _("Assign posts")),
            (self.records_tab, _("Performance records")),
            (self.evaluate_tab, _("Evaluation")),
            (self.board_tab, _("Public board")),
        ):
            self.tabs.addTab(tab, label)
            tab.changed.connect(self._tab_changed)
        self.tabs.currentChanged.connect(lambda _i: self._reload_current())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)

    # ----- terms --------------------------------------------------------------------------------------------

    @property
    def term(self) -> service.TermInfo | None:
        term_id = self.term_combo.currentData()
        return next((t for t in self._terms if t.id == term_id), None)

    def _load_terms(self, select_id: int | None = None) -> None:
        """Fill the term list, choosing ``select_id`` if it is there, else the term shown, else the current
        one."""
        shown = self.term
        self._terms = service.list_terms(self.workspace)
        if not self._terms:
            self._terms = [service.term_for_year(self.workspace, dt.date.today().year)]
        ids = [term.id for term in self._terms]
        if select_id not in ids:
            current = shown if shown is not None and shown.id in ids else service.current_term(self.workspace)
            select_id = current.id if current else None
        self.term_combo.blockSignals(True)
        self.term_combo.clear()
        for term in self._terms:
            self.term_combo.addItem(term.label, term.id)
        self.term_combo.setCurrentIndex(max(0, self.term_combo.findData(select_id)))
        self.term_combo.blockSignals(False)

    def select_term(self, term_id: int) -> None:
        self.term_combo.setCurrentIndex(max(0, self.term_combo.findData(term_id)))

    def show_grading(self, term_id: int | None = None, member_id: int | None = None) -> bool:
        """The 评岗 tab on the term ``term_id`` (default: the term shown), read afresh, with the member's row
        selected and scrolled into view. A member no longer on a post in that term is said so above the
        list, with nothing selected. True when the member was selected."""
        if self.workspace.branch_id is None:
            return False
        tab = self.evaluate_tab
        with QSignalBlocker(self.tabs):  # read once, below
            self.tabs.setCurrentWidget(tab)
        try:
            self._load_terms(term_id if term_id is not None else (self.term.id if self.term else None))
        except AppError as error:
            messages.error(self, error.message)
            return False
        self._loaded = True
        self._reload_current()
        landed = land_on_member(tab.table, member_id, tab.select_member)
        if landed is not False:
            return bool(landed)
        assert member_id is not None  # landed is False only for a member asked for
        name = member_name(self.workspace, member_id)
        term = self.term
        tab.show_status(
            _("{name} no longer has a post in {term}; there is nothing to grade.").format(
                name=name, term=term.label if term else ""
            )
        )
        return False

    def show_due_item(self, item: DueItem, as_of: dt.date | None = None) -> bool:
        """A posts line of the home page (a post without a grade): the 评岗 tab on the line's term (it may
        have ended up to a year ago), the line's member selected. The heading opens the term of the group's
        first line."""
        term_id = item.subject_id
        if term_id is None and item.kind == POST_GRADE and self.workspace.branch_id is not None:
            try:
                first = next(iter(post_lines(self.workspace, as_of or dt.date.today())), None)
            except AppError:
                first = None
            term_id = first.subject_id if first is not None else None
        return self.show_grading(term_id, item.member_id)

    def new_term(self) -> None:
        dialog = TermDialog(self.workspace, parent=self)
        self.dialog_opened.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.term:
            self._load_terms(dialog.term.id)
            self._reload_current()

    def _term_changed(self, _index: int) -> None:
        self._reload_current()

    # ----- loading -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, an import or a restore)."""
        if self.workspace.branch_id is None:
            return
        self._load_terms(self.term.id if self.term else None)
        self._loaded = True
        self._reload_current()

    def _reload_current(self) -> None:
        if not self._loaded:
            return
        tab = self.tabs.currentWidget()
        if isinstance(tab, _Tab):
            try:
                tab.reload()
            except AppError as error:
                messages.error(self, error.message)

    def _tab_changed(self) -> None:
        self.data_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self.reload()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.FontChange and self._loaded:
            # the one table whose rows fit their text (the others keep one line, as when first shown)
            self.assign_tab.table.resizeRowsToContents()
        super().changeEvent(event)
