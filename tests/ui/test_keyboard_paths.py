"""Paths she takes with the keyboard: from the roster's search into the results and into a member's form,
Ctrl+F to the search from anywhere, and a way out (退出 in the sidebar, Ctrl+Q)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from dangjian_desktop.ui.dues import standards_tab
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.members import page as roster_page
from dangjian_desktop.ui.members.page import RosterPage
from dangjian_desktop.ui.widgets.focus_ring import RING_COLOUR, FocusRing, install_focus_ring


@pytest.fixture
def window(qtbot, workspace, add_members) -> MainWindow:
    add_members(12)
    shown = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(shown)
    shown.show_page("home")
    shown.resize(1300, 700)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


@pytest.fixture
def opened(monkeypatch) -> list[int]:
    """The member forms opened (by member id); the form itself is not shown."""
    seen: list[int] = []

    class Form:
        def __init__(self, _workspace, member_id, parent=None) -> None:  # noqa: ANN001
            seen.append(member_id)

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(roster_page, "MemberDialog", Form)
    return seen


def _roster(window: MainWindow) -> RosterPage:
    page = window.show_page("roster")
    assert isinstance(page, RosterPage)
    return page


def test_from_the_search_down_goes_into_the_results_and_enter_opens_the_member(qtbot, window, opened):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = _roster(window)
    assert QApplication.focusWidget() is page.search_box
    page.search_box.insert("zs")  # 张三 by pinyin initials
    assert page.model.rowCount() == 1
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.selected_row().name == "张三" and page.edit_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [page.selected_row().id]

    qtbot.keyClick(page.table, Qt.Key.Key_Up)  # from the first row back to the search
    assert QApplication.focusWidget() is page.search_box
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # Enter in the search opens the member at once
    assert len(opened) == 2


def test_enter_in_the_search_with_nothing_found_opens_nothing(qtbot, window, opened):
    page = _roster(window)
    page.search_box.setFocus()
    page.search_box.insert("qqqqqq")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert opened == [] and QApplication.focusWidget() is page.search_box


def test_exit_is_in_sight_and_ctrl_q_closes_the_window(qtbot, window):
    assert window.quit_button.isVisible() and window.quit_button.text() == "退出"
    assert "Ctrl+Q" in window.quit_button.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_the_exit_button_closes_the_window(qtbot, window):
    qtbot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_enter_on_the_chosen_rows_of_the_standards_tab_opens_declare_for_them(qtbot, window, monkeypatch):
    """核定标准: Enter does what a double-click does, for the rows chosen (several with Shift)."""
    opened: list[list[str]] = []

    class Declare:
        def __init__(self, _workspace, rows, _year, parent=None) -> None:  # noqa: ANN001
            opened.append([row.name for row in rows])

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(standards_tab, "StandardDialog", Declare)
    page = window.show_page("dues")
    tab = page.standards
    page.tabs.setCurrentWidget(tab)
    table = tab.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    table.clearSelection()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == []  # nothing chosen: nothing opens (and no message pops up)
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    names = [table.item(row, 0).text() for row in (1, 2)]
    assert opened == [names]
    qtbot.keyClick(table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the number pad's Enter
    assert opened == [names, names]


def test_tab_from_the_page_list_goes_to_the_page_s_first_field_with_a_ring_round_it(qtbot, window):
    """The first Tab from the sidebar lands on the page's first field (the roster's search box; else the
    control highest and leftmost, never 退出 under the list) and a clear ring shows where; a click on a
    field shows none (the pointer says where she is)."""
    install_focus_ring(QApplication.instance())
    page = _roster(window)
    window.navigation.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.search_box
    rings = [ring for ring in window.findChildren(FocusRing) if ring.isVisible()]
    assert len(rings) == 1 and rings[0].widget() is page.search_box
    ring = rings[0].geometry()
    assert ring.contains(page.search_box.geometry()) and ring != page.search_box.geometry()
    picture = window.grab().toImage()
    corner = rings[0].mapTo(window, rings[0].rect().bottomRight())
    assert picture.pixelColor(corner.x() - 1, corner.y() - 1) == RING_COLOUR  # drawn, not only placed

    window.show_page("notices")
    window.navigation.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is window.page("notices").archive_tab.new_button and first is not window.quit_button

    _roster(window)
    qtbot.mouseClick(page.search_box, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is page.search_box
    assert not [ring for ring in window.findChildren(FocusRing) if ring.isVisible()]
