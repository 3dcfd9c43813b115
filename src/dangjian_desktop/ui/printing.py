"""Printing on paper: a PDF (bytes or a file) sent through the printer dialog.

Every page that prints does it the same way: the printer dialog opens set for the document (its name, A4
or A3 and portrait or landscape as the PDF's first page is — A5 pages go on the paper in the printer — and
both sides when asked), the chosen pages are rendered with pypdfium2 (QtPdf is not shipped) at the
printer's resolution, at most 300 dpi, and painted over the whole sheet keeping their proportions. The PDF already has its margins, so on the paper it was
made for a page prints at its real size.

A printer that cannot be used is said in words; without Qt's print support (a separate library) the user
is told to save the PDF instead. ``printer`` (a QPrinter, e.g. one writing a PDF file) is for tests.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.ui import messages

try:  # Qt's print support is a separate library (a missing DLL on a broken install): without it the pages
    # still save PDFs, and 打印 says so in words (print_pdf). Not a module that might be absent: it is logged.
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
except ImportError as error:  # pragma: no cover - every supported install has it
    logging.getLogger(__name__).error("Qt print support could not be loaded: %s", error)
    QAbstractPrintDialog = QPrintDialog = QPrinter = None  # type: ignore[assignment,misc]

MAX_DPI = 300
POINTS_PER_INCH = 72
# The sheets the program's documents are made for, portrait, in points (1/72 inch).
PAPERS = {"a5": (419.5, 595.3), "a4": (595.3, 841.9), "a3": (841.9, 1190.6)}
_PAGE_SIZE_IDS = {"a5": "A5", "a4": "A4", "a3": "A3"}
_TOLERANCE = 6.0  # points: about 2 mm
# A5 pages go on whatever paper the printer has (nearly always A4), enlarged to fill it, rather than asking
# for A5 paper: a village office printer holds A4, and one that asks for another paper stops until someone
# understands its message. A true A5 book comes from the A4-booklet layout.
PAPER_IN_THE_TRAY = frozenset({"a5"})

PdfSource = bytes | Path | str


def printing_available() -> bool:
    """Whether Qt's print support could be loaded."""
    return QPrinter is not None


def paper_of(width: float, height: float) -> tuple[str | None, bool]:
    """The paper ("a5", "a4", "a3" or None when it is none of them) of a page ``width`` × ``height``
    points, and whether it lies landscape."""
    short, long = sorted((width, height))
    for code, (paper_short, paper_long) in PAPERS.items():
        if abs(short - paper_short) <= _TOLERANCE and abs(long - paper_long) <= _TOLERANCE:
            return code, width > height
    return None, width > height


def _open(pdf: PdfSource) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise AppError(_("The document could not be read for printing.")) from error


def _page_image(page: Any, dpi: float, grayscale: bool) -> tuple[QImage, bytes]:
    """The page as an image at ``dpi``, and the pixel data it is made from (kept alive with it)."""
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=grayscale, rev_byteorder=True)
    data = bytes(bitmap.buffer)
    image_format = {
        "L": QImage.Format.Format_Grayscale8,
        "RGB": QImage.Format.Format_RGB888,
        "RGBA": QImage.Format.Format_RGBA8888,
        "RGBX": QImage.Format.Format_RGBX8888,
    }.get(bitmap.mode)
    if image_format is None:  # pragma: no cover - pypdfium2 gives one of the above with rev_byteorder
        raise AppError(_("The document could not be read for printing."))
    return QImage(data, bitmap.width, bitmap.height, bitmap.stride, image_format), data


def paint_pdf(
    printer: Any,
    pdf: PdfSource,
    *,
    grayscale: bool = False,
    first: int = 1,
    last: int | None = None,
) -> int:
    """Paint pages ``first``..``last`` (counted from 1; all by default) of the PDF onto ``printer``, one
    page per sheet, each scaled to the sheet keeping its proportions and centred. Returns how many pages
    were painted. Raises AppError when the printer cannot be used."""
    document = _open(pdf)
    try:
        return _paint(printer, document, grayscale=grayscale, first=first, last=last)
    finally:
        document.close()


def _paint(printer: Any, document: Any, *, grayscale: bool, first: int, last: int | None) -> int:
    dpi = max(1, min(printer.resolution(), MAX_DPI))
    last = len(document) if last is None else min(last, len(document))
    first = max(1, first)
    if first > last:
        return 0
    painter = QPainter()
    painted = 0
    try:
        if not painter.begin(printer):
            raise AppError(_("The printer cannot be used. Check that it is switched on and connected."))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number in range(first, last + 1):
            if painted and not printer.newPage():
                raise AppError(
                    _("The printer stopped after {count} pages. Check the printer and print again.").format(
                        count=painted
                    )
                )
            page = document[number - 1]
            try:
                image, _data = _page_image(page, dpi, grayscale)
                sheet = painter.viewport()
                size = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(
                    sheet.x() + (sheet.width() - size.width()) / 2,
                    sheet.y() + (sheet.height() - size.height()) / 2,
                    size.width(),
                    size.height(),
                )
                painter.drawImage(target, image)
            finally:
                page.close()
            painted += 1
    finally:
        if painter.isActive():
            painter.end()
    return painted


def _set_up(
    printer: Any,
    name: str,
    paper: str | None,
    landscape: bool,
    duplex_long_edge: bool,
    duplex_short_edge: bool,
) -> None:
    printer.setDocName(name)
    if paper is not None:
        printer.setPageSize(QPageSize(getattr(QPageSize.PageSizeId, _PAGE_SIZE_IDS[paper])))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)  # the PDF has its own margins: paint it over the whole sheet
    if duplex_long_edge:
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    elif duplex_short_edge:
        printer.setDuplex(QPrinter.DuplexMode.DuplexShortSide)


def print_pdf(
    parent: QWidget | None,
    pdf: PdfSource,
    *,
    name: str,
    paper: str | None = None,
    landscape: bool | None = None,
    duplex_long_edge: bool = False,
    duplex_short_edge: bool = False,
    grayscale: bool = False,
    printer: Any = None,
) -> bool:
    """Open the printer dialog for the PDF (bytes or a file) and print it. ``name`` is the document's name
    in the printer's queue; ``paper`` ("a4", "a3", "a5") and ``landscape`` are read from the PDF's first
    page unless given. Problems are shown in a message box. Returns True if the pages were sent."""
    if not printing_available():
        messages.error(parent, _("Printing is not available on this computer; save the PDF instead."))
        return False
    try:
        document = _open(pdf)
    except AppError as error:
        messages.error(parent, error.message)
        return False
    try:
        if len(document) == 0:
            messages.info(parent, _("There is nothing to print."))
            return False
        first_page = document[0]
        width, height = first_page.get_size()
        first_page.close()
        found_paper, found_landscape = paper_of(width, height)
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if paper is None and found_paper in PAPER_IN_THE_TRAY:
            found_paper = None
        _set_up(
            printer,
            name,
            paper if paper is not None else found_paper,
            found_landscape if landscape is None else landscape,
            duplex_long_edge,
            duplex_short_edge,
        )
        dialog = QPrintDialog(printer, parent)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, len(document))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        first, last = 1, len(document)
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), max(printer.fromPage(), printer.toPage())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            painted = _paint(printer, document, grayscale=grayscale, first=first, last=last)
        finally:
            QGuiApplication.restoreOverrideCursor()
    except AppError as error:
        messages.error(parent, error.message)
        return False
    finally:
        document.close()
    return painted > 0


def ask_pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The 保存为 PDF… file dialog, starting in the home folder with ``suggested`` as the name; the path
    chosen, ending in .pdf, or None when she cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save as PDF"), str(Path.home() / suggested), _("PDF files (*.pdf)")
    )
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
