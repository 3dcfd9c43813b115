"""The roster at every text size on a 1366×768 screen: no sideways scrolling, the name and the office always
in sight, the filter boxes as wide as their longest choice, and the columns left out for lack of room
brought back by the secretary (and remembered)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from dangjian_desktop.services import members
from dangjian_desktop.ui.main_window import FONT_SIZES, MainWindow, UiSettings
from dangjian_desktop.ui.members.page import CHOOSABLE_COLUMNS, LEFT_OUT_FIRST, RosterPage
from dangjian_desktop.ui.members.table_model import (
    COL_BIRTH,
    COL_NAME,
    COL_OFFICE,
    COL_STATUS,
    COLUMN_COUNT,
    LEFT_ROSTER,
)

LONG_OFFICE = "村务监督委员会主任"
LONG_NAME = "欧阳志强"


@pytest.fixture
def roster(workspace, add_members):
    """30 sample members, one with a four-character name and the longest usual office."""
    ids = add_members(30)
    member = members.get_member(workspace, ids[3])
    members.update_member(
        workspace, ids[3], {**member.data.as_dict(), "name": LONG_NAME, "office": LONG_OFFICE}
    )
    return ids


def _open_roster(qtbot, workspace, width: int = 1366, settings: UiSettings | None = None) -> RosterPage:
    window = MainWindow(workspace, settings or UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show_page("home")
    window.resize(width, 700)  # a maximised window on a 1366×768 screen, without taskbar and title bar
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("roster")
    assert isinstance(page, RosterPage)
    QApplication.processEvents()
    return page


def _shown(page: RosterPage) -> list[int]:
    return [c for c in range(COLUMN_COUNT) if not page.table.isColumnHidden(c)]


def _assert_fits(page: RosterPage) -> None:
    """Real geometry: every shown column lies inside the table's viewport, so nothing scrolls sideways."""
    table = page.table
    header = table.horizontalHeader()
    viewport = table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert header.length() <= viewport + 1
    for column in _shown(page):
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= viewport + 1, column
    window = page.window()
    corner = table.viewport().mapTo(window, table.viewport().rect().topRight())
    assert corner.x() <= window.width()


@pytest.mark.parametrize("size", FONT_SIZES)
def test_the_roster_never_scrolls_sideways_at_1366_wide(
    qtbot, workspace, roster, message_log, real_look, size
):
    real_look(size)
    page = _open_roster(qtbot, workspace)
    _assert_fits(page)
    for column in (COL_NAME, COL_OFFICE):
        assert column in _shown(page)
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    assert header.sectionSize(COL_NAME) >= metrics.horizontalAdvance(LONG_NAME) + 8  # names are never cut
    assert header.sectionSize(COL_OFFICE) >= metrics.horizontalAdvance("副书记") + 8
    if size == max(FONT_SIZES):
        assert page.left_out  # at the largest text something has to give …
        assert all(c in LEFT_OUT_FIRST for c in page.left_out)  # … the least needed columns first
        assert str(len(page.left_out)) in page.columns_button.text()


@pytest.mark.parametrize("size", FONT_SIZES)
def test_the_status_column_fits_too_when_members_who_left_are_listed(
    qtbot, workspace, roster, message_log, real_look, size
):
    real_look(size)
    page = _open_roster(qtbot, workspace)
    page.status_filter.setCurrentIndex(page.status_filter.findData(LEFT_ROSTER))
    QApplication.processEvents()
    assert COL_STATUS in _shown(page)
    _assert_fits(page)


def test_at_the_standard_size_every_column_is_shown(qtbot, workspace, roster, message_log, real_look):
    real_look(min(FONT_SIZES))
    page = _open_roster(qtbot, workspace)
    assert page.left_out == [] and page.hidden_columns() == []
    assert page.columns_button.text() == "选择显示的列…"


def test_a_wider_window_brings_the_columns_back(qtbot, workspace, roster, message_log, real_look):
    real_look(max(FONT_SIZES))
    page = _open_roster(qtbot, workspace)
    assert page.left_out
    page.window().resize(2400, 900)
    QApplication.processEvents()
    assert page.left_out == [] and page.hidden_columns() == []
    _assert_fits(page)


def test_a_column_chosen_by_the_secretary_is_shown_and_remembered(
    qtbot, workspace, roster, message_log, real_look
):
    real_look(max(FONT_SIZES))
    settings = UiSettings.in_folder(workspace.folder)
    page = _open_roster(qtbot, workspace, settings=settings)
    assert COL_BIRTH in page.left_out
    menu = page.columns_menu()
    birth = next(a for a in menu.actions() if a.data() == COL_BIRTH)
    assert not birth.isChecked()
    birth.setChecked(True)  # what a click in the menu does
    assert COL_BIRTH in _shown(page)
    _assert_fits(page)  # another column gave way instead
    assert UiSettings.in_folder(workspace.folder).roster_columns == {CHOOSABLE_COLUMNS[COL_BIRTH]: True}

    page.window().close()
    again = _open_roster(qtbot, workspace)
    assert COL_BIRTH in _shown(again)
    again.fit_columns_to_window()
    assert COL_BIRTH not in _shown(again)
    assert UiSettings.in_folder(workspace.folder).roster_columns == {}


def test_a_column_hidden_by_the_secretary_stays_hidden(qtbot, workspace, roster, message_log, real_look):
    real_look(min(FONT_SIZES))
    page = _open_roster(qtbot, workspace)
    page.choose_column(COL_OFFICE, False)
    assert COL_OFFICE not in _shown(page)
    assert "1" in page.columns_button.text() and "职务" in page.columns_button.toolTip()
    _assert_fits(page)


def _combos_uncut(page: RosterPage) -> None:
    window = page.window()
    window_rect = QRect(0, 0, window.width(), window.height())
    for combo in page.findChildren(QComboBox):
        if not combo.isVisible():
            continue
        assert combo.width() >= combo.sizeHint().width(), combo.currentText()
        top_left = combo.mapTo(window, combo.rect().topLeft())
        assert window_rect.contains(QRect(top_left, combo.size())), combo.currentText()


def test_in_english_at_the_standard_size_the_filter_boxes_are_not_cut(
    qtbot, workspace, roster, message_log, real_look
):
    real_look(min(FONT_SIZES), "en")
    page = _open_roster(qtbot, workspace)
    assert page.status_filter.currentText() == "Members on the roster"
    _combos_uncut(page)
    _assert_fits(page)


@pytest.mark.parametrize("size", FONT_SIZES)
def test_the_filter_boxes_are_as_wide_as_their_longest_choice(
    qtbot, workspace, roster, message_log, real_look, size
):
    real_look(size)
    page = _open_roster(qtbot, workspace)
    _combos_uncut(page)


def test_the_button_and_a_right_click_on_the_headings_open_the_menu_of_columns(
    qtbot, workspace, roster, message_log
):
    page = _open_roster(qtbot, workspace)
    opened: list[list[str]] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        opened.append([action.text() for action in menu.actions() if action.text()])
        menu.close()

    QTimer.singleShot(50, close_menu)
    page.columns_button.click()
    header = page.table.horizontalHeader()
    QTimer.singleShot(50, close_menu)
    header.customContextMenuRequested.emit(QPoint(10, 10))
    assert len(opened) == 2
    assert opened[0] == opened[1]
    assert opened[0][:3] == ["性别", "出生日期", "公民身份号码"]
    assert "姓名" not in opened[0]  # the name is always shown


def test_the_columns_fit_after_a_first_import_without_a_restart(
    qtbot, workspace, add_members, message_log, monkeypatch
):
    """The roster was first shown empty; the import fills it and the columns fit their texts at once."""
    page = _open_roster(qtbot, workspace)
    assert page.model.rowCount() == 0
    empty_widths = {c: page.table.columnWidth(c) for c in _shown(page)}

    from dangjian_desktop.ui.members import import_dialog

    class ImportingDialog:  # the dialog's work, without its screens: members written by the service
        def __init__(self, *_args) -> None:
            pass

        def exec(self) -> int:
            add_members(20)
            return 1

    monkeypatch.setattr(import_dialog, "ImportDialog", ImportingDialog)
    page.import_sheet()
    QApplication.processEvents()
    assert page.model.rowCount() == 20
    metrics = page.table.fontMetrics()
    for column in (COL_BIRTH, COL_NAME):
        longest = max(metrics.horizontalAdvance(text) for text in page.model.sample_texts(column))
        assert page.table.columnWidth(column) >= longest, column
    assert any(page.table.columnWidth(c) != width for c, width in empty_widths.items())
    _assert_fits(page)
