"""打印活动证: choose the layout of the member's activity book, see its pages, save the PDF or print it.

The preview holds the member's personal data: it lives in the dialog's own temporary folder, which goes
when the dialog closes; Save copies the pages she saw instead of rendering the book again.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import flowing
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.ui import messages, printing
from dangjian_desktop.ui.flowing.common import button_row
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.pdf_preview import pdf_page_images

LAYOUT_LABELS = (
    ("a5", N_("A5 booklet: the whole book on A5 pages")),
    ("a4-booklet", N_("A4 booklet: print both sides, flip on the long edge, fold in the middle")),
    ("a4-booklet-short", N_("A4 booklet: print both sides, flip on the short edge, fold in the middle")),
    ("inserts", N_("Record pages only, to go with the booklet from the province")),
)


class PrintBookDialog(QDialog):
    """打印活动证: choose the layout, see the pages, save the PDF or print it."""

    PREVIEW_WIDTH = 230

    def __init__(
        self, workspace: Workspace, member_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.member_id, self.name = workspace, member_id, name
        self.setWindowTitle(_("Print the activity book"))
        self.saved_path: Path | None = None
        # The preview holds the member's personal data: it lives in this dialog's own temporary folder,
        # which goes when the dialog closes (and, failing that, when the dialog object is collected).
        self._temporary = tempfile.TemporaryDirectory(prefix="dangjian-book-")
        self._preview_file: Path | None = None
        self._preview_result: flowing.PrintResult | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(TitleLabel(_("Activity book of {name}").format(name=name), factor=1.25))
        self.layout_group = QButtonGroup(self)
        try:
            current = flowing.flowing_settings(workspace).book_layout
        except AppError:
            current = "a5"
        for code, label in LAYOUT_LABELS:
            button = QRadioButton(_(label))
            button.setProperty("layout_code", code)
            button.setChecked(code == current)
            self.layout_group.addButton(button)
            outer.addWidget(button)
        self.layout_group.buttonToggled.connect(lambda *_args: self.refresh_preview())
        self.pages = QListWidget()
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setIconSize(QSize(self.PREVIEW_WIDTH, int(self.PREVIEW_WIDTH * 1.42)))
        self.pages.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.pages.setMovement(QListWidget.Movement.Static)
        self.pages.setSpacing(8)
        self.pages.setMinimumHeight(360)
        outer.addWidget(self.pages, 1)
        self.info = QLabel()
        self.info.setWordWrap(True)
        outer.addWidget(self.info)
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_book)
        outer.addLayout(button_row(self, (self.save_button, self.print_button)))
        self.resize(1000, 700)
        self.refresh_preview()

    def layout_code(self) -> str:
        button = self.layout_group.checkedButton()
        return str(button.property("layout_code")) if button else "a5"

    def _render_to(self, path: Path) -> flowing.PrintResult:
        return flowing.print_book(self.workspace, self.member_id, path, layout=self.layout_code())

    @property
    def preview_folder(self) -> Path:
        return Path(self._temporary.name)

    def refresh_preview(self) -> None:
        self.pages.clear()
        self._preview_file = self.preview_folder / "preview.pdf"
        self._preview_result = None
        try:
            result = self._render_to(self._preview_file)
        except AppError as error:
            self._preview_file.unlink(missing_ok=True)
            self.info.setText(error.message)
            return
        self._preview_result = result
        width = self.PREVIEW_WIDTH * (2 if self.layout_code().startswith("a4-booklet") else 1)
        self.pages.setIconSize(QSize(width, int(self.PREVIEW_WIDTH * 1.42)))
        for number, pixmap in enumerate(pdf_page_images(self._preview_file.read_bytes(), width), 1):
            item = QListWidgetItem(str(number))
            item.setIcon(pixmap)
            self.pages.addItem(item)
        text = _("Book {number}: {pages} pages.").format(number=result.number, pages=result.pages)
        if self.layout_code() == "a4-booklet":
            text += " " + _(
                "Print on A4 paper, both sides, flipped on the long edge; fold the stack in the middle."
            )
        elif self.layout_code() == "a4-booklet-short":
            text += " " + _(
                "Print on A4 paper, both sides, flipped on the short edge; fold the stack in the middle."
            )
        self.info.setText(text)

    def save_pdf(self) -> None:
        default = Path.home() / flowing.book_file_name(self._number(), self.name)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the activity book"), str(default), _("PDF files (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            if self._preview_file is not None and self._preview_file.is_file():
                shutil.copyfile(self._preview_file, path)  # the pages she saw, not a second rendering
            else:
                self._render_to(path)
        except AppError as error:
            messages.error(self, error.message)
            return
        except OSError as error:
            messages.error(self, _("The file could not be saved: {error}").format(error=error))
            return
        self.saved_path = path
        messages.info(self, _("The activity book is saved as {path}").format(path=path))

    def done(self, result: int) -> None:
        self._remove_preview()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._remove_preview()
        super().closeEvent(event)

    def _remove_preview(self) -> None:
        self._preview_file = None
        self._temporary.cleanup()

    def _number(self) -> str:
        if self._preview_result is not None:
            return self._preview_result.number
        try:
            return flowing.stay_detail(self.workspace, self.member_id).current_book.number  # type: ignore[union-attr]
        except (AppError, AttributeError):
            return ""

    def print_book(self) -> bool:
        """Print the book as previewed; the A4 booklet goes landscape on both sides, flipped on the long
        edge (or the short edge for its short-edge variant). Returns True if it was sent to the printer."""
        if self._preview_file is None or not self._preview_file.is_file():
            return False
        code = self.layout_code()
        name = flowing.book_file_name(self._number(), self.name).removesuffix(".pdf")
        return printing.print_pdf(
            self,
            self._preview_file,
            name=name,
            landscape=code.startswith("a4-booklet"),
            duplex_long_edge=code == "a4-booklet",
            duplex_short_edge=code == "a4-booklet-short",
        )
