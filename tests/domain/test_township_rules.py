"""The township report's pure rules: the bands, the education levels, the short branch names, shares and
the totals row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dangjian_desktop.domain.township import (
    AGE_BANDS,
    TENURE_BANDS,
    band_index,
    column_totals,
    education_group,
    share,
    short_branch_name,
    years_at_end_of,
)


@pytest.mark.parametrize(
    ("age", "band"),
    [(18, 0), (35, 0), (36, 1), (45, 1), (55, 2), (60, 3), (61, 4), (70, 4), (71, 5), (99, 5), (None, None)],
)
def test_age_bands_have_no_gap_and_no_overlap(age, band):
    assert band_index(AGE_BANDS, age) == band


def test_years_are_counted_at_the_end_of_the_year():
    assert years_at_end_of(2026, dt.date(1990, 12, 31)) == 36  # the birthday on 31 December has passed then
    assert years_at_end_of(2026, None) is None
    assert band_index(TENURE_BANDS, years_at_end_of(2026, dt.date(2022, 7, 1))) == 0  # 4 years: under 5
    assert band_index(TENURE_BANDS, years_at_end_of(2026, dt.date(1976, 7, 1))) == 5  # 50 years


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("大学本科", "大学本科"),
        ("本科", "大学本科"),
        (" 大专 ", "大学专科"),
        ("文盲", "未上过学"),
        ("", ""),
        ("扫盲班", "Other"),
    ],
)
def test_education_levels(typed, level):
    assert education_group(typed) == level


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("中共前进村支部委员会", "前进村"),
        ("中国共产党红星社区总支部委员会", "红星社区"),
        ("新民村党支部", "新民村"),
        ("城关镇机关", "城关镇机关"),
        ("支部委员会", "支部委员会"),
    ],
)
def test_short_branch_names_for_the_charts(name, short):
    assert short_branch_name(name) == short


def test_share_and_totals():
    assert share(1, 3) == Decimal("33.3") and share(0, 0) == Decimal("0.0")
    rows = [("甲", 2, Decimal("1.50"), "50.0%"), ("乙", 3, Decimal("0.50"), "")]
    assert column_totals(rows, "合计") == ("合计", 5, Decimal("2.00"), None)
