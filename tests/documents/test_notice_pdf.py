"""The printed notice: each kind rendered, its text read back with pypdf, its QR code decoded from a
rendering of the page by an independent decoder (zbar) to exactly the intended content, fonts embedded,
A3, page numbers, and a byte-identical reprint."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pyzbar.pyzbar import ZBarSymbol, decode
from reportlab.lib.units import mm

from dangjian_desktop.documents import notices_pdf as notice_pdf
from dangjian_desktop.documents.notices_pdf import notice_pdf_bytes, qr_matrix
from dangjian_desktop.domain import notice_texts as texts
from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.notices import NoticeContent
from support.paper_branch import notice_content

CODE = "7K3M9QXA"
ISSUER = "中共前进村支部委员会"


def notice(type_code: str, generated: texts.GeneratedText, **changes) -> NoticeContent:
    base = notice_content(
        type_code,
        generated,
        number="党务公开〔2026〕第3号",  # as published before 第 was dropped: kept as it was frozen
        issuer=ISSUER,
        issued_on=dt.date(2026, 3, 2),
        phones=("村党支部 0531-87654321", "镇党委组织委员 0531-82345678"),
    )
    return replace(base, **changes)


STEPS = [
    texts.StepLine("村党组织提议", "村党组织会议", dt.date(2026, 2, 10), 5, 5, 5, 0, 0),
    texts.StepLine("村“两委”会议商议", "村“两委”联席会议", dt.date(2026, 2, 15), 9, 8, 8, 0, 0),
    texts.StepLine("党员大会审议", "党员大会", dt.date(2026, 2, 20), 30, 25, 22, 2, 1),
    texts.StepLine("村民代表会议或村民会议决议", "村民代表会议", dt.date(2026, 2, 25), 40, 30, 28, 1, 1),
]
NAMES = ["张建国", "李秀英", "王德福", "赵桂兰", "刘志强", "陈玉梅", "杨国庆", "黄春花"]

ALL_KINDS = {
    "free": texts.GeneratedText(
        "关于召开全体党员大会的通知", "经村党支部研究，定于2026年3月10日召开全体党员大会。"
    ),
    "dues": texts.dues_text(
        ISSUER,
        (2026, 1),
        (2026, 3),
        [texts.DuesLine(name, 3, Decimal("1.50")) for name in NAMES],
        Decimal("12.00"),
        Decimal("0.00"),
    ),
    "posts": texts.posts_text(
        ISSUER,
        "2026年度",
        [
            texts.PostLine(
                "政策法规宣传岗", ("宣传党的路线方针政策", "向群众讲解惠农政策"), ("张建国", "李秀英")
            ),
            texts.PostLine("环境卫生监督岗", ("监督房前屋后环境卫生",), ("王德福",)),
        ],
    ),
    "recruitment": texts.recruitment_text(
        texts.Candidate(
            "development",
            "赵小明",
            "男",
            1995,
            "高中",
            "农民",
            dt.date(2024, 3, 1),
            dt.date(2024, 9, 1),
            dt.date(2026, 2, 20),
        )
    ),
    "evaluation": texts.evaluation_text(
        ISSUER,
        2025,
        [(n, "优秀" if i < 2 else "合格") for i, n in enumerate(NAMES)],
        ("优秀", "合格", "基本合格", "不合格"),
    ),
    "meetings": texts.meetings_text(
        ISSUER,
        2025,
        [
            texts.MeetingLine(dt.date(2025, 3, 5), "支部党员大会", "学习党章", 30, 27),
            texts.MeetingLine(dt.date(2025, 4, 1), "党课", "乡村振兴", 30, 25),
        ],
    ),
    "resolution": texts.resolution_text("村道硬化工程", "对村内主干道1.2公里进行硬化，预算30万元。", STEPS),
    "result": texts.result_text(
        "村道硬化工程", "党务公开〔2026〕第2号", dt.date(2026, 5, 1), "已完工，经验收合格。"
    ),
}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def render(data: bytes, page: int = -1, dpi: int = 200):
    document = pdfium.PdfDocument(data)
    try:
        index = page if page >= 0 else len(document) + page
        return document[index].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def decoded(data: bytes, dpi: int = 200) -> list[str]:
    return [
        found.data.decode("utf-8") for found in decode(render(data, dpi=dpi), symbols=[ZBarSymbol.QRCODE])
    ]


def _fonts(resources, seen: set[int]) -> list:
    found = []
    if resources is None:
        return found
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(id(xobject))
            found += _fonts(xobject.get("/Resources"), seen)
    return found


@pytest.mark.linux_only
@pytest.mark.parametrize("type_code", list(ALL_KINDS))
def test_each_kind_prints_its_text_and_a_qr_code_that_decodes_exactly(type_code):
    content = notice(type_code, ALL_KINDS[type_code])
    data = notice_pdf_bytes(content, CODE)
    text = squeeze(pdf_text(data))
    for part in (content.title, content.number, ISSUER, "2026年3月2日", "0531-87654321", "校验码：7K3M-9QXA"):
        assert squeeze(part) in text, part
    for line in content.body.splitlines():
        for cell in line.split(rules.TABLE_SEPARATOR):
            assert squeeze(cell) in text, cell
    assert squeeze(content.period_line()) in text
    plan = rules.qr_plan(content, CODE)
    assert decoded(data) == [plan.payload]
    if plan.kind == rules.FULL:
        assert content.body in plan.payload and content.title in plan.payload


@pytest.mark.linux_only
def test_a_short_notice_holds_its_full_text_chinese_included():
    content = notice("free", ALL_KINDS["free"])
    data = notice_pdf_bytes(content, CODE)
    expected = "\n".join(
        [
            "关于召开全体党员大会的通知",
            "党务公开〔2026〕第3号",
            "公示时间：2026年3月2日至2026年3月8日（7天）。",
            "",
            "经村党支部研究，定于2026年3月10日召开全体党员大会。",
            "",
            "中共前进村支部委员会",
            "2026年3月2日",
            "校验码：7K3M-9QXA",
        ]
    )
    assert decoded(data, dpi=150) == [expected]
    assert "扫码查看本公示全文" in squeeze(pdf_text(data))


@pytest.mark.linux_only
def test_a_notice_up_to_the_limit_is_in_the_code_in_full_with_modules_of_0_6_mm():
    filler = "经村党支部委员会研究，决定对村内主干道进行硬化，资金使用情况接受村务监督委员会监督。"
    body = filler
    content = notice("free", ALL_KINDS["free"], body=body)
    while (
        len(rules.full_qr_text(replace(content, body=body + "公"), CODE).encode("utf-8"))
        <= rules.QR_TEXT_LIMIT
    ):
        body += "公"
    content = replace(content, body=body)
    plan = rules.qr_plan(content, CODE)
    assert plan.kind == rules.FULL and len(plan.payload.encode("utf-8")) > rules.QR_TEXT_LIMIT - 4
    assert decoded(notice_pdf_bytes(content, CODE)) == [plan.payload]
    modules = len(qr_matrix(plan.payload))
    assert notice_pdf._qr_side(modules) / modules >= 0.6 * mm - 1e-9  # readable on the board
    longer = replace(content, body=body + "公公")
    assert rules.qr_plan(longer, CODE).kind == rules.ABSTRACT


@pytest.mark.linux_only
def test_a_long_notice_holds_an_abstract_and_says_so():
    lines = [texts.DuesLine(f"{NAMES[i % 8]}{i}", 3, Decimal("1.50")) for i in range(60)]
    generated = texts.dues_text(ISSUER, (2026, 1), (2026, 3), lines, Decimal("90.00"), Decimal("0.00"))
    content = notice("dues", generated)
    data = notice_pdf_bytes(content, CODE)
    plan = rules.qr_plan(content, CODE)
    assert plan.kind == rules.ABSTRACT
    found = decoded(data)
    assert found == [plan.payload]
    assert content.number in found[0] and "7K3M-9QXA" in found[0] and "全文较长" in found[0]
    text = pdf_text(data)
    assert "全文较长，二维码内为摘要" in squeeze(text)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    numbers = [re.findall(r"—\s*(\d+)\s*—", page.extract_text()) for page in reader.pages]
    assert numbers == [[str(n)] for n in range(1, len(reader.pages) + 1)]


@pytest.mark.linux_only
def test_a_link_mode_notice_holds_the_address():
    content = notice(
        "free",
        ALL_KINDS["free"],
        qr_mode=rules.QR_LINK,
        qr_link=rules.link_template("https://example.cn/dwgk"),
    )
    assert decoded(notice_pdf_bytes(content, CODE)) == [rules.qr_plan(content, CODE).payload]


def test_every_font_is_embedded_and_there_is_no_helvetica():
    for type_code in ("free", "dues", "resolution"):
        data = notice_pdf_bytes(notice(type_code, ALL_KINDS[type_code]), CODE)
        reader = PdfReader(io.BytesIO(data))
        fonts = [f for page in reader.pages for f in _fonts(page.get("/Resources"), set())]
        assert fonts
        names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts}
        assert {"FandolFang-Regular", "NotoSerifCJKsc-Bold"} <= names  # 仿宋 body, 小标宋-style title
        assert names <= {
            "FandolFang-Regular",
            "NotoSerifCJKsc-Bold",
            "NotoSansCJKsc-Bold",
            "NotoSansSC-Regular",
            "GBZenKai-Medium",
        }, names
        for font in fonts:
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_a_reprint_is_byte_identical_and_has_no_date():
    content = notice("resolution", ALL_KINDS["resolution"])
    first = notice_pdf_bytes(content, CODE)
    assert notice_pdf_bytes(content, CODE) == first
    assert notice_pdf_bytes(content, CODE, "a3") == notice_pdf_bytes(content, CODE, "a3")
    assert b"/CreationDate" not in first or b"D:20000101000000" in first
    assert notice_pdf_bytes(content, "22222222") != first


def test_a4_and_a3_are_portrait_and_the_same_sheet():
    content = notice("free", ALL_KINDS["free"])
    a4 = PdfReader(io.BytesIO(notice_pdf_bytes(content, CODE)))
    a3 = PdfReader(io.BytesIO(notice_pdf_bytes(content, CODE, "a3")))
    assert [round(float(v)) for v in a4.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(v)) for v in a3.pages[0].mediabox[2:]] == [842, 1191]
    assert squeeze(a4.pages[0].extract_text()) == squeeze(a3.pages[0].extract_text())
    with pytest.raises(ValueError):
        notice_pdf_bytes(content, CODE, "letter")


def test_a_one_page_notice_has_no_page_number():
    data = notice_pdf_bytes(notice("free", ALL_KINDS["free"]), CODE)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 and "—1—" not in squeeze(reader.pages[0].extract_text())


def test_a_draft_says_it_is_a_draft():
    data = notice_pdf_bytes(notice("free", ALL_KINDS["free"], number=""), "")
    text = squeeze(pdf_text(data))
    assert "草稿" in text and "党务公开〔" not in text


def test_the_title_is_centred_and_the_date_sits_four_characters_in_from_the_right():
    data = notice_pdf_bytes(notice("free", ALL_KINDS["free"]), CODE)
    document = pdfium.PdfDocument(data)
    page = document[0]
    width, height = page.get_size()
    text_page = page.get_textpage()
    boxes = {}
    for index in range(text_page.count_chars()):
        boxes.setdefault(text_page.get_text_range(index, 1), []).append(text_page.get_charbox(index))
    title_left = text_page.get_charbox(0)[0]
    title_text = "关于召开全体党员大会的通知"
    title_right = text_page.get_charbox(len(title_text) - 1)[2]
    assert abs((title_left + title_right) / 2 - (28 + 156 / 2) / 25.4 * 72) < 3  # centred on the type area
    # the last 日 of the date: the middle of its ink plus half a character of the grid (仿宋 is narrow)
    date_end = max((box[0] + box[2]) / 2 for box in boxes["日"] if box[1] < height / 2) + 156 / 56 / 25.4 * 72
    right_margin = width - 26 / 25.4 * 72
    assert abs((right_margin - date_end) - 4 * (156 / 28) / 25.4 * 72) < 3
    document.close()


def test_the_mask_stored_at_publishing_draws_the_same_sheet():
    from dangjian_desktop.documents.notices_pdf import best_qr_mask

    content = notice("recruitment", ALL_KINDS["recruitment"])
    mask = best_qr_mask(rules.qr_plan(content, CODE).payload)
    assert 0 <= mask <= 7
    assert notice_pdf_bytes(content, CODE, qr_mask=mask) == notice_pdf_bytes(content, CODE)
