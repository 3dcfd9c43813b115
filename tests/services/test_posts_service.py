"""Posts use cases against a real database: who is without office, assignment rules and warnings, and a
full cycle from the catalogue to the grade (with the audit log and each member's history)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dangjian_desktop.domain.errors import Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.posts import DEFAULT_CATALOGUE, DEFAULT_GRADES
from dangjian_desktop.services import posts
from dangjian_desktop.services.members import add_member, leave_roster
from dangjian_desktop.store.models import AuditEntry


def make_id_number(sequence: int, birth: str = "19700101") -> str:
    first17 = f"370102{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def add(workspace, name: str, sequence: int, **values: object) -> int:
    raw = {"name": name, "id_number": make_id_number(sequence=sequence), "joined_date": "1995-07-01"}
    raw.update(values)
    return add_member(workspace, raw).id


@pytest.fixture
def village(workspace):
    """Five members: two without office at home, one with an office, one away, one who left."""
    ids = {
        "张建国": add(workspace, "张建国", 1),
        "李秀英": add(workspace, "李秀英", 2),
        "王德福": add(workspace, "王德福", 3, office="村委会委员"),
        "赵桂兰": add(workspace, "赵桂兰", 4, flowing="是", away_place="浙江省宁波市"),
        "刘志强": add(workspace, "刘志强", 5, office="无"),
    }
    leave_roster(workspace, ids["刘志强"], "transferred_out", dt.date(2024, 12, 1), "转往镇机关支部")
    return ids


def post_id(workspace, name: str) -> int:
    return posts.find_post(workspace, name).id


def test_the_catalogue_is_seeded_once_and_stays_editable(workspace):
    listed = posts.list_posts(workspace)
    assert [p.name for p in listed] == [p.name for p in DEFAULT_CATALOGUE]
    assert posts.ensure_catalogue(workspace) == 0
    first = listed[0]
    posts.update_post(workspace, first.id, {"name": "政策宣传岗", "duties": "宣讲政策", "members_needed": 3})
    posts.set_post_active(workspace, listed[-1].id, False)
    added = posts.add_post(workspace, {"name": "护林防火岗", "duties": "巡山护林\n防火宣传"})
    names = [p.name for p in posts.list_posts(workspace)]
    assert names[0] == "政策宣传岗" and names[-1] == "护林防火岗"
    assert len(names) == len(DEFAULT_CATALOGUE) + 1
    assert [p.name for p in posts.list_posts(workspace, active_only=True)].count("流动党员联络岗") == 0
    with pytest.raises(FieldErrors):
        posts.add_post(workspace, {"name": "护林防火岗"})
    assert added.duty_lines == ("巡山护林", "防火宣传")


def test_who_counts_as_a_member_without_office(workspace, village):
    without = [m.name for m in posts.members_without_office(workspace)]
    assert without == ["张建国", "李秀英", "赵桂兰"]  # not the office holder, not the one who left
    term = posts.term_for_year(workspace, 2025)
    posts.assign(workspace, village["张建国"], post_id(workspace, "政策法规宣传岗"), term.id)
    assert [m.name for m in posts.members_without_post(workspace, term.id)] == ["李秀英", "赵桂兰"]
    away = next(m for m in posts.members_without_post(workspace, term.id) if m.name == "赵桂兰")
    assert away.flowing and away.away_place == "浙江省宁波市"


def test_office_holders_and_members_away_need_a_reason(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    supervise = post_id(workspace, "党务村务监督岗")
    check = posts.check_assignment(workspace, village["王德福"], supervise, term.id)
    assert check.allowed and check.needs_reason and "村委会委员" in check.warnings[0]
    with pytest.raises(posts.ReasonRequired) as caught:
        posts.assign(workspace, village["王德福"], supervise, term.id)
    assert "村委会委员" in caught.value.message
    assert posts.assignments(workspace, term.id) == []
    done = posts.assign(workspace, village["王德福"], supervise, term.id, reason="本人申请，支委会同意")
    assert done.exception_reason == "本人申请，支委会同意"

    contact = post_id(workspace, "流动党员联络岗")
    with pytest.raises(posts.ReasonRequired):
        posts.assign(workspace, village["赵桂兰"], contact, term.id)
    posts.assign(workspace, village["赵桂兰"], contact, term.id, reason="在宁波联系当地流动党员")


def test_one_post_per_term_unless_the_branch_allows_more(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    posts.assign(workspace, village["张建国"], post_id(workspace, "政策法规宣传岗"), term.id)
    civility = post_id(workspace, "文明新风倡导岗")
    with pytest.raises(Conflict):
        posts.assign(workspace, village["张建国"], civility, term.id)
    settings = posts.save_post_settings(workspace, allow_several_posts=True)
    assert settings.allow_several_posts
    with pytest.raises(posts.ReasonRequired):
        posts.assign(workspace, village["张建国"], civility, term.id)
    posts.assign(workspace, village["张建国"], civility, term.id, reason="一人多岗，支委会同意")
    with pytest.raises(Conflict):  # the same post twice, never
        posts.assign(workspace, village["张建国"], civility, term.id, reason="再来一次")
    # another year is another term
    posts.save_post_settings(workspace, allow_several_posts=False)
    next_year = posts.term_for_year(workspace, 2026)
    posts.assign(workspace, village["张建国"], civility, next_year.id)


def test_a_member_who_left_the_roster_cannot_be_assigned(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    with pytest.raises(Conflict):
        posts.assign(workspace, village["刘志强"], post_id(workspace, "平安建设岗"), term.id)


def test_members_are_found_by_number_or_exact_name(workspace, village):
    assert posts.find_member(workspace, "张建国").id == village["张建国"]
    assert posts.find_member(workspace, str(village["李秀英"])).name == "李秀英"
    with pytest.raises(NotFound):
        posts.find_member(workspace, "张建")
    twin = add(workspace, "张建国", 7)
    with pytest.raises(Conflict) as caught:
        posts.find_member(workspace, "张建国")
    assert str(twin) in caught.value.message


def test_a_full_cycle_from_catalogue_to_grade(workspace, village):
    today = dt.date.today()
    term = posts.term_for_year(workspace, today.year)
    assert posts.current_term(workspace, today) == term
    propaganda = post_id(workspace, "政策法规宣传岗")
    hygiene = post_id(workspace, "环境卫生监督岗")
    a = posts.assign(workspace, village["张建国"], propaganda, term.id, commitment="每月至少走访群众2次")
    b = posts.assign(workspace, village["李秀英"], hygiene, term.id, commitment="每周巡查一次")

    day = max(term.start, today - dt.timedelta(days=1))
    made = posts.add_records(workspace, [a.id, b.id], day, "参加村环境卫生整治", "王书记")
    assert [(r.member_name, r.post_name) for r in made] == [
        ("张建国", "政策法规宣传岗"),
        ("李秀英", "环境卫生监督岗"),
    ]
    single = posts.record_for_member(workspace, village["张建国"], day, "入户宣讲医保政策")
    assert single.assignment_id == a.id
    with pytest.raises(FieldErrors):
        posts.add_records(workspace, [], day, "空")
    with pytest.raises(FieldErrors):
        posts.add_records(workspace, [a.id], today + dt.timedelta(days=1), "明天的事")
    assert len(posts.records(workspace, term.id)) == 3

    assert posts.post_settings(workspace).grades == DEFAULT_GRADES
    graded = posts.evaluate(workspace, a.id, "优秀", "按时履岗，群众认可")
    assert (graded.grade, graded.record_count) == ("优秀", 2)
    with pytest.raises(FieldErrors):
        posts.evaluate(workspace, b.id, "合格")  # not in the branch's list
    posts.save_post_settings(workspace, grades="优秀、合格、基本合格、不合格")
    assert posts.evaluate(workspace, b.id, "合格").grade == "合格"

    rows = {r.member_name: r for r in posts.assignments(workspace, term.id)}
    assert rows["张建国"].grade == "优秀" and rows["李秀英"].record_count == 1

    # history shows every term, newest first
    previous = posts.term_for_year(workspace, today.year - 1)
    old = posts.assign(workspace, village["张建国"], hygiene, previous.id)
    posts.evaluate(workspace, old.id, "基本合格")
    history = posts.member_history(workspace, village["张建国"])
    assert [(h.term.year, h.post_name, h.grade) for h in history] == [
        (today.year, "政策法规宣传岗", "优秀"),
        (today.year - 1, "环境卫生监督岗", "基本合格"),
    ]
    assert len(history[0].records) == 2

    # an assignment with records stays as history
    with pytest.raises(Conflict):
        posts.remove_assignment(workspace, a.id)

    with workspace.db.transaction() as session:
        tables = set(session.scalars(select(AuditEntry.table_name)))
    assert {"post", "post_term", "post_assignment", "post_record", "post_evaluation", "setting"} <= tables


def test_removing_a_mistaken_assignment(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    made = posts.assign(workspace, village["张建国"], post_id(workspace, "平安建设岗"), term.id)
    posts.update_commitment(workspace, made.id, "夜间巡逻每月两次")
    assert posts.assignments(workspace, term.id)[0].commitment == "夜间巡逻每月两次"
    posts.remove_assignment(workspace, made.id)
    assert posts.assignments(workspace, term.id) == []


def test_the_board_content_leaves_off_empty_and_unused_posts_and_private_numbers(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    propaganda = post_id(workspace, "政策法规宣传岗")
    security = post_id(workspace, "平安建设岗")
    posts.assign(workspace, village["张建国"], propaganda, term.id, commitment="有事打13812345678找我")
    posts.assign(workspace, village["李秀英"], security, term.id, commitment="每月巡逻两次")
    posts.set_post_active(workspace, security, False)
    content = posts.board_content(workspace, term.id, issued_on=dt.date(2025, 3, 1))
    assert [p.name for p in content.posts] == ["政策法规宣传岗"]
    assert content.term == "2025年度" and content.notice_days == 7
    assert "13812345678" not in posts.board_text(workspace, term.id)
    assert posts.duty_cards(workspace, term.id)[0].member == "张建国"


def test_a_grade_given_by_mistake_can_be_taken_back_and_a_comment_needs_a_grade(workspace, village):
    term = posts.term_for_year(workspace, 2025)
    made = posts.assign(workspace, village["张建国"], post_id(workspace, "平安建设岗"), term.id)
    assert posts.evaluate(workspace, made.id, "优秀", "巡逻认真").grade == "优秀"
    with pytest.raises(FieldErrors) as caught:
        posts.evaluate(workspace, made.id, "", "巡逻认真")
    assert "评语" in caught.value.errors["grade"] and "优秀" in caught.value.errors["grade"]
    assert posts.assignments(workspace, term.id)[0].grade == "优秀"  # nothing changed

    cleared = posts.evaluate(workspace, made.id, "", "")
    assert (cleared.grade, cleared.comment) == ("", "")
    assert posts.assignments(workspace, term.id)[0].grade == ""
    assert posts.member_history(workspace, village["张建国"])[0].grade == ""
    with workspace.db.transaction() as session:
        taken_back = session.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "post_evaluation", AuditEntry.action == "delete"
            )
        ).one()
        assert "优秀" in taken_back.before and "张建国" in taken_back.summary
    assert posts.evaluate(workspace, made.id, "", "").grade == ""  # taking back nothing is no change
    assert posts.evaluate(workspace, made.id, "称职").grade == "称职"  # and it can be graded again
