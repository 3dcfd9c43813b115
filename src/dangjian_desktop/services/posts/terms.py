"""Terms: a calendar year (made the first time it is asked for) or a span with its own start and end
(e.g. the 支委会's five years). Assignments, records and grades belong to a term."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import posts as rules
from dangjian_desktop.domain.posts import TermSpan
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services.recording import add_logged, load_row
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.posts_models import PostTerm


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


def term_info(term: PostTerm) -> TermInfo:
    return TermInfo(term.id, term.year, term.start_date, term.end_date)


def term_span(term: PostTerm) -> TermSpan:
    return TermSpan(term.start_date, term.end_date, term.year)


def load_term(session: Session, branch_id: int, term_id: int) -> PostTerm:
    return load_row(
        session, PostTerm, term_id, branch_id, _("This term no longer exists. Please refresh the list.")
    )


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
        after = {"year": span.year, "start_date": span.start, "end_date": span.end}
        add_logged(session, term, rules.term_title(span), after)
    return term


def _term_of_span(workspace: Workspace, span: TermSpan) -> TermInfo:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return term_info(_get_or_create_term(session, branch_id, span))


def term_for_year(workspace: Workspace, year: int) -> TermInfo:
    """The term of a calendar year, made the first time it is asked for."""
    workspace.require_branch()
    return _term_of_span(workspace, rules.term_for_year(int(year)))


def find_year_term(workspace: Workspace, year: int) -> TermInfo | None:
    """The term of a calendar year if it was set up, else None (nothing is created)."""
    return next((t for t in list_terms(workspace) if t.year == int(year)), None)


def open_term(workspace: Workspace, start: dt.date, end: dt.date) -> TermInfo:
    """A term with its own start and end (e.g. the 支委会's five years), made if new."""
    workspace.require_branch()
    return _term_of_span(workspace, rules.term_between(start, end))


def list_terms(workspace: Workspace) -> list[TermInfo]:
    """Every term, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        terms = session.scalars(
            select(PostTerm)
            .where(PostTerm.branch_id == branch_id)
            .order_by(PostTerm.start_date.desc(), PostTerm.end_date.desc())
        )
        return [term_info(t) for t in terms]


def current_term(workspace: Workspace, today: dt.date | None = None) -> TermInfo | None:
    """The term that contains today (the shortest if several do), else the newest one, else None."""
    today = today or dt.date.today()
    terms = list_terms(workspace)
    containing = [t for t in terms if t.start <= today <= t.end]
    if containing:
        return min(containing, key=lambda t: (t.end - t.start, -t.id))
    return terms[0] if terms else None
