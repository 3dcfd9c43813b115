"""The activity book (流动党员活动证): what it prints for a member (``book_content``), one book as a PDF,
and the books of everybody away in one batch.

The content is gathered section by section: the member as on the roster, the leaving information, the
records and opinions of the stay, and the dues paid while away (read from the dues ledger).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian_desktop.documents import flowing_book as book_pdf
from dangjian_desktop.domain.choices import CATEGORY, SEX
from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import AppError, FieldErrors, NotFound
from dangjian_desktop.domain.flowing import (
    BRANCH_OPINION,
    EVALUATION,
    LAYOUTS,
    PUNISHMENT,
    RECEIVING_OPINION,
    REWARD,
    book_qr_text,
)
from dangjian_desktop.domain.phones import format_phone
from dangjian_desktop.i18n import _, format_money
from dangjian_desktop.services import members as member_service
from dangjian_desktop.services import settings
from dangjian_desktop.services.dues.for_book import BookDuesLine, book_dues_lines
from dangjian_desktop.services.flowing.common import branch_member, latest_stay
from dangjian_desktop.services.flowing.dtos import (
    AWAY,
    BatchResult,
    BookInfo,
    PrintResult,
    StayDetail,
    StayInfo,
)
from dangjian_desktop.services.flowing.queries import away_rows, detail_of_stay
from dangjian_desktop.services.flowing.settings import (
    BOOK_LAYOUT,
    BOOK_TITLE,
    CONSTITUTION_TEXT,
    cached_constitution,
)
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Branch, Member

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class _RosterFacts:
    """The member as on the roster, in the forms the book prints."""

    name: str
    sex: str
    ethnicity: str
    birth: str
    education: str
    joined: str
    full: str
    category: str
    group: str
    occupation: str
    phone: str


@dataclass(frozen=True)
class _BranchFacts:
    name: str
    secretary: str
    phone: str
    township: str


def _partial(value: dt.date | None, precision: str | None, *, month_only: bool = False) -> str:
    """A roster date as printed in forms: "1975.03" (year and month) or "2001.07.01"."""
    part = PartialDate.from_storage(value, precision)
    if part is None:
        return ""
    if month_only or part.precision == "month":
        return f"{part.value.year}.{part.value.month:02d}"
    return f"{part.value.year}.{part.value.month:02d}.{part.value.day:02d}"


def _roster_facts(member: Member) -> _RosterFacts:
    return _RosterFacts(
        name=member.name,
        sex=SEX.sheet_name(member.sex) if member.sex else "",
        ethnicity=member.ethnicity,
        birth=_partial(member.birth_date, member.birth_date_precision, month_only=True),
        education=member.education,
        joined=_partial(member.joined_date, member.joined_date_precision),
        full=_partial(member.full_member_date, member.full_member_date_precision),
        category=CATEGORY.label(member.category) if member.category else "",
        group=member.party_group,
        occupation=member.occupation,
        phone=member.phone,
    )


def _chosen_book(detail: StayDetail, number: str | None, name: str) -> BookInfo:
    """The book asked for by number, else the one in use, else the last one issued for the stay."""
    book = next((b for b in detail.books if b.number == number), None) if number else None
    book = book or detail.current_book or (detail.books[-1] if detail.books else None)
    if book is None:
        raise NotFound(_("{name} has no activity book.").format(name=name))
    return book


def _profile(facts: _RosterFacts, stay: StayInfo, branch: _BranchFacts) -> tuple[tuple[str, str], ...]:
    return (
        (_("Name"), facts.name),
        (_("Sex"), facts.sex),
        (_("Ethnicity"), facts.ethnicity),
        (_("Born"), facts.birth),
        (_("Education"), facts.education),
        (_("Joined the Party"), facts.joined),
        (_("Full member since"), facts.full),
        (_("Category of member"), facts.category),
        (_("Party group"), facts.group),
        # While away, the work and the phone given at leaving are the ones that reach the member.
        (_("Occupation"), stay.occupation or facts.occupation),
        # decisions.md #13: the member's own phone may be shown here
        (_("Phone"), format_phone(stay.phone or facts.phone)),
        (_("Home branch"), branch.name),
    )


def _leaving(stay: StayInfo, member_phone: str, branch: _BranchFacts) -> dict[str, Any]:
    """The page "Leaving and receiving": where the member went and who keeps in touch."""
    place = stay.destination
    return {
        "since": stay.since,
        "expected_return": stay.expected_return,
        "reason": stay.reason_label,
        "destination": place.region or place.workplace,
        "workplace": " ".join(x for x in (place.workplace if place.region else "", stay.address) if x),
        "occupation": stay.occupation,
        "phone": format_phone(stay.phone or member_phone),
        "other_contact": stay.other_contact,
        # 专人联系: the person named at leaving, else the secretary, as the book's instructions say
        "home_contact": stay.home_contact or branch.secretary,
        "home_contact_phone": format_phone(stay.home_contact_phone if stay.home_contact else branch.phone),
        "receiving_org": stay.receiving_org,
        "receiving_contact": stay.receiving_contact,
        "receiving_phone": format_phone(stay.receiving_phone),
        "receiving_since": stay.receiving_since,
        "return_date": stay.return_date,
    }


def _opinions(detail: StayDetail) -> dict[str, Any]:
    """The opinions of the stay by the part of the book they go to."""
    parts: dict[str, list[book_pdf.OpinionLine]] = {
        kind: [] for kind in (RECEIVING_OPINION, BRANCH_OPINION, EVALUATION, REWARD)
    }
    for o in detail.opinions:
        line = book_pdf.OpinionLine(o.date, o.text, o.signed_by, o.year, o.grade, o.kind_label)
        parts[REWARD if o.kind in (REWARD, PUNISHMENT) else o.kind].append(line)
    return {
        "receiving_opinions": tuple(parts[RECEIVING_OPINION]),
        "branch_opinions": tuple(parts[BRANCH_OPINION]),
        "evaluations": tuple(parts[EVALUATION]),
        "rewards": tuple(parts[REWARD]),
    }


def _records(detail: StayDetail) -> dict[str, Any]:
    return {
        "org_life": tuple(
            book_pdf.OrgLifeLine(r.date, r.org, r.kind_label, r.content, r.certified_by)
            for r in detail.org_life
        ),
        "contacts": tuple(
            book_pdf.ContactLine(r.date, r.means_label, r.content, r.contacted_by) for r in detail.contacts
        ),
    }


def _collector(payment: BookDuesLine, secretary: str) -> str:
    """Who handled a payment, as printed in the book's 经手人 column. A payment made at the receiving
    branch was not handled by the home secretary (the form's default name): that cell is left for the
    receiving branch's own handler to sign."""
    if payment.paid_where and payment.collector == secretary:
        return ""
    return payment.collector


def _dues_lines(
    workspace: Workspace, member_id: int, stay: StayInfo, branch: _BranchFacts
) -> tuple[book_pdf.DuesLine, ...]:
    """The member's dues payments while away, from the dues ledger (read only)."""
    return tuple(
        book_pdf.DuesLine(
            months=line.months,
            amount=format_money(line.amount),
            paid_on=line.paid_on,
            paid_where=line.paid_where or branch.name,
            collector=_collector(line, branch.secretary),
        )
        for line in book_dues_lines(workspace, member_id, stay.since, stay.return_date)
    )


def book_content(
    workspace: Workspace, member_id: int, *, book_number: str | None = None
) -> book_pdf.BookContent:
    """Everything the member's book prints: the current (or last) stay, its book, records and opinions."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        member = branch_member(session, workspace, member_id)
        stay = latest_stay(session, branch_id, member.id)
        if stay is None:
            raise NotFound(
                _("{name} has never been registered as working away, so has no activity book.").format(
                    name=member.name
                )
            )
        row = session.get(Branch, branch_id)
        assert row is not None
        branch = _BranchFacts(row.name, row.secretary, row.phone, row.township)
        detail = detail_of_stay(session, stay, member.name)
        title = settings.read_in(session, branch_id, BOOK_TITLE)
        own_constitution = settings.read_in(session, branch_id, CONSTITUTION_TEXT)
        facts = _roster_facts(member)
    book = _chosen_book(detail, book_number, facts.name)
    return book_pdf.BookContent(
        title=title,
        number=book.number,
        issue_date=book.issue_date,
        branch_name=branch.name,
        member_name=facts.name,
        qr_text=book_qr_text(book.number, facts.name, branch.name, branch.phone),
        official_number=book.official_number,
        replaces_number=next((b.number for b in detail.books if b.replaced_by_number == book.number), ""),
        branch_township=branch.township,
        branch_phone=format_phone(branch.phone),
        branch_secretary=branch.secretary,
        profile=_profile(facts, detail.stay, branch),
        **_leaving(detail.stay, facts.phone, branch),
        **_records(detail),
        dues=_dues_lines(workspace, member_id, detail.stay, branch),
        **_opinions(detail),
        constitution=own_constitution or cached_constitution(),
        names=member_service.people_named(workspace),
    )


def _layout_or_setting(workspace: Workspace, layout: str | None) -> str:
    if layout is None:
        return settings.get(workspace, BOOK_LAYOUT)
    if layout not in LAYOUTS:
        raise FieldErrors({"layout": _("Choose one of: {choices}.").format(choices=", ".join(LAYOUTS))})
    return layout


def _render(content: book_pdf.BookContent, path: Path, layout: str) -> int:
    try:
        return book_pdf.render_book(content, path, layout)
    except OSError as error:
        raise AppError(_("The file cannot be written: {error}").format(error=error)) from error


def print_book(
    workspace: Workspace, member_id: int, out: Path | str, *, layout: str | None = None
) -> PrintResult:
    """Print the member's activity book as a PDF (A5, A4 booklet or inserts)."""
    chosen = _layout_or_setting(workspace, layout)
    content = book_content(workspace, member_id)
    path = Path(out)
    pages = _render(content, path, chosen)
    return PrintResult(path, pages, content.number, content.member_name, chosen)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def book_file_name(number: str, name: str) -> str:
    return _UNSAFE.sub("_", f"{number}_{name}") + ".pdf"


def print_all_away(
    workspace: Workspace,
    folder: Path | str,
    *,
    layout: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BatchResult:
    """One PDF per member away, named "<book number>_<name>.pdf", in ``folder``. ``progress(done, total)``
    is called after each book; ``cancel()`` returning True stops after the current one."""
    chosen = _layout_or_setting(workspace, layout)
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AppError(_("The folder cannot be created: {error}").format(error=error)) from error
    members = [row for row in away_rows(workspace) if row.state == AWAY]
    files: list[Path] = []
    total = len(members)
    if progress:
        progress(0, total)
    for done, row in enumerate(members, 1):
        if cancel is not None and cancel():
            return BatchResult(tuple(files), True, target)
        content = book_content(workspace, row.member_id)
        path = target / book_file_name(content.number, content.member_name)
        _render(content, path, chosen)
        files.append(path)
        if progress:
            progress(done, total)
    return BatchResult(tuple(files), False, target)
