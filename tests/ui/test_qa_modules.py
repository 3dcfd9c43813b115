"""Problems found by walking the 首页, 组织生活, 流动党员, 党费, 设岗定责 and 党务公开 pages as a secretary would."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dues.page import DuesPage

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def _headers(table: QTableWidget) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_every_dues_table_header_is_in_chinese(qtbot, workspace, add_members, message_log):
    add_members(2)
    page = DuesPage(workspace)
    qtbot.addWidget(page)
    english = []
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        for table in page.tabs.widget(index).findChildren(QTableWidget):
            english += [h for h in _headers(table) if ENGLISH_WORD.search(h)]
    assert not english


def test_a_grade_that_cannot_be_saved_keeps_every_grade_typed_on_the_evaluation_tab(
    qtbot, workspace, add_members, message_log
):
    from PySide6.QtWidgets import QTableWidgetItem

    from dangjian_desktop.services import posts
    from dangjian_desktop.ui.posts.page import PostsPage

    ids = add_members(6)
    term = posts.term_for_year(workspace, dt.date.today().year)
    post_ids = [p.id for p in posts.list_posts(workspace, active_only=True)]
    for n, member_id in enumerate(ids[1:5]):  # member 0 holds an office
        posts.assign(workspace, member_id, post_ids[n], term.id, reason="支委会同意")
    page = PostsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.evaluate_tab)
    tab = page.evaluate_tab
    rows = tab.table.rowCount()
    assert rows == 4
    for row in range(rows):
        tab.grade_combo(row).setCurrentIndex(1)
        tab.table.setItem(row, tab.COL_COMMENT, QTableWidgetItem("按时履岗" if row != 1 else "很" * 600))
    tab.save()
    assert [kind for kind, _text in message_log] == ["error"]
    assert "500" in message_log[0][1]
    # nothing typed is lost: every grade and comment is still on screen, the too-long one included
    assert all(tab.grade_combo(row).currentIndex() == 1 for row in range(rows))
    assert tab.table.item(1, tab.COL_COMMENT).text() == "很" * 600
    assert tab.table.currentRow() == 1
    # shortened, the next save stores the rest
    tab.table.item(1, tab.COL_COMMENT).setText("按时履岗")
    tab.save()
    assert all(a.grade for a in posts.assignments(workspace, term.id))


@pytest.fixture
def keep_filling_in(monkeypatch) -> list[str]:
    """The secretary answers 'keep filling in' when asked whether to throw the typing away."""
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, text, *a, **k: asked.append(text) or False)
    return asked


def test_closing_a_meeting_record_with_minutes_typed_asks_first(
    qtbot, workspace, add_members, keep_filling_in
):
    from dangjian_desktop.ui.meetings.meeting_dialog import MeetingDialog

    add_members(3)
    dialog = MeetingDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # untouched: closes without a question
    assert not keep_filling_in and not dialog.isVisible()

    dialog = MeetingDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.topic.setText("学习贯彻全会精神")
    dialog.minutes.setPlainText("1. 书记传达全会精神。\n2. 党员讨论发言。")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a slip of the finger
    assert len(keep_filling_in) == 1
    assert dialog.isVisible() and "党员讨论发言" in dialog.minutes.toPlainText()


def test_closing_a_notice_with_text_typed_asks_first(qtbot, workspace, keep_filling_in):
    from dangjian_desktop.ui.notices.editor import NoticeEditor

    dialog = NoticeEditor(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("关于冬季环境整治的通知")
    dialog.body_edit.setPlainText("定于12月1日开展冬季村庄环境整治，请各户积极参加。")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(keep_filling_in) == 1
    assert dialog.isVisible() and "环境整治" in dialog.body_edit.toPlainText()
