"""The screens of data safety, driven like a user: the backup page's 备份到U盘/其他位置… and 从文件恢复…
(a file outside the data folder, any name), the rescue window on damaged data, the read-only banner.
Each is also saved as an image (to $DANGJIAN_SHOTS when set) to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from tests.support.data_files import roster_names
from tests.test_storage_faults import _fill_with_data, _mount, tmpfs
from tests.ui.conftest import sample_member

from dangjian_desktop.services import backups, members
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.ui.dialogs.rescue_dialog import FAILS, PASSES, RescueDialog
from dangjian_desktop.ui.pages.backup_page import BackupPage


def _shot(widget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DANGJIAN_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    widget.grab().save(str(path))
    return path


def test_restore_from_a_file_outside_the_data_folder(
    qtbot, workspace, message_log, monkeypatch, tmp_path, real_look
):
    real_look(14)
    members.add_member(workspace, sample_member(0))
    stick = tmp_path / "U盘"
    stick.mkdir()
    on_stick = backups.back_up_to(workspace, stick)
    renamed = stick / "老电脑的数据.bak"  # any name
    on_stick.rename(renamed)
    members.add_member(workspace, sample_member(1))
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    data_replaced = []
    page.data_replaced.connect(lambda: data_replaced.append(True))

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(renamed), ""))
    qtbot.mouseClick(page.restore_file_button, Qt.MouseButton.LeftButton)

    assert data_replaced == [True]
    assert message_log[0][0] == "confirm" and renamed.name in message_log[0][1]
    assert message_log[-1][0] == "info"
    assert [row.name for row in members.roster_rows(workspace)] == ["张三"]
    assert roster_names(workspace.folder) == ["张三"]
    assert renamed.is_file()  # the file on the stick is left as it was
    assert any(b.reason == "before-restore" for b in page.backups)
    _shot(page, "backup-page-after-restore-from-file.png", tmp_path)


def test_a_bad_file_chosen_on_the_page_changes_nothing(qtbot, workspace, message_log, monkeypatch, tmp_path):
    members.add_member(workspace, sample_member(0))
    bad = tmp_path / "照片.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(4000))
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    workspace.close()
    before = workspace.db_path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    assert page.restore_from_file() is False
    assert message_log[-1][0] == "error" and "现有数据没有任何改动" in message_log[-1][1]
    workspace.close()
    assert workspace.db_path.read_bytes() == before


def test_back_up_to_a_usb_stick(qtbot, workspace, message_log, monkeypatch, tmp_path, real_look):
    real_look(14)
    stick = tmp_path / "U盘"
    stick.mkdir()
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(page.back_up_to_button, Qt.MouseButton.LeftButton)
    [written] = list(stick.iterdir())
    assert written.name.startswith("党建台账备份-中共前进村支部委员会-")
    assert str(written) in message_log[-1][1] and "从文件恢复" in message_log[-1][1]
    backups.check_backup(written)
    _shot(page, "backup-page.png", tmp_path)


@pytest.fixture
def damaged_folder(workspace) -> Path:
    """Three backups (the middle one damaged), then the live data truncated to half."""
    import datetime as dt

    from dangjian_desktop.services.backups import back_up_now

    members.add_member(workspace, sample_member(0))
    first = back_up_now(workspace)
    members.add_member(workspace, sample_member(1))
    second = back_up_now(workspace)
    members.add_member(workspace, sample_member(2))
    third = back_up_now(workspace)
    stamp = dt.datetime(2026, 12, 1, 8, 0)
    for n, path in enumerate((first, second, third)):  # distinct times, oldest first
        path.rename(path.with_name(f"dangjian-{stamp:%Y%m%d}-0{n}0000-daily.sqlite3"))
    damaged = sorted(workspace.backups_dir.glob("*.sqlite3"))[1]
    damaged.write_bytes(damaged.read_bytes()[:3000])
    workspace.close()
    data = workspace.db_path.read_bytes()
    workspace.db_path.write_bytes(data[: len(data) // 2])
    return workspace.folder


def test_the_rescue_window_lists_backups_with_check_marks_and_restores_one(
    qtbot, damaged_folder, message_log, tmp_path, real_look
):
    from dangjian_desktop.domain.data_problems import LiveDataProblem

    real_look(14)
    with pytest.raises(LiveDataProblem) as problem:
        open_workspace(damaged_folder, daily_backup=False)
    dialog = RescueDialog(damaged_folder, problem.value)
    qtbot.addWidget(dialog)
    dialog.resize(960, 600)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=20_000)
    assert dialog.check_marks() == [PASSES, FAILS, PASSES]  # newest first; the middle one is damaged
    assert "数据打不开" in problem.value.message
    texts = [
        dialog.restore_button.text(),
        dialog.restore_file_button.text(),
        dialog.open_folder_button.text(),
    ]
    assert texts == ["恢复所选备份…", "从文件恢复…", "打开数据文件夹"]
    _shot(dialog, "rescue-window.png", tmp_path)

    assert dialog.table.currentRow() == 0  # the newest good backup is chosen
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert message_log[-1][0] == "info"
    assert len(roster_names(damaged_folder)) == 3


def test_the_program_opens_the_rescue_window_instead_of_quitting(damaged_folder, monkeypatch, message_log):
    """app._open_or_rescue: the rescue window comes up; after a restore the data opens."""
    from dangjian_desktop import app

    seen = []

    def restore_newest(dialog: RescueDialog) -> int:
        seen.append(dialog)
        dialog.table.selectRow(0)
        backups_list = backups.list_backups(dialog.folder)
        dialog._restore(backups_list[0].path)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RescueDialog, "exec", restore_newest)
    workspace = app._open_or_rescue(damaged_folder, smoke=False)
    try:
        assert len(seen) == 1
        assert [row.name for row in members.roster_rows(workspace)][:1] == ["张三"]
    finally:
        workspace.close()


def test_closing_the_rescue_window_quits_without_changing_anything(damaged_folder, monkeypatch):
    from dangjian_desktop import app

    before = (damaged_folder / "dangjian.sqlite3").read_bytes()
    monkeypatch.setattr(RescueDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert app._open_or_rescue(damaged_folder, smoke=False) is None
    assert (damaged_folder / "dangjian.sqlite3").read_bytes() == before


def test_the_read_only_banner_is_shown(qtbot, tmp_path, real_look):
    from dangjian_desktop.app import _show_read_only_banner
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    with tmpfs(tmp_path, "16m") as stick:
        data = stick / "data"
        _fill_with_data(data)
        assert _mount("-o", "remount,ro", str(stick))
        real_look(14)
        workspace = open_workspace(data)
        try:
            window = MainWindow(workspace, UiSettings.in_folder(tmp_path / "ui"))
            _show_read_only_banner(window)
            window.show_page("roster")
            window.resize(1366, 768)
            window.show()
            qtbot.waitExposed(window)
            qtbot.wait(300)  # the roster reads the data after the first paint
            from PySide6.QtWidgets import QLabel, QToolBar

            banner = window.findChild(QToolBar, "readOnlyBanner")
            assert banner is not None and banner.isVisible()
            assert "U盘是只读的，只能查看，不能修改" in banner.findChild(QLabel).text()
            window.grab().save(str(Path(os.environ.get("DANGJIAN_SHOTS", tmp_path)) / "read-only-banner.png"))
            window.close()
            window.deleteLater()
            qtbot.wait(50)
        finally:
            workspace.close()
