"""外出党员通讯录: the directory of members working away, grouped by destination (province and city), as
an A4 landscape PDF or an .xlsx sheet. The groups show where a joint Party group of members away could be
formed. It holds phone numbers: an internal list for the branch, never a public notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from dangjian_desktop.documents.layout import GREY, Column, Layout, internal_footer, write_pages
from dangjian_desktop.i18n import _

A4_LANDSCAPE = (297 * mm, 210 * mm)


@dataclass(frozen=True)
class DirectoryEntry:
    group: str  # destination group (province and city)
    name: str
    sex: str
    phone: str
    destination: str
    address: str
    occupation: str
    since: dt.date | None
    book_number: str
    receiving_org: str
    receiving_contact: str  # name and phone of the receiving organisation's contact
    home_contact: str
    last_heard: dt.date | None
    registered: bool = True
    silent_months: int = 0  # months without news when that is past the alert setting (失联), else 0


def _date(value: dt.date | None) -> str:
    return "" if value is None else f"{value.year}.{value.month:02d}.{value.day:02d}"


def _columns() -> list[Column]:
    return [
        Column(_("No."), 4, "center"),
        Column(_("Name"), 7, "center"),
        Column(_("Sex"), 4, "center"),
        Column(_("Phone"), 11, "center"),
        Column(_("Destination"), 13),
        Column(_("Workplace or address"), 15),
        Column(_("Occupation"), 8),
        Column(_("Left on"), 8.5, "center"),
        Column(_("Book number"), 8, "center"),
        Column(_("Receiving Party organisation"), 14),
        Column(_("Their contact"), 11),
        Column(_("Kept in touch by"), 7, "center"),
        Column(_("Last news"), 10, "center"),
    ]


def _cells(number: int, e: DirectoryEntry) -> list[str]:
    return [
        str(number),
        e.name,
        e.sex,
        e.phone,
        e.destination,
        e.address,
        e.occupation,
        _date(e.since) if e.registered else _("not registered"),
        e.book_number,
        e.receiving_org,
        e.receiving_contact,
        e.home_contact,
        _date(e.last_heard)
        + (_(" (no news for {months} months)").format(months=e.silent_months) if e.silent_months else ""),
    ]


def _groups(entries: Sequence[DirectoryEntry]) -> list[tuple[str, list[DirectoryEntry]]]:
    """Destination groups in the order given (the biggest first), members in their order within each."""
    groups: dict[str, list[DirectoryEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    return list(groups.items())


def _title(branch_name: str) -> str:
    return _("Directory of members working away")


def _subtitle(branch_name: str, as_of: dt.date, count: int) -> str:
    return _("{branch}   as of {date}   {count} members").format(
        branch=branch_name, date=_date(as_of), count=count
    )


def render_pdf(
    entries: Sequence[DirectoryEntry], out: str | Path | BinaryIO, *, branch_name: str, as_of: dt.date
) -> int:
    """Write the directory as an A4 landscape PDF; returns the number of pages."""
    width, height = A4_LANDSCAPE
    layout = Layout(width, height, left=12 * mm, right=12 * mm, top=14 * mm, bottom=16 * mm)
    layout.continued_label = _("{title} (continued)")
    layout.new_page()
    layout.heading(_title(branch_name), size=17, space_after=4)
    layout.paragraph(_subtitle(branch_name, as_of, len(entries)), size=10, first_indent=0, color=GREY)
    if not entries:
        layout.paragraph(_("No member is registered as working away."), size=11, first_indent=0)
    else:
        # One table, members of a destination together (the biggest group first): the groups are said
        # once above it, not a table with its own header for each town.
        groups = "、".join(
            _("{group} ({count} members)").format(group=group, count=len(items))
            for group, items in _groups(entries)
        )
        layout.paragraph(_("By destination: {groups}").format(groups=groups), size=10, first_indent=0)
        layout.continuation = _title(branch_name)
        rows = [_cells(number, entry) for number, entry in enumerate(entries, start=1)]
        layout.table(_columns(), rows, size=9.5, row_height=22)
    footer = internal_footer(
        width, 12 * mm, 8 * mm, _("Page {page}/{total}"), _("Internal list: keep it safe")
    )
    return write_pages(layout, out, title=_title(branch_name), author=branch_name, footer=footer)


def write_xlsx(
    entries: Sequence[DirectoryEntry], out: str | Path | BinaryIO, *, branch_name: str, as_of: dt.date
) -> None:
    """The same directory as a sheet: title, header, one merged row per destination group, then members."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = _columns()
    book = Workbook()
    sheet = book.create_sheet(_("Members away"), 0)
    book.remove(book.worksheets[1])  # the empty sheet every new workbook starts with
    last = get_column_letter(len(columns))
    sheet.append([_title(branch_name)])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([_subtitle(branch_name, as_of, len(entries))])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append([col.label for col in columns])
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="EEEEEE")
    group_fill = PatternFill("solid", fgColor="F6E7E7")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    number = 0
    for group, items in _groups(entries):
        sheet.append([_("{group} ({count} members)").format(group=group, count=len(items))])
        row = sheet.max_row
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.cell(row, 1).font = Font(bold=True)
        sheet.cell(row, 1).fill = group_fill
        for entry in items:
            number += 1
            cells: list[object] = list(_cells(number, entry))
            cells[0] = number
            sheet.append(cells)
            row = sheet.max_row
            sheet.cell(row, 4).number_format = "@"  # phone numbers stay text
            for index, col in enumerate(columns, 1):
                cell = sheet.cell(row, index)
                cell.border = border
                cell.alignment = Alignment(
                    horizontal="center" if col.align == "center" else "left",
                    vertical="center",
                    wrap_text=True,
                )
    widths = (5, 9, 5, 14, 18, 22, 12, 11, 10, 22, 16, 9, 11)
    for index, value in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = value
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(out)
