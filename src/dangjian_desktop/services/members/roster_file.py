"""Reading a roster file (.xlsx, .xls, .ods or .csv) as a table: the sheet holding the roster, its header
row found under any title rows, and its rows one at a time. What the rows say is checked in
``roster_import``; nothing here knows about members.

Spreadsheets are read with python-calamine (openpyxl is several times slower at reading). A file or a
sheet too big for a roster is refused before it is loaded, with words saying what to do.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.roster_columns import column, find_header_row, match_headers, normalize_header
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.sheet_extent import (
    MAX_COLUMNS,
    MAX_ROWS,
    Extent,
    column_letters,
    sheet_extents,
)

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
TEXT_SUFFIXES = frozenset({".csv", ".txt"})
# A roster file larger than this is refused before it is read (a 200,000-row sheet is far smaller).
MAX_FILE_BYTES = 128 * 1024 * 1024
HEADER_SCAN_ROWS = 20  # the header is looked for among the first rows of a sheet
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also password-protected .xlsx
_CSV_DELIMITERS = (",", "\t", ";")


class SheetUnreadable(AppError):
    """The file cannot be read as a roster sheet; the message says why and what to do."""


# A sheet as read: its name, its rows from row 1 (one at a time: a 200,000-row sheet is checked row by
# row, never held whole as Python lists) and how many rows it has.
_Sheet = tuple[str, Iterator[list[Any]], int]


@dataclass
class RosterTable:
    sheet_name: str
    rows: list[list[Any]]  # the first rows of the sheet, the header among them; rows[i] is Excel row i + 1
    header_index: int
    mapping: dict[str, int]  # column key -> 0-based column index
    rest: Iterator[list[Any]]  # the rows after ``rows``, read as they are checked
    row_count: int


def _no_header_message(name: str) -> str:
    return _(
        "No member list was found in {file}. The sheet needs a header row with the columns 姓名 and "
        "公民身份号码 (or 身份证号码) above the members. Add that row and import again."
    ).format(file=name)


def is_blank(value: object) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, str) and not normalize_text(value)


def _row_is_blank(row: Sequence[object]) -> bool:
    return all(is_blank(value) for value in row)


def _read_spreadsheet(path: Path) -> Iterator[_Sheet]:
    """Each non-empty sheet, visible worksheets first. A sheet reaching too far is refused before it is
    loaded (calamine would build a grid up to its last cell)."""
    extents = sheet_extents(path)
    if extents.loaded_at_open and (found := extents.first_too_big()):
        raise _too_big(path, *found)
    workbook = _open_workbook(path)
    damaged = False
    with workbook:
        order = sorted(
            range(len(workbook.sheets_metadata)),
            key=lambda i: (
                workbook.sheets_metadata[i].typ != SheetTypeEnum.WorkSheet,
                workbook.sheets_metadata[i].visible != SheetVisibleEnum.Visible,
                i,
            ),
        )
        for index in order:
            name = workbook.sheet_names[index]
            extent = extents.sheets.get(name)
            if extent is not None and extent.too_big:
                raise _too_big(path, name, extent)
            try:
                sheet = workbook.get_sheet_by_index(index)
            except PasswordError:
                raise _password_protected(path) from None
            except Exception:  # a chart sheet or a damaged sheet: try the next one
                damaged = damaged or workbook.sheets_metadata[index].typ == SheetTypeEnum.WorkSheet
                continue
            # iter_rows starts at the first used column; the rows are numbered from row 1 already.
            padding = [""] * (sheet.start[1] if sheet.start else 0)
            row_count = sheet.end[0] + 1 if sheet.end else 0
            yield name, (padding + row for row in sheet.iter_rows()), row_count
            del sheet
    if damaged:  # no roster in the sheets that could be read: the damaged one may hold it
        raise SheetUnreadable(
            _(
                "{file} is damaged: a sheet in it cannot be read. Open it in Excel or WPS, save it as a new "
                "Excel workbook (.xlsx) and import that file."
            ).format(file=path.name)
        )


def _open_workbook(path: Path) -> CalamineWorkbook:
    """The workbook, or a message saying why it cannot be opened (a password, Excel holding it)."""
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise _password_protected(path) from None
    except PermissionError as error:  # on Windows: open in Excel
        raise _cannot_open(path) from error
    except Exception as error:  # calamine raises its own errors, and ValueError for odd files
        if path.suffix.lower() in {".xlsx", ".xlsm"} and _starts_with(path, _OLE_SIGNATURE):
            raise _password_protected(path) from error  # Excel keeps an encrypted .xlsx in an OLE file
        raise SheetUnreadable(
            _(
                "{file} could not be read as a spreadsheet. Open it in Excel or WPS, save it as an "
                "Excel workbook (.xlsx) and import that file."
            ).format(file=path.name)
        ) from error


def _too_big(path: Path, sheet: str, extent: Extent) -> SheetUnreadable:
    if extent.outside is not None:
        row, column = extent.outside
        return SheetUnreadable(
            _(
                "The sheet has something in row {row}, column {column}, beyond the range of a roster (at "
                "most {max_rows} rows and {max_columns} columns). Delete what is there (sheet {sheet} of "
                "{file}), or copy the roster into a new workbook, and import again."
            ).format(
                row=row,
                column=column_letters(column),
                max_rows=MAX_ROWS,
                max_columns=MAX_COLUMNS,
                sheet=sheet,
                file=path.name,
            )
        )
    return SheetUnreadable(
        _(
            "Sheet {sheet} of {file} is too big for a roster: it reaches row {rows} and column {column}. "
            "Delete the rows and columns that are not part of the roster, or copy the roster into a new "
            "workbook, and import again."
        ).format(sheet=sheet, file=path.name, rows=extent.rows, column=column_letters(extent.columns))
    )


def _starts_with(path: Path, signature: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(signature)) == signature
    except OSError:
        return False


def _password_protected(path: Path) -> SheetUnreadable:
    return SheetUnreadable(
        _(
            "{file} is protected by a password. Open it in Excel or WPS, remove the password, save it "
            "and import again."
        ).format(file=path.name)
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetUnreadable(
        _(
            "The characters in {file} could not be read. Open it in Excel or WPS, save it as an Excel "
            "workbook (.xlsx) and import that file."
        ).format(file=name)
    )


def _sniff_delimiter(text: str) -> str:
    sample = text[:20000]
    counts = {delimiter: sample.count(delimiter) for delimiter in _CSV_DELIMITERS}
    best = max(_CSV_DELIMITERS, key=lambda d: counts[d])  # ties go to the comma (listed first)
    return best if counts[best] else ","


def _read_text_table(path: Path) -> Iterator[_Sheet]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the file is
    except OSError as error:
        raise _cannot_open(path) from error
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_a_sheet(path)
    text = _decode(data, path.name)
    try:
        rows: list[list[Any]] = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        )
    except csv.Error as error:
        raise SheetUnreadable(
            _(
                "{file} is not a proper CSV file. Open it in Excel or WPS, save it as an Excel "
                "workbook (.xlsx) and import that file."
            ).format(file=path.name)
        ) from error
    yield path.stem, iter(rows), len(rows)


def _not_a_sheet(path: Path) -> SheetUnreadable:
    return SheetUnreadable(
        _(
            "{file} is not a spreadsheet. Please choose an Excel file (.xlsx or .xls), a WPS or "
            "LibreOffice sheet (.ods) or a .csv file."
        ).format(file=path.name)
    )


def _cannot_open(path: Path) -> SheetUnreadable:
    return SheetUnreadable(
        _("{file} could not be opened. If it is open in Excel or WPS, close it there and try again.").format(
            file=path.name
        )
    )


def _too_large(path: Path) -> SheetUnreadable:
    return SheetUnreadable(
        _(
            "{file} is larger than {size} MB, too large for a roster. Keep only the roster in the file (delete "
            "other sheets, pictures and unused rows) and import again."
        ).format(file=path.name, size=MAX_FILE_BYTES // (1024 * 1024))
    )


def read_table(path: Path) -> RosterTable:
    try:
        if not path.is_file():
            raise SheetUnreadable(_("The file {file} was not found.").format(file=str(path)))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_large(path)
    except OSError as error:  # a name too long for the system, a folder that cannot be entered
        raise _cannot_open(path) from error
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        sheets = _read_text_table(path)
    elif suffix in SPREADSHEET_SUFFIXES:
        sheets = _read_spreadsheet(path)
    elif _starts_with(path, b"PK\x03\x04") or _starts_with(path, _OLE_SIGNATURE):
        sheets = _read_spreadsheet(path)  # a workbook with an odd name
    else:
        raise _not_a_sheet(path)
    found_any = False
    for sheet_name, rows, row_count in sheets:
        head = list(itertools.islice(rows, HEADER_SCAN_ROWS + 1))
        header = find_header_row(head, HEADER_SCAN_ROWS)
        if header is None:
            found_any = found_any or any(not _row_is_blank(row) for row in itertools.chain(head, rows))
            continue
        index, mapping = header
        return RosterTable(sheet_name, head, index, mapping, rows, row_count)
    if not found_any:
        raise SheetUnreadable(_("{file} has no data in it.").format(file=path.name))
    raise SheetUnreadable(_no_header_message(path.name))


def describe_header(table: RosterTable) -> tuple[dict[str, str], list[str]]:
    """Each recognised column's header text as the user sees it (from the upper row of a two-row
    header when the lower cell is empty), and the header texts that are not roster columns."""
    lower = table.rows[table.header_index]
    upper = table.rows[table.header_index - 1] if table.header_index > 0 else []
    if not match_headers(upper):
        upper = []  # a title row, not the upper half of a two-row header

    def text_at(index: int) -> str:
        for cells in (lower, upper):
            if index < len(cells):
                text = normalize_header(cells[index])
                if text:
                    return text
        return ""

    titles = {key: text_at(index) or column(key).title for key, index in table.mapping.items()}
    used = set(table.mapping.values())
    unknown = [text_at(i) for i in range(max(len(lower), len(upper))) if i not in used and text_at(i)]
    return titles, unknown
