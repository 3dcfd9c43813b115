"""The main window: navigation from the registry, a page that cannot be imported is an error, settings, and
a 1366×768 screen."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QScrollArea, QWidget

from dangjian_desktop import features
from dangjian_desktop.i18n import _
from dangjian_desktop.ui.main_window import (
    DEFAULT_FONT_SIZE,
    PAGES,
    MainWindow,
    PageHolder,
    UiSettings,
    apply_font_size,
)
from dangjian_desktop.ui.members.page import RosterPage
from dangjian_desktop.ui.members.table_model import COL_ID
from dangjian_desktop.ui.pages.settings_hub import SettingsPage


@pytest.fixture
def settings(workspace) -> UiSettings:
    return UiSettings.in_folder(workspace.folder)


@pytest.fixture
def window(qtbot, workspace, settings, message_log):
    shown = MainWindow(workspace, settings)
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def big_text():
    """Run at the text size a secretary would choose, then put it back."""
    before = QApplication.font()
    yield
    QApplication.setFont(before)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The area the widget scrolls in; the window's page holder only when the page does not fit."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and not (
            isinstance(parent, PageHolder)
            and parent.verticalScrollBar().maximum() == 0
            and parent.horizontalScrollBar().maximum() == 0
        ):
            return parent
        parent = parent.parentWidget()
    return None


def _cut_off(container: QWidget) -> list[str]:
    """Visible inputs and buttons that are squeezed or stick out of the window. Inside a scroll area a
    control may lie below the fold (the secretary scrolls), but nothing may need sideways scrolling."""
    problems = []
    window_rect = QRect(0, 0, container.width(), container.height())
    for widget in container.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QComboBox | QLineEdit) or not widget.isVisible():
            continue
        if widget.window() is not container:
            continue
        name = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        scroll = _scroll_area_of(widget)
        if scroll is not None:
            if scroll.horizontalScrollBar().maximum() > 0:
                problems.append(f"{name} needs sideways scrolling")
            continue
        top_left = widget.mapTo(container, widget.rect().topLeft())
        if not window_rect.contains(QRect(top_left, widget.size())):
            problems.append(f"{name} sticks out of the window")
        elif isinstance(widget, QAbstractButton) and widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name} is squeezed")
    return problems


def test_the_minimum_size_fits_a_1024x600_screen(window):
    """A 1024×600 screen less the taskbar and the title bar (tests/ui/test_window_fits.py: every page, the
    largest text)."""
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 530
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 530


@pytest.mark.parametrize("size", [12, 14, 16, 18])
def test_nothing_is_cut_off_at_1366x768(qtbot, window, add_members, size, big_text):
    add_members(30)
    apply_font_size(size)
    window.resize(1366, 700)  # a maximised window: the screen minus the taskbar and the title bar
    window.show()
    qtbot.waitExposed(window)
    for key in ("roster", "home", "settings"):
        window.show_page(key)
        QApplication.processEvents()
        assert window.width() <= 1366 and window.height() <= 700
        assert _cut_off(window) == [], key


def test_every_navigation_entry_opens_its_page(window):
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["首页", "花名册", "组织生活", "流动党员", "党费", "设岗定责", "党务公开", "设置/备份"]
    for key, _title in PAGES:
        page = window.show_page(key)
        assert window.stack.currentWidget().isAncestorOf(page)
    assert isinstance(window.page("roster"), RosterPage)
    assert isinstance(window.page("settings"), SettingsPage)


def test_every_module_page_is_the_class_the_registry_names(window):
    """Each navigation entry of a module opens that module's own page (features.py), and the settings page
    has its real tabs."""
    import importlib

    for module in features.FEATURES:
        if module.township_only:  # not in a village's window (tests/ui/test_township_page.py)
            continue
        page = window.show_page(module.key)
        assert isinstance(page, getattr(importlib.import_module(module.page_module), module.page_class))
    settings_page = window.show_page("settings")
    assert (
        settings_page.tabs.count() == 7
    )  # general, business, backup, exchange, connection, change log, about


def test_a_page_that_cannot_be_imported_is_an_error_not_a_placeholder(window, monkeypatch):
    """C4: a module whose page fails to import (a frozen build without openpyxl) raises, so the crash
    handler logs it and says so; it never becomes a quiet 'not built yet' page."""
    import dataclasses

    broken = dataclasses.replace(features.feature("notices"), package="no_such_module")
    monkeypatch.setattr("dangjian_desktop.ui.main_window.feature", lambda key: broken)
    with pytest.raises(ImportError):
        window.page("notices")
    assert "notices" not in window.pages


def test_a_line_of_the_home_page_can_open_the_backup_tab(window):
    window.open_page("backup")
    settings_page = window.page("settings")
    assert window.navigation.currentItem().text() == "设置/备份"
    assert settings_page.tabs.tabText(settings_page.tabs.currentIndex()) == "备份与恢复"
    window.open_page("roster")
    assert window.navigation.currentItem().text() == "花名册"


def test_a_line_of_the_home_page_is_shown_on_its_page_once_that_page_is_open(window, monkeypatch):
    shown: list[object] = []
    dues_page = window.show_page("dues")
    monkeypatch.setattr(dues_page, "show_due_item", lambda item, as_of: shown.append((item, as_of)))
    line = SimpleNamespace(page="dues", member_id=7)
    window.show_due_item(line, "today")
    assert shown == [(line, "today")]
    window.show_page("roster")  # the dues page did not open: the line is not shown on it
    window.show_due_item(line, "today")
    assert len(shown) == 1


def test_the_masking_switch_in_settings_reaches_the_roster(qtbot, window, add_members):
    add_members(5)
    window.show()
    roster = window.show_page("roster")
    settings_page = window.show_page("settings")
    assert isinstance(roster, RosterPage) and isinstance(settings_page, SettingsPage)
    row = roster.model.row_at(0)
    assert roster.model.index(0, COL_ID).data() != row.id_number
    settings_page.unmask_box.setChecked(True)
    assert roster.model.index(0, COL_ID).data() == row.id_number
    settings_page.unmask_box.setChecked(False)
    assert roster.model.index(0, COL_ID).data() != row.id_number


def test_the_roster_has_the_same_masking_switch_as_settings(qtbot, window, add_members):
    """first-week §4.8: the full ID number is needed at the roster; one switch, shown in both places."""
    add_members(5)
    window.show()
    roster = window.show_page("roster")
    assert isinstance(roster, RosterPage)
    row = roster.model.row_at(0)
    assert roster.unmask_box.text() == "显示完整身份证号和电话" and not roster.unmask_box.isChecked()
    masked_width = roster.table.columnWidth(COL_ID)
    qtbot.mouseClick(roster.unmask_box, Qt.MouseButton.LeftButton)
    assert roster.model.index(0, COL_ID).data() == row.id_number
    shown = roster.table.fontMetrics().horizontalAdvance(row.id_number)
    assert roster.table.columnWidth(COL_ID) > max(masked_width, shown)  # the whole number, not cut with …
    settings_page = window.show_page("settings")
    assert isinstance(settings_page, SettingsPage) and settings_page.unmask_box.isChecked()
    settings_page.unmask_box.setChecked(False)
    assert not roster.unmask_box.isChecked()
    assert roster.model.index(0, COL_ID).data() != row.id_number


def test_text_size_and_language_are_kept_in_the_data_folder(window, workspace, big_text):
    settings_page = window.show_page("settings")
    assert isinstance(settings_page, SettingsPage)
    assert settings_page.settings.font_size == DEFAULT_FONT_SIZE
    settings_page.size_buttons.button(16).click()
    assert QApplication.font().pointSize() == 16
    settings_page.language_buttons.button(1).click()
    assert settings_page.language_note.isVisibleTo(settings_page)
    again = UiSettings.in_folder(workspace.folder)
    assert (again.font_size, again.language) == (16, "en")
    assert (workspace.folder / "settings.ini").is_file()


def test_settings_has_business_rules_backup_connection_change_log_and_about_tabs(window):
    settings_page = window.show_page("settings")
    assert isinstance(settings_page, SettingsPage)
    tabs = [settings_page.tabs.tabText(i) for i in range(settings_page.tabs.count())]
    exchange = _("Exchange with the township")  # 与乡镇交换 (issue 19)
    assert tabs == ["常规", "业务设置", "备份与恢复", exchange, "数据库连接", "操作记录", "关于"]


def test_a_change_on_one_page_is_read_again_by_the_others_when_next_shown(window, add_members, monkeypatch):
    add_members(3)
    flowing_page = window.show_page("flowing")
    calls: list[str] = []
    monkeypatch.setattr(flowing_page, "reload", lambda: calls.append("reload"))
    roster_page = window.show_page("roster")
    roster_page.data_changed.emit()  # e.g. a member's name corrected on the roster
    assert calls == []  # nothing is read while the page is not shown
    window.show_page("flowing")
    assert calls == ["reload"]
    window.show_page("roster")
    window.show_page("flowing")
    assert calls == ["reload"]  # read once, not on every visit
