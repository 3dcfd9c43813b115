"""Public notices (党务公开): drafts from templates, publishing (the privacy check, the number, freezing),
printing, the archive with its board dates, corrections and withdrawals, and verification.

Each use case is one transaction and writes the audit log. Publishing freezes the notice: everything
printed is stored as canonical JSON with its SHA-256 and check code, and never changes afterwards (the
store refuses it too). A correction or a withdrawal is a new notice that refers to the old one; when it is
published the old one is marked withdrawn.

The generated kinds read the program's other modules (dues, posts, organisation life, 四议两公开); those
modules are imported only when their kind of notice is made.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import AppError, Conflict, FieldErrors, NotFound
from dangjian_desktop.domain.notices import NoticeContent, PrivateDataFound
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import numbering, settings
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.notices_models import Notice

if TYPE_CHECKING:  # imported where used: printing an archived notice needs neither
    from dangjian_desktop.domain import notice_texts as texts
    from dangjian_desktop.services.home import DueItem

__all__ = ["PrivateDataFound"]

# --- settings (decisions.md #7 and #13) ------------------------------------------------------------


def _days_table(value: Any) -> dict[str, int]:
    table = {t.code: t.default_days for t in rules.NOTICE_TYPES}
    if not isinstance(value, Mapping):
        raise ValueError(_("The disclosure periods must be a table of kind of notice and days."))
    for code, days in value.items():
        rules.notice_type(str(code))
        try:
            number = int(str(days).strip())
        except ValueError:
            number = 0
        if not 1 <= number <= 90:
            raise ValueError(_("A disclosure period is from 1 to 90 days."))
        table[str(code)] = number
    return table


def _qr_mode(value: Any) -> str:
    if value not in rules.QR_MODES:
        raise ValueError(_("Choose one of: {choices}.").format(choices=", ".join(rules.QR_MODES)))
    return str(value)


def _link_base(value: Any) -> str:
    text = str(value or "").strip()
    if text and not text.lower().startswith(("http://", "https://")):
        raise ValueError(_("A web address starts with http:// or https://."))
    return text


def _place(value: Any) -> str:
    text = normalize_text(value, keep_chinese_punctuation=True)
    if len(text) > 100:
        raise ValueError(_("The place is too long (at most 100 characters)."))
    return text


PUBLIC_PHONES = settings.register(
    settings.SettingKey(
        "notices.public_phones",
        N_("Public phones printed on notices"),
        (),
        rules.parse_public_phones,
        lambda value: list(value),
    )
)
DISCLOSURE_DAYS = settings.register(
    settings.SettingKey(
        "notices.days",
        N_("Disclosure period of each kind of notice"),
        {t.code: t.default_days for t in rules.NOTICE_TYPES},
        _days_table,
    )
)
HOLIDAYS = settings.register(
    settings.SettingKey(
        "notices.holidays",
        N_("Public holidays (not working days)"),
        (),
        rules.parse_holidays,
        lambda value: [day.isoformat() for day in value],
    )
)
QR_MODE = settings.register(
    settings.SettingKey("notices.qr_mode", N_("What the QR code holds"), rules.QR_TEXT, _qr_mode)
)
LINK_BASE = settings.register(
    settings.SettingKey("notices.link_base", N_("Web address for QR links"), "", _link_base)
)
PLACE = settings.register(
    settings.SettingKey("notices.place", N_("Place of posting"), rules.DEFAULT_PLACE, _place)
)
_ALL_SETTINGS = [PUBLIC_PHONES, DISCLOSURE_DAYS, HOLIDAYS, QR_MODE, LINK_BASE, PLACE]


@dataclass(frozen=True)
class NoticeSettings:
    public_phones: tuple[str, ...]
    days: dict[str, int]
    holidays: tuple[dt.date, ...]
    qr_mode: str
    link_base: str
    place: str


def _settings_of(values: Mapping[str, Any]) -> NoticeSettings:
    return NoticeSettings(
        public_phones=tuple(values[PUBLIC_PHONES.key]),
        days=dict(values[DISCLOSURE_DAYS.key]),
        holidays=tuple(values[HOLIDAYS.key]),
        qr_mode=values[QR_MODE.key],
        link_base=values[LINK_BASE.key],
        place=values[PLACE.key],
    )


def notice_settings(workspace: Workspace) -> NoticeSettings:
    return _settings_of(settings.get_many(workspace, _ALL_SETTINGS))


def _settings_in(session: Session, branch_id: int) -> NoticeSettings:
    return _settings_of({key.key: settings.read_in(session, branch_id, key) for key in _ALL_SETTINGS})


def save_notice_settings(workspace: Workspace, **changes: Any) -> NoticeSettings:
    """Change some of the settings: public_phones, days, holidays, qr_mode, link_base, place. Each change is
    checked and audited; a bad value raises FieldErrors naming the setting."""
    keys = {
        "public_phones": PUBLIC_PHONES,
        "days": DISCLOSURE_DAYS,
        "holidays": HOLIDAYS,
        "qr_mode": QR_MODE,
        "link_base": LINK_BASE,
        "place": PLACE,
    }
    errors: dict[str, str] = {}
    for name, value in changes.items():
        try:
            keys[name].parse(value)
        except Exception as error:  # checked first, so that nothing is saved when one value is wrong
            errors[name] = getattr(error, "message", None) or str(error)
    if errors:
        raise FieldErrors(errors)
    for name, value in changes.items():
        settings.set_value(workspace, keys[name], value)
    return notice_settings(workspace)


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


@dataclass(frozen=True)
class Verification:
    status: str  # genuine / not_found / wrong_code / altered
    notice: NoticeInfo | None
    message: str
    # a genuine sheet that a later notice withdrew or corrected: that notice's number and the relation
    replaced_by: str = ""
    replaced_how: str = ""  # rules.CORRECTION / rules.WITHDRAWAL

    @property
    def genuine(self) -> bool:
        return self.status == GENUINE

    @property
    def superseded(self) -> bool:
        """Genuine, but no longer valid: withdrawn or corrected by a later notice."""
        return self.genuine and self.notice is not None and self.notice.status == rules.WITHDRAWN

    def headline(self) -> str:
        """What is said first, in large type: 真实有效 / 核验不符, or for a real sheet that is no longer
        valid, that it was corrected or withdrawn and by which notice."""
        if self.superseded:
            if self.replaced_how == rules.CORRECTION:
                return _("Corrected by {later}: no longer valid").format(later=self.replaced_by)
            return _("Withdrawn by {later}: no longer valid").format(later=self.replaced_by)
        return _("Genuine") if self.genuine else _("Not genuine")


GENUINE, NOT_FOUND, WRONG_CODE, ALTERED = "genuine", "not_found", "wrong_code", "altered"


# --- reading ----------------------------------------------------------------------------------------


def _public_phone_lines(supervision_phone: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    lines = []
    if supervision_phone:
        lines.append(f"村党支部 {rules.format_phone(supervision_phone)}")
    lines += [line for line in extra if line]
    return tuple(lines)


def _draft_content(notice: Notice, phones: tuple[str, ...], refers_to_number: str) -> NoticeContent:
    return NoticeContent(
        type=notice.type,
        number=notice.number,
        title=notice.title,
        body=notice.body,
        issuer=notice.issuer,
        issued_on=notice.issued_on,
        period_from=notice.period_from,
        period_to=notice.period_to,
        period_days=notice.period_days,
        working_days=bool(notice.working_days),
        addressee=notice.addressee,
        phones=phones,
        place=notice.place,
        refers_to=refers_to_number,
        relation=notice.relation,
        qr_mode=notice.qr_mode,
        qr_link=notice.qr_link,
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


def _number_of(session: Session, notice_id: int | None) -> str:
    if notice_id is None:
        return ""
    return session.scalar(select(Notice.number).where(Notice.id == notice_id)) or ""


def _info(session: Session, notice: Notice, context: _Context | None = None) -> NoticeInfo:
    refers_number = _number_of(session, notice.refers_to)
    if notice.frozen_content:
        content = NoticeContent.from_json(notice.frozen_content)
    else:
        context = context or _Context(session, notice.branch_id)
        # the names it mentions are kept whole on paper, and frozen with it at publishing
        content = _draft_content(notice, context.phones, refers_number).with_names(context.names)
    return NoticeInfo(
        id=notice.id,
        status=notice.status,
        type=notice.type,
        number=notice.number,
        year=notice.year,
        sequence=notice.sequence,
        check_code=notice.check_code,
        qr_mask=notice.qr_mask,
        posted_on=notice.posted_on,
        taken_down_on=notice.taken_down_on,
        refers_to=notice.refers_to,
        refers_to_number=refers_number,
        relation=notice.relation,
        matter_id=notice.matter_id,
        published_at=notice.published_at,
        content=content,
    )


def _load(session: Session, branch_id: int, notice_id: int) -> Notice:
    notice = session.get(Notice, notice_id)
    if notice is None or notice.branch_id != branch_id:
        raise NotFound(_("There is no notice number {id}.").format(id=notice_id))
    return notice


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


# --- generating the text of a kind of notice --------------------------------------------------------


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


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


def _no_meetings_module() -> AppError:
    return AppError(
        _("There is no data on organisation life yet (the organisation life module is not installed).")
    )


def _evaluation_text(workspace: Workspace, year: int) -> texts.GeneratedText:
    from dangjian_desktop.domain import notice_texts as texts

    meetings = _optional("dangjian_desktop.services.meetings")
    if meetings is None or not hasattr(meetings, "evaluation_results"):
        raise _no_meetings_module()
    results = meetings.evaluation_results(workspace, year)
    if not results:
        raise AppError(
            _(
                "No member has been graded for {year} yet, so there is no evaluation result to publish."
            ).format(year=year)
        )
    grades = tuple(meetings.evaluation_grades(workspace)) if hasattr(meetings, "evaluation_grades") else ()
    return texts.evaluation_text(_branch_name(workspace), year, results, grades)


def _meetings_text(workspace: Workspace, year: int) -> texts.GeneratedText:
    from dangjian_desktop.domain import notice_texts as texts

    meetings = _optional("dangjian_desktop.services.meetings")
    kinds = _optional("dangjian_desktop.domain.meetings")
    if meetings is None or kinds is None or not hasattr(meetings, "list_meetings"):
        raise _no_meetings_module()
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


# --- drafts -----------------------------------------------------------------------------------------

_LIMITS = {"title": 200, "addressee": 100, "issuer": 100, "place": 100, "body": 50000, "qr_link": 500}


def _period(
    kind: rules.NoticeType, settings_: NoticeSettings, start: dt.date, days: int | None
) -> tuple[int, dt.date]:
    length = days if days is not None else settings_.days.get(kind.code, kind.default_days)
    if not 1 <= length <= 90:
        raise FieldErrors({"days": _("A disclosure period is from 1 to 90 days.")})
    end = rules.period_end(start, length, working_days=kind.working_days, holidays=settings_.holidays)
    return length, end


def _checked_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        if key == "body":
            text = rules.table_bars(str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
        elif key in _LIMITS:
            text = normalize_text(value, keep_chinese_punctuation=True)
        else:
            cleaned[key] = value
            continue
        if len(text) > _LIMITS[key]:
            errors[key] = _("Too long: at most {count} characters.").format(count=_LIMITS[key])
        cleaned[key] = text
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = _("Please give the notice a title.")
    if "issuer" in cleaned and not cleaned["issuer"]:
        errors["issuer"] = _("Please give the issuing organisation, e.g. 中共前进村支部委员会.")
    if "qr_mode" in cleaned and cleaned["qr_mode"] not in rules.QR_MODES:
        errors["qr_mode"] = _("Choose one of: {choices}.").format(choices=", ".join(rules.QR_MODES))
    if errors:
        raise FieldErrors(errors)
    return cleaned


def _audit_values(notice: Notice) -> dict[str, Any]:
    return {
        "status": notice.status,
        "type": notice.type,
        "number": notice.number,
        "title": notice.title,
        "addressee": notice.addressee,
        "body": notice.body,
        "issuer": notice.issuer,
        "issued_on": notice.issued_on.isoformat(),
        "period_from": notice.period_from.isoformat(),
        "period_to": notice.period_to.isoformat(),
        "period_days": notice.period_days,
        "place": notice.place,
        "qr_mode": notice.qr_mode,
        "qr_link": notice.qr_link,
        "posted_on": notice.posted_on.isoformat() if notice.posted_on else None,
        "taken_down_on": notice.taken_down_on.isoformat() if notice.taken_down_on else None,
        "refers_to": notice.refers_to,
        "matter_id": notice.matter_id,
    }


def _default_issuer(kind: rules.NoticeType, branch_name: str) -> str:
    """The branch; a 四议两公开 notice is issued with the villagers' committee (村党组织 and 村委会 together)."""
    return rules.joint_issuer(branch_name) if kind.needs_matter else branch_name


def _default_qr_link(settings_: NoticeSettings) -> str:
    return rules.link_template(settings_.link_base)


def create_draft(
    workspace: Workspace,
    type_code: str,
    *,
    title: str | None = None,
    body: str | None = None,
    addressee: str | None = None,
    issuer: str | None = None,
    issued_on: dt.date | None = None,
    period_from: dt.date | None = None,
    days: int | None = None,
    year: int | None = None,
    months: tuple[int, int] | None = None,
    matter_id: int | None = None,
    candidate: texts.Candidate | None = None,
    place: str | None = None,
    qr_mode: str | None = None,
    qr_link: str | None = None,
    refers_to: int | None = None,
    relation: str = "",
    today: dt.date | None = None,
) -> NoticeInfo:
    """A new draft. Generated kinds fill the title and body from the data unless they are given."""
    kind = rules.notice_type(type_code)
    today = today or dt.date.today()
    branch_id = workspace.require_branch()
    if kind.needs_matter and matter_id is None and refers_to is None:
        raise FieldErrors({"matter": _("Choose the major matter this notice is about (--matter ID).")})
    if kind.code == rules.RECRUITMENT and candidate is None and body is not None:
        if not (title or "").strip():
            raise FieldErrors({"title": _("Please give the notice a title.")})
    elif kind.generated and (body is None or title is None):
        generated = generate_text(
            workspace,
            kind.code,
            year=year,
            months=months,
            matter_id=matter_id,
            candidate=candidate,
            today=today,
        )
        title = title if title is not None else generated.title
        body = body if body is not None else generated.body
        addressee = addressee if addressee is not None else generated.addressee
    if kind.code == rules.FREE and not (body or "").strip():
        raise FieldErrors({"body": _("Please write the text of the notice.")})
    profile = load_profile(workspace)
    issued_on = issued_on or (min(today, period_from) if period_from else today)
    start = period_from or issued_on
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        if matter_id is not None:
            from dangjian_desktop.services.notices import matters as major_matters

            major_matters.matter_in(session, branch_id, matter_id)  # it exists
        settings_ = _settings_in(session, branch_id)
        length, end = _period(kind, settings_, start, days)
        values = _checked_fields(
            {
                "title": title or "",
                "body": body or "",
                "addressee": rules.DEFAULT_ADDRESSEE if addressee is None else addressee,
                "issuer": issuer
                if issuer is not None
                else _default_issuer(kind, profile.name if profile else ""),
                "place": settings_.place if place is None else place,
                "qr_mode": qr_mode or settings_.qr_mode,
                "qr_link": qr_link if qr_link is not None else _default_qr_link(settings_),
            }
        )
        notice = Notice(
            branch_id=branch_id,
            status=rules.DRAFT,
            type=kind.code,
            number="",
            issued_on=issued_on,
            period_from=start,
            period_to=end,
            period_days=length,
            working_days=kind.working_days,
            refers_to=refers_to,
            relation=relation,
            matter_id=matter_id,
            frozen_content="",
            content_hash="",
            check_code="",
            created_at=now,
            updated_at=now,
            created_by=current_user(),
            **values,
        )
        session.add(notice)
        session.flush()
        audit.record(
            session,
            branch_id=branch_id,
            table="notice",
            record_id=notice.id,
            action="insert",
            summary=notice.title,
            after=_audit_values(notice),
        )
        return _info(session, notice)


_EDITABLE = (
    "title",
    "body",
    "addressee",
    "issuer",
    "place",
    "qr_mode",
    "qr_link",
    "issued_on",
    "period_from",
    "days",
)


def update_draft(workspace: Workspace, notice_id: int, changes: Mapping[str, Any]) -> NoticeInfo:
    """Change a draft: the text, the dates, the period's length, the place, the QR mode. A published notice
    cannot change (Conflict)."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(
                _(
                    "{number} is published and can no longer change. To correct it, publish a correction."
                ).format(number=notice.number)
            )
        before = _audit_values(notice)
        values = _checked_fields(
            {k: v for k, v in changes.items() if k not in ("issued_on", "period_from", "days")}
        )
        for key, value in values.items():
            setattr(notice, key, value)
        if "issued_on" in changes and changes["issued_on"]:
            notice.issued_on = changes["issued_on"]
        if any(changes.get(k) is not None for k in ("period_from", "days")):
            kind = rules.notice_type(notice.type)
            start = changes.get("period_from") or notice.period_from
            length, end = _period(
                kind, _settings_in(session, branch_id), start, changes.get("days") or notice.period_days
            )
            notice.period_from, notice.period_days, notice.period_to = start, length, end
        after = _audit_values(notice)
        if after != before:
            notice.updated_at = dt.datetime.now()
            audit.record(
                session,
                branch_id=branch_id,
                table="notice",
                record_id=notice.id,
                action="update",
                summary=notice.title,
                before={k: v for k, v in before.items() if after.get(k) != v},
                after={k: v for k, v in after.items() if before.get(k) != v},
            )
        return _info(session, notice)


def delete_draft(workspace: Workspace, notice_id: int) -> None:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(_("A published notice is kept in the archive for good; withdraw it instead."))
        before = _audit_values(notice)
        session.delete(notice)
        audit.record(
            session,
            branch_id=branch_id,
            table="notice",
            record_id=notice_id,
            action="delete",
            summary=before["title"],
            before=before,
        )


# --- the privacy check and publishing ----------------------------------------------------------------


def _privacy_context(session: Session, workspace: Workspace, context: _Context) -> rules.PrivacyContext:
    from dangjian_desktop.services.members import roster_contacts
    from dangjian_desktop.store.models import Branch

    phones, addresses = roster_contacts(workspace)
    branch = session.get(Branch, context.branch_id)
    public = list(context.phones)
    return rules.PrivacyContext(
        public_phones=tuple(public),
        roster_phones=frozenset(rules.national_digits(p) for p in phones),
        roster_addresses=tuple(addresses),
        public_texts=tuple(t for t in ((branch.name, branch.township, branch.county) if branch else ()) if t),
    )


def public_sheet_privacy(workspace: Workspace) -> rules.PrivacyContext:
    """What every public sheet is checked against: the public phones of 党务公开 → 设置 with the branch's
    supervision phone (these may be printed), and the roster's phones and addresses (never)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return _privacy_context(session, workspace, _Context(session, branch_id))


def privacy_refusal(workspace: Workspace, notice_id: int) -> PrivateDataFound | None:
    """The refusal publishing would give for privacy (what was found, and the phones that may be printed),
    or None when the notice may be published."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        context = _Context(session, branch_id)
        privacy = _privacy_context(session, workspace, context)
        findings = rules.scan_notice(_info(session, notice, context).content, privacy)
    return PrivateDataFound(findings, privacy.public_phones) if findings else None


def publish(workspace: Workspace, notice_id: int, *, now: dt.datetime | None = None) -> NoticeInfo:
    """Check the final text, give the notice its number, freeze it (JSON, SHA-256, check code). Raises
    PrivateDataFound naming what was found and where; nothing is written then."""
    from dangjian_desktop.domain import major_matters as matter_rules

    branch_id = workspace.require_branch()
    now = now or dt.datetime.now()
    with numbering.locked_transaction(workspace) as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(_("{number} has already been published.").format(number=notice.number))
        context = _Context(session, branch_id)
        year = notice.issued_on.year
        sequence = numbering.issue(session, numbering.notice_series(branch_id, year))
        number = rules.format_notice_number(year, sequence)
        content = replace(_info(session, notice, context).content, number=number)
        privacy = _privacy_context(session, workspace, context)
        findings = rules.scan_notice(content, privacy)
        if findings:
            raise PrivateDataFound(findings, privacy.public_phones)
        step_code = {
            rules.RESOLUTION: matter_rules.PUBLISH_RESOLUTION,
            rules.RESULT: matter_rules.PUBLISH_RESULT,
        }.get(notice.type)
        if step_code and notice.matter_id is not None:
            from dangjian_desktop.services.notices import matters as major_matters

            major_matters.check_can_publish_in(session, branch_id, notice.matter_id, step_code)
        frozen = content.to_json()
        digest = rules.content_hash(frozen)
        notice.status = rules.PUBLISHED
        notice.year, notice.sequence, notice.number = year, sequence, number
        notice.frozen_content = frozen
        notice.content_hash = digest
        notice.check_code = rules.check_code(digest)
        notice.qr_mask = _best_mask(content, notice.check_code)
        notice.published_at = now
        notice.updated_at = now
        session.flush()
        if step_code and notice.matter_id is not None:
            from dangjian_desktop.services.notices import matters as major_matters

            major_matters.mark_published_in(
                session, branch_id, notice.matter_id, step_code, notice.id, notice.issued_on
            )
        if notice.refers_to is not None:
            old = _load(session, branch_id, notice.refers_to)
            if old.status == rules.PUBLISHED:
                old.status = rules.WITHDRAWN
                old.updated_at = now
                audit.record(
                    session,
                    branch_id=branch_id,
                    table="notice",
                    record_id=old.id,
                    action="update",
                    summary=_("{old} withdrawn by {new}").format(old=old.number, new=number),
                    before={"status": rules.PUBLISHED},
                    after={"status": rules.WITHDRAWN, "by": number},
                )
        audit.record(
            session,
            branch_id=branch_id,
            table="notice",
            record_id=notice.id,
            action="publish",
            summary=f"{number} {notice.title}",
            before={"status": rules.DRAFT},
            after={
                "status": rules.PUBLISHED,
                "number": number,
                "content_hash": digest,
                "check_code": notice.check_code,
            },
        )
        return _info(session, notice, context)


def _best_mask(content: NoticeContent, code: str) -> int:
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    return notice_pdf.best_qr_mask(rules.qr_plan(content, code).payload)


def set_board_dates(
    workspace: Workspace, notice_id: int, posted_on: dt.date | None, taken_down_on: dt.date | None
) -> NoticeInfo:
    """When the sheet was put on the board and taken down (张贴 / 撤下)."""
    if posted_on and taken_down_on and taken_down_on < posted_on:
        raise FieldErrors({"taken_down_on": _("The sheet cannot be taken down before it was posted.")})
    if taken_down_on and not posted_on:
        raise FieldErrors({"posted_on": _("Enter the day it was posted first.")})
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status == rules.DRAFT:
            raise Conflict(_("Publish the notice before posting it on the board."))
        before = {"posted_on": notice.posted_on, "taken_down_on": notice.taken_down_on}
        notice.posted_on, notice.taken_down_on = posted_on, taken_down_on
        after = {"posted_on": posted_on, "taken_down_on": taken_down_on}
        if before != after:
            notice.updated_at = dt.datetime.now()
            audit.record(
                session,
                branch_id=branch_id,
                table="notice",
                record_id=notice.id,
                action="update",
                summary=notice.number,
                before={k: v.isoformat() if v else None for k, v in before.items()},
                after={k: v.isoformat() if v else None for k, v in after.items()},
            )
        return _info(session, notice)


def _published(session: Session, branch_id: int, notice_id: int) -> Notice:
    notice = _load(session, branch_id, notice_id)
    if notice.status != rules.PUBLISHED:
        raise Conflict(_("Only a published notice that is still valid can be corrected or withdrawn."))
    return notice


def start_correction(workspace: Workspace, notice_id: int, *, today: dt.date | None = None) -> NoticeInfo:
    """A draft that corrects a published notice: its text to edit, a note saying what it replaces."""
    from dangjian_desktop.domain import notice_texts as texts

    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        old = _published(session, branch_id, notice_id)
        content = NoticeContent.from_json(old.frozen_content)
        old_number, old_type, old_days = old.number, old.type, old.period_days
    return create_draft(
        workspace,
        old_type,
        title=texts.correction_title(content.title),
        body=texts.correction_note(old_number) + "\n" + content.body,
        addressee=content.addressee,
        issuer=content.issuer,
        days=old_days,
        place=content.place,
        qr_mode=content.qr_mode,
        qr_link=content.qr_link,
        refers_to=notice_id,
        relation=rules.CORRECTION,
        matter_id=None,
        today=today,
    )


def start_withdrawal(workspace: Workspace, notice_id: int, *, today: dt.date | None = None) -> NoticeInfo:
    """A draft that withdraws a published notice."""
    from dangjian_desktop.domain import notice_texts as texts

    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        old = _published(session, branch_id, notice_id)
        content = NoticeContent.from_json(old.frozen_content)
        generated = texts.withdrawal_text(content.title, old.number, content.issued_on)
    return create_draft(
        workspace,
        rules.FREE,
        title=generated.title,
        body=generated.body,
        addressee=content.addressee,
        issuer=content.issuer,
        place=content.place,
        qr_mode=rules.QR_TEXT,
        refers_to=notice_id,
        relation=rules.WITHDRAWAL,
        today=today,
    )


# --- verifying ---------------------------------------------------------------------------------------


def verify(workspace: Workspace, number: str, code: str) -> Verification:
    """Is a sheet with this number and check code genuine and unaltered? Compares the code with the one
    stored, and the stored content with its hash (so a change made to the archive behind the program's
    back is found too)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        try:
            notice = _by_number(session, branch_id, number)
        except rules.InvalidNoticeNumber as error:
            return Verification(NOT_FOUND, None, error.message)
        if notice is None or notice.status == rules.DRAFT:
            return Verification(
                NOT_FOUND,
                None,
                _("No notice {number} was ever published by this branch.").format(number=number),
            )
        info = _info(session, notice)
        digest = rules.content_hash(notice.frozen_content)
        content = info.content
        intact = (
            digest == notice.content_hash
            and rules.check_code(digest) == notice.check_code
            and content.number == notice.number
            and content.title == notice.title
            and content.body == notice.body
            and content.issuer == notice.issuer
        )
    if not intact:
        return Verification(
            ALTERED,
            info,
            _(
                "The stored copy of {number} has been changed since it was published: it cannot be trusted."
            ).format(number=notice.number),
        )
    if rules.normalize_check_code(code) != notice.check_code:
        return Verification(
            WRONG_CODE,
            info,
            _(
                "The check code does not match {number}: the sheet is not the one published, or it was altered."
            ).format(number=notice.number),
        )
    message = _("{number} “{title}”, published on {date}, check code {code}.").format(
        number=notice.number,
        title=content.title,
        date=content.issued_on.isoformat(),
        code=rules.format_check_code(notice.check_code),
    )
    if notice.status != rules.WITHDRAWN:
        return Verification(GENUINE, info, message)
    later_number, how = _replacement(workspace, branch_id, notice.id)
    if how == rules.CORRECTION:
        warning = _(
            "This sheet is genuine but NO LONGER VALID: {later} corrected it and it was void from then on. "
            "Read {later} instead."
        )
    else:
        warning = _(
            "This sheet is genuine but NO LONGER VALID: it was withdrawn by {later}. It should be taken off "
            "the board."
        )
    return Verification(GENUINE, info, warning.format(later=later_number) + "\n" + message, later_number, how)


def _replacement(workspace: Workspace, branch_id: int, notice_id: int) -> tuple[str, str]:
    """The published notice that withdrew or corrected ``notice_id``: its number and the relation."""
    with workspace.db.transaction() as session:
        later = session.scalar(
            select(Notice)
            .where(
                Notice.branch_id == branch_id,
                Notice.refers_to == notice_id,
                Notice.status.in_((rules.PUBLISHED, rules.WITHDRAWN)),
            )
            .order_by(Notice.id)
            .limit(1)
        )
        if later is None:  # withdrawn by hand, outside the program's own correction flow
            return _("a later notice"), rules.WITHDRAWAL
        return later.number, later.relation or rules.CORRECTION


# --- printing -----------------------------------------------------------------------------------------

SIZES = ("a4", "a3")


def _check_size(size: str) -> str:
    key = (size or "a4").lower()
    if key not in SIZES:
        raise AppError(_("The paper size must be A4 or A3."))
    return key


def pdf_bytes(workspace: Workspace, notice_id: int, size: str = "a4") -> bytes:
    """The sheet as PDF: a published notice from its frozen content (byte-identical each time), a draft as
    it would print now (marked as a draft)."""
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    info = get_notice(workspace, notice_id)
    return notice_pdf.notice_pdf_bytes(info.content, info.check_code, _check_size(size), info.qr_mask)


def export_pdf(workspace: Workspace, number: str, path: Path | str, size: str = "a4") -> Path:
    """Write a published notice's sheet to ``path``."""
    from dangjian_desktop.documents import notices_pdf as notice_pdf

    size = _check_size(size)
    info = find_notice(workspace, number)
    data = notice_pdf.notice_pdf_bytes(info.content, info.check_code, size, info.qr_mask)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def notice_count(workspace: Workspace) -> int:
    branch_id = workspace.require_branch()
    with workspace.db.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(Notice).where(Notice.branch_id == branch_id)
        ).scalar_one()
