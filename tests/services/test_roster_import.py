"""Importing real, messy roster sheets: .xlsx made with openpyxl, .xls made with xlwt, .csv in GB18030."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import xlwt
from tests.support.postgres import engine_is_postgres

from dangjian_desktop import i18n
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import members
from dangjian_desktop.services.backups import list_backups
from dangjian_desktop.services.members import SaveSummary
from dangjian_desktop.services.members.roster_import import (
    ImportCancelled,
    ImportProblem,
    SheetUnreadable,
    commit_import,
    read_roster_file,
)
from dangjian_desktop.store.backup import REASON_IMPORT

ID_COLUMN = "公民身份号码"


def make_id(birth: str, sequence: int, region: str = "370102") -> str:
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

ZHANG_ID = make_id("19600101", 1)  # male
LI_ID = make_id("19620315", 2)  # female
SUN_ID = make_id("19650707", 5)
ZHOU_ID = make_id("19700101", 7)
OLD_15 = "370102580203003"  # a 15-digit number: born 1958-02-03, converted to 18 digits
BAD_CHECK = ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")


def messy_workbook(path: Path) -> Path:
    """A sheet as secretaries keep them: a merged title, a sub-title, a two-row header with merged
    cells, numbers where text was meant, dates in every form, duplicates and blank rows at the end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员名册"
    ws.append(["前进村党支部党员花名册"])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：前进村党支部", None, None, None, None, None, None, "填报日期：2024年1月"])
    ws.append(
        ["序号", "姓  名", "性别", "公民身份号码", "出生日期", "入党情况", None, "联系电话", "党小组", "籍贯"]
    )
    ws.append([None, None, None, None, None, "入党时间", "转正时间", None, None, None])
    for col in "ABCDEHIJ":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("F3:G3")
    rows = [
        # 5: good; spaces in the name, a full-width ID, a real date, "1990.1" text, "1991/01/01", phone as a number
        [
            1,
            "张 三",
            "男",
            ZHANG_ID.translate(FULL_WIDTH),
            dt.date(1960, 1, 1),
            "1990.1",
            "1991/01/01",
            13812345678,
            "第一党小组",
            "山东济南",
        ],
        # 6: good; birth date as an Excel serial number, joined as the number 1990.1, "1991年1月"
        [
            2,
            "李四",
            "女",
            LI_ID,
            excel_serial(dt.date(1962, 3, 15)),
            1990.1,
            "1991年1月",
            "139 1234 5678",
            "第二党小组",
            None,
        ],
        # 7: the ID stored as a number: Excel rounded it
        [3, "王五", "男", int(make_id("19610101", 5)), None, None, None, None, None, None],
        # 8: the ID as text in scientific notation
        [4, "赵六", "男", "3.70102E+17", None, None, None, None, None, None],
        # 9: wrong check digit
        [5, "钱七", "男", BAD_CHECK, None, None, None, None, None, None],
        # 10 and 11: identical rows
        [6, "孙八", "男", SUN_ID, "1965.07.07", "1990-07-01", None, "13700000001", "第一党小组", None],
        [7, "孙八", "男", SUN_ID, "1965.07.07", "1990-07-01", None, "13700000001", "第一党小组", None],
        # 12 and 13: the same ID number, different names
        [8, "周九", "男", ZHOU_ID, None, None, None, None, None, None],
        [9, "吴十", "男", ZHOU_ID, None, None, None, None, None, None],
        # 14: two bad cells: no 13th month, a phone too short
        [10, "郑十一", "男", make_id("19720202", 9), None, "1995.13", None, "123", None, None],
        # 15: an old 15-digit ID number
        [11, "冯十二", "男", OLD_15, None, dt.datetime(1985, 6, 1, 0, 0), None, None, None, None],
        # 16: a time of day in a date column
        [12, "陈十三", "男", make_id("19750505", 11), dt.time(10, 30), None, None, None, None, None],
        # 17-20: blank rows (spaces, empty text, only a 序号)
        [None, " ", "", None, None, None, None, "\u3000", None, None],
        [],
        [15, None, None, None, None, None, None, None, None, None],
        [None, "", "", "", "", "", "", "", "", ""],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD_ROWS = [5, 6, 10, 15]
BAD_CELLS = {
    (7, ID_COLUMN),
    (8, ID_COLUMN),
    (9, ID_COLUMN),
    (12, ID_COLUMN),
    (13, ID_COLUMN),
    (14, "入党时间"),
    (14, "联系电话"),
    (16, "出生日期"),
}


@pytest.fixture
def chinese() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(previous)


@pytest.fixture
def english() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


def test_a_messy_sheet_imports_exactly_the_good_rows(workspace, tmp_path):
    sheet = messy_workbook(tmp_path / "花名册.xlsx")
    preview = read_roster_file(sheet, workspace=workspace)

    assert preview.sheet_name == "党员名册"
    assert preview.header_row == 4
    assert preview.unknown_headers == ["序号", "籍贯"]
    assert [row for row, _data in preview.good] == GOOD_ROWS
    assert {(p.row, p.column) for p in preview.problems} == BAD_CELLS
    assert preview.bad_rows == [7, 8, 9, 12, 13, 14, 16]
    assert preview.bad_row_count == 7
    assert preview.total_rows == 12  # the blank rows at the end are not counted
    assert preview.merged_rows == 1
    assert (preview.new_count, preview.update_count, preview.unchanged_count) == (4, 0, 0)

    zhang, li, sun, feng = (data for _row, data in preview.good)
    assert (zhang.name, zhang.id_number, zhang.sex, zhang.phone) == ("张三", ZHANG_ID, "male", "13812345678")
    assert str(zhang.birth_date) == "1960-01-01"
    assert str(zhang.joined_date) == "1990-01"
    assert str(zhang.full_member_date) == "1991-01-01"
    assert str(li.birth_date) == "1962-03-15"  # from an Excel serial number
    assert str(li.joined_date) == "1990-01"  # the number 1990.1
    assert str(li.full_member_date) == "1991-01"
    assert li.phone == "13912345678"
    assert str(sun.birth_date) == "1965-07-07"
    assert feng.id_number == "370102195802030039"
    assert str(feng.joined_date) == "1985-06-01"

    summary = commit_import(workspace, preview)
    assert summary == SaveSummary(added=4, updated=0, unchanged=0)
    rows = members.roster_rows(workspace)
    assert sorted((r.name, r.id_number) for r in rows) == sorted(
        [("张三", ZHANG_ID), ("李四", LI_ID), ("孙八", SUN_ID), ("冯十二", feng.id_number)]
    )


def test_each_problem_names_the_row_the_user_sees_and_what_to_fix(workspace, tmp_path, chinese):
    preview = read_roster_file(messy_workbook(tmp_path / "花名册.xlsx"), workspace=workspace)
    by_cell = {(p.row, p.column): p for p in preview.problems}
    # an ID number Excel turned into a number cannot be recovered: the message says so
    assert "找不回来" in by_cell[7, ID_COLUMN].message
    assert "找不回来" in by_cell[8, ID_COLUMN].message
    assert "最后一位" in by_cell[9, ID_COLUMN].message
    # two rows with one ID number and different details: each names the other
    assert "第13行" in by_cell[12, ID_COLUMN].message
    assert "第12行" in by_cell[13, ID_COLUMN].message
    assert by_cell[7, ID_COLUMN].line().startswith("第7行 公民身份号码: ")
    assert ImportProblem(3, "", "x").line() == "第3行: x"
    # problems come sorted by row, then by the column's place in the sheet
    assert [(p.row, p.column) for p in preview.problems if p.row == 14] == [
        (14, "入党时间"),
        (14, "联系电话"),
    ]


def test_warnings_for_merged_rows_converted_numbers_and_month_dates(workspace, tmp_path):
    preview = read_roster_file(messy_workbook(tmp_path / "花名册.xlsx"), workspace=workspace)
    warnings = {(w.row, w.column): w.message for w in preview.warnings}
    assert "10" in warnings[11, ""]  # row 11 repeats row 10
    assert (15, ID_COLUMN) in warnings  # the 15-digit number was converted
    assert (6, "入党时间") in warnings  # 1990.1 as a number: January, or October with the zero lost?
    assert (5, "入党时间") in warnings  # only a year and month
    assert (6, "转正时间") in warnings


def test_lines_are_english_when_english_is_chosen(workspace, tmp_path, english):
    preview = read_roster_file(messy_workbook(tmp_path / "花名册.xlsx"))
    assert preview.problems[0].line().startswith("Row 7 公民身份号码: ")


def test_reimporting_the_same_sheet_creates_no_duplicates(workspace, tmp_path):
    sheet = messy_workbook(tmp_path / "花名册.xlsx")
    commit_import(workspace, read_roster_file(sheet, workspace=workspace))
    again = read_roster_file(sheet, workspace=workspace)
    assert (again.new_count, again.update_count, again.unchanged_count) == (0, 0, 4)
    assert commit_import(workspace, again) == SaveSummary(added=0, updated=0, unchanged=4)
    assert len(members.roster_rows(workspace)) == 4


def test_a_changed_row_updates_the_member_found_by_id_number(workspace, tmp_path):
    sheet = messy_workbook(tmp_path / "花名册.xlsx")
    commit_import(workspace, read_roster_file(sheet))
    wb = openpyxl.load_workbook(sheet)
    wb.active["H5"] = "13999999999"
    wb.save(sheet)
    preview = read_roster_file(sheet, workspace=workspace)
    assert (preview.new_count, preview.update_count, preview.unchanged_count) == (0, 1, 3)
    assert commit_import(workspace, preview) == SaveSummary(added=0, updated=1, unchanged=3)
    phones = {r.name: r.phone for r in members.roster_rows(workspace)}
    assert phones["张三"] == "13999999999"


def test_commit_backs_up_the_database_first(workspace, tmp_path):
    preview = read_roster_file(messy_workbook(tmp_path / "花名册.xlsx"))
    summary = commit_import(workspace, preview)
    if engine_is_postgres():  # the township backs the server up: the PC writes no backup and claims none
        assert summary.added > 0 and list_backups(workspace) == []
        assert not workspace.backups_dir.exists() or not any(workspace.backups_dir.iterdir())
    else:
        assert [b.reason for b in list_backups(workspace)].count(REASON_IMPORT) == 1


def big_sheet(path: Path, count: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["姓名", "公民身份号码", "入党日期"])
    for i in range(count):
        ws.append([f"党员{i}", make_id("19600101", i % 999 + 1, region=f"{370102 + i // 999}"), "1990.7"])
    wb.save(path)
    return path


def test_progress_is_reported_while_reading_and_writing(workspace, tmp_path):
    sheet = big_sheet(tmp_path / "big.xlsx", 1000)
    reading: list[tuple[int, int]] = []
    preview = read_roster_file(sheet, progress=lambda done, total: reading.append((done, total)))
    assert len(preview.good) == 1000
    assert len(reading) >= 5 and reading[-1] == (1000, 1000)
    writing: list[tuple[int, int]] = []
    commit_import(workspace, preview, progress=lambda done, total: writing.append((done, total)))
    assert len(writing) >= 5 and writing[-1] == (1000, 1000)


def test_cancel_while_reading_stops(workspace, tmp_path):
    sheet = big_sheet(tmp_path / "big.xlsx", 1000)
    calls = iter(range(1000))
    with pytest.raises(ImportCancelled):
        read_roster_file(sheet, workspace=workspace, cancel=lambda: next(calls) >= 2)


def test_cancel_while_writing_writes_nothing(workspace, tmp_path):
    sheet = big_sheet(tmp_path / "big.xlsx", 1000)
    preview = read_roster_file(sheet)
    calls = iter(range(1000))
    with pytest.raises(ImportCancelled):
        commit_import(workspace, preview, cancel=lambda: next(calls) >= 3)  # after some rows went by
    assert members.roster_rows(workspace) == []
    with pytest.raises(ImportCancelled):
        commit_import(workspace, preview, cancel=lambda: True)
    assert members.roster_rows(workspace) == []


def test_an_xls_file(workspace, tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for col, title in enumerate(["姓名", "身份证号码", "出生日期", "入党时间", "手机号码"]):
        sheet.write(0, col, title)
    sheet.write(1, 0, "张三")
    sheet.write(1, 1, ZHANG_ID)
    sheet.write(1, 2, dt.date(1960, 1, 1), dates)
    sheet.write(1, 3, "1990.1")
    sheet.write(1, 4, 13812345678)
    sheet.write(2, 0, "李四")
    sheet.write(2, 1, float(LI_ID))  # the ID as a number cell
    sheet.write(2, 3, excel_serial(dt.date(1985, 7, 1)))
    path = tmp_path / "old.xls"
    book.save(str(path))

    preview = read_roster_file(path)
    assert [row for row, _ in preview.good] == [2]
    _row, zhang = preview.good[0]
    assert (zhang.name, str(zhang.birth_date), str(zhang.joined_date), zhang.phone) == (
        "张三",
        "1960-01-01",
        "1990-01",
        "13812345678",
    )
    assert [(p.row, p.column) for p in preview.problems] == [(3, "身份证号码")]


@pytest.mark.parametrize(("encoding", "delimiter"), [("gb18030", ","), ("utf-8-sig", "\t"), ("utf-8", ";")])
def test_a_csv_file(workspace, tmp_path, encoding, delimiter):
    lines = [
        ["党员花名册"],
        ["姓名", "身份证号", "性别", "入党日期", "党籍状态", "是否流动党员", "党费类别"],
        ["张三", ZHANG_ID, "男", "1990年1月", "正常", "是", "农民"],
        ["李四", "3.70102E+17", "女", "1990-01-01", "正常", "否", ""],
        ["孙八", SUN_ID, "男", "1990/07/01", "去世", "否", "离退休"],
        ["周九", ZHOU_ID, "女", "1990/07/01", "正常", "否", ""],
        ["", "", "", "", "", "", ""],
    ]
    text = "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"
    path = tmp_path / "名单.csv"
    path.write_bytes(text.encode(encoding))

    preview = read_roster_file(path, workspace=workspace)
    assert [row for row, _ in preview.good] == [3, 5]
    assert {(p.row, p.column) for p in preview.problems} == {(4, "身份证号"), (6, "性别")}
    zhang = preview.good[0][1]
    assert (zhang.flowing, zhang.dues_category, str(zhang.joined_date)) == (True, "farmer", "1990-01")
    assert (5, "党籍状态") in {(w.row, w.column) for w in preview.warnings}  # 去世: handle on the roster page
    commit_import(workspace, preview)
    assert sorted(r.name for r in members.roster_rows(workspace)) == ["孙八", "张三"]


def test_a_member_who_left_the_roster_is_updated_but_stays_off_it(workspace, tmp_path):
    record = members.add_member(workspace, {"name": "张三", "id_number": ZHANG_ID})
    members.leave_roster(workspace, record.id, "transferred_out", dt.date(2024, 3, 1), "转往城关社区")
    path = tmp_path / "a.csv"
    path.write_text(f"姓名,公民身份号码,联系电话\n张三,{ZHANG_ID},13812345678\n", encoding="utf-8")
    preview = read_roster_file(path, workspace=workspace)
    assert preview.update_count == 1
    assert [(w.row, w.column) for w in preview.warnings] == [(2, "")]
    commit_import(workspace, preview)
    assert members.roster_rows(workspace) == []
    assert members.get_member(workspace, record.id).data.phone == "13812345678"


def test_unreadable_files_are_refused_in_words(workspace, tmp_path, chinese):
    with pytest.raises(SheetUnreadable, match="找不到"):
        read_roster_file(tmp_path / "missing.xlsx")

    not_a_sheet = tmp_path / "notes.xlsx"
    not_a_sheet.write_text("this is not a workbook", encoding="utf-8")
    with pytest.raises(SheetUnreadable):
        read_roster_file(not_a_sheet)

    encrypted = tmp_path / "locked.xlsx"  # Excel keeps a password-protected .xlsx in an OLE file
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(SheetUnreadable, match="密码"):
        read_roster_file(encrypted)

    word = tmp_path / "report.docx"
    word.write_bytes(b"some bytes")
    with pytest.raises(SheetUnreadable):
        read_roster_file(word)

    no_header = tmp_path / "no_header.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["张三", ZHANG_ID])
    wb.save(no_header)
    with pytest.raises(SheetUnreadable) as caught:
        read_roster_file(no_header)
    assert "姓名" in caught.value.message and "公民身份号码" in caught.value.message

    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(SheetUnreadable):
        read_roster_file(empty)

    no_id_column = tmp_path / "no_id.csv"
    no_id_column.write_text("姓名,性别,民族,入党日期\n张三,男,汉族,1990.1\n", encoding="utf-8")
    with pytest.raises(SheetUnreadable, match="公民身份号码"):
        read_roster_file(no_id_column)


def test_the_first_sheet_with_a_roster_is_used(workspace, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["请按下表填写，身份证号请设置为文本格式。"])
    wb.create_sheet("空白")
    roster = wb.create_sheet("花名册")
    roster.append(["姓名", "公民身份号码"])
    roster.append(["张三", ZHANG_ID])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    preview = read_roster_file(path)
    assert preview.sheet_name == "花名册"
    assert [row for row, _ in preview.good] == [2]


def test_odd_cells_become_problems_not_crashes(workspace, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "出生日期", "入党日期", "是否流动党员", "备注", "联系电话"])
    ws.append([True, 1.5, -3, float("1e300"), "也许", dt.datetime(2020, 1, 1, 8, 30), 12.5])
    ws.append(["张三", ZHANG_ID, dt.date(1960, 1, 1), dt.date(2099, 1, 1), 1, 12, None])
    ws.append(["x" * 80, ZHANG_ID.lower(), None, "1990", None, None, None])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    preview = read_roster_file(path)
    assert preview.good == []
    assert preview.bad_rows == [2, 3, 4]


def test_a_header_repeated_for_printing_and_lines_under_the_list_are_skipped(workspace, tmp_path):
    path = tmp_path / "pages.csv"
    lines = [
        "姓名,公民身份号码",
        f"张三,{ZHANG_ID}",
        "",
        "姓名,公民身份号码",
        f"李四,{LI_ID}",
        "合计：2人,",
        "填表人：王五,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = read_roster_file(path)
    assert [row for row, _ in preview.good] == [2, 5]
    assert preview.problems == []
    assert preview.total_rows == 2


def test_an_18_digit_number_cell_is_refused_even_when_its_check_digit_fits(workspace, tmp_path):
    from dangjian_desktop.services.members.roster_import import _raw_values

    raw = _raw_values({"name": "张三", "id_number": int(ZHANG_ID)})  # an int, as some readers give
    assert isinstance(raw["id_number"], float)
    assert _raw_values({"id_number": 123456})["id_number"] == 123456


def test_a_signature_line_spread_over_the_columns_under_the_list_is_skipped(workspace, tmp_path):
    """The line under a printed roster often reads 填表人：… 审核人：… 填报日期：… across several
    columns, the first part in the 序号 column and a later part in the ID column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", ID_COLUMN, "入党日期"])
    ws.append([1, "张三", ZHANG_ID, "1990.7"])
    ws.append([2, "李四", LI_ID, "1992.7"])
    ws.append(["填表人：王五", None, "审核人：赵六", "填报日期：2024年3月"])
    ws.append([None, "制表人：王五", "审核人：", None])
    path = tmp_path / "signed.xlsx"
    wb.save(path)

    preview = read_roster_file(path)
    assert [row for row, _ in preview.good] == [2, 3]
    assert preview.problems == []
    assert preview.total_rows == 2


def test_a_member_row_with_a_note_is_never_taken_for_a_signature_line(workspace, tmp_path):
    path = tmp_path / "note.csv"
    path.write_text(f"姓名,公民身份号码,备注\n张三,{ZHANG_ID},\n李四,,说明：身份证丢失\n", encoding="utf-8")
    preview = read_roster_file(path)
    assert preview.bad_rows == [3]  # reported (no ID number), not silently skipped
