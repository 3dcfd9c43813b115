"""Organisation life and public notices by branch.

三会一课 held against required: each branch's own frequencies (its 组织生活 setting) and Party groups make
the required meetings of each month, quarter and year (domain.meetings.meetings_due, the rule the home
page's lines use); a required meeting counts in the quarter its period ends in, once that period has
ended. Notices: those published in the year (withdrawn ones included: they were on the board), by kind,
with their 公示 periods."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select

from dangjian_desktop.domain import meetings as meeting_rules
from dangjian_desktop.domain import notices as notice_rules
from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.meetings import HeldMeeting
from dangjian_desktop.domain.members import party_group_order
from dangjian_desktop.domain.township import quarter_of
from dangjian_desktop.services import settings
from dangjian_desktop.services.meetings.settings import FREQUENCIES
from dangjian_desktop.services.township.access import BranchName
from dangjian_desktop.store.meetings_models import Meeting
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.notices_models import Notice


@dataclass(frozen=True)
class BranchMeetings:
    branch_id: int
    branch: str
    required: tuple[int, int, int, int]  # required meetings per quarter (periods ended)
    met: tuple[int, int, int, int]  # of those, held
    held: tuple[int, int, int, int]  # meetings recorded per quarter (every kind)

    @property
    def required_total(self) -> int:
        return sum(self.required)

    @property
    def met_total(self) -> int:
        return sum(self.met)


@dataclass(frozen=True)
class MeetingsSection:
    year: int
    counted_to: dt.date | None  # periods ending up to this day are counted; None: none has ended yet
    rows: tuple[BranchMeetings, ...]


def _month_ends(year: int, today: dt.date) -> list[dt.date]:
    """The last days of the year's months that have ended before ``today``."""
    ends = [dt.date(year, month, calendar.monthrange(year, month)[1]) for month in range(1, 13)]
    return [end for end in ends if end < today]


def required_and_met(
    held: Sequence[HeldMeeting], ends: Sequence[dt.date], frequencies: dict[str, str], groups: Sequence[str]
) -> tuple[list[int], list[int]]:
    """Per quarter: the required meetings whose period ended on one of ``ends``, and how many were held.
    What is required on a day is what would be due on it with nothing held."""
    required, met = [0] * 4, [0] * 4
    for end in ends:
        every = [d for d in meeting_rules.meetings_due((), end, frequencies, groups) if d.period.last == end]
        missed = [
            d for d in meeting_rules.meetings_due(held, end, frequencies, groups) if d.period.last == end
        ]
        quarter = quarter_of(end) - 1
        required[quarter] += len(every)
        met[quarter] += len(every) - len(missed)
    return required, met


def meetings_section(
    connection: Any, branches: Sequence[BranchName], year: int, today: dt.date
) -> MeetingsSection:
    g = Meeting.__table__.c
    m = Member.__table__.c
    held: dict[int, list[HeldMeeting]] = {}
    for branch_id, kind, day, group in connection.execute(
        select(g.branch_id, g.kind, g.held_on, g.party_group).where(
            g.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
    ):
        held.setdefault(branch_id, []).append(HeldMeeting(kind, day, group))
    groups: dict[int, list[str]] = {}
    for branch_id, group in connection.execute(
        select(m.branch_id, m.party_group).where(m.status == ACTIVE, m.party_group != "").distinct()
    ):
        groups.setdefault(branch_id, []).append(group)
    frequencies = settings.read_every_branch(connection, FREQUENCIES)
    ends = _month_ends(year, today)
    rows = []
    for branch in branches:
        meetings = held.get(branch.id, [])
        required, met = required_and_met(
            meetings,
            ends,
            dict(frequencies.get(branch.id, FREQUENCIES.default)),
            sorted(groups.get(branch.id, []), key=party_group_order),
        )
        counts = [0] * 4
        for meeting in meetings:
            counts[quarter_of(meeting.day) - 1] += 1
        rows.append(BranchMeetings(branch.id, branch.name, _four(required), _four(met), _four(counts)))
    return MeetingsSection(year, ends[-1] if ends else None, tuple(rows))


def _four(values: Sequence[int]) -> tuple[int, int, int, int]:
    return (values[0], values[1], values[2], values[3])


# --- notices ------------------------------------------------------------------------------------------

NOTICE_COLUMNS: tuple[tuple[str, ...], ...] = (
    (notice_rules.DUES,),
    (notice_rules.POSTS,),
    (notice_rules.RECRUITMENT,),
    (notice_rules.EVALUATION,),
    (notice_rules.MEETINGS,),
    (notice_rules.RESOLUTION, notice_rules.RESULT),  # 四议两公开
    (notice_rules.FREE,),
)


@dataclass(frozen=True)
class BranchNotices:
    branch_id: int
    branch: str
    published: int  # published in the year (withdrawn later included)
    by_kind: tuple[int, ...]  # one per NOTICE_COLUMNS
    withdrawn: int
    period_days: int  # the 公示 periods' days added up
    short: int  # a 公示 period shorter than its kind's usual days
    posted: int  # the day it was put up on the board is recorded
    showing: int  # its 公示 period includes the report's day

    @property
    def average_days(self) -> Decimal:
        if not self.published:
            return Decimal("0.0")
        return (Decimal(self.period_days) / self.published).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class NoticesSection:
    year: int
    on: dt.date  # the day "showing now" is counted on
    rows: tuple[BranchNotices, ...]


def notices_section(
    connection: Any, branches: Sequence[BranchName], year: int, today: dt.date
) -> NoticesSection:
    n = Notice.__table__.c
    on = min(dt.date(year, 12, 31), today)
    usual = case(*[(n.type == t.code, t.default_days) for t in notice_rules.NOTICE_TYPES], else_=0)
    rows = connection.execute(
        select(
            n.branch_id,
            n.type,
            func.count(),
            func.sum(case((n.status == notice_rules.WITHDRAWN, 1), else_=0)),
            func.sum(n.period_days),
            func.sum(case((n.period_days < usual, 1), else_=0)),
            func.sum(case((n.posted_on.is_not(None), 1), else_=0)),
            func.sum(case(((n.period_from <= on) & (n.period_to >= on), 1), else_=0)),
        )
        .where(n.status != notice_rules.DRAFT, n.year == year)
        .group_by(n.branch_id, n.type)
    ).all()
    found: dict[int, dict[str, tuple[int, ...]]] = {}
    for branch_id, kind, *numbers in rows:
        found.setdefault(branch_id, {})[kind] = tuple(int(v or 0) for v in numbers)
    return NoticesSection(year, on, tuple(_notices_row(b, found.get(b.id, {})) for b in branches))


def _notices_row(branch: BranchName, kinds: dict[str, tuple[int, ...]]) -> BranchNotices:
    sums = [sum(values[i] for values in kinds.values()) for i in range(6)]
    by_kind = tuple(sum(kinds.get(code, (0,))[0] for code in codes) for codes in NOTICE_COLUMNS)
    return BranchNotices(
        branch_id=branch.id,
        branch=branch.name,
        published=sums[0],
        by_kind=by_kind,
        withdrawn=sums[1],
        period_days=sums[2],
        short=sums[3],
        posted=sums[4],
        showing=sums[5],
    )
