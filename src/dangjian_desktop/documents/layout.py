"""A small page-layout kit for official forms on a reportlab canvas: wrapped Chinese text, ruled tables
that continue across pages with their header repeated, label/value grids and ruled writing space.

Pages are laid out first (each page is a list of drawing steps) and drawn afterwards, so that headers
and footers can say "page x of y" and a booklet can be imposed. Drawing straight onto the canvas keeps
a whole book in a few hundredths of a second (platypus would be several times slower).

Every line is broken by the one engine (``textset``), here and in platypus documents through ``Lines``
(in place of ``Paragraph``); ``TableWithClosing`` keeps a platypus table's signature lines with its last
rows. Another module switches onto the engine by importing ``wrap``/``draw_text``/``Layout`` from here, or
by using ``Lines(text, style)`` where it built ``Paragraph(escape(text), style)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from dangjian_desktop.documents import fonts
from dangjian_desktop.documents.fonts import BOLD, draw_string, register_fonts
from dangjian_desktop.documents.textset import atoms, break_lines, least_width, line_spacing, widen_columns

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
    """Bold text: the real bold face (黑体), no stroked outline."""
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
        self.keep: tuple[str, ...] = ()  # names never split anywhere on these pages, besides each call's own
        self._text_lines: list[tuple[Page, Step, Callable[[float], Step], float]] = []  # for close_with

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
        keep_after: float = 0.0,
    ) -> None:
        """Wrapped text; ``first_indent`` (default two characters, as Chinese paragraphs start); ``keep``:
        names never split. Neither the first nor the last line stands alone on a page, and the last two
        lines stay on one page with the next ``keep_after`` points (a signature block that closes them)."""
        leading = leading or size * 1.55
        first = size * 2 if first_indent is None else first_indent
        x0 = self.left + indent
        width = self.content_width - indent
        keep = (*keep, *self.keep)
        lines = break_lines(text, size, width, register_fonts(), first_width=width - first, keep=keep)
        count = len(lines)
        for index, line in enumerate(lines):
            if index == 0 and count > 1:
                self.ensure(2 * leading)  # no first line alone at the foot of a page
            elif index == max(0, count - 2):
                self.ensure((count - index) * leading + space_after + keep_after)
            else:
                self.ensure(leading)
            x = x0 + (first if index == 0 else 0)
            prefix = bold_prefix if index == 0 and bold_prefix and line.startswith(bold_prefix) else ""
            line_width = width - (first if index == 0 else 0)

            def make(
                top: float, x: float = x, line: str = line, prefix: str = prefix, w: float = line_width
            ) -> Step:
                return _text_step(x, top - size, line, size, prefix, color, w)

            step = make(self.y)
            self.add(step)
            self._text_lines.append((self.page, step, make, leading))
            self.y -= leading
        self.y -= space_after

    def close_with(self, height: float, lines: int = 2) -> None:
        """Room for a closing block (signature lines) of ``height`` under the text: when it does not fit,
        the last ``lines`` lines of text go to the next page with it, so it never stands alone."""
        if self.room() >= height:
            return
        page = self.page
        tail = [entry for entry in self._text_lines if entry[0] is page][-lines:]
        if len(tail) < lines or page.steps[-lines:] != [entry[1] for entry in tail]:
            self.ensure(height)
            return
        del page.steps[-lines:]
        self.ensure(self.room() + 1)  # a new page, with the continuation heading
        for _page, _step, make, leading in tail:
            step = make(self.y)
            self.add(step)
            self._text_lines.append((self.page, step, make, leading))
            self.y -= leading

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
        keep: Sequence[str] = (),
        keep_after: float = 0.0,
    ) -> int:
        """A ruled table: header, ``rows`` (cells wrap), then blank rows to write in by hand — at least
        ``min_blank``; with ``fill_page`` the rest of the page too (and a further page when fewer than
        ``min_fill`` would fit). The header is repeated on every page. With ``heading``, a subheading is
        drawn first and kept on the same page as the table when the whole table fits on one page.
        ``keep``: names never split in a cell. The last two rows (with the blank rows) stay on one page with
        the next ``keep_after`` points: the signature lines that certify the table. Returns the number of
        blank rows."""
        keep = (*keep, *self.keep)
        widths = self._table_widths(columns, rows, size, keep)
        leading = size * 1.35
        pad = _CELL_PAD
        table = _RuledTable(self, columns, widths, size, header_height=max(row_height, size * 2.2))
        laid_out = []
        for row in rows:
            cell_lines = [wrap(str(text), size, widths[i] - 2 * pad, keep=keep) for i, text in enumerate(row)]
            height = max(row_height, max(len(lines) for lines in cell_lines) * leading + 2 * pad)
            laid_out.append((cell_lines, height))
        if heading:
            whole = table.header_height + sum(h for _c, h in laid_out) + min_blank * row_height
            self.subheading(heading, space_before=heading_space, keep_with=whole)
        if self.room() < table.header_height + row_height:
            self.ensure(self.room() + 1)
        table.open_segment()
        tail_from = max(0, len(laid_out) - 2)
        for index, (cell_lines, height) in enumerate(laid_out):
            needed = height
            if index == tail_from and keep_after:
                needed = sum(h for _c, h in laid_out[index:]) + min_blank * row_height + keep_after
                needed = min(needed, self.top - self.bottom - table.header_height - 40)
            if self.room() < needed:
                table.page_break()
            self.add(_row_step(table.edges, columns, cell_lines, self.y, height, size, leading, pad))
            self.y -= height
        blank = 0
        while blank < min_blank:
            if self.room() < row_height:
                table.page_break()
            table.blank_row(row_height)
            blank += 1
        if fill_page:
            for _round in range(2):  # the rest of this page; a further page when that is too little
                while self.room() >= row_height:
                    table.blank_row(row_height)
                    blank += 1
                if blank >= min_fill:
                    break
                table.page_break()
        table.close_segment()
        return blank

    def _table_widths(
        self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float, keep: Sequence[str]
    ) -> list[float]:
        """The columns' shares of the content width, widened where a name or number would not fit."""
        total_share = sum(col.width for col in columns)
        widths = [col.width * self.content_width / total_share for col in columns]
        font = register_fonts()
        needs = [
            max(
                [
                    text_width(col.label, size, BOLD)
                    if len(col.label) <= 4
                    else least_width(col.label, size, BOLD),
                    *(least_width(str(row[i]), size, font, keep) for row in rows),
                ]
            )
            + 2 * _CELL_PAD
            for i, col in enumerate(columns)
        ]
        return widen_columns(widths, needs)  # no name or number cut for want of a few points

    def grid(
        self,
        rows: Sequence[Sequence[tuple[str, float, bool]]],
        *,
        row_height: float = 26,
        size: float = 10,
        keep: Sequence[str] = (),
    ) -> None:
        """A form of label and value cells: each row is (text, width in points, is_label) cells from the
        left margin. Labels are centred and bold; values wrap."""
        keep = (*keep, *self.keep)
        for row in rows:
            # a value whose name or number is wider than its cell is set smaller (down to 70 %), not cut
            sizes = [
                size if is_label else max(size * 0.7, min(size, size * (width - 8) / (least_width(text, size,
                                                                                                 register_fonts(),
                                                                                                 keep) or 1)))
                for text, width, is_label in row
            ]  # fmt: skip
            lines_per_cell = [
                wrap(text, cell_size, width - 8, BOLD if is_label else None, keep=keep)
                for (text, width, is_label), cell_size in zip(row, sizes, strict=True)
            ]
            height = max(row_height, max(len(lines) for lines in lines_per_cell) * size * 1.35 + 8)
            self.ensure(height)
            top = self.y
            cells = []
            x = self.left
            for (_text, width, is_label), lines, cell_size in zip(row, lines_per_cell, sizes, strict=True):
                cells.append((x, width, is_label, lines, cell_size))
                x += width
            self.add(_grid_row_step(cells, top, height, size))
            self.y -= height


def _text_step(x: float, y: float, line: str, size: float, prefix: str, color: Color, width: float) -> Step:
    def step(c: Canvas) -> None:
        c.setFillColor(color)
        if prefix:
            bold_text(c, x, y, prefix, size)
            rest = line[len(prefix) :]
            draw_text(
                c, x + text_width(prefix, size, BOLD), y, rest, size, width=width - text_width(prefix, size)
            )
        else:
            draw_text(c, x, y, line, size, width=width)
        c.setFillColor(BLACK)

    return step


_CELL_PAD = 3.5  # points between a table cell's rules and its text


class _RuledTable:
    """A ``Layout.table`` being laid out: its column edges, and the part of it on the current page (a
    segment: the header, then rows, framed when the page ends)."""

    def __init__(
        self,
        layout: Layout,
        columns: Sequence[Column],
        widths: Sequence[float],
        size: float,
        header_height: float,
    ) -> None:
        self.layout = layout
        self.columns = columns
        self.size = size
        self.header_height = header_height
        self.edges = [layout.left]
        for w in widths:
            self.edges.append(self.edges[-1] + w)
        self.top = 0.0

    def close_segment(self) -> None:
        top, bottom = self.top, self.layout.y
        if top <= bottom:
            return
        xs = list(self.edges)

        def step(c: Canvas) -> None:
            c.setLineWidth(0.5)
            c.lines([(x, top, x, bottom) for x in xs[1:-1]])
            c.setLineWidth(0.9)
            c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom, stroke=1, fill=0)

        self.layout.add(step)

    def open_segment(self) -> None:
        layout, edges, size, header_height = self.layout, self.edges, self.size, self.header_height
        self.top = layout.y
        top = layout.y
        bottom = top - header_height
        cells = [(col.label, (edges[i] + edges[i + 1]) / 2) for i, col in enumerate(self.columns)]
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

        layout.add(step)
        layout.y = bottom

    def page_break(self) -> None:
        self.close_segment()
        self.layout.ensure(self.layout.room() + 1)  # always a new page, with the continuation heading
        self.open_segment()

    def blank_row(self, row_height: float) -> None:
        """A row to write in by hand."""
        self.layout.add(_rule_step(self.edges[0], self.edges[-1], self.layout.y - row_height))
        self.layout.y -= row_height


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
    cells: list[tuple[float, float, bool, list[str], float]], top: float, height: float, size: float
) -> Step:
    def step(c: Canvas) -> None:
        c.setLineWidth(0.6)
        leading = size * 1.35
        for x, width, is_label, lines, cell_size in cells:
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
                    draw_text(c, x + 4, y, line, cell_size, width=width - 8)
                y -= leading

    return step


def ruled_table_style(font: str, size: float, *, totals: bool) -> list[tuple[object, ...]]:
    """The commands of a platypus table in the form of every report: a ruled grid in a heavier box, the
    header shaded, cells padded, and a totals row (the last) under a heavier line, lightly shaded."""
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1.0, BLACK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if totals:
        style += [
            ("LINEABOVE", (0, -1), (-1, -1), 1.0, BLACK),
            ("BACKGROUND", (0, -1), (-1, -1), Color(0.95, 0.95, 0.95)),
        ]
    return style


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
        target,
        pagesize=(layout.width, layout.height),
        invariant=1,
        initialFontName=font,  # type: ignore[arg-type]  # a font name; reportlab's stub says float
        pageCompression=1,
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


_ALIGN_NAMES: dict[object, str] = {TA_CENTER: "center", TA_RIGHT: "right"}  # the rest: left


class Lines(Flowable):
    """Text for platypus stories and table cells, broken by the one engine (``textset``), in place of
    reportlab's ``Paragraph`` (which splits numbers, dates and names). Plain text, ``\\n`` for a new line;
    the font, size, leading, alignment and colour come from a ``ParagraphStyle``. Split across pages, each
    part keeps at least two lines."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        keep: Sequence[str] = (),
        lines: Sequence[str] | None = None,
        balance: bool = False,
    ) -> None:
        super().__init__()
        self.balance = balance  # lines of even length (a short label over two lines: 政策法规 / 宣传岗)
        self.text = text
        self.style = style
        self.keep = tuple(keep)
        self.lines = list(lines) if lines is not None else None
        self.fixed = lines is not None  # a part of a split: its lines are given
        self.width = 0.0

    def _lines(self, width: float) -> list[str]:
        if not self.fixed and (self.lines is None or width != self.width):
            style = self.style
            self.lines = break_lines(self.text, style.fontSize, width, style.fontName, keep=self.keep)
            if self.balance and len(self.lines) > 1:
                low, high = width / len(self.lines), width
                for _round in range(12):  # the narrowest width that needs no more lines
                    middle = (low + high) / 2
                    trial = break_lines(self.text, style.fontSize, middle, style.fontName, keep=self.keep)
                    if len(trial) <= len(self.lines):
                        self.lines, high = trial, middle
                    else:
                        low = middle
            self.width = width
        assert self.lines is not None  # given (a split part) or broken just above
        return self.lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width = available_width - self.style.leftIndent - self.style.rightIndent
        self._lines(width)
        self.width = width
        self.height = len(self.lines or ()) * self.style.leading
        return available_width, self.height

    def minWidth(self) -> float:  # noqa: N802 (reportlab's name)
        style = self.style
        return max(
            (text_width(atom, style.fontSize, style.fontName) for atom in atoms(self.text)), default=0.0
        )

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._lines(available_width - self.style.leftIndent - self.style.rightIndent)
        fitting = int(available_height // self.style.leading)
        if fitting >= len(lines):
            return [self]
        fitting = min(fitting, len(lines) - 2)
        if fitting < 2:
            return []
        return [
            Lines(self.text, self.style, keep=self.keep, lines=lines[:fitting]),
            Lines(self.text, self.style, keep=self.keep, lines=lines[fitting:]),
        ]

    def draw(self) -> None:
        style = self.style
        c = self.canv
        c.setFillColor(style.textColor)
        y = self.height - style.leading + (style.leading - style.fontSize) / 2 + style.fontSize * 0.12
        for line in self.lines or ():
            x = style.leftIndent
            align = _ALIGN_NAMES.get(style.alignment, "left")
            if align == "center":
                x += self.width / 2
            elif align == "right":
                x += self.width
            draw_text(c, x, y, line, style.fontSize, align=align, font=style.fontName, width=self.width)
            y -= style.leading


class TableWithClosing(Flowable):
    """A platypus table and what closes it (notes, the signature lines): the closing never goes to a page
    of its own, it takes at least the table's last ``rows`` rows along (the header repeats over them)."""

    def __init__(self, table: Table, closing: Sequence[Flowable], rows: int = 2) -> None:
        super().__init__()
        self.table = table
        self.closing = list(closing)
        self.rows = rows

    def _closing_height(self, available_width: float, available_height: float) -> float:
        return sum(f.wrap(available_width, available_height)[1] + f.getSpaceBefore() for f in self.closing)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        _w, height = self.table.wrap(available_width, available_height)
        self.height = height + self._closing_height(available_width, available_height)
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self.height <= available_height:
            return [self.table, *self.closing]
        self.table.wrap(available_width, 1e9)  # every row's height (a LongTable stops at the page)
        table_state: Any = self.table  # _rowHeights is not in reportlab's type stubs
        heights: list[float] = table_state._rowHeights  # noqa: SLF001 - known after wrap
        if len(heights) - self.table.repeatRows <= self.rows:
            return []  # the header, the last rows and the closing go to the next page together
        whole = sum(heights)
        fitting = available_height
        if whole <= available_height:  # the table fits, its closing does not: its last rows go along
            fitting = whole - sum(heights[-self.rows :]) - 0.5
        parts = self.table.split(available_width, fitting)
        if len(parts) < 2 and fitting < available_height:  # spanned rows cannot part: split where it fits
            parts = self.table.split(available_width, available_height)
        if len(parts) < 2:  # the table cannot part at all: it stays whole, and the closing follows it
            return [self.table, *self.closing] if whole <= available_height else []
        rest = cast(Table, parts[1])  # a Table splits into Tables
        return [parts[0], TableWithClosing(rest, self.closing, self.rows)]

    def draw(self) -> None:  # when it all fits on the page
        y = self.height
        for flowable in [self.table, *self.closing]:
            if flowable is not self.table:
                y -= flowable.getSpaceBefore()
            w, h = flowable.wrap(self._width, y)
            y -= h
            align = getattr(flowable, "hAlign", "LEFT")
            x = {"RIGHT": self._width - w, "CENTER": (self._width - w) / 2, "CENTRE": (self._width - w) / 2}
            flowable.drawOn(self.canv, x.get(align, 0.0), y)
