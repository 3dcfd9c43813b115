"""Reading notices: what one is (NoticeInfo, as it prints), the archive, and the home page's lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import NotFound
from dangjian_desktop.domain.notices import NoticeContent
from dangjian_desktop.i18n import _, format_date
from dangjian_desktop.services.notices.settings import NoticeSettings, _settings_in
from dangjian_desktop.services.recording import copied, load_row
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.notices_models import Notice

if TYPE_CHECKING:
    from dangjian_desktop.services.home import DueItem


# --- DTOs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    status: str
    type: str
    number: str
    year: int | None
    sequence: int | None
    check_code: str
    qr_mask: int | None
    posted_on: dt.date | None
    taken_down_on: dt.date | None
    refers_to: int | None
    refers_to_number: str
    relation: str
    matter_id: int | None
    published_at: dt.datetime | None
    content: NoticeContent  # the frozen content once published; the draft's as it would print
    version: int = 0  # the row's version when it was read: ``update_draft(expected_version=...)``

    @property
    def title(self) -> str:
        return self.content.title

    @property
    def body(self) -> str:
        return self.content.body

    @property
    def is_draft(self) -> bool:
        return self.status == rules.DRAFT

    @property
    def type_label(self) -> str:
        return rules.notice_type(self.type).label()

    @property
    def status_label(self) -> str:
        return rules.status_label(self.status)

    @property
    def check_code_text(self) -> str:
        return rules.format_check_code(self.check_code)

    def on_board(self, today: dt.date | None = None) -> bool:
        """Posted and not yet taken down."""
        today = today or dt.date.today()
        if self.is_draft or self.posted_on is None or self.posted_on > today:
            return False
        return self.taken_down_on is None or self.taken_down_on > today

    def in_period(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.content.period_from <= today <= self.content.period_to

    def board_text(self, today: dt.date | None = None) -> str:
        """On the board now / taken down / not posted, in words."""
        if self.is_draft:
            return ""
        if self.on_board(today):
            return _("On the board since {date}").format(date=self.posted_on.isoformat())  # type: ignore[union-attr]
        if self.taken_down_on is not None:
            return _("Taken down on {date}").format(date=self.taken_down_on.isoformat())
        if self.posted_on is not None:
            return _("To be posted on {date}").format(date=self.posted_on.isoformat())
        return _("Not posted yet")


# --- reading ----------------------------------------------------------------------------------------


def _public_phone_lines(supervision_phone: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    lines = []
    if supervision_phone:
        lines.append(f"村党支部 {rules.format_phone(supervision_phone)}")
    lines += [line for line in extra if line]
    return tuple(lines)


# what a notice's record and its printed content carry over from its row as they are
_INFO_COLUMNS = (
    "id", "status", "type", "number", "year", "sequence", "check_code", "qr_mask", "posted_on",
    "taken_down_on", "refers_to", "relation", "matter_id", "published_at", "version",
)  # fmt: skip
_CONTENT_COLUMNS = (
    "type", "number", "title", "body", "issuer", "issued_on", "period_from", "period_to", "period_days",
    "addressee", "place", "relation", "qr_mode", "qr_link",
)  # fmt: skip


def _draft_content(notice: Notice, phones: tuple[str, ...], refers_to_number: str) -> NoticeContent:
    return NoticeContent(
        **copied(notice, _CONTENT_COLUMNS),
        working_days=bool(notice.working_days),
        phones=phones,
        refers_to=refers_to_number,
        layout=rules.CURRENT_LAYOUT,
    )


class _Context:
    """What drafts need to show as they would print: the public phones of today's settings."""

    def __init__(self, session: Session, branch_id: int) -> None:
        self.session = session
        self.branch_id = branch_id
        self._phones: tuple[str, ...] | None = None
        self._names: tuple[str, ...] | None = None
        self._settings: NoticeSettings | None = None

    @property
    def settings(self) -> NoticeSettings:
        if self._settings is None:
            self._settings = _settings_in(self.session, self.branch_id)
        return self._settings

    @property
    def phones(self) -> tuple[str, ...]:
        if self._phones is None:
            from dangjian_desktop.store.models import Branch

            branch = self.session.get(Branch, self.branch_id)
            self._phones = _public_phone_lines(
                branch.supervision_phone if branch else "", self.settings.public_phones
            )
        return self._phones

    @property
    def names(self) -> tuple[str, ...]:
        """The people a notice of this branch may name: everyone ever on its roster, and its secretary."""
        if self._names is None:
            from dangjian_desktop.services.members import people_named_in

            self._names = people_named_in(self.session, self.branch_id)
        return self._names


def _number_of(session: Session, notice: Notice) -> str:
    """The number of the notice this one corrects or withdraws, within its own branch."""
    if notice.refers_to is None:
        return ""
    found = select(Notice.number).where(Notice.id == notice.refers_to, Notice.branch_id == notice.branch_id)
    return session.scalar(found) or ""


def _info(session: Session, notice: Notice, context: _Context | None = None) -> NoticeInfo:
    refers_number = _number_of(session, notice)
    if notice.frozen_content:
        content = NoticeContent.from_json(notice.frozen_content)
    else:
        context = context or _Context(session, notice.branch_id)
        # the names it mentions are kept whole on paper, and frozen with it at publishing
        content = _draft_content(notice, context.phones, refers_number).with_names(context.names)
    return NoticeInfo(**copied(notice, _INFO_COLUMNS), refers_to_number=refers_number, content=content)


def _load(session: Session, branch_id: int, notice_id: int) -> Notice:
    return load_row(
        session, Notice, notice_id, branch_id, _("There is no notice number {id}.").format(id=notice_id)
    )


def _by_number(session: Session, branch_id: int, number: str) -> Notice | None:
    year, sequence = rules.parse_notice_number(number)
    return session.scalar(
        select(Notice).where(Notice.branch_id == branch_id, Notice.year == year, Notice.sequence == sequence)
    )


def get_notice(workspace: Workspace, notice_id: int) -> NoticeInfo:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _info(session, _load(session, branch_id, notice_id))


def find_notice(workspace: Workspace, number: str) -> NoticeInfo:
    """A published (or withdrawn) notice by its number as printed."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _by_number(session, branch_id, number)
        if notice is None:
            raise NotFound(_("There is no published notice {number}.").format(number=number))
        return _info(session, notice)


def list_notices(workspace: Workspace) -> list[NoticeInfo]:
    """The archive: drafts first, then published notices, newest first."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notices = session.scalars(select(Notice).where(Notice.branch_id == branch_id)).all()
        context = _Context(session, branch_id)
        infos = [_info(session, n, context) for n in notices]
    drafts = sorted((i for i in infos if i.is_draft), key=lambda i: -i.id)
    published = sorted(
        (i for i in infos if not i.is_draft), key=lambda i: (i.year or 0, i.sequence or 0), reverse=True
    )
    return drafts + published


# --- the home page's lines ----------------------------------------------------------------------------

TAKE_DOWN_NOTICE_DAYS = 6  # a period ending within the week is listed ahead


def due_items(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    """Notices to deal with on the board: still up after their period ended, or after being withdrawn or
    corrected by a newer notice; ending this week; published but not recorded as posted."""
    from dangjian_desktop.services.home import NOTICE, DueItem

    infos = [i for i in list_notices(workspace) if not i.is_draft]
    replaced = {i.refers_to for i in infos if i.refers_to and i.relation == rules.CORRECTION}
    lines: list[DueItem] = []
    for info in sorted(infos, key=lambda i: (i.content.period_to, i.number)):
        name = _("{number} “{title}”").format(number=info.number, title=info.title)
        ends = info.content.period_to
        text = ""
        if info.on_board(as_of):
            if info.id in replaced:
                text = _("{notice} was corrected by a newer notice: take the old sheet off the board.")
            elif info.status == rules.WITHDRAWN:
                text = _("{notice} was withdrawn: take it off the board and record the day.")
            elif ends < as_of:
                text = _("{notice}: the disclosure period ended on {date}; take it down and record the day.")
            elif (ends - as_of).days <= TAKE_DOWN_NOTICE_DAYS:
                text = _("{notice}: the disclosure period ends on {date}; take it down after that day.")
        elif (
            info.status == rules.PUBLISHED
            and info.posted_on is None
            and info.taken_down_on is None
            and info.id not in replaced
            and ends >= as_of
        ):
            text = _("{notice} is published but not recorded as posted: post it and record the day.")
        if text:
            date = format_date(ends, "long")
            lines.append(DueItem(NOTICE, text.format(notice=name, date=date), "notices", subject_id=info.id))
    return lines
