"""The printed record of a 四议两公开 matter (``documents.matter_record``): for the printer dialog, a file,
and ``dangjian matter print``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from dangjian_desktop.documents import notices_matter_record as matter_record
from dangjian_desktop.domain import major_matters as rules
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services import members, notices
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.notices import matters as major_matters
from dangjian_desktop.services.workspace import Workspace


def _step_line(step: major_matters.StepInfo) -> matter_record.StepLine:
    vote = step.vote
    attendance = votes = ""
    if vote is not None:
        attendance = _("Expected {expected}, present {present}").format(
            expected=vote.expected, present=vote.present
        )
        votes = _("For {votes_for}, against {against}, abstaining {abstain}").format(
            votes_for=vote.votes_for, against=vote.against, abstain=vote.abstain
        )
    note = step.notice_number or step.text
    return matter_record.StepLine(
        position=step.position,
        name=rules.step(step.step).name,
        day=step.held_on,
        attendance=attendance,
        votes=votes,
        outcome=step.outcome,
        note=note,
        passed=step.passed,
    )


def _notice_text(info: notices.NoticeInfo) -> matter_record.NoticeText:
    content = info.content
    if info.posted_on is None:
        board = _("not posted yet")
    elif info.taken_down_on is None:
        board = _("posted on {date}").format(date=format_date(info.posted_on, "long"))
    else:
        board = _("posted on {posted}, taken down on {down}").format(
            posted=format_date(info.posted_on, "long"), down=format_date(info.taken_down_on, "long")
        )
    return matter_record.NoticeText(
        number=info.number,
        kind=info.type_label,
        title=content.title,
        period=content.period_line().rstrip("。"),
        board=board,
        status=info.status_label,
        body=content.body,
    )


def record_content(
    workspace: Workspace, matter_id: int, *, today: dt.date | None = None
) -> matter_record.MatterRecord:
    matter = major_matters.get_matter(workspace, matter_id)  # NotFound says which number is unknown
    published = [n for n in notices.list_notices(workspace) if n.matter_id == matter.id and not n.is_draft]
    published.sort(key=lambda n: (n.year or 0, n.sequence or 0))
    profile = load_profile(workspace)
    return matter_record.MatterRecord(
        branch_name=profile.name if profile else "",
        title=matter.title,
        content=matter.content,
        status=matter.status_label,
        registered_on=matter.created_at.date(),
        steps=tuple(_step_line(step) for step in matter.steps),
        notices=tuple(_notice_text(n) for n in published),
        printed_on=today or dt.date.today(),
        names=members.people_named(workspace),
    )


def record_pdf_bytes(workspace: Workspace, matter_id: int, *, today: dt.date | None = None) -> bytes:
    buffer = io.BytesIO()
    matter_record.render_pdf(record_content(workspace, matter_id, today=today), buffer)
    return buffer.getvalue()


def file_name(workspace: Workspace, matter_id: int) -> str:
    title = major_matters.get_matter(workspace, matter_id).title
    safe = "".join(ch for ch in title if ch not in '\\/:*?"<>|').strip()[:40] or str(matter_id)
    return _("major-matter-{title}.pdf").format(title=safe)


def export_record(
    workspace: Workspace, matter_id: int, path: Path | str, *, today: dt.date | None = None
) -> Path:
    return write_file(path, record_pdf_bytes(workspace, matter_id, today=today))
