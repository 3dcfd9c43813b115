"""The 操作记录 page shows an edit, and what it changed, before → after."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt

from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members
from dangjian_desktop.ui.pages.audit_page import COL_ACTION, COL_SUMMARY, COL_TABLE, COL_USER, AuditPage

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


# --- the change log in Chinese, with the operator she chose (issue 14, first-week m9) ---------------------

# Every field the services write into the log, by kind of record (taken from the log the service tests
# write); each must have a name of its own on the screen.
LOGGED_FIELDS = {
    "activity_book": "issue_date number official_number replaced_by serial status status_date void_reason year",
    "branch": "county name phone secretary supervision_phone township",
    "dues_handup": "amount first_month handed_on last_month note reason receipt_number receiver to_central",
    "dues_payment": "amount collector extra member_id method months paid_on paid_where reason receipt to_central",
    "dues_standard": "amount capped category from_month income member_id note rate rules year",
    "flowing_contact": "contacted_by content date means member_id",
    "flowing_opinion": "date grade kind member_id signed_by text year",
    "flowing_org_life": "certified_by content date kind member_id org",
    "flowing_stay": (
        "address city county expected_return home_contact home_contact_phone member_id occupation other_contact "
        "phone province reason receiving_contact receiving_org receiving_phone receiving_since return_date "
        "return_note since workplace"
    ),
    "matter": "content title",
    "matter_step": (
        "abstain against expected for held_on matter_id meeting_id notice_id outcome passed present reason step"
    ),
    "meeting": "attendance held_on kind minutes party_group place presenter recorder start_time topic",
    "member": (
        "address away_place birth_date category dues_category education ethnicity flowing full_member_date "
        "holds_activity_book id_number joined_date name notes occupation office party_group phone sex status "
        "status_date status_reason"
    ),
    "member_evaluation": "grade self_assessment votes year",
    "notice": (
        "addressee body by check_code content_hash issued_on issuer matter_id number period_days period_from "
        "period_to place posted_on qr_link qr_mode refers_to status taken_down_on title type"
    ),
    "post": "active duties members_needed name",
    "post_assignment": "commitment exception_reason member post term",
    "post_evaluation": "comment grade",
    "post_record": "confirmed_by date text",
    "post_term": "end_date start_date year",
}


def test_every_logged_field_of_every_module_has_a_chinese_name(workspace):
    from dangjian_desktop.i18n import current_language
    from dangjian_desktop.ui.pages import audit_words

    assert current_language() == "zh_CN"
    unnamed = [
        f"{table}.{key}"
        for table, keys in LOGGED_FIELDS.items()
        for key in keys.split()
        if not re.search(r"[\u4e00-\u9fff]", audit_words.field_word(table, key))
    ]
    assert unnamed == []
    for key in ("dues.farmer_amount", "notices.days", "meetings.frequencies", "general.operator"):
        assert re.search(r"[\u4e00-\u9fff]", audit_words.field_word("setting", key)), key


def _details(page: AuditPage, entry_id: int) -> dict[str, tuple[str, str]]:
    assert page.select_entry(entry_id)
    return {item: (before, after) for item, before, after in page.details_rows()}


def test_the_change_log_is_in_chinese_and_names_the_chosen_operator(qtbot, workspace):
    """She names herself 李会计 in 设置 (当前操作人), changes a member's category, records a payment and
    publishes a notice: the log says 李会计 did it, in Chinese field names and values."""
    import datetime as dt

    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues, notices
    from dangjian_desktop.services.branch import BranchProfile, save_profile
    from dangjian_desktop.ui.widgets.operator_box import OperatorBox

    save_profile(workspace, BranchProfile(name="中共红旗村支部委员会", secretary="王建国"))
    box = OperatorBox(workspace)
    qtbot.addWidget(box)
    assert box.name_edit.placeholderText().endswith("王建国")  # by default: the secretary
    record = members.add_member(workspace, ZHANG)
    box.name_edit.insert("李会计")  # as the input method commits it (QTest types ASCII only)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert "李会计" in box.status.text()

    members.update_member(workspace, record.id, dict(ZHANG, category="预备党员"))
    dues.declare_standard(workspace, record.id, year=2026, category="farmer")
    dues.record_payment(
        workspace,
        record.id,
        Month(2026, 1),
        Month(2026, 2),
        "1",
        paid_on=dt.date(2026, 2, 3),
        today=dt.date(2026, 2, 3),
    )
    draft = notices.create_draft(workspace, "free", title="关于召开党员大会的通知", body="定于3月10日开会。")
    notices.publish(workspace, draft.id)

    page = AuditPage(workspace)
    qtbot.addWidget(page)
    page.show()
    by_table = {}
    for row, entry in enumerate(page.entries):
        by_table.setdefault(entry.table, []).append((row, entry))
    # who: the secretary until she named 李会计 (that change too), 李会计 for everything after
    switch_row = by_table["setting"][0][0]
    assert switch_row > 0 and page.table.item(switch_row, COL_USER).text() == "王建国"
    assert page.table.item(by_table["member"][-1][0], COL_USER).text() == "王建国"
    for row in range(switch_row):
        assert page.table.item(row, COL_USER).text() == "李会计", page.entries[row]

    # the member's own edit (declaring the standard updates the member's 党费类别 after it)
    edit = next(e for _row, e in reversed(by_table["member"]) if e.action == "update")
    assert _details(page, edit.id)["人员类别"] == ("正式党员", "预备党员")
    category_change = next(e for _row, e in by_table["member"] if e.action == "update")
    assert _details(page, category_change.id)["工作/收入类别"] == ("—", "农民")
    payment = by_table["dues_payment"][0][1]
    paid = _details(page, payment.id)
    assert paid["党员"] == ("—", "张三")  # not member_id 3
    assert paid["收款人"] == ("—", "王建国") and paid["交纳方式"] == ("—", "现金")
    assert paid["交纳月份"][1] == "2026-01：0.50 元；2026-02：0.50 元"
    published = next(e for _row, e in by_table["notice"] if e.action == "publish")
    assert _details(page, published.id)["状态"] == ("草稿", "已发布")
    operator_change = by_table["setting"][0][1]
    assert _details(page, operator_change.id)["当前操作人"] == ("—", "李会计")
    # no stored English names left in any entry's details
    for entry in page.entries:
        assert page.select_entry(entry.id)
        for item, _before, _after in page.details_rows():
            assert re.search(r"[\u4e00-\u9fff]", item), (entry.table, item)
    if os.environ.get("AUDIT_SHOT"):  # to look at the screen: AUDIT_SHOT=/some/folder
        page.resize(1200, 700)
        assert page.select_entry(payment.id)
        page.grab().save(str(Path(os.environ["AUDIT_SHOT"]) / "audit.png"))


def test_backups_and_restores_read_in_chinese_in_the_change_log():
    from dangjian_desktop.ui.pages.audit_page import action_word, table_word

    assert (table_word("backup"), action_word("backup"), action_word("restore")) == (
        "数据备份",
        "备份",
        "从备份恢复",
    )
