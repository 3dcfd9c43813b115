"""Members by branch with their structure: sex, probationary members, age bands, 党龄, education, work
(the dues category: employed, retired, farmer …) and members away. Four grouped statements over every
branch (members_section), none per branch or per member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, cast, exists, func, or_, select

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


def _years(year: int, column: Any) -> ColumnElement[Any]:
    """Whole years from the date in ``column`` to the end of ``year`` (an integer: cheap to compare)."""
    return year - cast(func.extract("year", column), Integer)


def _grouped(connection: Any, as_of: dt.date, *columns: ColumnElement[Any]) -> list[Any]:
    """Members on the roster on ``as_of`` counted by branch and ``columns``."""
    m = Member.__table__.c
    keys = [m.branch_id, *columns]
    return list(connection.execute(select(*keys, func.count()).where(on_roster(as_of)).group_by(*keys)))


@dataclass
class _Counts:
    total: int = 0
    male: int = 0
    female: int = 0
    probationary: int = 0
    away: int = 0
    ages: list[int] = field(default_factory=lambda: [0] * (len(AGE_BANDS) + 1))
    tenures: list[int] = field(default_factory=lambda: [0] * (len(TENURE_BANDS) + 1))
    education: list[int] = field(default_factory=lambda: [0] * (len(EDUCATION_LEVELS) + 1))
    occupations: list[int] = field(default_factory=lambda: [0] * (len(OCCUPATIONS) + 1))


def _facts(counts: _Counts, sex: str, category: str, work: str, away: bool, number: int) -> None:
    counts.total += number
    counts.male += number if sex == "male" else 0
    counts.female += number if sex == "female" else 0
    counts.probationary += number if category == "probationary" else 0
    counts.away += number if away else 0
    rules.count_into(counts.occupations, OCCUPATIONS.index(work) if work in OCCUPATIONS else None, number)


def members_section(
    connection: Any, branches: Sequence[BranchName], year: int, today: dt.date
) -> MembersSection:
    """Four grouped statements over every branch: by sex, category, work and away; by age band; by 党龄
    band; by education."""
    as_of = min(rules.year_end(year), today)
    m = Member.__table__.c
    found: dict[int, _Counts] = {}
    away = _away(as_of, today)
    for branch_id, sex, category, work, is_away, number in _grouped(
        connection, as_of, m.sex, m.category, m.dues_category, away
    ):
        _facts(found.setdefault(branch_id, _Counts()), sex, category, work, bool(is_away), number)
    for branch_id, band, number in _grouped(
        connection, as_of, _band_case(_years(year, m.birth_date), AGE_BANDS)
    ):
        rules.count_into(found.setdefault(branch_id, _Counts()).ages, band, number)
    for branch_id, band, number in _grouped(
        connection, as_of, _band_case(_years(year, m.joined_date), TENURE_BANDS)
    ):
        rules.count_into(found.setdefault(branch_id, _Counts()).tenures, band, number)
    for branch_id, text, number in _grouped(connection, as_of, m.education):
        level = rules.education_group(text)
        cells = found.setdefault(branch_id, _Counts()).education
        rules.count_into(cells, EDUCATION_LEVELS.index(level) if level else None, number)
    return MembersSection(year, as_of, tuple(_row(b, found.get(b.id, _Counts())) for b in branches))


def _row(branch: BranchName, counts: _Counts) -> BranchMembers:
    return BranchMembers(
        branch_id=branch.id,
        branch=branch.name,
        total=counts.total,
        male=counts.male,
        female=counts.female,
        probationary=counts.probationary,
        ages=tuple(counts.ages),
        tenures=tuple(counts.tenures),
        education=tuple(counts.education),
        occupations=tuple(counts.occupations),
        away=counts.away,
    )
