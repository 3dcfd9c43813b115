"""The notice list gives the title the room (it wrapped to three or four lines while 编号 was wide), and
the line under the list reads as sentences."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from dangjian_desktop.services import notices as service
from dangjian_desktop.ui.main_window import MainWindow, UiSettings

TITLES = ("关于2026年度党费收缴情况的公示", "关于村道硬化工程决议的公开", "关于召开支部党员大会的通知")


def test_the_title_column_holds_a_usual_title_on_one_line(qtbot, workspace, message_log):
    for title in TITLES:
        service.publish(
            workspace, service.create_draft(workspace, "free", title=title, body="经研究决定。").id
        )
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1229, 691)  # the window as it reopened on the test machine
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("notices")
    QApplication.processEvents()
    tab = page.archive_tab
    qtbot.waitUntil(lambda: tab.table.columnWidth(1) > 0)
    QApplication.processEvents()
    metrics = tab.table.fontMetrics()
    longest = max(metrics.horizontalAdvance(title) for title in TITLES)
    assert tab.table.columnWidth(1) >= longest
    assert tab.table.columnWidth(1) > tab.table.columnWidth(0)
    header = tab.table.horizontalHeader()
    assert header.length() <= tab.table.viewport().width() + 1  # nothing scrolls sideways
    assert tab.status_label.text().endswith("尚未张贴。")
