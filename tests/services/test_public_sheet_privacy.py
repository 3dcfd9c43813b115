"""The privacy guard on what is pinned on the board (reliability.md D5, §3.8; first-week.md m14): a
notice with an ID number or a mobile written in any of the ways that slipped through is refused in every
part, with the phones that may be printed and where to add one; the post board masks every field it
prints, names included; the public phones still pass."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.privacy import digits_of
from dangjian_desktop.services import members, notices, posts
from dangjian_desktop.services.branch import BranchProfile, save_profile

TODAY = dt.date(2026, 3, 2)
ID = "110105199003071239"

WRITTEN = {
    "ID, dots": "110105.19900307.1239",
    "ID, slashes": "110105/19900307/1239",
    "ID, double spaces": "110105  19900307  1239",
    "ID, underscores": "110105_19900307_1239",
    "ID, commas": "110,105,199,003,071,239",
    "ID, tabs": "110105\t19900307\t1239",
    "ID, brackets": "(110105)(19900307)(1239)",
    "ID, two lines": "110105199\n003071239",
    "ID, U+200D": "110105199\u200d003071239",
    "ID, U+200C": "110105199\u200c003071239",
    "ID, U+00AD": "110105199\u00ad003071239",
    "ID, U+2009": "110105\u200919900307\u20091239",
    "ID, U+202F": "110105\u202f19900307\u202f1239",
    "ID, Chinese numerals": "一一〇一〇五一九九〇〇三〇七一二三九",
    "ID, mathematical digits": "𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟗𝟎𝟎𝟑𝟎𝟕𝟏𝟐𝟑𝟗",
    "ID, O and l": "ll0l05l99003O7l239",
    "old ID, dots": "110105.900307.123",
    "mobile, two lines": "138\n1234\n5678",
    "mobile, dots": "138.1234.5678",
    "mobile, double spaces": "138  1234  5678",
    "mobile, U+200D": "138\u200d12345678",
    "mobile, brackets": "(138)12345678",
    "mobile, slashes": "138/1234/5678",
}


def id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def branch(workspace):
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会", supervision_phone="05318765432"))
    notices.save_notice_settings(
        workspace, public_phones=["镇党委组织委员 0531-82345678", "镇纪委 13900001111"]
    )
    return workspace


def draft(workspace, **fields):
    values = {"title": "通知", "body": "经研究，定于2026年3月10日召开全体党员大会。"} | fields
    return notices.create_draft(workspace, "free", today=TODAY, **values)


@pytest.mark.parametrize("written", WRITTEN.values(), ids=WRITTEN.keys())
@pytest.mark.parametrize("part", ["title", "body", "table cell"])
def test_a_notice_with_a_hidden_number_is_not_published(branch, written, part):
    if part == "title":
        made = draft(branch, title=f"关于{written}的通知")
    elif part == "table cell":
        made = draft(branch, body=f"姓名｜联系方式\n张三｜{written}")
    else:
        made = draft(branch, body=f"经研究，现公示如下：\n联系人{written}。")
    with pytest.raises(notices.PrivateDataFound) as refused:
        notices.publish(branch, made.id)
    assert [f.part for f in refused.value.findings] == ["title" if part == "title" else "body"]
    assert notices.get_notice(branch, made.id).is_draft
    assert notices.list_notices(branch)[0].number == ""  # no number used up


def test_the_issuer_is_checked_too(branch):
    made = draft(branch)
    notices.update_draft(branch, made.id, {"issuer": "联系人138.1234.5678"})
    with pytest.raises(notices.PrivateDataFound) as refused:
        notices.publish(branch, made.id)
    assert [f.part for f in refused.value.findings] == ["issuer"]


def test_the_refusal_names_the_public_phones_and_where_to_add_one(branch):
    made = draft(branch, body="联系人：张秀英，电话138.6666.1234")
    refusal = notices.privacy_refusal(branch, made.id)
    assert refusal is not None
    message = refusal.message
    assert "138****1234" in message and "1386666" not in message
    assert "镇党委组织委员 0531-82345678" in message and "镇纪委 13900001111" in message
    assert "党务公开 → 设置" in message and "公开电话" in message
    assert not re.search(r"[A-Za-z]{4,}", message)  # Chinese, no English words
    with pytest.raises(notices.PrivateDataFound) as refused:
        notices.publish(branch, made.id)
    assert refused.value.message == message


def test_an_id_number_alone_does_not_talk_about_phones(branch):
    made = draft(branch, body="身份证110105.19900307.1239")
    refusal = notices.privacy_refusal(branch, made.id)
    assert refusal is not None and "公开电话" not in refusal.message


@pytest.mark.parametrize(
    "written",
    ["0531.8234.5678", "（0531）82345678", "139.0000.1111", "139\u200d0000\u200d1111", "0531-8765432"],
)
def test_the_public_phones_still_pass(branch, written):
    published = notices.publish(branch, draft(branch, body=f"监督电话：{written}。").id)
    assert published.number


# --- the post board --------------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_post_board_masks_every_field_it_prints_names_included(branch):
    def add(name: str, sequence: int) -> int:
        return members.add_member(
            branch, {"name": name, "id_number": id_number(sequence), "joined_date": "1995-07-01"}
        ).id

    named_with_id = add("张三110105199003071239", 1)
    named_with_phone = add("李四13812345678", 2)
    plain = add("王五", 3)
    term = posts.term_for_year(branch, 2026)
    first, second = posts.list_posts(branch)[:2]
    posts.update_post(
        branch, first.id, {"name": first.name, "duties": "有事联系138.1234.5678\n监督电话139.0000.1111"}
    )
    posts.assign(branch, named_with_id, first.id, term.id, commitment="电话138/1234/5678")
    posts.assign(
        branch, named_with_phone, first.id, term.id, commitment="身份证110105\u200d19900307\u200d1239"
    )
    posts.assign(branch, plain, second.id, term.id, commitment="每月走访2次，2026.3.1起")
    content = posts.board_content(branch, term.id)
    names = [m.name for p in content.posts for m in p.members]
    assert names == ["张三＊＊＊", "李四＊＊＊", "王五"]
    text = _pdf_text(posts.board_pdf(branch, term.id))
    cards = _pdf_text(posts.duty_cards_pdf(branch, term.id))
    for printed in (text, cards):
        digits = digits_of(printed)
        for secret in (ID, "13812345678"):
            assert secret not in digits
        assert "＊＊＊" in printed and "王五" in printed
    assert "139.0000.1111" in re.sub(r"\s+", "", text)  # a public phone stays
    assert "2026.3.1" in text and "走访2次" in text  # dates and counts stay
