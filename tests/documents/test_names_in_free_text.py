"""A member named in the free text of a printout (the minutes, a matter record, the post board's
commitments, the activity book's records) is never split across lines, though nothing in the text marks
the name (no ·, 同志 or list mark): each document is given the people it may name. Each test first finds
a text where the name stands at a line end and is split without the names (so the test can fail), then
prints it with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from dangjian_desktop.documents import flowing_book as activity_book
from dangjian_desktop.documents import meetings_minutes as meeting_minutes
from dangjian_desktop.documents import notices_matter_record as matter_record
from dangjian_desktop.documents import posts_board as post_board
from dangjian_desktop.domain.posts import BoardMember
from support import paper_branch
from support.pdf_lines import split_words

NAME = "钱桂芳"  # on the roster, but neither present nor absent at the meeting nor on the board's posts
FILLER = "会议认真学习了上级文件精神并结合本村实际研究部署了下一阶段的重点工作大家一致同意"


def _split_at_a_line_end(render: Callable[[str, tuple[str, ...]], bytes]) -> str:
    """A text naming NAME that ``render`` (text, names) splits without the names; asserts it does not
    with them."""
    for length in range(len(FILLER)):
        text = f"{FILLER[:length]}，由{NAME}负责抓好落实，每月向支部汇报一次。"
        if split_words(render(text, ()), (NAME,)):
            assert split_words(render(text, (NAME,)), (NAME,)) == [], text
            return text
    raise AssertionError("the name never stood at a line end: the test proves nothing")


def test_the_minutes_keep_a_roster_name_whole():
    def render(text: str, names: tuple[str, ...]) -> bytes:
        return meeting_minutes.minutes_pdf(replace(paper_branch.minutes(), minutes=text, names=names))

    _split_at_a_line_end(render)


def test_a_matter_record_keeps_a_roster_name_whole():
    def render(text: str, names: tuple[str, ...]) -> bytes:
        notice = matter_record.NoticeText("党务公开〔2026〕1号", "决议公开", "关于道路硬化的决议公开",
                                          "公示时间：2026年3月2日至2026年3月8日（7天）", "", "已发布", text)  # fmt: skip
        record = matter_record.MatterRecord(
            "中共东岭村支部委员会", "村内主干道硬化", text, "已完成", dt.date(2026, 2, 1), (), (notice,),
            dt.date(2026, 12, 7), names=names,
        )  # fmt: skip
        out = __import__("io").BytesIO()
        matter_record.render_pdf(record, out)
        return out.getvalue()

    _split_at_a_line_end(render)


def test_the_post_board_keeps_a_member_named_in_a_commitment_whole():
    board = paper_branch.board()
    first = board.posts[0]

    def render(text: str, names: tuple[str, ...]) -> bytes:
        members = (BoardMember(first.members[0].name, text), *(BoardMember(n) for n in names))
        posts = (replace(first, members=members), *board.posts[1:3])
        return post_board.board_pdf_bytes(replace(board, posts=posts), "a4")

    _split_at_a_line_end(render)


def test_the_activity_book_keeps_a_roster_name_in_its_records_whole():
    def render(text: str, names: tuple[str, ...]) -> bytes:
        book = activity_book.BookContent(
            title="流动党员活动证", number="LD2026-01", issue_date=dt.date(2026, 2, 20),
            branch_name="中共东岭村支部委员会", member_name="孙振华", qr_text="LD2026-01",
            org_life=(activity_book.OrgLifeLine(dt.date(2026, 3, 1), "中共星光电子厂支部委员会", "主题党日", text),),
            branch_opinions=(activity_book.OpinionLine(dt.date(2026, 6, 1), text),),
            names=names,
        )  # fmt: skip
        return activity_book.book_pdf_bytes(book, activity_book.LAYOUT_INSERTS)

    _split_at_a_line_end(render)
