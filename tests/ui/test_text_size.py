"""The text size chosen in 设置 applies at once to every open page: the ordinary text, the headings a step
bigger, the bold counts, the buttons, the tables, the navigation list and the pages' minimum sizes, all as if
the program had been started with that size; and back again."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.ui.main_window import PAGES, MainWindow, UiSettings, _least_size
from dangjian_desktop.ui.pages.settings_hub import SettingsPage
from dangjian_desktop.ui.widgets.forms import TitleLabel
from dangjian_desktop.ui.widgets.text_size import bold_font, keep_fitted, rescale_fonts, scaled_font

KEYS = [key for key, _title in PAGES]


def _window(qtbot, workspace) -> MainWindow:
    """The window with every page opened once, at 1366×768 (maximised, less the taskbar)."""
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 697)
    window.show()
    qtbot.waitExposed(window)
    for key in KEYS:
        window.show_page(key)
        QApplication.processEvents()
    return window


def _watched(window: MainWindow) -> dict[str, QWidget]:
    """Real widgets of several pages: plain text, headings and counts with a font of their own, buttons."""
    home, roster, meetings = window.pages["home"], window.pages["roster"], window.pages["meetings"]
    dues, posts = window.pages["dues"], window.pages["posts"]
    return {
        "navigation list": window.navigation,
        "home: branch name (1.6×)": home.branch_label,
        "home: today (1.15×)": home.date_label,
        "home: what is due (1.2×)": home.list,
        "roster: title (1.4×)": roster.findChild(TitleLabel),
        "roster: table": roster.table,
        "roster: table heading": roster.table.horizontalHeader(),
        "meetings: title": meetings.findChild(TitleLabel),
        "meetings: record a meeting": meetings.meetings_tab.add_button,
        "meetings: delete": meetings.meetings_tab.delete_button,
        "meetings: meetings table": meetings.meetings_tab.table,
        "dues: several months": dues.collection.several_button,
        "dues: hand-ups balance (1.15×, bold)": dues.handups.balance_label,
        "posts: add a post": posts.catalogue_tab.add_button,
        "posts: catalogue table": posts.catalogue_tab.table,
        "settings: text size choice": window.pages["settings"].size_buttons.button(12),
    }


def _sizes(window: MainWindow) -> dict[str, float]:
    return {name: widget.font().pointSizeF() for name, widget in _watched(window).items()}


def _heights(window: MainWindow) -> dict[str, int]:
    return {name: _least_size(widget).height() for name, widget in _watched(window).items()}


def _least_sizes(window: MainWindow) -> dict[str, tuple[int, int]]:
    """Each page's least size, as the window's holder of the page sees it when the page is shown."""
    sizes = {}
    for key in KEYS:
        window.show_page(key)
        QApplication.processEvents()
        sizes[key] = _least_size(window.pages[key]).toTuple()
    window.show_page("settings")
    return sizes


def _choose(window: MainWindow, size: int) -> None:
    """The secretary's click on the size in 设置 → 常规 → 文字大小."""
    settings_page = window.show_page("settings")
    assert isinstance(settings_page, SettingsPage)
    settings_page.size_buttons.button(size).click()
    QApplication.processEvents()


def test_a_new_text_size_reaches_every_open_page_at_once(qtbot, workspace, add_members, real_look):
    add_members(30)
    real_look(12)
    window = _window(qtbot, workspace)
    at_12 = _sizes(window)
    heights_12 = _heights(window)
    navigation_12 = window.navigation.width()
    least_12 = _least_sizes(window)
    assert at_12["roster: table"] == 12
    assert at_12["roster: title (1.4×)"] == pytest.approx(16.8)
    assert window.pages["dues"].handups.balance_label.font().bold()

    _choose(window, 18)
    at_18 = _sizes(window)
    for name, size in at_12.items():
        assert at_18[name] == pytest.approx(size * 1.5, abs=0.01), name
    assert window.pages["dues"].handups.balance_label.font().bold()
    assert window.pages["meetings"].meetings_tab.add_button.font().bold()  # the primary button stays bold
    heights_18 = _heights(window)
    for name in ("meetings: record a meeting", "dues: several months", "posts: add a post"):
        assert heights_18[name] > heights_12[name] * 1.3, name
    assert window.navigation.width() > navigation_12 * 1.3  # fitted to its longest entry again

    # Exactly as if the program had been started at 18 pt: the same fonts and the same least sizes.
    least_18 = _least_sizes(window)
    started_at_18 = _window(qtbot, workspace)
    assert _sizes(started_at_18) == pytest.approx(at_18, abs=0.01)
    assert _heights(started_at_18) == heights_18
    assert _least_sizes(started_at_18) == least_18
    assert least_18["meetings"][1] > least_12["meetings"][1]
    assert started_at_18.navigation.width() == window.navigation.width()
    started_at_18.close()

    _choose(window, 12)
    assert _sizes(window) == pytest.approx(at_12, abs=0.01)
    assert _heights(window) == heights_12
    assert _least_sizes(window) == least_12
    assert window.navigation.width() == navigation_12


def test_fonts_of_their_own_keep_their_proportion_and_sizes_fitted_to_the_text_follow(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    plain, heading = QLabel("正文"), QLabel("标题")
    heading.setFont(scaled_font(1.4, bold=True))
    layout.addWidget(plain)
    layout.addWidget(heading)
    fitted: list[float] = []
    keep_fitted(plain, lambda: fitted.append(plain.font().pointSizeF()))
    base = plain.font().pointSizeF()
    assert fitted == [base]

    rescale_fonts(1.5)
    assert plain.font().pointSizeF() == pytest.approx(base * 1.5)
    assert heading.font().pointSizeF() == pytest.approx(base * 1.4 * 1.5, abs=0.01)
    assert heading.font().bold()
    assert fitted[-1] == pytest.approx(base * 1.5)
    rescale_fonts(1 / 1.5)
    assert heading.font().pointSizeF() == pytest.approx(base * 1.4, abs=0.01)

    # A bold table cell says only "bold": its size is the table's.
    cell_font = bold_font()
    assert cell_font.bold()
    table_font = QFont(QApplication.font())
    table_font.setPointSizeF(27)
    assert cell_font.resolve(table_font).pointSizeF() == 27  # what Qt shows in the cell
