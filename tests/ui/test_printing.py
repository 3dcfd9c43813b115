"""ui.printing: a PDF goes through the printer dialog onto paper (here a printer writing a PDF file): the
right number of pages, on the paper and the way round the document is made for, and not blank."""

from __future__ import annotations

import io

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from reportlab.lib.pagesizes import A3, A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.ui import printing
from support.printing import (
    accept_print_dialog,
    cancel_print_dialog,
    dark_share,
    page_sizes_mm,
    similarity,
)


def make_pdf(pages: int, size: tuple[float, float] = A4) -> bytes:
    """A PDF of ``pages`` pages: a thick black frame and a big block whose height grows with the number,
    so each page is different and plainly not blank."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    width, height = size
    for number in range(1, pages + 1):
        canvas.setLineWidth(8)
        canvas.rect(30, 30, width - 60, height - 60)
        canvas.rect(60, 60, width / 3, number * 40, fill=1)
        canvas.setFont("Helvetica-Bold", 40)
        canvas.drawString(width / 2, height / 2, f"Page {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class RecordingPrinter(QPrinter):
    """A PDF printer that remembers the two-sided setting asked for (a PDF file itself has none)."""

    asked_duplex = None

    def setDuplex(self, duplex) -> None:  # noqa: ANN001, N802 - Qt's name
        self.asked_duplex = duplex
        super().setDuplex(duplex)


def pdf_printer(path) -> RecordingPrinter:  # noqa: ANN001
    printer = RecordingPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_every_page_is_printed_on_a4_portrait_and_is_not_blank(qtbot, tmp_path, monkeypatch, message_log):
    source = make_pdf(3)
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    printer = pdf_printer(out)
    assert printing.print_pdf(None, source, name="三页", printer=printer)
    assert printer.docName() == "三页"
    assert page_sizes_mm(out) == [(210, 297)] * 3
    for index in range(3):
        assert dark_share(out, index) > 0.02
    # painted over the whole sheet at its real size: the printed page looks like the source page
    for index in range(3):
        assert abs(dark_share(out, index) - dark_share(source, index)) < 0.01
        assert similarity(out, source, index) > 0.8
    assert dark_share(out, 2) > dark_share(out, 0)  # the pages are in order
    assert not message_log


def test_a3_landscape_a5_and_a_file_path(qtbot, tmp_path, monkeypatch, message_log):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    board = tmp_path / "board.pdf"
    board.write_bytes(make_pdf(1, landscape(A3)))
    out = tmp_path / "a3.pdf"
    assert printing.print_pdf(None, board, name="公示", printer=pdf_printer(out))
    assert page_sizes_mm(out) == [(420, 297)]
    assert dark_share(out) > 0.02

    out = tmp_path / "a5.pdf"
    assert printing.print_pdf(None, str(board).replace("board", "book"), name="x", printer=None) is False
    assert message_log[-1][0] == "error"  # a file that is not there: said, nothing printed
    book = make_pdf(2, A5)
    printer = pdf_printer(out)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the paper in the printer
    assert printing.print_pdf(None, book, name="活动证", printer=printer)
    assert page_sizes_mm(out) == [(210, 297)] * 2  # not asked for A5 paper: enlarged onto the A4 in it
    assert all(dark_share(out, i) > 0.02 for i in range(2))


def test_paper_and_orientation_given_by_the_caller_win(qtbot, tmp_path, monkeypatch, message_log):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    assert printing.print_pdf(
        None,
        make_pdf(2, A5),
        name="活动证",
        paper="a4",
        landscape=True,
        duplex_long_edge=True,
        printer=printer,
    )
    assert printer.asked_duplex == QPrinter.DuplexMode.DuplexLongSide
    assert page_sizes_mm(out) == [(297, 210)] * 2
    assert all(dark_share(out, i) > 0.01 for i in range(2))


def test_the_default_printer_of_the_dialog_is_set_up_for_the_document(qtbot, tmp_path, monkeypatch):
    dialogs = accept_print_dialog(monkeypatch, tmp_path / "printed.pdf", page_range=(2, 3))
    assert printing.print_pdf(None, make_pdf(4, landscape(A4)), name="报表")
    (printer,) = dialogs.printers
    assert printer.docName() == "报表" and printer.fullPage()
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    assert page_sizes_mm(dialogs.target) == [(297, 210)] * 2  # only pages 2 and 3, as asked
    assert dark_share(dialogs.target, 1) > dark_share(dialogs.target, 0)


def test_cancel_prints_nothing(qtbot, tmp_path, monkeypatch, message_log):
    dialogs = cancel_print_dialog(monkeypatch)
    out = tmp_path / "printed.pdf"
    assert printing.print_pdf(None, make_pdf(2), name="x", printer=pdf_printer(out)) is False
    assert dialogs.opened == 1
    assert not out.exists() and not message_log


# Painting on the unusable printer fails, on purpose: Qt says so.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false", extend=True)
def test_a_printer_that_cannot_be_used_is_said_in_words(qtbot, tmp_path, monkeypatch, message_log):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    printer = pdf_printer(tmp_path / "no such folder" / "printed.pdf")
    assert printing.print_pdf(None, make_pdf(1), name="x", printer=printer) is False
    assert message_log == [("error", "打印机用不了。请检查打印机是否开机、是否连好。")]
    assert printer.asked_duplex is None  # one-sided unless asked: the printer's own setting is kept
    with pytest.raises(printing.AppError):
        printing.paint_pdf(printer, make_pdf(1))


def test_a_broken_pdf_is_said_in_words(qtbot, tmp_path, monkeypatch, message_log):
    dialogs = accept_print_dialog(monkeypatch, tmp_path / "printed.pdf")
    assert printing.print_pdf(None, b"not a pdf", name="x") is False
    assert dialogs.opened == 0 and message_log[-1][0] == "error" and "打印" in message_log[-1][1]


def test_without_print_support_the_user_is_told_to_save_the_pdf(qtbot, monkeypatch, message_log):
    monkeypatch.setattr(printing, "QPrinter", None)
    assert not printing.printing_available()
    assert printing.print_pdf(None, make_pdf(1), name="x") is False
    assert message_log == [("error", "这台电脑不能打印，请保存为 PDF。")]


def test_paper_is_recognised_from_the_page_size():
    assert printing.paper_of(*A4) == ("a4", False)
    assert printing.paper_of(*landscape(A3)) == ("a3", True)
    assert printing.paper_of(*A5) == ("a5", False)
    assert printing.paper_of(612, 792) == (None, False)  # US letter: the printer's own paper is kept
