"""Organisation life services: recording meetings with their expected attendees and attendance, correcting
and deleting them (audited), what is still due, the democratic evaluation, and a member's timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import FieldErrors, NotFound
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.i18n import set_language
from dangjian_desktop.services import meetings, members
from dangjian_desktop.services.audit_log import recent_entries
from dangjian_desktop.services.timeline import member_timeline

TODAY = dt.date.today()
YEAR = TODAY.year
LAST_YEAR = YEAR - 1  # dates that are in the past whatever day the tests run


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace) -> dict[str, int]:
    """A small branch: a secretary and a committee member, two groups, one member working away."""
    rows = [
        ("张建国", {"office": "书记、村委会主任", "party_group": "第一党小组"}),
        ("李秀英", {"office": "组织委员", "party_group": "第一党小组"}),
        ("王德福", {"office": "村委会委员", "party_group": "第二党小组"}),
        ("赵春梅", {"party_group": "第二党小组", "flowing": True, "away_place": "浙江省宁波市"}),
        ("孙立新", {"party_group": "第二党小组", "joined_date": "2015-07-01"}),
    ]
    return {
        name: members.add_member(workspace, {"name": name, "id_number": _id(n), **extra}).id
        for n, (name, extra) in enumerate(rows, start=1)
    }


def _record(workspace, kind="支部党员大会", day=None, **extra):
    raw = {"kind": kind, "held_on": day or TODAY, "topic": "学习党章", **extra}
    return meetings.record_meeting(workspace, raw)


def test_expected_attendees_by_kind(workspace, people):
    everybody = [a.name for a in meetings.expected_attendees(workspace, rules.GENERAL_MEETING)]
    assert everybody == ["张建国", "李秀英", "王德福", "赵春梅", "孙立新"]
    committee = [a.name for a in meetings.expected_attendees(workspace, rules.COMMITTEE)]
    assert committee == ["张建国", "李秀英"]  # 村委会委员 is no seat on the Party committee
    group = [a.name for a in meetings.expected_attendees(workspace, rules.GROUP_MEETING, "第二党小组")]
    assert group == ["王德福", "赵春梅", "孙立新"]
    assert meetings.active_party_groups(workspace) == ["第一党小组", "第二党小组"]


def test_a_meeting_recorded_without_marks_has_members_away_pre_marked(workspace, people):
    detail = _record(workspace)
    marks = {row.name: row.reason_code for row in detail.attendance}
    assert marks == {"张建国": "", "李秀英": "", "王德福": "", "赵春梅": rules.AWAY, "孙立新": ""}
    count = detail.meeting.count
    assert (count.expected, count.present, count.away, count.absent) == (5, 4, 1, 1)
    assert [row.name for row in detail.absent] == ["赵春梅"]
    assert detail.absent[0].reason_text == "外出"


def test_record_with_attendance_marks_and_read_it_back(workspace, people):
    marks = [
        rules.mark(people["张建国"]),
        rules.mark(people["李秀英"], rules.LEAVE, "生病住院"),
        rules.mark(people["王德福"], rules.OTHER_REASON),
    ]
    detail = _record(
        workspace,
        "支委会",
        start_time="9:00",
        place="村党群服务中心",
        presenter="张建国",
        recorder="李秀英",
        minutes="一、研究发展党员工作。",
        attendance=marks,
    )
    again = meetings.get_meeting(workspace, detail.meeting.id)
    assert again == detail
    m = again.meeting
    assert m.kind == rules.COMMITTEE and m.start_time == dt.time(9, 0) and m.place == "村党群服务中心"
    assert m.count.summary() == "应到3人，实到1人，缺席2人（请假1人、其他1人）"
    assert [(a.name, a.reason_text) for a in again.absent] == [
        ("李秀英", "请假：生病住院"),
        ("王德福", "其他"),
    ]
    entry = recent_entries(workspace, table="meeting")[0]
    assert entry.action == "insert" and entry.record_id == m.id
    assert entry.after["attendance"] == {"张建国": "present", "李秀英": "leave", "王德福": "other"}


def test_record_refuses_bad_input_and_strangers(workspace, people):
    with pytest.raises(FieldErrors) as caught:
        _record(workspace, topic="", day=TODAY + dt.timedelta(days=1))
    assert set(caught.value.errors) == {"topic", "held_on"}
    with pytest.raises(FieldErrors) as caught:
        _record(workspace, attendance=[rules.mark(people["张建国"]), rules.mark(99999)])
    assert "attendance" in caught.value.errors
    assert meetings.list_meetings(workspace) == []


def test_list_by_year_update_and_delete(workspace, people):
    first = _record(workspace, day=dt.date(YEAR - 1, 12, 31), topic="去年的会")
    second = _record(workspace, "主题党日", day=dt.date(YEAR, 1, 1), topic="今年的会")
    assert [m.topic for m in meetings.list_meetings(workspace, YEAR - 1)] == ["去年的会"]
    assert [m.topic for m in meetings.list_meetings(workspace, YEAR)] == ["今年的会"]
    assert [m.topic for m in meetings.list_meetings(workspace)] == ["去年的会", "今年的会"]
    assert meetings.meeting_years(workspace)[:2] == [YEAR, YEAR - 1]

    marks = [row.mark for row in second.attendance]
    marks[0] = rules.mark(marks[0].member_id, rules.LEAVE)
    changed = meetings.update_meeting(
        workspace, second.meeting.id, {**_raw(second), "topic": "重温入党誓词", "attendance": marks}
    )
    assert changed.meeting.topic == "重温入党誓词" and changed.meeting.count.on_leave == 1
    entry = recent_entries(workspace, table="meeting")[0]
    assert entry.action == "update" and entry.before["topic"] == "今年的会"
    assert entry.after["topic"] == "重温入党誓词" and "place" not in entry.after  # only what changed

    meetings.delete_meeting(workspace, first.meeting.id, "记错了")
    assert [m.id for m in meetings.list_meetings(workspace)] == [second.meeting.id]
    entry = recent_entries(workspace, table="meeting")[0]
    assert entry.action == "delete" and entry.summary == "记错了" and entry.before["topic"] == "去年的会"
    with pytest.raises(NotFound):
        meetings.get_meeting(workspace, first.meeting.id)


def _raw(detail):
    m = detail.meeting
    return {
        "kind": m.kind,
        "held_on": m.held_on,
        "topic": m.topic,
        "place": m.place,
        "party_group": m.party_group,
    }


def test_what_is_due_follows_the_meetings_and_the_frequency_setting(workspace, people):
    due = {(d.kind, d.party_group) for d in meetings.meetings_due(workspace, TODAY)}
    assert (rules.COMMITTEE, "") in due
    assert {(rules.GROUP_MEETING, "第一党小组"), (rules.GROUP_MEETING, "第二党小组")} <= due
    _record(workspace, "支委会")
    _record(workspace, "党小组会", party_group="第一党小组", topic="小组学习")
    due = {(d.kind, d.party_group) for d in meetings.meetings_due(workspace, TODAY)}
    assert (rules.COMMITTEE, "") not in due
    assert (rules.GROUP_MEETING, "第一党小组") not in due and (rules.GROUP_MEETING, "第二党小组") in due

    meetings.set_frequency(workspace, rules.THEME_DAY, rules.NOT_REQUIRED)
    assert rules.THEME_DAY not in {d.kind for d in meetings.meetings_due(workspace, TODAY)}
    assert meetings.frequencies(workspace)[rules.THEME_DAY] == rules.NOT_REQUIRED
    assert recent_entries(workspace, table="setting")[0].after == {
        "meetings.frequencies": {**rules.DEFAULT_FREQUENCIES, rules.THEME_DAY: rules.NOT_REQUIRED}
    }


def test_the_evaluation_sheet_grades_and_results(workspace, people):
    sheet = meetings.evaluation_sheet(workspace, YEAR)
    assert [r.name for r in sheet] == ["张建国", "李秀英", "王德福", "赵春梅", "孙立新"]
    assert not any(r.recorded for r in sheet)
    row = meetings.save_evaluation(
        workspace, YEAR, people["孙立新"], "按时参加组织生活", {"优秀": 9, "合格": 3, "基本合格": 0}, "优秀"
    )
    assert row.votes == (("优秀", 9), ("合格", 3), ("基本合格", 0), ("不合格", 0)) and row.grade == "优秀"
    meetings.save_evaluation(workspace, YEAR, people["王德福"], "", {"合格": 10}, "合格")
    meetings.save_evaluation(workspace, YEAR, people["张建国"], "自评", {"优秀": 4}, "")  # not decided yet
    assert meetings.evaluation_results(workspace, YEAR) == [("王德福", "合格"), ("孙立新", "优秀")]
    with pytest.raises(FieldErrors):
        meetings.save_evaluation(workspace, YEAR, people["孙立新"], "", {}, "良好")
    entry = recent_entries(workspace, table="member_evaluation")[0]
    assert entry.after["grade"] == "" and entry.summary == f"张建国：{YEAR}年度民主评议"

    # the grades are a setting; a grade no longer in the list keeps its votes
    meetings.set_evaluation_grades(workspace, "优秀、合格、不合格")
    row = next(r for r in meetings.evaluation_sheet(workspace, YEAR) if r.name == "孙立新")
    assert row.votes == (("优秀", 9), ("合格", 3), ("不合格", 0))


def test_the_evaluation_flows_into_the_members_timeline(workspace, people):
    member = people["孙立新"]
    meetings.save_evaluation(
        workspace, YEAR, member, "认真学习，按时交纳党费", {"优秀": 12, "合格": 2}, "优秀"
    )
    timeline = member_timeline(workspace, member)
    evaluations = [e for e in timeline if e.kind == "evaluation"]
    assert [e.text for e in evaluations] == [f"{YEAR}年度民主评议：优秀"]
    assert evaluations[0].kind_label == "民主评议"
    # a correction changes the history, it does not add a second line
    meetings.save_evaluation(workspace, YEAR, member, "认真学习", {"优秀": 5, "合格": 9}, "合格")
    evaluations = [e for e in member_timeline(workspace, member) if e.kind == "evaluation"]
    assert [e.text for e in evaluations] == [f"{YEAR}年度民主评议：合格"]


def test_the_timeline_merges_meetings_status_dues_posts_and_time_away(workspace, people):
    member = people["孙立新"]
    _record(workspace, day=dt.date(LAST_YEAR, 1, 2), topic="学习党章")
    _record(
        workspace,
        "党课",
        day=dt.date(LAST_YEAR, 1, 3),
        topic="书记讲党课",
        attendance=[rules.mark(member, rules.LEAVE), rules.mark(people["张建国"])],
    )
    from dangjian_desktop.services import dues, flowing, posts

    dues.declare_standard(
        workspace, member, year=LAST_YEAR, category="farmer", from_month=Month(LAST_YEAR, 1)
    )
    dues.record_payment(
        workspace,
        member,
        Month(LAST_YEAR, 1),
        Month(LAST_YEAR, 1),
        Decimal("0.50"),
        paid_on=dt.date(LAST_YEAR, 1, 3),
    )
    term = posts.term_for_year(workspace, LAST_YEAR)
    post = posts.list_posts(workspace)[0]
    posts.assign(workspace, member, post.id, term.id)
    flowing.register_leave(
        workspace, member, {"since": dt.date(LAST_YEAR, 1, 4).isoformat(), "destination": "江苏省苏州市"}
    )

    timeline = member_timeline(workspace, member)
    texts = [e.text for e in timeline]
    assert "出席：支部党员大会 — 学习党章" in texts
    assert "缺席（请假）：党课 — 书记讲党课" in texts
    assert "入党" in texts and "录入花名册" in texts
    assert any(t.startswith("交党费 0.50 元") for t in texts)
    assert f"认岗：{post.name}（{LAST_YEAR}年度）" in texts
    assert any(t.startswith("外出：江苏省苏州市") for t in texts)
    assert {e.kind for e in timeline} >= {"meeting", "status", "dues", "post", "away"}
    days = [e.day for e in timeline]
    assert days == sorted(days, reverse=True)  # newest first

    members.leave_roster(workspace, member, "transferred_out", TODAY, "转到镇机关支部")
    texts = [e.text for e in member_timeline(workspace, member)]
    assert "离开花名册（转出）：转到镇机关支部" in texts


def test_printing_needs_an_evaluation_and_writes_files(workspace, people, tmp_path):
    detail = _record(workspace, minutes="一、学习。")
    path = meetings.export_minutes(workspace, detail.meeting.id, tmp_path / "out" / "记录.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    from dangjian_desktop.domain.errors import AppError

    with pytest.raises(AppError):
        meetings.export_evaluation(workspace, YEAR, tmp_path / "评议.pdf")
    meetings.save_evaluation(workspace, YEAR, people["张建国"], "", {"优秀": 3}, "优秀")
    assert meetings.export_evaluation(workspace, YEAR, tmp_path / "评议.pdf").stat().st_size > 1000
