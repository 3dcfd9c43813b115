"""The main window comes back where it was (size, position, maximised), never off every screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from dangjian_desktop.ui import main_window
from dangjian_desktop.ui.main_window import MainWindow, UiSettings, default_place, on_a_screen


@pytest.fixture
def small_minimum(monkeypatch):
    """The test screen (Qt offscreen) is 800×800, narrower than the window's real minimum and than the
    window that gets the whole screen at the first start: smaller ones let a window be put anywhere on it."""
    monkeypatch.setattr(main_window, "MINIMUM_WINDOW", QSize(400, 300))
    monkeypatch.setattr(main_window, "ROOMY_WINDOW", QSize(400, 300))


def _open(qtbot, workspace) -> MainWindow:
    """The window as the program opens it: new settings read from the data folder, placed, then shown."""
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show_page("home")
    window.place_on_screen()
    window.show()
    qtbot.waitExposed(window)
    return window


def _screen() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_size_and_position_come_back_at_the_next_start(qtbot, workspace, small_minimum, message_log):
    first = _open(qtbot, workspace)
    first.setGeometry(QRect(60, 80, 600, 450))
    QApplication.processEvents()
    assert first.geometry() == QRect(60, 80, 600, 450)
    first.close()

    again = _open(qtbot, workspace)
    assert again.geometry() == QRect(60, 80, 600, 450)
    assert not again.isMaximized()


def test_a_maximised_window_comes_back_maximised_and_keeps_its_normal_size(
    qtbot, workspace, small_minimum, message_log
):
    first = _open(qtbot, workspace)
    first.setGeometry(QRect(50, 70, 620, 430))
    QApplication.processEvents()
    first.showMaximized()
    QApplication.processEvents()
    first.close()

    again = _open(qtbot, workspace)
    assert again.isMaximized()
    again.showNormal()
    QApplication.processEvents()
    assert again.geometry() == QRect(50, 70, 620, 430)


def test_a_place_off_every_screen_falls_back_to_the_middle_of_the_screen(
    qtbot, workspace, small_minimum, message_log
):
    first = _open(qtbot, workspace)
    first.setGeometry(QRect(5000, 4000, 600, 450))  # e.g. on a second screen that has been taken away
    QApplication.processEvents()
    first.close()
    assert UiSettings.in_folder(workspace.folder).window_place() is not None

    again = _open(qtbot, workspace)
    expected, maximised = default_place(_screen(), QSize(400, 300))
    assert not maximised
    assert again.geometry() == expected
    assert again.geometry().center() == _screen().center()
    assert _screen().contains(again.geometry())


def test_the_first_start_fills_most_of_the_screen(qtbot, workspace, small_minimum, message_log):
    window = _open(qtbot, workspace)
    screen = _screen()
    assert window.width() >= screen.width() * 0.85 and window.height() >= screen.height() * 0.85
    assert screen.contains(window.geometry())
    assert window.geometry().center() == screen.center()


def test_the_first_start_on_a_screen_too_small_to_leave_room_is_maximised(qtbot, workspace, message_log):
    window = _open(qtbot, workspace)  # a roomy window (1180×660) does not fit the 800×800 test screen
    assert window.isMaximized()


def test_a_window_never_shown_does_not_overwrite_the_saved_place(
    qtbot, workspace, small_minimum, message_log
):
    first = _open(qtbot, workspace)
    first.setGeometry(QRect(60, 80, 600, 450))
    QApplication.processEvents()
    first.close()
    unseen = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(unseen)  # deleted at the end of the test, not by a garbage collection in a later one
    unseen.close()
    again = _open(qtbot, workspace)
    assert again.geometry() == QRect(60, 80, 600, 450)


def test_damaged_saved_values_are_ignored(qtbot, workspace, small_minimum, message_log):
    settings = UiSettings.in_folder(workspace.folder)
    settings._settings.setValue("window/geometry", "not a geometry")
    settings._settings.setValue("window/normal", "1,2,three")
    settings._settings.sync()
    assert UiSettings.in_folder(workspace.folder).window_place() is None
    window = _open(qtbot, workspace)
    assert window.geometry() == default_place(_screen(), QSize(400, 300))[0]


# ----- the rules, on screens of any size ----------------------------------------------------------------

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 without the taskbar
SECOND = QRect(1366, 0, 1920, 1040)


def test_a_window_is_on_a_screen_when_its_title_bar_and_most_of_it_are():
    assert on_a_screen(QRect(40, 60, 1200, 650), [LAPTOP])
    assert on_a_screen(QRect(1500, 100, 1400, 800), [LAPTOP, SECOND])
    assert not on_a_screen(QRect(1500, 100, 1400, 800), [LAPTOP])  # the second screen is gone
    assert not on_a_screen(QRect(-1900, 0, 1200, 650), [LAPTOP])  # a screen on the left, gone
    assert not on_a_screen(QRect(40, -400, 1200, 650), [LAPTOP])  # the title bar above the screen
    assert not on_a_screen(QRect(1100, 60, 1200, 650), [LAPTOP])  # mostly off to the right
    assert not on_a_screen(QRect(40, 700, 1200, 650), [LAPTOP])  # only the title bar at the bottom


def test_a_window_from_a_bigger_screen_counts_as_on_a_smaller_one_at_the_same_place():
    """Qt's restoreGeometry then shrinks it to fit."""
    assert on_a_screen(QRect(0, 30, 1900, 1000), [LAPTOP])


def test_the_default_place_is_most_of_a_big_screen_centred_and_maximised_on_a_small_one():
    rect, maximised = default_place(SECOND, QSize(1180, 660))
    assert not maximised
    assert rect.size() == QSize(1728, 936) and rect.center() == SECOND.center()
    rect, maximised = default_place(LAPTOP, QSize(1180, 660))
    assert maximised  # 90 % of 728 is less than the smallest window: no room around it anyway
    assert LAPTOP.contains(rect)


# ----- a second screen taken away between two starts (a real Qt, in its own process) -------------------

_PROGRAM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    app = QApplication([])
    workspace = open_workspace(Path(sys.argv[1]))
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    window.show_page("home")
    window.place_on_screen()
    window.show()
    app.processEvents()
    if sys.argv[2] == "move":
        window.setGeometry(QRect(2200, 150, 1250, 700))  # on the second screen
        app.processEvents()
    g = window.geometry()
    print(window.screen().name(), g.x(), g.y(), g.width(), g.height(), int(window.isMaximized()))
    window.close()
    workspace.close()
    """
)


def _run_with_screens(tmp_path: Path, folder: Path, screens: list[dict], action: str) -> list[str]:
    config = tmp_path / f"screens{len(screens)}.json"
    config.write_text(json.dumps({"screens": screens}))
    script = tmp_path / "place.py"
    script.write_text(_PROGRAM)
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, str(script), str(folder), action],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_window_left_on_a_second_screen_that_is_gone_opens_centred_on_the_first(tmp_path, workspace):
    def screen(name: str, x: int, width: int, height: int) -> dict:
        return {"name": name, "x": x, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}

    both = [screen("first", 0, 1920, 1080), screen("second", 1920, 1600, 900)]
    workspace.close()
    folder = workspace.folder
    assert _run_with_screens(tmp_path, folder, both, "move")[:1] == ["second"]
    assert _run_with_screens(tmp_path, folder, both, "stay") == ["second", "2200", "150", "1250", "700", "0"]

    name, x, y, width, height, maximised = _run_with_screens(tmp_path, folder, both[:1], "stay")
    placed = QRect(int(x), int(y), int(width), int(height))
    assert name == "first" and maximised == "0"
    assert placed.size() == QSize(1728, 972)
    assert placed.center() == QRect(0, 0, 1920, 1080).center()
