"""The 关于 tab: the version, the data folder and a button that opens it, the 党章 note, the licences."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from dangjian_desktop import __version__
from dangjian_desktop.ui.pages import about_page
from dangjian_desktop.ui.pages.about_page import AboutPage

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_and_the_data_folder_are_shown(qtbot, workspace):
    page = AboutPage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert __version__ in page.version_label.text()
    assert page.folder_label.text() == str(workspace.folder)
    assert str(workspace.folder / "logs") == page.log_label.text()
    assert str(workspace.db_path) in page.database_label.text()
    assert "KB" in page.database_label.text() or "MB" in page.database_label.text()
    assert "纸质版" in page.constitution_note.text()
    assert "业务设置" in page.constitution_note.text()
    assert "OFL.txt" in page.font_licence_label.text()


def test_the_open_folder_button_opens_the_data_folder(qtbot, workspace, monkeypatch, message_log):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page = AboutPage(workspace)
    qtbot.addWidget(page)
    assert page.open_folder_button.text() == "打开数据文件夹"
    qtbot.mouseClick(page.open_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(workspace.folder)]
    assert message_log == []


def test_a_folder_that_cannot_be_opened_is_named_in_a_message(qtbot, workspace, monkeypatch, message_log):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    page = AboutPage(workspace)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.open_log_button, Qt.MouseButton.LeftButton)
    assert message_log and message_log[0][0] == "warning"
    assert str(workspace.folder / "logs") in message_log[0][1]


def test_the_program_licence_is_the_one_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert about_page.PROGRAM_LICENCE == project["license"]["text"]
