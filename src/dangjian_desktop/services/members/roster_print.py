"""The printed 党员花名册 (``documents.roster_pdf``): the members on the roster as a PDF, for the printer
dialog or a file, and for ``dangjian members print``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from dangjian_desktop.documents import members_roster as roster_pdf
from dangjian_desktop.domain.choices import ACTIVE, CATEGORY, SEX
from dangjian_desktop.domain.dates import MONTH, PartialDate
from dangjian_desktop.domain.members import MemberData
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.files import write_file
from dangjian_desktop.services.members.queries import members_with_status
from dangjian_desktop.services.workspace import Workspace


def _month(value: PartialDate | None) -> str:
    return "" if value is None else f"{value.value.year}.{value.value.month:02d}"


def _day(value: PartialDate | None) -> str:
    if value is None:
        return ""
    if value.precision == MONTH:
        return _month(value)
    return f"{value.value.year}.{value.value.month:02d}.{value.value.day:02d}"


def _line(data: MemberData, with_id_numbers: bool) -> roster_pdf.RosterLine:
    remark = ""
    if data.flowing:
        remark = _("Working away") + (f"（{data.away_place}）" if data.away_place else "")
    return roster_pdf.RosterLine(
        name=data.name,
        sex=SEX.label(data.sex) if data.sex else "",
        ethnicity=data.ethnicity,
        birth=_month(data.birth_date),  # the month only, as rosters give it
        education=data.education,
        joined=_day(data.joined_date),
        full_member=_day(data.full_member_date),
        category=CATEGORY.label(data.category) if data.category else "",
        party_group=data.party_group,
        office=data.office,
        occupation=data.occupation,
        phone=format_phone(data.phone),
        remark=remark,
        id_number=data.id_number if with_id_numbers else "",
    )


def roster_content(
    workspace: Workspace, *, today: dt.date | None = None, with_id_numbers: bool = False
) -> roster_pdf.RosterContent:
    """The members on the roster in roster order (Party group in natural order, then as entered)."""
    profile = load_profile(workspace)
    members = [data for data, _status in members_with_status(workspace, (ACTIVE,))]
    probationary = sum(1 for data in members if data.category == "probationary")
    return roster_pdf.RosterContent(
        branch_name=profile.name if profile else "",
        as_of=today or dt.date.today(),
        lines=tuple(_line(data, with_id_numbers) for data in members),
        full_count=len(members) - probationary,
        probationary_count=probationary,
        with_id_numbers=with_id_numbers,
    )


def roster_pdf_bytes(
    workspace: Workspace, *, today: dt.date | None = None, with_id_numbers: bool = False
) -> bytes:
    buffer = io.BytesIO()
    roster_pdf.render_pdf(roster_content(workspace, today=today, with_id_numbers=with_id_numbers), buffer)
    return buffer.getvalue()


def file_name(workspace: Workspace, today: dt.date | None = None) -> str:
    profile = load_profile(workspace)
    day = today or dt.date.today()
    return (
        _("{branch} roster {date}.pdf")
        .format(branch=profile.name if profile else "", date=f"{day:%Y%m%d}")
        .strip()
    )


def export_roster_pdf(
    workspace: Workspace, path: Path | str, *, today: dt.date | None = None, with_id_numbers: bool = False
) -> Path:
    """Write the 花名册 PDF to ``path``."""
    return write_file(path, roster_pdf_bytes(workspace, today=today, with_id_numbers=with_id_numbers))
