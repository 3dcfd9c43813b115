"""The home page's list: each module's contribution (meetings, dues 3+ / 6+, members away without news,
posts without a grade, 转正 within 60 days, the last backup, the notices module's own lines)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.support.postgres import engine_is_postgres

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.i18n import set_language
from dangjian_desktop.services import home as due
from dangjian_desktop.services import meetings, members, notices
from dangjian_desktop.store.backup import make_backup

TODAY = dt.date.today()
LAST_YEAR = TODAY.year - 1


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


def _add(workspace, name: str, sequence: int, **extra) -> int:
    return members.add_member(workspace, {"name": name, "id_number": _id(sequence), **extra}).id


def lines(workspace, as_of, kind=None):
    found = due.due_items(workspace, as_of)
    return [item for item in found if kind is None or item.kind == kind]


def test_a_fresh_branch_lists_every_meeting_and_asks_for_a_backup(workspace):
    as_of = dt.date(LAST_YEAR, 3, 31)
    found = lines(workspace, as_of)
    assert [item.kind for item in found] == [due.MEETING] * 6 + [due.BACKUP]
    assert found[0].text == f"本季度的支部党员大会还没有开（{LAST_YEAR}年3月31日前）"
    assert {item.page for item in found[:6]} == {"meetings"}
    backup = found[-1]
    if engine_is_postgres():  # the township backs the server up: the line says so, asks for nothing
        assert backup.page == "backup" and not backup.urgent and "由乡镇管理员备份" in backup.text
    else:
        assert backup.page == "backup" and backup.urgent and backup.text == "还没有做过备份。请现在备份一次。"
    assert found[0].kind_label == "还没开的会"


def test_recording_a_meeting_removes_its_line(workspace):
    _add(workspace, "张建国", 1, office="书记")
    as_of = dt.date(LAST_YEAR, 3, 31)
    before = [item.text for item in lines(workspace, as_of, due.MEETING)]
    assert any("支部委员会" in text for text in before)
    meetings.record_meeting(workspace, {"kind": "支委会", "held_on": as_of, "topic": "研究发展党员工作"})
    after = [item.text for item in lines(workspace, as_of, due.MEETING)]
    assert not any("支部委员会" in text for text in after)
    assert len(after) == len(before) - 1
    # the next day is a new month and a new quarter: it is due again
    assert any(
        "支部委员会" in item.text for item in lines(workspace, as_of + dt.timedelta(days=1), due.MEETING)
    )


def test_dues_reminder_at_3_and_warning_at_6_unpaid_months(workspace):
    from dangjian_desktop.services import dues

    paying = _add(workspace, "李秀英", 2)
    silent = _add(workspace, "王德福", 3)
    for member in (paying, silent):
        dues.declare_standard(
            workspace, member, year=LAST_YEAR, category="farmer", from_month=Month(LAST_YEAR, 1)
        )
    dues.record_payment(
        workspace,
        paying,
        Month(LAST_YEAR, 1),
        Month(LAST_YEAR, 3),
        Decimal("1.50"),
        paid_on=dt.date(LAST_YEAR, 3, 10),
    )
    as_of = dt.date(LAST_YEAR, 7, 15)  # July has not ended: January–June count (issue 13)
    warn = lines(workspace, as_of, due.DUES_WARN)
    remind = lines(workspace, as_of, due.DUES_REMIND)
    assert [(i.member_id, i.text) for i in warn] == [
        (silent, f"王德福：已连续 6 个月没交党费（从{LAST_YEAR}年1月起）")
    ]
    assert [(i.member_id, i.text) for i in remind] == [
        (paying, f"李秀英：已连续 3 个月没交党费（从{LAST_YEAR}年4月起）")
    ]
    assert {i.page for i in warn + remind} == {"dues"}
    # two months unpaid is not yet a reminder; five are (decisions.md #12: 3 and 6)
    may = lines(workspace, dt.date(LAST_YEAR, 5, 15), due.DUES_REMIND)
    assert [i.member_id for i in may] == [silent]  # 李秀英's two months are not yet a reminder


def test_members_away_without_news(workspace):
    from dangjian_desktop.services import flowing

    gone = _add(workspace, "赵春梅", 4)
    flowing.register_leave(
        workspace,
        gone,
        {"since": (TODAY - dt.timedelta(days=400)).isoformat(), "destination": "江苏省苏州市昆山市"},
    )
    flagged = _add(workspace, "孙立新", 5, flowing=True, away_place="浙江省宁波市")
    found = lines(workspace, TODAY, due.FLOWING)
    assert [i.member_id for i in found] == [flagged, gone]
    assert found[0].text == "孙立新（浙江省宁波市）：花名册上标为外出，但还没有登记外出"
    assert found[1].text.startswith("赵春梅（江苏省苏州市昆山市）：已 1") and "个月没有联系" in found[1].text
    assert {i.page for i in found} == {"flowing"}


def test_posts_without_a_grade_at_the_end_of_the_term(workspace):
    from dangjian_desktop.services import posts

    first = _add(workspace, "张建国", 1)
    second = _add(workspace, "李秀英", 2)
    term = posts.term_for_year(workspace, LAST_YEAR)
    catalogue = posts.list_posts(workspace)
    graded = posts.assign(workspace, first, catalogue[0].id, term.id)
    posts.assign(workspace, second, catalogue[1].id, term.id)
    posts.evaluate(
        workspace, graded.id, posts.post_settings(workspace).grades[0], on=dt.date(LAST_YEAR, 12, 20)
    )
    assert lines(workspace, dt.date(LAST_YEAR, 11, 30), due.POST_GRADE) == []  # 31 days before the end
    before_end = lines(workspace, dt.date(LAST_YEAR, 12, 1), due.POST_GRADE)
    assert [i.member_id for i in before_end] == [second]
    assert (
        before_end[0].text
        == f"李秀英 — {catalogue[1].name}（{LAST_YEAR}年度）：请在{LAST_YEAR}年12月31日期满前评定"
    )
    after_end = lines(workspace, dt.date(LAST_YEAR + 1, 1, 10), due.POST_GRADE)
    assert after_end[0].text.endswith("已期满，还没有评定") and after_end[0].page == "posts"


def test_probationary_year_ending_within_sixty_days(workspace):
    soon = _add(workspace, "刘春燕", 6, category="probationary", joined_date="2024-05-01")
    _add(workspace, "周红梅", 7, category="probationary", joined_date="2024-08-01")
    _add(workspace, "吴丽娟", 8, joined_date="2024-05-01")  # a full member: nothing to do
    found = lines(workspace, dt.date(2025, 3, 15), due.PROBATION)
    assert [(i.member_id, i.page) for i in found] == [(soon, "roster")]
    assert found[0].text == "刘春燕：预备期2025年5月1日届满（还有 47 天），请准备转正"
    overdue = lines(workspace, dt.date(2025, 5, 20), due.PROBATION)
    assert overdue[0].text == "刘春燕：预备期已于2025年5月1日届满，应及时讨论转正"
    assert len(lines(workspace, dt.date(2025, 6, 10), due.PROBATION)) == 2


@pytest.mark.sqlite_only(reason="the backups of the PC's file in its data folder")
def test_the_last_backup(workspace):
    as_of = TODAY
    make_backup(
        workspace.db_path,
        workspace.backups_dir,
        "manual",
        now=dt.datetime.combine(as_of, dt.time(8)) - dt.timedelta(days=10),
    )
    old = lines(workspace, as_of, due.BACKUP)
    assert len(old) == 1 and old[0].urgent and "已经 10 天了" in old[0].text
    make_backup(
        workspace.db_path, workspace.backups_dir, "manual", now=dt.datetime.combine(as_of, dt.time(8, 30))
    )
    recent = lines(workspace, as_of, due.BACKUP)
    assert (
        len(recent) == 1
        and not recent[0].urgent
        and recent[0].text.startswith("上次备份：")
        and "08:30" in recent[0].text
    )


def test_a_module_may_offer_its_own_lines(workspace, monkeypatch):
    _add(workspace, "孙立新", 5, flowing=True, away_place="浙江省宁波市")
    monkeypatch.setattr(
        notices,
        "due_items",
        lambda workspace, as_of: [
            due.DueItem(due.NOTICE, "《党费收缴情况公示》公示期已满，请撤下", "notices")
        ],
    )
    found = lines(workspace, TODAY)
    kinds = [item.kind for item in found]
    assert kinds.index(due.FLOWING) < kinds.index(due.NOTICE) < kinds.index(due.BACKUP)
    notice = found[kinds.index(due.NOTICE)]
    assert notice.page == "notices" and notice.kind_label == "党务公开"
    groups = due.group_by_kind(found)
    assert [kind for kind, _lines in groups] == list(dict.fromkeys(kinds))


def test_meetings_still_due_follow_the_frequency_setting(workspace):
    as_of = dt.date(LAST_YEAR, 5, 10)
    assert any("党课" in i.text for i in lines(workspace, as_of, due.MEETING))
    meetings.set_frequency(workspace, rules.PARTY_LECTURE, rules.NOT_REQUIRED)
    assert not any("党课" in i.text for i in lines(workspace, as_of, due.MEETING))
