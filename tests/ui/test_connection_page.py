"""设置 → 数据库连接 on screen: the fields, what is missing said under them, 测试连接 against a server that
is not there says so in a sentence, 本机数据 saved stays on this PC's data, and the start-up's login and
"cannot reach the server" choices."""

from __future__ import annotations

import json
import socket

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from dangjian_desktop import app as app_module
from dangjian_desktop.services import connection
from dangjian_desktop.services.connection import ConnectionSettings
from dangjian_desktop.ui import messages
from dangjian_desktop.ui.dialogs import login_dialog as server_login
from dangjian_desktop.ui.pages.connection_page import ConnectionPage


@pytest.fixture(autouse=True)
def own_password_store(tmp_path, monkeypatch):
    """No test touches the real credential store or the user's configuration folder."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(connection, "password_folder", lambda: tmp_path / "config")
    yield tmp_path / "config"
    keyring.set_keyring(before)


def free_port() -> int:
    """A port on this PC where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fill(page: ConnectionPage, qtbot, **values: str) -> None:
    page.server_button.setChecked(True)
    for key, text in values.items():
        page.editors[key].clear()
        qtbot.keyClicks(page.editors[key], text)


def test_missing_details_are_said_under_their_fields(qtbot, workspace, message_log):
    page = ConnectionPage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert page.local_button.isChecked() and not page.server_box.isEnabled()
    assert not page.test_button.isEnabled()  # nothing to test on this PC's own data
    fill(page, qtbot, host="  ", port="", database="", user="")
    assert page.server_box.isEnabled() and page.test_button.isEnabled()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.rows["host"].error_label.text() == "请填写服务器地址（向乡镇要，例如 192.168.1.10）。"
    assert "数据库名" in page.rows["database"].error_label.text()
    assert "用户名" in page.rows["user"].error_label.text()
    assert page.rows["port"].error_label.text() == ""  # empty: the usual 5432
    assert "红字" in page.status_label.text()
    assert not (workspace.folder / connection.CONNECTION_FILE).exists()


def test_testing_a_server_that_is_not_there_says_so(qtbot, workspace, message_log, tmp_path, real_look):
    real_look(14)
    page = ConnectionPage(workspace)
    qtbot.addWidget(page)
    page.resize(900, 760)
    page.show()
    port = free_port()
    fill(
        page,
        qtbot,
        host=" 127.0.0.1 ",
        port=str(port),
        database="dangjian",
        user="village_a",
        password="secret",
    )
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    text = page.status_label.text()
    assert text == (
        f"连接不上乡镇服务器（地址 127.0.0.1:{port}）。请检查网线或无线网络，或者联系乡镇管理员。"
    )
    assert page.editors["password"].echoMode() == page.editors["password"].EchoMode.Password
    page.grab().save(str(tmp_path / "connection-unreachable.png"))
    assert not (workspace.folder / connection.CONNECTION_FILE).exists()  # a test saves nothing


def test_saving_an_unreachable_server_anyway_keeps_it_for_the_next_start(qtbot, workspace, message_log):
    page = ConnectionPage(workspace)
    qtbot.addWidget(page)
    fill(
        page,
        qtbot,
        host="127.0.0.1",
        port=str(free_port()),
        database="dangjian",
        user="village_a",
        password="secret",
    )
    page.remember_box.setChecked(True)
    with qtbot.assertNotEmitted(page.workspace_opened):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    assert message_log and message_log[0][0] == "confirm"  # 仍然保存？ answered yes
    saved = connection.load_settings(workspace.folder)
    assert saved.is_server and saved.user == "village_a" and saved.remember_password
    assert "secret" not in (workspace.folder / connection.CONNECTION_FILE).read_text(encoding="utf-8")
    assert connection.recall(saved) == "secret"  # 记住密码 ticked: kept (in the user's own file here)
    assert "下次启动" in page.status_label.text()


def test_this_pcs_own_data_is_saved_without_switching(qtbot, workspace, message_log):
    connection.save_settings(
        workspace.folder, ConnectionSettings("server", "10.0.0.1", 5432, "dangjian", "village_a", False)
    )
    page = ConnectionPage(workspace)
    qtbot.addWidget(page)
    assert page.server_button.isChecked() and page.editors["host"].text() == "10.0.0.1"
    page.local_button.setChecked(True)
    with qtbot.assertNotEmitted(page.workspace_opened):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = json.loads((workspace.folder / connection.CONNECTION_FILE).read_text(encoding="utf-8"))
    assert stored["mode"] == "local" and stored["host"] == "10.0.0.1"  # kept for going back later
    assert "本机数据" in page.status_label.text()


def test_the_tab_is_on_the_settings_page(qtbot, workspace):
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    page = window.show_page("settings")
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "数据库连接" in titles
    page.show_tab("connection")
    assert page.tabs.currentWidget() is page.connection_page


def test_at_start_an_unreachable_server_offers_this_pcs_data(
    qtbot, workspace, monkeypatch, own_password_store
):
    settings = ConnectionSettings("server", "127.0.0.1", free_port(), "dangjian", "village_a", True)
    connection.save_settings(workspace.folder, settings)
    connection.remember(settings, "secret")
    asked: list[str] = []

    def choose(_parent, text, choices, *a, **k):
        asked.append(text)
        assert choices == ["重试", "用本机数据", "退出"]
        return 0 if len(asked) == 1 else 1  # once 重试, then 用本机数据

    monkeypatch.setattr(messages, "choose", choose)
    monkeypatch.delenv("DANGJIAN_DATABASE_URL", raising=False)
    found = app_module._open_or_rescue(workspace.folder, smoke=False)
    try:
        assert len(asked) == 2 and asked[0].startswith("连接不上乡镇服务器（地址 127.0.0.1:")
        assert "U盘" in asked[0]
        assert found is not None and not found.db.is_server  # the data folder's own SQLite file
        assert found.branch_id == workspace.branch_id
    finally:
        found.close()


def test_at_start_without_a_remembered_password_she_is_asked(qtbot, workspace, monkeypatch):
    settings = ConnectionSettings("server", "127.0.0.1", free_port(), "dangjian", "village_a", False)
    connection.save_settings(workspace.folder, settings)
    shown: list[server_login.LoginDialog] = []

    def exec_login(dialog):
        shown.append(dialog)
        assert (
            dialog.user.text() == "village_a"
            and dialog.password.echoMode() == dialog.password.EchoMode.Password
        )
        return 0  # 退出

    monkeypatch.setattr(server_login.LoginDialog, "exec", exec_login)
    assert server_login.connect_at_start(workspace.folder, settings) is None
    assert len(shown) == 1


def test_the_window_switches_to_other_data_and_builds_its_pages_again(
    qtbot, workspace, add_members, tmp_path, message_log
):
    from dangjian_desktop.services.branch import BranchProfile, save_profile
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    add_members(3)
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show()
    roster = window.show_page("roster")
    qtbot.waitUntil(lambda: roster.model.rowCount() == 3)
    settings_page = window.show_page("settings")
    other = open_workspace(tmp_path / "other")
    save_profile(other, BranchProfile(name="中共后进村支部委员会", township="城关镇党委", county="平安县"))
    settings_page.workspace_opened.emit(other, "已保存。")
    assert window.workspace is other and window.navigation.currentRow() == 0
    assert "后进村" in window.windowTitle()
    assert message_log == [("info", "已保存。")]
    new_roster = window.show_page("roster")
    assert new_roster is not roster and new_roster.workspace is other
    assert new_roster.model.rowCount() == 0  # the other data's roster, built anew
    assert window.show_page("settings") is not settings_page
