"""The township report on paper and in Excel: the PDF names every branch with its figures and draws a
chart per section; the workbook has a sheet per section with its header, frozen panes, exact amounts and
a native bar chart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.support.township import NAMES, TODAY, YEAR, act_as_township, build_township

from dangjian_desktop.services import township


@pytest.fixture
def report(workspace, monkeypatch):
    build_township(workspace)
    act_as_township(monkeypatch)
    return township.township_report(workspace, YEAR, today=TODAY)


def test_the_pdf_names_the_committee_every_branch_and_the_figures(report, tmp_path):
    path = township.export_report(report, tmp_path / "汇总.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) >= 6
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)  # landscape A4
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    for expected in (
        "城关镇党委",
        "2026年度各党支部工作汇总表",
        *NAMES,
        "全镇合计",
        "252.00",
        "211.50",
        "33.3%",
    ):
        assert expected in text, expected
    for title in ("各支部党员结构", "各支部党费收缴情况", "三会一课等组织生活落实情况", "党务公开及公示期"):
        assert title in text
    assert "张建国" not in text and "370102" not in text  # counts only, never a person


def test_the_pdf_is_the_same_for_the_same_report(report):
    assert township.report_pdf(report) == township.report_pdf(report)


def test_the_workbook_has_a_sheet_per_section_with_a_chart(report, tmp_path):
    path = township.export_report(report, tmp_path / "汇总.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [
        "城关镇党委", "各支部党员结构", "各支部党费收缴情况", "三会一课等组织生活落实情况", "党务公开及公示期",
        "无职党员设岗定责", "流动党员失联情况",
    ]  # fmt: skip
    dues_sheet = book["各支部党费收缴情况"]
    assert [c.value for c in dues_sheet[3]][:5] == ["党支部", "应交", "收缴", "上缴", "欠缴"]
    assert dues_sheet.freeze_panes == "B4"
    assert [c.value for c in dues_sheet[4]][:6] == [NAMES[0], 252, 211.5, 100, 4.5, 2]
    assert dues_sheet.cell(4, 2).number_format == "#,##0.00"
    assert dues_sheet.cell(7, 1).value == "全镇合计" and Decimal(str(dues_sheet.cell(7, 2).value)) == Decimal(
        "254"
    )
    for name in book.sheetnames[1:]:
        assert len(book[name]._charts) == 1, name
    members = book["各支部党员结构"]
    assert [c.value for c in members[4]][:6] == [NAMES[0], 4, 2, 2, 1, 1]


def test_a_file_of_another_kind_is_refused(report, tmp_path):
    with pytest.raises(township.AppError):
        township.export_report(report, tmp_path / "汇总.docx")
