"""The 设岗定责公示 board and the duty cards, read back from the PDF: the right text, nothing private
(no ID number, no member's phone, no address), every font embedded, the same bytes on a reprint."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from dangjian_desktop.documents import posts_board as post_board
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import posts
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.members import add_member

SUPERVISION_PHONE = "05318765432"
SUPERVISION_PHONE_PRINTED = "0531-8765432"  # the hyphen after the area code, as on every document
ISSUED = dt.date(2025, 3, 1)
PEOPLE = [
    # name, phone, address, office, post, commitment
    (
        "张建国",
        "13812345601",
        "前进村一组12号",
        "",
        "政策法规宣传岗",
        "每月至少走访群众2次，及时宣传惠农政策",
    ),
    ("李秀英", "13812345602", "前进村二组3号", "", "政策法规宣传岗", "有事请打13912345678找我"),
    ("王德福", "13812345603", "前进村三组8号", "村委会委员", "党务村务监督岗", "每季度查看一次村务公开栏"),
    ("赵桂兰", "13812345604", "前进村四组1号", "", "环境卫生监督岗", "每周巡查房前屋后卫生"),
]


def _id_number(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def board_workspace(workspace):
    save_profile(
        workspace,
        BranchProfile(
            name="中共前进村支部委员会",
            township="城关镇党委",
            secretary="王书记",
            phone="13800000000",
            supervision_phone=SUPERVISION_PHONE,
        ),
    )
    term = posts.term_for_year(workspace, 2025)
    for n, (name, phone, address, office, post, commitment) in enumerate(PEOPLE, start=1):
        member = add_member(
            workspace,
            {"name": name, "id_number": _id_number(n), "phone": phone, "address": address, "office": office},
        )
        posts.assign(
            workspace,
            member.id,
            posts.find_post(workspace, post).id,
            term.id,
            commitment=commitment,
            reason="本人申请，支委会同意" if office else "",
        )
    return workspace, term


def _pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _fonts(data: bytes) -> list[tuple[str, bool]]:
    """Every font on every page, with whether its program is embedded."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor_owner = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


# An oracle of its own, independent of the privacy guard: runs of digits like an ID number or a phone.
ID_NUMBER_PATTERN = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
PHONE_PATTERN = re.compile(r"(?<!\d)(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8}|\d{7,8})(?!\d)")


def _assert_nothing_private(text: str) -> None:
    spaced = text.replace(SUPERVISION_PHONE_PRINTED, " ")
    assert not ID_NUMBER_PATTERN.findall(spaced), ID_NUMBER_PATTERN.findall(spaced)
    assert not PHONE_PATTERN.findall(spaced), PHONE_PATTERN.findall(spaced)
    joined = re.sub(r"\s+", "", text)
    for n, (_name, phone, address, *_rest) in enumerate(PEOPLE, start=1):
        assert phone not in joined and address not in joined and _id_number(n) not in joined
    assert "13800000000" not in joined  # the secretary's own phone is not the public one


@pytest.mark.parametrize("size", ["a4", "a3"])
def test_the_board_reads_back_with_everything_a_notice_needs_and_nothing_private(board_workspace, size):
    workspace, term = board_workspace
    data = posts.board_pdf(workspace, term.id, size, issued_on=ISSUED)
    pages = _pages_text(data)
    text = "\n".join(pages)
    joined = re.sub(r"\s+", "", text)
    for expected in (
        "无职党员设岗定责公示",
        "2025年度",
        "中共前进村支部委员会",
        "岗位名称",
        "岗位职责",
        "上岗党员",
        "服务承诺",
        "政策法规宣传岗",
        "党务村务监督岗",
        "环境卫生监督岗",
        "张建国",
        "李秀英",
        "王德福",
        "赵桂兰",
        "每月至少走访群众2次",
        "宣传党的路线方针政策",
        "公示期：2025年3月1日至2025年3月7日",
        f"监督电话：{SUPERVISION_PHONE_PRINTED}",
        "2025年3月1日",
    ):
        assert expected in joined, expected
    # posts nobody holds are left off
    for empty in ("矛盾纠纷调解岗", "科技种养服务岗", "流动党员联络岗"):
        assert empty not in joined
    assert "＊＊＊" in joined  # the phone typed into a commitment was blanked
    _assert_nothing_private(" ".join(pages))
    assert len(pages) == 1  # four members fit on one sheet
    width, height = (float(v) for v in PdfReader(io.BytesIO(data)).pages[0].mediabox[2:])
    assert (width < height) if size == "a4" else (width > height)


def test_every_font_is_embedded_and_a_reprint_is_identical(board_workspace):
    workspace, term = board_workspace
    for data in (
        posts.board_pdf(workspace, term.id, "a4", issued_on=ISSUED),
        posts.board_pdf(workspace, term.id, "a3", issued_on=ISSUED),
        posts.duty_cards_pdf(workspace, term.id),
    ):
        fonts = _fonts(data)
        assert fonts and all(embedded for _name, embedded in fonts), fonts
        assert not any("Helvetica" in name for name, _embedded in fonts)
    assert posts.board_pdf(workspace, term.id, "a4", issued_on=ISSUED) == posts.board_pdf(
        workspace, term.id, "a4", issued_on=ISSUED
    )


def test_the_duty_cards_have_one_card_per_member_and_post(board_workspace):
    workspace, term = board_workspace
    data = posts.duty_cards_pdf(workspace, term.id)
    pages = _pages_text(data)
    assert len(pages) == 1  # four cards, six to a sheet
    joined = re.sub(r"\s+", "", pages[0])
    assert joined.count("党员责任岗") == 4
    for name, _phone, _address, _office, post, _commitment in PEOPLE:
        assert name in joined and post in joined
    assert "沿虚线剪开" in joined and "2025年度" in joined
    _assert_nothing_private(pages[0])


def test_a_long_board_goes_over_numbered_pages_and_keeps_every_post(board_workspace):
    workspace, term = board_workspace
    content = posts.board_content(workspace, term.id, issued_on=ISSUED)
    many = tuple(content.posts) * 8
    from dataclasses import replace

    data = post_board.board_pdf_bytes(replace(content, posts=many), "a4")
    pages = _pages_text(data)
    assert len(pages) > 1
    assert "—1—" in re.sub(r"\s+", "", pages[0]) and "—2—" in re.sub(r"\s+", "", pages[1])
    assert re.sub(r"\s+", "", "".join(pages)).count("党务村务监督岗") == 8


def test_the_board_text_for_the_notices_module(board_workspace):
    workspace, term = board_workspace
    text = posts.board_text(workspace, term.id, issued_on=ISSUED)
    assert text.splitlines()[0] == "无职党员设岗定责公示"
    assert "张建国" in text and SUPERVISION_PHONE_PRINTED in text
    assert post_board.board_text(posts.board_content(workspace, term.id, issued_on=ISSUED)) == text
    _assert_nothing_private(text)
