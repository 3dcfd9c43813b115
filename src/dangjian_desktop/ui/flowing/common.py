"""What the 流动党员 page and its dialogs share: dates as shown in lists and forms, the editable combo
box of usual choices that carries each choice's code, and the button row of the print dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton

from dangjian_desktop.domain.choices import ChoiceList
from dangjian_desktop.i18n import _


def date_text(value: dt.date | None) -> str:
    """A date as the lists show it ("2026-03-01"); empty for none."""
    return "" if value is None else value.isoformat()


def today_text() -> str:
    return dt.date.today().isoformat()


def code_combo(choices: ChoiceList, code: str = "") -> QComboBox:
    """An editable list of the usual choices: each carries its code; other text is kept as typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for choice in choices:
        combo.addItem(choice.label(), choice.code)
    if code:
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentText(code)
    return combo


def button_row(dialog: QDialog, buttons: Sequence[QPushButton]) -> QHBoxLayout:
    """The buttons of a print dialog on one line, then Close at the right end."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    close = QPushButton(_("Close"))
    close.clicked.connect(dialog.accept)
    row.addWidget(close)
    return row
