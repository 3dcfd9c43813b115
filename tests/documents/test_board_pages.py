"""The A4 post board over several pages: a post's merged rows part at a page's foot, the post going on
over the next page under its name marked （续）, so no page but the last ends with a large empty foot;
the A3 board stays one sheet. Read back from the PDF with character positions."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from dangjian_desktop.documents.posts_board import board_pdf_bytes
from dangjian_desktop.domain.posts import BoardMember
from support import paper_branch
from support.pdf_lines import lines

MM = 72 / 25.4
TYPE_AREA_BOTTOM = 35 * MM  # GB/T 9704 on A4


def _lowest_table_text(page) -> float:
    """The baseline of the lowest line of table text (11.5 pt, down to 0.86 × that) on a page."""
    return min(line.baseline for line in page if 9.8 < line.size < 13)


def _row_heights_free(page) -> float:
    return _lowest_table_text(page) - TYPE_AREA_BOTTOM


def test_a_post_with_many_members_goes_on_over_the_next_page_marked_continued():
    board = paper_branch.board()
    many = tuple(
        BoardMember(n, "带头宣讲政策，每月走访群众，帮助解决实际困难。") for n in paper_branch.NAMES[8:30]
    )
    content = replace(board, posts=(board.posts[0], replace(board.posts[1], members=many), *board.posts[2:4]))
    pages = lines(board_pdf_bytes(content, "a4"))
    assert len(pages) >= 2
    text = ["".join(line.text for line in page) for page in pages]
    assert "监督岗" in text[0] and "（续）" in text[1]  # the post starts on page 1, goes on on page 2
    assert "（续）" not in text[0]
    # every member is printed once
    assert all(sum(t.count(name) for t in text) == 1 for name in paper_branch.NAMES[8:30])
    for page in pages[:-1]:  # the table runs down to the foot: at most about one member's row (22 mm) is left
        assert _row_heights_free(page) < 24 * MM, [line.text for line in page][-3:]


def test_the_realistic_board_fills_its_first_page_and_the_a3_board_stays_one_sheet():
    a4 = lines(board_pdf_bytes(paper_branch.board(), "a4"))
    assert _row_heights_free(a4[0]) < 24 * MM  # was a post's three rows of white (it could not part)
    # two sheets, not three (the third held one post and the signature): the type a little smaller, but
    # never below the least scale the one-sheet board allows (11.5 pt × 0.86)
    assert len(a4) == 2
    assert min(line.size for page in a4 for line in page if line.size < 13) >= 11.5 * 0.86 - 0.01
    assert len(PdfReader(io.BytesIO(board_pdf_bytes(paper_branch.board(), "a3"))).pages) == 1
