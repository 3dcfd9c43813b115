"""The township report as a workbook: a first sheet naming the report, then one sheet per section —
title, header row (frozen with the branch column), the branches, the totals row, the section's further
tables below, and a native Excel bar chart of the section beside the table. Amounts are numbers with two
decimals, written exactly from Decimal."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dangjian_desktop.domain.township import Cell, ReportPaper, SectionTable

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E6E6E6")
_TOTAL_FILL = PatternFill("solid", fgColor="F4F4F4")
HEADER_ROW = 3  # the title, a line of notes, then the header


def _write_table(
    sheet: Worksheet,
    first_row: int,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    totals: Sequence[Cell] | None,
) -> int:
    """The header, the rows and the totals from ``first_row``; returns the row after the table."""
    for column, label in enumerate(header, start=1):
        cell = sheet.cell(first_row, column, label)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row_number = first_row
    body = [*rows, *([totals] if totals is not None else [])]
    for index, values in enumerate(body):
        row_number += 1
        last = totals is not None and index == len(body) - 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row_number, column, value)  # a Decimal goes in as a number
            cell.border = _BORDER
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            if last:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
    return row_number + 1


def _chart(sheet: Worksheet, section: SectionTable, anchor_column: int) -> None:
    """A native bar chart of the section's chart series, read from the table's own columns."""
    rows = len(section.rows)
    if not rows:
        return
    chart = BarChart()
    chart.type = "col"
    chart.title = section.chart.title
    chart.y_axis.title = section.chart.unit or None
    chart.height = 9
    chart.width = max(16, min(40, round(rows * 0.9)))
    for name, _values in section.chart.series:
        column = section.header.index(name) + 1
        data = Reference(sheet, min_col=column, min_row=HEADER_ROW, max_row=HEADER_ROW + rows)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=HEADER_ROW + 1, max_row=HEADER_ROW + rows))
    sheet.add_chart(chart, f"{get_column_letter(anchor_column)}{HEADER_ROW}")


def _section_sheet(book: Workbook, section: SectionTable) -> None:
    sheet = book.create_sheet(section.title[:31])
    sheet.cell(1, 1, section.title).font = Font(size=14, bold=True)
    sheet.cell(2, 1, "  ".join(section.notes))
    next_row = _write_table(sheet, HEADER_ROW, section.header, section.rows, section.totals)
    for part in section.extra:
        sheet.cell(next_row + 1, 1, part.title).font = Font(size=12, bold=True)
        next_row = _write_table(sheet, next_row + 2, part.header, part.rows, part.totals)
    widest = max([len(section.header), *(len(part.header) for part in section.extra)])
    names = [str(row[0]) for row in section.rows] + [section.header[0]]
    sheet.column_dimensions["A"].width = max(12, min(40, 2.2 * max(len(name) for name in names) + 2))
    for column in range(2, widest + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2).coordinate
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    _chart(sheet, section, widest + 2)


def xlsx_bytes(paper: ReportPaper) -> bytes:
    book = Workbook()
    front = book.worksheets[0]
    front.title = paper.committee[:31] or "report"
    front.cell(1, 1, paper.committee).font = Font(size=12, bold=True)
    front.cell(2, 1, paper.title).font = Font(size=16, bold=True)
    for offset, line in enumerate(paper.lines):
        front.cell(3 + offset, 1, line)
    for offset, section in enumerate(paper.sections):
        front.cell(5 + len(paper.lines) + offset, 1, section.title)
    front.column_dimensions["A"].width = 50
    for section in paper.sections:
        _section_sheet(book, section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
