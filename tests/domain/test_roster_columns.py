from __future__ import annotations

import pytest

from dangjian_desktop.domain.roster_columns import (
    COLUMNS,
    REQUIRED_KEYS,
    RosterColumn,
    column,
    find_header_row,
    header_key,
    match_headers,
    normalize_header,
)

EXPECTED_ORDER = [
    ("name", "姓名"),
    ("sex", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("id_number", "公民身份号码"),
    ("education", "学历"),
    ("category", "人员类别"),
    ("joined_date", "入党日期"),
    ("full_member_date", "转正日期"),
    ("branch_name", "所在党支部"),
    ("phone", "联系电话"),
    ("address", "家庭住址"),
    ("occupation", "工作岗位"),
    ("standing", "党籍状态"),
    ("flowing", "是否流动党员"),
    ("away_place", "外出地点"),
    ("holds_activity_book", "是否持活动证"),
    ("dues_category", "党费类别"),
    ("party_group", "党小组"),
    ("office", "职务"),
    ("notes", "备注"),
]


def test_columns_in_export_order() -> None:
    assert [(c.key, c.title) for c in COLUMNS] == EXPECTED_ORDER


def test_required_keys() -> None:
    assert REQUIRED_KEYS == ("name", "id_number")


def test_column_lookup() -> None:
    assert column("id_number") == RosterColumn(
        "id_number",
        "公民身份号码",
        ("身份证号码", "身份证号", "身份证", "公民身份证号码", "身份号码", "证件号码"),
    )
    assert column("notes").title == "备注"
    with pytest.raises(KeyError):
        column("nonexistent")


def test_every_name_belongs_to_exactly_one_column() -> None:
    seen: dict[str, str] = {}
    for col in COLUMNS:
        for name in col.names:
            normalized = normalize_header(name)
            assert normalized == name, name
            assert normalized not in seen, f"{name} is used by {seen.get(normalized)} and {col.key}"
            seen[normalized] = col.key
            assert header_key(name) == col.key


@pytest.mark.parametrize(
    ("synonym", "key"),
    [
        ("名字", "name"),
        ("党员姓名", "name"),
        ("出生年月", "birth_date"),
        ("身份证号码", "id_number"),
        ("身份证号", "id_number"),
        ("最高学历", "education"),
        ("党员类别", "category"),
        ("入党时间", "joined_date"),
        ("加入党组织日期", "joined_date"),
        ("转正时间", "full_member_date"),
        ("手机号码", "phone"),
        ("现居住地", "address"),
        ("职业", "occupation"),
        ("工作岗位/职业", "occupation"),
        ("党籍", "standing"),
        ("流动党员", "flowing"),
        ("流入地", "away_place"),
        ("持活动证", "holds_activity_book"),
        ("工作/收入类别", "dues_category"),
        ("所在党小组", "party_group"),
        ("党内职务", "office"),
        ("说明", "notes"),
    ],
)
def test_synonyms(synonym: str, key: str) -> None:
    assert header_key(synonym) == key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("姓名", "姓名"),
        ("姓  名", "姓名"),
        (" 姓\u3000名 ", "姓名"),
        ("姓\n名", "姓名"),
        ("出生\r\n日期", "出生日期"),
        ("姓名*", "姓名"),
        ("*姓名", "姓名"),
        ("姓名 *", "姓名"),
        ("姓名（必填）", "姓名"),
        ("姓名(必填)", "姓名"),
        ("姓名（必填）*", "姓名"),
        ("\ufeff姓名", "姓名"),
        ("工作/收入类别", "工作/收入类别"),
        ("工作／收入类别", "工作/收入类别"),
        (None, ""),
        ("", ""),
        (12, "12"),
    ],
)
def test_normalize_header(raw: object, expected: str) -> None:
    assert normalize_header(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("出生日期(年月日)", "birth_date"),
        ("联系电话（手机）", "phone"),
        ("入党时间（年月）*", "joined_date"),
        ("身份证号码(18位)", "id_number"),
        ("序号", None),
        ("年龄", None),
        ("", None),
        (None, None),
        ("(必填)", None),
        ("姓名性别", None),
    ],
)
def test_header_key(raw: object, key: str | None) -> None:
    assert header_key(raw) == key


def test_match_headers() -> None:
    cells = ["序号", "姓 名", "性别", None, "身份证号码", "入党时间", "联系电话*", "年龄", 3]
    assert match_headers(cells) == {
        "name": 1,
        "sex": 2,
        "id_number": 4,
        "joined_date": 5,
        "phone": 6,
    }


def test_match_headers_first_occurrence_wins() -> None:
    assert match_headers(["姓名", "身份证号", "电话", "手机号码", "姓名"]) == {
        "name": 0,
        "id_number": 1,
        "phone": 2,
    }


def test_match_headers_empty() -> None:
    assert match_headers([]) == {}
    assert match_headers([None, "", "  "]) == {}


def test_match_headers_all_titles() -> None:
    titles = [c.title for c in COLUMNS]
    assert match_headers(titles) == {c.key: i for i, c in enumerate(COLUMNS)}


def test_find_header_in_first_row() -> None:
    rows = [["姓名", "性别", "公民身份号码"], ["张三", "男", "370101190102039973"]]
    assert find_header_row(rows) == (0, {"name": 0, "sex": 1, "id_number": 2})


def test_find_header_below_a_title_and_merged_cells() -> None:
    rows = [
        ["XX村党支部党员花名册", None, None, None, None, None],
        ["填报单位：XX村党支部", None, None, "填报日期：2025年6月1日", None, None],
        [None, None, None, None, None, None],
        ["序号", "姓  名", "性\n别", "出生年月", "身份证号码*", "入党时间"],
        [1, "张三", "男", "1990.1", "370101190102039973", "2015.7"],
        [2, "李四", "女", "1985.3", "11010519491231002X", "2010.7"],
    ]
    assert find_header_row(rows) == (
        3,
        {"name": 1, "sex": 2, "birth_date": 3, "id_number": 4, "joined_date": 5},
    )


def test_find_header_without_id_column_needs_three_columns() -> None:
    rows = [["名单"], ["姓名", "性别", "民族"], ["张三", "男", "汉族"]]
    assert find_header_row(rows) == (1, {"name": 0, "sex": 1, "ethnicity": 2})
    assert find_header_row([["姓名", "性别"], ["张三", "男"]]) is None


def test_find_header_requires_the_name() -> None:
    rows = [["性别", "民族", "公民身份号码", "入党日期"], ["男", "汉族", "370101190102039973", "2015-07-01"]]
    assert find_header_row(rows) is None


def test_find_header_not_found() -> None:
    assert find_header_row([]) is None
    assert find_header_row([["随便写的"], ["张三", "男"]]) is None


def test_find_header_respects_max_scan() -> None:
    rows = [[None]] * 5 + [["姓名", "身份证号"]]
    assert find_header_row(rows, max_scan=5) is None
    assert find_header_row(rows, max_scan=6) == (5, {"name": 0, "id_number": 1})
    assert find_header_row(rows) == (5, {"name": 0, "id_number": 1})


def test_two_row_header_with_group_title() -> None:
    # "入党时间" is a merged group title over two columns; 姓名 etc. sit in the lower row.
    rows = [
        ["XX村党员花名册", None, None, None, None],
        [None, None, None, "入党时间", None],
        ["姓名", "性别", "身份证号", "入党日期", "转正日期"],
        ["张三", "男", "370101190102039973", "2015.7", "2016.7"],
    ]
    header_index, mapping = find_header_row(rows)  # type: ignore[misc]
    assert header_index == 2
    assert mapping == {"name": 0, "sex": 1, "id_number": 2, "joined_date": 3, "full_member_date": 4}


def test_two_row_header_with_names_merged_over_both_rows() -> None:
    # 姓名/身份证号 are merged vertically (value in the upper row, None below); the group title
    # "入党时间" spans the two sub-columns of the lower row.
    rows = [
        ["党员花名册", None, None, None, None, None],
        ["序号", "姓名", "身份证号", "入党时间", None, "联系电话"],
        [None, None, None, "入党日期", "转正日期", None],
        [1, "张三", "370101190102039973", "2015.7", "2016.7", "13812345678"],
    ]
    assert find_header_row(rows) == (
        2,
        {"name": 1, "id_number": 2, "joined_date": 3, "full_member_date": 4, "phone": 5},
    )


def test_two_row_header_where_the_lower_row_completes_the_header() -> None:
    rows = [
        ["序号", "姓名", "基本情况", None, None],
        [None, None, "性别", "民族", "身份证号码"],
        [1, "张三", "男", "汉族", "370101190102039973"],
    ]
    assert find_header_row(rows) == (1, {"name": 1, "sex": 2, "ethnicity": 3, "id_number": 4})


def test_data_row_is_not_taken_for_a_sub_header() -> None:
    rows = [
        ["姓名", "性别", "身份证号", "是否流动党员", "备注"],
        ["张三", "男", "370101190102039973", "是", "流动党员"],
    ]
    assert find_header_row(rows) == (0, {"name": 0, "sex": 1, "id_number": 2, "flowing": 3, "notes": 4})


def test_short_rows_and_tuples() -> None:
    rows = (("标题",), (), ("姓名", "公民身份号码", "电话"), ("张三",))
    assert find_header_row(rows) == (2, {"name": 0, "id_number": 1, "phone": 2})
