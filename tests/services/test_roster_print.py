"""The printed 花名册 (issue 14): A4 landscape with the branch and the date, every member on the roster in
natural group order, phones with their hyphen, no ID number unless the internal roster is asked for."""

from __future__ import annotations

import datetime as dt
import re

from pypdf import PdfReader

from dangjian_desktop.services import members
from dangjian_desktop.services.members import roster_print
from support.branch import GROUPS, NAMES, add_branch_members, id_number

TODAY = dt.date(2026, 12, 7)
A4_LANDSCAPE_MM = (297, 210)


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_roster_prints_on_a4_landscape_with_branch_date_and_every_member(workspace, tmp_path):
    add_branch_members(workspace)
    path = roster_print.export_roster_pdf(workspace, tmp_path / "花名册.pdf", today=TODAY)
    reader = PdfReader(str(path))
    for page in reader.pages:
        width, height = (round(float(v) * 25.4 / 72) for v in (page.mediabox.width, page.mediabox.height))
        assert (width, height) == A4_LANDSCAPE_MM
    pages = _pages(path)
    first = _flat(pages[0])
    assert "中共前进村支部委员会党员花名册" in first
    assert "截至2026年12月7日" in first and "共16名党员" in first and "预备党员1名" in first
    text = _flat("".join(pages))
    for name in NAMES:
        assert name in text
    assert "0531-87876543" in text  # the landline keeps its hyphen
    assert "13805311202" in text  # an internal list: the phones are on it …
    assert all(_flat(p).count("内部资料") == 1 for p in pages)  # … and every page says so
    assert "外出（江苏省苏州市昆山市）" in text
    assert "1986.07.01" in text and "1965.03" in text  # joining day; birth as year and month
    for n in range(1, len(NAMES) + 1):  # no ID number, nor its 18 digits anywhere
        assert id_number(n) not in text
    assert not re.search(r"\d{17}[\dX]", text)
    assert "盖章" in _flat(pages[-1])


def test_groups_print_in_their_natural_order(workspace, tmp_path):
    add_branch_members(workspace)
    text = _flat("".join(_pages(roster_print.export_roster_pdf(workspace, tmp_path / "r.pdf", today=TODAY))))
    first_row = {group: text.index(group, text.index("备注")) for group in GROUPS}
    assert sorted(GROUPS, key=first_row.get) == ["第一党小组", "第二党小组", "第三党小组", "第十党小组"]


def test_the_internal_roster_has_the_full_id_numbers(workspace, tmp_path):
    ids = add_branch_members(workspace, 4)
    path = roster_print.export_roster_pdf(workspace, tmp_path / "r.pdf", today=TODAY, with_id_numbers=True)
    text = _flat("".join(_pages(path)))
    assert "公民身份号码" in text
    for n in range(1, len(ids) + 1):
        assert id_number(n) in text


def test_members_who_left_the_roster_are_not_printed(workspace, tmp_path):
    ids = add_branch_members(workspace, 5)
    members.leave_roster(workspace, ids["刘志强"], "transferred_out", dt.date(2026, 6, 1), "转往县城")
    text = _flat("".join(_pages(roster_print.export_roster_pdf(workspace, tmp_path / "r.pdf", today=TODAY))))
    assert "刘志强" not in text and "张秀英" in text and "共4名党员" in text


def test_a_long_roster_repeats_its_header_and_numbers_its_pages(workspace, tmp_path):
    for n in range(1, 61):
        members.add_member(
            workspace,
            {"name": f"党员{n:02d}", "id_number": id_number(n, "19700101"), "party_group": "第一党小组"},
        )
    pages = _pages(roster_print.export_roster_pdf(workspace, tmp_path / "r.pdf", today=TODAY))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = _flat(page)
        assert "姓名" in flat and "联系电话" in flat  # the header on every page
        assert f"第{number}/{len(pages)}页" in flat


def test_a_file_that_cannot_be_written_is_said_in_words(workspace, tmp_path):
    import pytest

    from dangjian_desktop.domain.errors import AppError

    add_branch_members(workspace, 2)
    taken = tmp_path / "r.pdf"
    taken.mkdir()  # a folder where the file should go: it cannot be written
    with pytest.raises(AppError) as caught:
        roster_print.export_roster_pdf(workspace, taken, today=TODAY)
    assert "r.pdf" in caught.value.message and "Traceback" not in caught.value.message
    assert not (tmp_path / "r.pdf.partial").exists()


def test_the_excel_roster_keeps_the_hyphen_and_imports_back_the_same(workspace, tmp_path):
    import openpyxl

    from dangjian_desktop.services.members.roster_export import export_roster

    add_branch_members(workspace, 2)
    export_roster(workspace, tmp_path / "r.xlsx")
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "r.xlsx").active.iter_rows() for c in row]
    assert "0531-87876543" in cells and "13805311202" in cells
    stored = {data.name: data.phone for data, _status in members.members_with_status(workspace)}
    assert stored["王建国"] == "053187876543"  # stored as digits; the hyphen is how it is written
