"""The public board (设岗定责公示) and the duty cards (党员责任岗): the term's active posts with their
members, as plain data, as PDF bytes and as files. Every printed field passes the privacy guard of the
notices."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from dangjian_desktop.documents import posts_board as post_board
from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.domain.posts import BoardContent, BoardMember, BoardPost, DutyCard
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.posts.assignments import AssignmentInfo, assignment_rows
from dangjian_desktop.services.posts.settings import read_settings
from dangjian_desktop.services.posts.terms import load_term, term_span
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.posts_models import Post, PostAssignment


def _board_posts(
    rows: Sequence[AssignmentInfo], posts: Sequence[Post], public: Callable[[str], str]
) -> tuple[BoardPost, ...]:
    """The active posts with members on them, in catalogue order; each member in the order they were
    put on the post, and the reasons for members over the number needed."""
    members: dict[int, list[BoardMember]] = defaultdict(list)
    over_reasons: dict[int, list[str]] = defaultdict(list)
    needed = {post.id: post.members_needed for post in posts}
    for row in sorted(rows, key=lambda r: r.id):  # the order they were put on the post
        members[row.post_id].append(BoardMember(public(row.member_name), public(row.commitment)))
        reason = public(row.exception_reason)
        if len(members[row.post_id]) > needed[row.post_id] and reason:
            over_reasons[row.post_id].append(reason)
    return tuple(
        BoardPost(
            public(post.name),
            tuple(public(line) for line in rules.duty_lines(post.duties)),
            tuple(members[post.id]),
            post.members_needed,
            tuple(over_reasons[post.id]),
        )
        for post in sorted(posts, key=lambda p: (p.sort_order, p.id))
        if post.active and members.get(post.id)
    )


def board_content(workspace: Workspace, term_id: int, issued_on: dt.date | None = None) -> BoardContent:
    """The 设岗定责公示 as plain data: active posts with members in the term (empty posts left off), the
    branch, the term, the notice period and the public supervision phone. Every printed field, names
    included, goes through the privacy guard of the notices: an ID number, a phone other than the public
    ones or a roster address is masked as ＊＊＊ however it is written (decisions.md #13)."""
    branch_id = workspace.require_branch()
    profile = load_profile(workspace)
    with workspace.db.transaction() as session:
        term = load_term(session, branch_id, term_id)
        chosen = read_settings(session, branch_id)
        rows = assignment_rows(session, branch_id, PostAssignment.term_id == term_id)
        posts = list(session.scalars(select(Post).where(Post.branch_id == branch_id)))
        span = term_span(term)
    from dangjian_desktop.services.notices import public_sheet_privacy  # notices own the public phones

    privacy = public_sheet_privacy(workspace)

    def public(text: str) -> str:
        return rules.redact_private_numbers(text, privacy)

    return BoardContent(
        branch=public(profile.name) if profile else "",
        term=rules.term_title(span),
        posts=_board_posts(rows, posts, public),
        issued_on=issued_on or dt.date.today(),
        notice_days=chosen.notice_days,
        supervision_phone=format_phone(profile.supervision_phone) if profile else "",
        township=public(profile.township) if profile else "",
    )


def board_text(workspace: Workspace, term_id: int, issued_on: dt.date | None = None) -> str:
    """The board as plain text (for the notices module and for a quick look)."""
    return rules.board_text(board_content(workspace, term_id, issued_on))


def _check_size(size: str) -> str:
    key = (size or "a4").lower()
    if key not in post_board.SIZES:
        raise AppError(_("The paper size must be A4 or A3."))
    return key


def board_pdf(
    workspace: Workspace, term_id: int, size: str = "a4", issued_on: dt.date | None = None
) -> bytes:
    return post_board.board_pdf_bytes(board_content(workspace, term_id, issued_on), _check_size(size))


def export_board(
    workspace: Workspace, term_id: int, path: Path, size: str = "a4", issued_on: dt.date | None = None
) -> BoardContent:
    """Write the board to ``path`` (PDF); returns what it shows."""
    content = board_content(workspace, term_id, issued_on)
    write_file(path, post_board.board_pdf_bytes(content, _check_size(size)))
    return content


def duty_cards(workspace: Workspace, term_id: int) -> list[DutyCard]:
    """One 党员责任岗 card per member and active post in the term."""
    content = board_content(workspace, term_id)
    return [
        DutyCard(member.name, post.name, post.duties, member.commitment, content.branch, content.term)
        for post in content.posts
        for member in post.members
    ]


def duty_cards_pdf(workspace: Workspace, term_id: int) -> bytes:
    return post_board.duty_cards_pdf_bytes(duty_cards(workspace, term_id))


def export_duty_cards(workspace: Workspace, term_id: int, path: Path) -> int:
    """Write the duty cards to ``path`` (PDF); returns how many cards."""
    cards = duty_cards(workspace, term_id)
    write_file(path, post_board.duty_cards_pdf_bytes(cards))
    return len(cards)
