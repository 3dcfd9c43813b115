"""The report's sections as tables with a chart each (domain.township.SectionTable): the same tables are
the page's tabs, the PDF's sections and the workbook's sheets."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from dangjian_desktop.domain.choices import DUES_CATEGORY
from dangjian_desktop.domain.money import ZERO
from dangjian_desktop.domain.township import (
    AGE_BANDS,
    TENURE_BANDS,
    UNKNOWN,
    Cell,
    Chart,
    SectionPart,
    SectionTable,
    chart_values,
    column_totals,
    percent_text,
    share,
    short_branch_name,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services.township.activity import MeetingsSection, NoticesSection
from dangjian_desktop.services.township.dues import DuesMonth, DuesSection
from dangjian_desktop.services.township.duties import FlowingSection, PostsSection
from dangjian_desktop.services.township.members import EDUCATION_LEVELS, OCCUPATIONS, MembersSection


def _chart(
    title: str, rows: Sequence[Sequence[Cell]], series: Sequence[tuple[str, int]], unit: str = ""
) -> Chart:
    return Chart(
        title=title,
        categories=tuple(short_branch_name(str(row[0])) for row in rows),
        series=tuple((name, chart_values(rows, column)) for name, column in series),
        unit=unit,
    )


def _totals(rows: Sequence[Sequence[Cell]]) -> tuple[Cell, ...] | None:
    return column_totals(rows, _("Township total")) if rows else None


def members_table(section: MembersSection) -> SectionTable:
    header = (
        _("Branch"), _("Members"), _("Men"), _("Women"), _("Probationary"), _("Away"),
        *(band.label() for band in AGE_BANDS), _(UNKNOWN),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (r.branch, r.total, r.male, r.female, r.probationary, r.away, *r.ages) for r in section.rows
    )
    tenure = SectionPart(
        _("Years in the Party"),
        (_("Branch"), *(band.label() for band in TENURE_BANDS), _(UNKNOWN)),
        tuple((r.branch, *r.tenures) for r in section.rows),
    )
    education = SectionPart(
        _("Education"),
        (_("Branch"), *(_(level) for level in EDUCATION_LEVELS), _(UNKNOWN)),
        tuple((r.branch, *r.education) for r in section.rows),
    )
    work = SectionPart(
        _("Work (dues category)"),
        (_("Branch"), *(DUES_CATEGORY.label(code) for code in OCCUPATIONS), _(UNKNOWN)),
        tuple((r.branch, *r.occupations) for r in section.rows),
    )
    parts = tuple(
        SectionPart(part.title, part.header, part.rows, _totals(part.rows))
        for part in (tenure, education, work)
    )
    return SectionTable(
        key="members",
        title=_("Members by branch"),
        header=header,
        rows=rows,
        totals=_totals(rows),
        chart=_chart(_("Members and members away"), rows, [(_("Members"), 1), (_("Away"), 5)], _("people")),
        notes=(
            _("On the roster on {date}; ages and years in the Party at the end of {year}.").format(
                date=section.as_of.isoformat(), year=section.year
            ),
        ),
        wide=True,
        extra=parts,
    )


def _rate(part: Decimal, whole: Decimal) -> str:
    if whole <= 0:
        return ""
    return percent_text((part * 100 / whole).quantize(Decimal("0.1")))


def _month_label(number: int) -> str:
    return _("Month {month}").format(month=number)


def dues_table(section: DuesSection) -> SectionTable:
    header = (
        _("Branch"), _("Due"), _("Collected"), _("Handed up"), _("Arrears"), _("Members in arrears"),
        _("Collected of due"),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (r.branch, r.due, r.collected, r.handed_up, r.arrears, r.debtors, _rate(r.collected, r.due))
        for r in section.rows
    )
    totals = _totals(rows)
    if totals is not None:
        due, collected = (
            sum((r.due for r in section.rows), ZERO),
            sum((r.collected for r in section.rows), ZERO),
        )
        totals = (*totals[:-1], _rate(collected, due))
    months = range(1, section.last_month + 1)
    by_month: list[tuple[Cell, ...]] = []
    for number in months:
        cells = [r.months[number - 1] for r in section.rows]
        by_month.append(
            (
                _month_label(number),
                sum((c.due for c in cells), ZERO),
                sum((c.collected for c in cells), ZERO),
                sum((c.handed_up for c in cells), ZERO),
                sum((c.arrears for c in cells), ZERO),
                sum(c.unpaid for c in cells),
            )
        )
    month_header = (_("Branch"), *(_month_label(n) for n in months))

    def matrix(title: str, value: str) -> SectionPart:
        body = tuple((r.branch, *(_money_cell(m, value) for m in r.months)) for r in section.rows)
        return SectionPart(title, month_header, body, _totals(body))

    parts = (
        SectionPart(
            _("Every branch by month"),
            (_("Month"), _("Due"), _("Collected"), _("Handed up"), _("Arrears"), _("Unpaid member-months")),
            tuple(by_month),
            column_totals(by_month, _("Year")) if by_month else None,
        ),
        matrix(_("Collected by branch and month"), "collected"),
        matrix(_("Arrears by branch and month"), "arrears"),
        matrix(_("Handed up by branch and month"), "handed_up"),
    )
    return SectionTable(
        key="dues",
        title=_("Party dues by branch"),
        header=header,
        rows=rows,
        totals=totals,
        chart=_chart(_("Dues due and collected"), rows, [(_("Due"), 1), (_("Collected"), 2)], _("yuan")),
        notes=(
            _(
                "Months {first} to {last} of {year}. Collected: paid for the month; handed up: on the day handed; "
                "arrears: months ended with nothing paid. Months kept in the paper book are left out."
            ).format(first=1, last=section.last_month, year=section.year),
        ),
        wide=True,
        extra=parts,
    )


def _money_cell(month: DuesMonth, value: str) -> Cell:
    if month.on_paper:
        return _("Paper book")
    amount: Decimal = getattr(month, value)
    return amount


def meetings_table(section: MeetingsSection) -> SectionTable:
    quarters = [
        (_("Q{quarter} required").format(quarter=q), _("Q{quarter} held").format(quarter=q))
        for q in range(1, 5)
    ]
    header = (
        _("Branch"), *(label for pair in quarters for label in pair), _("Year required"), _("Year held"),
        _("Held of required"), _("Meetings recorded"),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            r.branch,
            *(value for q in range(4) for value in (r.required[q], r.met[q])),
            r.required_total,
            r.met_total,
            percent_text(share(r.met_total, r.required_total)) if r.required_total else "",
            sum(r.held),
        )
        for r in section.rows
    )
    totals = _totals(rows)
    if totals is not None:
        required, met = sum(r.required_total for r in section.rows), sum(r.met_total for r in section.rows)
        totals = (*totals[:-2], percent_text(share(met, required)) if required else "", totals[-1])
    counted = (
        _(
            "Required meetings whose month, quarter or year ended by {date}, by each branch's own frequencies."
        ).format(date=section.counted_to.isoformat())
        if section.counted_to
        else _("No month of {year} has ended yet.").format(year=section.year)
    )
    return SectionTable(
        key="meetings",
        title=_("Organisation life held against required"),
        header=header,
        rows=rows,
        totals=totals,
        chart=_chart(
            _("Meetings required and held"),
            rows,
            [(_("Year required"), 9), (_("Year held"), 10)],
            _("meetings"),
        ),
        notes=(counted,),
        wide=True,
    )


def notices_table(section: NoticesSection) -> SectionTable:
    kinds = (
        _("Dues"), _("Posts"), _("Recruitment"), _("Democratic evaluation"), _("Organisation life"), _("Major matters"),
        _("Free text"),
    )  # fmt: skip
    header = (
        _("Branch"), _("Published"), *kinds, _("Average days"), _("Shorter than usual"), _("Put up (date recorded)"),
        _("Showing now"), _("Withdrawn"),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            r.branch, r.published, *r.by_kind, str(r.average_days) if r.published else "", r.short, r.posted,
            r.showing, r.withdrawn,
        )
        for r in section.rows
    )  # fmt: skip
    totals = _totals(rows)
    if totals is not None:
        published = sum(r.published for r in section.rows)
        days = sum(r.period_days for r in section.rows)
        average = str((Decimal(days) / published).quantize(Decimal("0.1"))) if published else ""
        totals = (*totals[:9], average, *totals[10:])
    return SectionTable(
        key="notices",
        title=_("Public notices and their periods"),
        header=header,
        rows=rows,
        totals=totals,
        chart=_chart(_("Notices published"), rows, [(_("Published"), 1)], _("notices")),
        notes=(
            _("Notices published in {year}; withdrawn ones included. Showing now: on {date}.").format(
                year=section.year, date=section.on.isoformat()
            ),
        ),
        wide=True,
    )


def posts_table(section: PostsSection) -> SectionTable:
    header = (
        _("Branch"), _("Members without office"), _("With a post"), _("Without a post"), _("Coverage"), _("Posts in the catalogue"),
        _("Posts held"), _("Graded"),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            r.branch, r.without_office, r.with_post, r.without_post,
            percent_text(r.coverage) if r.without_office else "", r.posts, r.assignments, r.graded,
        )
        for r in section.rows
    )  # fmt: skip
    totals = _totals(rows)
    if totals is not None:
        whole = sum(r.without_office for r in section.rows)
        part = sum(r.with_post for r in section.rows)
        totals = (*totals[:4], percent_text(share(part, whole)) if whole else "", *totals[5:])
    return SectionTable(
        key="posts",
        title=_("Posts for members without office"),
        header=header,
        rows=rows,
        totals=totals,
        chart=_chart(
            _("Members without office and with a post"),
            rows,
            [(_("Members without office"), 1), (_("With a post"), 2)],
            _("people"),
        ),
        notes=(_("Posts held in a term of {year}; members on the roster today.").format(year=section.year),),
    )


def flowing_table(section: FlowingSection) -> SectionTable:
    header = (
        _("Branch"), _("Away"), _("No leave registered"), _("Registered, no news"), _("Without news"),
        _("Months before an alert"),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (r.branch, r.away, r.unregistered, r.silent, r.without_news, r.months) for r in section.rows
    )
    totals = _totals(rows)
    if totals is not None:
        totals = (*totals[:-1], None)
    return SectionTable(
        key="flowing",
        title=_("Members away without news"),
        header=header,
        rows=rows,
        totals=totals,
        chart=_chart(
            _("Members away and without news"), rows, [(_("Away"), 1), (_("Without news"), 4)], _("people")
        ),
        notes=(
            _(
                "On {date}. Without news: no contact and no organisation-life record for the branch's number of "
                "months, or marked as away with no leave registered."
            ).format(date=section.on.isoformat()),
        ),
    )
