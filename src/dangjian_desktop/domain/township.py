"""The township Party committee's reports across its branches (乡镇党委汇总): the bands the figures are
counted in, and the plain table-with-a-chart that every section becomes on screen, on paper and in Excel.

Ages and 党龄 are counted at the end of the year, as the annual Party statistics count them (党内统计年报:
截至当年12月31日): a member born in 1990 is 35 at the end of 2025 whatever the birthday, one who joined in
2005 has 20 years of 党龄. Pure rules: no SQL, no PDF, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dangjian_desktop.domain.choices import EDUCATION_SUGGESTIONS
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _


@dataclass(frozen=True)
class Band:
    """Whole years from ``low`` to ``high`` (both included; None: open)."""

    low: int | None
    high: int | None
    label_source: str  # N_(): shown through _()

    def label(self) -> str:
        return _(self.label_source)

    def holds(self, years: int) -> bool:
        return (self.low is None or years >= self.low) and (self.high is None or years <= self.high)


AGE_BANDS: tuple[Band, ...] = (
    Band(None, 35, N_("35 or younger")),
    Band(36, 45, N_("36–45")),
    Band(46, 55, N_("46–55")),
    Band(56, 60, N_("56–60")),
    Band(61, 70, N_("61–70")),
    Band(71, None, N_("71 or older")),
)
# 党龄: under 5 years (the young members), …, 50 years and more (光荣在党50年).
TENURE_BANDS: tuple[Band, ...] = (
    Band(None, 4, N_("Under 5 years")),
    Band(5, 9, N_("5–9 years")),
    Band(10, 19, N_("10–19 years")),
    Band(20, 29, N_("20–29 years")),
    Band(30, 49, N_("30–49 years")),
    Band(50, None, N_("50 years or more")),
)
UNKNOWN = N_("Not recorded")
OTHER_EDUCATION = N_("Other")


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def band_index(bands: Sequence[Band], years: int | None) -> int | None:
    """The band that ``years`` falls in; None when not known (no date recorded)."""
    if years is None:
        return None
    for index, band in enumerate(bands):
        if band.holds(years):
            return index
    return None


def years_at_end_of(year: int, day: dt.date | None) -> int | None:
    """Whole years from ``day`` to 31 December of ``year`` (the year's birthday or anniversary has passed)."""
    if day is None:
        return None
    return year - day.year


def education_group(text: str) -> str:
    """One of the usual levels (EDUCATION_SUGGESTIONS), "" when empty, else OTHER_EDUCATION."""
    cleaned = normalize_text(text or "").replace(" ", "")
    if not cleaned:
        return ""
    for level in EDUCATION_SUGGESTIONS:
        if cleaned == level:
            return level
    aliases = {"本科": "大学本科", "大专": "大学专科", "专科": "大学专科", "硕士": "研究生", "博士": "研究生"}
    aliases.update({"文盲": "未上过学", "中技": "中专", "技校": "中专", "职高": "中专"})
    return aliases.get(cleaned, OTHER_EDUCATION)


_PARTY_PREFIXES = ("中国共产党", "中共")
_BRANCH_SUFFIXES = ("总支部委员会", "支部委员会", "党总支", "党支部", "总支部", "支部")


def short_branch_name(name: str) -> str:
    """The village's name for a chart's axis: 中共前进村支部委员会 -> 前进村 (the table keeps the full name)."""
    short = name.strip()
    for prefix in _PARTY_PREFIXES:
        if short.startswith(prefix) and len(short) > len(prefix):
            short = short[len(prefix) :]
            break
    for suffix in _BRANCH_SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix):
            return short[: -len(suffix)]
    return short


def share(part: int, whole: int) -> Decimal:
    """``part`` of ``whole`` in per cent with one decimal (0 when there is no whole)."""
    if whole <= 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def quarter_of(day: dt.date) -> int:
    """1–4."""
    return (day.month - 1) // 3 + 1


def count_into(counts: list[int], index: int | None, number: int) -> None:
    """Add ``number`` to the band ``index``; the last cell counts the unknown."""
    counts[len(counts) - 1 if index is None else index] += number


# --- what a section is on screen, on paper and in Excel ------------------------------------------------

Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Chart:
    """A bar chart: one group of bars per category (a branch), one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, one value per category)
    unit: str = ""


@dataclass(frozen=True)
class SectionTable:
    """One section of the report as a table with its chart. The first column names the branch."""

    key: str  # "members", "dues", ...: the sheet's and the tab's name
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None
    chart: Chart
    notes: tuple[str, ...] = ()
    wide: bool = False  # many columns: landscape paper
    extra: tuple[SectionPart, ...] = ()  # further tables of the section (e.g. the month by month figures)


@dataclass(frozen=True)
class SectionPart:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None


def chart_values(rows: Sequence[Sequence[Cell]], column: int) -> tuple[float, ...]:
    """A column of the table as the chart's numbers (an empty cell: 0)."""
    values = []
    for row in rows:
        value = row[column]
        values.append(float(value) if isinstance(value, int | Decimal) else 0.0)
    return tuple(values)


def column_totals(rows: Sequence[Sequence[Cell]], label: str, first: int = 1) -> tuple[Cell, ...]:
    """The totals row: ``label``, then the sum of every numeric column (empty where a column has text)."""
    width = len(rows[0]) if rows else first
    totals: list[Cell] = [label, *([None] * (first - 1))]
    for column in range(first, width):
        cells = [row[column] for row in rows]
        numbers = [c for c in cells if isinstance(c, int | Decimal)]
        if not numbers or len(numbers) != len([c for c in cells if c is not None]):
            totals.append(None)
        elif any(isinstance(c, Decimal) for c in numbers):
            totals.append(sum((Decimal(c) for c in numbers), Decimal("0.00")))
        else:
            totals.append(sum(int(c) for c in numbers))
    return tuple(totals)


@dataclass(frozen=True)
class ReportPaper:
    """The whole report as the PDF and the workbook lay it out."""

    title: str  # 2025年度全镇党支部工作汇总
    committee: str  # the township Party committee that issues it
    made_on: dt.date
    sections: tuple[SectionTable, ...]
    lines: tuple[str, ...] = ()  # under the title: the branches counted, the day the figures stand at


def percent_text(value: Decimal) -> str:
    return f"{value}%"
