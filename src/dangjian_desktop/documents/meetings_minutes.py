"""The printed 会议记录 (A4: one meeting's record with attendance, topic, minutes and signature lines) and
the year's 民主评议党员 results table (A4).

The margins follow GB/T 9704-2012 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); the bundled font is
embedded and set as the canvas's first font, and the canvas is ``invariant`` so a reprint of the same
record gives the same bytes. Neither page carries an ID number, a phone or an address (decisions.md #13).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.fonts import register_fonts
from dangjian_desktop.documents.layout import Column, Layout, draw_text, text_width
from dangjian_desktop.i18n import _

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
MIN_BLANK_LINES = 6  # ruled lines to write the minutes by hand when none were typed: at least this many
SIGNATURE_BLOCK = 70.0  # the space before the signature lines and the lines themselves
SIGNATURE_LINES = 10.0 + 11.0 * 5  # what ``_signatures`` needs after the minutes


@dataclass(frozen=True)
class MinutesContent:
    branch_name: str
    kind: str
    when: str
    place: str
    presenter: str
    recorder: str
    topic: str
    minutes: str
    expected: int
    present_names: tuple[str, ...]
    absent: tuple[tuple[str, str], ...]  # (name, reason text)
    names: tuple[str, ...] = ()  # others its text may name (the roster's): never split either


@dataclass(frozen=True)
class EvaluationLine:
    name: str
    party_group: str
    votes: tuple[int, ...]  # in the order of the grades
    grade: str


@dataclass(frozen=True)
class EvaluationContent:
    branch_name: str
    year: int
    grades: tuple[str, ...]
    rows: tuple[EvaluationLine, ...]


def _layout() -> Layout:
    layout = Layout(PAGE_WIDTH, PAGE_HEIGHT, **MARGINS)
    layout.continued_label = _("{title} (continued)")
    layout.new_page()
    return layout


def _render(layout: Layout, title: str, author: str) -> bytes:
    buffer = io.BytesIO()
    font = register_fonts()
    c = Canvas(buffer, pagesize=A4, invariant=1, initialFontName=font, pageCompression=1)  # type: ignore[arg-type]  # a font name; reportlab's stub says float
    c.setTitle(title)
    c.setAuthor(author)
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        for step in page.steps:
            step(c)
        if total > 1:  # GB/T 9704: page numbers "— 1 —" below the text
            draw_text(c, PAGE_WIDTH / 2, MARGINS["bottom"] - 12 * mm, f"— {number} —", 10.5, align="center")
        c.showPage()
    c.save()
    return buffer.getvalue()


def _people(count: int) -> str:
    return _("{count} people").format(count=count)


def _names(content: MinutesContent) -> tuple[str, ...]:
    """Everyone the minutes may name: who attended or was away, who chaired and recorded, the roster."""
    absent = (name for name, _reason in content.absent)
    return (*content.present_names, *absent, content.presenter, content.recorder, *content.names)


def minutes_pdf(content: MinutesContent) -> bytes:
    """One meeting's 会议记录 (continues onto further pages when the minutes are long)."""
    layout = _layout()
    width = layout.content_width
    branch = content.branch_name
    if branch:
        layout.heading(branch, size=14, space_after=4)
    layout.heading(_("Meeting Record"), size=22, space_after=14)
    layout.continuation = _("Meeting Record")

    label = 86.0
    half = (width - 2 * label) / 2
    third = (width - 3 * label) / 3
    absent = "、".join(f"{name}（{reason}）" if reason else name for name, reason in content.absent)
    present_count = len(content.present_names)
    absent_count = content.expected - present_count
    layout.grid(
        [
            [(_("Kind of meeting"), label, True), (content.kind, half, False),
             (_("Time"), label, True), (content.when, half, False)],
            [(_("Meeting place"), label, True), (content.place, width - label, False)],
            [(_("Chaired by"), label, True), (content.presenter, half, False),
             (_("Minutes taken by"), label, True), (content.recorder, half, False)],
            [(_("Number expected"), label, True), (_people(content.expected), third, False),
             (_("Number present"), label, True), (_people(present_count), third, False),
             (_("Number absent"), label, True), (_people(absent_count), third, False)],
            [(_("Present members"), label, True), ("、".join(content.present_names), width - label, False)],
            [(_("Absent members and reasons"), label, True), (absent or _("None"), width - label, False)],
            [(_("Meeting topic"), label, True), (content.topic, width - label, False)],
        ],
        row_height=30,
        size=10.5,
        keep=_names(content),
    )  # fmt: skip
    layout.subheading(_("Minutes of the meeting"), size=12, space_before=14, keep_with=60)
    layout.space(4)
    if content.minutes.strip():
        paragraphs = [p.strip() for p in content.minutes.strip().split("\n") if p.strip()]
        names = _names(content)
        for paragraph in paragraphs:  # a member named in the minutes is never split either
            layout.paragraph(paragraph, size=11, leading=20, space_after=2, keep=names)
        layout.close_with(SIGNATURE_LINES)  # the signatures close at least the last two lines
    else:  # lines to write on by hand, down to the signatures (a second page when fewer would fit)
        spacing = 24.0
        fitting = int((layout.room() - SIGNATURE_BLOCK) // spacing)
        layout.ruled_lines(fitting if fitting >= MIN_BLANK_LINES else MIN_BLANK_LINES * 2, spacing=spacing)
    layout.space(10)
    _signatures(layout)
    return _render(layout, _("Meeting Record"), branch)


def _signatures(layout: Layout) -> None:
    size = 11.0
    layout.ensure(size * 5)
    layout.y -= size * 2
    y = layout.y
    left, middle = layout.left, (layout.left + layout.right) / 2
    chair = _("Chaired by (signature):")
    recorder = _("Minutes taken by (signature):")

    def step(c: Canvas) -> None:
        draw_text(c, left, y, chair, size)
        draw_text(c, middle + 10, y, recorder, size)
        c.setLineWidth(0.5)
        c.line(left + text_width(chair, size) + 4, y - 3, middle - 10, y - 3)
        c.line(middle + 14 + text_width(recorder, size), y - 3, layout.right, y - 3)

    layout.add(step)
    layout.y -= size


def evaluation_pdf(content: EvaluationContent) -> bytes:
    """The year's 民主评议党员 results: each member's votes per grade and the branch's final grade, then the
    branch's seal and date, which stay on one page with at least the table's last two rows."""
    title = _("Results of the Democratic Evaluation of Members, {year}").format(year=content.year)
    layout = _evaluation_layout(content, title)
    return _render(layout, title, content.branch_name)


SEAL_BLOCK = 120.0  # the count line, room for the seal, the branch's name and the date


def _evaluation_layout(content: EvaluationContent, title: str, row_height: float = 24.0) -> Layout:
    layout = _layout()
    if content.branch_name:
        layout.heading(content.branch_name, size=14, space_after=4)
    layout.heading(title, size=18, space_after=14)
    layout.continuation = title
    columns = [
        Column(_("No."), 0.6, "center"),
        Column(_("Name"), 1.2, "center"),
        Column(_("Party group"), 1.3, "center"),
        *(Column(_("{grade} votes").format(grade=g), 1.2, "center") for g in content.grades),
        Column(_("Final grade"), 1.1, "center"),
    ]
    rows: list[Sequence[str]] = [
        [str(n), line.name, line.party_group, *(str(v) for v in line.votes), line.grade or "—"]
        for n, line in enumerate(content.rows, start=1)
    ]
    names = [line.name for line in content.rows]
    layout.table(columns, rows, size=10.5, row_height=row_height, keep=names, keep_after=SEAL_BLOCK)
    layout.ensure(SEAL_BLOCK)
    counts = [sum(1 for line in content.rows if line.grade == g) for g in content.grades]
    summary = "，".join(
        _("{grade}: {count}").format(grade=g, count=_people(n))
        for g, n in zip(content.grades, counts, strict=True)
    )
    layout.space(6)
    layout.paragraph(
        _("Members evaluated: {count}; {summary}.").format(count=_people(len(content.rows)), summary=summary),
        size=10.5,
        first_indent=0,
    )
    layout.space(18)
    layout.signature(_("{branch} (seal)").format(branch=content.branch_name or ""), size=11.5)
    layout.signature(_("Year    Month    Day"), size=11.5, space_before=8)
    return layout


__all__ = [
    "EvaluationContent",
    "EvaluationLine",
    "MinutesContent",
    "evaluation_pdf",
    "minutes_pdf",
]
