"""Rules of public notices: numbering, disclosure periods with working days, the privacy scan, the QR
payload's switch at 900 bytes, and the check code."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.notices import NoticeContent, PrivacyContext


def id_number(birth: str = "19700101", sequence: int = 1) -> str:
    first17 = f"370102{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def content(**changes) -> NoticeContent:
    base = NoticeContent(
        type="free",
        number="党务公开〔2026〕第3号",
        title="关于召开全体党员大会的通知",
        body="经研究，定于2026年3月10日召开全体党员大会。",
        issuer="中共前进村支部委员会",
        issued_on=dt.date(2026, 3, 2),
        period_from=dt.date(2026, 3, 2),
        period_to=dt.date(2026, 3, 8),
        period_days=7,
        phones=("村党支部 0531-87654321",),
    )
    return replace(base, **changes)


# --- numbering -------------------------------------------------------------------------------------------


def test_numbers_are_written_as_official_documents_do():
    # GB/T 9704 7.2.4: no 第 before the sequence number (older notices keep theirs, see the parsing below)
    assert rules.format_notice_number(2026, 3) == "党务公开〔2026〕3号"
    assert rules.format_notice_number(2026, 12) == "党务公开〔2026〕12号"


@pytest.mark.parametrize(
    "typed",
    [
        "党务公开〔2026〕第3号",
        "党务公开[2026]第3号",
        "党务公开（2026）3号",
        "2026-3",
        "２０２６年第３号",
        " 〔2026〕3 ",
    ],
)
def test_numbers_are_read_back_however_they_are_typed(typed):
    assert rules.parse_notice_number(typed) == (2026, 3)


def test_a_text_without_a_year_and_a_number_is_not_a_notice_number():
    with pytest.raises(rules.InvalidNoticeNumber):
        rules.parse_notice_number("第三号")


# --- periods --------------------------------------------------------------------------------------------


def test_calendar_periods_count_the_first_day():
    assert rules.period_end(dt.date(2026, 3, 2), 7) == dt.date(2026, 3, 8)
    assert rules.period_end(dt.date(2026, 2, 26), 7) == dt.date(2026, 3, 4)  # over the month's end


def test_working_day_periods_skip_weekends():
    monday = dt.date(2026, 3, 2)
    assert rules.period_end(monday, 5, working_days=True) == dt.date(2026, 3, 6)  # Friday
    thursday = dt.date(2026, 3, 5)
    assert rules.period_end(thursday, 5, working_days=True) == dt.date(2026, 3, 11)  # next Wednesday


def test_working_day_periods_skip_the_holidays_the_branch_entered():
    holidays = rules.parse_holidays("2026-10-01\n2026-10-02, 2026-10-05 2026-10-06；2026-10-07")
    assert len(holidays) == 5
    start = dt.date(2026, 9, 30)  # Wednesday before 国庆
    # 9-30 counts; 10-1, 10-2 holidays; 10-3/4 weekend; 10-5..7 holidays; then 10-8, 9, 12, 13.
    assert rules.period_end(start, 5, working_days=True, holidays=holidays) == dt.date(2026, 10, 13)


def test_a_working_day_period_starting_on_a_weekend_starts_counting_on_monday():
    saturday = dt.date(2026, 3, 7)
    assert rules.period_end(saturday, 5, working_days=True) == dt.date(2026, 3, 13)


def test_a_bad_holiday_is_refused_with_the_way_to_write_it():
    with pytest.raises(ValueError, match="2026-10-01"):
        rules.parse_holidays("10月1日")


def test_the_period_line_says_days_or_working_days():
    assert "（7天）" in content().period_line()
    working = content(type="recruitment", period_days=5, working_days=True)
    assert working.period_line() == "公示时间：2026年3月2日至2026年3月8日（5个工作日）。"
    assert content(type="resolution").period_line().startswith("公开时间：")


def test_every_type_has_the_period_the_decisions_give():
    days = {t.code: (t.default_days, t.working_days) for t in rules.NOTICE_TYPES}
    assert days["recruitment"] == (5, True)
    for code in ("resolution", "result", "dues", "posts"):
        assert days[code] == (7, False)
    assert set(rules.TYPE_CODES) == {
        "free",
        "dues",
        "posts",
        "recruitment",
        "evaluation",
        "meetings",
        "resolution",
        "result",
    }
    with pytest.raises(AppError):
        rules.notice_type("poster")


# --- the privacy scan -----------------------------------------------------------------------------------


def kinds(text: str, context: PrivacyContext | None = None) -> list[str]:
    return [f.kind for f in rules.scan_text(text, context or PrivacyContext())]


def test_an_id_number_is_found_with_its_line_and_position():
    number = id_number()
    text = f"第一行没有问题。\n请张三（身份证{number}）到村委会领取。"
    findings = rules.scan_text(text, PrivacyContext())
    assert [(f.kind, f.line, f.column, f.value) for f in findings] == [("id_number", 2, 8, number)]
    assert "3701" in findings[0].masked and number not in findings[0].describe()


@pytest.mark.parametrize(
    "written",
    [
        "37010219700101001X",
        "37010219700101001x",
        "370102 19700101 001X",
        "3701 0219 7001 0100 1X",
        "３７０１０２１９７００１０１００１Ｘ",  # typed with a Chinese input method
        "370102700101001",  # an old 15-digit number
    ],
)
def test_id_numbers_are_found_however_they_are_written(written):
    assert kinds(f"身份证号：{written}。") == ["id_number"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("13812345678", "mobile"),
        ("138 1234 5678", "mobile"),
        ("138-1234-5678", "mobile"),
        ("+86 13812345678", "mobile"),
        ("0531-82345678", "landline"),
        ("（0531）82345678", "landline"),
        ("053182345678", "landline"),
        ("82345678", "landline"),
    ],
)
def test_phone_numbers_are_found(written, kind):
    assert kinds(f"联系电话{written}，欢迎来电。") == [kind]


def test_the_public_phones_may_be_printed():
    context = PrivacyContext(public_phones=("村党支部 0531-87654321", "镇纪委 13900001111"))
    assert kinds("监督电话：0531-87654321，镇纪委13900001111，或拨打87654321。", context) == []
    assert kinds("请拨打0531-87654322。", context) == ["landline"]


def test_dates_amounts_and_year_ranges_are_not_phone_numbers():
    text = (
        "2026-03-01召开会议，2026.3.1公示，20260301截止，2025-2026年度，"
        "共收缴党费1234.50元，应到35人，第12号，14:30开始，共1200000元。"
    )
    assert kinds(text) == []


def test_a_roster_phone_is_named_as_a_members_phone_wherever_it_appears():
    context = PrivacyContext(roster_phones=frozenset({"13812345601", "6612345"}))
    assert kinds("张建国13812345601", context) == ["roster_phone"]
    assert kinds("电话：66 12345", context) == ["roster_phone"]  # a short local number from the roster
    assert kinds("编号A913812345601B", context) == ["roster_phone"]


def test_a_roster_phone_that_is_also_a_public_phone_may_be_printed():
    context = PrivacyContext(
        public_phones=("党支部书记 13812345601",), roster_phones=frozenset({"13812345601"})
    )
    assert kinds("监督电话13812345601", context) == []


def test_home_addresses_from_the_roster_are_found_but_not_the_village_name():
    context = PrivacyContext(
        roster_addresses=("前进村3组12号", "城关镇前进村", "东街5号"),
        public_texts=("中共城关镇前进村支部委员会",),
    )
    findings = rules.scan_text("王德福（家住前进村 3组12号）\n城关镇前进村全体党员", context)
    assert [(f.kind, f.line, f.column) for f in findings] == [("address", 1, 7)]
    assert kinds("东街5号", context) == []  # shorter than six characters: too common to refuse


def test_the_notice_scan_names_the_part_where_it_found_something():
    notice = content(title="关于13812345678的通知", body=f"第一行\n第二行{id_number()}")
    found = [(f.part, f.kind, f.line) for f in rules.scan_notice(notice, PrivacyContext())]
    assert found == [("title", "mobile", 1), ("body", "id_number", 2)]
    error = rules.PrivateDataFound(rules.scan_notice(notice, PrivacyContext()))
    assert "138****5678" in error.message and "13812345678" not in error.message


def test_the_supervision_phones_line_is_not_scanned():
    notice = content(phones=("村党支部 0531-87654321",))
    assert rules.scan_notice(notice, PrivacyContext()) == []
    assert "0531-87654321" in notice.full_text()


# --- the content, its hash and the check code -------------------------------------------------------------


def test_the_content_survives_its_json_form_exactly():
    notice = content(working_days=True, refers_to="党务公开〔2026〕第1号", relation="correction")
    text = notice.to_json()
    assert NoticeContent.from_json(text) == notice
    assert NoticeContent.from_json(text).to_json() == text


def test_the_check_code_is_short_readable_and_follows_the_content():
    digest = rules.content_hash(content())
    code = rules.check_code(digest)
    assert len(code) == 8 and set(code) <= set(rules.CHECK_ALPHABET)
    assert not set(code) & set("01IO")
    assert rules.check_code(rules.content_hash(content())) == code  # the same content, the same code
    assert rules.check_code(rules.content_hash(content(body="经研究，定于2026年3月11日召开。"))) != code
    assert rules.format_check_code("7K3M9QXA") == "7K3M-9QXA"
    assert rules.normalize_check_code(" 7k3m－9qxa ") == "7K3M9QXA"


def test_the_check_codes_of_many_notices_differ():
    codes = {rules.check_code(rules.content_hash(content(body=f"第{n}项"))) for n in range(2000)}
    assert len(codes) == 2000


# --- the QR payload ---------------------------------------------------------------------------------------


def body_of_length(size: int) -> str:
    """A body whose full QR text is exactly ``size`` bytes of UTF-8 (if reachable with 3-byte hanzi and
    1-byte digits)."""
    notice = content(body="")
    base = len(rules.full_qr_text(notice, "ABCDEFGH").encode("utf-8"))
    missing = size - base
    return "公" * (missing // 3) + "1" * (missing % 3)


def test_a_short_notice_is_in_the_qr_code_in_full():
    notice = content()
    plan = rules.qr_plan(notice, "ABCDEFGH")
    assert plan.kind == rules.FULL
    assert plan.payload == (
        "关于召开全体党员大会的通知\n"
        "党务公开〔2026〕第3号\n"
        "公示时间：2026年3月2日至2026年3月8日（7天）。\n"
        "\n"
        "经研究，定于2026年3月10日召开全体党员大会。\n"
        "\n"
        "中共前进村支部委员会\n"
        "2026年3月2日\n"
        "校验码：ABCD-EFGH"
    )
    assert "全文" in plan.caption


def test_the_qr_code_switches_to_an_abstract_above_the_limit():
    limit = rules.QR_TEXT_LIMIT  # 450 bytes: at most 81 modules, 0.6 mm each in 50 mm
    at_limit = content(body=body_of_length(limit))
    assert len(rules.full_qr_text(at_limit, "ABCDEFGH").encode("utf-8")) == limit
    assert rules.qr_plan(at_limit, "ABCDEFGH").kind == rules.FULL
    over = content(body=body_of_length(limit + 1))
    assert len(rules.full_qr_text(over, "ABCDEFGH").encode("utf-8")) == limit + 1
    plan = rules.qr_plan(over, "ABCDEFGH")
    assert plan.kind == rules.ABSTRACT
    assert len(plan.payload.encode("utf-8")) <= rules.QR_TEXT_LIMIT
    assert over.number in plan.payload and "ABCD-EFGH" in plan.payload and over.title in plan.payload
    assert "摘要" in plan.caption


def test_a_notice_can_hold_a_link_instead():
    notice = content(qr_mode=rules.QR_LINK, qr_link=rules.link_template("https://example.cn/dwgk"))
    plan = rules.qr_plan(notice, "ABCDEFGH")
    assert plan.kind == rules.LINK
    assert plan.payload.startswith("https://example.cn/dwgk?no=")
    assert "ABCD-EFGH" in plan.payload
    fixed = content(qr_mode=rules.QR_LINK, qr_link="https://mp.weixin.qq.com/s/abc")
    assert rules.qr_plan(fixed, "ABCDEFGH").payload == "https://mp.weixin.qq.com/s/abc"


def test_phones_are_printed_grouped():
    assert rules.format_phone("053187654321") == "0531-87654321"
    assert rules.format_phone("01012345678") == "010-12345678"
    assert rules.format_phone("13812345678") == "13812345678"
    assert rules.parse_public_phones("镇党委组织委员 0531-82345678\n\n镇纪委  0531-82345679") == (
        "镇党委组织委员 0531-82345678",
        "镇纪委 0531-82345679",
    )
    with pytest.raises(ValueError):
        rules.parse_public_phones("镇党委组织委员")


def test_an_empty_notice_number_asks_for_the_number():
    import pytest

    from dangjian_desktop.domain.notices import InvalidNoticeNumber, parse_notice_number

    with pytest.raises(InvalidNoticeNumber) as caught:
        parse_notice_number("  ")
    assert "请填写公告编号" in caught.value.message


def test_a_matter_notice_is_issued_by_the_party_branch_and_the_villagers_committee():
    from dangjian_desktop.domain.notices import joint_issuer

    assert joint_issuer("中共红旗村支部委员会") == "中共红旗村支部委员会 红旗村村民委员会"
    assert joint_issuer("中共红旗村总支部委员会") == "中共红旗村总支部委员会 红旗村村民委员会"
    assert joint_issuer("中共幸福社区支部委员会") == "中共幸福社区支部委员会 幸福社区居民委员会"
    assert (
        joint_issuer("城关镇机关第一党支部") == "城关镇机关第一党支部"
    )  # no village named: the branch alone
