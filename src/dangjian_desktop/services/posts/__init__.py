"""Use cases of the posts module (无职党员设岗定责): the catalogue (设岗), terms, assignments (认岗 / 定岗),
performance records (履岗记实), evaluations (评岗), the public board and the duty cards.

Each use case is one transaction and writes the audit log in it; results are frozen DTOs. The branch's
catalogue is filled with the usual posts the first time the module is used. The module's settings
(one post per term or more, the grade list, the notice period) live in the ``setting`` table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.documents import posts_board as post_board
from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.domain.posts import (
    AssignmentCheck,
    BoardContent,
    BoardMember,
    BoardPost,
    DutyCard,
    MemberFacts,
    PostLoad,
    TermSpan,
)
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import settings
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.posts_models import Post, PostAssignment, PostEvaluation, PostRecord, PostTerm

DEFAULT_NOTICE_DAYS = 7  # decisions.md #7: posts are published for 7 calendar days


def _flag(value: Any) -> bool:
    """A yes/no setting; also reads the "1"/"0" that earlier versions stored."""
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1"):
        return bool(int(value))
    raise ValueError(value)


def _notice_days(value: Any) -> int:
    days = int(value)
    if not 1 <= days <= 60:
        raise ValueError(_("Please enter a number of days from 1 to 60."))
    return days


# The module's settings, in the branch's settings like every other module's (shown on the posts page
# itself, not on the 业务设置 tab).
SEVERAL_POSTS = settings.register(
    settings.SettingKey(
        "posts.allow_several_posts", N_("A member may hold several posts in one term"), False, _flag
    )
)
GRADES = settings.register(
    settings.SettingKey(
        "posts.grades",
        N_("Grades for posts"),
        rules.DEFAULT_GRADES,
        rules.parse_grades,
        lambda grades: list(grades),
    )
)
NOTICE_DAYS = settings.register(
    settings.SettingKey(
        "posts.notice_days", N_("Days the post board is published"), DEFAULT_NOTICE_DAYS, _notice_days
    )
)
CATALOGUE_SEEDED = settings.register(
    settings.SettingKey(
        "posts.catalogue_seeded", N_("The usual posts were added to the catalogue"), False, _flag
    )
)


# --- DTOs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostSettings:
    allow_several_posts: bool = False
    grades: tuple[str, ...] = rules.DEFAULT_GRADES
    notice_days: int = DEFAULT_NOTICE_DAYS


@dataclass(frozen=True)
class PostInfo:
    id: int
    name: str
    duties: str
    members_needed: int
    active: bool
    sort_order: int

    @property
    def duty_lines(self) -> tuple[str, ...]:
        return rules.duty_lines(self.duties)


@dataclass(frozen=True)
class TermInfo:
    id: int
    year: int | None
    start: dt.date
    end: dt.date

    @property
    def span(self) -> TermSpan:
        return TermSpan(self.start, self.end, self.year)

    @property
    def title(self) -> str:
        """As the board writes it (Chinese document): 2025年度."""
        return rules.term_title(self.span)

    @property
    def label(self) -> str:
        """As the screen shows it."""
        if self.year is not None:
            return _("Year {year}").format(year=self.year)
        return _("{start} to {end}").format(start=format_date(self.start), end=format_date(self.end))


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


# --- settings -----------------------------------------------------------------------------------------


def _settings(session: Session, branch_id: int) -> PostSettings:
    return PostSettings(
        allow_several_posts=settings.read_in(session, branch_id, SEVERAL_POSTS),
        grades=settings.read_in(session, branch_id, GRADES),
        notice_days=settings.read_in(session, branch_id, NOTICE_DAYS),
    )


def post_settings(workspace: Workspace) -> PostSettings:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _settings(session, branch_id)


def save_post_settings(
    workspace: Workspace,
    *,
    allow_several_posts: bool | None = None,
    grades: str | Iterable[str] | None = None,
    notice_days: int | None = None,
) -> PostSettings:
    """Change any of the module's settings (the others stay); each change is in the audit log."""
    branch_id = workspace.require_branch()
    checked_grades = rules.parse_grades(grades) if grades is not None else None
    if notice_days is not None and not 1 <= int(notice_days) <= 60:
        raise FieldErrors({"notice_days": _("Please enter a number of days from 1 to 60.")})
    with workspace.db.transaction() as session:
        if allow_several_posts is not None:
            settings.write_in(session, branch_id, SEVERAL_POSTS, bool(allow_several_posts))
        if checked_grades is not None:
            settings.write_in(session, branch_id, GRADES, checked_grades)
        if notice_days is not None:
            settings.write_in(session, branch_id, NOTICE_DAYS, int(notice_days))
        return _settings(session, branch_id)


# --- the catalogue (设岗) -----------------------------------------------------------------------------


def _post_info(post: Post) -> PostInfo:
    return PostInfo(post.id, post.name, post.duties, post.members_needed, post.active, post.sort_order)


def _post_values(post: Post) -> dict[str, Any]:
    return {
        "name": post.name,
        "duties": post.duties,
        "members_needed": post.members_needed,
        "active": post.active,
    }


def _seed_catalogue(session: Session, branch_id: int) -> int:
    """Fill an empty catalogue with the usual posts, once per branch (a catalogue emptied or changed
    later by the secretary is never filled again)."""
    if settings.read_in(session, branch_id, CATALOGUE_SEEDED):
        return 0
    has_posts = session.scalar(select(func.count()).select_from(Post).where(Post.branch_id == branch_id))
    added = 0
    if not has_posts:
        now = dt.datetime.now()
        for order, data in enumerate(rules.DEFAULT_CATALOGUE, start=1):
            post = Post(
                branch_id=branch_id,
                name=data.name,
                duties=data.duties,
                members_needed=data.members_needed,
                active=True,
                sort_order=order * 10,
                created_at=now,
                updated_at=now,
            )
            session.add(post)
            session.flush()
            audit.record(
                session,
                branch_id=branch_id,
                table="post",
                record_id=post.id,
                action="insert",
                summary=_("Usual post added to the catalogue: {name}").format(name=post.name),
                after=_post_values(post),
            )
            added += 1
    settings.write_in(session, branch_id, CATALOGUE_SEEDED, True)
    return added


def ensure_catalogue(workspace: Workspace) -> int:
    """Seed the usual posts on first use; returns how many were added (0 after the first time)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _seed_catalogue(session, branch_id)


def list_posts(workspace: Workspace, *, active_only: bool = False) -> list[PostInfo]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        query = select(Post).where(Post.branch_id == branch_id)
        if active_only:
            query = query.where(Post.active.is_(True))
        return [_post_info(p) for p in session.scalars(query.order_by(Post.sort_order, Post.id))]


def _load_post(session: Session, branch_id: int, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None or post.branch_id != branch_id:
        raise NotFound(_("This post no longer exists. Please refresh the list."))
    return post


def _post_by_name(session: Session, branch_id: int, name: str) -> Post | None:
    key = normalize_text(name).replace(" ", "")
    return session.scalar(select(Post).where(Post.branch_id == branch_id, Post.name == key))


def find_post(workspace: Workspace, name: str) -> PostInfo:
    """A post of the catalogue by its exact name."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        post = _post_by_name(session, branch_id, name)
        if post is None:
            names = session.scalars(
                select(Post.name).where(Post.branch_id == branch_id).order_by(Post.sort_order, Post.id)
            ).all()
            raise NotFound(
                _("There is no post called {name}. The posts are: {names}").format(
                    name=name, names="、".join(names)
                )
            )
        return _post_info(post)


def add_post(workspace: Workspace, raw: Mapping[str, object]) -> PostInfo:
    branch_id = workspace.require_branch()
    data = rules.validate_post(raw)
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        _seed_catalogue(session, branch_id)
        if _post_by_name(session, branch_id, data.name) is not None:
            raise FieldErrors({"name": _("There is already a post called {name}.").format(name=data.name)})
        last = session.scalar(select(func.max(Post.sort_order)).where(Post.branch_id == branch_id)) or 0
        post = Post(
            branch_id=branch_id,
            name=data.name,
            duties=data.duties,
            members_needed=data.members_needed,
            active=data.active,
            sort_order=last + 10,
            created_at=now,
            updated_at=now,
        )
        session.add(post)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="post",
            record_id=post.id,
            action="insert",
            summary=post.name,
            after=_post_values(post),
        )
        return _post_info(post)


def update_post(workspace: Workspace, post_id: int, raw: Mapping[str, object]) -> PostInfo:
    branch_id = workspace.require_branch()
    data = rules.validate_post(raw)
    with workspace.db.transaction() as session:
        post = _load_post(session, branch_id, post_id)
        other = _post_by_name(session, branch_id, data.name)
        if other is not None and other.id != post.id:
            raise FieldErrors({"name": _("There is already a post called {name}.").format(name=data.name)})
        before = _post_values(post)
        post.name, post.duties = data.name, data.duties
        post.members_needed, post.active = data.members_needed, data.active
        after = _post_values(post)
        if before != after:
            post.updated_at = dt.datetime.now()
            audit.record(
                session,
                branch_id=branch_id,
                table="post",
                record_id=post.id,
                action="update",
                summary=post.name,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
        return _post_info(post)


def set_post_active(workspace: Workspace, post_id: int, active: bool) -> PostInfo:
    """Turn a post off (it leaves the board and the assignment lists; its history stays) or on again."""
    current = next((p for p in list_posts(workspace) if p.id == post_id), None)
    if current is None:
        raise NotFound(_("This post no longer exists. Please refresh the list."))
    return update_post(
        workspace,
        post_id,
        {
            "name": current.name,
            "duties": current.duties,
            "members_needed": current.members_needed,
            "active": active,
        },
    )


# --- terms ----------------------------------------------------------------------------------------------


def _term_info(term: PostTerm) -> TermInfo:
    return TermInfo(term.id, term.year, term.start_date, term.end_date)


def _load_term(session: Session, branch_id: int, term_id: int) -> PostTerm:
    term = session.get(PostTerm, term_id)
    if term is None or term.branch_id != branch_id:
        raise NotFound(_("This term no longer exists. Please refresh the list."))
    return term


def _get_or_create_term(session: Session, branch_id: int, span: TermSpan) -> PostTerm:
    term = session.scalar(
        select(PostTerm).where(
            PostTerm.branch_id == branch_id, PostTerm.start_date == span.start, PostTerm.end_date == span.end
        )
    )
    if term is None:
        term = PostTerm(
            branch_id=branch_id,
            year=span.year,
            start_date=span.start,
            end_date=span.end,
            created_at=dt.datetime.now(),
        )
        session.add(term)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="post_term",
            record_id=term.id,
            action="insert",
            summary=rules.term_title(span),
            after={"year": span.year, "start_date": span.start, "end_date": span.end},
        )
    return term


def term_for_year(workspace: Workspace, year: int) -> TermInfo:
    """The term of a calendar year, made the first time it is asked for."""
    branch_id = workspace.require_branch()
    span = rules.term_for_year(int(year))
    with workspace.db.transaction() as session:
        return _term_info(_get_or_create_term(session, branch_id, span))


def find_year_term(workspace: Workspace, year: int) -> TermInfo | None:
    """The term of a calendar year if it was set up, else None (nothing is created)."""
    return next((t for t in list_terms(workspace) if t.year == int(year)), None)


def open_term(workspace: Workspace, start: dt.date, end: dt.date) -> TermInfo:
    """A term with its own start and end (e.g. the 支委会's five years), made if new."""
    branch_id = workspace.require_branch()
    span = rules.term_between(start, end)
    with workspace.db.transaction() as session:
        return _term_info(_get_or_create_term(session, branch_id, span))


def list_terms(workspace: Workspace) -> list[TermInfo]:
    """Every term, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        terms = session.scalars(
            select(PostTerm)
            .where(PostTerm.branch_id == branch_id)
            .order_by(PostTerm.start_date.desc(), PostTerm.end_date.desc())
        )
        return [_term_info(t) for t in terms]


def current_term(workspace: Workspace, today: dt.date | None = None) -> TermInfo | None:
    """The term that contains today (the shortest if several do), else the newest one, else None."""
    today = today or dt.date.today()
    terms = list_terms(workspace)
    containing = [t for t in terms if t.start <= today <= t.end]
    if containing:
        return min(containing, key=lambda t: (t.end - t.start, -t.id))
    return terms[0] if terms else None


# --- members --------------------------------------------------------------------------------------------


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


def _load_member(session: Session, branch_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != branch_id or member.status == DELETED:
        raise NotFound(_("This member no longer exists. Please refresh the list."))
    return member


def find_member(workspace: Workspace, text: str) -> MemberOption:
    """A member by the number the program gives them (as ``posts list`` shows it) or by exact name."""
    found = member_service.find_member(workspace, text)
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _member_option(_load_member(session, branch_id, found.id))


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


def roster_options(workspace: Workspace, term_id: int) -> list[MemberOption]:
    """Every member on the roster with the posts they hold in the term: members without office and
    without a post first, then the other members without office, then those with an office."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _load_term(session, branch_id, term_id)
        held = _held_posts(session, term_id)
        members = session.scalars(
            select(Member)
            .where(Member.branch_id == branch_id, Member.status == ACTIVE)
            .order_by(Member.party_group, Member.id)
        ).all()
        members = sorted(members, key=lambda m: party_group_order(m.party_group))
        options = [_member_option(m, held.get(m.id, ())) for m in members]
    return sorted(options, key=lambda o: (not o.without_office, bool(o.posts)))


def members_without_post(workspace: Workspace, term_id: int) -> list[MemberOption]:
    """Members without office (on the roster, no office) who still have no post in the term."""
    return [o for o in roster_options(workspace, term_id) if o.without_office and not o.posts]


def members_without_office(workspace: Workspace) -> list[MemberOption]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        members = session.scalars(
            select(Member)
            .where(Member.branch_id == branch_id, Member.status == ACTIVE)
            .order_by(Member.party_group, Member.id)
        ).all()
        members = sorted(members, key=lambda m: party_group_order(m.party_group))
        return [_member_option(m) for m in members if rules.is_without_office(_facts(m))]


def _facts(member: Member) -> MemberFacts:
    return MemberFacts(
        member.id, member.name, member.office, member.status, bool(member.flowing), member.away_place
    )


# --- assignments (认岗 / 定岗) --------------------------------------------------------------------------


def _check(session: Session, branch_id: int, member: Member, post: Post, term: PostTerm) -> AssignmentCheck:
    held = _held_posts(session, term.id).get(member.id, [])
    on_post = session.scalars(
        select(PostAssignment.member_id).where(
            PostAssignment.term_id == term.id, PostAssignment.post_id == post.id
        )
    ).all()
    load = PostLoad(post.id, post.name, post.members_needed, post.active, tuple(on_post))
    chosen = _settings(session, branch_id)
    return rules.check_assignment(_facts(member), load, held, allow_several_posts=chosen.allow_several_posts)


def check_assignment(workspace: Workspace, member_id: int, post_id: int, term_id: int) -> AssignmentCheck:
    """What the rules say about an assignment before it is made (for the dialog's warnings)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = _load_member(session, branch_id, member_id)
        post = _load_post(session, branch_id, post_id)
        term = _load_term(session, branch_id, term_id)
        return _check(session, branch_id, member, post, term)


def _assignment_values(
    assignment: PostAssignment, member: Member, post: Post, term: PostTerm
) -> dict[str, Any]:
    return {
        "member": member.name,
        "member_id": member.id,
        "post": post.name,
        "term": rules.term_title(TermSpan(term.start_date, term.end_date, term.year)),
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
        member = _load_member(session, branch_id, member_id)
        post = _load_post(session, branch_id, post_id)
        term = _load_term(session, branch_id, term_id)
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
        session.add(assignment)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="post_assignment",
            record_id=assignment.id,
            action="insert",
            summary=f"{member.name} → {post.name}",
            after=_assignment_values(assignment, member, post, term),
        )
        return AssignmentInfo(assignment.id, term.id, post.id, post.name, member.id, member.name, pledge, why)


def _load_assignment(session: Session, branch_id: int, assignment_id: int) -> PostAssignment:
    assignment = session.get(PostAssignment, assignment_id)
    if assignment is None or assignment.branch_id != branch_id:
        raise NotFound(_("This assignment no longer exists. Please refresh the list."))
    return assignment


def update_commitment(workspace: Workspace, assignment_id: int, commitment: str) -> AssignmentInfo:
    branch_id = workspace.require_branch()
    pledge = rules.clean_commitment(commitment)
    with workspace.db.transaction() as session:
        assignment = _load_assignment(session, branch_id, assignment_id)
        before = assignment.commitment
        if before != pledge:
            assignment.commitment = pledge
            audit.record(
                session,
                branch_id=branch_id,
                table="post_assignment",
                record_id=assignment.id,
                action="update",
                summary=_("Commitment changed"),
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
        assignment = _load_assignment(session, branch_id, assignment_id)
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
        audit.record(
            session,
            branch_id=branch_id,
            table="post_assignment",
            record_id=assignment_id,
            action="delete",
            summary=f"{member.name} → {post.name}",
            before=values,
        )


def _assignment_rows(session: Session, branch_id: int, where: Any) -> list[AssignmentInfo]:
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
        )
        for a, post_name, member_name, count, grade, comment in session.execute(query).all()
    ]


def assignments(workspace: Workspace, term_id: int) -> list[AssignmentInfo]:
    """Every assignment of the term, in catalogue order."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _load_term(session, branch_id, term_id)
        return _assignment_rows(session, branch_id, PostAssignment.term_id == term_id)


# --- performance records (履岗记实) ---------------------------------------------------------------------


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
    created: list[RecordInfo] = []
    with workspace.db.transaction() as session:
        for assignment_id in dict.fromkeys(assignment_ids):
            assignment = _load_assignment(session, branch_id, assignment_id)
            term = session.get(PostTerm, assignment.term_id)
            member = session.get(Member, assignment.member_id)
            post = session.get(Post, assignment.post_id)
            assert term is not None and member is not None and post is not None
            if not term.start_date <= data.day <= term.end_date:
                raise FieldErrors(
                    {
                        "date": _("{date} is outside the term {term}.").format(
                            date=format_date(data.day), term=_term_info(term).label
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
            session.add(record)
            session.flush()
            audit.record(
                session,
                branch_id=branch_id,
                table="post_record",
                record_id=record.id,
                action="insert",
                summary=f"{member.name} {post.name}",
                after={"date": data.day, "text": data.text, "confirmed_by": data.confirmed_by},
                user=user,
                at=now,
            )
            created.append(
                RecordInfo(
                    record.id,
                    assignment.id,
                    member.id,
                    member.name,
                    post.name,
                    data.day,
                    data.text,
                    data.confirmed_by,
                )
            )
    return created


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
        member = _load_member(session, branch_id, member_id)
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


def _record_rows(session: Session, branch_id: int, where: Any) -> list[RecordInfo]:
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
        _load_term(session, branch_id, term_id)
        return _record_rows(session, branch_id, PostAssignment.term_id == term_id)


# --- evaluation (评岗) ------------------------------------------------------------------------------------


def evaluate(
    workspace: Workspace, assignment_id: int, grade: str, comment: str = "", *, on: dt.date | None = None
) -> AssignmentInfo:
    """Give (or change) the grade of a member on a post for the term, with a comment. An empty grade and
    comment take a grade back (the change log keeps what it was)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        assignment = _load_assignment(session, branch_id, assignment_id)
        chosen = _settings(session, branch_id)
        value, text = rules.validate_grade(grade, chosen.grades, comment)
        evaluation = session.scalar(
            select(PostEvaluation).where(PostEvaluation.assignment_id == assignment.id)
        )
        before = None if evaluation is None else {"grade": evaluation.grade, "comment": evaluation.comment}
        after = {"grade": value, "comment": text} if value else None
        if before != after:
            member = session.get(Member, assignment.member_id)
            post = session.get(Post, assignment.post_id)
            assert member is not None and post is not None
            if after is None:
                assert evaluation is not None
                record_id = evaluation.id
                session.delete(evaluation)
                action, summary = "delete", f"{member.name} {post.name}: {_('not graded')}"
            else:
                now = dt.datetime.now()
                if evaluation is None:
                    evaluation = PostEvaluation(branch_id=branch_id, assignment_id=assignment.id)
                    session.add(evaluation)
                evaluation.grade, evaluation.comment = value, text
                evaluation.evaluated_on = on or now.date()
                evaluation.updated_at = now
                session.flush()
                record_id = evaluation.id
                action, summary = (
                    ("insert" if before is None else "update"),
                    f"{member.name} {post.name}: {value}",
                )
            audit.record(
                session,
                branch_id=branch_id,
                table="post_evaluation",
                record_id=record_id,
                action=action,
                summary=summary,
                before=before,
                after=after,
            )
        session.flush()
        rows = _assignment_rows(session, branch_id, PostAssignment.id == assignment.id)
        return rows[0]


def member_history(workspace: Workspace, member_id: int) -> list[HistoryEntry]:
    """A member's posts over all terms, newest term first, each with its records and grade."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        _load_member(session, branch_id, member_id)
        rows = _assignment_rows(session, branch_id, PostAssignment.member_id == member_id)
        terms = {
            t.id: _term_info(t)
            for t in session.scalars(select(PostTerm).where(PostTerm.branch_id == branch_id))
        }
        all_records = _record_rows(session, branch_id, PostAssignment.member_id == member_id)
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


# --- the board and the cards ----------------------------------------------------------------------------


def board_content(workspace: Workspace, term_id: int, issued_on: dt.date | None = None) -> BoardContent:
    """The 设岗定责公示 as plain data: active posts with members in the term (empty posts left off), the
    branch, the term, the notice period and the public supervision phone. Every printed field, names
    included, goes through the privacy guard of the notices: an ID number, a phone other than the public
    ones or a roster address is masked as ＊＊＊ however it is written (decisions.md #13)."""
    branch_id = workspace.require_branch()
    profile = load_profile(workspace)
    with workspace.db.transaction() as session:
        term = _load_term(session, branch_id, term_id)
        chosen = _settings(session, branch_id)
        rows = _assignment_rows(session, branch_id, PostAssignment.term_id == term_id)
        posts = {p.id: p for p in session.scalars(select(Post).where(Post.branch_id == branch_id))}
        span = TermSpan(term.start_date, term.end_date, term.year)
    from dangjian_desktop.services.notices import public_sheet_privacy  # notices own the public phones

    privacy = public_sheet_privacy(workspace)

    def public(text: str) -> str:
        return rules.redact_private_numbers(text, privacy)

    members: dict[int, list[BoardMember]] = defaultdict(list)
    over_reasons: dict[int, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.id):  # the order they were put on the post
        members[row.post_id].append(BoardMember(public(row.member_name), public(row.commitment)))
        reason = public(row.exception_reason)
        if len(members[row.post_id]) > posts[row.post_id].members_needed and reason:
            over_reasons[row.post_id].append(reason)
    board_posts = tuple(
        BoardPost(
            public(post.name),
            tuple(public(line) for line in rules.duty_lines(post.duties)),
            tuple(members[post.id]),
            post.members_needed,
            tuple(over_reasons[post.id]),
        )
        for post in sorted(posts.values(), key=lambda p: (p.sort_order, p.id))
        if post.active and members.get(post.id)
    )
    return BoardContent(
        branch=public(profile.name) if profile else "",
        term=rules.term_title(span),
        posts=board_posts,
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
    data = post_board.board_pdf_bytes(content, _check_size(size))
    _write(path, data)
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
    _write(path, post_board.duty_cards_pdf_bytes(cards))
    return len(cards)


def _write(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise AppError(
            _(
                "The file could not be written: {path}. Is it open in another program, or is the folder read-only?"
            ).format(path=path)
        ) from error


# --- the command line's list ------------------------------------------------------------------------------


def catalogue_rows(workspace: Workspace, term_id: int | None = None) -> list[CatalogueRow]:
    """Each post of the catalogue with the members on it in the term (one row per member; a post with
    nobody gets one row with no member)."""
    posts = list_posts(workspace)
    term = None
    if term_id is not None:
        term = next((t for t in list_terms(workspace) if t.id == term_id), None)
    rows_by_post: dict[int, list[AssignmentInfo]] = defaultdict(list)
    if term is not None:
        for row in assignments(workspace, term.id):
            rows_by_post[row.post_id].append(row)
    label = term.label if term else ""
    result: list[CatalogueRow] = []
    for post in posts:
        on_post = rows_by_post.get(post.id) or [None]
        for row in on_post:
            result.append(
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
            )
    return result
