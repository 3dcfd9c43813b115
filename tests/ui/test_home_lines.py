"""The home page's lines open the place where each thing is dealt with, in the real main window: a dues line
opens the 欠缴 tab of the dues page up to the month the home page was read for, with that member selected
and scrolled into view (or a short word when the member has paid meanwhile); a probation line selects the
member on the roster; a flowing line opens the 失联提醒 tab of the flowing page with the member selected; a
meeting line opens the 会议记录 tab on this year; a posts line opens the 评岗 tab on the line's term with the
member's row selected. Each page is left elsewhere first (another tab, year, term or member)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, meetings, members
from dangjian_desktop.services import posts as posts_service
from dangjian_desktop.services.home import (
    DUES_REMIND,
    DUES_WARN,
    FLOWING,
    MEETING,
    POST_GRADE,
    PROBATION,
    DueItem,
)
from dangjian_desktop.ui.dues.page import DuesPage
from dangjian_desktop.ui.flowing.page import TAB_ALERTS, TAB_AWAY, TAB_BACK, FlowingPage
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.meetings.page import MeetingsPage
from dangjian_desktop.ui.pages.home_page import ITEM_ROLE, HomePage
from dangjian_desktop.ui.posts.page import PostsPage
from support.dialogs import DialogDriver

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
    """30 members. The last owes for 8 months in a row, this month included: 7 that have ended (警示). The others owe months a year ago but paid the
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
    assert "已连续 7 个月" in item.text()  # this month has not ended: not counted (issue 13)
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
    home.today = (THIS_MONTH - 1).first_day  # the list as it was last month: 6 ended months unpaid then
    home.refresh()
    item = _line(home, DUES_WARN, target)
    assert item is not None and "已连续 6 个月" in item.text()
    _click(qtbot, home, item)
    arrears = window.page("dues").arrears
    assert arrears.as_of.month() == THIS_MONTH - 2  # the last month that had ended on that day
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


# ----- flowing: the 失联提醒 tab -----------------------------------------------------------------------------


def _lines(home: HomePage, kind: str) -> list[QListWidgetItem]:
    found = []
    for row in range(home.list.count()):
        line = home.list.item(row).data(ITEM_ROLE)
        if isinstance(line, DueItem) and line.kind == kind:
            found.append(home.list.item(row))
    return found


@pytest.fixture
def away(workspace, add_members) -> list[int]:
    """40 members; those marked as working away (every sixth from the third) have no leave registered, so
    they are all on the 失联提醒 list. The list of who is away also has them."""
    ids = add_members(40)
    return [member_id for n, member_id in enumerate(ids) if n % 6 == 2]


def test_a_flowing_line_opens_the_alerts_tab_with_the_member_selected(qtbot, away, window, message_log):
    page = window.show_page("flowing")
    assert isinstance(page, FlowingPage)
    page.tabs.setCurrentIndex(TAB_AWAY)  # left on another tab, another member selected
    page.select_member(away[0])
    home = window.show_page("home")
    lines = _lines(home, FLOWING)
    assert len(lines) >= 5
    item = lines[-1]
    target = item.data(ITEM_ROLE).member_id
    assert target != away[0]

    _click(qtbot, home, item)

    assert page.isVisible() and window.navigation.currentItem().text() == "流动党员"
    assert page.tabs.currentIndex() == TAB_ALERTS and page.tabs.tabText(TAB_ALERTS).startswith("失联提醒")
    assert page.current_table() is page.alert_table
    assert page.selected_member() == target
    table = page.alert_table
    assert _in_view(table, table.currentRow()) and table.hasFocus()
    assert not page.status.isVisible()
    assert "还没有办外出登记" in page.details.toPlainText()  # the selected member's details beside the list

    # From the 已返回 tab, too.
    page.tabs.setCurrentIndex(TAB_BACK)
    window.show_page("home")
    _click(qtbot, home, _lines(home, FLOWING)[0])
    assert page.tabs.currentIndex() == TAB_ALERTS
    assert page.selected_member() == _lines(home, FLOWING)[0].data(ITEM_ROLE).member_id

    # The heading: the tab alone.
    page.tabs.setCurrentIndex(TAB_AWAY)
    window.show_page("home")
    _click(qtbot, home, _line(home, FLOWING))
    assert page.tabs.currentIndex() == TAB_ALERTS and page.selected_member() is None
    assert not page.status.isVisible()
    assert message_log == []


def test_a_member_no_longer_at_risk_is_said_so_without_an_error(qtbot, workspace, away, window, message_log):
    page = window.show_page("flowing")
    home = window.show_page("home")
    item = _lines(home, FLOWING)[0]
    target = item.data(ITEM_ROLE).member_id
    raw = members.get_member(workspace, target).data.as_dict()
    members.update_member(workspace, target, dict(raw, flowing=False, away_place=""))  # came home meanwhile

    _click(qtbot, home, item)

    assert page.tabs.currentIndex() == TAB_ALERTS
    assert page.selected_member() is None
    table = page.alert_table
    assert target not in [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]
    name = members.get_member(workspace, target).data.name
    assert page.status.isVisible()
    assert page.status.text() == f"{name}已不在失联提醒名单中，可能已经联系上，或已返回。"
    assert message_log == []

    page.tabs.setCurrentIndex(TAB_AWAY)  # another tab: the word goes
    assert not page.status.isVisible()


# ----- meetings: the 会议记录 tab on this year ---------------------------------------------------------------


@pytest.fixture
def held(workspace, add_members) -> dict[int, int]:
    """10 members; a Party lecture held last year and one this year (other meetings are still due)."""
    add_members(10)
    this_year = dt.date.today().year
    found = {}
    for year in (this_year - 1, this_year):
        day = dt.date(year, 1, 1)  # never in the future
        detail = meetings.record_meeting(
            workspace, {"kind": "党课", "held_on": day, "topic": f"{year}年党课"}
        )
        found[year] = detail.meeting.id
    return found


def test_a_meeting_line_opens_the_meetings_tab_on_this_year(qtbot, held, window, message_log):
    this_year = dt.date.today().year
    page = window.show_page("meetings")
    assert isinstance(page, MeetingsPage)
    tab = page.meetings_tab
    tab.year.setCurrentIndex(tab.year.findData(this_year - 1))  # left on last year, on another tab
    assert tab.selected_id() == held[this_year - 1]
    page.tabs.setCurrentIndex(MeetingsPage.TAB_EVALUATION)
    home = window.show_page("home")
    lines = _lines(home, MEETING)
    assert lines, home.line_texts()

    driver = DialogDriver(page, lambda dialog: None)  # 记录会议 opens on the line's meeting: closed unsaved
    _click(qtbot, home, lines[0])
    driver.done()

    assert page.isVisible() and window.navigation.currentItem().text() == "组织生活"
    assert page.tabs.currentWidget() is tab and page.tabs.tabText(page.tabs.currentIndex()) == "会议记录"
    assert tab.year.currentData() == home.as_of.year == this_year
    assert [m.id for m in tab.meetings] == [held[this_year]] and tab.table.rowCount() == 1
    assert tab.selected_id() == held[this_year]
    assert tab.due_label.text().startswith("本")  # the meetings still due, above the list

    # The heading, from the member history tab.
    tab.year.setCurrentIndex(tab.year.findData(this_year - 1))
    page.tabs.setCurrentIndex(MeetingsPage.TAB_TIMELINE)
    window.show_page("home")
    _click(qtbot, home, _line(home, MEETING))
    assert page.tabs.currentWidget() is tab and tab.year.currentData() == this_year
    assert tab.table.rowCount() == 1
    assert message_log == []


def test_a_line_about_a_meeting_due_opens_record_a_meeting_with_its_kind_and_group_chosen(
    qtbot, held, window, workspace, message_log
):
    """组织生活 → 记录会议 with the kind (and the Party group) of the line already chosen; saved, the meeting
    is listed and selected, and the home page no longer asks for it."""
    home = window.show_page("home")
    group_lines = [item for item in _lines(home, MEETING) if "第二党小组" in item.text()]
    assert group_lines, home.line_texts()
    line = group_lines[0]
    due = line.data(ITEM_ROLE).meeting
    assert (due.kind, due.party_group) == ("group_meeting", "第二党小组")
    page = window.page("meetings")
    seen = {}

    def fill(dialog) -> None:  # noqa: ANN001
        seen["title"] = dialog.windowTitle()
        seen["kind"] = dialog.kind.currentText()
        seen["group"] = (dialog.group.currentText(), dialog.group.isVisible())
        seen["attendees"] = {a.party_group for a in dialog.attendance.attendees}
        dialog.topic.insert("学习党章")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible(), dialog.error_label.text()

    driver = DialogDriver(page, fill)
    _click(qtbot, home, line)
    driver.done()

    assert seen["title"] == "记录会议" and seen["kind"] == "党小组会"
    assert seen["group"] == ("第二党小组", True)
    assert seen["attendees"] == {"第二党小组"}  # the group's members are the ones expected
    saved = [m for m in meetings.list_meetings(workspace) if m.topic == "学习党章"]
    assert len(saved) == 1 and (saved[0].kind, saved[0].party_group) == ("group_meeting", "第二党小组")
    assert page.meetings_tab.selected_id() == saved[0].id
    home = window.show_page("home")
    assert not [item for item in _lines(home, MEETING) if "第二党小组" in item.text()], home.line_texts()
    assert message_log == []


# ----- posts: the 评岗 tab on the line's term --------------------------------------------------------------


@pytest.fixture
def posted(workspace, add_members) -> dict[str, object]:
    """Last year's term: 30 members on one post, all graded but the last, far down the list. This year's
    term (the one the page shows first) has the last member on a post too."""
    ids = add_members(31)[1:]
    this_year = dt.date.today().year
    last_term = posts_service.term_for_year(workspace, this_year - 1)
    this_term = posts_service.term_for_year(workspace, this_year)
    post = posts_service.find_post(workspace, "政策法规宣传岗")
    grade = posts_service.post_settings(workspace).grades[0]
    assigned = [posts_service.assign(workspace, m, post.id, last_term.id, reason="试点") for m in ids]
    for info in assigned[:-1]:
        posts_service.evaluate(workspace, info.id, grade)
    target = ids[-1]
    posts_service.assign(workspace, target, post.id, this_term.id, reason="试点")
    return {"target": target, "assignment": assigned[-1].id, "last": last_term, "this": this_term}


def _post_line(home: HomePage, member_id: int, term_id: int) -> QListWidgetItem:
    return next(
        item
        for item in _lines(home, POST_GRADE)
        if (item.data(ITEM_ROLE).member_id, item.data(ITEM_ROLE).subject_id) == (member_id, term_id)
    )


def test_a_posts_line_opens_the_evaluation_tab_on_its_term_with_the_member_selected(
    qtbot, posted, window, message_log
):
    target, last, this = posted["target"], posted["last"], posted["this"]
    page = window.show_page("posts")
    assert isinstance(page, PostsPage)
    page.tabs.setCurrentIndex(PostsPage.TAB_ASSIGN)
    assert page.term.id == this.id  # the page shows this year's term first
    home = window.show_page("home")
    item = _post_line(home, target, last.id)
    assert f"（{last.year}年度）" in item.text() and "已期满，还没有评定" in item.text()

    _click(qtbot, home, item)

    assert page.isVisible() and window.navigation.currentItem().text() == "设岗定责"
    tab = page.evaluate_tab
    assert page.tabs.currentWidget() is tab and page.tabs.tabText(page.tabs.currentIndex()) == "评岗"
    assert page.term.id == last.id and page.term_combo.currentText() == f"{last.year}年度"
    assert tab.selected_member() == target
    row = tab.table.currentRow()
    assert row == 29 and _in_view(tab.table, row) and tab.table.hasFocus()
    assert tab.grade_combo(row).currentData() == ""
    assert not tab.status.isVisible()

    # Left elsewhere again (this year's term, another tab, another row): the line lands the same.
    tab.table.selectRow(0)
    page.select_term(this.id)
    page.tabs.setCurrentIndex(PostsPage.TAB_RECORDS)
    window.show_page("home")
    _click(qtbot, home, _post_line(home, target, last.id))
    assert page.tabs.currentWidget() is tab and page.term.id == last.id
    assert tab.selected_member() == target and _in_view(tab.table, tab.table.currentRow())

    # The heading: the 评岗 tab on the term of the first line, nothing selected.
    page.select_term(this.id)
    page.tabs.setCurrentIndex(PostsPage.TAB_CATALOGUE)
    window.show_page("home")
    first = _lines(home, POST_GRADE)[0].data(ITEM_ROLE)
    _click(qtbot, home, _line(home, POST_GRADE))
    assert page.tabs.currentWidget() is tab and page.term.id == first.subject_id
    assert tab.selected_member() is None and not tab.status.isVisible()
    assert message_log == []


def test_a_member_taken_off_the_post_is_said_so_without_an_error(
    qtbot, workspace, posted, window, message_log
):
    target, last = posted["target"], posted["last"]
    page = window.show_page("posts")
    home = window.show_page("home")
    item = _post_line(home, target, last.id)
    posts_service.remove_assignment(workspace, posted["assignment"])  # after the list was read

    _click(qtbot, home, item)

    tab = page.evaluate_tab
    assert page.tabs.currentWidget() is tab and page.term.id == last.id
    assert tab.selected_member() is None and tab.table.rowCount() == 29
    name = members.get_member(workspace, target).data.name
    assert tab.status.isVisible()
    assert tab.status.text() == f"{name}在{last.year}年度已没有岗位，无需评岗。"
    assert message_log == []

    page.select_term(posted["this"].id)  # another term: the word goes
    assert not tab.status.isVisible()
