"""The printed 党员花名册: A4 landscape, the branch and the date at the top, one ruled row per member in
roster order (Party group in natural order, then as entered), the header repeated on every page, and a
signature block for the branch's seal.

What it holds is what a township organisation office reads on a paper roster: name, sex, ethnicity, month
of birth, education, the dates of joining and of full membership, probationary or full, Party group,
office, occupation, phone and a remark (working away, and where). It is an internal list for the branch
file and the township — never posted — so it carries the phone numbers, marked 内部资料 on every page.

The ID number is left off by default. A paper sheet is copied, left on desks and filed for years, and an
ID number is the one item on it that lets a stranger pass as the member; the township holds the numbers in
the national Party member information system, and 出生年月 tells two members of the same name apart on
paper. When the township asks for the numbers on paper (the internal roster, 内部留存), ``with_id_numbers``
adds the column in full.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from dangjian_desktop.documents.layout import GREY, Column, Layout, internal_footer, write_pages
from dangjian_desktop.i18n import _, format_date

A4_LANDSCAPE = (297 * mm, 210 * mm)
MARGIN = 12 * mm


@dataclass(frozen=True)
class RosterLine:
    name: str
    sex: str
    ethnicity: str
    birth: str  # 1965.03
    education: str
    joined: str  # 2005.07.01, or 2005.07 when only the month is known
    full_member: str
    category: str  # 正式党员 / 预备党员
    party_group: str
    office: str
    occupation: str
    phone: str  # with its hyphen: 0531-87876543
    remark: str  # 外出（江苏省苏州市）, notes
    id_number: str = ""


@dataclass(frozen=True)
class RosterContent:
    branch_name: str
    as_of: dt.date
    lines: tuple[RosterLine, ...]
    full_count: int
    probationary_count: int
    with_id_numbers: bool = False


def _columns(with_id_numbers: bool) -> list[Column]:
    """With the ID numbers, 出生年月 (the number holds it) and 职业 make room for them."""
    columns = [
        Column(_("No."), 3.2, "center"),
        Column(_("Name"), 8.0, "center"),
        Column(_("Sex"), 3.2, "center"),
        Column(_("Ethnicity"), 5.6, "center"),
    ]
    if with_id_numbers:
        columns.append(Column(_("Resident ID number"), 13.5, "center"))
    else:
        columns.append(Column(_("Born"), 5.6, "center"))
    columns += [
        Column(_("Education"), 5.6, "center"),
        Column(_("Joined the Party"), 7.2, "center"),
        Column(_("Full member since"), 7.2, "center"),
        Column(_("Member category"), 5.4, "center"),
        Column(_("Party group"), 8.0, "center"),
        Column(_("Office held"), 8.5),
    ]
    if not with_id_numbers:
        columns.append(Column(_("Occupation"), 7.5))
    columns += [Column(_("Phone"), 9.2, "center"), Column(_("Notes"), 9.6)]
    return columns


def _cells(number: int, line: RosterLine, with_id_numbers: bool) -> list[str]:
    cells = [str(number), line.name, line.sex, line.ethnicity]
    cells.append(line.id_number if with_id_numbers else line.birth)
    cells += [line.education, line.joined, line.full_member, line.category, line.party_group, line.office]
    if not with_id_numbers:
        cells.append(line.occupation)
    return cells + [line.phone, line.remark]


def title(branch_name: str) -> str:
    return _("{branch} roster of Party members").format(branch=branch_name).strip()


def render_pdf(content: RosterContent, out: str | Path | BinaryIO) -> int:
    """Write the 花名册 as an A4 landscape PDF; returns the number of pages."""
    width, height = A4_LANDSCAPE
    layout = Layout(width, height, left=MARGIN, right=MARGIN, top=14 * mm, bottom=16 * mm)
    layout.continued_label = _("{title} (continued)")
    layout.new_page()
    heading = title(content.branch_name)
    layout.heading(heading, size=18, space_after=4)
    count = len(content.lines)
    summary = _("As of {date}   {count} members ({full} full, {probationary} probationary)").format(
        date=format_date(content.as_of, "long"),
        count=count,
        full=content.full_count,
        probationary=content.probationary_count,
    )
    if content.with_id_numbers:
        summary += "　" + _("Internal roster with ID numbers: keep it in the branch file")
    layout.paragraph(summary, size=10.5, first_indent=0, color=GREY)
    layout.continuation = heading
    if not content.lines:
        layout.paragraph(_("There is nobody on the roster yet."), size=11, first_indent=0)
    else:
        rows = [_cells(n, line, content.with_id_numbers) for n, line in enumerate(content.lines, start=1)]
        layout.table(_columns(content.with_id_numbers), rows, size=9, row_height=20)
    layout.continuation = ""
    layout.signature(
        _("Drawn up by:              Secretary:              (seal of the Party branch)"), size=10.5
    )
    layout.signature(
        _("Date: {date}").format(date=format_date(content.as_of, "long")),
        size=10.5,
        space_before=8,
    )
    footer = internal_footer(
        width, MARGIN, 8 * mm, _("Page {page}/{total}"), _("Internal list: keep it safe")
    )
    return write_pages(layout, out, title=heading, author=content.branch_name, footer=footer)
