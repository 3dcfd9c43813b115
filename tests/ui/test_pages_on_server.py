"""The 备份与恢复 and 关于 pages on a township server workspace: the backup page says who backs the data up
and offers nothing that would pretend to (issue 18, township.md TP3); the about page names the server, not
a file on this PC."""

from __future__ import annotations

import os

from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.ui.pages.backup_page import BackupPage


def test_the_page_says_the_township_backs_up_and_its_buttons_are_off(qtbot, township_db, tmp_path):
    workspace = open_workspace(tmp_path / "pc", database_url=township_db.url_for("village_a"))
    try:
        page = BackupPage(workspace)
        qtbot.addWidget(page)
        page.resize(1000, 600)
        page.show()
        buttons = (
            page.back_up_button,
            page.back_up_to_button,
            page.restore_button,
            page.restore_file_button,
            page.open_folder_button,
        )
        assert not any(button.isEnabled() for button in buttons)
        texts = [label.text() for label in page.findChildren(type(page.status_label)) if label.isVisible()]
        assert any("由乡镇管理员备份（dangjian admin backup）" in text for text in texts)
        assert not page.empty_label.isVisible() and not page.folder_label.isVisible()
        if os.environ.get("DANGJIAN_SCREENSHOTS"):
            page.grab().save(os.path.join(os.environ["DANGJIAN_SCREENSHOTS"], "backup_page_on_server.png"))
    finally:
        workspace.close()


def test_the_about_page_names_the_server_and_the_login_never_the_password(qtbot, township_db, tmp_path):
    from dangjian_desktop.ui.pages.about_page import AboutPage

    workspace = open_workspace(tmp_path / "pc", database_url=township_db.url_for("village_a"))
    try:
        page = AboutPage(workspace)
        qtbot.addWidget(page)
        page.show()
        text = page.database_label.text()
        assert text.startswith("乡镇服务器 127.0.0.1:") and text.endswith("账号 village_a")
        assert "secret" not in text and "dangjian.sqlite3" not in text
        said = [label.text() for label in page.findChildren(type(page.database_label))]
        assert (
            "数据保存在乡镇服务器上，除此之外任何资料都不会发送到别处。" in said
        )  # not "works without the internet"
        assert "数据库：" in said and "数据库文件：" not in said
    finally:
        workspace.close()
