"""核定: a member's (or several members') dues standard for a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.choices import DUES_CATEGORY
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.dues.common import DuesDialog, default_first_month
from dangjian_desktop.ui.widgets.kit import MonthPicker, money_text


def _title(rows: Sequence[dues.StandardRow], year: int) -> str:
    if len(rows) == 1:
        return _("Declare the dues standard of {name} for {year}").format(name=rows[0].name, year=year)
    return _("Declare the dues standard of {count} members for {year}").format(count=len(rows), year=year)


class StandardDialog(DuesDialog):
    """核定: category, income and the first month; the monthly amount is shown as it will be worked out.
    With several members chosen, they all get the same standard (one transaction, one audit entry each)."""

    def __init__(
        self,
        workspace: Workspace,
        row: dues.StandardRow | Sequence[dues.StandardRow],
        year: int,
        parent: QWidget | None = None,
    ):
        rows = [row] if isinstance(row, dues.StandardRow) else list(row)
        super().__init__(_title(rows, year), _("Declare"), parent)
        self.workspace = workspace
        self.rows = rows
        self.row = self.rows[0]
        self.year = year
        known = self.row.standard or self.row.previous
        self.category = QComboBox()
        for choice in DUES_CATEGORY:
            self.category.addItem(choice.label(), choice.code)
        start = known.category if known else (self.row.roster_category or "farmer")
        self.category.setCurrentIndex(max(0, self.category.findData(start)))
        self.income = QLineEdit("" if not known or known.income is None else f"{known.income:.2f}")
        self.income.setPlaceholderText(_("After tax, regular monthly pay or basic pension"))
        self.first_month = MonthPicker(default_first_month(workspace, year))
        self.first_month.edit.setMinimumDate(QDate(year, 1, 1))
        self.first_month.edit.setMaximumDate(QDate(year, 12, 1))
        self.note = QLineEdit()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        hint = QLabel(_("A farmer working away with a regular income is declared as employed, by income."))
        hint.setWordWrap(True)
        if len(self.rows) > 1:
            names = QLabel("、".join(r.name for r in self.rows))
            names.setWordWrap(True)
            self.form.addRow(_("Members:"), names)
        self.form.addRow(_("Category:"), self.category)
        self.form.addRow(_("Monthly income (yuan):"), self.income)
        self.form.addRow(_("From month:"), self.first_month)
        self.form.addRow(_("Note:"), self.note)
        self.form.addRow(_("Monthly dues:"), self.preview)
        self.lay_out(hint)
        self.category.currentIndexChanged.connect(lambda _i: self._update())
        self.income.textChanged.connect(lambda _t: self._update())
        self.settings = dues.dues_settings(workspace)
        self._update()

    def _update(self) -> None:
        code = self.category.currentData()
        needs_income = code in rules.INCOME_CATEGORIES
        self.income.setEnabled(needs_income)
        try:
            assessment = rules.assess_standard(
                code,
                self.income.text() if needs_income else None,
                dt.date(self.year, 12, 1),
                farmer_amount=self.settings.farmer_amount,
                rounding=self.settings.rounding,
            )
        except AppError as error:
            self.preview.setText(error.message if self.income.text() or not needs_income else "")
            return
        self.preview.setText(
            _("{amount} yuan — {how}").format(
                amount=money_text(assessment.amount), how=assessment.explanation()
            )
        )

    def save(self) -> None:
        self.finish(
            lambda: dues.declare_standards(
                self.workspace,
                [r.member_id for r in self.rows],
                year=self.year,
                category=self.category.currentData(),
                income=self.income.text(),
                from_month=self.first_month.month(),
                note=self.note.text(),
            )
        )
