"""Printing from a test: the printer dialog is "accepted" with a printer that writes a PDF file, and what
reached that printer is read back (page count, paper, and whether there is anything on the sheet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
from PIL import Image
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

MM_PER_POINT = 25.4 / 72


@dataclass
class PrinterDialogs:
    """What the patched printer dialogs saw: one entry per dialog opened, the printer it was given."""

    target: Path
    printers: list[QPrinter] = field(default_factory=list)

    @property
    def opened(self) -> int:
        return len(self.printers)


def accept_print_dialog(
    monkeypatch, target: Path, *, resolution: int = 100, page_range: tuple[int, int] | None = None
) -> PrinterDialogs:
    """Every printer dialog is accepted at once with its printer writing ``target`` (a PDF) at
    ``resolution`` dpi, as if the user chose a printer and clicked Print (on ``page_range`` if given)."""
    seen = PrinterDialogs(target)

    def exec_(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(resolution)
        if page_range is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*page_range)
        seen.printers.append(printer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return seen


def cancel_print_dialog(monkeypatch) -> PrinterDialogs:
    seen = PrinterDialogs(Path())

    def exec_(dialog: QPrintDialog) -> int:
        seen.printers.append(dialog.printer())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return seen


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    """Each printed page's width and height, in whole millimetres."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [
            (round(document[i].get_width() * MM_PER_POINT), round(document[i].get_height() * MM_PER_POINT))
            for i in range(len(document))
        ]
    finally:
        document.close()


def dark_share(path: Path | bytes, index: int = 0, dpi: int = 40) -> float:
    """The share of the page's pixels that are not (nearly) white: 0 for a blank sheet."""
    document = pypdfium2.PdfDocument(path if isinstance(path, bytes) else str(path))
    try:
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


def similarity(first: Path | bytes, second: Path | bytes, index: int = 0, width: int = 40) -> float:
    """How alike two pages look, as the correlation of small grey thumbnails ``width`` pixels wide: the
    same page printed at another resolution comes out about 0.8 or more, another page about 0.4 or less."""
    thumbs = []
    for source in (first, second):
        document = pypdfium2.PdfDocument(source if isinstance(source, bytes) else str(source))
        try:
            page = document[index]
            image = page.render(scale=4 * width / page.get_width(), grayscale=True).to_pil().convert("L")
        finally:
            document.close()
        small = image.resize((width, round(width * image.height / image.width)), Image.Resampling.BOX)
        thumbs.append(small)
    if thumbs[0].size != thumbs[1].size:
        return 0.0
    a, b = (list(thumb.tobytes()) for thumb in thumbs)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    covariance = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return covariance / spread if spread else float(a == b)
