"""张贴 / 撤下: the days a published sheet went on the board and came off it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QWidget

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.ui.notices.common import lay_out_small_form
from dangjian_desktop.ui.widgets.kit import date_edit, to_date


class BoardDatesDialog(QDialog):
    """张贴 / 撤下: when the sheet went on the board and when it was taken down."""

    def __init__(self, info: service.NoticeInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("On the notice board"))
        today = dt.date.today()
        self.posted_check = QCheckBox(_("Posted on the board on"))
        self.posted_edit = date_edit(info.posted_on or today)
        self.posted_check.setChecked(info.posted_on is not None)
        self.down_check = QCheckBox(_("Taken down on"))
        self.down_edit = date_edit(info.taken_down_on or max(today, info.content.period_to))
        self.down_check.setChecked(info.taken_down_on is not None)
        for check, edit in ((self.posted_check, self.posted_edit), (self.down_check, self.down_edit)):
            edit.setEnabled(check.isChecked())
            check.toggled.connect(edit.setEnabled)
        hint = QLabel(
            _("The disclosure period is {start} to {end}.").format(
                start=rules.chinese_date(info.content.period_from),
                end=rules.chinese_date(info.content.period_to),
            )
        )
        form = QFormLayout()
        form.addRow(self.posted_check, self.posted_edit)
        form.addRow(self.down_check, self.down_edit)
        lay_out_small_form(self, info.number, hint, form, self.accept)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        posted = to_date(self.posted_edit.date()) if self.posted_check.isChecked() else None
        down = to_date(self.down_edit.date()) if self.down_check.isChecked() else None
        return posted, down
