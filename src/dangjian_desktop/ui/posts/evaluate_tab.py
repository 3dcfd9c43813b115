"""评岗: a grade and a comment per member and post, based on the records; the member's history."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import posts as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.posts.common import PostsTab, TermSource, button_row, one_line, panel, splitter
from dangjian_desktop.ui.widgets.tables import big_button, data_table, selected_data, table_item


def _text(text: str) -> str:
    return html.escape(text)


def _record_html(record: service.RecordInfo) -> str:
    """One record of a term: its day and text, and who confirmed it."""
    confirmed = ""
    if record.confirmed_by:
        confirmed = "（" + _text(_("confirmed by {name}").format(name=record.confirmed_by)) + "）"
    return f"<li>{_text(format_date(record.day))}　{_text(one_line(record.text))}{confirmed}</li>"


def _entry_html(entry: service.HistoryEntry) -> str:
    """One term of the history: the post and grade, the commitment and comment, the records."""
    grade_line = _text(_("Grade: {grade}").format(grade=entry.grade or _("(not graded)")))
    parts = [f"<p><b>{_text(entry.term.label)}　{_text(entry.post_name)}</b>　{grade_line}</p>"]
    if entry.commitment:
        commitment = _text(_("Commitment: {text}").format(text=one_line(entry.commitment)))
        parts.append(f"<p>{commitment}</p>")
    if entry.comment:
        parts.append("<p>" + _text(_("Comment: {text}").format(text=entry.comment)) + "</p>")
    if not entry.records:
        parts.append("<p>" + _text(_("No records.")) + "</p>")
        return "".join(parts)
    items = "".join(_record_html(r) for r in entry.records)
    parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def history_html(name: str, entries: Sequence[service.HistoryEntry]) -> str:
    heading = "<h3>" + _text(_("History of {name} on posts").format(name=name)) + "</h3>"
    return heading + "".join(_entry_html(entry) for entry in entries)


def saved_text(graded: int, taken_back: Sequence[str]) -> str:
    """What a save says: how many grades were saved, and whose were taken back."""
    names = "、".join(taken_back)
    if not taken_back:
        return _("Grades saved: {count}.").format(count=graded)
    if not graded:
        return _("Grades taken back: {names}.").format(names=names)
    return _("Grades saved: {count}. Grades taken back: {names}.").format(count=graded, names=names)


class EvaluateTab(PostsTab):
    """评岗: a grade and a comment per member and post, based on the records; the member's history."""

    COL_MEMBER, COL_POST, COL_RECORDS, COL_GRADE, COL_COMMENT = range(5)

    def __init__(self, workspace: Workspace, term: TermSource, parent: QWidget | None = None) -> None:
        super().__init__(workspace, term, parent)
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
        left, left_layout = panel()
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(button_row(self.save_button, right=True))
        self.status = QLabel()  # e.g. a member opened from the home page is no longer on a post
        self.status.setObjectName("evaluateStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1a5fb4; font-weight: bold;")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(splitter(Qt.Orientation.Horizontal, (left, self.history), (3, 2)), 1)

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
        item = self.table.item(row, self.COL_MEMBER)
        if item is not None:
            self.table.scrollToItem(item)
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
            self._fill_row(row, info, grades)

    def _fill_row(self, row: int, info: service.AssignmentInfo, grades: Sequence[str]) -> None:
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
                self._point_at(row, info, error)
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
        messages.info(self, saved_text(graded, taken_back))
        if graded or taken_back:
            self.changed.emit()

    def _point_at(self, row: int, info: service.AssignmentInfo, error: AppError) -> None:
        """Keep the table as typed (the rows saved so far are saved): point at the row to correct."""
        wrong_grade = isinstance(error, FieldErrors) and "grade" in error.errors
        self.table.setCurrentCell(row, self.COL_GRADE if wrong_grade else self.COL_COMMENT)
        messages.error(self, _("{name}: {message}").format(name=info.member_name, message=error.message))
        if wrong_grade:
            self.grade_combo(row).setFocus()

    def _show_history(self) -> None:
        assignment_id = selected_data(self.table)
        info = next((r for r in self._rows if r.id == assignment_id), None)
        if info is None:
            self.history.clear()
            return
        self.history.setHtml(
            history_html(info.member_name, service.member_history(self.workspace, info.member_id))
        )
