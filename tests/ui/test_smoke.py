"""The program starts, opens its data, paints the roster page and exits 0 (what packaging checks use)."""

from __future__ import annotations

import os
import subprocess
import sys


def _smoke(data_dir, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DANGJIAN_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "dangjian_desktop", "--smoke-test", "--data-dir", str(data_dir), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_the_smoke_test_starts_on_a_fresh_folder_and_exits_0(tmp_path):
    result = _smoke(tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test ok" in result.stdout
    assert (tmp_path / "data" / "dangjian.sqlite3").is_file()


def test_the_smoke_test_also_starts_with_members(tmp_path, workspace, add_members):
    add_members(30)
    result = _smoke(workspace.folder)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_data_folder_that_cannot_be_made_fails_with_the_reason(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _smoke(blocker / "data")
    assert result.returncode != 0
    assert result.stderr.strip()


def _raise_and_handle(handler) -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        handler(*sys.exc_info())


def test_an_unexpected_error_is_shown_in_plain_words_with_details_to_copy(qtbot, tmp_path, monkeypatch):
    from dangjian_desktop.app import CrashHandler
    from dangjian_desktop.ui import messages

    shown = []
    monkeypatch.setattr(messages, "error", lambda _parent, text, **extra: shown.append((text, extra)))
    handler = CrashHandler(tmp_path, smoke_test=False)
    _raise_and_handle(handler)
    ((text, extra),) = shown
    assert "意外" in text and "Traceback" not in text
    assert "ValueError: boom" in extra["details"]
    assert extra["log_folder"] == str(tmp_path)
    assert handler.failed


def test_in_the_smoke_test_an_unexpected_error_prints_and_exits_1(qtbot, tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.app import CrashHandler

    codes = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    _raise_and_handle(CrashHandler(tmp_path, smoke_test=True))
    assert codes == [1]
    assert "ValueError: boom" in capsys.readouterr().err


FIRST_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dangjian_desktop import app
from dangjian_desktop.ui.dialogs import setup_dialog

def fill_in(dialog):
    if sys.argv[2] == "cancel":
        return 0
    dialog.editors["name"].setText("中共前进村支部委员会")
    dialog.save()
    QTimer.singleShot(300, QApplication.instance().quit)  # then close the main window
    return dialog.result()

setup_dialog.SetupDialog.exec = fill_in
sys.exit(app.main(["--data-dir", sys.argv[1]]))
"""


def _first_start(data_dir, answer: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DANGJIAN_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-c", FIRST_START, str(data_dir), answer],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_the_first_start_asks_for_the_branch_then_opens_the_window(tmp_path):
    from dangjian_desktop.services.branch import load_profile
    from dangjian_desktop.services.workspace import open_workspace

    result = _first_start(tmp_path / "data", "save")
    assert result.returncode == 0, result.stderr
    opened = open_workspace(tmp_path / "data", daily_backup=False)
    try:
        assert load_profile(opened).name == "中共前进村支部委员会"
    finally:
        opened.close()


def test_quitting_the_first_start_leaves_without_a_branch(tmp_path):
    result = _first_start(tmp_path / "data", "cancel")
    assert result.returncode == 0, result.stderr
