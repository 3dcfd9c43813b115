"""The 党费 page on the first day of use (issue 13), through the real screen: the ledger-start question,
many standards at once with the mouse, the arrears tab's 本月未交 and 另有 N 个月未交, receipt file names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, settings
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.members import roster_rows
from dangjian_desktop.ui.dues import page as page_module
from dangjian_desktop.ui.dues.page import DuesPage, StandardDialog

THIS_MONTH = Month.of(dt.date.today())


def _page(qtbot, workspace) -> DuesPage:
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def _click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_the_first_opening_asks_from_which_month_the_ledger_is_kept(
    qtbot, workspace, add_members, message_log
):
    add_members(2)
    page = _page(qtbot, workspace)
    bar = page.ledger_bar
    assert bar.isVisible()
    assert bar.question.text() == "本程序从哪个月开始记党费账？之前的月份以纸质台账为准。"
    assert bar.month.month() == THIS_MONTH
    qtbot.mouseClick(bar.ok_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert dues.ledger_start_chosen(workspace) == THIS_MONTH
    assert settings.get(workspace, settings.DUES_LEDGER_START) == str(THIS_MONTH)
    again = _page(qtbot, workspace)  # asked once only
    assert not again.ledger_bar.isVisible()
    assert message_log == []


def test_twenty_members_declared_as_farmers_with_the_mouse(qtbot, workspace, add_members, message_log):
    """review m16: one member at a time, about 100 clicks for 26 members."""
    add_members(22)
    dues.set_ledger_start(workspace, THIS_MONTH)
    page = _page(qtbot, workspace)
    page.tabs.setCurrentWidget(page.standards)
    tab = page.standards
    assert not tab.farmer_button.isEnabled()
    _click_row(qtbot, tab.table, 0)
    tab.table.scrollToItem(tab.table.item(19, 0))
    _click_row(qtbot, tab.table, 19, Qt.KeyboardModifier.ShiftModifier)
    assert len(tab.selected_rows()) == 20
    assert (
        tab.farmer_button.isEnabled() and tab.farmer_button.text() == "所选党员都按农民核定（每月 0.50 元）"
    )
    chosen = [r.member_id for r in tab.selected_rows()]
    qtbot.mouseClick(tab.farmer_button, Qt.MouseButton.LeftButton)
    assert message_log == [
        ("confirm", f"把所选 20 名党员都按农民核定，从{THIS_MONTH.label()}起每月 0.50 元？")
    ]
    rows = dues.standards_for_year(workspace, THIS_MONTH.year)
    declared = [r for r in rows if r.standard is not None]
    assert sorted(r.member_id for r in declared) == sorted(chosen) and len(declared) == 20
    assert {(r.standard.category, r.standard.amount, r.standard.from_month) for r in declared} == {
        ("farmer", Decimal("0.50"), THIS_MONTH)
    }
    assert len(recent_entries(workspace, table="dues_standard")) == 20
    # the roster's 党费类别 follows, and the 依据 column names the branch's decision and the 2008 rules
    roster = {r.id: r.dues_category for r in roster_rows(workspace)}
    assert all(roster[m] == "farmer" for m in chosen)
    basis = tab.table.item(0, 7).text()
    assert basis.startswith("支部确定") and "中组发〔2008〕3号 第六条" in basis and "2017" not in basis
    assert tab.count_label.text() == "2 人未核定"


def test_the_declare_dialog_takes_several_members_and_a_first_month(
    qtbot, workspace, add_members, monkeypatch
):
    add_members(3)
    page = _page(qtbot, workspace)
    page.tabs.setCurrentWidget(page.standards)
    tab = page.standards
    tab.table.selectAll()
    seen = []

    def fill(dialog: StandardDialog) -> QDialog.DialogCode:
        seen.append(dialog.windowTitle())
        dialog.category.setCurrentIndex(dialog.category.findData("student"))
        dialog.first_month.set_month(Month(THIS_MONTH.year, 7))
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(page_module.StandardDialog, "exec", fill)
    tab.declare_selected()
    assert seen == [f"核定 3 名党员 {THIS_MONTH.year} 年的党费标准"]
    standards = [r.standard for r in dues.standards_for_year(workspace, THIS_MONTH.year)]
    assert {(s.category, s.from_month) for s in standards} == {("student", Month(THIS_MONTH.year, 7))}


def test_the_arrears_tab_shows_this_month_apart_and_older_unpaid_months(qtbot, workspace, add_members):
    ids = add_members(1)
    first = THIS_MONTH - 4
    dues.declare_standard(workspace, ids[0], year=first.year, category="farmer", from_month=first)
    if first.year != THIS_MONTH.year:
        dues.declare_standard(
            workspace, ids[0], year=THIS_MONTH.year, category="farmer", from_month=Month(THIS_MONTH.year, 1)
        )
    last = THIS_MONTH - 1
    dues.record_payment(workspace, ids[0], last, last, Decimal("0.50"), reason="补交")
    page = _page(qtbot, workspace)
    page.tabs.setCurrentWidget(page.arrears)
    tab = page.arrears
    header = [tab.table.horizontalHeaderItem(c).text() for c in range(tab.table.columnCount())]
    assert header == ["姓名", "党小组", "连续欠缴月数", "欠缴月份", "标记", "更早未交", "本月"]
    cells = [tab.table.item(0, c).text() for c in range(tab.table.columnCount())]
    assert cells[2] == "0" and cells[4] == ""  # paid last month: no run up to now, no flag
    assert cells[5] == "另有 3 个月未交" and cells[6] == "本月未交"
    # an earlier month: up to the end of it
    tab.as_of.set_month(THIS_MONTH - 2)
    assert tab.table.item(0, 2).text() == "3" and tab.table.item(0, 4).text() == "提醒"


def test_a_receipt_saved_for_one_member_is_named_after_them_and_never_overwrites(
    qtbot, workspace, add_members, message_log, monkeypatch, tmp_path
):
    ids = add_members(2)
    for member_id in ids:
        dues.declare_standard(workspace, member_id, year=THIS_MONTH.year, category="farmer")
    monkeypatch.setattr(page_module.Path, "home", lambda: tmp_path)
    page = _page(qtbot, workspace)
    collection = page.collection
    for member_id in ids:
        qtbot.mouseClick(collection.row_button(member_id), Qt.MouseButton.LeftButton)
    suggested = []

    def save_dialog(_parent, _title, start, _pattern):
        suggested.append(start)
        return start, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    name = collection.rows[0].name
    _click_row(qtbot, collection.table, 0)
    collection.save_receipts()
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    assert suggested[-1] == str(tmp_path / f"党费收据-{THIS_MONTH}-{name}.pdf")
    assert message_log[-1] == ("info", f"已保存为 {page.last_saved}")
    page.last_saved = None
    collection.save_receipts()  # the same member again: a new name, the first file is kept
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    assert suggested[-1] == str(tmp_path / f"党费收据-{THIS_MONTH}-{name}-2.pdf")
    collection.table.clearSelection()
    page.last_saved = None
    collection.save_receipts()  # nobody chosen: the whole month
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=10000)
    assert suggested[-1] == str(tmp_path / f"党费收据-{THIS_MONTH}.pdf")
