"""Exporting the roster to .xlsx in the common 花名册 layout: a title row with the branch name, the
header row with every column of ``domain.roster_columns.COLUMNS`` in order, then one row per member.

The sheet is a Chinese document whatever the screen language: headers and choices are written with
their standard Chinese names. It imports back unchanged (``services.roster_import``):

* ID numbers and phones are text cells with the Text format (``@``), so Excel never turns them into
  numbers;
* a date known to the day is a real Excel date (format ``yyyy-mm-dd``);
* a date known only to the month is the text ``1990.01``. A real date would come back as the 1st of the
  month known to the day (a reader sees the value, not the display format), and "1990.01" is how
  Chinese rosters usually write a year and month; the importer reads it as month precision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from dangjian_desktop.domain.choices import (
    ACTIVE,
    CATEGORY,
    DUES_CATEGORY,
    LEAVING_STATUSES,
    MEMBER_STATUS,
    SEX,
)
from dangjian_desktop.domain.dates import MONTH, PartialDate
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.members import MemberData
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.domain.roster_columns import COLUMNS
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.members.queries import members_with_status
from dangjian_desktop.services.workspace import Workspace

SHEET_TITLE = "党员花名册"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
EXCEL_FIRST_DATE = dt.date(1900, 3, 1)  # Excel's serials are wrong before 1900-03-01 (the 1900 leap bug)
MONTH_TEXT = "{year:04d}.{month:02d}"  # how a month-precision date is written (read back as a month)
YES, NO = "是", "否"
PROGRESS_EVERY = 200

# Column widths in characters (a Chinese character counts about 2).
_WIDTHS = {
    "name": 10,
    "sex": 6,
    "ethnicity": 8,
    "birth_date": 12,
    "id_number": 21,
    "education": 10,
    "category": 10,
    "joined_date": 12,
    "full_member_date": 12,
    "branch_name": 24,
    "phone": 14,
    "address": 30,
    "occupation": 16,
    "standing": 10,
    "flowing": 8,
    "away_place": 20,
    "holds_activity_book": 8,
    "dues_category": 14,
    "party_group": 10,
    "office": 16,
    "notes": 24,
}
_TEXT_KEYS = frozenset({"id_number", "phone"})
_DATE_KEYS = frozenset({"birth_date", "joined_date", "full_member_date"})


def _styles() -> dict[str, NamedStyle]:
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=11)
    middle = Alignment(vertical="center")
    centre = Alignment(horizontal="center", vertical="center")
    return {
        "title": NamedStyle("花名册标题", font=Font(name="宋体", size=18, bold=True), alignment=centre),
        "header": NamedStyle(
            "花名册表头",
            font=Font(name="宋体", size=11, bold=True),
            border=border,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        "text": NamedStyle("花名册文字", font=body_font, border=border, alignment=middle),
        "number_text": NamedStyle(
            "花名册号码", font=body_font, border=border, alignment=middle, number_format=TEXT_FORMAT
        ),
        "date": NamedStyle(
            "花名册日期", font=body_font, border=border, alignment=centre, number_format=DATE_FORMAT
        ),
        "month": NamedStyle(
            "花名册年月", font=body_font, border=border, alignment=centre, number_format=TEXT_FORMAT
        ),
    }


def _date_value(value: PartialDate | None) -> tuple[Any, str]:
    if value is None:
        return None, "date"
    if value.precision == MONTH:
        return MONTH_TEXT.format(year=value.value.year, month=value.value.month), "month"
    if value.value < EXCEL_FIRST_DATE:
        return value.value.isoformat(), "month"  # Excel has no dates before 1900: text that reads back
    return value.value, "date"


def _values(data: MemberData, status: str, branch_name: str) -> dict[str, Any]:
    return {
        "name": data.name,
        "sex": SEX.sheet_name(data.sex) if data.sex else "",
        "ethnicity": data.ethnicity,
        "id_number": data.id_number,
        "education": data.education,
        "category": CATEGORY.sheet_name(data.category) if data.category else "",
        "branch_name": branch_name,
        "phone": format_phone(data.phone),  # 0531-87876543, as on every document; imports back the same
        "address": data.address,
        "occupation": data.occupation,
        "standing": MEMBER_STATUS.sheet_name(status),
        "flowing": YES if data.flowing else NO,
        "away_place": data.away_place,
        "holds_activity_book": YES if data.holds_activity_book else NO,
        "dues_category": DUES_CATEGORY.sheet_name(data.dues_category) if data.dues_category else "",
        "party_group": data.party_group,
        "office": data.office,
        "notes": data.notes,
    }


def export_roster(
    workspace: Workspace,
    path: Path,
    *,
    include_departed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the members on the roster (and, with ``include_departed``, those who left it: 转出, 去世 …;
    never entries deleted by mistake) to an .xlsx file; returns how many members were written.
    ``progress(done, total)`` is called every few hundred members (60,000 take several seconds)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise AppError(
            _(
                "The folder {folder} does not exist. Choose a folder that exists (or plug the USB stick in)."
            ).format(folder=path.parent)
        )
    profile = load_profile(workspace)
    branch_name = profile.name if profile else ""
    statuses = (ACTIVE, *LEAVING_STATUSES) if include_departed else (ACTIVE,)
    members = members_with_status(workspace, statuses)

    workbook = Workbook(write_only=True)
    styles = _styles()
    for named_style in styles.values():
        workbook.add_named_style(named_style)
    sheet = workbook.create_sheet(SHEET_TITLE)
    _lay_out(sheet)
    cell = _cell_maker(sheet, styles)
    sheet.append([cell(f"{branch_name}{SHEET_TITLE}", "title")])
    sheet.append([cell(c.title, "header") for c in COLUMNS])
    for position, (data, status) in enumerate(members):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, len(members))
        sheet.append(_member_row(cell, data, status, branch_name))
    _save(workbook, path)
    if progress is not None:
        progress(len(members), len(members))
    return len(members)


def _lay_out(sheet: Any) -> None:
    """Column widths, the frozen title and header, and printing on A4 landscape."""
    last = get_column_letter(len(COLUMNS))
    for number, roster_column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(number)].width = _WIDTHS.get(roster_column.key, 12)
    sheet.row_dimensions[1].height = 36
    sheet.row_dimensions[2].height = 30
    sheet.freeze_panes = "B3"  # title and header stay in view, and the names when scrolling right
    sheet.print_title_rows = "2:2"  # the header on every printed page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.merged_cells.add(f"A1:{last}1")


_CellMaker = Callable[[Any, str], Cell]
_KEYS = tuple(c.key for c in COLUMNS)


def _cell_maker(sheet: Any, styles: dict[str, NamedStyle]) -> _CellMaker:
    """A function making a styled cell. Looking a named style up for each cell is slow; each style's
    array is copied from a styled template instead."""
    templates: dict[str, Any] = {}
    for key, named_style in styles.items():
        template = WriteOnlyCell(sheet)
        template.style = named_style.name
        templates[key] = template._style  # type: ignore[attr-defined]  # openpyxl has no public name for it

    def cell(value: Any, style: str) -> Cell:
        result = Cell(sheet, row=1, column=1, value=value, style_array=templates[style])
        if isinstance(value, str) and value.startswith("="):
            result.data_type = "s"  # text that looks like a formula stays text
        return result

    return cell


def _member_row(cell: _CellMaker, data: MemberData, status: str, branch_name: str) -> list[Cell]:
    values = _values(data, status, branch_name)
    row = []
    for key in _KEYS:
        if key in _DATE_KEYS:
            value, style = _date_value(getattr(data, key))
            row.append(cell(value, style))
        elif key in _TEXT_KEYS:
            row.append(cell(values[key] or None, "number_text"))
        else:
            row.append(cell(values[key] or None, "text"))
    return row


def _save(workbook: Workbook, path: Path) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        workbook.save(partial)
        partial.replace(path)  # a crash while writing never leaves half a file under the real name
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise AppError(
            _(
                "The file {file} could not be written ({error}). If it is open in Excel or WPS, close it there "
                "and try again."
            ).format(file=path.name, error=error.strerror or error)
        ) from error
