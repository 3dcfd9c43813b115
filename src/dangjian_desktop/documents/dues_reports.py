"""Dues reports on paper and in Excel: the month summary, the year sheet and the hand-up record.

A report is a plain table (``ReportTable``): the services fill it, this module lays it out. On paper it
is a proper table form: title, branch and period, a ruled grid whose header repeats on every page, a
totals row, signature lines (制表人 / 书记) and page numbers. The bundled font is embedded and the file is
reproducible (``invariant``), so a reprint is byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, SimpleDocTemplate, Spacer, TableStyle

from dangjian_desktop.documents.fonts import BOLD, TITLE, register_fonts
from dangjian_desktop.documents.layout import Lines, TableWithClosing, ruled_table_style, text_width
from dangjian_desktop.documents.textset import least_width, widen_columns
from dangjian_desktop.i18n import _, format_date

Cell = str | Decimal | int | None


@dataclass(frozen=True)
class ReportTable:
    title: str
    meta: tuple[str, ...]  # lines under the title: branch, period, unit
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    weights: tuple[float, ...] = ()  # relative column widths; equal when empty
    landscape: bool = False
    signatures: tuple[str, ...] = ()  # e.g. ("制表人", "书记"): a line to sign after each
    notes: tuple[str, ...] = ()  # small lines under the table
    sheet_name: str = ""
    made_on: dt.date | None = None
    marked_cells: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (row, column) to shade


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


# --- PDF ---------------------------------------------------------------------------------------------


class _NumberedCanvas(Canvas):
    """Writes "第 1 页 共 3 页" once the number of pages is known."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page start

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _height = self._pagesize  # type: ignore[attr-defined]  # reportlab's page state
        self.setFont(register_fonts(), 10)
        self.drawCentredString(
            width / 2, 10 * mm, _("Page {page} of {total}").format(page=self.getPageNumber(), total=total)
        )


def _canvas_maker(*args, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("invariant", 1)
    kwargs.setdefault("initialFontName", register_fonts())
    return _NumberedCanvas(*args, **kwargs)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=TITLE, fontSize=18, leading=24, alignment=TA_CENTER),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=11, leading=16),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10, leading=13),
        "number": ParagraphStyle("number", fontName=font, fontSize=10, leading=13, alignment=TA_RIGHT),
        "short": ParagraphStyle("short", fontName=font, fontSize=10, leading=13, alignment=TA_CENTER),
        "small": ParagraphStyle("small", fontName=font, fontSize=8, leading=13, alignment=TA_CENTER),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=13),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=12, leading=18),
    }


def _table_flowables(report: ReportTable, width: float, font: str) -> list[Flowable]:
    styles = _styles(font)
    flowables: list[Flowable] = [Lines(report.title, styles["title"]), Spacer(1, 3 * mm)]
    meta = "\u3000\u3000".join(report.meta)
    if meta:
        flowables += [Lines(meta, styles["meta"]), Spacer(1, 2 * mm)]
    widths = _column_widths(report, width, font)

    # a word of up to four characters that does not fit its column at 10 pt (纸质台账 in a month column)
    # is set smaller on one line rather than broken in two
    room = [w - 6 for w in widths]

    def paragraph(value: Cell, column: int) -> Lines:
        if isinstance(value, Decimal | int):
            return Lines(cell_text(value), styles["number"])  # amounts and counts: right-aligned
        text = cell_text(value)
        if len(text) <= 4 and text_width(text, 10, font) > room[column]:
            return Lines(text, styles["small"])
        return Lines(text, styles["short"] if len(text) <= 4 else styles["cell"])

    data: list[list[Flowable]] = [[Lines(h, styles["head"]) for h in report.header]]
    for row in report.rows:
        data.append([paragraph(v, c) for c, v in enumerate(row)])
    if report.totals is not None:
        data.append([paragraph(v, c) for c, v in enumerate(report.totals)])
    # LongTable: a page break measures only the rows that fit, not the whole rest again (linear in rows)
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_table_style(report, font)))  # type: ignore[arg-type]  # commands of mixed shape
    closing: list[Flowable] = [Spacer(1, 4 * mm)]
    for note in report.notes:
        closing.append(Lines(note, styles["note"]))
    if report.signatures or report.made_on:
        parts = _signature_parts(report)
        closing += [Spacer(1, 8 * mm), Lines("\u3000\u3000\u3000".join(parts), styles["sign"])]
    # the notes and signature lines certify the table: they stay with at least its last two rows
    return [*flowables, TableWithClosing(table, closing)]


def _signature_parts(report: ReportTable) -> list[str]:
    parts = [_("{who}: ____________").format(who=who) for who in report.signatures]
    if report.made_on:
        parts.append(_("Date made: {date}").format(date=format_date(report.made_on, "long")))
    return parts


def _column_widths(report: ReportTable, width: float, font: str) -> list[float]:
    """The weights shared out over the width, each column widened to what it needs."""
    columns = len(report.header)
    weights = report.weights or tuple(1.0 for _c in range(columns))
    unit = width / sum(weights)
    widths = [w * unit for w in weights]
    cells = [*report.rows, *((report.totals,) if report.totals is not None else ())]
    needs = [  # a header of up to five characters on one line; no amount, date or name cut
        max(
            [
                text_width(head, 10, BOLD) if len(head) <= 5 else least_width(head, 10, BOLD),
                *(least_width(cell_text(row[i]), 10, font) for row in cells),
            ]
        )
        + 6
        for i, head in enumerate(report.header)
    ]
    return widen_columns(widths, needs)


def _table_style(report: ReportTable, font: str) -> list[tuple[object, ...]]:
    """Grid, header shading, the totals line and the marked cells."""
    style = ruled_table_style(font, 10, totals=report.totals is not None)
    for row_index, column in report.marked_cells:
        style.append(
            ("BACKGROUND", (column, row_index + 1), (column, row_index + 1), colors.Color(0.88, 0.88, 0.88))
        )
    return style


def write_pdf(reports: Sequence[ReportTable], target: Path) -> Path:
    """One or more reports, each starting on a new page, into one PDF."""
    from reportlab.platypus import PageBreak

    font = register_fonts()
    page = landscape(A4) if any(r.landscape for r in reports) else A4
    margin = 15 * mm
    document = SimpleDocTemplate(
        str(target),
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        invariant=1,
        initialFontName=font,
        title=reports[0].title if reports else "",
        author="",
        creator="dangjian-desktop",
    )
    story: list[Flowable] = []
    for index, report in enumerate(reports):
        if index:
            story.append(PageBreak())
        story += _table_flowables(report, page[0] - 2 * margin, font)
    document.build(story, canvasmaker=_canvas_maker)
    return target


# --- Excel -------------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _cell_styles(book: Workbook) -> dict[tuple[bool, bool], str]:
    """Named styles for the table cells, (money, bold) -> name. A cell takes a named style in one step;
    setting its border, font and number format one by one hashes those objects for every cell, which
    made a 60,000-row sheet take minutes."""
    names = {}
    for money in (False, True):
        for bold in (False, True):
            style = NamedStyle(name=f"dues-{'money' if money else 'text'}{'-bold' if bold else ''}")
            style.border = _BORDER
            style.font = Font(bold=bold)
            if money:
                style.number_format = "#,##0.00"
            book.add_named_style(style)
            names[(money, bold)] = style.name
    return names


_HEADER_ROW = 3  # title, branch and period, then the header


def _write_heading(sheet: Worksheet, report: ReportTable) -> None:
    """Title, branch and period (merged across the table), then the header row."""
    columns = len(report.header)
    sheet.append([report.title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.cell(1, 1).font = Font(size=16, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.append(["    ".join(report.meta)])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    sheet.append(list(report.header))
    for column in range(1, columns + 1):
        cell = sheet.cell(_HEADER_ROW, column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER


def _write_body(sheet: Worksheet, report: ReportTable, styles: dict[tuple[bool, bool], str]) -> None:
    """The rows and the totals (bold), amounts as numbers."""
    columns = len(report.header)
    body = list(report.rows) + ([report.totals] if report.totals is not None else [])
    # rows are counted here: sheet.max_row scans every cell, and once per row made this quadratic
    # (review D12: 42 s for 10,000 members)
    row = _HEADER_ROW
    for index, values in enumerate(body):
        sheet.append(list(values))
        row += 1
        bold = report.totals is not None and index == len(body) - 1
        for column in range(1, columns + 1):
            cell = sheet.cell(row, column)
            cell.style = styles[(isinstance(cell.value, Decimal), bold)]


def _write_footer(sheet: Worksheet, report: ReportTable) -> None:
    """The notes, then the signature lines and the date made."""
    for note in report.notes:
        sheet.append([note])
    if report.signatures or report.made_on:
        sheet.append([])
        sheet.append(["      ".join(_signature_parts(report))])


def _set_up_page(sheet: Worksheet, report: ReportTable) -> None:
    """Column widths, frozen header, paper and the header repeated on every printed page."""
    weights = report.weights or tuple(1.0 for _c in range(len(report.header)))
    for column, weight in enumerate(weights, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(6.0, weight * 9)
    sheet.freeze_panes = sheet.cell(_HEADER_ROW + 1, 2).coordinate
    sheet.page_setup.orientation = "landscape" if report.landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"


def write_xlsx(reports: Sequence[ReportTable], target: Path) -> Path:
    """Each report on its own sheet: title, branch and period, header, rows, totals; amounts are numbers
    with two decimals (exact: written from Decimal). Work and memory grow in step with the rows."""
    book = Workbook()
    book.remove(book.worksheets[0])  # every new workbook starts with an empty sheet
    styles = _cell_styles(book)
    for report in reports:
        sheet = book.create_sheet((report.sheet_name or report.title)[:31])
        _write_heading(sheet, report)
        _write_body(sheet, report, styles)
        _write_footer(sheet, report)
        _set_up_page(sheet, report)
    book.save(target)
    return target
