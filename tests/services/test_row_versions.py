"""No lost updates (issue 18, township.md TP4 phase 3): two forms opened on the same record, both saved. The
first save is kept; the second, made on what the form read before the first, is refused with
"这条记录刚被别人改过" and changes nothing. Engine-neutral: the suite runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from dangjian_desktop.domain.errors import ChangedMeanwhile
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import flowing, meetings, members, notices, posts
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.branch import BranchProfile, load_profile, save_profile
from dangjian_desktop.store.models import Member

TODAY = dt.date.today()
CHANGED = "这条记录刚被别人改过"


def _id(sequence: int) -> str:
    first17 = f"37010219750102{sequence:03d}"
    return first17 + check_digit(first17)


def _member_raw(**changes: object) -> dict[str, object]:
    return {"name": "张建国", "id_number": _id(11), "phone": "13812345678", **changes}


def _refused(call) -> ChangedMeanwhile:  # noqa: ANN001 - a callable that must be refused
    with pytest.raises(ChangedMeanwhile) as caught:
        call()
    assert caught.value.message.startswith(CHANGED), caught.value.message
    return caught.value


def _updates_logged(workspace, table: str) -> int:
    return sum(1 for e in recent_entries(workspace, limit=200) if e.table == table and e.action == "update")


# --- members ------------------------------------------------------------------------------------------


def test_a_member_saved_on_a_stale_form_is_refused_and_the_first_save_kept(workspace):
    added = members.add_member(workspace, _member_raw())
    assert added.version == 1
    form_a = members.get_member(workspace, added.id)
    form_b = members.get_member(workspace, added.id)
    assert form_a.version == form_b.version == 1

    saved = members.update_member(
        workspace, added.id, _member_raw(phone="13900001111"), expected_version=form_a.version
    )
    assert saved.version == 2  # a form that stays open saves again with this one
    _refused(
        lambda: members.update_member(
            workspace, added.id, _member_raw(address="东街3号"), expected_version=form_b.version
        )
    )

    stored = members.get_member(workspace, added.id)
    assert stored.data.phone == "13900001111" and stored.data.address == ""
    assert stored.version == 2
    assert _updates_logged(workspace, "member") == 1  # the refused save left no trace

    again = members.update_member(
        workspace,
        added.id,
        _member_raw(phone="13900001111", address="东街3号"),
        expected_version=saved.version,
    )
    assert again.version == 3 and again.data.address == "东街3号"


def test_without_a_version_the_command_line_saves_as_before(workspace):
    added = members.add_member(workspace, _member_raw())
    members.update_member(workspace, added.id, _member_raw(phone="13900001111"))
    members.update_member(workspace, added.id, _member_raw(phone="13900002222"))
    assert members.get_member(workspace, added.id).data.phone == "13900002222"


def test_leaving_the_roster_counts_as_a_change_to_an_open_form(workspace):
    added = members.add_member(workspace, _member_raw())
    form = members.get_member(workspace, added.id)
    members.leave_roster(workspace, added.id, "transferred_out", TODAY, "转往镇机关支部")
    _refused(
        lambda: members.update_member(
            workspace, added.id, _member_raw(phone="13900001111"), expected_version=form.version
        )
    )


def test_a_row_changed_under_the_unit_of_work_is_not_overwritten(workspace):
    """The version is checked by the UPDATE itself (SQLAlchemy's version_id_col), not only by comparing
    numbers first: a writer that slipped in between the read and the write makes the UPDATE match nothing,
    and the transaction ends in the same words."""
    added = members.add_member(workspace, _member_raw())

    def save_over_a_concurrent_change() -> None:
        with workspace.db.transaction() as session:
            member = session.get(Member, added.id)
            assert member is not None
            # another client's save, as the database sees it
            session.execute(
                update(Member).where(Member.id == added.id).values(version=Member.version + 1),
                execution_options={"synchronize_session": False},
            )
            member.phone = "13900009999"

    _refused(save_over_a_concurrent_change)
    assert members.get_member(workspace, added.id).data.phone == "13812345678"


def test_an_imported_sheet_changing_a_member_counts_as_a_change(workspace):
    added = members.add_member(workspace, _member_raw())
    form = members.get_member(workspace, added.id)
    data = members.get_member(workspace, added.id).data
    from dataclasses import replace

    members.save_many(workspace, [replace(data, phone="13700007777")], source="花名册.xlsx")
    _refused(
        lambda: members.update_member(
            workspace, added.id, _member_raw(address="东街3号"), expected_version=form.version
        )
    )
    assert members.get_member(workspace, added.id).data.phone == "13700007777"


# --- the branch profile ------------------------------------------------------------------------------


def test_the_branch_profile_saved_on_a_stale_form_is_refused(workspace):
    form_a = load_profile(workspace)
    form_b = load_profile(workspace)
    assert form_a is not None and form_b is not None and form_a.version == form_b.version
    saved = save_profile(
        workspace,
        BranchProfile(name=form_a.name, township=form_a.township, secretary="张建国"),
        expected_version=form_a.version,
    )
    assert saved.version == form_a.version + 1
    _refused(
        lambda: save_profile(
            workspace,
            BranchProfile(name=form_b.name, township=form_b.township, phone="0531-87654321"),
            expected_version=form_b.version,
        )
    )
    stored = load_profile(workspace)
    assert stored is not None and stored.secretary == "张建国" and stored.phone == ""
    assert stored.version == saved.version


# --- meetings ----------------------------------------------------------------------------------------


def test_a_meeting_saved_on_a_stale_form_is_refused(workspace):
    members.add_member(workspace, _member_raw())
    recorded = meetings.record_meeting(
        workspace, {"kind": "支部党员大会", "held_on": TODAY, "topic": "学习党章"}
    )
    form_a = meetings.get_meeting(workspace, recorded.meeting.id).meeting
    form_b = meetings.get_meeting(workspace, recorded.meeting.id).meeting
    raw = {"kind": "支部党员大会", "held_on": TODAY}
    saved = meetings.update_meeting(
        workspace, form_a.id, {**raw, "topic": "学习新修订的党章"}, expected_version=form_a.version
    )
    assert saved.meeting.version == form_a.version + 1
    _refused(
        lambda: meetings.update_meeting(
            workspace, form_b.id, {**raw, "topic": "主题党日"}, expected_version=form_b.version
        )
    )
    assert meetings.get_meeting(workspace, form_a.id).meeting.topic == "学习新修订的党章"


# --- posts and commitments ---------------------------------------------------------------------------


def test_a_post_saved_on_a_stale_form_is_refused(workspace):
    added = posts.add_post(workspace, {"name": "护林防火岗", "duties": "巡山护林"})
    form_b = next(p for p in posts.list_posts(workspace) if p.id == added.id)
    saved = posts.update_post(
        workspace,
        added.id,
        {"name": "护林防火岗", "duties": "巡山护林\n防火宣传"},
        expected_version=added.version,
    )
    assert saved.version == added.version + 1
    _refused(
        lambda: posts.update_post(
            workspace, added.id, {"name": "护林岗", "duties": "巡山护林"}, expected_version=form_b.version
        )
    )
    stored = next(p for p in posts.list_posts(workspace) if p.id == added.id)
    assert (stored.name, stored.duties) == ("护林防火岗", "巡山护林\n防火宣传")


def test_a_commitment_saved_on_a_stale_form_is_refused(workspace):
    member_id = members.add_member(workspace, _member_raw()).id
    post = posts.add_post(workspace, {"name": "护林防火岗", "duties": "巡山护林"})
    term = posts.term_for_year(workspace, TODAY.year)
    made = posts.assign(workspace, member_id, post.id, term.id)
    form_b = next(a for a in posts.assignments(workspace, term.id) if a.id == made.id)
    saved = posts.update_commitment(workspace, made.id, "每月巡山两次", expected_version=made.version)
    assert saved.version == made.version + 1
    _refused(lambda: posts.update_commitment(workspace, made.id, "每周巡山", expected_version=form_b.version))
    stored = next(a for a in posts.assignments(workspace, term.id) if a.id == made.id)
    assert stored.commitment == "每月巡山两次"


# --- flowing stays -----------------------------------------------------------------------------------


def test_a_leave_registration_saved_on_a_stale_form_is_refused(workspace):
    member_id = members.add_member(workspace, _member_raw()).id
    raw = {
        "since": (TODAY - dt.timedelta(days=100)).isoformat(),
        "destination": "江苏省苏州市昆山市星光电子厂",
        "home_contact": "李红梅",
    }
    flowing.register_leave(workspace, member_id, raw)
    form_a = flowing.stay_detail(workspace, member_id).stay
    form_b = flowing.stay_detail(workspace, member_id).stay
    saved = flowing.update_leave(
        workspace,
        member_id,
        {**raw, "receiving_org": "中共星光电子厂支部委员会"},
        expected_version=form_a.version,
    )
    assert saved.version == form_a.version + 1
    _refused(
        lambda: flowing.update_leave(
            workspace, member_id, {**raw, "home_contact": "王德福"}, expected_version=form_b.version
        )
    )
    stored = flowing.stay_detail(workspace, member_id).stay
    assert (stored.receiving_org, stored.home_contact) == ("中共星光电子厂支部委员会", "李红梅")


# --- notice drafts -----------------------------------------------------------------------------------


def test_a_notice_draft_saved_on_a_stale_editor_is_refused(workspace):
    draft = notices.create_draft(workspace, "free", title="关于召开党员大会的通知", body="本周六上午开会。")
    form_b = notices.get_notice(workspace, draft.id)
    saved = notices.update_draft(
        workspace, draft.id, {"body": "本周六上午九点开会。"}, expected_version=draft.version
    )
    assert saved.version == draft.version + 1
    _refused(
        lambda: notices.update_draft(
            workspace, draft.id, {"body": "本周日上午开会。"}, expected_version=form_b.version
        )
    )
    assert notices.get_notice(workspace, draft.id).body == "本周六上午九点开会。"
