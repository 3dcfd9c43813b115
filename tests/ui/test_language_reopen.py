"""After choosing another language, 现在重新打开 closes the program and starts it again on the same data."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QApplication

from dangjian_desktop.app import start_command
from dangjian_desktop.ui.main_window import MainWindow, UiSettings
from dangjian_desktop.ui.pages.settings_hub import SettingsPage


def test_reopen_now_starts_the_program_again_on_the_same_data(qtbot, workspace, monkeypatch):
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, arguments: started.append((program, arguments)) or True
    )
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert not page.reopen_button.isVisibleTo(page)

    page.language_buttons.button(1).click()  # English
    assert page.reopen_button.isVisibleTo(page) and page.reopen_button.text() == "现在重新打开"
    page.language_buttons.button(0).click()  # back to the language in use: nothing to reopen for
    assert not page.reopen_button.isVisibleTo(page)
    page.language_buttons.button(1).click()
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)

    assert not window.isVisible() and quits == [True]
    assert started == [start_command(workspace.folder)]
    assert UiSettings.in_folder(workspace.folder).language == "en"


def test_the_start_command_starts_this_program(tmp_path):
    program, arguments = start_command(tmp_path)
    assert arguments[-2:] == ["--data-dir", str(tmp_path)]
    done = subprocess.run([program, *arguments[:-2], "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("dangjian-desktop ")
