"""首页 / 工作台: what is due, in one list made of each module's lines.

    due_items(workspace, as_of) -> list[DueItem]

Each line has its kind, the words to show, the page where it is dealt with ("meetings", "dues", "flowing",
"notices", "posts", "roster", "backup") and, when it is about one member, the member's id. The lines are
ordered by kind (the order of ``KINDS``), then as each module gave them.

Every module marked ``has_home_lines`` in the registry (features.py) has its function here, in
``MODULE_LINES`` under its key; the notices module writes its own lines (``services.notices.due_items``).
The backup line belongs to no module and comes last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from dangjian_desktop.domain import meetings as meeting_rules
from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.dues import FLAG_REMIND, FLAG_WARN
from dangjian_desktop.features import FEATURES
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import backups, dues, exchange, flowing, meetings, notices, posts
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Member

# Kinds of line, in the order the home page shows them, with their heading and the page that deals with them.
MEETING = "meeting"
DUES_WARN = "dues_warn"
DUES_REMIND = "dues_remind"
FLOWING = "flowing"
NOTICE = "notice"
POST_GRADE = "post_grade"
PROBATION = "probation"
BACKUP = "backup"
TOWNSHIP_REPLY = "township_reply"
REPORT_DUE = "report_due"

KINDS: dict[str, tuple[str, str]] = {
    MEETING: (N_("Meetings still due"), "meetings"),
    DUES_WARN: (N_("Dues unpaid for 6 months or more"), "dues"),
    DUES_REMIND: (N_("Dues unpaid for 3 months or more"), "dues"),
    FLOWING: (N_("Members away with no news"), "flowing"),
    NOTICE: (N_("Public notices"), "notices"),
    POST_GRADE: (N_("Posts without a grade"), "posts"),
    PROBATION: (N_("Probationary year ending (转正)"), "roster"),
    TOWNSHIP_REPLY: (N_("From the township"), "exchange"),
    REPORT_DUE: (N_("Report to the township"), "exchange"),
    BACKUP: (N_("Backup"), "backup"),
}
REPLY_SHOWN_DAYS = 30  # a decision of the township is on the home page for 30 days after it came
REPORT_EVERY_DAYS = 30  # the branch's file goes to the township once a month

BACKUP_WARN_DAYS = 7
POSTS_NOTICE_DAYS = 30  # posts are listed from 30 days before their term ends
POSTS_LOOK_BACK_DAYS = 365  # and for a year after it ended


# The pages' names as the window's left-hand list shows them (features.py), for the command line.
PAGE_TITLES: dict[str, str] = {
    **{module.key: module.title for module in FEATURES},
    "backup": N_("Backup and restore"),
    "exchange": N_("Exchange with the township"),
}
# where a decision of the township is dealt with: a hand-up on the dues page, a matter on the notices page
_DECISION_PAGES = {"handup": "dues", "notice": "notices"}


def kind_label(kind: str) -> str:
    return _(KINDS[kind][0]) if kind in KINDS else kind


def page_title(page: str) -> str:
    return _(PAGE_TITLES[page]) if page in PAGE_TITLES else page


@dataclass(frozen=True)
class DueItem:
    kind: str  # a key of KINDS (another module may use its own kind)
    text: str
    page: str  # the page key where it is dealt with
    member_id: int | None = None
    urgent: bool = True  # False for a line that only informs (the last backup when it is recent)
    subject_id: int | None = None  # the record the line is about, if not a member: a notice, a post term
    meeting: meeting_rules.DueMeeting | None = None  # a meeting line: the kind (and Party group) still due

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def _item(
    kind: str,
    text: str,
    member_id: int | None = None,
    *,
    urgent: bool = True,
    subject_id: int | None = None,
    meeting: meeting_rules.DueMeeting | None = None,
) -> DueItem:
    return DueItem(kind, text, KINDS[kind][1], member_id, urgent, subject_id, meeting)


# --- each module's contribution -------------------------------------------------------------------------


def meeting_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    lines = []
    for due in meetings.meetings_due(workspace, as_of):
        deadline = format_date(due.deadline, "long")
        text = _("{what} (by {deadline})").format(what=due.text(), deadline=deadline)
        lines.append(_item(MEETING, text, meeting=due))
    return lines


def dues_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    lines = []
    # months that have ended only: the current month is not arrears until it is over (issue 13)
    for row in dues.arrears(workspace, today=as_of):
        if row.flag not in (FLAG_REMIND, FLAG_WARN) or row.run_start is None:
            continue
        text = _("{name}: {months} months in a row unpaid (since {first})").format(
            name=row.name, months=row.consecutive, first=row.run_start.label()
        )
        lines.append(_item(DUES_WARN if row.flag == FLAG_WARN else DUES_REMIND, text, row.member_id))
    lines.sort(key=lambda item: item.kind != DUES_WARN)
    return lines


def flowing_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    lines = []
    for alert in flowing.alerts(workspace, today=as_of):
        place = alert.destination or _("place not recorded")
        if not alert.registered:
            text = _("{name} ({place}): marked as working away, but no leave is registered").format(
                name=alert.name, place=place
            )
        elif alert.last_heard is None:
            text = _("{name} ({place}): no news since leaving").format(name=alert.name, place=place)
        else:
            text = _("{name} ({place}): no news for {months} months, last on {date}").format(
                name=alert.name, place=place, months=alert.months, date=format_date(alert.last_heard, "long")
            )
        lines.append(_item(FLOWING, text, alert.member_id))
    return lines


def post_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    lines = []
    for term in posts.list_terms(workspace):
        days_left = (term.end - as_of).days
        if days_left > POSTS_NOTICE_DAYS or -days_left > POSTS_LOOK_BACK_DAYS or term.start > as_of:
            continue
        for a in posts.assignments(workspace, term.id):
            if a.grade:
                continue
            if days_left >= 0:
                template = _("{name} — {post} ({term}): grade it before the term ends on {date}")
            else:
                template = _("{name} — {post} ({term}): the term ended on {date}, no grade yet")
            text = template.format(
                name=a.member_name, post=a.post_name, term=term.label, date=format_date(term.end, "long")
            )
            lines.append(_item(POST_GRADE, text, a.member_id, subject_id=term.id))
    return lines


def probation_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    branch_id = workspace.require_branch()
    m = Member.__table__.c
    with workspace.db.engine.connect() as connection:
        rows = connection.execute(
            select(m.id, m.name, m.joined_date).where(
                m.branch_id == branch_id, m.status == ACTIVE, m.category == "probationary"
            )
        ).all()
    found = []
    for r in rows:
        end = meeting_rules.probation_due(r.joined_date, as_of)
        if end is None:
            continue
        if end >= as_of:
            text = _(
                "{name}: the probationary year ends on {date} ({days} days); prepare the 转正 decision"
            ).format(name=r.name, date=format_date(end, "long"), days=(end - as_of).days)
        else:
            text = _("{name}: the probationary year ended on {date}; the 转正 decision is overdue").format(
                name=r.name, date=format_date(end, "long")
            )
        found.append((end, _item(PROBATION, text, r.id)))
    found.sort(key=lambda pair: pair[0])
    return [item for _end, item in found]


def backup_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    if workspace.is_server:  # the PC keeps no backup of the server's data: say who does, claim none
        return [_item(BACKUP, backups.server_backup_sentence(), urgent=False)]
    found = backups.list_backups(workspace)
    if not found:
        return [_item(BACKUP, _("No backup has been made yet. Make one now."))]
    newest = max(b.created for b in found)
    days = (as_of - newest.date()).days
    when = format_date(newest.date(), "long")
    if days > BACKUP_WARN_DAYS:
        return [
            _item(
                BACKUP,
                _("The last backup was on {date}, {days} days ago. Make one now.").format(
                    date=when, days=days
                ),
            )
        ]
    return [
        _item(BACKUP, _("Last backup: {date} {time}").format(date=when, time=f"{newest:%H:%M}"), urgent=False)
    ]


def exchange_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    """What the township decided for the branch (for 30 days after it came: through the USB exchange on
    the PC, at once on the server), and on a PC that exchanges files with the township (a key entered)
    the monthly file when it is due."""
    lines = []
    since = dt.datetime.combine(as_of - dt.timedelta(days=REPLY_SHOWN_DAYS), dt.time())
    for decision in exchange.decisions(workspace):
        if decision.known_since < since:
            continue
        text = _("{kind}: {subject} ({date}, {who})").format(
            kind=decision.kind_title,
            subject=decision.subject,
            date=format_date(decision.decided_on, "long"),
            who=decision.decided_by,
        )
        page = _DECISION_PAGES.get(decision.kind, KINDS[TOWNSHIP_REPLY][1])
        lines.append(DueItem(TOWNSHIP_REPLY, text, page, urgent=decision.kind == "notice"))
    if workspace.is_server:
        return lines
    state = exchange.key_state(workspace)
    if state.has_key:
        last = exchange.last_sent(workspace)
        if last is None:
            lines.append(_item(REPORT_DUE, _("The branch's data has not been sent to the township yet.")))
        elif (as_of - last.date()).days >= REPORT_EVERY_DAYS:
            lines.append(
                _item(
                    REPORT_DUE,
                    _("The last file for the township was written on {date}, {days} days ago.").format(
                        date=format_date(last.date(), "long"), days=(as_of - last.date()).days
                    ),
                )
            )
    return lines


def notice_lines(workspace: Workspace, as_of: dt.date) -> list[DueItem]:
    """The notices module writes its own lines (notices to take down, 公示 periods ending)."""
    return list(notices.due_items(workspace, as_of))


# Each module's lines, under its key in the registry (features.py: ``has_home_lines``).
MODULE_LINES: dict[str, Callable[[Workspace, dt.date], list[DueItem]]] = {
    "roster": probation_lines,
    "meetings": meeting_lines,
    "flowing": flowing_lines,
    "dues": dues_lines,
    "posts": post_lines,
    "notices": notice_lines,
}


def contributions() -> list[Callable[[Workspace, dt.date], list[DueItem]]]:
    """The functions that give the home page's lines: each module's, in the registry's order, then the
    backup's. A module marked in the registry without its function here is an error (KeyError)."""
    modules = [MODULE_LINES[module.key] for module in FEATURES if module.has_home_lines]
    return [*modules, exchange_lines, backup_lines]


def due_items(workspace: Workspace, as_of: dt.date | None = None) -> list[DueItem]:
    """Everything the home page lists as of ``as_of`` (default today), grouped by kind."""
    as_of = as_of or dt.date.today()
    workspace.require_branch()
    lines: list[DueItem] = []
    for contribution in contributions():
        lines.extend(contribution(workspace, as_of))
    order = {kind: position for position, kind in enumerate(KINDS)}
    return sorted(lines, key=lambda item: order.get(item.kind, len(order)))  # stable within a kind


def group_by_kind(items: Iterable[DueItem]) -> list[tuple[str, list[DueItem]]]:
    """The lines grouped by kind, in the order they come."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    return list(groups.items())
