"""At text size 16 and 18 no page needs sideways scrolling in a window on a 1366×768 screen, maximised or
as it reopens (1229×691 was seen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea

from dangjian_desktop.ui.main_window import PAGES, MainWindow, PageHolder, UiSettings

KEYS = [key for key, _title in PAGES]
WINDOWS = {"maximised": QSize(1366, 697), "reopened": QSize(1229, 691)}


def _sideways(window: MainWindow, where: str) -> list[str]:
    holder = window.stack.currentWidget()
    assert isinstance(holder, PageHolder)
    found = []
    if holder.horizontalScrollBar().maximum() > 0:
        found.append(f"{where}: the page scrolls sideways")
    for area in holder.widget().findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
            found.append(f"{where}: {area.objectName() or type(area).__name__} scrolls sideways")
    return found


CASES = [
    pytest.param(16, WINDOWS["maximised"], id="maximised-16"),
    pytest.param(18, WINDOWS["maximised"], id="maximised-18"),
    pytest.param(16, WINDOWS["reopened"], id="reopened-16"),
    pytest.param(18, WINDOWS["reopened"], id="reopened-18"),
]


@pytest.mark.parametrize(("size", "window_size"), CASES)
def test_no_page_scrolls_sideways_at_large_text(
    qtbot, workspace, add_members, message_log, real_look, size, window_size
):
    add_members(30)
    real_look(size, bundled_font=True)
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show_page("home")
    window.resize(window_size)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    for key in KEYS:
        page = window.show_page(key)
        QApplication.processEvents()
        tabs = [
            t
            for t in page.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QTabWidget)
            if t.isVisible()
        ]
        problems += _sideways(window, key)
        for tab_widget in tabs:
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                QApplication.processEvents()
                problems += _sideways(window, f"{key} {tab_widget.tabText(index)}")
            tab_widget.setCurrentIndex(0)
    assert window.size() == window_size
    assert problems == [], "\n".join(problems)
