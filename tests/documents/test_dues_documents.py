"""Receipts and reports are checked by reading them back: PDF text with pypdf, cells with openpyxl, and
every font embedded (pdffonts)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.services.members import add_member

TODAY = dt.date(2026, 7, 20)


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def paid(workspace):
    a = add_member(workspace, {"name": "张三", "id_number": _id(1), "joined_date": "1990-01-01"})
    b = add_member(workspace, {"name": "李四", "id_number": _id(3), "joined_date": "1990-01-01"})
    dues.declare_standard(workspace, a.id, year=2026, category="employed", income="3500")
    dues.declare_standard(workspace, b.id, year=2026, category="farmer")
    p1 = dues.record_payment(
        workspace, a.id, Month(2026, 1), Month(2026, 3), "1680.32", paid_on=dt.date(2026, 3, 1), today=TODAY
    )
    p2 = dues.collect_month(workspace, Month(2026, 3), [b.id], paid_on=dt.date(2026, 3, 2), today=TODAY)[0]
    dues.record_handup(
        workspace,
        handed_on=dt.date(2026, 4, 5),
        amount="50",
        receiver="城关镇党委 李委员",
        receipt_number="CG-17",
    )
    return [p1, p2]


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages).replace(" ", "")


def _all_fonts_embedded(path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"  # the 'emb' column


def test_receipts_show_amount_in_figures_and_capitals(workspace, paid, tmp_path):
    target = dues_documents.print_receipts(workspace, [p.id for p in paid], tmp_path / "receipts.pdf")
    text = _text(target)
    assert "党费收据" in text
    assert "人民币壹仟陆佰捌拾元零叁角贰分" in text and "¥1,680.32" in text
    assert "人民币伍角整" in text and "¥0.50" in text
    assert "张三" in text and "李四" in text and "中共前进村支部委员会" in text
    assert "2026年1月至2026年3月（共3个月）" in text
    assert "No.2026-0001" in text and "No.2026-0002" in text
    assert "¥1,575.32" in text  # the voluntary part: 1680.32 − 3 × 35.00
    assert "沿此线剪开" in text
    assert len(PdfReader(str(target)).pages) == 1  # three to a page
    _all_fonts_embedded(target)


def test_receipts_are_reproducible(workspace, paid, tmp_path):
    first = dues_documents.print_receipts(workspace, [paid[0].id], tmp_path / "a.pdf").read_bytes()
    second = dues_documents.print_receipts(workspace, [paid[0].id], tmp_path / "b.pdf").read_bytes()
    assert first == second


def test_a_reversed_payment_prints_marked(workspace, paid, tmp_path):
    dues.reverse_payment(workspace, paid[1].id, "记错了")
    text = _text(dues_documents.print_receipts(workspace, [paid[1].id], tmp_path / "r.pdf"))
    assert "已冲销" in text


def test_year_sheet_pdf_and_xlsx(workspace, paid, tmp_path, monkeypatch):
    pdf = dues_documents.export_year_sheet(workspace, 2026, tmp_path / "year.pdf")
    text = _text(pdf)
    assert "2026年度党费交纳明细表" in text and "制表人" in text and "书记" in text and "第1页共1页" in text
    assert "张三" in text and "1,575.32" in text
    _all_fonts_embedded(pdf)
    book = openpyxl.load_workbook(dues_documents.export_year_report(workspace, 2026, tmp_path / "year.xlsx"))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "2026年度党费交纳明细表"
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["姓名", "党小组", "月交纳标准", "1月"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=4)}
    zhang = rows["张三"]
    assert zhang[2].value == Decimal("35.00") or zhang[2].value == 35
    assert [zhang[3 + i].value for i in range(3)] == [35, 35, 35]
    assert zhang[header.index("自愿多交")].value == pytest.approx(1575.32)
    assert rows["合计"][header.index("全年合计")].value == pytest.approx(1680.82)
    assert [s.title for s in book.worksheets][:2] == ["年度明细", "上缴"]
    handups = book.worksheets[1]
    values = [c.value for row in handups.iter_rows() for c in row]
    assert "城关镇党委 李委员" in values and "CG-17" in values


def test_month_summary_pdf(workspace, paid, tmp_path):
    pdf = dues_documents.export_month_summary(workspace, Month(2026, 3), tmp_path / "month.pdf")
    text = _text(pdf)
    assert "2026年3月党费收缴情况表" in text
    assert "已交2人，未交0人" in text and "35.50" in text
    _all_fonts_embedded(pdf)


def test_handups_pdf(workspace, paid, tmp_path):
    pdf = dues_documents.export_handups(workspace, 2026, tmp_path / "handups.pdf")
    text = _text(pdf)
    assert "2026年度党费上缴登记表" in text and "CG-17" in text and "支部结存" in text
    _all_fonts_embedded(pdf)
