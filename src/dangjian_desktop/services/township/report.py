"""The township report: every section over every branch the login reads, and the report as a PDF or a
workbook. A handful of grouped statements in one read-only transaction: the figures of one moment."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.township import ReportPaper, SectionTable
from dangjian_desktop.i18n import _
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.township import tables
from dangjian_desktop.services.township.access import BranchName, branches, require_township
from dangjian_desktop.services.township.activity import (
    MeetingsSection,
    NoticesSection,
    meetings_section,
    notices_section,
)
from dangjian_desktop.services.township.dues import DuesSection, dues_section
from dangjian_desktop.services.township.duties import (
    FlowingSection,
    PostsSection,
    flowing_section,
    posts_section,
)
from dangjian_desktop.services.township.members import MembersSection, members_section
from dangjian_desktop.services.workspace import Workspace

FIRST_YEAR = 2000


@dataclass(frozen=True)
class TownshipReport:
    year: int
    made_on: dt.date
    committee: str  # the township Party committee the branches name (the most of them)
    branches: tuple[BranchName, ...]
    members: MembersSection
    dues: DuesSection
    meetings: MeetingsSection
    notices: NoticesSection
    posts: PostsSection
    flowing: FlowingSection

    def tables(self) -> tuple[SectionTable, ...]:
        return (
            tables.members_table(self.members),
            tables.dues_table(self.dues),
            tables.meetings_table(self.meetings),
            tables.notices_table(self.notices),
            tables.posts_table(self.posts),
            tables.flowing_table(self.flowing),
        )


def check_year(year: int, today: dt.date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise AppError(_("Choose a year from {first} to {last}.").format(first=FIRST_YEAR, last=today.year))
    return year


def _committee(found: list[BranchName]) -> str:
    names = Counter(b.township for b in found if b.township)
    return names.most_common(1)[0][0] if names else ""


def township_report(workspace: Workspace, year: int, *, today: dt.date | None = None) -> TownshipReport:
    """Every section of ``year`` over every branch; a village login is refused (TownshipOnly)."""
    require_township(workspace)
    today = today or dt.date.today()
    check_year(year, today)
    with workspace.db.transaction() as session:
        connection = session.connection()  # (server sessions run without JIT: store.db)
        found = branches(connection)
        return TownshipReport(
            year=year,
            made_on=today,
            committee=_committee(found),
            branches=tuple(found),
            members=members_section(connection, found, year, today),
            dues=dues_section(connection, found, year, today),
            meetings=meetings_section(connection, found, year, today),
            notices=notices_section(connection, found, year, today),
            posts=posts_section(connection, found, year),
            flowing=flowing_section(connection, found, today),
        )


def report_paper(report: TownshipReport) -> ReportPaper:
    committee = report.committee or _("Township Party committee")
    return ReportPaper(
        title=_("Work of the Party branches in {year}").format(year=report.year),
        committee=committee,
        made_on=report.made_on,
        sections=report.tables(),
        lines=(
            _("{committee}, {count} branches").format(committee=committee, count=len(report.branches)),
            _("Made on {date}").format(date=report.made_on.isoformat()),
        ),
    )


PDF, XLSX = ".pdf", ".xlsx"


def report_bytes(report: TownshipReport, suffix: str) -> bytes:
    from dangjian_desktop.documents import township_report, township_workbook

    paper = report_paper(report)
    if suffix == PDF:
        return township_report.pdf_bytes(paper)
    if suffix == XLSX:
        return township_workbook.xlsx_bytes(paper)
    raise AppError(_("Save the report as a .xlsx or a .pdf file."))


def report_pdf(report: TownshipReport) -> bytes:
    """The report as a PDF, for the printer."""
    return report_bytes(report, PDF)


def export_report(report: TownshipReport, path: Path | str) -> Path:
    """The report written to ``path``: a PDF or a workbook by the file's ending."""
    target = Path(path)
    return write_file(target, report_bytes(report, target.suffix.lower()))
