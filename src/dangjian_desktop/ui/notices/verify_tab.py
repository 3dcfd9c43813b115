"""核验: is a printed sheet genuine and unaltered?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from dangjian_desktop.i18n import _
from dangjian_desktop.services import notices as service
from dangjian_desktop.ui.notices.common import BAD_COLOR, GOOD_COLOR, NoticesTab
from dangjian_desktop.ui.widgets.forms import TitleLabel, form_label, new_form_layout
from dangjian_desktop.ui.widgets.tables import big_button

if TYPE_CHECKING:
    from dangjian_desktop.ui.notices.page import NoticesPage


class VerifyTab(NoticesTab):
    """核验: is a printed sheet genuine and unaltered?"""

    def __init__(self, page: NoticesPage) -> None:
        super().__init__(page)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(_("e.g. 党务公开〔2026〕3号, or 2026-3"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("the eight characters beside the QR code, e.g. 7K3M-9QXA"))
        self.verify_button = big_button(_("Check"))
        self.verify_button.clicked.connect(self.verify)
        self.code_edit.returnPressed.connect(self.verify)
        self.result_label = TitleLabel("", factor=1.5)
        self.result_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.text_view = QTextBrowser()
        form = new_form_layout()
        form.addRow(form_label(_("Notice number")), self.number_edit)
        form.addRow(form_label(_("Check code")), self.code_edit)
        form.addRow("", self.verify_button)
        explanation = QLabel(
            _(
                "Type the number and the check code printed on a sheet. The program tells whether it is a notice "
                "this branch published, unaltered, and shows the archived text to compare with the sheet."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.text_view, 1)

    def reload(self) -> None:
        pass

    def verify(self) -> None:
        result = service.verify(self.workspace, self.number_edit.text(), self.code_edit.text())
        # a withdrawn or corrected sheet says so first, in red: a villager must not read it as valid
        self.result_label.setText(result.headline())
        ok = result.genuine and not result.superseded
        self.result_label.setStyleSheet(f"color: {GOOD_COLOR if ok else BAD_COLOR};")
        self.message_label.setText(result.message)
        show = result.genuine and result.notice is not None
        self.text_view.setPlainText(result.notice.content.full_text() if show else "")  # type: ignore[union-attr]
