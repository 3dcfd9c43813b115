"""Problems found by hand-testing the roster, its form, import/export and the settings page, kept as tests."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from dangjian_desktop.services import members
from dangjian_desktop.ui.members.member_dialog import MemberDialog
from dangjian_desktop.ui.members.page import ALL_STATUSES, StatusChangeDialog


def type_text(qtbot, widget, text: str) -> None:
    """Latin letters and digits key by key, Chinese committed as an input method does."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _type(qtbot, dialog, key: str, text: str) -> None:
    editor = dialog.editors[key]
    editor.clear()
    type_text(qtbot, editor, text)


def _open(qtbot, workspace, member_id=None) -> MemberDialog:
    dialog = MemberDialog(workspace, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_old_15_digit_id_number_typed_in_the_form_is_said_to_be_converted(qtbot, workspace, message_log):
    dialog = _open(qtbot, workspace)
    _type(qtbot, dialog, "name", "老号码")
    _type(qtbot, dialog, "id_number", "370124700101233")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert message_log == [("info", "老的15位身份证号已自动改成18位。")]
    (row,) = members.roster_rows(workspace)
    assert len(row.id_number) == 18


def _status_dialog(qtbot, workspace, member_id, *, leaving: bool) -> StatusChangeDialog:
    (row,) = [r for r in members.roster_rows(workspace, statuses=ALL_STATUSES) if r.id == member_id]
    dialog = StatusChangeDialog(workspace, row, leaving=leaving)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_leaving_date_before_the_member_joined_is_refused_next_to_the_date(
    qtbot, workspace, add_members, message_log
):
    (member_id,) = add_members(1)  # 张三 joined 1990-07-01
    dialog = _status_dialog(qtbot, workspace, member_id, leaving=True)
    dialog.date_edit.clear()
    type_text(qtbot, dialog.date_edit, "1950.1")  # meant 2025.1
    type_text(qtbot, dialog.reason_edit, "病故")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    label = dialog.rows["date"].error_label
    assert "1990" in label.text()
    assert label.height() >= label.heightForWidth(label.width())  # the whole message shows, not squeezed
    assert dialog.reason_edit.text() == "病故"
    assert members.get_member(workspace, member_id).status == "active"


def test_a_return_date_before_leaving_or_in_the_future_is_refused(qtbot, workspace, add_members, message_log):
    (member_id,) = add_members(1)
    members.leave_roster(workspace, member_id, "transferred_out", dt.date(2025, 3, 1), "转往县城")
    for typed in ("2024.12.1", (dt.date.today() + dt.timedelta(days=30)).isoformat()):
        dialog = _status_dialog(qtbot, workspace, member_id, leaving=False)
        dialog.date_edit.clear()
        type_text(qtbot, dialog.date_edit, typed)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

        assert dialog.isVisible(), typed
        assert dialog.rows["date"].error_label.text(), typed
        assert members.get_member(workspace, member_id).status == "transferred_out"


def test_after_a_restore_every_page_already_opened_shows_the_restored_data(qtbot, workspace, message_log):
    """The 流动党员 page (and any page that reads its data only when asked) must not keep showing what was
    there before the restore."""
    from dangjian_desktop.services import backups, flowing
    from dangjian_desktop.ui.main_window import MainWindow, UiSettings

    member_id = members.add_member(workspace, {"name": "张三", "id_number": "370101190102039973"}).id
    before = backups.back_up_now(workspace)
    flowing.register_leave(
        workspace, member_id, {"since": dt.date.today().isoformat(), "destination": "江苏省"}
    )

    window = MainWindow(workspace, UiSettings.in_folder(workspace.folder))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    flowing_page = window.show_page("flowing")
    assert flowing_page.away_table.rowCount() == 1
    settings = window.show_page("settings")
    settings.show_tab("backup")
    backup_page = settings.tabs.currentWidget()
    assert backup_page.select_backup(before)
    with qtbot.waitSignal(backup_page.data_replaced, timeout=10_000):
        qtbot.mouseClick(backup_page.restore_button, Qt.MouseButton.LeftButton)

    window.show_page("flowing")
    assert flowing_page.away_table.rowCount() == 0


def test_escape_on_the_setup_form_with_typing_asks_before_throwing_it_away(
    qtbot, empty_workspace, monkeypatch
):
    from dangjian_desktop.ui import messages
    from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog

    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, text, *a, **k: asked.append(text) or False)
    dialog = SetupDialog(empty_workspace, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.editors["name"], "中共前进村支部委员会")
    type_text(qtbot, dialog.editors["secretary"], "王建国")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert asked  # the secretary was asked, and chose to keep filling in
    assert dialog.isVisible()
    assert dialog.editors["name"].text() == "中共前进村支部委员会"


def test_escape_on_an_untouched_setup_form_closes_it_without_asking(qtbot, empty_workspace, message_log):
    from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog

    dialog = SetupDialog(empty_workspace, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert message_log == []


def test_closing_the_leave_form_with_a_reason_typed_asks_first(qtbot, workspace, add_members, monkeypatch):
    from dangjian_desktop.ui import messages

    (member_id,) = add_members(1)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, text, *a, **k: asked.append(text) or False)
    dialog = _status_dialog(qtbot, workspace, member_id, leaving=True)
    type_text(qtbot, dialog.reason_edit, "转往城关镇东街社区党支部")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert asked
    assert dialog.isVisible()
    assert dialog.reason_edit.text() == "转往城关镇东街社区党支部"
