"""Assignments (认岗 / 定岗): who is on which post in a term, with the rules' warnings and a reason when
the rules allow an assignment only with one; the members as the post screens show them; and the command
line's list of the catalogue with who holds each post."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED
from dangjian_desktop.domain.errors import Conflict, FieldErrors, NotFound, check_version
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.posts import AssignmentCheck, MemberFacts, PostLoad
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services.posts.catalogue import list_posts, load_post
from dangjian_desktop.services.posts.settings import read_settings
from dangjian_desktop.services.posts.terms import list_terms, load_term, term_span
from dangjian_desktop.services.recording import add_logged, load_row, log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.posts_models import Post, PostAssignment, PostEvaluation, PostRecord, PostTerm


@dataclass(frozen=True)
class MemberOption:
    """A member of the roster as the post screens show them."""

    id: int
    name: str
    office: str
    flowing: bool
    away_place: str
    party_group: str
    posts: tuple[str, ...] = ()  # the posts held in the term asked about

    @property
    def facts(self) -> MemberFacts:
        return MemberFacts(self.id, self.name, self.office, ACTIVE, self.flowing, self.away_place)

    @property
    def without_office(self) -> bool:
        return not rules.holds_office(self.office)


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    term_id: int
    post_id: int
    post_name: str
    member_id: int
    member_name: str
    commitment: str
    exception_reason: str
    record_count: int = 0
    grade: str = ""
    comment: str = ""
    version: int = 0  # the row's version when it was read: ``update_commitment(expected_version=...)``


@dataclass(frozen=True)
class CatalogueRow:
    """One line of ``dangjian posts list``: a post and one member on it in the term (or none)."""

    term: str
    post: str
    members_needed: int
    active: bool
    member_id: int | None
    member: str
    commitment: str
    grade: str


class ReasonRequired(FieldErrors):
    """The assignment is allowed only with a reason (a member with an office, away, a second post)."""

    def __init__(self, check: AssignmentCheck) -> None:
        self.check = check
        super().__init__(
            {
                "reason": " ".join(check.warnings)
                + " "
                + _("Nothing was saved. Write the reason why this is allowed, then assign again.")
            }
        )


# --- members ------------------------------------------------------------------------------------------


def _member_option(member: Member, posts: Sequence[str] = ()) -> MemberOption:
    return MemberOption(
        member.id,
        member.name,
        member.office,
        bool(member.flowing),
        member.away_place,
        member.party_group,
        tuple(posts),
    )


def load_member(session: Session, branch_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != branch_id or member.status == DELETED:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def find_member(workspace: Workspace, text: str) -> MemberOption:
    """A member by the number the program gives them (as ``posts list`` shows it) or by exact name."""
    found = member_service.find_member(workspace, text)
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _member_option(load_member(session, branch_id, found.id))


def _held_posts(session: Session, term_id: int) -> dict[int, list[str]]:
    rows = session.execute(
        select(PostAssignment.member_id, Post.name)
        .join(Post, Post.id == PostAssignment.post_id)
        .where(PostAssignment.term_id == term_id)
        .order_by(Post.sort_order, PostAssignment.id)
    ).all()
    held: dict[int, list[str]] = defaultdict(list)
    for member_id, post_name in rows:
        held[member_id].append(post_name)
    return held


def _active_members(session: Session, branch_id: int) -> list[Member]:
    """The members on the roster, by party group (in the groups' order), then as they were added."""
    members = session.scalars(
        select(Member)
        .where(Member.branch_id == branch_id, Member.status == ACTIVE)
        .order_by(Member.party_group, Member.id)
    ).all()
    return sorted(members, key=lambda m: party_group_order(m.party_group))


def roster_options(workspace: Workspace, term_id: int) -> list[MemberOption]:
    """Every member on the roster with the posts they hold in the term: members without office and
    without a post first, then the other members without office, then those with an office."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        load_term(session, branch_id, term_id)
        held = _held_posts(session, term_id)
        options = [_member_option(m, held.get(m.id, ())) for m in _active_members(session, branch_id)]
    return sorted(options, key=lambda o: (not o.without_office, bool(o.posts)))


def members_without_post(workspace: Workspace, term_id: int) -> list[MemberOption]:
    """Members without office (on the roster, no office) who still have no post in the term."""
    return [o for o in roster_options(workspace, term_id) if o.without_office and not o.posts]


def members_without_office(workspace: Workspace) -> list[MemberOption]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        members = _active_members(session, branch_id)
        return [_member_option(m) for m in members if rules.is_without_office(_facts(m))]


def _facts(member: Member) -> MemberFacts:
    return MemberFacts(
        member.id, member.name, member.office, member.status, bool(member.flowing), member.away_place
    )


# --- assignments --------------------------------------------------------------------------------------


def _check(session: Session, branch_id: int, member: Member, post: Post, term: PostTerm) -> AssignmentCheck:
    held = _held_posts(session, term.id).get(member.id, [])
    on_post = session.scalars(
        select(PostAssignment.member_id).where(
            PostAssignment.term_id == term.id, PostAssignment.post_id == post.id
        )
    ).all()
    load = PostLoad(post.id, post.name, post.members_needed, post.active, tuple(on_post))
    chosen = read_settings(session, branch_id)
    return rules.check_assignment(_facts(member), load, held, allow_several_posts=chosen.allow_several_posts)


def _load_parts(
    session: Session, branch_id: int, member_id: int, post_id: int, term_id: int
) -> tuple[Member, Post, PostTerm]:
    return (
        load_member(session, branch_id, member_id),
        load_post(session, branch_id, post_id),
        load_term(session, branch_id, term_id),
    )


def check_assignment(workspace: Workspace, member_id: int, post_id: int, term_id: int) -> AssignmentCheck:
    """What the rules say about an assignment before it is made (for the dialog's warnings)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member, post, term = _load_parts(session, branch_id, member_id, post_id, term_id)
        return _check(session, branch_id, member, post, term)


def _assignment_values(
    assignment: PostAssignment, member: Member, post: Post, term: PostTerm
) -> dict[str, Any]:
    return {
        "member": member.name,
        "member_id": member.id,
        "post": post.name,
        "term": rules.term_title(term_span(term)),
        "commitment": assignment.commitment,
        "exception_reason": assignment.exception_reason,
    }


def assign(
    workspace: Workspace,
    member_id: int,
    post_id: int,
    term_id: int,
    *,
    commitment: str = "",
    reason: str = "",
) -> AssignmentInfo:
    """Put a member on a post for a term. Raises Conflict when the rules forbid it and ReasonRequired
    when they allow it only with a reason that was not given."""
    branch_id = workspace.require_branch()
    pledge = rules.clean_commitment(commitment)
    with workspace.db.transaction() as session:
        member, post, term = _load_parts(session, branch_id, member_id, post_id, term_id)
        check = _check(session, branch_id, member, post, term)
        if not check.allowed:
            raise Conflict(" ".join(check.errors))
        if check.needs_reason and not normalize_text(reason):
            raise ReasonRequired(check)
        why = rules.clean_reason(check, reason)
        assignment = PostAssignment(
            branch_id=branch_id,
            term_id=term.id,
            post_id=post.id,
            member_id=member.id,
            commitment=pledge,
            exception_reason=why,
            assigned_at=dt.datetime.now(),
            assigned_by=current_user(),
        )
        after = _assignment_values(assignment, member, post, term)
        add_logged(session, assignment, f"{member.name} → {post.name}", after)
        return AssignmentInfo(
            assignment.id,
            term.id,
            post.id,
            post.name,
            member.id,
            member.name,
            pledge,
            why,
            version=assignment.version,
        )


def load_assignment(session: Session, branch_id: int, assignment_id: int) -> PostAssignment:
    missing = _("This assignment no longer exists. Please refresh the list.")
    return load_row(session, PostAssignment, assignment_id, branch_id, missing)


def update_commitment(
    workspace: Workspace, assignment_id: int, commitment: str, *, expected_version: int | None = None
) -> AssignmentInfo:
    """Change a member's commitment (承诺). ``expected_version``: the version the form read
    (``AssignmentInfo.version``); one saved by someone since is left as it is (ChangedMeanwhile)."""
    branch_id = workspace.require_branch()
    pledge = rules.clean_commitment(commitment)
    with workspace.db.transaction(exclusive=True) as session:
        assignment = load_assignment(session, branch_id, assignment_id)
        check_version(assignment.version, expected_version)
        before = assignment.commitment
        if before != pledge:
            assignment.commitment = pledge
            log_change(
                session,
                branch_id,
                "post_assignment",
                assignment.id,
                "update",
                _("Commitment changed"),
                before={"commitment": before},
                after={"commitment": pledge},
            )
        term_id = assignment.term_id
    return next(a for a in assignments(workspace, term_id) if a.id == assignment_id)


def remove_assignment(workspace: Workspace, assignment_id: int) -> None:
    """Take a member off a post (a mistake, or the member left before doing anything). Refused once the
    assignment has performance records or a grade: those are kept as history."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        assignment = load_assignment(session, branch_id, assignment_id)
        records = session.scalar(
            select(func.count()).select_from(PostRecord).where(PostRecord.assignment_id == assignment.id)
        )
        graded = session.scalar(
            select(PostEvaluation.id).where(PostEvaluation.assignment_id == assignment.id)
        )
        if records or graded:
            raise Conflict(
                _(
                    "This member already has performance records or a grade on this post; they stay as history."
                )
            )
        member = session.get(Member, assignment.member_id)
        post = session.get(Post, assignment.post_id)
        term = session.get(PostTerm, assignment.term_id)
        assert member is not None and post is not None and term is not None
        values = _assignment_values(assignment, member, post, term)
        session.delete(assignment)
        summary = f"{member.name} → {post.name}"
        log_change(session, branch_id, "post_assignment", assignment_id, "delete", summary, before=values)


def assignment_rows(session: Session, branch_id: int, where: Any) -> list[AssignmentInfo]:
    """The assignments that meet ``where``, in catalogue order, with their record count and grade."""
    record_counts = (
        select(PostRecord.assignment_id, func.count().label("n"))
        .where(PostRecord.branch_id == branch_id)
        .group_by(PostRecord.assignment_id)
        .subquery()
    )
    query = (
        select(
            PostAssignment,
            Post.name,
            Member.name,
            func.coalesce(record_counts.c.n, 0),
            PostEvaluation.grade,
            PostEvaluation.comment,
        )
        .join(Post, Post.id == PostAssignment.post_id)
        .join(Member, Member.id == PostAssignment.member_id)
        .outerjoin(record_counts, record_counts.c.assignment_id == PostAssignment.id)
        .outerjoin(PostEvaluation, PostEvaluation.assignment_id == PostAssignment.id)
        .where(PostAssignment.branch_id == branch_id, where)
        .order_by(Post.sort_order, Post.id, PostAssignment.id)
    )
    return [
        AssignmentInfo(
            a.id,
            a.term_id,
            a.post_id,
            post_name,
            a.member_id,
            member_name,
            a.commitment,
            a.exception_reason,
            int(count),
            grade or "",
            comment or "",
            a.version,
        )
        for a, post_name, member_name, count, grade, comment in session.execute(query).all()
    ]


def assignments(workspace: Workspace, term_id: int) -> list[AssignmentInfo]:
    """Every assignment of the term, in catalogue order."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        load_term(session, branch_id, term_id)
        return assignment_rows(session, branch_id, PostAssignment.term_id == term_id)


# --- the command line's list --------------------------------------------------------------------------


def catalogue_rows(workspace: Workspace, term_id: int | None = None) -> list[CatalogueRow]:
    """Each post of the catalogue with the members on it in the term (one row per member; a post with
    nobody gets one row with no member)."""
    posts = list_posts(workspace)
    term = None
    if term_id is not None:
        term = next((t for t in list_terms(workspace) if t.id == term_id), None)
    rows_by_post: dict[int, list[AssignmentInfo | None]] = defaultdict(list)
    if term is not None:
        for row in assignments(workspace, term.id):
            rows_by_post[row.post_id].append(row)
    label = term.label if term else ""
    return [
        CatalogueRow(
            label,
            post.name,
            post.members_needed,
            post.active,
            row.member_id if row else None,
            row.member_name if row else "",
            row.commitment if row else "",
            row.grade if row else "",
        )
        for post in posts
        for row in rows_by_post.get(post.id) or [None]
    ]
