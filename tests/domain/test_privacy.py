"""The privacy guard sees what a reader sees (reliability.md D5 and §3.8: every way of writing an ID
number or a mobile that slipped past the old check), and still lets dates, amounts and the public phones
through."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.privacy import PrivacyContext, read_as_seen, redact, scan_text

ID = "110105199003071239"  # a valid check digit, as in the review
MOBILE = "13812345678"


def kinds(text: str, context: PrivacyContext | None = None) -> list[str]:
    return [f.kind for f in scan_text(text, context or PrivacyContext())]


ID_VARIANTS = {
    "double spaces": "110105  19900307  1239",
    "dots": "110105.19900307.1239",
    "slashes": "110105/19900307/1239",
    "underscores": "110105_19900307_1239",
    "commas": "110,105,199,003,071,239",
    "Chinese commas": "110105，19900307，1239",
    "tabs": "110105\t19900307\t1239",
    "brackets per group": "(110105)(19900307)(1239)",
    "full-width brackets": "（110105）（19900307）（1239）",
    "square brackets": "【110105】【19900307】【1239】",
    "two lines": "110105199\n003071239",
    "two lines, Windows": "110105199\r\n   003071239",
    "zero-width joiner": "110105199\u200d003071239",
    "zero-width non-joiner": "1101051\u200c99003071239",
    "soft hyphen": "110105\u00ad19900307\u00ad1239",
    "thin space": "110105\u200919900307\u20091239",
    "narrow no-break space": "110105\u202f19900307\u202f1239",
    "zero-width space": "110105\u200b19900307\u200b1239",
    "full-width digits with dots": "１１０１０５．１９９００３０７．１２３９",
    "mixed width and dashes": "110105－１９９００３０７—1239",
    "Chinese numerals": "一一〇一〇五一九九〇〇三〇七一二三九",
    "mathematical digits": "𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟗𝟎𝟎𝟑𝟎𝟕𝟏𝟐𝟑𝟗",
    "O and l for 0 and 1": "ll0l05l99003O7l239",
    "plain": ID,
    "after a number and a comma": "1，" + ID,
    "ending in X with dots": "370102.19700101.001X",
    "old 15-digit with dots": "110105.900307.123",
    "old 15-digit split over lines": "1101059\n00307123",
}


@pytest.mark.parametrize("written", ID_VARIANTS.values(), ids=ID_VARIANTS.keys())
def test_an_id_number_is_caught_however_it_is_written(written):
    for text in (f"联系人身份证{written}，请核对。", written, f"身份证：{written}"):
        assert kinds(text) == ["id_number"], text


MOBILE_VARIANTS = {
    "plain": MOBILE,
    "dots": "138.1234.5678",
    "slashes": "138/1234/5678",
    "double spaces": "138  1234  5678",
    "split over lines": "138\n1234\n5678",
    "zero-width joiner": "138\u200d12345678",
    "brackets": "(138)12345678",
    "brackets per group": "(138)(1234)(5678)",
    "underscores": "138_1234_5678",
    "commas": "138,1234,5678",
    "tab": "138\t1234\t5678",
    "country code": "+86 138 1234 5678",
    "country code with dots": "+86.138.1234.5678",
    "full-width with dots": "１３８．１２３４．５６７８",
    "soft hyphens": "138\u00ad1234\u00ad5678",
    "Chinese numerals": "一三八一二三四五六七八",
}


@pytest.mark.parametrize("written", MOBILE_VARIANTS.values(), ids=MOBILE_VARIANTS.keys())
def test_a_mobile_is_caught_however_it_is_written(written):
    assert kinds(f"联系电话{written}。") == ["mobile"]


def test_the_review_s_example_is_caught_with_its_place():
    text = "经研究，现公示如下：\n联系人身份证110105199\n003071239，电话138.1234.5678。\n"
    found = scan_text(text, PrivacyContext())
    assert [(f.kind, f.line, f.column) for f in found] == [("id_number", 2, 7), ("mobile", 3, 13)]
    assert found[0].masked == "1101**********1239"
    assert found[1].masked == "138****5678"


def test_a_roster_phone_written_with_slashes_is_a_roster_phone():
    context = PrivacyContext(roster_phones=frozenset({"13900000001"}))
    assert kinds("联系139/0000/0001", context) == ["roster_phone"]
    assert kinds("联系13900000001", context) == ["roster_phone"]


PUBLIC = PrivacyContext(public_phones=("村党支部 0531-87654321", "镇纪委 13900001111"))


@pytest.mark.parametrize(
    "written",
    [
        "0531-87654321",
        "0531.8765.4321",
        "（0531）87654321",
        "０５３１－８７６５４３２１",
        "87654321",
        "13900001111",
        "139.0000.1111",
        "139\u200d0000\u200d1111",
        "+86 139 0000 1111",
        "一三九〇〇〇〇一一一一",
    ],
)
def test_the_public_phones_pass_however_they_are_written(written):
    assert kinds(f"监督电话：{written}。", PUBLIC) == []


def test_a_public_phone_next_to_a_private_one_does_not_shield_it():
    assert kinds("监督电话13900001111，联系人138.1234.5678", PUBLIC) == ["mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-01召开会议，2026.3.1公示，20260301截止，2025-2026年度。",
        "公示期：2026.3.1-2026.3.15，1999.3.1-1999.3.15。",
        "时间：2025.12.31—2026.01.01，2026/01/01至2026/01/15。",
        "共收缴党费23456.50元，1,234.50元，12,345,678.00元。",
        "缴纳月份：1、2、3、4、5、6、7、8、9、10、11、12月。",
        "第1、3、5、7、9、11、13、15组。",
        "党务公开〔2026〕第12号，14:30开始，应到35人，实到33人。",
        "序号 1 2 3 4 5 6 7 8 9 10",
        "二〇二六年三月一日",
        "Hello World, I will call at 14:30.",
    ],
)
def test_dates_amounts_and_lists_are_left_alone(text):
    assert kinds(text) == []


def test_the_reader_s_text_keeps_positions_of_the_original():
    reading = read_as_seen("a\u200db１")
    assert reading.text == "ab1"
    assert reading.span(1, 3) == (2, 4)


def test_redact_masks_names_and_numbers_and_keeps_the_rest():
    assert redact("张三110105199003071239", PrivacyContext()) == "张三＊＊＊"
    assert redact("李四，电话138.1234.5678，负责卫生", PrivacyContext()) == "李四，电话＊＊＊，负责卫生"
    assert redact("监督电话0531-87654321", PUBLIC) == "监督电话0531-87654321"
    assert redact("", PrivacyContext()) == ""
