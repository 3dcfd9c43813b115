"""Importing the roster sheet the secretary already has (.xlsx, .xls, .ods or .csv).

Two steps, so that nothing is written before the secretary has seen the result:

1. ``read_roster_file`` reads the sheet (``roster_file``: the header row found under any title rows),
   checks every row with the same validation as the form and returns an :class:`ImportPreview`: the good
   rows, every problem (Excel row number, column, what to fix) and warnings. Nothing is written.
2. ``commit_import`` backs up the database, then writes the good rows in one transaction.

A row number is always the one the user sees in Excel, title rows included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dangjian_desktop.domain.choices import ACTIVE, MEMBER_STATUS
from dangjian_desktop.domain.dates import EARLIEST_YEAR, MONTH
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.members import MemberData, field_label, validate_member
from dangjian_desktop.domain.roster_columns import WORK_AND_OFFICE, column, header_key, names_an_office
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.backups import back_up_now
from dangjian_desktop.services.members.queries import members_by_id_number
from dangjian_desktop.services.members.records import SaveStopped, SaveSummary, save_many
from dangjian_desktop.services.members.roster_file import (
    RosterTable,
    SheetUnreadable,
    describe_header,
    is_blank,
    read_table,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.backup import REASON_IMPORT

__all__ = [
    "ImportCancelled",
    "ImportPreview",
    "ImportProblem",
    "SheetUnreadable",
    "commit_import",
    "read_roster_file",
]

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

PROGRESS_EVERY = 200
# Rows listed by number in a summarised warning; more are counted, not listed.
MAX_LISTED_ROWS = 10

_DATE_KEYS = ("birth_date", "joined_date", "full_member_date")
_BOOL_KEYS = frozenset({"flowing", "holds_activity_book"})
_RAW_KEYS = frozenset({"id_number", *_DATE_KEYS})  # passed to validation as the cell holds them
_INFO_KEYS = frozenset({"branch_name", "standing"})  # shown in sheets, not imported
_EXACT_IN_A_NUMBER_CELL = 10**15
_FOOTER_WORDS = (
    "合计",
    "总计",
    "小计",
    "共计",
    "填表人",
    "制表人",
    "填报人",
    "审核人",
    "负责人",
    "注:",
    "说明:",
)


class ImportCancelled(AppError):
    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; nothing was written."))


@dataclass(frozen=True)
class ImportProblem:
    row: int  # the row number the user sees in Excel (1-based, title rows counted)
    column: str  # the column title as in the sheet header, or "" for a problem with the whole row
    message: str

    def line(self) -> str:
        if self.column:
            return _("Row {row} {column}: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        return _("Row {row}: {message}").format(row=self.row, message=self.message)


@dataclass
class ImportPreview:
    """What an import would do. ``good`` rows are written by :func:`commit_import`; a row with any
    problem is not imported at all."""

    path: Path
    sheet_name: str
    header_row: int  # Excel row number of the header (the lower row of a two-row header)
    columns: dict[str, str]  # column key -> its header text in the sheet, in sheet order
    unknown_headers: list[str]  # header texts that are not roster columns (not imported)
    good: list[tuple[int, MemberData]] = field(default_factory=list)  # (Excel row, checked data)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    total_rows: int = 0  # non-blank data rows
    merged_rows: int = 0  # rows left out because they repeat an earlier identical row
    # Set when a workspace was given: how the good rows compare with the members already stored.
    new_count: int | None = None
    update_count: int | None = None
    unchanged_count: int | None = None

    @property
    def bad_rows(self) -> list[int]:
        return sorted({problem.row for problem in self.problems})

    @property
    def bad_row_count(self) -> int:
        return len(self.bad_rows)

    def column_mapping(self) -> list[tuple[str, str]]:
        """(the sheet's column header, where its cells go) for every column, in the sheet's order."""
        mapping = [(title, _where_it_goes(key)) for key, title in self.columns.items()]
        return mapping + [(title, _("not imported")) for title in self.unknown_headers]


def _where_it_goes(key: str) -> str:
    if key == WORK_AND_OFFICE:
        return _("{office} when it names an office (村委会主任, 村会计), otherwise {occupation}").format(
            office=field_label("office"), occupation=field_label("occupation")
        )
    if key in _INFO_KEYS:
        return _("not imported")
    return field_label(key)


# --- turning cells into the raw values the validation takes -----------------------------------


def _cell_text(value: object) -> str:
    """A cell as the text the user sees: 13812345678.0 (a phone in a number cell) is 13812345678."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _starts_with_footer_word(value: object) -> bool:
    return normalize_text(_cell_text(value)).replace(" ", "").startswith(_FOOTER_WORDS)


def _is_footer(cells: dict[str, object], row: Sequence[object]) -> bool:
    """A line under the list ("合计：35人", "填表人：… 审核人：…", "注：…") rather than a member: no name
    (or the footer word in its place), no digit in the ID column, and a footer word in some cell — often
    spread over the columns, the first part in the 序号 column and "审核人：" in the ID column."""
    if any(character.isdigit() for character in _cell_text(cells.get("id_number"))):
        return False
    name = cells.get("name")
    if not is_blank(name):
        return _starts_with_footer_word(name)
    return any(_starts_with_footer_word(value) for value in row if isinstance(value, str))


def _raw_values(cells: dict[str, object]) -> dict[str, object]:
    raw: dict[str, object] = {}
    for key, value in cells.items():
        if key in _INFO_KEYS or key == WORK_AND_OFFICE:
            continue
        if key in _RAW_KEYS or (key in _BOOL_KEYS and isinstance(value, bool)):
            raw[key] = None if isinstance(value, str) and not value.strip() else value
        else:
            raw[key] = _cell_text(value)
    work_or_office = normalize_text(_cell_text(cells.get(WORK_AND_OFFICE)))
    if work_or_office:  # into 职务 or 工作岗位 by what it says, unless the sheet has that column too
        target = "office" if names_an_office(work_or_office) else "occupation"
        if not raw.get(target):
            raw[target] = work_or_office
    number = raw.get("id_number")
    if isinstance(number, int) and not isinstance(number, bool) and abs(number) >= _EXACT_IN_A_NUMBER_CELL:
        # A spreadsheet number holds 15 digits exactly; an 18-digit one was rounded, even if its check
        # digit happens to fit. As a float it gets the "stored as a number, digits lost" message.
        raw["id_number"] = float(number)
    return raw


def _may_be_october(value: object) -> bool:
    """A number cell holding 1990.1: typed as 1990.1 (January) or as 1990.10 (October, the zero
    dropped by Excel) — we read January, and say so."""
    if not isinstance(value, float) or value.is_integer() or not math.isfinite(value):
        return False
    return EARLIEST_YEAR <= int(value) <= 9999 and repr(value).partition(".")[2] == "1"


# --- the preview ------------------------------------------------------------------------------


class _Notes:
    """Warnings that may repeat on many rows of one column: one line per column, not one per row."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], list[int]] = {}

    def add(self, kind: str, column_title: str, row: int) -> None:
        self._rows.setdefault((kind, column_title), []).append(row)

    def problems(self) -> list[ImportProblem]:
        result = []
        for (kind, column_title), rows in self._rows.items():
            if len(rows) == 1:
                message = _SINGLE[kind]()
            else:
                listed = "、".join(str(row) for row in rows[:MAX_LISTED_ROWS])
                if len(rows) > MAX_LISTED_ROWS:
                    listed += "…"
                message = _MANY[kind]().format(count=len(rows), rows=listed)
            result.append(ImportProblem(rows[0], column_title, message))
        return result


_SINGLE: dict[str, Callable[[], str]] = {
    "month": lambda: _("Only the year and month are given; the date is kept as that month."),
    "october": lambda: _(
        "Excel stored this date as a number like 1990.1, which is read as January. If October "
        "(1990.10) was meant, correct it after the import."
    ),
}
_MANY: dict[str, Callable[[], str]] = {
    "month": lambda: _(
        "{count} rows of this column give only the year and month (rows {rows}); each date is kept as "
        "that month."
    ),
    "october": lambda: _(
        "{count} dates of this column were stored by Excel as numbers like 1990.1 (rows {rows}) and are "
        "read as January. If October (1990.10) was meant, correct them after the import."
    ),
}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cycle collector would scan the many objects a bulk read creates again and again (about
    15 % of an import's CPU time with a full roster in memory); reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled()


def read_roster_file(
    path: str | Path,
    *,
    workspace: Workspace | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPreview:
    """Read and check a roster sheet; nothing is written.

    Raises :class:`SheetUnreadable` when the file cannot be read or has no header row, and
    :class:`ImportCancelled` when ``cancel()`` returns True. ``progress(done, total)`` is called every
    few hundred rows. Any problem inside a row becomes an :class:`ImportProblem`, never an exception.
    """
    with _gc_paused():
        return _read_roster_file(Path(path), workspace, progress, cancel)


def _read_roster_file(
    path: Path, workspace: Workspace | None, progress: Progress | None, cancel: Cancel | None
) -> ImportPreview:
    _check_cancel(cancel)
    table = _roster_table(path)
    titles, unknown = describe_header(table)
    preview = ImportPreview(
        path=path,
        sheet_name=table.sheet_name,
        header_row=table.header_index + 1,
        columns=titles,
        unknown_headers=unknown,
    )
    rows = _RowCheck(table, preview)
    start = table.header_index + 1
    total = max(table.row_count - start, 0)
    for position, row in enumerate(itertools.chain(table.rows[start:], table.rest)):
        if position % PROGRESS_EVERY == 0:
            _check_cancel(cancel)
            if progress is not None:
                progress(position, total)
        rows.check(start + position + 1, row)
    _check_cancel(cancel)
    if progress is not None:
        progress(total, total)
    rows.finish(workspace)
    return preview


def _roster_table(path: Path) -> RosterTable:
    table = read_table(path)
    if "id_number" not in table.mapping:
        raise SheetUnreadable(
            _(
                "The header row (row {row}) of {file} has no column for the ID number. Add a column titled "
                "公民身份号码 with each member's ID number and import again."
            ).format(row=table.header_index + 1, file=path.name)
        )
    return table


def _not_a_member(cells: dict[str, object], row: Sequence[object]) -> bool:
    """Rows that are not members: blank rows, rows holding only a 序号, rows below the list, the header
    repeated further down (sheets laid out for printing) and footer lines."""
    if all(is_blank(value) for value in cells.values()):
        return True
    if header_key(cells.get("name")) == "name" and header_key(cells.get("id_number")) == "id_number":
        return True
    return _is_footer(cells, row)


class _RowCheck:
    """The check of a sheet's rows, one at a time, collecting into the preview: the checked members,
    the problems and the warnings of each row."""

    def __init__(self, table: RosterTable, preview: ImportPreview) -> None:
        self.preview = preview
        self.titles = preview.columns
        self.order = dict(table.mapping)
        self.items = list(table.mapping.items())
        self.notes = _Notes()
        self.shared: dict[object, object] = {}
        self.checked: list[tuple[int, MemberData]] = []
        self.problems: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []

    def title_of(self, key: str) -> str:
        return self.titles[key] if key in self.titles else column(key).title

    def check(self, excel_row: int, row: list[Any]) -> None:
        width = len(row)
        cells = {key: (row[i] if i < width else None) for key, i in self.items}
        if _not_a_member(cells, row):
            return
        self.preview.total_rows += 1
        try:
            data = validate_member(_raw_values(cells))
        except FieldErrors as error:
            for key, message in sorted(error.errors.items(), key=lambda item: self.order.get(item[0], -1)):
                self.problems.append(ImportProblem(excel_row, self.title_of(key), message))
            return
        except Exception:  # messy input must never stop the import
            message = _("This row could not be read. Look for unusual content in it and correct it.")
            self.problems.append(ImportProblem(excel_row, "", message))
            return
        self.checked.append((excel_row, _share_repeats(data, self.shared)))
        self.warnings.extend(
            ImportProblem(excel_row, self.title_of("id_number"), text) for text in data.warnings
        )
        self._note_dates(excel_row, cells, data)
        self._note_standing(excel_row, cells)

    def _note_dates(self, excel_row: int, cells: dict[str, object], data: MemberData) -> None:
        for key in _DATE_KEYS:
            if key in cells:
                value = getattr(data, key)
                if _may_be_october(cells[key]):
                    self.notes.add("october", self.title_of(key), excel_row)
                elif value is not None and value.precision == MONTH:
                    self.notes.add("month", self.title_of(key), excel_row)

    def _note_standing(self, excel_row: int, cells: dict[str, object]) -> None:
        standing = cells.get("standing")
        if not is_blank(standing) and MEMBER_STATUS.code_for(standing) != ACTIVE:
            message = _(
                "The sheet says '{standing}'. The member is imported onto the roster; record the leaving "
                "(transfer, death ...) with 'Leave the roster' on the roster page."
            )
            self.warnings.append(
                ImportProblem(
                    excel_row, self.title_of("standing"), message.format(standing=normalize_text(standing))
                )
            )

    def finish(self, workspace: Workspace | None) -> None:
        """Duplicates, the summarised notes, the comparison with the stored members; problems and
        warnings sorted by row and column."""
        preview, warnings = self.preview, self.warnings
        preview.good = _without_duplicates(
            self.checked, self.title_of("id_number"), self.problems, warnings, preview
        )
        warnings.extend(self.notes.problems())
        if workspace is not None:
            _compare_with_stored(workspace, preview, warnings)

        def place(problem: ImportProblem) -> tuple[int, int]:
            return problem.row, _column_order(problem.column, self.titles, self.order)

        preview.problems = sorted(self.problems, key=place)
        preview.warnings = sorted(warnings, key=place)


# Values that repeat from member to member (正式党员, 第一党小组, 高中, a joining date ...): each row's copy is
# swapped for one kept object, which keeps a 200,000-row import some 100 MB smaller.
_REPEATING_FIELDS = (
    "sex",
    "ethnicity",
    "education",
    "category",
    "joined_date",
    "full_member_date",
    "party_group",
    "office",
    "dues_category",
    "occupation",
    "away_place",
)


def _share_repeats(data: MemberData, shared: dict[object, object]) -> MemberData:
    changes: dict[str, Any] = {}
    for name in _REPEATING_FIELDS:
        value = getattr(data, name)
        if value:
            kept = shared.setdefault(value, value)
            if kept is not value:
                changes[name] = kept
    return dataclasses.replace(data, **changes) if changes else data


def _column_order(title: str, titles: dict[str, str], order: dict[str, int]) -> int:
    for key, text in titles.items():
        if text == title:
            return order[key]
    return -1


def _without_duplicates(
    checked: list[tuple[int, MemberData]],
    id_title: str,
    problems: list[ImportProblem],
    warnings: list[ImportProblem],
    preview: ImportPreview,
) -> list[tuple[int, MemberData]]:
    """Identical rows are imported once (with a warning); rows sharing an ID number with different
    details are all reported, and none of them is imported."""
    by_number: dict[str, list[tuple[int, MemberData]]] = {}
    for row, data in checked:
        by_number.setdefault(data.id_number, []).append((row, data))
    good: list[tuple[int, MemberData]] = []
    for entries in by_number.values():
        first_row, first = entries[0]
        if len(entries) == 1:
            good.append(entries[0])
        elif all(data == first for _row, data in entries[1:]):
            good.append(entries[0])
            for row, _data in entries[1:]:
                preview.merged_rows += 1
                warnings.append(
                    ImportProblem(
                        row,
                        "",
                        _("This row is the same as row {first}; it is imported only once.").format(
                            first=first_row
                        ),
                    )
                )
        else:
            for row, _data in entries:
                others = "、".join(str(other) for other, _d in entries if other != row)
                problems.append(
                    ImportProblem(
                        row,
                        id_title,
                        _(
                            "Row {rows} has the same ID number but different details. Check which row is right, "
                            "delete or correct the other and import again."
                        ).format(rows=others),
                    )
                )
    good.sort(key=lambda entry: entry[0])
    return good


def _compare_with_stored(workspace: Workspace, preview: ImportPreview, warnings: list[ImportProblem]) -> None:
    stored = members_by_id_number(workspace, (data.id_number for _row, data in preview.good))
    new = update = unchanged = 0
    for row, data in preview.good:
        known = stored.get(data.id_number)
        if known is None:
            new += 1
            continue
        if known[0] == data:
            unchanged += 1
        else:
            update += 1
        if known[1] != ACTIVE:
            warnings.append(
                ImportProblem(
                    row,
                    "",
                    _(
                        "{name} is no longer on the roster ({status}). The import only updates the details; to put "
                        "the member back, use 'Return to roster' on the roster page."
                    ).format(name=known[0].name, status=MEMBER_STATUS.label(known[1])),
                )
            )
    preview.new_count, preview.update_count, preview.unchanged_count = new, update, unchanged


# --- writing ----------------------------------------------------------------------------------


def commit_import(
    workspace: Workspace,
    preview: ImportPreview,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SaveSummary:
    """Back up the database (the PC's own file), then write the preview's good rows in one transaction. Members are matched
    by ID number, so importing the same sheet again changes nothing. On cancel (``cancel()`` returning
    True: :class:`ImportCancelled`) or on any error nothing is written."""
    workspace.require_branch()
    _check_cancel(cancel)
    if not preview.good:
        return SaveSummary(added=0, updated=0, unchanged=0)
    if not workspace.is_server:  # the PC's file; a server's data is backed up by the township
        back_up_now(workspace, REASON_IMPORT)
    members = [data for _row, data in preview.good]
    try:
        with _gc_paused():
            return save_many(
                workspace,
                members,
                source=_("Imported from {file}").format(file=preview.path.name),
                progress=progress,
                should_stop=cancel,
            )
    except SaveStopped as stopped:
        raise ImportCancelled() from stopped
