"""The home page's lines open the place where each thing is dealt with, in the real main window: a dues line
opens the 欠缴 tab of the dues page up to the month the home page was read for, with that member selected
and scrolled into view (or a short word when the member has paid meanwhile); a probation line selects the
member on the roster; a flowing line selects the member on the flowing page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, members
from dangjian_desktop.services.due_items import DUES_REMIND, DUES_WARN, FLOWING, PROBATION, DueItem
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.pages.dues_page import DuesPage
from dangjian_desktop.ui.pages.home_page import ITEM_ROLE, HomePage

THIS_MONTH = Month.of(dt.date.today())


@pytest.fixture
def window(qtbot, workspace, message_log):
    """The real window at 1366×768 showing the home page (ask for the data fixtures before this one)."""
    shown = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show_page("home")  # as the program opens: the home page first, read when shown
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _declare(workspace, member_id: int, first: Month) -> None:
    dues.declare_standard(
        workspace, member_id, year=first.year, category="employed", income="3500", from_month=first
    )


def _pay(workspace, member_id: int, first: Month, last: Month) -> None:
    amount = dues.amount_due(workspace, member_id, first, last)
    dues.record_payment(workspace, member_id, first, last, amount, reason="补交")


@pytest.fixture
def owing(workspace, add_members) -> tuple[int, list[int]]:
    """30 members. The last owes for 8 months in a row (警示). The others owe months a year ago but paid the
    last six: they come first in the arrears list (oldest first), so the one owing is far down it."""
    ids = add_members(30)
    *others, target = ids
    for member_id in others:
        _declare(workspace, member_id, THIS_MONTH - 11)
        _pay(workspace, member_id, THIS_MONTH - 5, THIS_MONTH)
    _declare(workspace, target, THIS_MONTH - 7)
    return target, others


def _line(home: HomePage, kind: str, member_id: int | None = None) -> QListWidgetItem | None:
    for row in range(home.list.count()):
        item = home.list.item(row)
        line = item.data(ITEM_ROLE)
        if isinstance(line, DueItem) and line.kind == kind and line.member_id == member_id:
            return item
        if member_id is None and line == kind:  # the group's heading
            return item
    return None


def _click(qtbot, home: HomePage, item: QListWidgetItem) -> None:
    home.list.scrollToItem(item)
    rect = home.list.visualItemRect(item)
    qtbot.mouseClick(home.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _in_view(table, row: int) -> bool:
    return table.viewport().rect().contains(table.visualItemRect(table.item(row, 0)).center())


def test_a_dues_line_opens_the_arrears_tab_with_the_member_selected(qtbot, owing, window, message_log):
    target, others = owing
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    item = _line(home, DUES_WARN, target)
    assert item is not None, home.line_texts()
    assert "8" in item.text()
    assert not any(_line(home, kind, member_id) for kind in (DUES_WARN, DUES_REMIND) for member_id in others)

    _click(qtbot, home, item)

    page = window.page("dues")
    assert isinstance(page, DuesPage) and page.isVisible()
    assert window.navigation.currentItem().text() == "党费"
    arrears = page.arrears
    assert page.tabs.currentWidget() is arrears and page.tabs.tabText(page.tabs.currentIndex()) == "欠缴"
    assert arrears.as_of.month() == Month.of(home.as_of) == THIS_MONTH
    assert arrears.selected_member() == target
    row = arrears.table.currentRow()
    assert arrears.table.item(row, 0).text() == arrears.rows[row].name
    assert row >= 20 and _in_view(arrears.table, row)  # far down the list, and scrolled into view
    assert arrears.table.hasFocus()
    assert not arrears.status.isVisible()

    # Back home, with the dues page left elsewhere (another tab, another month, another member): the
    # line still lands on the arrears tab up to this month, the member selected.
    page.tabs.setCurrentWidget(arrears)
    arrears.as_of.set_month(THIS_MONTH - 3)
    arrears.table.selectRow(0)
    page.tabs.setCurrentWidget(page.collection)
    window.show_page("home")
    _click(qtbot, home, _line(home, DUES_WARN, target))
    assert page.tabs.currentWidget() is arrears and arrears.as_of.month() == THIS_MONTH
    assert arrears.selected_member() == target and _in_view(arrears.table, arrears.table.currentRow())
    assert not [m for m in message_log if m[0] in ("warning", "error")]


def test_a_member_who_paid_meanwhile_is_said_so_without_an_error(
    qtbot, workspace, owing, window, message_log
):
    target, _others = owing
    home = window.show_page("home")
    item = _line(home, DUES_WARN, target)
    assert item is not None
    _pay(workspace, target, THIS_MONTH - 7, THIS_MONTH)  # e.g. at the township, after the list was read

    _click(qtbot, home, item)

    page = window.page("dues")
    arrears = page.arrears
    assert page.tabs.currentWidget() is arrears
    assert arrears.selected_member() is None
    assert target not in [r.member_id for r in arrears.rows]
    name = members.get_member(workspace, target).data.name
    assert arrears.status.isVisible()
    assert arrears.status.text() == f"{name}已不在截至{THIS_MONTH.label()}的欠缴名单中，可能已经补交。"
    assert arrears.table.verticalScrollBar().value() == 0
    assert message_log == []

    arrears.as_of.set_month(THIS_MONTH - 1)  # another month: the word goes
    assert not arrears.status.isVisible()


def test_the_arrears_are_read_up_to_the_month_the_home_page_was_read_for(qtbot, owing, window, message_log):
    target, _others = owing
    home = window.show_page("home")
    home.today = (THIS_MONTH - 2).last_day  # the list as it was two months ago: 6 months unpaid then
    home.refresh()
    item = _line(home, DUES_WARN, target)
    assert item is not None and "6" in item.text()
    _click(qtbot, home, item)
    arrears = window.page("dues").arrears
    assert arrears.as_of.month() == THIS_MONTH - 2
    assert arrears.selected_member() == target
    assert arrears.rows[arrears.table.currentRow()].consecutive == 6
    assert message_log == []


def test_the_dues_heading_opens_the_arrears_tab(qtbot, owing, window, message_log):
    home = window.show_page("home")
    heading = _line(home, DUES_WARN)
    assert heading is not None and heading.text().startswith("■")
    _click(qtbot, home, heading)
    page = window.page("dues")
    assert page.tabs.currentWidget() is page.arrears
    assert page.arrears.selected_member() is None and not page.arrears.status.isVisible()
    assert message_log == []


@pytest.fixture
def probationary(workspace, add_members) -> int:
    """10 members; members 2 and 8 work away with no leave registered; member 5's probationary year ends
    in 15 days."""
    member_id = add_members(10)[5]
    raw = members.get_member(workspace, member_id).data.as_dict()
    joined = (dt.date.today() - dt.timedelta(days=350)).isoformat()
    members.update_member(workspace, member_id, dict(raw, category="probationary", joined_date=joined))
    return member_id


def test_probation_and_flowing_lines_select_the_member(qtbot, probationary, window, message_log):
    home = window.show_page("home")

    item = _line(home, PROBATION, probationary)
    assert item is not None, home.line_texts()
    _click(qtbot, home, item)
    roster = window.page("roster")
    assert roster.isVisible() and roster.selected_row().id == probationary

    window.show_page("home")
    flowing_line = next(
        home.list.item(row)
        for row in range(home.list.count())
        if isinstance(home.list.item(row).data(ITEM_ROLE), DueItem)
        and home.list.item(row).data(ITEM_ROLE).kind == FLOWING
    )
    away_member = flowing_line.data(ITEM_ROLE).member_id
    _click(qtbot, home, flowing_line)
    flowing_page = window.page("flowing")
    assert flowing_page.isVisible() and flowing_page.selected_member() == away_member
    assert not [m for m in message_log if m[0] in ("warning", "error")]
