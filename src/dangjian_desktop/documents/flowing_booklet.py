"""Imposition of the activity book's A5 pages on A4 sheets, printed on both sides and folded in the middle
(the ``a4-booklet`` layouts of ``flowing_book``): which pages share a sheet, in which order and which way
up, and drawing the sheets from the pages kept as PDF forms ("p1", "p2", …)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.layout import BLACK, GREY, draw_text

A5_SIZE = (148 * mm, 210 * mm)
A4_LANDSCAPE = (297 * mm, 210 * mm)


def padded_page_count(pages: int) -> int:
    """A folded booklet has a multiple of four pages."""
    return max(4, -(-pages // 4) * 4)


def booklet_sheets(pages: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """For a booklet of ``pages`` pages (a multiple of 4), the page numbers on each A4 sheet as the reader
    sees them: ((front left, front right), (back left, back right)), pages numbered from 1.

    Sheet k (from 0) carries, front: n-2k and 2k+1; back: 2k+2 and n-2k-1. Stacked and folded, the
    sheets read 1, 2, ..., n.
    """
    if pages % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, not {pages}")
    sheets = []
    for k in range(pages // 4):
        front = (pages - 2 * k, 2 * k + 1)
        back = (2 * k + 2, pages - 2 * k - 1)
        sheets.append((front, back))
    return sheets


def booklet_print_order(pages: int, *, long_edge: bool = True) -> list[tuple[int, int, bool]]:
    """The A4 pages of the PDF in print order: (page on the left half, page on the right half, turned
    upside down). With duplex printing flipped on the LONG edge, a landscape sheet's back comes out upside
    down relative to its front, so each back side is drawn turned by 180° — which also swaps its halves.
    Flipped on the SHORT edge, the back comes out the right way up and is drawn as the reader sees it."""
    order: list[tuple[int, int, bool]] = []
    for front, back in booklet_sheets(pages):
        order.append((front[0], front[1], False))
        if long_edge:
            order.append((back[1], back[0], True))  # halves swap when the side is turned by 180°
        else:
            order.append((back[0], back[1], False))
    return order


def draw_sheets(c: Canvas, pages: int, long_edge: bool, note: str) -> None:
    """Every side of every sheet, in print order, each on its own PDF page; ``note`` says how to print."""
    for sheet, (left, right, turned) in enumerate(booklet_print_order(pages, long_edge=long_edge)):
        _draw_sheet(c, sheet, left, right, turned, note)
        c.showPage()


def _draw_sheet(c: Canvas, sheet: int, left: int, right: int, turned: bool, note: str) -> None:
    """One side of an A4 sheet of the booklet: two A5 pages side by side, the fold marks, and on the
    first side how to print."""
    sheet_w, sheet_h = A4_LANDSCAPE
    offset = (sheet_w - 2 * A5_SIZE[0]) / 2
    for slot_x, number in ((offset, left), (offset + A5_SIZE[0], right)):
        c.saveState()
        if turned:  # drawn upside down in its own half
            c.translate(slot_x + A5_SIZE[0], A5_SIZE[1])
            c.rotate(180)
        else:
            c.translate(slot_x, 0)
        c.doForm(f"p{number}")
        c.restoreState()
    c.setStrokeColor(GREY)
    c.setDash(2, 4)
    c.setLineWidth(0.3)
    c.line(sheet_w / 2, sheet_h - 4 * mm, sheet_w / 2, sheet_h - 1 * mm)  # fold marks
    c.line(sheet_w / 2, 1 * mm, sheet_w / 2, 4 * mm)
    if sheet == 0:  # how to print, in the margin above the first sheet's front (the back cover's top)
        c.setFillColor(GREY)
        draw_text(c, offset + A5_SIZE[0] / 2, sheet_h - 6.5 * mm, note, 8, align="center")
        c.setFillColor(BLACK)
