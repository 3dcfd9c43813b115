"""The township report's figures against data built branch by branch through the program's own services,
and against what each branch's own pages say (the same rules, one query for every branch)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.support.township import NAMES, TODAY, YEAR, act_as_township, build_township

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, flowing, meetings, township
from dangjian_desktop.services.township import TownshipOnly

# several branches in one SQLite file (no row-level security there); on the server: tests/server/test_township_report.py
pytestmark = pytest.mark.sqlite_only
D = Decimal
FRONT, RED, NEW = NAMES


@pytest.fixture
def report(workspace, monkeypatch):
    build_township(workspace)
    act_as_township(monkeypatch)
    return township.township_report(workspace, YEAR, today=TODAY)


def rows_of(section):
    return {row.branch: row for row in section.rows}


def test_a_village_login_is_refused_in_words(workspace):
    build_township(workspace)
    with pytest.raises(TownshipOnly) as raised:
        township.township_report(workspace, YEAR, today=TODAY)
    assert "乡镇党委" in raised.value.message


def test_every_branch_is_in_every_section_in_order(report):
    assert [b.name for b in report.branches] == list(NAMES)
    assert report.committee == "城关镇党委"
    for section in (
        report.members,
        report.dues,
        report.meetings,
        report.notices,
        report.posts,
        report.flowing,
    ):
        assert [row.branch for row in section.rows] == list(NAMES)


def test_members_and_their_structure(report):
    front, red, new = (rows_of(report.members)[name] for name in NAMES)
    assert report.members.as_of == TODAY
    assert (front.total, front.male, front.female, front.probationary, front.away) == (4, 2, 2, 1, 1)
    # ages at the end of 2026: 66, 31, 41, 36 -> ≤35, 36–45 ×2, 61–70
    assert front.ages == (1, 2, 0, 0, 1, 0, 0)
    # 党龄 at the end of 2026: 46, 4, 16, 0 years
    assert front.tenures == (2, 0, 1, 0, 1, 0, 0)
    education = dict(zip((*township.EDUCATION_LEVELS, ""), front.education, strict=True))
    assert (education["大学本科"], education["高中"], education["初中"], education[""]) == (1, 1, 1, 1)
    assert (red.total, red.male, red.female, red.away) == (2, 1, 1, 1)
    assert red.ages == (0, 0, 0, 1, 0, 1, 0)  # 56 and 81
    assert red.tenures == (0, 0, 1, 0, 0, 1, 0)  # 16 and 56 years
    assert new.total == 0 and sum(new.ages) == 0


def test_a_member_who_left_later_is_counted_for_the_year_he_was_there(workspace, monkeypatch):
    from dangjian_desktop.services.members import leave_roster

    people = build_township(workspace).members
    leave_roster(workspace, people["王德福"], "transferred_out", dt.date(2026, 9, 1), "转往县城")
    act_as_township(monkeypatch)
    last_year = township.township_report(workspace, 2025, today=dt.date(2026, 12, 1))
    this_year = township.township_report(workspace, 2026, today=dt.date(2026, 12, 1))
    assert rows_of(last_year.members)[FRONT].total == 3  # 赵桂兰 joined in 2026
    assert rows_of(this_year.members)[FRONT].total == 3  # 王德福 left, 赵桂兰 came


def test_dues_by_branch_and_month(report):
    front, red, new = (rows_of(report.dues)[name] for name in NAMES)
    assert report.dues.last_month == 7
    assert [m.due for m in front.months] == [D("36.00")] * 7
    assert [m.collected for m in front.months] == [D("35.50")] * 3 + [D("35.00")] * 3 + [D("0.00")]
    assert [m.arrears for m in front.months] == [D("0.50")] * 3 + [D("1.00")] * 3 + [D("0.00")]
    assert [m.unpaid for m in front.months] == [1, 1, 1, 2, 2, 2, 0]  # July has not ended: not arrears
    assert front.months[3].handed_up == D("100.00") and front.handed_up == D("100.00")
    assert (front.due, front.collected, front.arrears, front.debtors) == (
        D("252.00"),
        D("211.50"),
        D("4.50"),
        2,
    )
    assert [m.due for m in red.months] == [D("0.00")] * 3 + [D("0.50")] * 4
    assert (red.arrears, red.debtors) == (D("1.50"), 1)
    assert (new.due, new.collected, new.debtors) == (D("0.00"), D("0.00"), 0)


def test_dues_agree_with_each_branchs_own_ledger(workspace, report):
    """The 欠缴 list and the month summaries of each branch give the same figures as the one query."""
    for name in (FRONT, RED):
        workspace.branch_id = next(b.id for b in report.branches if b.name == name)
        row = rows_of(report.dues)[name]
        own = dues.arrears(workspace, Month(YEAR, 6), today=TODAY)
        assert sum(len(r.months) for r in own) == sum(m.unpaid for m in row.months)
        assert len(own) == row.debtors
        for month in row.months:
            summary = dues.month_summary(workspace, Month(YEAR, month.month))
            assert (summary.due_total, summary.paid_total) == (month.due, month.collected)


def test_a_chosen_ledger_start_leaves_the_paper_months_out(workspace, monkeypatch):
    build_township(workspace)
    dues.set_ledger_start(workspace, "2026-04")
    act_as_township(monkeypatch)
    front = rows_of(township.township_report(workspace, YEAR, today=TODAY).dues)[FRONT]
    assert [m.on_paper for m in front.months] == [True] * 3 + [False] * 4
    assert [m.unpaid for m in front.months] == [0, 0, 0, 2, 2, 2, 0]
    assert front.debtors == 2 and front.arrears == D("3.00")


def test_meetings_held_against_required(report):
    front, red, _new = (rows_of(report.meetings)[name] for name in NAMES)
    assert report.meetings.counted_to == dt.date(2026, 6, 30)
    # a quarter requires 3 支委会, 3 党小组会 and 3 主题党日 (monthly), a 党员大会 and a 党课 (quarterly)
    assert front.required == (11, 11, 0, 0) and red.required == (11, 11, 0, 0)
    assert front.met == (2, 1, 0, 0) and front.held == (2, 1, 0, 0)
    assert red.met == (0, 0, 0, 0)


def test_meetings_agree_with_the_branchs_own_due_list(workspace, report):
    """At the end of March the home page's due list lacks exactly what the report counts as held."""
    due = meetings.meetings_due(workspace, dt.date(2026, 3, 31))
    quarter_kinds = {d.kind for d in due if d.period.frequency == "quarter"}
    assert "general_meeting" not in quarter_kinds and "party_lecture" not in quarter_kinds
    assert rows_of(report.meetings)[FRONT].met[0] == 2


def test_notices_and_their_periods(report):
    front, red, _new = (rows_of(report.notices)[name] for name in NAMES)
    assert (front.published, front.short, front.showing, front.withdrawn) == (2, 1, 1, 0)
    assert front.by_kind[-1] == 2 and front.period_days == 12 and front.average_days == D("6.0")
    assert red.published == 0 and red.average_days == D("0.0")


def test_posts_coverage(report):
    front, red, new = (rows_of(report.posts)[name] for name in NAMES)
    assert (front.without_office, front.with_post, front.without_post) == (3, 1, 2)
    assert front.coverage == D("33.3") and (front.assignments, front.graded) == (1, 1)
    assert front.posts > 0 and red.posts == 0
    assert (red.without_office, red.with_post) == (2, 0) and new.without_office == 0


def test_members_away_without_news_follow_each_branchs_setting(workspace, report):
    front, red, _new = (rows_of(report.flowing)[name] for name in NAMES)
    assert (front.away, front.silent, front.unregistered, front.months) == (1, 1, 0, 6)
    assert (red.away, red.silent, red.months) == (1, 0, 3)
    own = flowing.alerts(workspace, today=TODAY)
    assert len(own) == front.without_news


def test_no_personal_data_in_the_tables(report):
    text = repr(township.report_paper(report))
    for name in ("张建国", "李秀英", "王德福", "赵桂兰", "孙立新", "周明", "370102"):
        assert name not in text


def test_a_future_year_is_refused(workspace, monkeypatch):
    act_as_township(monkeypatch)
    with pytest.raises(township.AppError):
        township.township_report(workspace, 2030, today=TODAY)
