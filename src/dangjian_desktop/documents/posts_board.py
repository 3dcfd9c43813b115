"""The 设岗定责公示 board (A4 portrait or A3 landscape) and the 党员责任岗 duty cards (six per A4 sheet).

Both are Chinese documents pinned on the village notice board whatever the screen language, so their
fixed words are written in Chinese here (as the roster sheet's headers are). The layout follows the
hints of GB/T 9704-2012 (rules-research.md §6.1): A4 margins 37/28/26/35 mm, a centred 22 pt title,
the issuer above the date, the date four characters in from the right and written without zero
padding, room above them for the red seal, page numbers "— 1 —" when there is more than one page.

No resident ID number, no member's phone and no address is ever printed (decisions.md #13): the board
shows names, posts, duties and commitments, and the branch's public supervision phone only.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, SimpleDocTemplate, Spacer, TableStyle

from dangjian_desktop.documents.fonts import BOLD, TITLE, draw_string, register_fonts
from dangjian_desktop.documents.layout import Lines, TableWithClosing, text_width
from dangjian_desktop.documents.textset import break_lines, least_width, line_spacing, widen_columns
from dangjian_desktop.domain.posts import BoardContent, BoardPost, DutyCard, board_text, chinese_date

__all__ = [
    "SIZES",
    "board_pdf_bytes",
    "board_text",
    "duty_cards_pdf_bytes",
    "write_board",
    "write_duty_cards",
]

SIZES = ("a4", "a3")
RED = colors.HexColor("#c00000")
GRID = colors.HexColor("#333333")
HEADER_FILL = colors.HexColor("#f2f2f2")


@dataclass(frozen=True)
class _Layout:
    page: tuple[float, float]
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    column_mm: tuple[float, ...]  # 序号, 岗位名称, 岗位职责, 上岗党员, 服务承诺
    title_pt: float
    body_pt: float
    table_pt: float
    min_scale: float  # smaller than this, the board goes over several pages at full size instead
    max_scale: float  # a board with room to spare is set larger, up to this, to fill the sheet


_LAYOUTS = {
    # GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (right 26, bottom 35).
    "a4": _Layout(
        portrait(A4), (37 * mm, 26 * mm, 35 * mm, 28 * mm), (12, 25, 54, 19, 46), 22, 15, 11.5, 0.86, 1.0
    ),
    # A3 landscape for the board outside: the same proportions, larger type, narrower margins; the type
    # grows (up to 1.5 ×) or shrinks (down to 0.7 ×) so that the board fills one sheet.
    "a3": _Layout(
        landscape(A3), (24 * mm, 24 * mm, 22 * mm, 24 * mm), (16, 52, 140, 46, 118), 36, 19, 15, 0.7, 1.5
    ),
}


def _circled(number: int) -> str:
    """①, ②, … ⑳ (then "21."): keeps each duty's number attached to its text when lines wrap."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"{number}."


def _post_name(post: BoardPost) -> str:
    """The post's name, and under it why it has more members than it needs."""
    note = post.over_note()
    return post.name + (f"\n（{note}）" if note else "")


@dataclass(frozen=True)
class _Block:
    """A post's rows: its number, name and duties (merged down the rows; ``head(True)`` for a part
    continued from the page before: 岗位名称（续）), then one row of name and commitment per member."""

    head: Callable[[bool], list[object]]
    members: tuple[tuple[object, object], ...]
    continued: bool = False


class _BoardTable(LongTable):
    """The board's table, whose posts' merged rows may part at a page's foot: a post with many members
    goes on over the next page under its name marked （续） rather than leaving the page's foot empty."""

    def __init__(
        self,
        header: Sequence[object],
        blocks: Sequence[_Block],
        widths: Sequence[float],
        style: list[tuple[Any, ...]],
    ) -> None:
        rows: list[list[object]] = [list(header)]
        spans = []
        self._blocks = list(blocks)
        self._header, self._widths, self._style = header, list(widths), style
        self._first_rows = []
        for block in self._blocks:
            first = len(rows)
            self._first_rows.append(first)
            for index, (name, commitment) in enumerate(block.members):
                rows.append(
                    [*(block.head(block.continued) if index == 0 else ["", "", ""]), name, commitment]
                )
            if len(rows) - 1 > first:
                spans += [("SPAN", (column, first), (column, len(rows) - 1)) for column in (0, 1, 2)]
        super().__init__(rows, colWidths=self._widths, repeatRows=1)
        self.setStyle(TableStyle([*style, *spans]))

    def _parted(self, block_index: int, members: int) -> tuple[_BoardTable, _BoardTable]:
        """The table cut before the member ``members`` of the block ``block_index`` (0: before the post)."""
        block = self._blocks[block_index]
        before, after = self._blocks[:block_index], self._blocks[block_index:]
        if members:
            before = [*before, replace(block, members=block.members[:members])]
            after = [replace(block, members=block.members[members:], continued=True), *after[1:]]
        return (
            _BoardTable(self._header, before, self._widths, self._style),
            _BoardTable(self._header, after, self._widths, self._style),
        )

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, 1e9)
        heights = self._rowHeights  # type: ignore[attr-defined]  # noqa: SLF001 - known after wrap
        used, row = heights[0], 1
        while row < len(heights) and used + heights[row] <= available_height:
            used += heights[row]
            row += 1
        if row >= len(heights):
            return [self]
        index = max(i for i, first in enumerate(self._first_rows) if first <= row)
        members = row - self._first_rows[index]
        while index > 0 or members > 0:  # from the last row that fits back: the first cut that fits
            head, tail = self._parted(index, members)
            if head.wrap(available_width, available_height)[1] <= available_height:
                return [head, tail]
            if members:
                members -= 1  # a post's merged duties may need more room than its members' rows
            else:
                index -= 1
                members = len(self._blocks[index].members) - 1
        return []


def _board_story(content: BoardContent, layout: _Layout, scale: float, font: str) -> list[Flowable]:
    body = layout.body_pt * scale
    cell = layout.table_pt * scale
    width = layout.page[0] - layout.margins[1] - layout.margins[3]
    styles = {
        "title": ParagraphStyle(
            "title", fontName=TITLE, fontSize=layout.title_pt * scale, leading=layout.title_pt * scale * 1.3,
            alignment=TA_CENTER,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=font, fontSize=body, leading=body * 1.5, alignment=TA_CENTER
        ),
        "body": ParagraphStyle("body", fontName=font, fontSize=body, leading=body * 1.75, alignment=TA_LEFT),
        "head": ParagraphStyle(
            "head", fontName=BOLD, fontSize=cell, leading=cell * 1.4, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=cell, leading=cell * 1.45),
        "centre": ParagraphStyle(
            "centre", fontName=font, fontSize=cell, leading=cell * 1.45, alignment=TA_CENTER
        ),
        "sign": ParagraphStyle(
            "sign", fontName=font, fontSize=body, leading=body * 1.75, alignment=TA_CENTER
        ),
    }  # fmt: skip
    story: list[Flowable] = [
        Lines(content.title, styles["title"]),
        Spacer(1, body * 0.4),
        Lines(f"（{content.term}）", styles["subtitle"]),
        Spacer(1, body * 0.6),
        Lines("\u3000\u3000" + content.intro(), styles["body"]),
        Spacer(1, body * 0.6),
    ]
    header = [Lines(h, styles["head"]) for h in ("序号", "岗位名称", "岗位职责", "上岗党员", "服务承诺")]
    names = tuple(m.name for post in content.posts for m in post.members)  # never split, in any cell
    blocks = []
    for number, post in enumerate(content.posts, start=1):
        duties = "".join(f"{_circled(i)}{line}" for i, line in enumerate(post.duties, start=1))

        def head(
            continued: bool, number: int = number, post: BoardPost = post, duties: str = duties
        ) -> list[object]:
            name = post.name + "\n（续）" if continued else _post_name(post)
            return [
                Lines(str(number), styles["centre"]),
                Lines(name, styles["centre"], balance=True),
                Lines(duties, styles["cell"], keep=names),
            ]

        members = [
            (Lines(m.name, styles["centre"], keep=(m.name,)), Lines(m.commitment, styles["cell"], keep=names))
            for m in post.members
        ]
        blocks.append(_Block(head, tuple(members)))
    if not blocks:
        blocks.append(
            _Block(lambda continued: ["", Lines("（本期暂无上岗党员）", styles["centre"]), ""], (("", ""),))
        )
    total = sum(layout.column_mm)
    pad = cell * 0.32
    widths = [width * w / total for w in layout.column_mm]
    needs = [
        text_width("序号", cell, BOLD) + 2 * pad,
        max((least_width(post.name, cell, font) for post in content.posts), default=0.0) + 2 * pad,
        0.0,
        max((text_width(name, cell, font) for name in names), default=0.0) + 2 * pad,
        0.0,
    ]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.75, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ]
    table = _BoardTable(header, blocks, widen_columns(widths, needs), style)
    closing: list[Flowable] = [Spacer(1, body * 0.8)]
    closing += [Lines("\u3000\u3000" + line, styles["body"]) for line in content.closing().splitlines()]
    # The issuer centred over the date; the date 4 characters in from the right; room for the seal.
    date_text = chinese_date(content.issued_on)
    sign_width = max(text_width(content.branch, body), text_width(date_text, body)) + body * 5
    signature = LongTable(
        [[Lines(content.branch, styles["sign"])], [Lines(date_text, styles["sign"])]],
        colWidths=[sign_width],
        hAlign="RIGHT",
    )
    signature.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), body * 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    closing += [Spacer(1, body * 2.2), signature]
    # the period, the supervision phone and the signature stay with at least the table's last two rows
    story.append(TableWithClosing(table, closing))
    return story


def _numbered_page(font: str, size: float) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, size)
        # GB/T 9704 7.5: the 一字线 7 mm under the type area (the dash's middle stands 0.28 em above the baseline)
        canvas.drawCentredString(
            doc.pagesize[0] / 2, doc.bottomMargin - 7 * mm - size * 0.28, f"— {doc.page} —"
        )
        canvas.restoreState()

    return draw


def _build_board(
    content: BoardContent, target: BinaryIO, layout: _Layout, scale: float, numbered: bool
) -> int:
    font = register_fonts()
    doc = SimpleDocTemplate(
        target,
        pagesize=layout.page,
        topMargin=layout.margins[0],
        rightMargin=layout.margins[1],
        bottomMargin=layout.margins[2],
        leftMargin=layout.margins[3],
        title=f"{content.branch}{content.term}{content.title}",
        author=content.branch,
        creator="dangjian-desktop",
        invariant=1,
        initialFontName=font,
    )
    on_page = _numbered_page(font, layout.body_pt * 0.9) if numbered else (lambda canvas, doc: None)
    doc.build(_board_story(content, layout, scale, font), onFirstPage=on_page, onLaterPages=on_page)
    return int(doc.page)


def board_pdf_bytes(content: BoardContent, size: str = "a4") -> bytes:
    """The board as a PDF on one sheet, its type scaled (between the layout's least and greatest scale) to
    the largest that still fits; else over several numbered pages, at full size unless a smaller type
    (down to the least scale) saves a sheet."""
    if size not in _LAYOUTS:
        raise ValueError(f"unknown paper size {size!r}")
    layout = _LAYOUTS[size]
    small = io.BytesIO()
    if _build_board(content, small, layout, layout.min_scale, numbered=False) == 1:
        # The largest type that still fits one sheet, found to within 2 %.
        fits, best, too_big = layout.min_scale, small.getvalue(), layout.max_scale + 0.01
        largest = io.BytesIO()
        if _build_board(content, largest, layout, layout.max_scale, numbered=False) == 1:
            return largest.getvalue()
        while too_big - fits > 0.02:
            middle = (fits + too_big) / 2
            trial = io.BytesIO()
            if _build_board(content, trial, layout, middle, numbered=False) == 1:
                fits, best = middle, trial.getvalue()
            else:
                too_big = middle
        return best
    # Over several pages: the type as large as it is (1.0) unless down to the least scale it takes a sheet
    # fewer (a last page holding one post and the signature, say); then the largest scale that does.
    fewest = _build_board(content, io.BytesIO(), layout, layout.min_scale, numbered=True)
    fits, too_big = layout.min_scale, 1.0
    if _build_board(content, io.BytesIO(), layout, 1.0, numbered=True) <= fewest:
        fits = 1.0
    while too_big - fits > 0.02:
        middle = (fits + too_big) / 2
        if _build_board(content, io.BytesIO(), layout, middle, numbered=True) <= fewest:
            fits = middle
        else:
            too_big = middle
    buffer = io.BytesIO()
    _build_board(content, buffer, layout, fits, numbered=True)
    return buffer.getvalue()


def write_board(content: BoardContent, path: Path, size: str = "a4") -> Path:
    data = board_pdf_bytes(content, size)
    path.write_bytes(data)
    return path


# --- duty cards -------------------------------------------------------------------------------------

_CARD_COLUMNS, _CARD_ROWS = 2, 3
_SHEET_MARGIN = 10 * mm


def _fit_lines(
    text: str, font: str, size: float, width: float, max_lines: int, keep: Sequence[str] = ()
) -> list[str]:
    """``text`` broken by the engine into lines that fit ``width`` (the names in ``keep`` whole); the last
    kept line ends with … when cut short."""
    lines = break_lines(text, size, width, font, keep=keep)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", size, font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _draw_card(canvas: Canvas, card: DutyCard, x: float, y: float, w: float, h: float, font: str) -> None:
    """One card with its lower-left corner at (x, y)."""
    inset = 4 * mm
    left, bottom, width, height = x + inset, y + inset, w - 2 * inset, h - 2 * inset
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.6)
    canvas.rect(left, bottom, width, height)
    band = 13 * mm
    canvas.setFillColor(RED)
    canvas.rect(left, bottom + height - band, width, band, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    title = "党员责任岗"  # in the bold face (no stroked outline), spaced out
    title_width = text_width(title, 20, BOLD) + 6 * (len(title) - 1)
    draw_string(
        canvas, left + (width - title_width) / 2, bottom + height - band + 4.2 * mm, title, 20, BOLD, 6
    )

    canvas.setFillColor(colors.black)
    pad = 4 * mm
    text_left = left + pad
    inner = width - 2 * pad
    cursor = bottom + height - band - 9 * mm
    draw_string(canvas, text_left, cursor, "岗位：", 12, font)
    label_width = text_width("岗位：", 12, font)
    canvas.setFillColor(RED)
    draw_string(canvas, text_left + label_width, cursor - 0.5, card.post, 16, BOLD)
    canvas.setFillColor(colors.black)
    cursor -= 8.5 * mm
    draw_string(canvas, text_left, cursor, "党员：", 12, font)
    draw_string(canvas, text_left + label_width, cursor - 0.5, card.member, 16, font)
    cursor -= 7.5 * mm

    body = 10.5
    leading = body * 1.42
    footer_top = bottom + 9 * mm
    sections = [("岗位职责", "\n".join(f"{i}. {d}" for i, d in enumerate(card.duties, start=1)))]
    if card.commitment:
        sections.append(("服务承诺", card.commitment))
    available_lines = int((cursor - footer_top) / leading) - len(sections)
    for index, (label, text) in enumerate(sections):
        canvas.setFillColor(RED)
        draw_string(canvas, text_left, cursor, f"【{label}】", body, BOLD)
        canvas.setFillColor(colors.black)
        cursor -= leading
        remaining_sections = len(sections) - index - 1
        budget = max(1, available_lines - remaining_sections * 2)
        lines = _fit_lines(text, font, body, inner, budget, keep=(card.member,))
        available_lines -= len(lines)
        for line in lines:
            draw_string(canvas, text_left, cursor, line, body, font, line_spacing(line, body, inner, font))
            cursor -= leading
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(0.5)
    canvas.line(text_left, bottom + 8 * mm, text_left + inner, bottom + 8 * mm)
    canvas.setFillColor(colors.HexColor("#333333"))
    footer = f"{card.branch}　{card.term}"
    while text_width(footer, 8.5, font) > inner and len(footer) > 4:
        footer = footer[:-2] + "…"
    draw_string(
        canvas, left + (width - text_width(footer, 8.5, font)) / 2, bottom + 3.2 * mm, footer, 8.5, font
    )
    canvas.restoreState()


def _draw_cut_lines(
    canvas: Canvas, page_w: float, page_h: float, card_w: float, card_h: float, rows: int
) -> None:
    """Dashed lines around the ``rows`` top rows of cards (a last sheet may be only partly used)."""
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#808080"))
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    top = page_h - _SHEET_MARGIN
    bottom = top - rows * card_h
    for column in range(_CARD_COLUMNS + 1):
        x = _SHEET_MARGIN + column * card_w
        canvas.line(x, bottom - 5 * mm, x, top + 5 * mm)
    for row in range(rows + 1):
        y = top - row * card_h
        canvas.line(_SHEET_MARGIN - 5 * mm, y, page_w - _SHEET_MARGIN + 5 * mm, y)
    canvas.setDash()
    canvas.setFont(register_fonts(), 8)
    canvas.setFillColor(colors.HexColor("#808080"))
    canvas.drawString(_SHEET_MARGIN, page_h - _SHEET_MARGIN + 2.5 * mm, "✂ 沿虚线剪开")
    canvas.restoreState()


def duty_cards_pdf_bytes(cards: Sequence[DutyCard]) -> bytes:
    """The duty cards, six per A4 sheet (2 × 3, about 95 × 92 mm each), with dashed cut lines."""
    font = register_fonts()
    page_w, page_h = portrait(A4)
    card_w = (page_w - 2 * _SHEET_MARGIN) / _CARD_COLUMNS
    card_h = (page_h - 2 * _SHEET_MARGIN) / _CARD_ROWS
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), invariant=1, initialFontName=font)  # type: ignore[arg-type]  # a font name; reportlab's stub says float
    canvas.setTitle("党员责任岗卡片")
    canvas.setCreator("dangjian-desktop")
    per_page = _CARD_COLUMNS * _CARD_ROWS
    pages = [cards[i : i + per_page] for i in range(0, len(cards), per_page)] or [[]]
    for page_cards in pages:
        rows = max(1, -(-len(page_cards) // _CARD_COLUMNS))
        _draw_cut_lines(canvas, page_w, page_h, card_w, card_h, rows)
        for index, card in enumerate(page_cards):
            column, row = index % _CARD_COLUMNS, index // _CARD_COLUMNS
            x = _SHEET_MARGIN + column * card_w
            y = page_h - _SHEET_MARGIN - (row + 1) * card_h
            _draw_card(canvas, card, x, y, card_w, card_h, font)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_duty_cards(cards: Sequence[DutyCard], path: Path) -> Path:
    path.write_bytes(duty_cards_pdf_bytes(cards))
    return path
