"""The plain values the 流动党员 use cases return (frozen dataclasses; the UI and the CLI see only these)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.domain.flowing import (
    BOOK_STATUS,
    BOOK_VOID,
    CONTACT_MEANS,
    LEAVE_REASON,
    OPINION_KIND,
    ORG_LIFE_KIND,
    Destination,
)


@dataclass(frozen=True)
class MemberRef:
    id: int
    name: str
    phone: str = ""  # from the roster, to fill in the leave form


@dataclass(frozen=True)
class StayInfo:
    id: int
    member_id: int
    member_name: str
    since: dt.date
    expected_return: dt.date | None
    reason: str
    destination: Destination
    address: str
    occupation: str
    phone: str
    other_contact: str
    receiving_org: str
    receiving_contact: str
    receiving_phone: str
    receiving_since: dt.date | None
    home_contact: str
    home_contact_phone: str
    return_date: dt.date | None
    return_note: str
    version: int = 0  # the row's version when it was read: ``update_leave(expected_version=...)``

    @property
    def away(self) -> bool:
        return self.return_date is None

    @property
    def reason_label(self) -> str:
        return LEAVE_REASON.label(self.reason)

    @property
    def destination_text(self) -> str:
        return self.destination.text()


@dataclass(frozen=True)
class BookInfo:
    id: int
    member_id: int
    stay_id: int
    number: str
    official_number: str
    issue_date: dt.date
    status: str
    status_date: dt.date | None
    void_reason: str
    replaced_by_number: str

    @property
    def status_label(self) -> str:
        return BOOK_STATUS.label(self.status)


@dataclass(frozen=True)
class LeaveResult:
    stay: StayInfo
    book: BookInfo


@dataclass(frozen=True)
class OrgLifeInfo:
    id: int
    member_id: int
    date: dt.date
    kind: str
    org: str
    content: str
    certified_by: str

    @property
    def kind_label(self) -> str:
        return ORG_LIFE_KIND.label(self.kind)


@dataclass(frozen=True)
class ContactInfo:
    id: int
    member_id: int
    date: dt.date
    means: str
    content: str
    contacted_by: str

    @property
    def means_label(self) -> str:
        return CONTACT_MEANS.label(self.means)


@dataclass(frozen=True)
class OpinionInfo:
    id: int
    member_id: int
    kind: str
    date: dt.date
    year: int | None
    grade: str
    text: str
    signed_by: str

    @property
    def kind_label(self) -> str:
        return OPINION_KIND.label(self.kind)


AWAY, RETURNED, UNREGISTERED = "away", "returned", "unregistered"


@dataclass(frozen=True, slots=True)
class AwayRow:
    """One line of the list of members away (or back, with ``--all``)."""

    member_id: int
    name: str
    state: str  # AWAY, RETURNED, or UNREGISTERED (marked as working away on the roster, no leave registered)
    stay_id: int | None
    destination: str
    group: str
    since: dt.date | None
    book_number: str
    last_contact: dt.date | None
    last_record: dt.date | None
    receiving_org: str
    return_date: dt.date | None

    @property
    def last_heard(self) -> dt.date | None:
        """The latest of leaving, the last contact and the last organisation-life record."""
        dates = [d for d in (self.since, self.last_contact, self.last_record) if d is not None]
        return max(dates) if dates else None


@dataclass(frozen=True)
class AlertRow:
    member_id: int
    name: str
    destination: str
    since: dt.date | None
    last_heard: dt.date | None  # None: nothing at all recorded
    months: int | None
    registered: bool


@dataclass(frozen=True)
class StayDetail:
    stay: StayInfo
    books: tuple[BookInfo, ...]
    org_life: tuple[OrgLifeInfo, ...]
    contacts: tuple[ContactInfo, ...]
    opinions: tuple[OpinionInfo, ...]

    @property
    def current_book(self) -> BookInfo | None:
        for book in reversed(self.books):
            if book.status != BOOK_VOID:
                return book
        return None


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    number: str
    member_name: str
    layout: str


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]
    cancelled: bool
    folder: Path
