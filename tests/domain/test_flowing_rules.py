"""Rules of members working away: destinations read from one line, book numbers, months without news,
and the checks of the forms."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.flowing import (
    Destination,
    clean_prose,
    format_book_number,
    months_ago,
    months_between,
    split_destination,
    validate_contact,
    validate_leave,
    validate_opinion,
    validate_org_life,
)

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("江苏省苏州市昆山市XX电子厂", Destination("江苏省", "苏州市", "昆山市", "XX电子厂")),
        ("北京朝阳区望京", Destination("北京市", "", "朝阳区", "望京")),
        ("上海市浦东新区张江镇", Destination("上海市", "", "浦东新区", "张江镇")),
        ("广东省东莞市长安镇", Destination("广东省", "东莞市", "长安镇", "")),
        ("广东省东莞市长安镇某五金厂", Destination("广东省", "东莞市", "长安镇", "某五金厂")),
        ("广东省中山市东区街道兴中道1号", Destination("广东省", "中山市", "东区街道", "兴中道1号")),
        ("广东省东莞市某五金厂", Destination("广东省", "东莞市", "", "某五金厂")),
        ("新疆维吾尔自治区乌鲁木齐市天山区", Destination("新疆维吾尔自治区", "乌鲁木齐市", "天山区", "")),
        ("湖北省恩施土家族苗族自治州恩施市", Destination("湖北省", "恩施土家族苗族自治州", "恩施市", "")),
        ("昆山某电子厂", Destination("", "", "", "昆山某电子厂")),
    ],
)
def test_a_destination_typed_on_one_line_is_split(text, expected):
    assert split_destination(text) == expected


def test_destination_group_is_province_and_city():
    assert split_destination("江苏省苏州市昆山市").group() == "江苏省苏州市"
    assert split_destination("北京市朝阳区").group() == "北京市"


def test_book_numbers_are_readable_serials():
    assert format_book_number(2026, 3) == "2026-003"
    assert format_book_number(2026, 1234) == "2026-1234"


def test_months_between_and_months_ago():
    assert months_between(dt.date(2026, 5, 24), TODAY) == 6
    assert months_between(dt.date(2026, 5, 25), TODAY) == 5
    assert months_between(TODAY, dt.date(2026, 1, 1)) == 0
    assert months_ago(TODAY, 6) == dt.date(2026, 5, 24)
    assert months_ago(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)


def test_leave_needs_a_date_and_a_destination():
    with pytest.raises(FieldErrors) as caught:
        validate_leave({"since": "", "destination": ""}, today=TODAY)
    assert set(caught.value.errors) == {"since", "destination"}
    with pytest.raises(FieldErrors) as caught:
        validate_leave(
            {"since": "2026-03-01", "destination": "江苏省", "expected_return": "2026-01-01"}, today=TODAY
        )
    assert "expected_return" in caught.value.errors


def test_the_expected_return_may_be_years_ahead_but_not_a_mistyped_year():
    """Stays of one to three years are usual; 2207 for 2027 is caught, with the latest date allowed."""
    leave = {"since": "2026-11-01", "destination": "江苏省苏州市"}
    data = validate_leave({**leave, "expected_return": "2029-12-31"}, today=TODAY)
    assert data.expected_return == dt.date(2029, 12, 31)
    assert validate_leave({**leave, "expected_return": "2036-11-24"}, today=TODAY).expected_return
    with pytest.raises(FieldErrors) as caught:
        validate_leave({**leave, "expected_return": "2207-01-01"}, today=TODAY)
    assert (
        caught.value.errors["expected_return"]
        == "日期 2207-01-01 比今天晚了 10 年以上，请检查年份（最晚可以写到 2036-11-24）。"
    )


def test_leave_parts_typed_one_by_one_take_precedence():
    data = validate_leave(
        {
            "since": "2026.3.1",
            "destination": "江苏省苏州市昆山市",
            "workplace": "星光电子厂",
            "reason": "打工",
        },
        today=TODAY,
    )
    assert data.since == dt.date(2026, 3, 1)
    assert data.destination == Destination("江苏省", "苏州市", "昆山市", "星光电子厂")
    assert data.reason == "work"
    town = validate_leave(
        {"since": "2026-03-01", "destination": "广东省东莞市长安镇", "workplace": "某五金厂"}, today=TODAY
    )
    assert town.destination == Destination("广东省", "东莞市", "长安镇", "某五金厂")


def test_records_keep_chinese_punctuation_and_refuse_future_dates():
    record = validate_org_life(
        {"date": "2026-04-10", "kind": "主题党日", "content": "学习党章，参观（红色）基地"}, today=TODAY
    )
    assert record.kind == "theme_day" and record.content == "学习党章，参观（红色）基地"
    free = validate_org_life({"date": "2026-04-10", "kind": "读书会", "content": "读书"}, today=TODAY)
    assert free.kind == "读书会"
    with pytest.raises(FieldErrors) as caught:
        validate_org_life({"date": "2026-12-30", "kind": "党课", "content": ""}, today=TODAY)
    assert set(caught.value.errors) == {"date", "content"}
    with pytest.raises(FieldErrors):
        validate_contact({"date": "2026-01-01", "means": "电话", "content": " "}, today=TODAY)
    assert clean_prose("　２０２５年　  学习\r\n") == "2025年 学习"


def test_an_evaluation_needs_a_grade_from_the_list():
    ok = validate_opinion(
        {"kind": "民主评议", "date": "2026-01-10", "year": "2025", "grade": "合格"}, today=TODAY
    )
    assert (ok.kind, ok.year, ok.grade) == ("evaluation", 2025, "合格")
    with pytest.raises(FieldErrors) as caught:
        validate_opinion({"kind": "evaluation", "date": "2026-01-10", "grade": "良好"}, today=TODAY)
    assert "grade" in caught.value.errors
    with pytest.raises(FieldErrors) as caught:
        validate_opinion({"kind": "branch_opinion", "date": "2026-01-10", "text": ""}, today=TODAY)
    assert "text" in caught.value.errors
