"""设岗定责 coverage and members away without news, by branch.

Coverage: the members without office on the roster (domain.posts: no office, "无", "党员" …) who hold a post
in a term of the year, against all of them. Without news: the 失联 rule of the branch's own 流动党员 page
(services.flowing.alerts_among, with the branch's own number of months), over the stays of every branch
read in one statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, func, select

from dangjian_desktop.domain import posts as post_rules
from dangjian_desktop.domain.choices import ACTIVE
from dangjian_desktop.domain.township import share
from dangjian_desktop.services import settings
from dangjian_desktop.services.flowing.dtos import AWAY, AwayRow
from dangjian_desktop.services.flowing.queries import alerts_among, stay_row, stays_query, unregistered_row
from dangjian_desktop.services.flowing.settings import ALERT_MONTHS
from dangjian_desktop.services.township.access import BranchName
from dangjian_desktop.store.models import Member
from dangjian_desktop.store.posts_models import Post, PostAssignment, PostEvaluation, PostTerm


@dataclass(frozen=True)
class BranchPosts:
    branch_id: int
    branch: str
    without_office: int  # members without office on the roster
    with_post: int  # of them, holding a post in a term of the year
    posts: int  # posts in the branch's catalogue (in use)
    assignments: int  # posts held in the year's terms (a member may hold two)
    graded: int  # of those, graded

    @property
    def without_post(self) -> int:
        return self.without_office - self.with_post

    @property
    def coverage(self) -> Decimal:
        return share(self.with_post, self.without_office)


@dataclass(frozen=True)
class PostsSection:
    year: int
    rows: tuple[BranchPosts, ...]


def posts_section(connection: Any, branches: Sequence[BranchName], year: int) -> PostsSection:
    m = Member.__table__.c
    a = PostAssignment.__table__.c
    t = PostTerm.__table__.c
    in_year = (t.start_date <= dt.date(year, 12, 31)) & (t.end_date >= dt.date(year, 1, 1))
    holders = (
        select(a.member_id).join(PostTerm.__table__, t.id == a.term_id).where(in_year).distinct().subquery()
    )
    members: dict[int, list[int]] = {}
    for branch_id, office, number, covered in connection.execute(
        select(m.branch_id, m.office, func.count(), func.count(holders.c.member_id))
        .outerjoin(holders, holders.c.member_id == m.id)
        .where(m.status == ACTIVE)
        .group_by(m.branch_id, m.office)
    ):
        if post_rules.holds_office(office):
            continue
        counts = members.setdefault(branch_id, [0, 0])
        counts[0] += int(number)
        counts[1] += int(covered or 0)
    p = Post.__table__.c
    posts = dict(
        connection.execute(
            select(p.branch_id, func.count()).where(p.active.is_(True)).group_by(p.branch_id)
        ).all()
    )
    e = PostEvaluation.__table__.c
    graded = exists().where(e.assignment_id == a.id)
    held: dict[int, tuple[int, int]] = {
        branch_id: (int(number), int(done or 0))
        for branch_id, number, done in connection.execute(
            select(a.branch_id, func.count(), func.sum(case((graded, 1), else_=0)))
            .join(PostTerm.__table__, t.id == a.term_id)
            .where(in_year)
            .group_by(a.branch_id)
        )
    }
    rows = []
    for branch in branches:
        without_office, with_post = members.get(branch.id, [0, 0])
        assignments, done = held.get(branch.id, (0, 0))
        rows.append(
            BranchPosts(
                branch.id,
                branch.name,
                without_office,
                with_post,
                int(posts.get(branch.id, 0)),
                assignments,
                done,
            )
        )
    return PostsSection(year, tuple(rows))


# --- members away without news --------------------------------------------------------------------------


@dataclass(frozen=True)
class BranchFlowing:
    branch_id: int
    branch: str
    away: int  # away now: a leave registered, or marked 外出 on the roster
    unregistered: int  # marked 外出 on the roster with no leave registered: nothing known
    silent: int  # registered, with no contact and no organisation-life record for ``months`` months
    months: int  # the branch's own number of months (its 流动党员 setting)

    @property
    def without_news(self) -> int:
        return self.unregistered + self.silent


@dataclass(frozen=True)
class FlowingSection:
    on: dt.date
    rows: tuple[BranchFlowing, ...]


def _away_rows(connection: Any) -> dict[int, list[AwayRow]]:
    """branch id -> its members away now, as the 流动党员 page lists them (away_rows)."""
    found: dict[int, list[AwayRow]] = {}
    for r in connection.execute(stays_query(None, include_returned=False)):
        found.setdefault(r.branch_id, []).append(stay_row(r))
    m = Member.__table__.c
    registered = {
        (branch_id, row.member_id) for branch_id, rows in found.items() for row in rows if row.state == AWAY
    }
    for r in connection.execute(
        select(m.id, m.name, m.away_place, m.branch_id).where(m.status == ACTIVE, m.flowing.is_(True))
    ):
        if (r.branch_id, r.id) not in registered:
            found.setdefault(r.branch_id, []).append(unregistered_row(r))
    return found


def flowing_section(connection: Any, branches: Sequence[BranchName], today: dt.date) -> FlowingSection:
    away = _away_rows(connection)
    months = settings.read_every_branch(connection, ALERT_MONTHS)
    rows = []
    for branch in branches:
        listed = away.get(branch.id, [])
        limit = months.get(branch.id, ALERT_MONTHS.default)
        alerts = alerts_among(listed, limit, today)
        unregistered = sum(1 for alert in alerts if not alert.registered)
        rows.append(
            BranchFlowing(
                branch.id, branch.name, len(listed), unregistered, len(alerts) - unregistered, limit
            )
        )
    return FlowingSection(today, tuple(rows))
