"""Performance records (履岗记实): what a member did on the post, on which day, confirmed by whom. The
quick entry after a meeting writes the same record for several members at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.errors import Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.posts import RecordData
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services.posts.assignments import load_assignment, load_member
from dangjian_desktop.services.posts.terms import load_term, term_info
from dangjian_desktop.services.recording import add_logged
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.posts_models import Post, PostAssignment, PostRecord, PostTerm


@dataclass(frozen=True)
class RecordInfo:
    id: int
    assignment_id: int
    member_id: int
    member_name: str
    post_name: str
    day: dt.date
    text: str
    confirmed_by: str


def _add_record(
    session: Session, branch_id: int, assignment_id: int, data: RecordData, now: dt.datetime, user: str
) -> RecordInfo:
    """One record for one assignment; refused when the day is outside the assignment's term."""
    assignment = load_assignment(session, branch_id, assignment_id)
    term = session.get(PostTerm, assignment.term_id)
    member = session.get(Member, assignment.member_id)
    post = session.get(Post, assignment.post_id)
    assert term is not None and member is not None and post is not None
    if not term.start_date <= data.day <= term.end_date:
        raise FieldErrors(
            {
                "date": _("{date} is outside the term {term}.").format(
                    date=format_date(data.day), term=term_info(term).label
                )
            }
        )
    record = PostRecord(
        branch_id=branch_id,
        assignment_id=assignment.id,
        record_date=data.day,
        text=data.text,
        confirmed_by=data.confirmed_by,
        recorded_at=now,
        recorded_by=user,
    )
    after = {"date": data.day, "text": data.text, "confirmed_by": data.confirmed_by}
    add_logged(session, record, f"{member.name} {post.name}", after, user=user, at=now)
    return RecordInfo(
        record.id, assignment.id, member.id, member.name, post.name, data.day, data.text, data.confirmed_by
    )


def add_records(
    workspace: Workspace,
    assignment_ids: Sequence[int],
    day: dt.date | None,
    text: str,
    confirmed_by: str = "",
    *,
    today: dt.date | None = None,
) -> list[RecordInfo]:
    """The quick entry after a meeting: the same day, text and confirmer for several members at once
    (one record per member and post), in one transaction."""
    branch_id = workspace.require_branch()
    if not assignment_ids:
        raise FieldErrors({"members": _("Please tick at least one member.")})
    data = rules.validate_record(day, text, confirmed_by, today=today)
    now = dt.datetime.now()
    user = current_user()
    with workspace.db.transaction() as session:
        return [
            _add_record(session, branch_id, assignment_id, data, now, user)
            for assignment_id in dict.fromkeys(assignment_ids)
        ]


def record_for_member(
    workspace: Workspace,
    member_id: int,
    day: dt.date,
    text: str,
    confirmed_by: str = "",
    *,
    post_name: str = "",
    today: dt.date | None = None,
) -> RecordInfo:
    """A record for the member's post in the term that contains ``day`` (the command line's way)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = load_member(session, branch_id, member_id)
        rows = session.execute(
            select(PostAssignment.id, Post.name)
            .join(Post, Post.id == PostAssignment.post_id)
            .join(PostTerm, PostTerm.id == PostAssignment.term_id)
            .where(
                PostAssignment.branch_id == branch_id,
                PostAssignment.member_id == member.id,
                PostTerm.start_date <= day,
                PostTerm.end_date >= day,
            )
            .order_by(Post.sort_order, PostAssignment.id)
        ).all()
        name = member.name
    if post_name:
        wanted = normalize_text(post_name).replace(" ", "")
        rows = [r for r in rows if r[1] == wanted]
    if not rows:
        raise NotFound(
            _("{name} has no post in a term that includes {date}. Assign a post first.").format(
                name=name, date=format_date(day)
            )
        )
    if len({r[0] for r in rows}) > 1:
        raise Conflict(
            _("{name} holds several posts then ({posts}); please say which post.").format(
                name=name, posts="、".join(r[1] for r in rows)
            )
        )
    return add_records(workspace, [rows[0][0]], day, text, confirmed_by, today=today)[0]


def record_rows(session: Session, branch_id: int, where: Any) -> list[RecordInfo]:
    """The records that meet ``where``, newest first."""
    query = (
        select(PostRecord, PostAssignment.member_id, Member.name, Post.name)
        .join(PostAssignment, PostAssignment.id == PostRecord.assignment_id)
        .join(Member, Member.id == PostAssignment.member_id)
        .join(Post, Post.id == PostAssignment.post_id)
        .where(PostRecord.branch_id == branch_id, where)
        .order_by(PostRecord.record_date.desc(), PostRecord.id.desc())
    )
    return [
        RecordInfo(
            r.id, r.assignment_id, member_id, member_name, post_name, r.record_date, r.text, r.confirmed_by
        )
        for r, member_id, member_name, post_name in session.execute(query).all()
    ]


def records(workspace: Workspace, term_id: int) -> list[RecordInfo]:
    """The term's performance records, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        load_term(session, branch_id, term_id)
        return record_rows(session, branch_id, PostAssignment.term_id == term_id)
