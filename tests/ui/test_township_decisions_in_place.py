"""The township's decisions, once its reply is imported, each in its place in the real window: on the home
page under 来自乡镇 (a click on the hand-up line opens the dues page's 上缴 tab with that hand-up selected
and "乡镇已确认 2026-04-15" beside it; a click on the heading opens 设置 → 与乡镇交换), the monthly report
line while no report was written, and the matters the township asks to make public above the notices."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea
from tests.ui.test_home_lines import _click, _line

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services import dues, exchange
from dangjian_desktop.services.home import REPORT_DUE, TOWNSHIP_REPLY, kind_label
from dangjian_desktop.ui.dues.page import DuesPage
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.notices.page import NoticesPage
from dangjian_desktop.ui.pages.home_page import ITEM_PADDING, HomePage
from dangjian_desktop.ui.pages.settings_hub import SettingsPage
from support.exchange_files import decision, write_decisions_file

KEY = rules.format_key(rules.new_key())
SHOTS = os.environ.get("DANGJIAN_SCREENSHOTS", "")
CONFIRMED_ON = dt.date(2026, 4, 15)


def _shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # the layouts settle, as they do before the screen is painted
        widget.grab().save(os.path.join(SHOTS, name))


@pytest.fixture
def replied(workspace, add_members, tmp_path):
    """A branch with a key, two hand-ups (one the township confirmed), one report sent, and the township's
    reply imported: the confirmation, a matter to make public and an approval."""
    add_members(5)
    exchange.enter_key(workspace, "01", KEY)
    confirmed = dues.record_handup(
        workspace, handed_on=dt.date(2026, 4, 10), amount="100", receiver="城关镇党委组织办"
    )
    dues.record_handup(workspace, handed_on=dt.date(2026, 10, 9), amount="80", receiver="城关镇党委组织办")
    public_id = next(h.public_id for h in dues.handups(workspace) if h.id == confirmed.id)
    sent = exchange.export_branch(workspace, tmp_path)
    reply = write_decisions_file(
        tmp_path / "答复.zip",
        workspace,
        KEY,
        [
            decision("handup", "收到党费上缴 100.00 元", refers_to=public_id, decided_on=CONFIRMED_ON),
            decision("notice", "公开2026年党费收缴情况", details="张贴7天", decided_on=dt.date(2026, 4, 16)),
            decision("approval", "同意李秀英列为入党积极分子", decided_on=dt.date(2026, 4, 12)),
        ],
        accepted=(sent.sequence, dt.datetime(2026, 4, 14, 9, 0)),
    )
    exchange.import_decisions(workspace, reply)
    return confirmed.id


@pytest.fixture
def window(qtbot, workspace, message_log, replied, real_look):
    real_look(14, bundled_font=True)  # the program's own look: the screenshots show its Chinese
    shown = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show_page("home")
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _reply_line(home: HomePage, subject: str):
    for row in range(home.list.count()):
        item = home.list.item(row)
        if subject in item.text():
            return item
    raise AssertionError(f"no line with {subject}: {home.line_texts()}")


def test_the_reply_is_on_the_home_page_and_opens_the_hand_up(qtbot, window, replied):
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    heading = _line(home, TOWNSHIP_REPLY)
    assert heading is not None and heading.text().startswith(f"■ {kind_label(TOWNSHIP_REPLY)}")
    texts = [home.list.item(row).text() for row in range(home.list.count())]
    for subject in ("收到党费上缴 100.00 元", "公开2026年党费收缴情况", "同意李秀英列为入党积极分子"):
        assert any(subject in text for text in texts), texts
    assert not any("收到党费上缴" in text for text in home.summary_label.text().split("　　"))  # not a note
    _shot(window, "home_page_township_reply.png")

    _click(qtbot, home, _reply_line(home, "收到党费上缴 100.00 元"))

    page = window.page("dues")
    assert isinstance(page, DuesPage) and page.isVisible()
    tab = page.handups
    assert page.tabs.currentWidget() is tab and tab.year.value() == 2026
    row = tab.table.currentRow()
    assert tab.entries[row].id == replied
    column = list(tab.COLUMNS).index("Note")  # first in the note: the list keeps its columns
    assert tab.table.item(row, column).text() == _("Confirmed by the township {date}").format(
        date="2026-04-15"
    )
    others = [r for r in range(tab.table.rowCount()) if r != row]
    assert others and all(tab.table.item(r, column).text() == "" for r in others)  # the other: not confirmed
    _shot(page, "dues_handups_confirmed.png")


def test_the_heading_opens_the_exchange_tab_and_the_notice_opens_the_notices(qtbot, window):
    home = window.show_page("home")
    _click(qtbot, home, _line(home, TOWNSHIP_REPLY))
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage) and settings.isVisible()
    assert settings.tabs.currentWidget() is settings.exchange_tab
    assert len(settings.exchange_tab.decision_rows()) == 3

    window.show_page("home")
    _click(qtbot, home, _reply_line(home, "公开2026年党费收缴情况"))
    notices = window.page("notices")
    assert isinstance(notices, NoticesPage) and notices.isVisible()
    assert notices.township_box.isVisible()
    assert notices.township_box.line_texts() == [
        "• 2026-04-16　公开2026年党费收缴情况：张贴7天" + _(" ({who})").format(who="城关镇党委组织办")
    ]
    _shot(notices, "notices_township_box.png")


def test_no_decision_no_box_above_the_notices(qtbot, workspace, message_log):
    page = NoticesPage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert page.township_box.isHidden() and page.township_box.line_texts() == []


def test_the_monthly_report_line_until_a_report_is_written(qtbot, workspace, message_log, tmp_path):
    exchange.enter_key(workspace, "01", KEY)
    home = HomePage(workspace)
    qtbot.addWidget(home)
    home.show()
    line = _line(home, REPORT_DUE)
    assert line is not None and _("The branch's data has not been sent to the township yet.") in [
        home.list.item(row).text().strip("　") for row in range(home.list.count())
    ]
    exchange.export_branch(workspace, tmp_path)
    home.refresh()
    assert _line(home, REPORT_DUE) is None


@pytest.mark.parametrize("size", [16, 18])
def test_the_screens_at_large_text(qtbot, workspace, message_log, replied, real_look, size):
    """At a large text size every button of the exchange tab and the preview shows its words whole, and
    nothing scrolls sideways in a window on a 1366×768 screen (screenshots with DANGJIAN_SCREENSHOTS)."""
    from dangjian_desktop.ui.exchange.preview_dialog import PreviewDialog

    real_look(size, bundled_font=True)
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show_page("home")
    window.show()
    qtbot.waitExposed(window)
    _shot(window, f"home_page_{size}.png")

    home = window.page("home")
    home.list.scrollToItem(_line(home, TOWNSHIP_REPLY), home.list.ScrollHint.PositionAtTop)
    _shot(window, f"home_page_township_{size}.png")
    assert home.list.horizontalScrollBar().maximum() == 0
    metrics, room = home.list.fontMetrics(), home.list.viewport().width() - 2 * ITEM_PADDING - 8
    for row in range(home.list.count()):  # a line too long for the list is on two lines, not cut off
        item = home.list.item(row)
        if metrics.horizontalAdvance(item.text()) > room:
            assert home.list.visualItemRect(item).height() >= 2 * metrics.height(), item.text()

    window.open_page("exchange")
    QApplication.processEvents()
    tab = window.page("settings").exchange_tab
    assert tab.isVisible()
    _shot(window, f"exchange_tab_{size}.png")
    scroll = tab.findChildren(QScrollArea)[0]
    assert scroll.horizontalScrollBar().maximum() == 0
    short = [
        button.text()
        for button in tab.findChildren(QAbstractButton)
        if button.isVisible() and button.width() < button.fontMetrics().horizontalAdvance(button.text())
    ]
    assert not short, short

    dialog = PreviewDialog(workspace, exchange.preview(workspace), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _shot(dialog, f"exchange_preview_dialog_{size}.png")
    assert dialog.save_button.width() >= dialog.save_button.fontMetrics().horizontalAdvance(
        dialog.save_button.text()
    )
    assert dialog.height() <= 697 and dialog.width() <= 1366  # whole on a 1366×768 screen
    assert dialog.area_counts() == exchange.preview(workspace).areas
    dialog.reject()

    page = window.show_page("dues")
    page.tabs.setCurrentWidget(page.handups)
    QApplication.processEvents()
    _shot(window, f"dues_handups_{size}.png")
    assert page.handups.table.horizontalScrollBar().maximum() == 0
    window.show_page("notices")
    QApplication.processEvents()
    _shot(window, f"notices_{size}.png")
