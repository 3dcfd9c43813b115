"""The question asked the first time 党费 is opened: from which month the program keeps the ledger."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui.widgets.kit import MonthPicker, action_button, show_error
from dangjian_desktop.ui.widgets.text_size import bold_font


class LedgerStartBar(QFrame):
    """Asked the first time 党费 is opened (issue 13): from which month the program keeps the ledger.
    Months before it are in the paper book. Also in 业务设置; shown until a month is chosen."""

    chosen = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("ledgerStartBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#ledgerStartBar { background: #fff8dc; border: 1px solid #d4b106; }")
        # the question on its own line, the answer under it: one line with both is wider than a small
        # window at large text, and a wrapped label makes the page's height jump
        layout = QVBoxLayout(self)
        self.question = QLabel(
            _(
                "From which month does this program keep the dues ledger? Earlier months: the paper book is what counts."
            )
        )
        self.question.setFont(bold_font())
        self.question.setToolTip(_("It can be changed later on 设置/备份 → 业务设置."))
        layout.addWidget(self.question)
        answer = QHBoxLayout()
        self.month = MonthPicker(Month.of(dt.date.today()))
        answer.addWidget(self.month)
        self.ok_button = action_button(_("Start the ledger at this month"), self.choose, answer)
        self.ok_button.setObjectName("primary")
        answer.addStretch(1)
        layout.addLayout(answer)

    def choose(self) -> None:
        try:
            dues.set_ledger_start(self.workspace, self.month.month())
        except AppError as error:
            show_error(self, error)
            return
        self.hide()
        self.chosen.emit()
