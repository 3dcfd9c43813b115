"""The window fits a small screen at every text size: a page that needs more room than the window has scrolls
inside the window instead of making the window bigger than the screen, and a page that fits looks as before
(no scroll bars)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.ui.main_window import (
    MINIMUM_WINDOW,
    PAGES,
    ROOMY_WINDOW,
    MainWindow,
    PageHolder,
    UiSettings,
    default_place,
)
from dangjian_desktop.ui.widgets.flow_layout import FlowLayout

KEYS = [key for key, _title in PAGES]
# A 1024×600 screen without a taskbar (40) and the window's title bar (30): the room inside the window.
SMALL_SCREEN = QSize(1024, 600)
SMALL_WINDOW = QSize(1024, 530)
LAPTOP_150 = QSize(1280, 680)  # a 1920×1080 laptop at 150 %: 1280×720, less the taskbar
MAXIMISED_1366 = QSize(1366, 697)  # a maximised window on a 1366×768 screen: less the taskbar and title bar


@pytest.fixture
def members(add_members):
    return add_members(30)


def _open(qtbot, workspace, size: QSize) -> MainWindow:
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show_page("home")
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    return window


def _holder(window: MainWindow) -> PageHolder:
    holder = window.stack.currentWidget()
    assert isinstance(holder, PageHolder)
    return holder


def _tabs_of(page: QWidget) -> list[QTabWidget]:
    return [tabs for tabs in page.findChildren(QTabWidget) if tabs.isVisible()]


def _each_tab(window: MainWindow, check) -> None:  # noqa: ANN001
    """``check(where)`` on the page as it is, then with each tab of its tab widgets open."""
    page = _holder(window).widget()
    check("")
    for tabs in _tabs_of(page):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            check(f" {tabs.tabText(index)}")
        tabs.setCurrentIndex(0)
        QApplication.processEvents()


def _unreachable(window: MainWindow, where: str) -> list[str]:
    """Buttons of the shown page that cannot be seen, not even by scrolling, or are squeezed."""
    holder = _holder(window)
    page = holder.widget()
    problems = []
    view = holder.viewport()
    holder_place = QRect(holder.mapTo(window, QPoint(0, 0)), holder.size())
    if not QRect(0, 0, window.width(), window.height()).contains(holder_place):
        problems.append(f"{where}: the page sticks out of the window")
    for bar, page_length, view_length in (
        (holder.horizontalScrollBar(), page.width(), view.width()),
        (holder.verticalScrollBar(), page.height(), view.height()),
    ):
        if bar.maximum() < page_length - view_length:
            problems.append(f"{where}: part of the page cannot be scrolled to")
        if bar.maximum() > 0 and not bar.isVisible():
            problems.append(f"{where}: the page scrolls without a scroll bar")
    for button in page.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        name = f"{where}: {type(button).__name__} {button.text()!r}"
        if button.width() < (button.minimumWidth() or button.minimumSizeHint().width()):
            problems.append(f"{name} is squeezed")
        child, parent = button, button.parentWidget()
        while child is not page and parent is not None:
            area = parent.parentWidget()
            if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
                # Content of an area that scrolls by itself: reachable if the area scrolls all of it.
                if isinstance(area, QScrollArea) and area.widget() is child:
                    if area.verticalScrollBar().maximum() < child.height() - parent.height():
                        problems.append(f"{name} is in a part that cannot be scrolled to")
            elif not parent.rect().contains(child.geometry()):
                problems.append(f"{name} sticks out of {type(parent).__name__}")
                break
            child, parent = parent, parent.parentWidget()
    return problems


def test_with_every_page_opened_at_the_largest_text_the_window_fits_a_1024x600_screen(
    qtbot, workspace, members, message_log, real_look
):
    real_look(18)
    window = _open(qtbot, workspace, LAPTOP_150)
    for key in KEYS:
        window.show_page(key)
        QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_WINDOW.width() and hint.height() <= SMALL_WINDOW.height()
    assert window.minimumWidth() <= SMALL_WINDOW.width() and window.minimumHeight() <= SMALL_WINDOW.height()
    window.resize(SMALL_WINDOW)
    QApplication.processEvents()
    assert window.size() == SMALL_WINDOW


@pytest.mark.parametrize("size", [LAPTOP_150, MINIMUM_WINDOW], ids=["1280x680", "smallest"])
def test_at_the_largest_text_every_button_of_every_page_can_be_reached(
    qtbot, workspace, members, message_log, real_look, size
):
    real_look(18)
    window = _open(qtbot, workspace, size)
    problems: list[str] = []
    for key in KEYS:
        window.show_page(key)
        QApplication.processEvents()

        def check(where: str, key: str = key) -> None:
            assert window.size() == size, f"{key}{where}: the window grew to {window.size()}"
            problems.extend(_unreachable(window, key + where))

        _each_tab(window, check)
    assert problems == [], "\n".join(problems)


def test_at_the_standard_size_no_page_scrolls_on_a_1366x768_screen(
    qtbot, workspace, members, message_log, real_look
):
    real_look(12)
    window = _open(qtbot, workspace, MAXIMISED_1366)
    scrolling: list[str] = []
    for key in KEYS:
        window.show_page(key)
        QApplication.processEvents()

        def check(where: str, key: str = key) -> None:
            holder = _holder(window)
            for bar in (holder.horizontalScrollBar(), holder.verticalScrollBar()):
                if bar.maximum() > 0 or bar.isVisible():
                    scrolling.append(key + where)
            page = holder.widget()
            assert page.size() == holder.size(), key + where  # the page has all the room, as before

        _each_tab(window, check)
    assert scrolling == []


def _in_view(widget: QWidget) -> bool:
    """Whole in sight in every area it scrolls in (the page's, and the page's own ones)."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            place = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
            if not parent.rect().contains(place):
                return False
        parent = area
    return True


def _in_an_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("key", ["posts", "settings"])
def test_a_control_getting_the_focus_is_scrolled_into_view(
    qtbot, workspace, members, message_log, real_look, key
):
    """The posts page is much taller than the smallest window at the largest text; the general settings
    scroll by themselves inside the page, which scrolls too. Measured with the bundled font: with a
    narrower system font (WenQuanYi Micro Hei) the settings fit without scrolling and there is nothing
    to bring into view."""
    real_look(18, bundled_font=True)
    window = _open(qtbot, workspace, MINIMUM_WINDOW)
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_page(key)
    QApplication.processEvents()
    holder = _holder(window)
    bar = holder.verticalScrollBar()
    assert bar.maximum() > 0  # the largest text in the smallest window: the page scrolls
    page = holder.widget()
    controls = [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.height() < holder.viewport().height() // 2
        and not _in_an_item_view(w)
    ]
    lowest = max(controls, key=lambda w: w.mapTo(page, QPoint(0, w.height())).y())
    highest = min(controls, key=lambda w: w.mapTo(page, QPoint(0, 0)).y())
    scrolled = 0
    if not _in_view(lowest):
        lowest.setFocus(Qt.FocusReason.ShortcutFocusReason)
        qtbot.waitUntil(lambda: _in_view(lowest))
        scrolled += 1
    bar.setValue(bar.maximum())
    if not _in_view(highest):
        highest.setFocus(Qt.FocusReason.ShortcutFocusReason)
        qtbot.waitUntil(lambda: _in_view(highest))
        scrolled += 1
    assert scrolled  # the test did test something


def test_the_first_start_on_a_small_screen_is_maximised_and_fits():
    area = QRect(QPoint(0, 0), SMALL_SCREEN - QSize(0, 40))
    rect, maximised = default_place(area, ROOMY_WINDOW)
    assert maximised and area.contains(rect)
    assert MINIMUM_WINDOW.width() <= SMALL_WINDOW.width() and MINIMUM_WINDOW.height() <= SMALL_WINDOW.height()


# ----- the holder itself, with pages made up for the test -----------------------------------------------


def _tall_page(count: int = 30) -> tuple[QWidget, list[QPushButton]]:
    page = QWidget()
    layout = QVBoxLayout(page)
    buttons = []
    for number in range(count):
        button = QPushButton(f"button {number}")
        button.setMinimumHeight(30)
        layout.addWidget(button)
        buttons.append(button)
    return page, buttons


def test_a_page_that_fits_gets_all_the_room_and_one_that_does_not_scrolls(qtbot):
    holder = PageHolder("test")
    qtbot.addWidget(holder)
    page, _buttons = _tall_page()
    holder.set_page(page)
    holder.resize(500, 3000)
    holder.show()
    QApplication.processEvents()
    assert page.size() == QSize(500, 3000)
    assert holder.verticalScrollBar().maximum() == 0 and not holder.verticalScrollBar().isVisible()
    assert holder.frameWidth() == 0

    holder.resize(500, 300)
    QApplication.processEvents()
    least = page.minimumSizeHint().height()
    assert page.height() == least > 300
    assert holder.verticalScrollBar().isVisible()
    assert holder.verticalScrollBar().maximum() == least - holder.viewport().height()
    assert holder.horizontalScrollBar().maximum() == 0  # the scroll bar takes its room from the page


def _held_text(qtbot, sentences: int, size: QSize, *, listing_rows: int, buttons=()):  # noqa: ANN001, ANN202
    """A page held in a holder of ``size``: a wrapped explanation, a row of ``buttons`` that flows, and a
    list that takes the rest."""
    holder = PageHolder("test")
    qtbot.addWidget(holder)
    page = QWidget()
    layout = QVBoxLayout(page)
    text = QLabel("很长的说明文字。" * sentences)
    text.setWordWrap(True)
    layout.addWidget(text)
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(QTableWidget(listing_rows, 3), 1)
    holder.set_page(page)
    holder.resize(size)
    holder.show()
    QApplication.processEvents()
    return holder, page, layout, text


def test_a_page_whose_wrapped_text_fits_at_its_width_does_not_scroll(qtbot):
    """QScrollArea's widgetResizable would scroll this page: it takes the height the page would like at its
    width (the list's wish included) for the least it can have. The list gives up its room instead."""
    holder, page, layout, _text = _held_text(qtbot, 10, QSize(400, 220), listing_rows=40)
    assert page.heightForWidth(400) > 220 >= layout.minimumHeightForWidth(400)
    assert holder.verticalScrollBar().maximum() == 0
    assert page.size() == QSize(400, 220)


def test_wrapped_text_and_flowing_rows_that_need_more_height_at_the_width_make_the_page_scroll_down(qtbot):
    """A page's minimum does not know its width: at a narrow width its text wraps onto more lines and its
    row of buttons flows onto more rows. The page is given the height they need there and scrolls down,
    instead of squeezing the buttons under the text out of sight (or scrolling sideways)."""
    buttons = [QPushButton(f"按钮{n}") for n in range(12)]
    holder, page, layout, text = _held_text(qtbot, 30, QSize(300, 250), listing_rows=3, buttons=buttons)
    assert page.minimumSizeHint().height() < 250 < layout.minimumHeightForWidth(page.width())
    assert holder.horizontalScrollBar().maximum() == 0
    assert holder.verticalScrollBar().isVisible()
    assert page.height() >= layout.minimumHeightForWidth(page.width())
    for button in buttons:
        assert page.rect().contains(button.geometry())
        assert not button.geometry().intersects(text.geometry())


def test_a_page_growing_past_the_room_starts_to_scroll(qtbot):
    holder = PageHolder("test")
    qtbot.addWidget(holder)
    page, _buttons = _tall_page(3)
    holder.set_page(page)
    holder.resize(400, 300)
    holder.show()
    QApplication.processEvents()
    assert holder.verticalScrollBar().maximum() == 0
    for number in range(20):
        page.layout().addWidget(QPushButton(f"more {number}"))
    qtbot.waitUntil(lambda: holder.verticalScrollBar().maximum() > 0)
    assert page.height() == page.minimumSizeHint().height()


def test_bringing_into_view_moves_only_as_far_as_needed(qtbot):
    holder = PageHolder("test")
    qtbot.addWidget(holder)
    page, buttons = _tall_page()
    holder.set_page(page)
    holder.resize(400, 300)
    holder.show()
    QApplication.processEvents()
    bar = holder.verticalScrollBar()
    holder.bring_into_view(buttons[1])
    assert bar.value() == 0  # in sight already
    holder.bring_into_view(buttons[-1])
    assert bar.value() > 0
    bottom = buttons[-1].mapTo(holder.viewport(), QPoint(0, buttons[-1].height())).y()
    assert bottom <= holder.viewport().height()
    holder.bring_into_view(buttons[15])
    place = QRect(buttons[15].mapTo(holder.viewport(), QPoint(0, 0)), buttons[15].size())
    assert holder.viewport().rect().contains(place)
    assert place.top() <= PageHolder.FOCUS_MARGIN + 1  # scrolled up just far enough: at the top edge


# ----- a real start on a small screen (a real Qt, in its own process) -----------------------------------

_PROGRAM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from dangjian_desktop.app import prepare_application
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.ui.main_window import PAGES, MainWindow, UiSettings

    app = QApplication([])
    workspace = open_workspace(Path(sys.argv[1]), daily_backup=False)
    settings = UiSettings.in_folder(workspace.folder)
    settings.font_size = 18
    prepare_application(app, settings)
    window = MainWindow(workspace, settings)
    window.show_page("home")
    window.place_on_screen()
    window.show()
    app.processEvents()
    for key, _title in PAGES:
        window.show_page(key)
        app.processEvents()
    g = window.geometry()
    print(g.x(), g.y(), g.width(), g.height(), int(window.isMaximized()))
    window.close()
    workspace.close()
    """
)


def test_a_first_start_at_the_largest_text_on_a_1024x600_screen_stays_on_the_screen(tmp_path, workspace):
    screen = {"name": "small", "x": 0, "y": 0, "width": 1024, "height": 600, "logicalDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}))
    script = tmp_path / "start.py"
    script.write_text(_PROGRAM)
    workspace.close()
    done = subprocess.run(
        [sys.executable, str(script), str(Path(workspace.folder))],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    x, y, width, height, maximised = (int(part) for part in done.stdout.split())
    assert maximised == 1
    assert QRect(0, 0, 1024, 600).contains(QRect(x, y, width, height))
