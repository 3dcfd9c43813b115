"""One member's 民主评议 for the year: self-assessment, votes per grade, the branch's final grade."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.forms import ErrorLabel, TitleLabel, dialog_buttons, form_label


class EvaluationDialog(QDialog):
    """One member's 民主评议 for the year: self-assessment, votes per grade, the branch's final grade."""

    def __init__(
        self,
        workspace: Workspace,
        row: service.EvaluationRow,
        grades: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row = row
        self.grades = tuple(grades)
        self.saved: service.EvaluationRow | None = None
        self.setWindowTitle(_("Democratic evaluation {year}: {name}").format(year=row.year, name=row.name))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            TitleLabel(_("{name} — democratic evaluation {year}").format(name=row.name, year=row.year))
        )
        layout.addWidget(QLabel(_("Self-assessment (what the member said of their own year)")))
        self.self_assessment = QPlainTextEdit(row.self_assessment)
        layout.addWidget(self.self_assessment, 1)
        layout.addWidget(self._votes_box())
        form = QFormLayout()
        self.grade = self._grade_box()
        form.addRow(form_label(_("Final grade (decided by the branch)")), self.grade)
        layout.addLayout(form)
        self.suggestion = QLabel()
        self.suggestion.setStyleSheet("color: #555;")
        layout.addWidget(self.suggestion)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, _("Save"), self.save))
        self._suggest()

    def _votes_box(self) -> QGroupBox:
        """One number per grade, the grade above it."""
        votes_box = QGroupBox(_("Votes per grade"))
        grid = QGridLayout(votes_box)
        self.votes: dict[str, QSpinBox] = {}
        for column, grade in enumerate(self.grades):
            grid.addWidget(QLabel(grade), 0, column, Qt.AlignmentFlag.AlignCenter)
            spin = QSpinBox()
            spin.setRange(0, 9999)
            spin.setValue(self.row.votes_for(grade))
            spin.setMinimumWidth(80)
            spin.valueChanged.connect(self._suggest)
            grid.addWidget(spin, 1, column)
            self.votes[grade] = spin
        return votes_box

    def _grade_box(self) -> QComboBox:
        """The grades of the setting, "not decided yet" first; a grade since removed stays choosable."""
        grade = QComboBox()
        grade.addItem(_("(not decided yet)"), "")
        for name in self.grades:
            grade.addItem(name, name)
        if self.row.grade and grade.findData(self.row.grade) < 0:
            grade.addItem(self.row.grade, self.row.grade)
        grade.setCurrentIndex(max(0, grade.findData(self.row.grade)))
        return grade

    def _suggest(self) -> None:
        leading = rules.leading_grade([(g, spin.value()) for g, spin in self.votes.items()])
        self.suggestion.setText(
            _("Most votes: {grade}. The branch decides the final grade.").format(grade=leading)
            if leading
            else ""
        )

    def save(self) -> None:
        try:
            self.saved = service.save_evaluation(
                self.workspace,
                self.row.year,
                self.row.member_id,
                self.self_assessment.toPlainText(),
                {g: spin.value() for g, spin in self.votes.items()},
                str(self.grade.currentData() or ""),
            )
        except AppError as error:
            self.error_label.show_message(error.message)
            return
        self.accept()
