"""The text a generated kind of notice starts with, read from the program's other modules (dues, posts,
organisation life, 四议两公开).

Those modules are imported inside the functions that read them: printing an archived notice (a process of its
own, with a time budget) needs none of them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from dangjian_desktop.domain import notice_texts as texts


def _branch_name(workspace: Workspace) -> str:
    profile = load_profile(workspace)
    return profile.name if profile else ""


def _dues_text(
    workspace: Workspace, year: int, months: tuple[int, int] | None, today: dt.date
) -> texts.GeneratedText:
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    first_month, last_month = months or (1, today.month if year == today.year else 12)
    if not (1 <= first_month <= last_month <= 12):
        raise FieldErrors({"months": _("Choose the months of the year in order, e.g. from 1 to 3.")})
    data = dues.public_notice_data(workspace, Month(year, first_month), Month(year, last_month))
    lines = [texts.DuesLine(r.name, r.months_paid, r.amount_paid, r.voluntary) for r in data.rows]
    if not lines:
        raise AppError(_("There are no members on the roster yet, so there is no dues notice to make."))
    return texts.dues_text(
        data.branch_name,
        (year, data.first.month),
        (year, last_month),
        lines,
        data.total_paid,
        data.handed_up,
        data.central_handed_up,
    )


def _posts_text(workspace: Workspace, year: int | None, today: dt.date) -> texts.GeneratedText:
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.services import posts

    term = posts.find_year_term(workspace, year) if year else posts.current_term(workspace, today)
    content = posts.board_content(workspace, term.id) if term else None
    if term is None or content is None or not content.posts:
        raise AppError(
            _("Nobody has a post for {year} yet. Assign posts on the Posts page first.").format(
                year=year or today.year
            )
        )
    lines = [texts.PostLine(p.name, p.duties, tuple(m.name for m in p.members)) for p in content.posts]
    return texts.posts_text(content.branch, content.term, lines)


def _evaluation_text(workspace: Workspace, year: int) -> texts.GeneratedText:
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.services import meetings

    results = meetings.evaluation_results(workspace, year)
    if not results:
        raise AppError(
            _(
                "No member has been graded for {year} yet, so there is no evaluation result to publish."
            ).format(year=year)
        )
    grades = tuple(meetings.evaluation_grades(workspace))
    return texts.evaluation_text(_branch_name(workspace), year, results, grades)


def _meetings_text(workspace: Workspace, year: int) -> texts.GeneratedText:
    from dangjian_desktop.domain import meetings as kinds
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.services import meetings

    held = meetings.list_meetings(workspace, year)
    if not held:
        raise AppError(_("No meeting has been recorded for {year} yet.").format(year=year))
    lines = [
        texts.MeetingLine(
            m.held_on,
            kinds.MEETING_KIND.sheet_name(m.kind) + (f"（{m.party_group}）" if m.party_group else ""),
            m.topic,
            m.count.expected,
            m.count.present,
        )
        for m in held
    ]
    return texts.meetings_text(_branch_name(workspace), year, lines)


def _matter_text(
    session: Session, branch_id: int, type_code: str, matter_id: int | None
) -> texts.GeneratedText:
    from dangjian_desktop.domain import major_matters as matter_rules
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.services.notices import matters as major_matters

    if matter_id is None:
        raise FieldErrors({"matter": _("Choose the major matter this notice is about.")})
    info = major_matters.matter_in(session, branch_id, matter_id)
    if type_code == rules.RESOLUTION:
        resolve = info.step_info(matter_rules.RESOLVE)
        if resolve is None or not resolve.passed:
            raise Conflict(
                _("The matter “{title}” has not been resolved by the villagers' representatives yet.").format(
                    title=info.title
                )
            )
        lines = [
            texts.StepLine(
                s.name,
                matter_rules.step(s.step).meeting,
                s.held_on,
                s.expected,
                s.present,
                s.votes_for,
                s.against,
                s.abstain,
            )
            for s in info.steps
            if matter_rules.step(s.step).voting and not s.adjourned
        ]
        return texts.resolution_text(info.title, info.content, lines)
    implemented = info.step_info(matter_rules.IMPLEMENT)
    if implemented is None:
        raise Conflict(
            _("The implementation of “{title}” has not been recorded yet; record it first.").format(
                title=info.title
            )
        )
    published = info.step_info(matter_rules.PUBLISH_RESOLUTION)
    return texts.result_text(
        info.title, published.notice_number if published else "", implemented.held_on, implemented.text
    )


def generate_text(
    workspace: Workspace,
    type_code: str,
    *,
    year: int | None = None,
    months: tuple[int, int] | None = None,
    matter_id: int | None = None,
    candidate: texts.Candidate | None = None,
    today: dt.date | None = None,
) -> texts.GeneratedText:
    """The title and body a kind of notice starts with, from the program's data; ``free`` starts empty."""
    from dangjian_desktop.domain import notice_texts as texts

    kind = rules.notice_type(type_code)
    today = today or dt.date.today()
    branch_id = workspace.require_branch()
    if kind.code == rules.FREE:
        return texts.GeneratedText("", "")
    if kind.code == rules.DUES:
        return _dues_text(workspace, year or today.year, months, today)
    if kind.code == rules.POSTS:
        return _posts_text(workspace, year, today)
    if kind.code == rules.RECRUITMENT:
        if candidate is None or not candidate.name.strip():
            raise FieldErrors({"candidate": _("Enter the candidate's name and details first.")})
        return texts.recruitment_text(candidate)
    if kind.code == rules.EVALUATION:
        # 民主评议 is held at the turn of the year: early in a year it is last year's that is published.
        default_year = today.year - 1 if today.month <= 3 else today.year
        return _evaluation_text(workspace, year or default_year)
    if kind.code == rules.MEETINGS:
        return _meetings_text(workspace, year or today.year)
    with workspace.db.transaction() as session:
        return _matter_text(session, branch_id, kind.code, matter_id)
