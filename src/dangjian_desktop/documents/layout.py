"""A small page-layout kit for official forms on a reportlab canvas: wrapped Chinese text, ruled tables
that continue across pages with their header repeated, label/value grids and ruled writing space.

Pages are laid out first (each page is a list of drawing steps) and drawn afterwards, so that headers
and footers can say "page x of y" and a booklet can be imposed. Drawing straight onto the canvas keeps
a whole book in a few hundredths of a second (platypus would be several times slower).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents import fonts
from dangjian_desktop.documents.fonts import BOLD, draw_string, register_fonts
from dangjian_desktop.documents.textset import break_lines, line_spacing

BLACK = Color(0, 0, 0)
GREY = Color(0.35, 0.35, 0.35)
RED = Color(0.76, 0.05, 0.05)
HEADER_FILL = Color(0.93, 0.93, 0.93)

Step = Callable[[Canvas], None]


def text_width(text: str, size: float, font_name: str | None = None) -> float:
    """Width in points (per-character widths are cached; CJK text has no kerning)."""
    return fonts.text_width(text, size, font_name)


def wrap(
    text: str,
    size: float,
    width: float,
    font_name: str | None = None,
    *,
    hang: bool = True,
    keep: Sequence[str] = (),
) -> list[str]:
    """Lines no wider than ``width``, from the one line-breaking engine (``textset``): numbers, dates, codes
    and names stay whole, closing punctuation never starts a line and never hangs past ``width`` (it is
    pushed in: draw the lines with ``draw_text(..., width=)``). ``hang`` is kept for callers and ignored."""
    del hang
    return break_lines(text, size, width, font_name or register_fonts(), keep=keep)


def bold_text(
    c: Canvas, x: float, y: float, text: str, size: float, *, align: str = "left", width: float | None = None
) -> None:
    """Bold text: the real bold face (黑体), no stroked outline. (The name stays for callers.)"""
    draw_text(c, x, y, text, size, align=align, font=BOLD, width=width)


def draw_text(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    align: str = "left",
    font: str | None = None,
    width: float | None = None,
) -> None:
    """One line of text; with ``width``, set tighter when pushed-in punctuation makes it a little long."""
    font = font or register_fonts()
    space = line_spacing(text, size, width, font) if width else 0.0
    drawn = text_width(text, size, font) + space * (len(text) - 1)
    if align == "center":
        x -= drawn / 2
    elif align == "right":
        x -= drawn
    draw_string(c, x, y, text, size, font, space)


@dataclass
class Page:
    kind: str  # "cover", "content", "back"
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    label: str
    width: float  # share of the table's width; shares are scaled to the full width
    align: str = "left"  # "left" or "center"


class Layout:
    """Lays content out on pages of one size, top to bottom, starting new pages as needed."""

    def __init__(
        self, width: float, height: float, *, left: float, right: float, top: float, bottom: float
    ) -> None:
        self.width, self.height = width, height
        self.left, self.right = left, width - right
        self.top, self.bottom = height - top, bottom
        self.pages: list[Page] = []
        self.y = self.top
        self.continuation: str = ""  # heading repeated (with "continued") on pages a section runs onto
        self.continued_label = "{title}"

    @property
    def content_width(self) -> float:
        return self.right - self.left

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def add(self, step: Step) -> None:
        self.page.steps.append(step)

    def new_page(self, kind: str = "content") -> Page:
        self.pages.append(Page(kind))
        self.y = self.top
        return self.page

    def room(self) -> float:
        return self.y - self.bottom

    def ensure(self, height: float) -> bool:
        """Start a new page (with the continuation heading) unless ``height`` fits; True if it did."""
        if self.room() >= height:
            return False
        self.new_page()
        if self.continuation:
            self.heading(self.continued_label.format(title=self.continuation), size=12, space_after=8)
        return True

    # --- blocks ----------------------------------------------------------------------------------

    def heading(self, text: str, *, size: float = 15, space_after: float = 12, color: Color = BLACK) -> None:
        y = self.y - size
        x = (self.left + self.right) / 2

        def step(c: Canvas) -> None:
            c.setFillColor(color)
            bold_text(c, x, y, text, size, align="center")
            c.setFillColor(BLACK)

        self.add(step)
        self.y = y - size * 0.35 - space_after

    def section(self, title: str) -> None:
        """A section on a new page, its title repeated on the pages it runs onto."""
        self.new_page()
        self.continuation = title
        self.heading(title)

    def subheading(
        self,
        text: str,
        *,
        size: float = 11.5,
        space_before: float = 6,
        note: str = "",
        keep_with: float = 0.0,
    ) -> None:
        """A heading inside a section; kept on one page with the next ``keep_with`` points when they fit."""
        page_height = self.top - self.bottom
        needed = size * 2 + space_before + keep_with
        self.ensure(needed if needed < page_height * 0.8 else size * 4)
        self.y -= space_before
        y = self.y - size
        x = self.left
        note_x = x + text_width(text, size) + 6

        def step(c: Canvas) -> None:
            bold_text(c, x, y, text, size)
            if note:
                c.setFillColor(GREY)
                draw_text(c, note_x, y, note, size - 2.5)
                c.setFillColor(BLACK)

        self.add(step)
        self.y = y - size * 0.5

    def paragraph(
        self,
        text: str,
        *,
        size: float = 10.5,
        leading: float | None = None,
        indent: float = 0.0,
        first_indent: float | None = None,
        bold_prefix: str = "",
        space_after: float = 4,
        color: Color = BLACK,
        keep: Sequence[str] = (),
    ) -> None:
        """Wrapped text (``keep``: names and words never split); ``first_indent`` (default two characters, as Chinese paragraphs start)."""
        leading = leading or size * 1.55
        first = size * 2 if first_indent is None else first_indent
        x0 = self.left + indent
        width = self.content_width - indent
        lines = break_lines(text, size, width, register_fonts(), first_width=width - first, keep=keep)
        for index, line in enumerate(lines):
            self.ensure(leading)
            y = self.y - size
            x = x0 + (first if index == 0 else 0)
            prefix = bold_prefix if index == 0 and bold_prefix and line.startswith(bold_prefix) else ""
            self.add(_text_step(x, y, line, size, prefix, color, width - (first if index == 0 else 0)))
            self.y -= leading
        self.y -= space_after

    def ruled_lines(self, count: int, *, spacing: float = 22) -> None:
        """Lines to write on by hand."""
        for _ in range(count):
            self.ensure(spacing)
            self.y -= spacing
            y, x1, x2 = self.y, self.left, self.right

            def step(c: Canvas, y: float = y, x1: float = x1, x2: float = x2) -> None:
                c.setLineWidth(0.4)
                c.setStrokeColor(GREY)
                c.line(x1, y, x2, y)
                c.setStrokeColor(BLACK)

            self.add(step)

    def signature(self, text: str, *, size: float = 10.5, space_before: float = 10) -> None:
        """A right-aligned line such as "流入地党组织（盖章）　　年　　月　　日"."""
        self.ensure(size * 3 + space_before)
        self.y -= space_before + size
        y, x = self.y, self.right - size

        def step(c: Canvas) -> None:
            draw_text(c, x, y, text, size, align="right")

        self.add(step)
        self.y -= size * 0.8

    def space(self, height: float) -> None:
        self.y -= height

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        size: float = 9.5,
        row_height: float = 22.0,
        min_blank: int = 0,
        fill_page: bool = False,
        min_fill: int = 4,
        heading: str = "",
        heading_space: float = 6,
    ) -> int:
        """A ruled table: header, ``rows`` (cells wrap), then blank rows to write in by hand — at least
        ``min_blank``; with ``fill_page`` the rest of the page too (and a further page when fewer than
        ``min_fill`` would fit). The header is repeated on every page. With ``heading``, a subheading is
        drawn first and kept on the same page as the table when the whole table fits on one page.
        Returns the number of blank rows."""
        total_share = sum(col.width for col in columns)
        widths = [col.width * self.content_width / total_share for col in columns]
        edges = [self.left]
        for w in widths:
            edges.append(edges[-1] + w)
        pad = 3.5
        leading = size * 1.35
        header_height = max(row_height, size * 2.2)
        state = {"top": 0.0}

        def close_segment() -> None:
            top, bottom = state["top"], self.y
            if top <= bottom:
                return
            xs = list(edges)

            def step(c: Canvas) -> None:
                c.setLineWidth(0.5)
                c.lines([(x, top, x, bottom) for x in xs[1:-1]])
                c.setLineWidth(0.9)
                c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom, stroke=1, fill=0)

            self.add(step)

        def open_segment() -> None:
            state["top"] = self.y
            top = self.y
            bottom = top - header_height
            cells = [(col.label, (edges[i] + edges[i + 1]) / 2) for i, col in enumerate(columns)]
            baseline = bottom + (header_height - size) / 2 + size * 0.15
            x1, x2 = edges[0], edges[-1]

            def step(c: Canvas) -> None:
                c.setFillColor(HEADER_FILL)
                c.rect(x1, bottom, x2 - x1, header_height, stroke=0, fill=1)
                c.setFillColor(BLACK)
                for label, cx in cells:
                    bold_text(c, cx, baseline, label, size, align="center")
                c.setLineWidth(0.5)
                c.line(x1, bottom, x2, bottom)

            self.add(step)
            self.y = bottom

        def page_break() -> None:
            close_segment()
            self.ensure(self.room() + 1)  # always a new page, with the continuation heading
            open_segment()

        laid_out = []
        for row in rows:
            cell_lines = [
                wrap(str(text), size, widths[i] - 2 * pad, hang=False) for i, text in enumerate(row)
            ]
            height = max(row_height, max(len(lines) for lines in cell_lines) * leading + 2 * pad)
            laid_out.append((cell_lines, height))
        if heading:
            whole = header_height + sum(h for _c, h in laid_out) + min_blank * row_height
            self.subheading(heading, space_before=heading_space, keep_with=whole)
        if self.room() < header_height + row_height:
            self.ensure(self.room() + 1)
        open_segment()
        for cell_lines, height in laid_out:
            if self.room() < height:
                page_break()
            self.add(_row_step(edges, columns, cell_lines, self.y, height, size, leading, pad))
            self.y -= height
        blank = 0
        while blank < min_blank:
            if self.room() < row_height:
                page_break()
            self.add(_rule_step(edges[0], edges[-1], self.y - row_height))
            self.y -= row_height
            blank += 1
        if fill_page:
            for _round in range(2):  # the rest of this page; a further page when that is too little
                while self.room() >= row_height:
                    self.add(_rule_step(edges[0], edges[-1], self.y - row_height))
                    self.y -= row_height
                    blank += 1
                if blank >= min_fill:
                    break
                page_break()
        close_segment()
        return blank

    def grid(
        self, rows: Sequence[Sequence[tuple[str, float, bool]]], *, row_height: float = 26, size: float = 10
    ) -> None:
        """A form of label and value cells: each row is (text, width in points, is_label) cells from the
        left margin. Labels are centred and bold; values wrap."""
        for row in rows:
            lines_per_cell = [wrap(text, size, width - 8, hang=False) for text, width, _is_label in row]
            height = max(row_height, max(len(lines) for lines in lines_per_cell) * size * 1.35 + 8)
            self.ensure(height)
            top = self.y
            cells = []
            x = self.left
            for (_text, width, is_label), lines in zip(row, lines_per_cell, strict=True):
                cells.append((x, width, is_label, lines))
                x += width
            self.add(_grid_row_step(cells, top, height, size))
            self.y -= height


def _text_step(x: float, y: float, line: str, size: float, prefix: str, color: Color, width: float) -> Step:
    def step(c: Canvas) -> None:
        c.setFillColor(color)
        if prefix:
            bold_text(c, x, y, prefix, size)
            rest = line[len(prefix) :]
            draw_text(c, x + text_width(prefix, size, BOLD), y, rest, size, width=width - text_width(prefix, size))
        else:
            draw_text(c, x, y, line, size, width=width)
        c.setFillColor(BLACK)

    return step


def _rule_step(x1: float, x2: float, y: float) -> Step:
    def step(c: Canvas) -> None:
        c.setLineWidth(0.5)
        c.line(x1, y, x2, y)

    return step


def _row_step(
    edges: list[float],
    columns: Sequence[Column],
    cell_lines: list[list[str]],
    top: float,
    height: float,
    size: float,
    leading: float,
    pad: float,
) -> Step:
    def step(c: Canvas) -> None:
        for i, lines in enumerate(cell_lines):
            x1, x2 = edges[i], edges[i + 1]
            block = len(lines) * leading
            y = top - (height - block) / 2 - size * 0.95
            for line in lines:
                if line:
                    if columns[i].align == "center":
                        draw_text(c, (x1 + x2) / 2, y, line, size, align="center", width=x2 - x1 - 2 * pad)
                    else:
                        draw_text(c, x1 + pad, y, line, size, width=x2 - x1 - 2 * pad)
                y -= leading
        c.setLineWidth(0.5)
        c.line(edges[0], top - height, edges[-1], top - height)

    return step


def _grid_row_step(
    cells: list[tuple[float, float, bool, list[str]]], top: float, height: float, size: float
) -> Step:
    def step(c: Canvas) -> None:
        c.setLineWidth(0.6)
        leading = size * 1.35
        for x, width, is_label, lines in cells:
            if is_label:
                c.setFillColor(HEADER_FILL)
                c.rect(x, top - height, width, height, stroke=0, fill=1)
                c.setFillColor(BLACK)
            c.rect(x, top - height, width, height, stroke=1, fill=0)
            block = len(lines) * leading
            y = top - (height - block) / 2 - size * 0.95
            for line in lines:
                if is_label:
                    bold_text(c, x + width / 2, y, line, size, align="center", width=width - 8)
                else:
                    draw_text(c, x + 4, y, line, size, width=width - 8)
                y -= leading

    return step


def write_pages(
    layout: Layout,
    out: str | Path | BinaryIO,
    *,
    title: str,
    author: str,
    footer: Callable[[Canvas, int, int], None] | None = None,
) -> int:
    """Draw the laid-out pages into a PDF (a path or a binary file) with the bundled font embedded;
    ``footer(canvas, page, total)`` draws each page's furniture. The canvas is ``invariant``: the same
    content gives the same bytes. Returns the number of pages."""
    font = register_fonts()
    total = len(layout.pages)
    target = str(out) if isinstance(out, Path) else out
    c = Canvas(
        target, pagesize=(layout.width, layout.height), invariant=1, initialFontName=font, pageCompression=1
    )
    c.setTitle(title)
    c.setAuthor(author)
    for number, page in enumerate(layout.pages, start=1):
        c.setFont(font, 10)
        for step in page.steps:
            step(c)
        if footer is not None:
            footer(c, number, total)
        c.showPage()
    c.save()
    return total


def internal_footer(
    width: float, margin: float, y: float, page_label: str, note: str
) -> Callable[[Canvas, int, int], None]:
    """A footer for internal lists: "第 1/3 页" in the middle and ``note`` (内部资料 注意保管) at the right.
    ``page_label`` has {page} and {total}."""

    def footer(c: Canvas, page: int, total: int) -> None:
        c.setFillColor(GREY)
        draw_text(c, width / 2, y, page_label.format(page=page, total=total), 8.5, align="center")
        if note:
            draw_text(c, width - margin, y, note, 8.5, align="right")
        c.setFillColor(BLACK)

    return footer
