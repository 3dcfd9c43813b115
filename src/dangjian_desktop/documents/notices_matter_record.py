"""The printed record of one 四议两公开 matter, for the village archive (A4): what was proposed, every step
in order with its date, the meeting's attendance and votes and the outcome, then each notice that made
the matter public (number, period, the dates it was posted and taken down, and its text), and a
signature block.

Text goes through the shared layout kit (``documents.layout``), so it follows whatever line-breaking and
faces every other document uses. No ID number, phone or address is on it beyond what a published notice
already printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dangjian_desktop.documents.layout import GREY, RED, Column, Layout, internal_footer, write_pages
from dangjian_desktop.i18n import _, format_date

TABLE_SEPARATOR = "｜"  # as in a notice's body: a run of lines holding it prints as a ruled table
MARGINS = {"top": 30 * mm, "bottom": 25 * mm, "left": 28 * mm, "right": 26 * mm}


@dataclass(frozen=True)
class StepLine:
    position: int
    name: str  # 党员大会审议
    day: dt.date
    attendance: str  # 应到26人，实到24人
    votes: str  # 赞成20，反对2，弃权2
    outcome: str  # 通过 / 未通过 / …
    note: str  # what was done, or the notice that made it public
    passed: bool = True


@dataclass(frozen=True)
class NoticeText:
    number: str
    kind: str  # 决议公开 / 实施结果公开
    title: str
    period: str  # 公示时间：…至…（7天）
    board: str  # 张贴 … ，撤下 …
    status: str  # 已发布 / 已撤回
    body: str


@dataclass(frozen=True)
class MatterRecord:
    branch_name: str
    title: str
    content: str
    status: str
    registered_on: dt.date
    steps: tuple[StepLine, ...]
    notices: tuple[NoticeText, ...]
    printed_on: dt.date
    names: tuple[str, ...] = ()  # the people its free text may name (the roster's): never split


def _columns() -> list[Column]:
    return [
        Column(_("No."), 0.45, "center"),
        Column(_("Step"), 1.55),
        Column(_("Date"), 1.65, "center"),
        Column(_("Attendance"), 1.3),
        Column(_("How it was voted"), 1.3),
        Column(_("Outcome"), 0.85, "center"),
        Column(_("Notes"), 1.8),
    ]


def _body(layout: Layout, body: str) -> None:
    """A notice's text as printed: paragraphs, and a run of lines holding ｜ as a ruled table."""
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        if TABLE_SEPARATOR in lines[index]:
            run = []
            while index < len(lines) and TABLE_SEPARATOR in lines[index]:
                run.append(lines[index].split(TABLE_SEPARATOR))
                index += 1
            header, *rows = run
            width = len(header)
            columns = [Column(label, 1.0) for label in header]
            layout.table(columns, [(row + [""] * width)[:width] for row in rows], size=9.5, row_height=18)
            continue
        if lines[index].strip():
            layout.paragraph(lines[index].strip(), size=10.5)
        index += 1


def render_pdf(record: MatterRecord, out: str | Path | BinaryIO) -> int:
    """Write the record as an A4 PDF; returns the number of pages."""
    width, height = A4
    layout = Layout(
        width,
        height,
        left=MARGINS["left"],
        right=MARGINS["right"],
        top=MARGINS["top"],
        bottom=MARGINS["bottom"],
    )
    layout.continued_label = _("{title} (continued)")
    layout.keep = record.names
    layout.new_page()
    if record.branch_name:
        layout.heading(record.branch_name, size=14, space_after=4)
    heading = _("Record of a major matter (四议两公开)")
    layout.heading(heading, size=20, space_after=12)
    label, rest = 26 * mm, layout.content_width - 26 * mm
    half = (layout.content_width - 2 * label) / 2
    layout.grid(
        [
            [(_("Matter"), label, True), (record.title, rest, False)],
            [(_("What is proposed"), label, True), (record.content or "—", rest, False)],
            [
                (_("Registered on"), label, True),
                (format_date(record.registered_on, "long"), half, False),
                (_("Status"), label, True),
                (record.status, half, False),
            ],
        ],
        size=10.5,
    )
    layout.continuation = heading
    layout.space(6)
    if record.steps:
        rows = [
            (str(s.position), s.name, format_date(s.day, "long"), s.attendance, s.votes, s.outcome, s.note)
            for s in record.steps
        ]
        layout.table(_columns(), rows, size=9.5, row_height=24, heading=_("1. The steps, in order"))
    else:
        layout.subheading(_("1. The steps, in order"))
        layout.paragraph(_("No step has been recorded yet."), size=10.5, first_indent=0)
    failed = [s for s in record.steps if not s.passed]
    if failed:
        layout.paragraph(
            _("{step} did not pass ({outcome}).").format(step=failed[-1].name, outcome=failed[-1].outcome),
            size=10.5,
            first_indent=0,
            color=RED,
        )

    # The signatures certify the steps: they follow the table (never alone on a last page after a long
    # notice), and the notices come after them as the annex they are.
    layout.signature(
        _("Recorded by:              Secretary:              (seal of the Party branch)"), size=10.5
    )
    layout.signature(
        _("Printed on {date}").format(date=format_date(record.printed_on, "long")), size=10.5, space_before=8
    )

    layout.subheading(_("Annex: the notices that made it public"), space_before=16)
    if not record.notices:
        layout.paragraph(_("Nothing has been made public yet."), size=10.5, first_indent=0)
    for notice in record.notices:
        layout.subheading(f"{notice.number}　{notice.kind}", size=11, space_before=8, keep_with=60)
        layout.paragraph(notice.title, size=10.5, first_indent=0)
        details = "　".join(part for part in (notice.period, notice.board, notice.status) if part)
        layout.paragraph(details, size=9.5, first_indent=0, color=GREY)
        _body(layout, notice.body)
    layout.continuation = ""
    footer = internal_footer(width, MARGINS["right"], 14 * mm, _("Page {page}/{total}"), "")
    return write_pages(
        layout, out, title=f"{heading} {record.title}", author=record.branch_name, footer=footer
    )
