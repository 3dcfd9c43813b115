"""Every printout kind, from a realistic branch, read back from the PDF with character positions: nothing
protected is split across lines (numbers with decimals and units, dates, receipt numbers, ranges, names),
no line starts with closing punctuation or ends with opening punctuation, no page of a longer document
holds fewer than three lines, a full notice line holds 28 characters, and a notice is set in 仿宋 with a
title in another face."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services import dues, flowing, members
from dangjian_desktop.services.branch import BranchProfile, save_profile
from support import paper_branch
from support.pdf_lines import Line, lines

CLOSING = set("，。、；：？！）》」』〕】”’%·…")
OPENING = set("（《「『〔【“‘")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, bytes]:
    return paper_branch.documents(tmp_path_factory.mktemp("paper"))


@pytest.fixture
def book(workspace, tmp_path) -> dict[str, bytes]:
    """The activity book of the member with the long name, with dues paid for a quarter and records."""
    save_profile(workspace, BranchProfile(name=paper_branch.BRANCH, township="中共孔村镇委员会",
                                          phone=paper_branch.PHONE))  # fmt: skip
    member = members.add_member(
        workspace, {"name": paper_branch.LONG_NAME, "id_number": "370124199001010018"}
    )
    flowing.register_leave(workspace, member.id, {
        "since": "2025-02-20", "destination": "江苏省苏州市昆山市周市镇", "workplace": "星光电子厂",
        "receiving_org": "中共星光电子厂支部委员会", "home_contact": "欧阳明远",
    })  # fmt: skip
    for day in range(12):
        flowing.add_org_life(workspace, member.id, {
            "date": (dt.date(2025, 3, 1) + dt.timedelta(days=day * 30)).isoformat(), "kind": "主题党日",
            "content": f"学习2025—2026年度党费交纳规定，交纳党费11206.80元的说明（第{day + 1}次）",
        })  # fmt: skip
    dues.declare_standard(workspace, member.id, year=2026, category="farmer")
    for first in (1, 4, 7, 10):
        dues.record_payment(workspace, member.id, Month(2026, first), Month(2026, first + 2), "1.50",
                            paid_on=dt.date(2026, first, 12), today=dt.date(2026, 12, 7))  # fmt: skip
    out = {}
    for layout in ("a5", "inserts"):
        path = tmp_path / f"book-{layout}.pdf"
        flowing.print_book(workspace, member.id, path, layout=layout)
        out[f"book-{layout}"] = path.read_bytes()
    if os.environ.get("PAPER_OUT"):  # to look at them: PAPER_OUT=/tmp/paper pytest ...
        for layout in ("a4-booklet", "a4-booklet-short"):
            flowing.print_book(workspace, member.id, Path(os.environ["PAPER_OUT"]) / f"book-{layout}.pdf",
                               layout=layout)  # fmt: skip
        for key, data in out.items():
            (Path(os.environ["PAPER_OUT"]) / f"{key}.pdf").write_bytes(data)
    return out


def _check(name: str, data: bytes) -> list[list[Line]]:
    pages = lines(data)
    words = (*paper_branch.PROTECTED, *paper_branch.NAMES, "2026年", "2025年")
    for page in pages:
        for line in page:
            for word in words:
                for cut in range(1, len(word)):
                    head, tail = word[:cut], word[cut:]
                    if line.text.endswith(head) and _continued_by(line, page, tail):
                        raise AssertionError(f"{name} p{line.page + 1}: {word} is split across lines")
    for page in pages:
        for line in page:
            assert line.text[0] not in CLOSING, f"{name} p{line.page + 1}: a line starts with {line.text!r}"
            assert line.text[-1] not in OPENING, f"{name} p{line.page + 1}: a line ends with {line.text!r}"
    if len(pages) > 1:
        for number, page in enumerate(pages, 1):
            baselines = {round(line.baseline) for line in page}
            assert len(baselines) >= 3, f"{name}: page {number} holds only {[x.text for x in page]}"
    return pages


def _continued_by(line: Line, page: list[Line], tail: str) -> bool:
    """Whether a line just under ``line``, starting within its width, begins with ``tail``."""
    return any(
        0 < line.baseline - other.baseline < line.size * 2.6
        and line.left - line.size <= other.left <= line.right
        and other.text.startswith(tail)
        for other in page
    )


def test_no_printout_splits_numbers_dates_codes_or_names_and_none_has_a_near_empty_page(printed, book):
    assert len(printed) >= 16
    for name, data in {**printed, **book}.items():
        _check(name, data)


def test_the_realistic_texts_do_reach_line_ends():
    """The check above means something only if protected runs stand where lines break: the long notice
    holds every protected run, and its text is long enough to wrap many times."""
    free = paper_branch.notices()["free"].body
    assert all(word in free for word in paper_branch.PROTECTED[:7])
    assert len(free) > 28 * 20


def test_a_full_notice_line_holds_28_characters_and_nothing_passes_the_type_area(printed):
    full = []
    for name, data in printed.items():
        if not name.startswith("notice-") or name.endswith("a3"):
            continue
        for page in lines(data):
            for line in page:
                assert line.right <= 184 * MM + 0.5, f"{name}: {line.text!r} runs past the type area"
                cjk = all(ord(ch) > 0x2E80 for ch in line.text)
                if (
                    cjk
                    and abs(line.left - 28 * MM) < 1
                    and line.right > 184 * MM - 14
                    and 14 < line.size < 20
                ):
                    full.append(line.text)
    assert len(full) >= 5
    # 28 characters, 29 with a closing mark pushed in; one fewer when the next line starts with a number
    # or a name that did not fit (the line is then justified over the one character's room)
    assert all(27 <= len(text) <= 29 for text in full), [t for t in full if not 27 <= len(t) <= 29]
    assert sum(len(text) == 28 for text in full) >= 3


def test_a_notice_is_set_in_fangsong_with_a_title_in_another_face(printed):
    reader = PdfReader(io.BytesIO(printed["notice-free"]))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert "FandolFang-Regular" in names  # 仿宋 body
    assert "NotoSerifCJKsc-Bold" in names  # 小标宋-style title
    assert "GBZenKai-Medium" in names and "NotoSansCJKsc-Bold" in names  # （一） in 楷体, 一、 in 黑体


def test_a_one_page_notice_stays_on_one_page_and_a_longer_one_closes_with_text(printed):
    assert len(PdfReader(io.BytesIO(printed["notice-short"])).pages) == 1
    for name in ("notice-dues", "notice-free", "notice-posts"):
        pages = lines(printed[name])
        last = pages[-1]
        body = [line for line in last if "校验码" not in line.text and line.size > 14]
        assert len(body) >= 4, (name, [line.text for line in last])  # two lines of text, issuer, date


def test_the_page_number_dash_sits_7_mm_under_the_type_area(printed):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(printed["notice-dues"])
    try:
        text_page = document[0].get_textpage()
        dashes = [
            text_page.get_charbox(i)
            for i in range(text_page.count_chars())
            if text_page.get_text_range(i, 1) == "—" and text_page.get_charbox(i)[1] < 40 * MM
        ]
    finally:
        document.close()
    assert len(dashes) == 2  # — 1 —
    for _left, bottom, _right, top in dashes:
        assert abs((35 - 7) * MM - (bottom + top) / 2) < 0.5 * MM  # type area ends 35 mm above the edge


def test_the_a3_board_fills_one_sheet_with_its_type_scaled(printed):
    from dataclasses import replace

    from dangjian_desktop.documents.posts_board import board_pdf_bytes

    assert len(PdfReader(io.BytesIO(printed["board-a3"])).pages) == 1  # nine posts on one A3 sheet
    small = replace(paper_branch.board(), posts=paper_branch.board().posts[:2])
    sizes = {round(line.size, 1) for page in lines(board_pdf_bytes(small, "a3")) for line in page}
    a4_sizes = {round(line.size, 1) for page in lines(board_pdf_bytes(small, "a4")) for line in page}
    assert min(sizes) > 15 and max(sizes) > 36  # a short board grows beyond the A3 layout's own sizes
    assert min(sizes) > max(s for s in a4_sizes if s < 20)  # and its table text beyond the A4 board's
