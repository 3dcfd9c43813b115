"""外出党员通讯录: 打印… and 保存为 PDF…, like every other document, and 导出 Excel… for a sheet to edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.flowing.common import button_row


class DirectoryDialog(QDialog):
    """外出党员通讯录: 打印… and 保存为 PDF…, like every other document, and 导出 Excel… for a sheet to edit."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Directory of members working away"))
        outer = QVBoxLayout(self)
        count = len(flowing.directory_entries(workspace))
        intro = QLabel(
            _(
                "{count} members working away, with their phones, where they are and who receives them. It is "
                "an internal list: keep the paper safe and do not post it."
            ).format(count=count)
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(self.print_directory)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.excel_button = QPushButton(_("Export Excel…"))
        self.excel_button.clicked.connect(lambda: self.save("xlsx"))
        outer.addLayout(button_row(self, (self.print_button, self.pdf_button, self.excel_button)))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def print_directory(self) -> bool:
        try:
            data = flowing.directory_pdf_bytes(self.workspace)
        except AppError as error:
            messages.error(self, error.message)
            return False
        return printing.print_pdf(self, data, name=flowing.directory_file_name().removesuffix(".pdf"))

    def save(self, suffix: str) -> None:
        default = Path.home() / flowing.directory_file_name(suffix)
        kinds = _("PDF files (*.pdf)") if suffix == "pdf" else _("Excel workbook (*.xlsx)")
        title = _("Save as PDF") if suffix == "pdf" else _("Save the directory of members away")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(default), kinds)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        try:
            count = flowing.export_directory(self.workspace, path)
        except AppError as error:
            messages.error(self, error.message)
            return
        messages.info(
            self, _("Directory of {count} members away written to {path}").format(count=count, path=path)
        )
