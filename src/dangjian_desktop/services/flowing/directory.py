"""外出党员通讯录: the directory of members away, with contacts and receiving organisations, grouped by
destination (biggest group first), as a PDF, a printout or an .xlsx sheet. An internal list: it holds
phone numbers."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from dangjian_desktop.documents import flowing_directory
from dangjian_desktop.documents.flowing_directory import DirectoryEntry
from dangjian_desktop.domain.choices import SEX
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.flowing import Destination
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _
from dangjian_desktop.services import settings
from dangjian_desktop.services.flowing.dtos import AWAY, UNREGISTERED, AwayRow
from dangjian_desktop.services.flowing.queries import alerts_among, away_rows
from dangjian_desktop.services.flowing.settings import ALERT_MONTHS
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.flowing_models import FlowingStay
from dangjian_desktop.store.models import Branch, Member


def _reach(row: AwayRow, member: Member, stay: FlowingStay | None, secretary: str) -> dict[str, str]:
    """Where the member is and how to reach them: from the stay when a leave is registered, else only what
    the roster says."""
    if stay is None:
        return {
            "phone": format_phone(member.phone), "destination": row.destination, "address": "",
            "occupation": member.occupation, "receiving_org": "", "receiving_contact": "", "home_contact": "",
        }  # fmt: skip
    place = Destination(stay.province, stay.city, stay.county, stay.workplace)
    return {
        "phone": format_phone(stay.phone or member.phone),
        "destination": place.region or place.workplace,
        "address": " ".join(x for x in (place.workplace if place.region else "", stay.address) if x),
        "occupation": stay.occupation or member.occupation,
        "receiving_org": stay.receiving_org,
        "receiving_contact": " ".join(
            x for x in (stay.receiving_contact, format_phone(stay.receiving_phone)) if x
        ),
        "home_contact": stay.home_contact or secretary,
    }


def _entry(
    row: AwayRow, member: Member, stay: FlowingStay | None, secretary: str, silent_months: int
) -> DirectoryEntry:
    return DirectoryEntry(
        group=row.group or _("Destination not known"),
        name=row.name,
        sex=SEX.sheet_name(member.sex) if member.sex else "",
        since=row.since,
        book_number=row.book_number,
        last_heard=row.last_heard if row.state == AWAY else None,
        registered=row.state == AWAY,
        silent_months=silent_months,
        **_reach(row, member, stay, secretary),
    )


def directory_entries(workspace: Workspace) -> list[DirectoryEntry]:
    """外出党员通讯录: every member away with contacts and receiving organisation, by destination."""
    branch_id = workspace.require_branch()
    rows = [r for r in away_rows(workspace) if r.state in (AWAY, UNREGISTERED)]
    ids = [r.member_id for r in rows]
    with workspace.db.transaction() as session:
        members = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids)))}
        stays = {
            st.id: st
            for st in session.scalars(
                select(FlowingStay).where(
                    FlowingStay.branch_id == branch_id, FlowingStay.return_date.is_(None)
                )
            )
        }
        months = settings.read_in(session, branch_id, ALERT_MONTHS)
    _name, secretary = _branch_name_and_secretary(workspace)
    silent = {a.member_id: a.months for a in alerts_among(rows, months, dt.date.today()) if a.months}
    entries = [
        _entry(r, members[r.member_id], stays.get(r.stay_id) if r.stay_id else None, secretary,
               silent.get(r.member_id, 0))
        for r in rows
    ]  # fmt: skip
    size = Counter(e.group for e in entries)
    # the biggest groups first: where a joint Party group of members away could be formed
    entries.sort(key=lambda e: (-size[e.group], e.group, e.since or dt.date.min, e.name))
    return entries


def directory_file_name(suffix: str = "pdf", today: dt.date | None = None) -> str:
    return _("Members away") + f"-{today or dt.date.today():%Y%m%d}.{suffix}"


def directory_pdf_bytes(workspace: Workspace, *, today: dt.date | None = None) -> bytes:
    """The directory as printed (for the printer dialog)."""
    buffer = io.BytesIO()
    flowing_directory.render_pdf(
        directory_entries(workspace),
        buffer,
        branch_name=_branch_name_and_secretary(workspace)[0],
        as_of=today or dt.date.today(),
    )
    return buffer.getvalue()


def _branch_name_and_secretary(workspace: Workspace) -> tuple[str, str]:
    with workspace.db.transaction() as session:
        branch = session.get(Branch, workspace.require_branch())
        return (branch.name, branch.secretary) if branch is not None else ("", "")


def export_directory(workspace: Workspace, out: Path | str, *, today: dt.date | None = None) -> int:
    """Write the directory as PDF or .xlsx (by the file's suffix); returns the number of members in it."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise FieldErrors({"out": _("The file must end in .pdf or .xlsx.")})
    entries = directory_entries(workspace)
    branch_name, _secretary = _branch_name_and_secretary(workspace)
    when = today or dt.date.today()
    try:
        if suffix == ".pdf":
            flowing_directory.render_pdf(entries, path, branch_name=branch_name, as_of=when)
        else:
            flowing_directory.write_xlsx(entries, path, branch_name=branch_name, as_of=when)
    except OSError as error:
        raise AppError(_("The file cannot be written: {error}").format(error=error)) from error
    return len(entries)
