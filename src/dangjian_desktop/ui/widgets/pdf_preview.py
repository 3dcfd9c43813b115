"""A PDF shown page under page on grey, as it will print: the preview pane of the notices archive and the
posts board."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_BACKGROUND = "#808080"


def pdf_page_images(data: bytes, width: int, most_scale: float | None = None) -> list[QPixmap]:
    """Each page of the PDF drawn ``width`` pixels wide (pypdfium2); at most ``most_scale`` times its size
    in points where given."""
    import pypdfium2  # imported when a preview is drawn, as ui/printing.py does

    document = pypdfium2.PdfDocument(data)
    pixmaps = []
    try:
        for index in range(len(document)):
            page = document[index]
            scale = width / page.get_width()
            if most_scale is not None:
                scale = min(most_scale, scale)
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
            ).copy()
            pixmaps.append(QPixmap.fromImage(image))
            page.close()
    finally:
        document.close()
    return pixmaps


class PdfPagesView(QScrollArea):
    """The pages of a PDF one under another, centred on grey; ``page_count`` is how many are shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_count = 0
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(16)
        self.setWidgetResizable(True)
        self.setWidget(self.pages_widget)
        self.setStyleSheet(f"QScrollArea {{ background: {PREVIEW_BACKGROUND}; }}")
        self.pages_widget.setStyleSheet(f"background: {PREVIEW_BACKGROUND};")

    def fitting_width(self, least: int, most: int) -> int:
        """A page width between ``least`` and ``most`` pixels that fits the visible width with a margin."""
        return max(least, min(most, self.viewport().width() - 40))

    def clear(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.page_count = 0

    def show_hint(self, text: str) -> None:
        """Words in white on the grey, where there is nothing to show yet."""
        self.clear()
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: white; padding: 24px;")
        self.pages_layout.addWidget(hint)

    def show_pages(self, pixmaps: list[QPixmap]) -> None:
        """These pages in place of what was shown, scrolled to the top of the first."""
        self.clear()
        for pixmap in pixmaps:
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            self.pages_layout.addWidget(label)
            self.page_count += 1
        bar = self.verticalScrollBar()
        bar.setValue(0)
        QTimer.singleShot(0, bar, lambda: bar.setValue(0))  # again once laid out; not called once gone
