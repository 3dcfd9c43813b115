"""The 党费 page through the real screen: a month's collection recorded with the one-click buttons shows
up in the year sheet; a reversal asks for a reason; a standard is declared through its dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues
from dangjian_desktop.services.dues import documents as dues_documents
from dangjian_desktop.ui.dues import page as page_module
from dangjian_desktop.ui.dues.page import DuesPage, StandardDialog
from support.printing import accept_print_dialog, cancel_print_dialog, dark_share, page_sizes_mm, similarity


def _declare_all(workspace, ids, year):
    for member_id in ids:
        dues.declare_standard(
            workspace, member_id, year=year, category="employed", income="3500", from_month=Month(year, 1)
        )


def test_collect_a_month_on_screen_and_find_it_in_the_year_sheet(qtbot, workspace, add_members, message_log):
    ids = add_members(3)
    this_month = Month.of(dt.date.today())
    _declare_all(workspace, ids[:2], this_month.year)  # the third member stays 未核定
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    collection = page.collection
    assert collection.month() == this_month
    texts = [
        collection.table.item(r, collection.COL_STATUS).text() for r in range(collection.table.rowCount())
    ]
    assert texts.count("本月未交") == 2 and texts.count("未核定") == 1  # the month is not over yet
    assert collection.row_button(ids[2]) is None  # nothing to click for a member without a standard
    for member_id in ids[:2]:
        button = collection.row_button(member_id)
        assert button is not None and button.text() == "记为已交"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    texts = [
        collection.table.item(r, collection.COL_STATUS).text() for r in range(collection.table.rowCount())
    ]
    assert texts.count("已交") == 2
    assert "已交 2 人" in collection.summary_label.text()
    assert not [m for m in message_log if m[0] in ("warning", "error")]

    page.tabs.setCurrentWidget(page.reports)
    reports = page.reports
    reports.kind.setCurrentIndex(reports.kind.findData("year"))
    reports.year.setValue(this_month.year)
    cells = reports.cell_texts()
    header = [reports.table.horizontalHeaderItem(c).text() for c in range(reports.table.columnCount())]
    column = header.index(f"{this_month.month}月")
    rows = {row[0]: row for row in cells}
    names = [
        collection.rows[i].name
        for i in range(len(collection.rows))
        if collection.rows[i].member_id in ids[:2]
    ]
    for name in names:
        assert rows[name][column] == "35.00"
    assert rows["合计"][column] == "70.00"
    assert reports.title.text() == f"{this_month.year}年度党费交纳明细表"


def test_reverse_on_screen_asks_for_a_reason(qtbot, workspace, add_members, message_log, monkeypatch):
    ids = add_members(1)
    this_month = Month.of(dt.date.today())
    _declare_all(workspace, ids, this_month.year)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.collection.row_button(ids[0]), Qt.MouseButton.LeftButton)
    page.collection.table.selectRow(0)
    assert page.collection.reverse_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("收错了人", True))
    qtbot.mouseClick(page.collection.reverse_button, Qt.MouseButton.LeftButton)
    assert page.collection.row_button(ids[0]) is not None  # owed again: the button is back
    payments = dues.payments_of_member(workspace, ids[0])
    assert [p.kind for p in payments] == ["payment", "reversal"] and payments[1].reason == "收错了人"


def test_declare_a_standard_through_the_dialog(qtbot, workspace, add_members, monkeypatch):
    ids = add_members(1)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.standards)
    standards = page.standards
    assert standards.table.item(0, 2).text() == "未核定"
    standards.table.selectRow(0)

    def fill_and_accept(dialog: StandardDialog) -> QDialog.DialogCode:
        dialog.category.setCurrentIndex(dialog.category.findData("retired"))
        dialog.income.setText("5000")
        assert dialog.preview.text().startswith("25.00 元")
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(page_module.StandardDialog, "exec", fill_and_accept)
    standards.declare_selected()
    row = dues.standards_for_year(workspace, standards.year.value())[0]
    assert row.member_id == ids[0] and row.standard.amount == Decimal("25.00")
    assert standards.table.item(0, 4).text() == "25.00"


def test_arrears_tab_colours_and_export(qtbot, workspace, add_members, message_log, monkeypatch, tmp_path):
    ids = add_members(1)
    year = Month.of(dt.date.today()).year - 1
    _declare_all(workspace, ids, year)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.arrears)
    page.arrears.as_of.set_month(Month(year, 12))
    assert page.arrears.table.item(0, 4).text() == "警示"
    assert page.arrears.table.item(0, 2).text() == "12"
    target = tmp_path / "arrears.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.arrears.save(pdf=False)
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    assert target.is_file() and message_log[-1][0] == "info"


def test_receipts_arrears_and_reports_print_through_the_printer_dialog(
    qtbot, workspace, add_members, message_log, monkeypatch, tmp_path
):
    ids = add_members(4)
    this_month = Month.of(dt.date.today())
    _declare_all(workspace, ids, this_month.year)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    collection = page.collection
    assert collection.receipt_button.text() == "打印收据…" and not collection.receipt_button.isEnabled()
    for member_id in ids:
        qtbot.mouseClick(collection.row_button(member_id), Qt.MouseButton.LeftButton)
    assert collection.receipt_button.isEnabled() and collection.receipt_pdf_button.isEnabled()
    no_file_dialog = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: no_file_dialog.append(a))

    # receipts: four, three to an A4 sheet -> two sheets, straight to the printer
    printed = tmp_path / "receipts.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    collection.table.clearSelection()
    collection.table.setCurrentCell(-1, -1)
    qtbot.mouseClick(collection.receipt_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and dialogs.printers[0].docName() == f"党费收据-{this_month}"
    assert page_sizes_mm(printed) == [(210, 297)] * 2
    expected = dues_documents.print_receipts(
        workspace, collection.receipt_payment_ids(), tmp_path / "expected.pdf"
    )
    for index in range(2):  # the very sheets the receipts PDF has
        assert dark_share(printed, index) > 0.005
        assert similarity(printed, expected, index) > 0.7
    assert not no_file_dialog and not message_log

    # the arrears sheet of last December: everybody owes the whole year
    page.tabs.setCurrentWidget(page.arrears)
    assert [page.arrears.print_button.text(), page.arrears.pdf_button.text()] == ["打印…", "保存为 PDF…"]
    page.arrears.as_of.set_month(Month(this_month.year, 1) - 1)
    printed = tmp_path / "arrears.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    qtbot.mouseClick(page.arrears.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and len(page_sizes_mm(printed)) >= 1 and dark_share(printed) > 0.005

    # the year sheet prints landscape, as the PDF is made
    page.tabs.setCurrentWidget(page.reports)
    page.reports.kind.setCurrentIndex(page.reports.kind.findData("year"))
    printed = tmp_path / "year.pdf"
    dialogs = accept_print_dialog(monkeypatch, printed)
    qtbot.mouseClick(page.reports.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == 1 and page_sizes_mm(printed)[0] == (297, 210) and dark_share(printed) > 0.005
    assert not no_file_dialog and not message_log


def test_saving_the_report_as_pdf_says_where_it_went_and_needs_no_pdf_viewer(
    qtbot, workspace, add_members, message_log, monkeypatch, tmp_path
):
    """review m12: the save is said in words, like every other save; no PDF viewer is started."""
    from PySide6.QtGui import QDesktopServices

    add_members(1)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.reports)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    target = tmp_path / "month"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialogs = cancel_print_dialog(monkeypatch)
    qtbot.mouseClick(page.reports.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    assert page.last_saved == tmp_path / "month.pdf" and page.last_saved.read_bytes().startswith(b"%PDF")
    assert opened == [] and dialogs.opened == 0
    assert message_log == [("info", f"已保存为 {page.last_saved}")]
