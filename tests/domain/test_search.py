"""Finding members as the secretary types: names, pinyin initials, surnames read their own way, digits."""

from dangjian_desktop.domain.search import SearchIndex, build_search_key, pinyin_spellings

MEMBERS = [
    ("张三", "370101190102039973", "13812345678"),
    ("单雄信", "11010519491231002X", ""),
    ("曾国藩", "440524188001010014", "053112345678"),
    ("解缙", "513101198201130014", "13900001111"),
    ("李四", "370102197001010011", ""),
    ("尉迟恭", "370102197001010038", ""),
]


def _index() -> SearchIndex:
    return SearchIndex([build_search_key(*member) for member in MEMBERS])


def _names(query: str) -> list[str]:
    hits = _index().search(query)
    return [] if hits is None else [MEMBERS[i][0] for i in hits]


def test_initials_find_the_member():
    assert _names("zs") == ["张三"]
    assert _names("ZS") == ["张三"]
    assert _names("z") == ["张三", "曾国藩"]


def test_surnames_with_their_own_reading_are_found_both_ways():
    assert _names("sxx") == ["单雄信"]  # 单 as a surname is shan
    assert _names("dxx") == ["单雄信"]  # and what pypinyin says by default still works
    assert _names("zgf") == ["曾国藩"]
    assert _names("xj") == ["解缙"]
    assert _names("shanxiongxin") == ["单雄信"]
    assert _names("ycg") == ["尉迟恭"]


def test_full_pinyin_and_chinese_characters():
    assert _names("zhangsan") == ["张三"]
    assert _names("雄") == ["单雄信"]


def test_digits_match_the_end_of_the_id_number_or_phone():
    assert _names("9973") == ["张三"]
    assert _names("002x") == ["单雄信"]
    assert _names("1111") == ["解缙"]
    assert _names("1901") == []  # the middle of an ID number (a birth year) is not a match


def test_an_empty_query_means_no_search():
    assert _index().search("  ") is None


def test_full_width_input_is_understood():
    assert _names("ｚｓ") == ["张三"]
    assert _names("９９７３") == ["张三"]


def test_pinyin_spellings_list_the_surname_reading_first():
    initials, full = pinyin_spellings("曾国藩")
    assert initials[0] == "zgf" and full[0] == "zengguofan"
