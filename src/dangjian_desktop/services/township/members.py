"""Members by branch with their structure: sex, probationary members, age bands, 党龄, education, work
(the dues category: employed, retired, farmer …) and members away. Two grouped statements over every
branch: one pass of counts per branch (SUM(CASE …) per band), and the education texts per branch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select

from dangjian_desktop.domain import township as rules
from dangjian_desktop.domain.choices import ACTIVE, DUES_CATEGORY, EDUCATION_SUGGESTIONS, LEAVING_STATUSES
from dangjian_desktop.domain.township import AGE_BANDS, OTHER_EDUCATION, TENURE_BANDS, Band
from dangjian_desktop.services.township.access import BranchName
from dangjian_desktop.store.flowing_models import FlowingStay
from dangjian_desktop.store.models import Member

EDUCATION_LEVELS: tuple[str, ...] = (*EDUCATION_SUGGESTIONS, OTHER_EDUCATION)  # then: not recorded
OCCUPATIONS: tuple[str, ...] = tuple(DUES_CATEGORY.codes())  # then: not recorded


@dataclass(frozen=True)
class BranchMembers:
    branch_id: int
    branch: str
    total: int
    male: int
    female: int
    probationary: int
    ages: tuple[int, ...]  # one per AGE_BANDS, then not recorded
    tenures: tuple[int, ...]  # one per TENURE_BANDS, then not recorded
    education: tuple[int, ...]  # one per EDUCATION_LEVELS, then not recorded
    occupations: tuple[int, ...]  # one per OCCUPATIONS (dues categories), then not recorded
    away: int  # working away (流动党员) on the day


@dataclass(frozen=True)
class MembersSection:
    year: int
    as_of: dt.date  # on the roster on this day (the year's end, or today for this year)
    rows: tuple[BranchMembers, ...]


def _band_case(years: ColumnElement[Any], bands: Sequence[Band]) -> ColumnElement[Any]:
    """The band's index (as in ``bands``), NULL when the date is not recorded."""
    whens = []
    for index, band in enumerate(bands):
        low = years >= band.low if band.low is not None else None
        high = years <= band.high if band.high is not None else None
        condition = and_(*[c for c in (low, high) if c is not None])
        whens.append((condition, index))
    return case(*whens, else_=None)


def on_roster(as_of: dt.date) -> ColumnElement[bool]:
    """On the roster on ``as_of``: still on it, or left it later; and a member by then."""
    m = Member.__table__.c
    left_later = and_(m.status.in_(LEAVING_STATUSES), m.status_date > as_of)
    return and_(or_(m.status == ACTIVE, left_later), or_(m.joined_date.is_(None), m.joined_date <= as_of))


def _away(as_of: dt.date, today: dt.date) -> ColumnElement[bool]:
    """A leave registered over ``as_of``; on the roster's 外出 mark only when ``as_of`` is today."""
    m = Member.__table__.c
    s = FlowingStay.__table__.c
    stay = exists().where(
        s.member_id == m.id, s.since <= as_of, or_(s.return_date.is_(None), s.return_date > as_of)
    )
    return or_(stay, m.flowing.is_(True)) if as_of >= today else stay


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def members_section(
    connection: Any, branches: Sequence[BranchName], year: int, today: dt.date
) -> MembersSection:
    as_of = min(rules.year_end(year), today)
    m = Member.__table__.c
    age = _band_case(year - func.extract("year", m.birth_date), AGE_BANDS)
    tenure = _band_case(year - func.extract("year", m.joined_date), TENURE_BANDS)
    columns = [
        func.count().label("total"),
        _count(m.sex == "male"),
        _count(m.sex == "female"),
        _count(m.category == "probationary"),
        *[_count(age == i) for i in range(len(AGE_BANDS))],
        *[_count(tenure == i) for i in range(len(TENURE_BANDS))],
        *[_count(m.dues_category == code) for code in OCCUPATIONS],
        _count(_away(as_of, today)),
    ]
    counts = {
        r[0]: tuple(int(v or 0) for v in r[1:])
        for r in connection.execute(
            select(m.branch_id, *columns).where(on_roster(as_of)).group_by(m.branch_id)
        )
    }
    education: dict[int, list[int]] = {}
    for branch_id, text, number in connection.execute(
        select(m.branch_id, m.education, func.count())
        .where(on_roster(as_of))
        .group_by(m.branch_id, m.education)
    ):
        cells = education.setdefault(branch_id, [0] * (len(EDUCATION_LEVELS) + 1))
        level = rules.education_group(text)
        rules.count_into(cells, EDUCATION_LEVELS.index(level) if level else None, number)
    rows = [_row(b, counts.get(b.id), education.get(b.id)) for b in branches]
    return MembersSection(year, as_of, tuple(rows))


def _row(branch: BranchName, counts: tuple[int, ...] | None, education: list[int] | None) -> BranchMembers:
    if counts is None:
        counts = (0,) * (5 + len(AGE_BANDS) + len(TENURE_BANDS) + len(OCCUPATIONS))
    total, male, female, probationary = counts[:4]
    rest = list(counts[4:])
    ages, rest = rest[: len(AGE_BANDS)], rest[len(AGE_BANDS) :]
    tenures, rest = rest[: len(TENURE_BANDS)], rest[len(TENURE_BANDS) :]
    occupations, away = rest[: len(OCCUPATIONS)], rest[len(OCCUPATIONS)]
    return BranchMembers(
        branch_id=branch.id,
        branch=branch.name,
        total=total,
        male=male,
        female=female,
        probationary=probationary,
        ages=(*ages, total - sum(ages)),
        tenures=(*tenures, total - sum(tenures)),
        education=tuple(education or [0] * (len(EDUCATION_LEVELS) + 1)),
        occupations=(*occupations, total - sum(occupations)),
        away=away,
    )
