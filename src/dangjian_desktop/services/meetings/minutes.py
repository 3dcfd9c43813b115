"""Paper: one meeting's 会议记录 and the year's 民主评议 results, as PDF bytes or saved files."""

from __future__ import annotations

from pathlib import Path

from dangjian_desktop.documents import meetings_minutes as minutes_pdf
from dangjian_desktop.domain.errors import AppError, NotFound
from dangjian_desktop.i18n import _
from dangjian_desktop.services import members
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.meetings.evaluation import evaluation_sheet
from dangjian_desktop.services.meetings.meetings import get_meeting
from dangjian_desktop.services.meetings.settings import evaluation_grades
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Branch


def _branch_name(workspace: Workspace) -> str:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        branch = session.get(Branch, branch_id)
        if branch is None:
            raise NotFound(_("The branch was not found."))
        return branch.name


def minutes_content(workspace: Workspace, meeting_id: int) -> minutes_pdf.MinutesContent:
    detail = get_meeting(workspace, meeting_id)
    m = detail.meeting
    return minutes_pdf.MinutesContent(
        branch_name=_branch_name(workspace),
        kind=m.kind_label,
        when=m.when_text,
        place=m.place,
        presenter=m.presenter,
        recorder=m.recorder,
        topic=m.topic,
        minutes=m.minutes,
        expected=m.count.expected,
        present_names=tuple(a.name for a in detail.present),
        absent=tuple((a.name, a.reason_text) for a in detail.absent),
        names=members.people_named(workspace),
    )


def minutes_pdf_bytes(workspace: Workspace, meeting_id: int) -> bytes:
    return minutes_pdf.minutes_pdf(minutes_content(workspace, meeting_id))


def export_minutes(workspace: Workspace, meeting_id: int, path: Path | str) -> Path:
    return write_file(Path(path), minutes_pdf_bytes(workspace, meeting_id))


def evaluation_content(workspace: Workspace, year: int) -> minutes_pdf.EvaluationContent:
    rows = [row for row in evaluation_sheet(workspace, year) if row.recorded]
    grades = evaluation_grades(workspace)
    return minutes_pdf.EvaluationContent(
        branch_name=_branch_name(workspace),
        year=year,
        grades=grades,
        rows=tuple(
            minutes_pdf.EvaluationLine(
                row.name, row.party_group, tuple(row.votes_for(g) for g in grades), row.grade
            )
            for row in rows
        ),
    )


def evaluation_pdf_bytes(workspace: Workspace, year: int) -> bytes:
    content = evaluation_content(workspace, year)
    if not content.rows:
        raise AppError(
            _("No evaluation has been recorded for {year} yet, so there is nothing to print.").format(
                year=year
            )
        )
    return minutes_pdf.evaluation_pdf(content)


def export_evaluation(workspace: Workspace, year: int, path: Path | str) -> Path:
    return write_file(Path(path), evaluation_pdf_bytes(workspace, year))
