"""The 民主评议党员 tab: the year's sheet, one line per member; print or save the results."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.meetings.common import MeetingsHost, primary_button, print_document, save_document
from dangjian_desktop.ui.meetings.evaluation_dialog import EvaluationDialog
from dangjian_desktop.ui.widgets.kit import Tab, action_button, stretch_column
from dangjian_desktop.ui.widgets.tables import data_table, select_by_data, selected_data, table_item


def _file_name(year: int) -> str:
    return _("democratic-evaluation-{year}.pdf").format(year=year)


class EvaluationTab(Tab):
    """民主评议党员: the year's sheet, one line per member; a double click fills in a member's evaluation."""

    def __init__(self, workspace: Workspace, host: MeetingsHost, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.host = host
        self.rows: list[service.EvaluationRow] = []
        self.grades: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.addLayout(self._button_bar())
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

    def _button_bar(self) -> QHBoxLayout:
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
        self.edit_button = primary_button(_("Fill in the evaluation…"), self.edit_row)
        bar.addWidget(self.edit_button)
        self.print_button = action_button(_("Print the results…"), self.print_results, bar)
        self.pdf_button = action_button(_("Save as PDF…"), self.save_results, bar)
        self.pdf_button.setToolTip(_("Save the evaluation results as a PDF file"))
        bar.addStretch(1)
        return bar

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
        stretch_column(self.table, 2)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            self._fill_row(r, row)
        graded = sum(1 for row in self.rows if row.grade)
        self.status.setText(
            _("{year}: {graded} of {count} members have a final grade.").format(
                year=year, graded=graded, count=len(self.rows)
            )
        )
        if selected is not None:
            select_by_data(self.table, selected)

    def _fill_row(self, r: int, row: service.EvaluationRow) -> None:
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

    def edit_row(self) -> None:
        member_id = selected_data(self.table)
        if member_id is None:
            messages.info(self, _("First click a member in the list."))
            return
        row = next(r for r in self.rows if r.member_id == member_id)
        dialog = EvaluationDialog(self.workspace, row, self.grades, self)
        if self.host.open_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def print_results(self) -> None:
        """The year's 民主评议 results through the printer dialog."""
        year = self.year.value()
        print_document(
            self,
            lambda: service.evaluation_pdf_bytes(self.workspace, year),
            lambda: _file_name(year).removesuffix(".pdf"),
        )

    def save_results(self) -> None:
        year = self.year.value()
        save_document(
            self,
            _file_name(year),
            lambda path: service.export_evaluation(self.workspace, year, path),
            _("The results were saved as {path}."),
        )
