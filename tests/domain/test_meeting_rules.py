"""Organisation life rules: what is due for each frequency at the period boundaries, attendance counting
(expected, present, absent with 请假 / 外出 / 其他, away), committee seats, the probationary year, grades."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.meetings import (
    AWAY,
    COMMITTEE,
    GENERAL_MEETING,
    GROUP_MEETING,
    LEAVE,
    LIFE_MEETING,
    OTHER_REASON,
    PARTY_LECTURE,
    THEME_DAY,
    HeldMeeting,
    meetings_due,
)
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.i18n import set_language

D = dt.date


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def due_kinds(held, as_of, frequencies=None, groups=()):
    return {(d.kind, d.party_group) for d in meetings_due(held, as_of, frequencies, groups)}


# --- periods ---------------------------------------------------------------------------------------------


def test_periods_at_their_boundaries():
    q1 = rules.period_of(rules.QUARTERLY, D(2025, 3, 31))
    assert (q1.first, q1.last) == (D(2025, 1, 1), D(2025, 3, 31))
    q2 = rules.period_of(rules.QUARTERLY, D(2025, 4, 1))
    assert (q2.first, q2.last) == (D(2025, 4, 1), D(2025, 6, 30))
    q4 = rules.period_of(rules.QUARTERLY, D(2025, 12, 31))
    assert (q4.first, q4.last) == (D(2025, 10, 1), D(2025, 12, 31))
    february = rules.period_of(rules.MONTHLY, D(2024, 2, 29))
    assert (february.first, february.last) == (D(2024, 2, 1), D(2024, 2, 29))
    year = rules.period_of(rules.YEARLY, D(2026, 1, 1))
    assert (year.first, year.last) == (D(2026, 1, 1), D(2026, 12, 31))
    assert q2.label() == "2025年第2季度"
    assert february.label() == "2024年2月"


def test_the_default_frequencies_follow_the_regulations_and_decision_8():
    assert rules.DEFAULT_FREQUENCIES == {
        GENERAL_MEETING: rules.QUARTERLY,
        COMMITTEE: rules.MONTHLY,
        GROUP_MEETING: rules.MONTHLY,
        PARTY_LECTURE: rules.QUARTERLY,
        THEME_DAY: rules.MONTHLY,
        LIFE_MEETING: rules.YEARLY,
        rules.OTHER: rules.NOT_REQUIRED,
    }


# --- what is due -----------------------------------------------------------------------------------------


def test_nothing_held_means_every_required_kind_is_due():
    assert due_kinds([], D(2025, 5, 10)) == {
        (GENERAL_MEETING, ""),
        (COMMITTEE, ""),
        (GROUP_MEETING, ""),
        (PARTY_LECTURE, ""),
        (THEME_DAY, ""),
        (LIFE_MEETING, ""),
    }  # "其他" has no fixed frequency


def test_monthly_kind_on_the_last_day_of_the_month_and_the_first_of_the_next():
    held = [HeldMeeting(COMMITTEE, D(2025, 3, 31))]
    assert (COMMITTEE, "") not in due_kinds(held, D(2025, 3, 31))
    assert (COMMITTEE, "") in due_kinds(held, D(2025, 4, 1))  # a new month: due again
    assert (COMMITTEE, "") in due_kinds([HeldMeeting(COMMITTEE, D(2025, 2, 28))], D(2025, 3, 1))


def test_quarterly_kind_on_the_last_day_of_a_quarter():
    held = [HeldMeeting(GENERAL_MEETING, D(2025, 3, 31))]
    assert (GENERAL_MEETING, "") not in due_kinds(held, D(2025, 3, 31))
    assert (GENERAL_MEETING, "") in due_kinds(held, D(2025, 4, 1))
    # held on the first day of the quarter, it still counts on its last day
    early = [HeldMeeting(GENERAL_MEETING, D(2025, 1, 1))]
    assert (GENERAL_MEETING, "") not in due_kinds(early, D(2025, 3, 31))
    # on the last day of a quarter with nothing held, it is due with that day as deadline
    due = [d for d in meetings_due([], D(2025, 6, 30)) if d.kind == GENERAL_MEETING]
    assert due[0].deadline == D(2025, 6, 30)
    assert due[0].text() == "本季度的支部党员大会还没有开"


def test_yearly_kind_on_the_last_day_of_the_year_and_the_first_day_of_the_next():
    held = [HeldMeeting(LIFE_MEETING, D(2025, 12, 31))]
    assert (LIFE_MEETING, "") not in due_kinds(held, D(2025, 12, 31))
    assert (LIFE_MEETING, "") in due_kinds(held, D(2026, 1, 1))
    # on the first day of a year every kind is due again, whatever was held last year
    last_year = [HeldMeeting(kind, D(2025, 12, 31)) for kind in rules.DEFAULT_FREQUENCIES]
    assert due_kinds(last_year, D(2026, 1, 1)) == due_kinds([], D(2026, 1, 1))
    # and a meeting on New Year's Day counts for every period that begins that day
    new_year = [HeldMeeting(kind, D(2026, 1, 1)) for kind in rules.DEFAULT_FREQUENCIES]
    assert due_kinds(new_year, D(2026, 1, 1)) == set()


def test_a_meeting_after_the_as_of_day_does_not_count():
    held = [HeldMeeting(COMMITTEE, D(2025, 3, 20))]
    assert (COMMITTEE, "") in due_kinds(held, D(2025, 3, 19))
    assert (COMMITTEE, "") not in due_kinds(held, D(2025, 3, 20))


def test_frequencies_are_a_setting():
    monthly_lectures = {PARTY_LECTURE: rules.MONTHLY, THEME_DAY: rules.NOT_REQUIRED}
    held = [HeldMeeting(PARTY_LECTURE, D(2025, 1, 15))]
    assert (PARTY_LECTURE, "") not in due_kinds(held, D(2025, 2, 10))  # quarterly by default
    assert (PARTY_LECTURE, "") in due_kinds(held, D(2025, 2, 10), monthly_lectures)
    assert (THEME_DAY, "") not in due_kinds([], D(2025, 2, 10), monthly_lectures)


def test_party_group_meetings_are_due_for_each_group():
    groups = ["第一党小组", "第二党小组", "第十党小组"]
    held = [HeldMeeting(GROUP_MEETING, D(2025, 3, 5), "第二党小组")]
    due = [d for d in meetings_due(held, D(2025, 3, 31), None, groups) if d.kind == GROUP_MEETING]
    assert [d.party_group for d in due] == ["第一党小组", "第十党小组"]
    assert due[0].text() == "本月的党小组会（第一党小组）还没有开"
    # with no groups on the roster, any Party group meeting counts for the branch
    assert (GROUP_MEETING, "") not in due_kinds(held, D(2025, 3, 31))


def test_check_frequencies_reads_words_and_refuses_nonsense():
    table = rules.check_frequencies({"党课": "每月", "committee": "quarter"})
    assert table[PARTY_LECTURE] == rules.MONTHLY and table[COMMITTEE] == rules.QUARTERLY
    assert table[GENERAL_MEETING] == rules.QUARTERLY
    with pytest.raises(ValueError):
        rules.check_frequencies({"党课": "每天"})
    with pytest.raises(ValueError):
        rules.check_frequencies({"开会": "每月"})


# --- attendance -------------------------------------------------------------------------------------------


def test_attendance_counting_expected_present_absent_and_away():
    marks = [
        rules.mark(1),
        rules.mark(2),
        rules.mark(3, LEAVE, "生病"),
        rules.mark(4, AWAY),
        rules.mark(5, AWAY, "在宁波打工"),
        rules.mark(6, OTHER_REASON, "没有说明"),
        rules.mark(7),
    ]
    count = rules.count_attendance(marks)
    assert (count.expected, count.present) == (7, 3)
    assert (count.on_leave, count.away, count.other) == (1, 2, 1)
    assert count.absent == 4 == count.expected - count.present
    assert count.more_than_half_present is False
    assert count.summary() == "应到7人，实到3人，缺席4人（请假1人、外出2人、其他1人）"
    assert [m.status for m in marks[2:6]] == [rules.ABSENT, rules.AWAY, rules.AWAY, rules.ABSENT]
    assert marks[4].note == "在宁波打工"


def test_everybody_present_and_nobody_expected():
    count = rules.count_attendance([rules.mark(1), rules.mark(2), rules.mark(3)])
    assert (count.expected, count.present, count.absent) == (3, 3, 0)
    assert count.more_than_half_present
    assert count.summary() == "应到3人，实到3人，缺席0人"
    empty = rules.count_attendance([])
    assert (empty.expected, empty.present, empty.absent) == (0, 0, 0)


def test_members_away_are_pre_marked_away():
    marks = rules.default_marks([(1, False), (2, True), (3, False)])
    assert [m.reason_code for m in marks] == ["", AWAY, ""]
    count = rules.count_attendance(marks)
    assert (count.present, count.away, count.absent) == (2, 1, 1)


def test_an_unknown_absence_reason_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.mark(1, "sick")


# --- a meeting record ------------------------------------------------------------------------------------


def valid(**changes):
    raw = {
        "kind": "支委会",
        "held_on": "2025-03-05",
        "start_time": "9:30",
        "topic": "研究发展党员工作",
        "attendance": [rules.mark(1), rules.mark(2, LEAVE)],
    }
    raw.update(changes)
    return raw


def test_validate_meeting_reads_kinds_dates_and_times():
    data = rules.validate_meeting(valid(), today=D(2025, 3, 31))
    assert data.kind == COMMITTEE and data.held_on == D(2025, 3, 5) and data.start_time == dt.time(9, 30)
    assert rules.validate_meeting(valid(held_on="2025年3月5日", start_time="14：00"), today=D(2025, 3, 31))


def test_validate_meeting_names_every_problem():
    with pytest.raises(FieldErrors) as caught:
        rules.validate_meeting(
            valid(kind="开会", held_on="2025-04-01", topic="", start_time="noon", attendance=[]),
            today=D(2025, 3, 31),
        )
    assert set(caught.value.errors) == {"kind", "held_on", "topic", "start_time", "attendance"}
    assert "还没到" in caught.value.errors["held_on"]
    with pytest.raises(FieldErrors) as caught:
        rules.validate_meeting(valid(attendance=[rules.mark(1), rules.mark(1)]), today=D(2025, 3, 31))
    assert "attendance" in caught.value.errors


def test_committee_seats_are_read_from_the_office():
    assert rules.on_committee("书记")
    assert rules.on_committee("书记、村委会主任")
    assert rules.on_committee("副书记兼村委会主任")
    assert rules.on_committee("组织委员")
    assert rules.on_committee("支部委员")
    assert not rules.on_committee("村委会委员")
    assert not rules.on_committee("村务监督委员会委员")
    assert not rules.on_committee("")
    assert rules.expected_scope(COMMITTEE) == rules.EXPECT_COMMITTEE
    assert rules.expected_scope(GROUP_MEETING) == rules.EXPECT_GROUP
    assert rules.expected_scope(GENERAL_MEETING) == rules.EXPECT_ALL


def test_party_groups_sort_in_their_natural_order():
    names = ["第十党小组", "第一党小组", "第三党小组", "第二党小组", "第十一党小组"]
    assert sorted(names, key=party_group_order) == [
        "第一党小组",
        "第二党小组",
        "第三党小组",
        "第十党小组",
        "第十一党小组",
    ]


# --- the probationary year and the evaluation -------------------------------------------------------------


def test_probation_due_within_sixty_days():
    joined = D(2025, 5, 1)
    assert rules.probation_end(joined) == D(2026, 5, 1)
    assert rules.probation_due(joined, D(2026, 3, 1)) is None  # 61 days ahead
    assert rules.probation_due(joined, D(2026, 3, 2)) == D(2026, 5, 1)  # 60 days ahead
    assert rules.probation_due(joined, D(2026, 5, 1)) == D(2026, 5, 1)
    assert rules.probation_due(joined, D(2026, 6, 1)) == D(2026, 5, 1)  # overdue: still listed
    assert rules.probation_due(None, D(2026, 6, 1)) is None
    assert rules.probation_end(D(2024, 2, 29)) == D(2025, 2, 28)


def test_grades_are_data():
    assert rules.DEFAULT_GRADES == ("优秀", "合格", "基本合格", "不合格")
    assert rules.check_grades("优秀、合格、不合格") == ("优秀", "合格", "不合格")
    for bad in ("优秀", "优秀、优秀", ""):
        with pytest.raises(ValueError):
            rules.check_grades(bad)


def test_validate_evaluation_and_the_leading_grade():
    data = rules.validate_evaluation("认真学习", {"优秀": "12", "合格": 8}, "优秀", rules.DEFAULT_GRADES)
    assert data.votes == (("优秀", 12), ("合格", 8), ("基本合格", 0), ("不合格", 0))
    assert data.total_votes == 20 and data.grade == "优秀"
    assert rules.leading_grade(data.votes) == "优秀"
    assert rules.leading_grade((("优秀", 5), ("合格", 5))) == "优秀"  # a tie: the better grade
    assert rules.leading_grade((("优秀", 0), ("合格", 0))) == ""
    with pytest.raises(FieldErrors) as caught:
        rules.validate_evaluation("", {"优秀": -1, "良好": 3}, "良好", rules.DEFAULT_GRADES)
    assert set(caught.value.errors) == {"votes", "grade"}
