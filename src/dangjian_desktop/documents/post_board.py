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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit_module
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import paragraph as _paragraph_module

from dangjian_desktop.documents.fonts import register_fonts
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


_LAYOUTS = {
    # GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (right 26, bottom 35).
    "a4": _Layout(
        portrait(A4), (37 * mm, 26 * mm, 35 * mm, 28 * mm), (10, 24, 56, 20, 46), 22, 15, 11.5, 0.86
    ),
    # A3 landscape for the board outside: the same proportions, larger type, narrower margins.
    "a3": _Layout(
        landscape(A3), (24 * mm, 24 * mm, 22 * mm, 24 * mm), (16, 52, 140, 46, 118), 36, 19, 15, 0.7
    ),
}


class _Title(Flowable):
    """A centred heading; the single-weight font is drawn with a thin outline to read as bold."""

    def __init__(self, text: str, size: float, font: str, space_after: float) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.font = font
        self.space_after = space_after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.25 + self.space_after

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        text.setTextRenderMode(2)
        canvas.setLineWidth(self.size * 0.03)
        width = canvas.stringWidth(self.text, self.font, self.size)
        text.setTextOrigin((self.width - width) / 2, self.space_after + self.size * 0.25)
        text.textLine(self.text)
        canvas.drawText(text)
        canvas.restoreState()


# Chinese punctuation that must not begin a line; reportlab's list lacks the full-width comma and others.
_CANNOT_START_LINE = "，；：！？”’》」』】〕…%"


def _keep_punctuation_off_line_starts() -> None:
    """Teach reportlab's CJK line breaking that ，；：！？” never start a line (they hang at the end of
    the line before instead). Process-wide and only ever adds characters."""
    for module in (_paragraph_module, _textsplit_module):
        missing = "".join(ch for ch in _CANNOT_START_LINE if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def _circled(number: int) -> str:
    """①, ②, … ⑳ (then "21."): keeps each duty's number attached to its text when lines wrap."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"{number}."


def _paragraph_text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _post_name(post: BoardPost) -> str:
    """The post's name, and under it why it has more members than it needs (a smaller line)."""
    note = post.over_note()
    return escape(post.name) + (f'<br/><font size="-2">（{escape(note)}）</font>' if note else "")


def _board_story(content: BoardContent, layout: _Layout, scale: float, font: str) -> list[Flowable]:
    body = layout.body_pt * scale
    cell = layout.table_pt * scale
    width = layout.page[0] - layout.margins[1] - layout.margins[3]
    styles = {
        "subtitle": ParagraphStyle(
            "subtitle", fontName=font, wordWrap="CJK", fontSize=body, leading=body * 1.5, alignment=TA_CENTER
        ),
        "body": ParagraphStyle(
            "body",
            fontName=font,
            wordWrap="CJK",
            fontSize=body,
            leading=body * 1.75,
            firstLineIndent=body * 2,
            alignment=TA_LEFT,
        ),
        "head": ParagraphStyle(
            "head", fontName=font, wordWrap="CJK", fontSize=cell, leading=cell * 1.4, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", fontName=font, wordWrap="CJK", fontSize=cell, leading=cell * 1.45),
        "centre": ParagraphStyle(
            "centre", fontName=font, wordWrap="CJK", fontSize=cell, leading=cell * 1.45, alignment=TA_CENTER
        ),
        "sign": ParagraphStyle(
            "sign", fontName=font, wordWrap="CJK", fontSize=body, leading=body * 1.75, alignment=TA_CENTER
        ),
    }
    story: list[Flowable] = [
        _Title(content.title, layout.title_pt * scale, font, body * 0.4),
        Paragraph(escape(f"（{content.term}）"), styles["subtitle"]),
        Spacer(1, body * 0.6),
        Paragraph(escape(content.intro()), styles["body"]),
        Spacer(1, body * 0.6),
    ]
    rows: list[list[object]] = [
        [Paragraph(h, styles["head"]) for h in ("序号", "岗位名称", "岗位职责", "上岗党员", "服务承诺")]
    ]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for number, post in enumerate(content.posts, start=1):
        duties = escape("".join(f"{_circled(i)}{line}" for i, line in enumerate(post.duties, start=1)))
        first = len(rows)
        for index, member in enumerate(post.members):
            rows.append(
                [
                    Paragraph(str(number), styles["centre"]) if index == 0 else "",
                    Paragraph(_post_name(post), styles["centre"]) if index == 0 else "",
                    Paragraph(duties, styles["cell"]) if index == 0 else "",
                    Paragraph(escape(member.name), styles["centre"]),
                    Paragraph(_paragraph_text(member.commitment), styles["cell"]),
                ]
            )
        last = len(rows) - 1
        if last > first:
            spans += [("SPAN", (column, first), (column, last)) for column in (0, 1, 2)]
    if len(rows) == 1:
        rows.append(["", Paragraph("（本期暂无上岗党员）", styles["centre"]), "", "", ""])
    total = sum(layout.column_mm)
    table = LongTable(rows, colWidths=[width * w / total for w in layout.column_mm], repeatRows=1)
    pad = cell * 0.32
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.75, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                *spans,
            ]
        )
    )
    story += [table, Spacer(1, body * 0.8)]
    story += [Paragraph(_paragraph_text(line), styles["body"]) for line in content.closing().splitlines()]
    # The issuer centred over the date; the date 4 characters in from the right; room for the seal.
    date_text = chinese_date(content.issued_on)
    sign_width = max(stringWidth(content.branch, font, body), stringWidth(date_text, font, body)) + body * 5
    signature = LongTable(
        [[Paragraph(escape(content.branch), styles["sign"])], [Paragraph(escape(date_text), styles["sign"])]],
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
    story.append(KeepTogether([Spacer(1, body * 2.2), signature]))
    return story


def _numbered_page(font: str, size: float):  # type: ignore[no-untyped-def]
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.drawCentredString(doc.pagesize[0] / 2, doc.bottomMargin - 7 * mm - size, f"— {doc.page} —")
        canvas.restoreState()

    return draw


def _build_board(
    content: BoardContent, target: BinaryIO, layout: _Layout, scale: float, numbered: bool
) -> int:
    font = register_fonts()
    _keep_punctuation_off_line_starts()
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
    """The board as a PDF: kept on one sheet when a slightly smaller type allows, else over several
    numbered pages at full size."""
    if size not in _LAYOUTS:
        raise ValueError(f"unknown paper size {size!r}")
    layout = _LAYOUTS[size]
    buffer = io.BytesIO()
    if _build_board(content, buffer, layout, 1.0, numbered=False) == 1:
        return buffer.getvalue()
    small = io.BytesIO()
    if _build_board(content, small, layout, layout.min_scale, numbered=False) == 1:
        # The largest type that still fits one sheet, found to within 2 %.
        fits, best, too_big = layout.min_scale, small.getvalue(), 1.0
        while too_big - fits > 0.02:
            middle = (fits + too_big) / 2
            trial = io.BytesIO()
            if _build_board(content, trial, layout, middle, numbered=False) == 1:
                fits, best = middle, trial.getvalue()
            else:
                too_big = middle
        return best
    buffer = io.BytesIO()
    _build_board(content, buffer, layout, 1.0, numbered=True)
    return buffer.getvalue()


def write_board(content: BoardContent, path: Path, size: str = "a4") -> Path:
    data = board_pdf_bytes(content, size)
    path.write_bytes(data)
    return path


# --- duty cards -------------------------------------------------------------------------------------

_CARD_COLUMNS, _CARD_ROWS = 2, 3
_SHEET_MARGIN = 10 * mm


def _fit_lines(canvas: Canvas, text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """``text`` broken into lines that fit ``width``; the last kept line ends with … when cut short."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for char in paragraph:
            if canvas.stringWidth(current + char, font, size) > width:
                lines.append(current)
                current = char
            else:
                current += char
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and canvas.stringWidth(last + "…", font, size) > width:
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
    heading = canvas.beginText()
    heading.setFont(font, 20)
    heading.setTextRenderMode(2)
    canvas.setStrokeColor(colors.white)
    canvas.setLineWidth(0.5)
    title = "党员责任岗"
    heading.setCharSpace(6)
    title_width = canvas.stringWidth(title, font, 20) + 6 * (len(title) - 1)
    heading.setTextOrigin(left + (width - title_width) / 2, bottom + height - band + 4.2 * mm)
    heading.textLine(title)
    heading.setCharSpace(0)  # text state outlives the text object in PDF: reset it for what follows
    heading.setTextRenderMode(0)
    canvas.drawText(heading)

    canvas.setFillColor(colors.black)
    pad = 4 * mm
    text_left = left + pad
    text_width = width - 2 * pad
    cursor = bottom + height - band - 9 * mm
    canvas.setFont(font, 12)
    canvas.drawString(text_left, cursor, "岗位：")
    label_width = canvas.stringWidth("岗位：", font, 12)
    canvas.setFont(font, 16)
    canvas.setFillColor(RED)
    canvas.drawString(text_left + label_width, cursor - 0.5, card.post)
    canvas.setFillColor(colors.black)
    cursor -= 8.5 * mm
    canvas.setFont(font, 12)
    canvas.drawString(text_left, cursor, "党员：")
    canvas.setFont(font, 16)
    canvas.drawString(text_left + label_width, cursor - 0.5, card.member)
    cursor -= 7.5 * mm

    body = 10.5
    leading = body * 1.42
    footer_top = bottom + 9 * mm
    sections = [("岗位职责", "\n".join(f"{i}. {d}" for i, d in enumerate(card.duties, start=1)))]
    if card.commitment:
        sections.append(("服务承诺", card.commitment))
    available_lines = int((cursor - footer_top) / leading) - len(sections)
    for index, (label, text) in enumerate(sections):
        canvas.setFont(font, body)
        canvas.setFillColor(RED)
        canvas.drawString(text_left, cursor, f"【{label}】")
        canvas.setFillColor(colors.black)
        cursor -= leading
        remaining_sections = len(sections) - index - 1
        budget = max(1, available_lines - remaining_sections * 2)
        lines = _fit_lines(canvas, text, font, body, text_width, budget)
        available_lines -= len(lines)
        for line in lines:
            canvas.drawString(text_left, cursor, line)
            cursor -= leading
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(0.5)
    canvas.line(text_left, bottom + 8 * mm, text_left + text_width, bottom + 8 * mm)
    canvas.setFont(font, 8.5)
    canvas.setFillColor(colors.HexColor("#333333"))
    footer = f"{card.branch}　{card.term}"
    while canvas.stringWidth(footer, font, 8.5) > text_width and len(footer) > 4:
        footer = footer[:-2] + "…"
    canvas.drawCentredString(left + width / 2, bottom + 3.2 * mm, footer)
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
    canvas = Canvas(buffer, pagesize=(page_w, page_h), invariant=1, initialFontName=font)
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
