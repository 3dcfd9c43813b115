"""Enter in a form moves to the next field and never saves it; Ctrl+S or a click on 保存 saves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from dangjian_desktop.services import meetings
from dangjian_desktop.ui.form_keys import install_form_keys
from dangjian_desktop.ui.meetings.meeting_dialog import MeetingDialog
from dangjian_desktop.ui.members.member_dialog import MemberDialog


@pytest.fixture(autouse=True)
def form_keys():
    install_form_keys(QApplication.instance())  # as prepare_application does at the program's start


def _shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _type_then_enter(qtbot, field, text: str) -> None:
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(field.hasFocus)
    field.insert(text)  # keyClicks takes ASCII only
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_enter_in_the_meeting_form_moves_to_the_next_field_and_saves_nothing(
    qtbot, workspace, add_members, message_log
):
    add_members(3)
    dialog = _shown(qtbot, MeetingDialog(workspace))
    _type_then_enter(qtbot, dialog.topic, "学习党章")
    assert QApplication.focusWidget() is dialog.presenter
    _type_then_enter(qtbot, dialog.presenter, "张三")
    assert QApplication.focusWidget() is dialog.recorder
    _type_then_enter(qtbot, dialog.recorder, "张三")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)

    assert dialog.isVisible() and dialog.result() == 0
    assert meetings.list_meetings(workspace) == []
    assert dialog.recorder.text() == "张三" and dialog.topic.text() == "学习党章"


def test_ctrl_s_saves_the_meeting(qtbot, workspace, add_members, message_log):
    add_members(3)
    dialog = _shown(qtbot, MeetingDialog(workspace))
    dialog.topic.insert("学习党章")
    dialog.minutes.setFocus()
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [m.topic for m in meetings.list_meetings(workspace)] == ["学习党章"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_in_a_drop_down_of_the_member_form_moves_on(qtbot, workspace, add_members, message_log):
    member_id = add_members(1)[0]
    dialog = _shown(qtbot, MemberDialog(workspace, member_id))
    ethnicity = dialog.editors["ethnicity"]  # a drop-down she can also type in
    ethnicity.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert QApplication.focusWidget() is dialog.editors["education"]
    assert "Ctrl+S" in dialog.save_button.toolTip()


def test_a_dialog_with_one_field_keeps_enter(qtbot):
    dialog = QInputDialog()
    dialog.setLabelText("理由")
    _shown(qtbot, dialog)
    qtbot.keyClicks(QApplication.focusWidget(), "ok")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
