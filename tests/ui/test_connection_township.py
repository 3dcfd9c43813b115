"""Issue 18's test of the window on the township's server: 设置 → 数据库连接 filled in with village A's
account and saved switches the window to the server; a payment recorded through the 党费 page's payment
dialog is then, seen through a fresh connection, in branch A on the server. The password is in neither
the settings file nor the log."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QToolBar
from sqlalchemy import create_engine, text
from tests.ui.conftest import sample_member

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import connection, dues, members
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.store import audit
from dangjian_desktop.store.db import server_url
from dangjian_desktop.ui.dues import collection_tab
from dangjian_desktop.ui.dues.page import DuesPage
from dangjian_desktop.ui.main_window import MainWindow, UiSettings


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    """No credential store here (as on a Linux PC without a desktop keyring): 记住密码 uses the file."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(connection, "password_folder", lambda: tmp_path / "config")
    yield tmp_path / "config"
    keyring.set_keyring(before)


@pytest.fixture
def log_file(tmp_path):
    """The program's log file as app.setup_logging makes it (its handler masks passwords)."""
    path = tmp_path / "program.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(connection.MaskPasswords())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


# township_db comes first: it is set up first and removed last, after the window (qtbot) is gone.
def test_the_window_connects_to_the_server_and_records_a_payment_in_branch_a(
    township_db, qtbot, workspace, message_log, monkeypatch, password_file, log_file, real_look, tmp_path
):
    real_look(14)
    account = urlsplit(township_db.url_for("village_a"))
    password = unquote(account.password or "")
    save_profile(
        workspace,
        BranchProfile(
            name="中共本机村支部委员会", township="城关镇党委", county="平安县", secretary="王本机"
        ),
    )
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    settings_page = window.show_page("settings")
    settings_page.show_tab("connection")
    page = settings_page.connection_page

    qtbot.mouseClick(page.server_button, Qt.MouseButton.LeftButton)
    for key, value in (
        ("host", f" {account.hostname} "),  # spaces typed around are forgiven
        ("port", str(account.port or 5432)),
        ("database", account.path.lstrip("/")),
        ("user", unquote(account.username or "")),
        ("password", password),
    ):
        page.editors[key].clear()
        qtbot.keyClicks(page.editors[key], value)
    page.remember_box.setChecked(True)
    assert page.server_button.isChecked() and page.test_button.isEnabled()

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert page.status_label.text() == "连接成功。这个账号管理的是：中共前进村支部委员会。"
    assert not window.workspace.db.is_server  # a test switches nothing
    assert audit.current_user() == "王本机"  # changes are still signed by the data in use
    window.grab().save(str(tmp_path / "connection-tested.png"))

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.db.is_server, timeout=30_000)
    server = window.workspace
    assert server.branch_id == township_db.branch_ids["A"]
    assert message_log and message_log[-1][0] == "info" and "已保存" in message_log[-1][1]
    assert window.navigation.currentRow() == 0  # the home page, built on the server's data
    assert "前进村" in window.windowTitle() and "前进村" in window.home.findChild(QLabel).text()
    window.grab().save(str(tmp_path / "home-on-server.png"))

    # A member of village A with a standard, entered through the services as village A.
    member_id = members.add_member(server, sample_member(0)).id
    this_month = Month.of(dt.date.today())
    dues.declare_standard(
        server, member_id, year=this_month.year, category="employed", income="3500", from_month=this_month
    )

    dues_page = window.show_page("dues")
    assert isinstance(dues_page, DuesPage) and dues_page.workspace is server
    collection = dues_page.collection
    collection.reload()
    row = next(i for i, r in enumerate(collection.rows) if r.member_id == member_id)
    collection.table.selectRow(row)

    def fill_and_record(dialog) -> QDialog.DialogCode:
        assert dialog.member_box.currentData() == member_id
        assert dialog.amount.text() == "35.00"  # filled in from the standard
        dialog.collector.setText("李书记")
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(collection_tab.PaymentDialog, "exec", fill_and_record)
    qtbot.mouseClick(collection.several_button, Qt.MouseButton.LeftButton)
    assert collection.row_button(member_id) is None  # paid: no 记为已交 button any more
    assert not [m for m in message_log if m[0] in ("warning", "error")]
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "dues-on-server.png"))

    # Seen through a fresh connection as the database's owner: the payment is branch A's.
    engine = create_engine(server_url(township_db.owner_url))
    try:
        with engine.connect() as fresh:
            found = fresh.execute(
                text(
                    "SELECT branch_id, amount_fen, collector FROM dues_payment "
                    "WHERE member_id = :member AND kind = 'payment'"
                ),
                {"member": member_id},
            ).all()
    finally:
        engine.dispose()
    assert [(r.branch_id, Decimal(r.amount_fen) / 100, r.collector) for r in found] == [
        (township_db.branch_ids["A"], Decimal("35.00"), "李书记")
    ]

    # The password is kept only where 记住密码 puts it.
    saved = (workspace.folder / connection.CONNECTION_FILE).read_text(encoding="utf-8")
    assert password not in saved and '"mode": "server"' in saved
    assert connection.recall(connection.load_settings(workspace.folder)) == password
    logged = log_file.read_text(encoding="utf-8")
    assert "connecting to the server" in logged and password not in logged

    # Back to this PC's own data: the window switches at once; the remembered password stays for later.
    page = window.show_page("settings").connection_page
    assert "乡镇服务器" in page.now_label.text()
    qtbot.mouseClick(page.local_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not window.workspace.db.is_server and window.workspace.branch_id == workspace.branch_id
    assert "本机村" in window.windowTitle()
    assert "本机数据" in message_log[-1][1]
    assert connection.load_settings(workspace.folder).mode == "local"
    window.close()


def test_a_township_account_opens_read_only_with_the_banner_saying_why(
    township_db, qtbot, workspace, message_log, password_file, real_look, tmp_path
):
    real_look(14)
    account = urlsplit(township_db.url_for("township"))
    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("settings").connection_page
    page.server_button.setChecked(True)
    page.editors["host"].setText(account.hostname or "")
    page.editors["port"].setText(str(account.port))
    page.editors["database"].setText(account.path.lstrip("/"))
    page.editors["user"].setText(unquote(account.username or ""))
    page.editors["password"].setText(unquote(account.password or ""))
    assert not page.remember_box.isChecked()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.db.is_server, timeout=30_000)
    assert window.workspace.is_township and window.workspace.read_only
    assert _titles(window) == ["乡镇汇总", "设置/备份"]  # its own report, no village's pages
    assert window.stack.currentWidget().isAncestorOf(window.pages["township"])  # opened on the report
    assert "乡镇的账号" in message_log[-1][1]
    banners = window.findChildren(QToolBar, "readOnlyBanner")
    assert len(banners) == 1
    assert window.workspace.read_only_reason in banners[0].findChild(QLabel).text()
    assert connection.recall(connection.load_settings(workspace.folder)) is None  # 记住密码 not ticked

    page = window.show_page("settings").connection_page  # and back: the banner goes
    window.settings_page.show_tab("business")
    window.grab().save(str(tmp_path / "township-settings.png"))
    window.settings_page.show_tab("connection")
    page.local_button.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert not window.workspace.db.is_server
    assert not [b for b in window.findChildren(QToolBar, "readOnlyBanner") if b.isVisible()]
    assert "乡镇汇总" not in _titles(window)  # and goes with it
    window.close()


def _titles(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_at_start_a_wrong_remembered_password_is_asked_again_and_kept(
    township_db, qtbot, workspace, monkeypatch, password_file
):
    from dangjian_desktop import app as app_module
    from dangjian_desktop.ui.dialogs import login_dialog

    account = urlsplit(township_db.url_for("village_a"))
    settings = connection.ConnectionSettings(
        "server", account.hostname or "", account.port or 5432, account.path.lstrip("/"), "village_a", True
    )
    connection.save_settings(workspace.folder, settings)
    connection.remember(settings, "an-old-password")
    asked: list[str] = []

    def type_the_new_one(dialog) -> QDialog.DialogCode:
        asked.append(dialog.error_label.text())
        assert dialog.user.text() == "village_a" and dialog.remember_box.isChecked()
        dialog.password.setText(unquote(account.password or ""))
        dialog.log_in()
        return dialog.result()

    monkeypatch.setattr(login_dialog.LoginDialog, "exec", type_the_new_one)
    monkeypatch.delenv("DANGJIAN_DATABASE_URL", raising=False)
    opened = app_module._open_or_rescue(workspace.folder, smoke=False)
    try:
        assert opened.is_server and opened.branch_id == township_db.branch_ids["A"]
        assert len(asked) == 1 and asked[0].startswith("服务器不认用户名“village_a”或者密码")
        assert connection.recall(settings) == unquote(account.password or "")  # the new one, for next time
    finally:
        opened.close()
