"""The yearly democratic evaluation of members (民主评议党员): the year's sheet, one member's
self-assessment, votes per grade and final grade, and the results the 民主评议结果 notice publishes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.choices import ACTIVE, DELETED
from dangjian_desktop.domain.errors import FieldErrors, NotFound
from dangjian_desktop.i18n import _
from dangjian_desktop.services.meetings.meetings import member_order
from dangjian_desktop.services.meetings.settings import evaluation_grades
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.meetings_models import MemberEvaluation
from dangjian_desktop.store.models import Member


@dataclass(frozen=True)
class EvaluationRow:
    member_id: int
    name: str
    party_group: str
    on_roster: bool
    year: int
    self_assessment: str
    votes: tuple[tuple[str, int], ...]
    grade: str
    recorded: bool

    def votes_for(self, grade: str) -> int:
        return dict(self.votes).get(grade, 0)


def _check_year(year: int) -> int:
    if not 1990 <= int(year) <= dt.date.today().year + 1:
        raise FieldErrors({"year": _("Check the year: {year}.").format(year=year)})
    return int(year)


def _votes_of(text: str, grades: Sequence[str]) -> tuple[tuple[str, int], ...]:
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        stored = {}
    ordered = [(g, int(stored.get(g, 0) or 0)) for g in grades]
    ordered += [(g, int(n or 0)) for g, n in stored.items() if g not in grades and n]  # grades since removed
    return tuple(ordered)


def evaluation_sheet(workspace: Workspace, year: int) -> list[EvaluationRow]:
    """Every member on the roster for the year's evaluation, and anybody evaluated that year who has since
    left; by Party group."""
    year = _check_year(year)
    branch_id = workspace.require_branch()
    grades = evaluation_grades(workspace)
    with workspace.db.transaction() as session:
        stored = {
            e.member_id: e
            for e in session.scalars(
                select(MemberEvaluation).where(
                    MemberEvaluation.branch_id == branch_id, MemberEvaluation.year == year
                )
            )
        }
        members = session.execute(
            select(Member.id, Member.name, Member.party_group, Member.status).where(
                Member.branch_id == branch_id,
                (Member.status == ACTIVE) | Member.id.in_(list(stored) or [0]),
            )
        ).all()
    rows = []
    for m in sorted(members, key=lambda m: member_order(m.party_group, m.id)):
        e = stored.get(m.id)
        rows.append(
            EvaluationRow(
                m.id,
                m.name,
                m.party_group,
                m.status == ACTIVE,
                year,
                e.self_assessment if e else "",
                _votes_of(e.votes if e else "", grades),
                e.grade if e else "",
                e is not None,
            )
        )
    return rows


def _audit_values(year: int, self_assessment: str, votes_text: str, grade: str) -> dict[str, Any]:
    return {
        "year": year,
        "self_assessment": self_assessment,
        "votes": json.loads(votes_text or "{}"),
        "grade": grade,
    }


def _evaluated_member(session: Session, branch_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != branch_id or member.status == DELETED:
        raise NotFound(_("This member was not found."))
    return member


def save_evaluation(
    workspace: Workspace,
    year: int,
    member_id: int,
    self_assessment: str = "",
    votes: Mapping[str, object] | None = None,
    grade: str = "",
) -> EvaluationRow:
    """Record (or correct) a member's evaluation for the year: the self-assessment, the votes per grade
    and the branch's final grade (one of the grades of the setting, or empty while not decided)."""
    year = _check_year(year)
    branch_id = workspace.require_branch()
    grades = evaluation_grades(workspace)
    data = rules.validate_evaluation(self_assessment, votes or {}, grade, grades)
    votes_text = json.dumps({g: n for g, n in data.votes if n}, ensure_ascii=False)
    with workspace.db.transaction() as session:
        member = _evaluated_member(session, branch_id, member_id)
        row = session.scalar(
            select(MemberEvaluation).where(
                MemberEvaluation.branch_id == branch_id,
                MemberEvaluation.year == year,
                MemberEvaluation.member_id == member_id,
            )
        )
        after = _audit_values(year, data.self_assessment, votes_text, data.grade)
        if row is None:
            row = MemberEvaluation(branch_id=branch_id, year=year, member_id=member_id)
            session.add(row)
            before = None
        else:
            before = _audit_values(row.year, row.self_assessment, row.votes, row.grade)
        row.self_assessment, row.votes, row.grade = data.self_assessment, votes_text, data.grade
        row.updated_at = dt.datetime.now()
        session.flush()
        if before != after:
            log_change(
                session,
                branch_id,
                "member_evaluation",
                row.id,
                "insert" if before is None else "update",
                _("{name}: democratic evaluation {year}").format(name=member.name, year=year),
                before=before,
                after=after,
            )
        return EvaluationRow(
            member.id, member.name, member.party_group, member.status == ACTIVE, year, data.self_assessment,
            _votes_of(votes_text, grades), data.grade, True,
        )  # fmt: skip


def evaluation_results(workspace: Workspace, year: int) -> list[tuple[str, str]]:
    """(name, grade) of every member graded that year: what the 民主评议结果 notice publishes."""
    return [(row.name, row.grade) for row in evaluation_sheet(workspace, year) if row.grade]
