"""How far a workbook's sheets really reach, found before the sheet is loaded.

python-calamine loads a sheet as a dense grid from A1 to its last cell: one value in XFD1048576 asks for
some 550 GB and aborts the whole process (reliability.md D4), and a value in ZZ100000 costs gigabytes. So
before a sheet is loaded, its XML is read as a stream (never whole) and the last row and column that hold
something are noted; a sheet that reaches beyond what a roster can be is refused with the cell that is too
far away, in words.

Done for .xlsx/.xlsm (cells carry their address) and .ods (rows and cells carry repeat counts). An .xls
cannot be larger than 65,536 rows × 256 columns, which calamine loads without trouble.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

# A roster sheet: at most this many rows and columns, and this many cells in all (the grid is dense).
MAX_ROWS = 250_000
MAX_COLUMNS = 200
MAX_CELLS = 3_500_000  # calamine needs up to 100 bytes a cell while it loads: some 350 MB at most

_CHUNK = 4 * 1024 * 1024
# <c r="B7" s="3" t="s"><v>12</v></c> holds something; <c r="B7" s="3"/> is only formatting.
_XLSX_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/?)>')
_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class Extent:
    """The last row and column (1-based) holding something, and the farthest cell outside the limits."""

    rows: int = 0
    columns: int = 0
    outside: tuple[int, int] | None = None  # (row, column) of a cell beyond MAX_ROWS / MAX_COLUMNS

    @property
    def too_big(self) -> bool:
        return self.outside is not None or self.rows * self.columns > MAX_CELLS


def column_letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 16384 → XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


class _Tracker:
    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.outside: tuple[int, int] | None = None

    def add(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)
        if (row > MAX_ROWS or column > MAX_COLUMNS) and (
            self.outside is None or (row, column) > self.outside
        ):
            self.outside = (row, column)

    def extent(self) -> Extent:
        return Extent(self.rows, self.columns, self.outside)


@dataclass(frozen=True)
class WorkbookExtents:
    sheets: dict[str, Extent]
    loaded_at_open: bool  # calamine reads every sheet of an .ods when the file is opened

    def first_too_big(self) -> tuple[str, Extent] | None:
        return next(((name, e) for name, e in self.sheets.items() if e.too_big), None)


def sheet_extents(path: Path) -> WorkbookExtents:
    """The extent of each sheet by name; none for a file that is not an .xlsx/.xlsm/.ods we can look into
    (calamine then says what is wrong with it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                sheets = {name: _xlsx_extent(archive, member) for name, member in _xlsx_sheets(archive)}
                return WorkbookExtents(sheets, loaded_at_open=False)
            if "content.xml" in names:
                return WorkbookExtents(_ods_extents(archive), loaded_at_open=True)
    except (zipfile.BadZipFile, OSError, KeyError, ElementTree.ParseError, EOFError, ValueError):
        pass
    return WorkbookExtents({}, loaded_at_open=False)


def _xlsx_sheets(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(sheet name, path of its XML in the archive) from the workbook and its relationships."""
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(_REL), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if member in archive.namelist():
            yield sheet.get("name", ""), member


def _xlsx_extent(archive: zipfile.ZipFile, member: str) -> Extent:
    tracker = _Tracker()
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag cut in two is read with the next chunk
            data, tail = data[:cut], data[cut:]
            for match in _XLSX_CELL.finditer(data):
                if not match.group(3):
                    tracker.add(int(match.group(2)), _column_number(match.group(1)))
        for match in _XLSX_CELL.finditer(tail):
            if not match.group(3):
                tracker.add(int(match.group(2)), _column_number(match.group(1)))
    return tracker.extent()


def _ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    """Rows and cells of an .ods repeat (number-rows-repeated, number-columns-repeated); only a cell with
    a value type or text counts as holding something."""
    extents: dict[str, Extent] = {}
    tracker = _Tracker()
    row = column = 0
    row_repeat = 1
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _ODS_TABLE + "table":
                    tracker, row = _Tracker(), 0
                elif tag == _ODS_TABLE + "table-row":
                    row_repeat = int(element.get(_ODS_TABLE + "number-rows-repeated", "1"))
                    row, column = row + 1, 0
                continue
            if tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                repeat = int(element.get(_ODS_TABLE + "number-columns-repeated", "1"))
                if element.get(_ODS_OFFICE + "value-type") or len(element):
                    tracker.add(row + row_repeat - 1, column + repeat)
                column += repeat
                element.clear()
            elif tag == _ODS_TABLE + "table-row":
                row += row_repeat - 1
                element.clear()
            elif tag == _ODS_TABLE + "table":
                extents[element.get(_ODS_TABLE + "name", "")] = tracker.extent()
                element.clear()
    return extents
