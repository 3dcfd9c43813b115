"""设置: the public phones, the disclosure periods, the holidays and what the QR code holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.ui.notices.common import BAD_COLOR, GOOD_COLOR, NoticesTab
from dangjian_desktop.ui.widgets.forms import form_label, new_form_layout
from dangjian_desktop.ui.widgets.tables import big_button
from dangjian_desktop.ui.widgets.text_size import keep_fitted

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage


class SettingsTab(NoticesTab):
    """设置: the public phones printed on notices, the periods, the holidays and what the QR code holds."""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self.phones_edit = QPlainTextEdit()
        self.phones_edit.setPlaceholderText(
            _("One per line, a name and a number, e.g. 镇党委组织委员 0531-82345678")
        )
        phones = self.phones_edit
        keep_fitted(phones, lambda: phones.setMaximumHeight(phones.fontMetrics().height() * 5))
        self.holidays_edit = QPlainTextEdit()
        self.holidays_edit.setPlaceholderText(_("One date per line, e.g. 2026-10-01"))
        holidays = self.holidays_edit
        keep_fitted(holidays, lambda: holidays.setMaximumHeight(holidays.fontMetrics().height() * 5))
        self.place_edit = QLineEdit()
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://")
        self.qr_group = QButtonGroup(self)
        self.qr_text = QRadioButton(_("The text of the notice (works without internet)"))
        self.qr_link = QRadioButton(_("A link to the web page"))
        self.qr_group.addButton(self.qr_text)
        self.qr_group.addButton(self.qr_link)
        self.day_spins: dict[str, QSpinBox] = {}
        days_box = QGroupBox(_("Disclosure period of each kind of notice"))
        days_form = QFormLayout(days_box)
        for kind in rules.NOTICE_TYPES:
            spin = QSpinBox()
            spin.setRange(1, 90)
            spin.setSuffix(" " + (_("working days") if kind.working_days else _("days")))
            spin.setMaximumWidth(220)
            self.day_spins[kind.code] = spin
            days_form.addRow(kind.label() + "：", spin)
        self.save_button = big_button(_("Save the settings"))
        self.save_button.clicked.connect(self.save)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        form = new_form_layout()
        note = QLabel(
            _(
                "The branch's supervision phone (from the branch profile) is always printed. Only the phones "
                "listed here may appear on a notice besides it."
            )
        )
        note.setWordWrap(True)
        form.addRow(form_label(_("Public phones")), self.phones_edit)
        form.addRow("", note)
        form.addRow(form_label(_("Public holidays")), self.holidays_edit)
        form.addRow(form_label(_("Place of posting")), self.place_edit)
        qr_column = QVBoxLayout()
        qr_column.addWidget(self.qr_text)
        qr_column.addWidget(self.qr_link)
        qr_column.addWidget(self.link_edit)
        form.addRow(form_label(_("The QR code holds")), qr_column)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addWidget(days_box)
        inner_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner_layout.addWidget(self.message_label)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def reload(self) -> None:
        settings = service.notice_settings(self.workspace)
        self.phones_edit.setPlainText("\n".join(settings.public_phones))
        self.holidays_edit.setPlainText("\n".join(day.isoformat() for day in settings.holidays))
        self.place_edit.setText(settings.place)
        self.link_edit.setText(settings.link_base)
        (self.qr_link if settings.qr_mode == rules.QR_LINK else self.qr_text).setChecked(True)
        for code, spin in self.day_spins.items():
            spin.setValue(settings.days.get(code, rules.notice_type(code).default_days))
        self.message_label.setText("")

    def save(self) -> None:
        try:
            service.save_notice_settings(
                self.workspace,
                public_phones=self.phones_edit.toPlainText(),
                holidays=self.holidays_edit.toPlainText(),
                place=self.place_edit.text(),
                link_base=self.link_edit.text(),
                qr_mode=rules.QR_LINK if self.qr_link.isChecked() else rules.QR_TEXT,
                days={code: spin.value() for code, spin in self.day_spins.items()},
            )
        except FieldErrors as error:
            self.message_label.setStyleSheet(f"color: {BAD_COLOR};")
            self.message_label.setText("\n".join(error.errors.values()))
            return
        self.message_label.setStyleSheet(f"color: {GOOD_COLOR};")
        self.message_label.setText(_("Saved."))
        self.changed.emit()
