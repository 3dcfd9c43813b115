"""The roster table and its page: search, masking, filters, sorting, leaving and returning."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.services import members
from dangjian_desktop.ui.members import page as roster_page
from dangjian_desktop.ui.members.page import ALL_STATUSES, HistoryDialog, RosterPage, StatusChangeDialog
from dangjian_desktop.ui.members.table_model import (
    COL_GROUP,
    COL_ID,
    COL_NAME,
    COL_PHONE,
    DELETED_ENTRIES,
    HOLDS_OFFICE,
    LEFT_ROSTER,
    NO_OFFICE,
    MemberTableModel,
    RosterFilter,
    RowRole,
)

COUNT = 100


@pytest.fixture
def rows(workspace, add_members):
    add_members(COUNT)
    return members.roster_rows(workspace, statuses=ALL_STATUSES)


@pytest.fixture
def model(rows):
    return MemberTableModel(rows)


@pytest.fixture
def page(qtbot, workspace, add_members, message_log):
    add_members(COUNT)
    shown = RosterPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1200, 650)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def names(model: MemberTableModel) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_the_model_passes_qts_model_checks(model, qtmodeltester):
    qtmodeltester.check(model)
    model.set_search("zs")
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_pinyin_initials_find_a_member(model):
    model.set_search("zs")
    assert "张三" in names(model)
    for r in range(model.rowCount()):
        spellings = model.index(r, 0).data(RowRole).search_key.split("\t")[1].split()
        assert any(s.startswith("zs") for s in spellings)
    model.set_search("zhangsan")
    assert names(model) == ["张三"]
    model.set_search("张")
    assert "张三" in names(model)
    model.set_search("")
    assert model.rowCount() == COUNT


def test_the_last_digits_of_the_id_number_or_phone_find_a_member(model, rows):
    target = next(r for r in rows if r.name != "张三" and r.phone)
    model.set_search(target.id_number[-4:])
    assert target.name in names(model)
    assert all(
        model.index(r, 0).data(RowRole).id_number.endswith(target.id_number[-4:])
        or model.index(r, 0).data(RowRole).phone.endswith(target.id_number[-4:])
        for r in range(model.rowCount())
    )
    model.set_search(target.phone[-5:])
    assert target.name in names(model)


def test_id_numbers_and_phones_are_masked_until_masking_is_turned_off(model, qtbot):
    model.set_search("zhangsan")
    row = model.index(0, 0).data(RowRole)
    shown_id = model.index(0, COL_ID).data()
    assert shown_id == row.id_number[:4] + "*" * 10 + row.id_number[-4:]
    assert row.id_number not in shown_id
    with qtbot.waitSignal(model.dataChanged):
        model.set_masked(False)
    assert model.index(0, COL_ID).data() == row.id_number
    model.set_masked(True)
    assert model.index(0, COL_ID).data() == shown_id


def test_phones_are_masked_too(model):
    for r in range(model.rowCount()):
        row = model.index(r, 0).data(RowRole)
        if row.phone:
            assert model.index(r, COL_PHONE).data() == row.phone[:3] + "****" + row.phone[-4:]
            break


def test_the_dropdown_filters(model, rows):
    on_roster = [r for r in rows if r.status == "active"]
    model.set_filter(RosterFilter(category="probationary"))
    assert model.rowCount() == sum(r.category == "probationary" for r in on_roster) > 0
    model.set_filter(RosterFilter(office=NO_OFFICE))
    assert model.rowCount() == sum(not r.office for r in on_roster)
    model.set_filter(RosterFilter(office=HOLDS_OFFICE))
    assert sorted(names(model)) == sorted(r.name for r in on_roster if r.office)
    model.set_filter(RosterFilter(party_group="第二党小组"))
    assert {model.index(r, COL_GROUP).data() for r in range(model.rowCount())} == {"第二党小组"}
    model.set_filter(RosterFilter(party_group=""))
    assert model.rowCount() == sum(not r.party_group for r in on_roster) > 0
    model.set_filter(RosterFilter(away=True, office=NO_OFFICE))
    assert model.rowCount() == sum(r.flowing and not r.office for r in on_roster) > 0
    model.set_search("zs")
    model.set_filter(RosterFilter())
    assert "张三" in names(model)
    assert model.scope_count() == len(on_roster)


def test_sorting_by_name_follows_pinyin_and_by_group_counts_in_chinese(model):
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    shown = names(model)
    assert shown.index("张三") > shown.index(next(n for n in shown if n.startswith("陈")))
    model.sort(COL_GROUP, Qt.SortOrder.AscendingOrder)
    groups = [model.index(r, COL_GROUP).data() for r in range(model.rowCount())]
    assert [g for g in dict.fromkeys(groups)] == ["第一党小组", "第二党小组", "第三党小组", "第十党小组", ""]
    model.sort(-1)
    assert model.rowCount() == COUNT


def test_natural_order_of_party_groups():
    groups = ["第十党小组", "第二党小组", "", "第一党小组", "第十二党小组", "第三党小组", "12组", "2组"]
    assert sorted(groups, key=party_group_order) == [
        "2组",
        "12组",
        "第一党小组",
        "第二党小组",
        "第三党小组",
        "第十党小组",
        "第十二党小组",
        "",  # members without a group last
    ]


def test_the_page_counts_searches_and_shows_the_placeholder_text(page):
    assert page.model.rowCount() == COUNT
    assert page.count_label.text() == f"共 {COUNT} 人，显示 {COUNT} 人"
    assert "zs" in page.search_box.placeholderText()
    page.search_box.setText("zs")
    assert "张三" in names(page.model)
    assert page.count_label.text() == f"共 {COUNT} 人，显示 {page.model.rowCount()} 人"
    page.search_box.setText("qqqqqq")
    assert page.model.rowCount() == 0
    assert page.empty_hint.isVisible()
    page.clear_filters()
    assert page.model.rowCount() == COUNT


def test_leaving_the_roster_moves_a_member_off_the_default_view(qtbot, page, workspace, monkeypatch):
    page.search_box.setText("zhangsan")
    assert page.select_member(page.model.row_at(0).id)
    member_id = page.selected_row().id
    assert page.leave_button.isEnabled()

    def fill_in(dialog: StatusChangeDialog) -> int:
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("transferred_out"))
        dialog.date_edit.setText("2024.3")
        dialog.reason_edit.setText("转往城关镇东街社区党支部")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(StatusChangeDialog, "exec", fill_in)
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)

    assert page.model.position_of(member_id) is None
    assert members.get_member(workspace, member_id).status == "transferred_out"
    page.clear_filters()
    assert page.model.rowCount() == COUNT - 1
    page.status_filter.setCurrentIndex(page.status_filter.findData(LEFT_ROSTER))
    assert names(page.model) == ["张三"]
    assert not page.table.isColumnHidden(roster_page.COL_STATUS)
    assert page.select_member(member_id)
    assert page.restore_button.isEnabled()
    assert page.restore_button.text() == "回到花名册…"

    def come_back(dialog: StatusChangeDialog) -> int:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(StatusChangeDialog, "exec", come_back)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert members.get_member(workspace, member_id).status == "active"


def test_a_wrong_leaving_date_is_shown_next_to_the_field(qtbot, workspace, add_members, message_log):
    add_members(1)
    (row,) = members.roster_rows(workspace)
    dialog = StatusChangeDialog(workspace, row, leaving=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.setText((dt.date.today() + dt.timedelta(days=40)).isoformat())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.rows["date"].error_label.isVisible()
    assert dialog.isVisible()
    assert members.get_member(workspace, row.id).status == "active"


def test_delete_asks_says_it_can_be_restored_and_restore_brings_it_back(qtbot, page, workspace, message_log):
    target = page.model.row_at(3)
    page.select_member(target.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    (kind, text), *_ = message_log
    assert kind == "confirm" and target.name in text and "恢复" in text
    assert page.model.position_of(target.id) is None
    assert members.get_member(workspace, target.id).status == "deleted"

    page.status_filter.setCurrentIndex(page.status_filter.findData(DELETED_ENTRIES))
    assert page.select_member(target.id)
    assert page.restore_button.text() == "恢复删除的条目"
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert members.get_member(workspace, target.id).status == "active"


def test_masking_follows_the_page_switch(page):
    row = page.model.row_at(0)
    assert page.model.index(0, COL_ID).data() != row.id_number
    page.set_masked(False)
    assert page.model.index(0, COL_ID).data() == row.id_number


def test_history_lists_the_status_changes_and_the_corrections(qtbot, workspace, add_members):
    (member_id,) = add_members(1)
    raw = members.get_member(workspace, member_id).data.as_dict()
    members.update_member(workspace, member_id, dict(raw, phone="13700001111"))
    members.leave_roster(workspace, member_id, "deceased", dt.date(2024, 5, 1), "病故")
    (row,) = members.roster_rows(workspace, statuses=ALL_STATUSES)
    dialog = HistoryDialog(workspace, row)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "病故" in text and "去世" in text
    assert "137****1111" in text and "13700001111" not in text  # masked like the table
    assert "2024" in text
    unmasked = HistoryDialog(workspace, row, masked=False)
    qtbot.addWidget(unmasked)
    assert "13700001111" in unmasked.browser.toPlainText()


def test_without_a_branch_the_page_is_empty_and_cannot_add(qtbot, empty_workspace):
    shown = RosterPage(empty_workspace)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.model.rowCount() == 0
    assert not shown.add_button.isEnabled()
    assert shown.empty_hint.isVisible()
