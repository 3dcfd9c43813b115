import datetime as dt

import pytest

from dangjian_desktop.domain.errors import Conflict, FieldErrors
from dangjian_desktop.services import members
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.workspace import open_workspace

ZHANG = {"name": "张三", "id_number": "370101190102039973", "joined_date": "1930.1", "phone": "13812345678"}


def test_add_then_reopen_the_database(workspace):
    record = members.add_member(workspace, ZHANG)
    assert record.data.sex == "male"  # taken from the ID number
    assert str(record.data.joined_date) == "1930-01"  # month precision kept
    folder = workspace.folder
    workspace.close()
    reopened = open_workspace(folder)
    try:
        rows = members.roster_rows(reopened)
        assert [(r.name, r.id_number, r.joined_date) for r in rows] == [
            ("张三", "370101190102039973", "1930-01")
        ]
    finally:
        reopened.close()


def test_the_audit_log_records_an_edit_with_before_and_after(workspace):
    record = members.add_member(workspace, ZHANG)
    members.update_member(workspace, record.id, dict(ZHANG, phone="13900000000", office="书记"))
    entry = recent_entries(workspace, table="member", record_id=record.id)[0]
    assert entry.action == "update"
    assert entry.before == {"phone": "13812345678", "office": ""}
    assert entry.after == {"phone": "13900000000", "office": "书记"}
    assert entry.user


def test_a_second_member_with_the_same_id_number_is_refused(workspace):
    members.add_member(workspace, ZHANG)
    with pytest.raises(FieldErrors) as caught:
        members.add_member(workspace, dict(ZHANG, name="张叁"))
    assert "张三" in caught.value.errors["id_number"]
    assert len(members.roster_rows(workspace)) == 1


def test_bad_input_writes_nothing(workspace):
    with pytest.raises(FieldErrors) as caught:
        members.add_member(
            workspace, dict(ZHANG, id_number="370101190102039972", full_member_date="1920-01-01")
        )
    assert set(caught.value.errors) == {"id_number", "full_member_date"}
    assert members.roster_rows(workspace) == []
    assert [e for e in recent_entries(workspace) if e.table == "member"] == []


def test_leaving_the_roster_is_a_status_change_kept_in_history(workspace):
    record = members.add_member(workspace, ZHANG)
    members.leave_roster(workspace, record.id, "transferred_out", dt.date(2026, 3, 1), "转往县城社区党支部")
    assert members.roster_rows(workspace) == []
    departed = members.departed_members(workspace)
    assert [r.name for r in departed] == ["张三"]
    history = members.member_history(workspace, record.id)
    assert [(h.kind, h.status_after, h.reason) for h in history][-1] == (
        "left",
        "transferred_out",
        "转往县城社区党支部",
    )
    with pytest.raises(Conflict):
        members.leave_roster(workspace, record.id, "deceased", dt.date(2026, 4, 1), "")
    members.return_to_roster(workspace, record.id, dt.date(2026, 5, 1), "转回")
    assert [r.name for r in members.roster_rows(workspace)] == ["张三"]


def test_a_deleted_entry_can_be_restored_to_its_former_status(workspace):
    record = members.add_member(workspace, ZHANG)
    members.leave_roster(workspace, record.id, "deceased", dt.date(2026, 1, 1), "病故")
    members.delete_member(workspace, record.id, "重复录入")
    assert [r.name for r in members.deleted_members(workspace)] == ["张三"]
    restored = members.restore_deleted(workspace, record.id)
    assert restored.status == "deceased"
    assert members.deleted_members(workspace) == []


def test_leaving_needs_a_reason_kind_and_a_past_date(workspace):
    record = members.add_member(workspace, ZHANG)
    with pytest.raises(FieldErrors) as caught:
        members.leave_roster(workspace, record.id, "on_holiday", dt.date.today() + dt.timedelta(days=3), "")
    assert set(caught.value.errors) == {"status", "date"}


def test_no_office_words_mean_a_member_without_office(workspace):
    record = members.add_member(workspace, dict(ZHANG, office="无"))
    assert record.data.office == "" and not record.data.holds_office
