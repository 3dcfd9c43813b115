"""The 操作记录 page shows an edit, and what it changed, before → after."""

from __future__ import annotations

from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members
from dangjian_desktop.ui.pages.audit_page import COL_ACTION, COL_SUMMARY, COL_TABLE, AuditPage

ZHANG = {
    "name": "张三",
    "id_number": "370101190102039973",
    "joined_date": "1930-07-01",
    "party_group": "第一党小组",
}


def test_the_page_shows_an_edit_with_its_before_and_after(qtbot, workspace):
    record = members.add_member(workspace, ZHANG)
    members.update_member(workspace, record.id, dict(ZHANG, party_group="第二党小组", office="书记"))

    page = AuditPage(workspace)
    qtbot.addWidget(page)
    page.show()

    assert page.table.rowCount() == len(page.entries) >= 3  # branch set-up, the addition, the edit
    assert page.table.item(0, COL_ACTION).text() == _("Changed")
    assert page.table.item(0, COL_SUMMARY).text() == "张三"
    assert page.table.item(0, COL_TABLE).text() == _("Party member")
    assert page.table.item(1, COL_ACTION).text() == _("Added")
    assert page.selected_entry().action == "update"  # the newest entry is selected

    details = page.details_rows()
    assert (field_label("party_group"), "第一党小组", "第二党小组") in details
    assert (field_label("office"), "—", "书记") in details
    assert len(details) == 2
    assert "张三" in page.details_title.text()


def test_an_addition_lists_its_values_and_masks_the_id_number(qtbot, workspace):
    members.add_member(workspace, dict(ZHANG, phone="13812345678"))
    page = AuditPage(workspace)
    qtbot.addWidget(page)
    page.select_entry(page.entries[0].id)

    details = dict((item, (before, after)) for item, before, after in page.details_rows())
    assert details[field_label("name")] == ("—", "张三")
    assert details[field_label("id_number")] == ("—", "3701**********9973")
    assert details[field_label("phone")] == ("—", "138****5678")
    assert details[field_label("joined_date")] == ("—", "1930-07-01")
    assert details[field_label("sex")][1] == _("Male")

    page.set_masked(False)
    details = dict((item, (before, after)) for item, before, after in page.details_rows())
    assert details[field_label("id_number")] == ("—", "370101190102039973")


def test_refresh_shows_new_entries(qtbot, workspace):
    page = AuditPage(workspace)
    qtbot.addWidget(page)
    before = page.table.rowCount()
    members.add_member(workspace, ZHANG)
    page.refresh()
    assert page.table.rowCount() == before + 1
    assert page.table.item(0, COL_SUMMARY).text() == "张三"


def test_backups_and_restores_read_in_chinese_in_the_change_log():
    from dangjian_desktop.ui.pages.audit_page import action_word, table_word

    assert (table_word("backup"), action_word("backup"), action_word("restore")) == ("数据备份", "备份", "从备份恢复")
