"""Pure rules of the posts module: who counts as a member without office, assignment rules and warnings,
terms, records, grades, the board's text and the privacy filter."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.posts import MemberFacts, PostLoad


def member(**values: object) -> MemberFacts:
    base: dict[str, object] = {"id": 1, "name": "张建国"}
    base.update(values)
    return MemberFacts(**base)  # type: ignore[arg-type]


POST = PostLoad(10, "政策法规宣传岗", members_needed=2, active=True)


# --- who counts as a member without office ----------------------------------------------------------


@pytest.mark.parametrize("office", ["", "  ", "无", "没有", "暂无", "/", "—", "普通党员", "党员"])
def test_an_empty_or_placeholder_office_means_no_office(office):
    assert not rules.holds_office(office)
    assert rules.is_without_office(member(office=office))


@pytest.mark.parametrize("office", ["书记", "村委会委员", "党小组长", "村务监督委员会主任"])
def test_a_named_office_is_an_office(office):
    assert rules.holds_office(office)
    assert not rules.is_without_office(member(office=office))


@pytest.mark.parametrize("status", ["transferred_out", "deceased", "left_party", "stopped", "deleted"])
def test_only_members_on_the_roster_count(status):
    assert not rules.is_without_office(member(status=status))


def test_a_member_working_away_still_counts_as_without_office():
    assert rules.is_without_office(member(flowing=True, away_place="浙江省宁波市"))


def test_members_without_post_leaves_out_office_holders_and_those_with_a_post():
    everyone = [
        member(id=1, name="甲"),
        member(id=2, name="乙", office="支部委员"),
        member(id=3, name="丙"),
        member(id=4, name="丁", status="deceased"),
    ]
    assert [m.name for m in rules.members_without_post(everyone, assigned_member_ids=[3])] == ["甲"]


# --- assignment rules -------------------------------------------------------------------------------


def test_a_member_without_office_at_home_is_assigned_without_any_warning():
    check = rules.check_assignment(member(), POST, [])
    assert check.allowed and not check.needs_reason and check.messages() == ()


def test_a_member_with_an_office_is_allowed_only_with_a_reason():
    check = rules.check_assignment(member(office="村委会委员"), POST, [])
    assert check.allowed and check.needs_reason
    assert any("村委会委员" in w for w in check.warnings)
    with pytest.raises(FieldErrors) as caught:
        rules.clean_reason(check, "  ")
    assert "reason" in caught.value.errors
    assert rules.clean_reason(check, " 本人申请，支委会同意 ") == "本人申请，支委会同意"


def test_a_member_away_is_allowed_only_with_a_reason():
    check = rules.check_assignment(member(flowing=True, away_place="浙江省宁波市"), POST, [])
    assert check.allowed and check.needs_reason
    assert "浙江省宁波市" in check.warnings[0]


def test_one_post_per_term_unless_the_branch_allows_more():
    forbidden = rules.check_assignment(member(), POST, ["文明新风倡导岗"])
    assert not forbidden.allowed and "文明新风倡导岗" in forbidden.errors[0]
    allowed = rules.check_assignment(member(), POST, ["文明新风倡导岗"], allow_several_posts=True)
    assert allowed.allowed and allowed.needs_reason


def test_the_same_post_twice_is_refused_even_when_more_posts_are_allowed():
    check = rules.check_assignment(
        member(), PostLoad(10, "政策法规宣传岗", 2, True, (1,)), ["政策法规宣传岗"], allow_several_posts=True
    )
    assert not check.allowed


def test_a_post_not_in_use_or_a_member_off_the_roster_is_refused():
    assert not rules.check_assignment(member(), PostLoad(10, "旧岗", 2, False), []).allowed
    assert not rules.check_assignment(member(status="transferred_out"), POST, []).allowed


def test_a_full_post_takes_one_more_only_with_a_reason():
    check = rules.check_assignment(member(id=9), PostLoad(10, "流动党员联络岗", 1, True, (5,)), [])
    assert check.allowed and check.needs_reason
    assert check.warnings == (
        "“流动党员联络岗”需要 1 人，已经有 1 人了；再安排要写明理由，理由会印在设岗定责公示上。",
    )


# --- catalogue, terms, records, grades ----------------------------------------------------------------


def test_the_default_catalogue_has_the_usual_posts_with_duties():
    names = [p.name for p in rules.DEFAULT_CATALOGUE]
    for expected in (
        "政策法规宣传岗",
        "党务村务监督岗",
        "文明新风倡导岗",
        "矛盾纠纷调解岗",
        "环境卫生监督岗",
        "科技种养服务岗",
        "结对帮扶岗",
        "平安建设岗",
        "流动党员联络岗",
    ):
        assert expected in names
    assert all(len(p.duty_lines) >= 2 for p in rules.DEFAULT_CATALOGUE)
    assert rules.DEFAULT_GRADES == ("优秀", "称职", "基本称职", "不称职")


def test_a_post_is_checked_and_its_duties_keep_chinese_punctuation():
    post = rules.validate_post(
        {"name": " 护林防火岗 ", "duties": "巡山护林，防火宣传\n\n  劝阻野外用火 ", "members_needed": "3"}
    )
    assert post.name == "护林防火岗" and post.members_needed == 3
    assert post.duty_lines == ("巡山护林，防火宣传", "劝阻野外用火")
    with pytest.raises(FieldErrors) as caught:
        rules.validate_post({"name": "", "members_needed": 0})
    assert set(caught.value.errors) == {"name", "members_needed"}


def test_grades_are_data_typed_as_a_list():
    assert rules.parse_grades("优秀、合格、 基本合格,不合格、优秀") == ("优秀", "合格", "基本合格", "不合格")
    with pytest.raises(FieldErrors):
        rules.parse_grades("  、 ")
    assert rules.validate_grade("称职", rules.DEFAULT_GRADES, "按时履岗") == ("称职", "按时履岗")
    with pytest.raises(FieldErrors):
        rules.validate_grade("合格", rules.DEFAULT_GRADES)


def test_terms_by_year_or_by_dates():
    year = rules.term_for_year(2025)
    assert (year.start, year.end, year.year) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 2025)
    assert rules.term_title(year) == "2025年度"
    span = rules.term_between(dt.date(2025, 3, 1), dt.date(2026, 2, 28))
    assert span.year is None and rules.term_title(span) == "2025年3月1日至2026年2月28日"
    assert rules.term_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).year == 2024
    with pytest.raises(FieldErrors):
        rules.term_between(dt.date(2025, 3, 1), dt.date(2025, 2, 1))


def test_a_record_needs_a_past_date_and_a_text():
    today = dt.date(2025, 6, 1)
    record = rules.validate_record(dt.date(2025, 5, 30), " 入户宣讲医保政策 ", "王书记", today=today)
    assert record == rules.RecordData(dt.date(2025, 5, 30), "入户宣讲医保政策", "王书记")
    with pytest.raises(FieldErrors) as caught:
        rules.validate_record(dt.date(2025, 6, 2), "", today=today)
    assert set(caught.value.errors) == {"date", "text"}


def test_dates_are_written_without_zero_padding():
    assert rules.chinese_date(dt.date(2025, 3, 1)) == "2025年3月1日"


# --- the board ---------------------------------------------------------------------------------------------


def test_private_numbers_are_found_and_blanked():
    text = "张三 370102197001010010，电话 138-1234-5678，座机 0531-12345678，走访2次"
    found = rules.find_private_numbers(text)
    assert "370102197001010010" in found and len(found) == 3
    cleaned = rules.redact_private_numbers(text)
    assert rules.find_private_numbers(cleaned) == [] and "走访2次" in cleaned


def test_the_board_text_lists_posts_members_and_the_supervision_phone():
    content = rules.BoardContent(
        branch="中共前进村支部委员会",
        term="2025年度",
        posts=(
            rules.BoardPost("政策法规宣传岗", ("宣传政策",), (rules.BoardMember("张建国", "每月走访2次"),)),
        ),
        issued_on=dt.date(2025, 3, 1),
        notice_days=7,
        supervision_phone="05311234567",
    )
    text = rules.board_text(content)
    assert text.startswith("无职党员设岗定责公示")
    for expected in (
        "政策法规宣传岗",
        "张建国",
        "每月走访2次",
        "监督电话：05311234567",
        "2025年3月1日至2025年3月7日",
    ):
        assert expected in text
    assert content.notice_end == dt.date(2025, 3, 7)
