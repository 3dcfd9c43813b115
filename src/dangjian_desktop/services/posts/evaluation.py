"""Evaluation (评岗): a grade and a comment per member and post at the end of the term, and a member's
history on posts over all terms."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.i18n import _
from dangjian_desktop.services.posts.assignments import (
    AssignmentInfo,
    assignment_rows,
    load_assignment,
    load_member,
)
from dangjian_desktop.services.posts.records import RecordInfo, record_rows
from dangjian_desktop.services.posts.settings import read_settings
from dangjian_desktop.services.posts.terms import TermInfo, term_info
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.posts_models import Post, PostAssignment, PostEvaluation, PostTerm


@dataclass(frozen=True)
class HistoryEntry:
    """One term of a member's history on posts."""

    term: TermInfo
    post_name: str
    commitment: str
    exception_reason: str
    grade: str
    comment: str
    records: tuple[RecordInfo, ...] = field(default=())


def _write_grade(
    session: Session,
    evaluation: PostEvaluation | None,
    assignment: PostAssignment,
    value: str,
    text: str,
    on: dt.date | None,
) -> PostEvaluation:
    """The assignment's evaluation with the grade and comment, made if it had none."""
    now = dt.datetime.now()
    if evaluation is None:
        evaluation = PostEvaluation(branch_id=assignment.branch_id, assignment_id=assignment.id)
        session.add(evaluation)
    evaluation.grade, evaluation.comment = value, text
    evaluation.evaluated_on = on or now.date()
    evaluation.updated_at = now
    session.flush()
    return evaluation


def _change_grade(
    session: Session, assignment: PostAssignment, value: str, text: str, on: dt.date | None
) -> None:
    """Write, change or take back (an empty grade) the assignment's grade, with its audit entry; nothing
    when it is as it was."""
    evaluation = session.scalar(select(PostEvaluation).where(PostEvaluation.assignment_id == assignment.id))
    before = None if evaluation is None else {"grade": evaluation.grade, "comment": evaluation.comment}
    after = {"grade": value, "comment": text} if value else None
    if before == after:
        return
    member = session.get(Member, assignment.member_id)
    post = session.get(Post, assignment.post_id)
    assert member is not None and post is not None
    if after is None:
        assert evaluation is not None
        record_id = evaluation.id
        session.delete(evaluation)
        not_graded = _("not graded")
        action, summary = "delete", f"{member.name} {post.name}: {not_graded}"
    else:
        record_id = _write_grade(session, evaluation, assignment, value, text, on).id
        action, summary = ("insert" if before is None else "update"), f"{member.name} {post.name}: {value}"
    log_change(session, assignment.branch_id, "post_evaluation", record_id, action, summary, before, after)


def evaluate(
    workspace: Workspace, assignment_id: int, grade: str, comment: str = "", *, on: dt.date | None = None
) -> AssignmentInfo:
    """Give (or change) the grade of a member on a post for the term, with a comment. An empty grade and
    comment take a grade back (the change log keeps what it was)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        assignment = load_assignment(session, branch_id, assignment_id)
        chosen = read_settings(session, branch_id)
        value, text = rules.validate_grade(grade, chosen.grades, comment)
        _change_grade(session, assignment, value, text, on)
        session.flush()
        rows = assignment_rows(session, branch_id, PostAssignment.id == assignment.id)
        return rows[0]


def member_history(workspace: Workspace, member_id: int) -> list[HistoryEntry]:
    """A member's posts over all terms, newest term first, each with its records and grade."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        load_member(session, branch_id, member_id)
        rows = assignment_rows(session, branch_id, PostAssignment.member_id == member_id)
        terms = {
            t.id: term_info(t)
            for t in session.scalars(select(PostTerm).where(PostTerm.branch_id == branch_id))
        }
        all_records = record_rows(session, branch_id, PostAssignment.member_id == member_id)
    by_assignment: dict[int, list[RecordInfo]] = defaultdict(list)
    for record in all_records:
        by_assignment[record.assignment_id].append(record)
    entries = [
        HistoryEntry(
            terms[row.term_id],
            row.post_name,
            row.commitment,
            row.exception_reason,
            row.grade,
            row.comment,
            tuple(by_assignment.get(row.id, ())),
        )
        for row in rows
    ]
    return sorted(entries, key=lambda e: (e.term.start, e.term.end), reverse=True)
