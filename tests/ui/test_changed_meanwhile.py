"""Two forms open on one record (another PC on the township server, or a second window): the second to save
is told "这条记录刚被别人改过" and keeps everything she typed; the first save stays."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dangjian_desktop.services import flowing, members
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog
from dangjian_desktop.ui.flowing.leave_dialog import LeaveDialog
from dangjian_desktop.ui.members.member_dialog import MemberDialog

from .test_member_dialog import _type

CHANGED = "这条记录刚被别人改过"


def _shown(qtbot, dialog):  # noqa: ANN001, ANN202
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_member_form_saved_second_says_so_and_keeps_the_typing(
    qtbot, workspace, add_members, message_log, real_look, tmp_path
):
    real_look(12)  # the program's font: the picture shows the Chinese as she sees it
    (member_id,) = add_members(1)
    first = _shown(qtbot, MemberDialog(workspace, member_id))
    second = _shown(qtbot, MemberDialog(workspace, member_id))

    _type(qtbot, first, "phone", "13700001111")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert not first.isVisible()

    _type(qtbot, second, "address", "东街3号")
    _type(qtbot, second, "notes", "2026年换届时任组织委员")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)

    assert second.isVisible()  # the form stays open
    assert [kind for kind, _text in message_log] == ["error"]
    assert message_log[0][1].startswith(CHANGED)
    assert second.general_error.isVisible() and second.general_error.text().startswith(CHANGED)
    assert second.editors["address"].text() == "东街3号"  # nothing she typed is lost
    assert second.editors["notes"].toPlainText() == "2026年换届时任组织委员"
    picture = second.grab()
    assert not picture.isNull()
    picture.save(str(tmp_path / "member-form-changed-meanwhile.png"))

    stored = members.get_member(workspace, member_id).data
    assert stored.phone == "13700001111" and stored.address == ""  # the first save stays


def test_the_form_opened_again_saves(qtbot, workspace, add_members, message_log):
    (member_id,) = add_members(1)
    stale = _shown(qtbot, MemberDialog(workspace, member_id))
    members.update_member(workspace, member_id, {**_raw(workspace, member_id), "phone": "13700001111"})
    qtbot.mouseClick(stale.save_button, Qt.MouseButton.LeftButton)
    assert stale.isVisible()

    again = _shown(qtbot, MemberDialog(workspace, member_id))
    assert again.editors["phone"].text() == "13700001111"
    _type(qtbot, again, "address", "东街3号")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    stored = members.get_member(workspace, member_id).data
    assert (stored.phone, stored.address) == ("13700001111", "东街3号")


def _raw(workspace, member_id: int) -> dict[str, object]:
    return members.get_member(workspace, member_id).data.as_dict()


def test_the_branch_profile_saved_second_says_so(qtbot, workspace, message_log):
    first = _shown(qtbot, SetupDialog(workspace))
    second = _shown(qtbot, SetupDialog(workspace))
    first.editors["secretary"].setText("张建国")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    second.editors["phone"].setText("0531-87654321")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)

    assert second.isVisible() and second.general_error.text().startswith(CHANGED)
    assert second.editors["phone"].text() == "0531-87654321"
    profile = load_profile(workspace)
    assert profile is not None and profile.secretary == "张建国" and profile.phone == ""


def test_a_leave_registration_saved_second_says_so(qtbot, workspace, add_members, message_log):
    """The forms built on FormDialog (flowing) keep the message in their error line too."""
    (member_id,) = add_members(1)
    flowing.register_leave(workspace, member_id, {"since": "2026-01-05", "destination": "江苏省苏州市"})
    stay = flowing.stay_detail(workspace, member_id).stay
    first = _shown(qtbot, LeaveDialog(workspace, member_id, stay))
    second = _shown(qtbot, LeaveDialog(workspace, member_id, stay))
    first.editors["receiving_org"].setText("中共星光电子厂支部委员会")
    first.save()
    assert not first.isVisible()
    second.editors["home_contact"].setText("李红梅")
    second.save()

    assert second.isVisible() and second.general_error.text().startswith(CHANGED)
    assert [kind for kind, _text in message_log] == ["warning"]
    assert second.editors["home_contact"].text() == "李红梅"
    stored = flowing.stay_detail(workspace, member_id).stay
    assert (stored.receiving_org, stored.home_contact) == ("中共星光电子厂支部委员会", "")
