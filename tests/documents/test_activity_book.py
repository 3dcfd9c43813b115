"""The printed activity book, read back: its text (records in date order, blank rows to fill in), the cover
QR code decoded by an independent decoder (zbar), every font embedded, and the A4 booklet's page order."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from pyzbar.pyzbar import ZBarSymbol, decode

from dangjian_desktop.documents import flowing_book as book_pdf
from dangjian_desktop.documents import flowing_booklet as imposition
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import flowing, members
from dangjian_desktop.services.branch import BranchProfile, save_profile

TODAY = dt.date.today()
BRANCH = "中共前进村支部委员会"
BRANCH_PHONE = "053112345678"


def _id(sequence: int) -> str:
    first17 = f"37010219750102{sequence:03d}"
    return first17 + check_digit(first17)


@pytest.fixture
def away(workspace):
    """张三, away for two years, with records entered out of date order."""
    save_profile(workspace, BranchProfile(name=BRANCH, township="中共城关镇委员会", phone=BRANCH_PHONE))
    member_id = members.add_member(
        workspace, {"name": "张三", "id_number": _id(11), "phone": "13812345678", "education": "高中"}
    ).id
    since = TODAY - dt.timedelta(days=730)
    flowing.register_leave(
        workspace,
        member_id,
        {
            "since": since.isoformat(),
            "destination": "江苏省苏州市昆山市",
            "workplace": "星光电子厂",
            "receiving_org": "中共星光电子厂支部委员会",
            "home_contact": "李红梅",
        },
    )
    for days, kind, content in (
        (100, "主题党日", "参观红色教育基地"),
        (600, "党课", "学习党章第一章"),
        (300, "线上学习", "学习二十大报告"),
    ):
        flowing.add_org_life(
            workspace,
            member_id,
            {"date": (TODAY - dt.timedelta(days=days)).isoformat(), "kind": kind, "content": content},
        )
    flowing.add_contact(
        workspace, member_id, {"date": TODAY.isoformat(), "means": "电话", "content": "了解近况"}
    )
    return member_id


def _print(workspace, member_id, tmp_path: Path, layout: str) -> Path:
    out = tmp_path / f"book-{layout}.pdf"
    flowing.print_book(workspace, member_id, out, layout=layout)
    return out


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _full_width_rules(page, left: float, right: float) -> list[float]:
    """The y of every horizontal line drawn across the whole table width on a page."""
    ys = []
    start = None
    for operands, operator in page.get_contents().operations:
        if operator == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif operator == b"l" and start is not None:
            x2, y2 = float(operands[0]), float(operands[1])
            if abs(start[1] - y2) < 0.01 and abs(start[0] - left) < 0.5 and abs(x2 - right) < 0.5:
                ys.append(y2)
            start = None
    return ys


def test_records_are_printed_in_date_order_followed_by_blank_rows(workspace, away, tmp_path):
    path = _print(workspace, away, tmp_path, "a5")
    texts = _page_texts(path)
    index = next(i for i, t in enumerate(texts) if "参加组织生活情况" in t)
    dates = re.findall(r"\d{4}\.\d{2}\.\d{2}", texts[index])
    expected = [(TODAY - dt.timedelta(days=d)).strftime("%Y.%m.%d") for d in (600, 300, 100)]
    assert dates == expected
    assert (
        texts[index].index("学习党章第一章")
        < texts[index].index("学习二十大报告")
        < texts[index].index("参观红色")
    )
    width = book_pdf.A5_SIZE[0]
    rules = _full_width_rules(PdfReader(path).pages[index], book_pdf.MARGIN_X, width - book_pdf.MARGIN_X)
    blank_rows = len(rules) - 1 - 3  # minus the header's bottom line and the three records
    assert blank_rows >= 10  # the rest of the page is ruled for the receiving organisation to write in
    # the other record pages: dues (blank rows only, or the ledger's), contacts, opinions
    whole = "\n".join(texts)
    for heading in (
        "交纳党费情况",
        "党支部联系情况",
        "鉴定意见与评议",
        "流入地党组织意见",
        "年审（民主评议）",
    ):
        assert heading in whole
    assert "了解近况" in whole and "李红梅" in whole
    assert "第一条" in whole and "中国共产党章程（摘录）" in whole  # the constitution excerpt from resources/


def test_the_cover_qr_code_decodes_to_number_member_branch_and_phone(workspace, away, tmp_path):
    path = _print(workspace, away, tmp_path, "a5")
    number = flowing.stay_detail(workspace, away).current_book.number
    document = pdfium.PdfDocument(str(path))
    image = document[0].render(scale=200 / 72).to_pil().convert("L")
    document.close()
    found = decode(image, symbols=[ZBarSymbol.QRCODE])
    assert len(found) == 1
    assert found[0].data.decode("utf-8") == (
        f"编号：{number}\n姓名：张三\n所在党支部：中共前进村支部委员会\n支部电话：053112345678"
    )


def _fonts_in(resources, seen: set[int]) -> list:
    """Every font dictionary reachable from a resource dictionary, through form XObjects too."""
    found = []
    if resources is None:
        return found
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            found.append(ref.get_object())
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                found += _fonts_in(xobject.get("/Resources"), seen)
    return found


@pytest.mark.parametrize("layout", ["a5", "a4-booklet", "inserts"])
def test_every_font_is_embedded(workspace, away, tmp_path, layout):
    path = _print(workspace, away, tmp_path, layout)
    reader = PdfReader(path)
    fonts = []
    seen: set[int] = set()
    for page in reader.pages:
        fonts += _fonts_in(page.get("/Resources"), seen)
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a composite font: the descriptor sits on its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = lines.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), lines  # the "emb" column


def test_the_directory_embeds_its_fonts_too(workspace, away, tmp_path):
    path = tmp_path / "directory.pdf"
    flowing.export_directory(workspace, path)
    fonts: list = []
    for page in PdfReader(path).pages:
        fonts += _fonts_in(page.get("/Resources"), set())
    assert fonts and all("/FontFile2" in f["/FontDescriptor"].get_object() for f in fonts)
    assert "外出党员通讯录" in PdfReader(path).pages[0].extract_text()


def test_inserts_have_no_cover_and_a_header_on_every_page(workspace, away, tmp_path):
    path = _print(workspace, away, tmp_path, "inserts")
    number = flowing.stay_detail(workspace, away).current_book.number
    texts = _page_texts(path)
    total = len(texts)
    for page, text in enumerate(texts, 1):
        assert "张三" in text and f"活动证编号 {number}" in text and f"第 {page}/{total} 页" in text
    assert "使用说明" not in "".join(texts) and "中国共产党章程" not in "".join(texts)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (8, [((8, 1), (2, 7)), ((6, 3), (4, 5))]),
        (12, [((12, 1), (2, 11)), ((10, 3), (4, 9)), ((8, 5), (6, 7))]),
        (
            16,
            [((16, 1), (2, 15)), ((14, 3), (4, 13)), ((12, 5), (6, 11)), ((10, 7), (8, 9))],
        ),
    ],
)
def test_booklet_page_order(pages, expected):
    assert imposition.booklet_sheets(pages) == expected
    order = imposition.booklet_print_order(pages)
    assert len(order) == pages // 2
    # each back side is turned by 180° for a long-edge flip, which swaps its halves on the PDF page
    for k, (front, back) in enumerate(expected):
        assert order[2 * k] == (front[0], front[1], False)
        assert order[2 * k + 1] == (back[1], back[0], True)
    # folded together, every page appears exactly once
    assert sorted(n for left, right, _turned in order for n in (left, right)) == list(range(1, pages + 1))
    with pytest.raises(ValueError):
        imposition.booklet_sheets(pages + 2)
    # flipped on the short edge, the backs come out the right way up: drawn as the reader sees them
    short = imposition.booklet_print_order(pages, long_edge=False)
    for k, (front, back) in enumerate(expected):
        assert short[2 * k] == (front[0], front[1], False)
        assert short[2 * k + 1] == (back[0], back[1], False)


def _halves(path: Path) -> list[tuple[str, str]]:
    """Which A5 page sits on the left and right half of each A4 page, read from the printed footers."""
    document = pdfium.PdfDocument(str(path))
    found = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text_page = page.get_textpage()

        def which(x1: float, x2: float, text_page=text_page, height=height) -> str:
            text = text_page.get_text_bounded(x1, 0, x2, height).replace("\r\n", "")
            numbers = re.findall(r"— (\d+) —", text)
            if numbers:
                return numbers[0]
            if "扫码核对发证党组织" in text:
                return "cover"
            return "back" if "发证党组织：" in text else "?"

        found.append((which(0, width / 2), which(width / 2, width)))
    document.close()
    return found


@pytest.mark.parametrize("records", [0, 40])
def test_the_a4_booklet_prints_in_folding_order(workspace, away, tmp_path, records):
    for day in range(records):  # enough records to make the book longer
        flowing.add_org_life(
            workspace, away, {"date": (TODAY - dt.timedelta(days=700 - day * 15)).isoformat(), "kind": "党课",
                              "content": f"第{day + 1}次党课"},
        )  # fmt: skip
    a5 = _print(workspace, away, tmp_path, "a5")
    booklet = _print(workspace, away, tmp_path, "a4-booklet")
    a5_pages = len(PdfReader(a5).pages)
    total = imposition.padded_page_count(a5_pages)
    assert len(PdfReader(booklet).pages) == total // 2
    reader = PdfReader(booklet)
    assert all(
        round(float(p.mediabox.width)) == 842 and round(float(p.mediabox.height)) == 595 for p in reader.pages
    )

    def name(n: int) -> str:
        return "cover" if n == 1 else "back" if n == total else str(n)

    expected = [(name(left), name(right)) for left, right, _turned in imposition.booklet_print_order(total)]
    assert _halves(booklet) == expected
    assert "双面打印，沿长边翻转" in _page_texts(booklet)[0]  # the first sheet says how to print it
    short = _print(workspace, away, tmp_path, "a4-booklet-short")
    order = imposition.booklet_print_order(total, long_edge=False)
    assert _halves(short) == [(name(left), name(right)) for left, right, _turned in order]
    assert "双面打印，沿短边翻转" in _page_texts(short)[0]
    # the padding pages are ruled memo pages before the back cover
    if total > a5_pages:
        texts = _page_texts(booklet)
        assert any("备注" in t for t in texts)


def test_same_content_gives_the_same_bytes(workspace, away, tmp_path):
    content = flowing.book_content(workspace, away)
    assert book_pdf.book_pdf_bytes(content) == book_pdf.book_pdf_bytes(content)
