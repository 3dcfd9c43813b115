"""The member form, driven like the secretary does: mistakes show next to their fields, typing is kept."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.ui.dialogs.setup_dialog import SetupDialog
from dangjian_desktop.ui.members.member_dialog import MemberDialog, no_office_text


def id_number(birth: str, sequence: int) -> str:
    first17 = f"370124{birth}{sequence:03d}"
    return first17 + check_digit(first17)


GOOD_ID = id_number("19800102", 123)  # a man born 1980-01-02
WRONG_ID = GOOD_ID[:-1] + ("1" if GOOD_ID[-1] != "1" else "2")  # the same number, wrong check digit


def _open(qtbot, workspace, member_id=None) -> MemberDialog:
    dialog = MemberDialog(workspace, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: Latin letters and digits key by key, Chinese committed by the input method
    (QTest cannot press keys for characters outside Latin-1)."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _type(qtbot, dialog: MemberDialog, key: str, text: str) -> None:
    editor = dialog.editors[key]
    editor.clear()
    type_text(qtbot, editor, text)


def _rows_after_reopening(workspace):
    fresh = open_workspace(workspace.folder, daily_backup=False)
    try:
        return members.roster_rows(fresh)
    finally:
        fresh.close()


def test_mistakes_show_next_to_their_fields_and_the_typing_is_kept(qtbot, workspace, message_log):
    dialog = _open(qtbot, workspace)
    _type(qtbot, dialog, "name", "王五")
    _type(qtbot, dialog, "id_number", WRONG_ID)
    _type(qtbot, dialog, "birth_date", "1980-01-02")
    _type(qtbot, dialog, "joined_date", "1979.5")  # before the birth date
    _type(qtbot, dialog, "phone", "13912345678")
    dialog.editors["party_group"].setCurrentText("第二党小组")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    id_error = dialog.rows["id_number"].error_label
    joined_error = dialog.rows["joined_date"].error_label
    assert id_error.isVisible()
    assert "最后一位" in id_error.text()  # the check-digit message, in Chinese
    assert joined_error.isVisible()
    assert joined_error.text() == _("The date of joining must come after the date of birth.")
    # Each message sits with its own field, right under the input.
    assert id_error.parent() is dialog.rows["id_number"]
    assert id_error.geometry().top() >= dialog.editors["id_number"].geometry().bottom()
    assert not dialog.rows["name"].error_label.isVisible()
    assert dialog.general_error.isVisible()
    # Nothing was lost and nothing was saved; the first wrong field has the cursor.
    assert dialog.isVisible()
    assert dialog.editors["name"].text() == "王五"
    assert dialog.editors["id_number"].text() == WRONG_ID
    assert dialog.editors["joined_date"].text() == "1979.5"
    assert dialog.editors["phone"].text() == "13912345678"
    assert dialog.editors["party_group"].currentText() == "第二党小组"
    assert dialog.focusWidget() is dialog.editors["id_number"]
    assert members.roster_rows(workspace) == []

    _type(qtbot, dialog, "id_number", GOOD_ID)
    _type(qtbot, dialog, "joined_date", "2005.7")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    (row,) = _rows_after_reopening(workspace)
    assert (row.name, row.id_number, row.sex, row.birth_date) == ("王五", GOOD_ID, "male", "1980-01-02")
    assert (row.joined_date, row.party_group, row.phone, row.office) == (
        "2005-07",
        "第二党小组",
        "13912345678",
        "",
    )
    assert message_log == []


def test_the_birth_date_and_sex_may_be_left_to_the_id_number(qtbot, workspace, message_log):
    dialog = _open(qtbot, workspace)
    _type(qtbot, dialog, "name", "李秀英")
    _type(qtbot, dialog, "id_number", id_number("19750315", 122))
    dialog.editors["office"].setCurrentText("支部委员")
    dialog.editors["flowing"].setChecked(True)
    _type(qtbot, dialog, "away_place", "江苏省苏州市")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (row,) = members.roster_rows(workspace)
    assert (row.sex, row.birth_date, row.office, row.flowing) == ("female", "1975-03-15", "支部委员", True)


def test_correcting_a_member_shows_the_saved_values(qtbot, workspace, add_members, message_log):
    (member_id,) = add_members(1)
    dialog = _open(qtbot, workspace, member_id)
    assert dialog.editors["name"].text() == "张三"
    assert dialog.editors["joined_date"].text() == "1990-07-01"
    assert dialog.editors["office"].currentText() == "书记"
    _type(qtbot, dialog, "phone", "13700001111")
    dialog.editors["office"].setCurrentIndex(0)  # "无 (无职党员)": no office
    assert dialog.editors["office"].currentText() == no_office_text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    data = members.get_member(workspace, member_id).data
    assert (data.phone, data.office, data.holds_office) == ("13700001111", "", False)


def test_closing_with_unsaved_typing_asks_first(qtbot, workspace, monkeypatch):
    from dangjian_desktop.ui import messages

    answers = [False]
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: answers.pop(0))
    dialog = _open(qtbot, workspace)
    _type(qtbot, dialog, "name", "赵六")
    dialog.reject()
    assert dialog.isVisible()  # the secretary chose to keep filling in
    assert dialog.editors["name"].text() == "赵六"


def test_the_setup_dialog_marks_a_missing_branch_name_and_then_saves(qtbot, empty_workspace, message_log):
    dialog = SetupDialog(empty_workspace, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.editors["secretary"], "王建国")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.rows["name"].error_label.isVisible()
    assert dialog.editors["secretary"].text() == "王建国"
    assert empty_workspace.branch_id is None

    type_text(qtbot, dialog.editors["name"], "中共前进村支部委员会")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert empty_workspace.branch_id is not None
