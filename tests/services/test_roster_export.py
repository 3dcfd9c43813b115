"""Exporting the roster to .xlsx: the 花名册 layout, typed cells, and an exact round trip through import."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from tests.support.postgres import other_branch_url

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.roster_columns import COLUMNS
from dangjian_desktop.services import members
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.members import SaveSummary, members_with_status
from dangjian_desktop.services.members.roster_export import export_roster
from dangjian_desktop.services.members.roster_import import commit_import, read_roster_file
from dangjian_desktop.services.workspace import open_workspace

BRANCH = "中共前进村支部委员会"
TITLES = [c.title for c in COLUMNS]


def make_id(birth: str, sequence: int, region: str = "370102") -> str:
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + check_digit(first17)


MEMBERS = [
    {
        "name": "张三",
        "id_number": "11010519491231002X",
        "joined_date": "1970-07-01",
        "full_member_date": "1971.7",
        "phone": "13812345678",
        "office": "书记",
        "party_group": "第一党小组",
        "dues_category": "农民",
        "education": "高中",
        "address": "前进村3组12号",
        "notes": "=老党员 行动不便",
    },
    {
        "name": "李四",
        "id_number": "440524188001010014",
        "birth_date": "1880.1",
        "joined_date": "1921.7",
        "ethnicity": "回族",
        "notes": "1921 年入党",
    },
    {
        "name": "王五",
        "id_number": "370101190102039973",
        "joined_date": "1930.1",
        "flowing": "是",
        "away_place": "江苏省苏州市昆山市",
        "holds_activity_book": "是",
        "occupation": "农牧渔民",
    },
    {
        "name": "赵六",
        "id_number": "513101198201130014",
        "joined_date": "2024-06-01",
        "category": "预备党员",
        "dues_category": "在职",
        "phone": "053112345678",
        "party_group": "1",
    },
    {
        "name": "Tom Lee",
        "id_number": make_id("19900101", 2),
        "sex": "女",
        "joined_date": "2015年7月1日",
        "full_member_date": "2016-07-01",
        "dues_category": "学生",
    },
]


def fill(workspace) -> None:
    for raw in MEMBERS:
        members.add_member(workspace, raw)


def stored(workspace) -> dict[str, object]:
    return {data.id_number: data for data, _status in members_with_status(workspace)}


def test_the_exported_sheet_has_the_roster_layout(workspace, tmp_path):
    fill(workspace)
    path = tmp_path / "花名册.xlsx"
    assert export_roster(workspace, path) == len(MEMBERS)

    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "党员花名册"
    assert sheet["A1"].value == f"{BRANCH}党员花名册"
    assert sheet["A1"].font.bold and sheet["A1"].font.size > 12
    assert sheet["A1"].alignment.horizontal == "center"
    assert [str(r) for r in sheet.merged_cells.ranges] == [
        f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}1"
    ]
    assert [cell.value for cell in sheet[2]] == TITLES
    assert sheet.freeze_panes == "B3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.max_row == 2 + len(MEMBERS)

    col = {title: index for index, title in enumerate(TITLES)}
    rows = {row[col["姓名"]].value: row for row in sheet.iter_rows(min_row=3)}
    zhang, li, wang, zhao = rows["张三"], rows["李四"], rows["王五"], rows["赵六"]
    id_cell = zhang[col["公民身份号码"]]
    assert id_cell.value == "11010519491231002X" and id_cell.data_type == "s" and id_cell.number_format == "@"
    assert wang[col["公民身份号码"]].value == "370101190102039973"  # all digits, still text
    assert zhang[col["联系电话"]].value == "13812345678" and zhang[col["联系电话"]].data_type == "s"
    joined = zhang[col["入党日期"]]
    assert joined.value == dt.datetime(1970, 7, 1) and joined.is_date and joined.number_format == "yyyy-mm-dd"
    assert zhang[col["出生日期"]].value == dt.datetime(1949, 12, 31)  # taken from the ID number
    assert zhang[col["转正日期"]].value == "1971.07"  # month precision: text that reads back as a month
    assert li[col["出生日期"]].value == "1880-01-01"  # the ID gives the day; Excel has no dates before 1900
    assert zhang[col["性别"]].value == "女" and zhang[col["人员类别"]].value == "正式党员"
    assert zhao[col["人员类别"]].value == "预备党员" and zhao[col["党费类别"]].value == "在职"
    assert zhang[col["所在党支部"]].value == BRANCH and zhang[col["党籍状态"]].value == "正常"
    assert wang[col["是否流动党员"]].value == "是" and zhang[col["是否流动党员"]].value == "否"
    assert wang[col["是否持活动证"]].value == "是"
    notes = zhang[col["备注"]]
    assert notes.value == "=老党员 行动不便" and notes.data_type == "s"  # not turned into a formula
    assert zhao[col["党小组"]].value == "1"


def test_export_then_import_into_a_fresh_workspace_is_unchanged(workspace, tmp_path):
    fill(workspace)
    path = tmp_path / "花名册.xlsx"
    export_roster(workspace, path)

    fresh = open_workspace(tmp_path / "fresh", database_url=other_branch_url())  # another PC's, empty
    try:
        save_profile(fresh, BranchProfile(name=BRANCH))
        assert members_with_status(fresh) == []
        preview = read_roster_file(path, workspace=fresh)
        assert preview.problems == []
        assert preview.header_row == 2
        assert set(preview.columns) == {c.key for c in COLUMNS}
        assert {data.id_number: data for _row, data in preview.good} == stored(workspace)
        assert commit_import(fresh, preview) == SaveSummary(added=len(MEMBERS), updated=0, unchanged=0)
        assert stored(fresh) == stored(workspace)
        again = tmp_path / "again.xlsx"
        export_roster(fresh, again)
        first, second = (openpyxl.load_workbook(p).active for p in (path, again))
        assert [[c.value for c in r] for r in first.iter_rows()] == [
            [c.value for c in r] for r in second.iter_rows()
        ]
    finally:
        fresh.close()


def test_reimporting_the_export_into_the_same_workspace_changes_nothing(workspace, tmp_path):
    fill(workspace)
    path = tmp_path / "花名册.xlsx"
    count = export_roster(workspace, path)
    preview = read_roster_file(path, workspace=workspace)
    assert preview.problems == []
    assert (preview.new_count, preview.update_count, preview.unchanged_count) == (0, 0, count)
    assert commit_import(workspace, preview) == SaveSummary(added=0, updated=0, unchanged=count)


@pytest.mark.parametrize("include_departed", [False, True])
def test_members_who_left_are_exported_only_when_asked(workspace, tmp_path, include_departed):
    fill(workspace)
    leaving = next(r for r in members.roster_rows(workspace) if r.name == "李四")
    members.leave_roster(workspace, leaving.id, "deceased", dt.date(2020, 5, 1), "病故")
    deleted = next(r for r in members.roster_rows(workspace) if r.name == "赵六")
    members.delete_member(workspace, deleted.id, "录错了")
    path = tmp_path / "花名册.xlsx"
    count = export_roster(workspace, path, include_departed=include_departed)
    sheet = openpyxl.load_workbook(path).active
    standing = {row[0].value: row[TITLES.index("党籍状态")].value for row in sheet.iter_rows(min_row=3)}
    if include_departed:
        assert count == len(MEMBERS) - 1
        assert standing["李四"] == "去世"
    else:
        assert count == len(MEMBERS) - 2
        assert "李四" not in standing
    assert "赵六" not in standing  # an entry deleted by mistake is never exported
    assert set(standing.values()) <= {"正常", "去世"}


def test_export_reports_progress(workspace, tmp_path):
    fill(workspace)
    seen: list[tuple[int, int]] = []
    export_roster(workspace, tmp_path / "a.xlsx", progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(MEMBERS)) and seen[-1] == (len(MEMBERS), len(MEMBERS))


def test_an_empty_roster_exports_the_title_and_header(workspace, tmp_path):
    path = tmp_path / "空.xlsx"
    assert export_roster(workspace, path) == 0
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[2]] == TITLES
    assert sheet.max_row == 2


def test_export_into_a_folder_that_does_not_exist_names_the_folder(workspace, tmp_path):
    from dangjian_desktop.domain.errors import AppError

    missing = tmp_path / "U盘" / "花名册.xlsx"
    with pytest.raises(AppError) as caught:
        export_roster(workspace, missing)
    assert str(missing.parent) in caught.value.message
    assert "Excel" not in caught.value.message  # not the advice for a file that is open elsewhere
