"""The printed public notice (党务公开): A4 portrait, or A3 portrait for a large board (the same sheet
enlarged by √2), laid out after GB/T 9704-2012 (rules-research.md §6.1):

- 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters of 3号 (16 pt) text fill it;
- the title in 2号 (22 pt), centred, over one or more balanced lines; the notice's number under it;
- the addressee flush left, the body with two-character indents, fully justified;
- issuer and date after the body with room for the red seal: the date four characters in from the right,
  written 2026年3月2日 (no zero padding), the issuer centred over it;
- page numbers "— 1 —" in 4号 (14 pt) 7 mm below the type area when there is more than one page, odd
  pages on the right and even pages on the left;
- the QR code in the bottom-left corner of the last page, with its caption and the check code.

The faces are the official ones, embedded and subset: the title in a 小标宋-style face (Noto Serif CJK SC
Bold), the body in 仿宋 (FandolFang), level-1 headings (一、) in 黑体 and level-2 headings (（一）) in 楷体.
Lines come from the one line-breaking engine (``textset``); a paragraph never leaves one line alone at
the foot or the head of a page, and the issuer, date and QR code stay with at least two lines of the text
they close. The line pitch is never squeezed below the grid. The QR code is one vector path. The
canvas is invariant (no date, fixed document id): printing the same notice again gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.fonts import (
    FANGSONG,
    HEI,
    KAI,
    SANS,
    TITLE,
    draw_string,
    register_fonts,
    text_width,
)
from dangjian_desktop.documents.textset import atoms, break_lines, least_width, line_spacing, widen_columns
from dangjian_desktop.domain.notices import (
    TABLE_SEPARATOR,
    NoticeContent,
    QrPlan,
    chinese_date,
    format_check_code,
    qr_plan,
)

__all__ = ["SIZES", "best_qr_mask", "notice_pdf_bytes", "qr_matrix", "write_notice"]

SIZES = ("a4", "a3")
BLACK = Color(0, 0, 0)
GREY = Color(0.4, 0.4, 0.4)
HEADER_FILL = Color(0.94, 0.94, 0.94)

# --- GB/T 9704 measures, on A4 (A3 is the same drawing scaled by √2) ------------------------------------

PAGE_W, PAGE_H = A4
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
AREA_W = PAGE_W - LEFT - RIGHT  # 156 mm
AREA_TOP = PAGE_H - TOP
AREA_BOTTOM = BOTTOM
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
TABLE_PT = 12.0  # 小四
CAPTION_PT = 10.5  # 五号
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
PITCH = AREA_W / CHARS_PER_LINE  # one 字 of the grid
LINE = (PAGE_H - TOP - BOTTOM) / LINES_PER_PAGE  # one 行 of the grid (≈ 29 pt)
BODY_CHAR_SPACE = PITCH - BODY_PT  # a little negative: 28 characters of 16 pt fill 156 mm
TITLE_LINE = TITLE_PT * 1.45
A3_SCALE = A3[0] / A4[0]

_LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]+、")  # 一、 headings: 黑体
_LEVEL_TWO = re.compile(r"^（[一二三四五六七八九十]+）")  # （一） headings: 楷体
_RUN_IN = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。：:，,]{1,16}[。：:]")


def _width(text: str, size: float, char_space: float = 0.0, font: str = FANGSONG) -> float:
    return text_width(text, size, font) + char_space * len(text)


def _wrap(
    text: str,
    size: float,
    width: float,
    char_space: float = 0.0,
    first_width: float | None = None,
    font: str = FANGSONG,
    keep: Sequence[str] = (),
) -> list[str]:
    """The engine's lines for ``width`` when each character also takes ``char_space`` (the grid's pitch);
    the names in ``keep`` are never split."""
    scale = size / (size + char_space)  # measure the grid's cells as characters of ``size``
    first = None if first_width is None else first_width * scale
    return break_lines(text, size, width * scale, font, first_width=first, keep=keep)


# --- drawing primitives -------------------------------------------------------------------------------


def _text(
    c: Canvas, x: float, y: float, text: str, size: float, char_space: float = 0.0, *, font: str = FANGSONG
) -> None:
    draw_string(c, x, y, text, size, font, char_space)


Draw = Callable[[Canvas], None]


@dataclass
class _Item:
    """A line (or a table row) of the flow: its height, and how to draw it at a given top."""

    height: float
    draw: Callable[[Canvas, float], None]
    keep_with_next: bool = False
    table_header: _Item | None = None  # a table row: the header repeated on a new page
    text_line: bool = False  # a line of text (or a table row), not space


@dataclass
class _Page:
    steps: list[Draw] = field(default_factory=list)
    bottom: float = AREA_TOP  # the lowest point used by the flow


# --- the content as lines --------------------------------------------------------------------------


# Good places to break a title: after these characters, or before these words (关于……的公示).
_TITLE_BREAK_AFTER = set("的于度年、，")
_TITLE_BREAK_BEFORE = ("情况", "的公示", "的公告", "的通知", "的决议", "实施结果", "结果", "及", "和", "与")


def _title_break_cost(title: str, cut: int, keep: Sequence[str] = ()) -> float:
    first, rest = title[:cut], title[cut:]
    cost = abs(_width(first, TITLE_PT, font=TITLE) - _width(rest, TITLE_PT, font=TITLE) * 1.1)
    if cut not in _breaks(title, keep):
        return float("inf")  # never inside a number, a date, a name or a word, nor against 避头尾
    if first[-1] not in _TITLE_BREAK_AFTER and not rest.startswith(_TITLE_BREAK_BEFORE):
        cost += TITLE_PT * 6  # inside a word, probably: only when nothing better fits
    return cost


def _breaks(text: str, keep: Sequence[str] = ()) -> set[int]:
    """Where the engine may break ``text``."""
    places, at = set(), 0
    for atom in atoms(text, keep):
        at += len(atom)
        places.add(at)
    return places


def _balanced_title_lines(title: str, keep: Sequence[str] = ()) -> list[str]:
    """The title on one line when it fits the type area; otherwise over balanced lines broken where the
    words allow (GB/T 9704: 梯形或菱形)."""
    if _width(title, TITLE_PT, font=TITLE) <= AREA_W:
        return [title]
    lines = _wrap(title, TITLE_PT, AREA_W, font=TITLE, keep=keep)
    if len(lines) == 2:
        candidates = [
            cut
            for cut in range(2, len(title) - 1)
            if _width(title[:cut], TITLE_PT, font=TITLE) <= AREA_W
            and _width(title[cut:], TITLE_PT, font=TITLE) <= AREA_W
        ]
        if candidates:
            cut = min(candidates, key=lambda c: _title_break_cost(title, c, keep))
            return [title[:cut], title[cut:]]
    count = len(lines)
    low, high = AREA_W / count, AREA_W
    best = lines
    for _round in range(18):  # the narrowest width that still needs no more lines
        middle = (low + high) / 2
        trial = _wrap(title, TITLE_PT, middle, font=TITLE, keep=keep)
        if len(trial) <= count:
            best, high = trial, middle
        else:
            low = middle
    return best


def _paragraph_items(
    text: str,
    line_pitch: float = LINE,
    *,
    indent: int = 2,
    size: float = BODY_PT,
    color: Color = BLACK,
    keep: Sequence[str] = (),
) -> list[_Item]:
    """A paragraph's lines on the grid, justified, in 仿宋; a heading paragraph of one line (一、… in 黑体,
    （一）… in 楷体). Its first two lines and its last two are kept on one page (no widow, no orphan)."""
    char_space = BODY_CHAR_SPACE if size == BODY_PT else 0.0
    first = AREA_W - indent * PITCH
    lines = _wrap(text, size, AREA_W, char_space, first_width=first, keep=keep)
    font, prefix, prefix_font = FANGSONG, "", FANGSONG
    if len(lines) == 1 and _LEVEL_ONE.match(text):
        font = HEI
    elif len(lines) == 1 and _LEVEL_TWO.match(text):
        font = KAI
    else:  # a heading run in at the start of a paragraph: 一、收缴情况。全体党员……
        run_in = _RUN_IN.match(text)
        if run_in and len(run_in.group(0)) <= len(lines[0]):
            prefix = run_in.group(0)
            prefix_font = HEI if _LEVEL_ONE.match(text) else KAI
    items = []
    for index, line in enumerate(lines):
        x = LEFT + (indent * PITCH if index == 0 else 0.0)
        width = first if index == 0 else AREA_W
        last = index == len(lines) - 1
        space = line_spacing(line, size, width, font, justify=not last, char_space=char_space)

        head = prefix if index == 0 else ""

        def draw(
            c: Canvas, top: float, line: str = line, x: float = x, space: float = space, head: str = head
        ) -> None:
            c.setFillColor(color)
            y = top - line_pitch + (line_pitch - size) / 2 + size * 0.12
            if head:
                _text(c, x, y, head, size, space, font=prefix_font)
                x += _width(head, size, space, prefix_font)
            _text(c, x, y, line[len(head) :], size, space, font=font)
            c.setFillColor(BLACK)

        items.append(_Item(line_pitch, draw, text_line=True))
    if len(lines) >= 2:
        items[0].keep_with_next = True  # no first line alone at the foot of a page
        items[-2].keep_with_next = True  # no last line alone at the head of the next
    return items


def _centered_item(
    text: str, size: float, height: float, *, font: str = FANGSONG, color: Color = BLACK
) -> _Item:
    width = _width(text, size, font=font)

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(color)
        _text(
            c,
            LEFT + (AREA_W - width) / 2,
            top - height + (height - size) / 2 + size * 0.12,
            text,
            size,
            font=font,
        )
        c.setFillColor(BLACK)

    return _Item(height, draw, keep_with_next=True, text_line=True)


def _space(height: float) -> _Item:
    return _Item(height, lambda c, top: None)


def _column_widths(
    rows: Sequence[Sequence[str]], available: float, size: float, keep: Sequence[str] = ()
) -> list[float]:
    """Each column as wide as its longest cell, within the width; the widest give way first."""
    pad = size * 1.2
    columns = max(len(r) for r in rows)
    natural = [size * 2 + pad] * columns
    for row in rows:
        for i, cell in enumerate(row):
            natural[i] = max(natural[i], _width(cell, size, font=HEI) + pad)
    if sum(natural) <= available:
        extra = (available - sum(natural)) / columns
        return [w + extra for w in natural]
    low, high = 0.0, max(natural)
    for _round in range(30):  # the cap c with sum(min(w, c)) == available
        middle = (low + high) / 2
        if sum(min(w, middle) for w in natural) > available:
            high = middle
        else:
            low = middle
    widths = [min(w, low) for w in natural]
    widths[-1] += available - sum(widths)
    needs = [  # no name or number cut: each column at least as wide as its widest unbreakable run
        max(least_width(row[i], size, FANGSONG, keep) for row in rows if i < len(row)) + pad
        for i in range(columns)
    ]
    return widen_columns(widths, needs)


def _table_items(lines: Sequence[str], line_pitch: float = LINE, keep: Sequence[str] = ()) -> list[_Item]:
    rows = [[cell.strip() for cell in line.split(TABLE_SEPARATOR)] for line in lines]
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    size = TABLE_PT
    widths = _column_widths(rows, AREA_W, size, keep)
    edges = [LEFT]
    for w in widths:
        edges.append(edges[-1] + w)
    centred = [all(_width(r[i], size) <= size * 6 for r in rows[1:]) for i in range(columns)]
    fonts = (FANGSONG, HEI)
    leading = size * 1.45
    pad = size * 0.45

    def row_item(cells: list[str], header: bool) -> _Item:
        font = fonts[header]
        wrapped = [
            _wrap(cell, size, widths[i] - 2 * pad, font=font, keep=keep) for i, cell in enumerate(cells)
        ]
        height = max(len(w) for w in wrapped) * leading + 2 * pad

        def draw(c: Canvas, top: float) -> None:
            bottom = top - height
            if header:
                c.setFillColor(HEADER_FILL)
                c.rect(edges[0], bottom, edges[-1] - edges[0], height, stroke=0, fill=1)
                c.setFillColor(BLACK)
            c.setLineWidth(0.7)
            c.rect(edges[0], bottom, edges[-1] - edges[0], height, stroke=1, fill=0)
            c.setLineWidth(0.5)
            c.lines([(x, top, x, bottom) for x in edges[1:-1]])
            for i, cell_lines in enumerate(wrapped):
                block = len(cell_lines) * leading
                y = top - (height - block) / 2 - leading + (leading - size) / 2 + size * 0.12
                inner = widths[i] - 2 * pad
                for line in cell_lines:
                    space = line_spacing(line, size, inner, font)
                    drawn = _width(line, size, space, font) - space
                    if header or centred[i]:
                        x = (edges[i] + edges[i + 1]) / 2 - drawn / 2
                    else:
                        x = edges[i] + pad
                    _text(c, x, y, line, size, space, font=font)
                    y -= leading

        return _Item(height, draw, text_line=True)

    header = row_item(rows[0], True)
    header.keep_with_next = True
    items = [header]
    for row in rows[1:]:
        item = row_item(row, False)
        item.table_header = header
        items.append(item)
    return items + [_space(line_pitch * 0.25)]


def _body_items(body: str, line_pitch: float = LINE, keep: Sequence[str] = ()) -> list[_Item]:
    items: list[_Item] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if TABLE_SEPARATOR in line:
            block = []
            while index < len(lines) and TABLE_SEPARATOR in lines[index]:
                block.append(lines[index])
                index += 1
            items += _table_items(block, line_pitch, keep)
            continue
        if line.strip():
            items += _paragraph_items(line.strip(), line_pitch, keep=keep)
        else:
            items.append(_space(line_pitch * 0.5))
        index += 1
    return items


# --- the QR code --------------------------------------------------------------------------------------


def _qr_code(payload: str, mask: int | None = None):  # type: ignore[no-untyped-def]
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1, mask_pattern=mask)
    code.add_data(payload.encode("utf-8"), optimize=0)
    return code


def best_qr_mask(payload: str) -> int:
    """The mask pattern the QR standard's penalty rules choose for ``payload`` (to store at publishing)."""
    code = _qr_code(payload)
    code.best_fit()
    return int(code.best_mask_pattern())


def qr_matrix(payload: str, mask: int | None = None) -> list[list[bool]]:
    """The modules of a QR code holding ``payload`` as UTF-8 bytes, error correction M, no border; with
    ``mask`` given, that mask pattern instead of searching the best one."""
    code = _qr_code(payload, mask)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def _draw_qr(c: Canvas, matrix: list[list[bool]], x: float, y: float, side: float) -> None:
    """One filled path: a rectangle per horizontal run of dark modules."""
    count = len(matrix)
    module = side / count
    path = c.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + side - row_index * module
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * module, top - module, (col - start) * module, module)
                start = None
    c.saveState()
    c.setFillColor(BLACK)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


QR_MODULE_MIN = 0.6 * mm  # every module of every notice code (0.85 mm on A3)


def _qr_side(modules: int) -> float:
    """0.6 mm a module (30 mm at the least): a code of full text has at most 81 modules (QR_TEXT_LIMIT), so
    49 mm; a longer abstract (a very long title) grows rather than shrink its modules."""
    return float(max(30 * mm, modules * QR_MODULE_MIN))


@dataclass(frozen=True)
class _QrBlock:
    side: float
    caption_height: float
    draw: Callable[[Canvas], None]


def _qr_block(plan: QrPlan, code: str, mask: int | None = None) -> _QrBlock:
    """The QR code in the bottom-left corner of the type area, its caption and the check code beside it."""
    matrix = qr_matrix(plan.payload, mask)
    side = _qr_side(len(matrix))
    caption_x = LEFT + side + 3 * mm
    caption_lines = [
        part for text in plan.caption.split("\n") for part in _wrap(text, CAPTION_PT, 50 * mm, font=SANS)
    ]
    caption_lines.append(f"校验码：{format_check_code(code)}" if code else "草稿预览，发布后生成编号和校验码")
    leading = CAPTION_PT * 1.35
    caption_height = leading * len(caption_lines)

    def draw(c: Canvas) -> None:
        _draw_qr(c, matrix, LEFT, AREA_BOTTOM, side)
        y = AREA_BOTTOM + caption_height - CAPTION_PT
        for index, line in enumerate(caption_lines):  # the check code, needed to verify, in black
            c.setFillColor(BLACK if code and index == len(caption_lines) - 1 else GREY)
            _text(c, caption_x, y, line, CAPTION_PT, font=SANS)
            y -= leading
        c.setFillColor(BLACK)

    return _QrBlock(side, caption_height, draw)


# --- laying out pages ---------------------------------------------------------------------------------


def _kept_height(items: Sequence[_Item], index: int) -> float:
    """The height of ``items[index]`` and of the items kept on its page with it (keep-with-next)."""
    height = items[index].height
    while items[index].keep_with_next and index + 1 < len(items) and height < AREA_TOP - AREA_BOTTOM:
        index += 1
        height += items[index].height
    return float(min(height, AREA_TOP - AREA_BOTTOM))


def _at(draw: Callable[[Canvas, float], None], top: float) -> Draw:
    """A page step: ``draw`` at ``top``."""
    return lambda c: draw(c, top)


def _flow(items: Sequence[_Item], forced_break: int | None = None) -> tuple[list[_Page], list[float]]:
    """Place the items top to bottom over pages; returns the pages and the y under each item."""
    pages = [_Page()]
    y = AREA_TOP
    bottoms: list[float] = []
    for index, item in enumerate(items):
        starts_chain = index == 0 or not items[index - 1].keep_with_next
        needed = _kept_height(items, index) if starts_chain else item.height
        if y < AREA_TOP and (y - needed < AREA_BOTTOM - 0.01 or index == forced_break):
            pages.append(_Page())
            y = AREA_TOP
            if item.table_header is not None:  # a table running onto the new page repeats its header
                header = item.table_header
                top = y
                pages[-1].steps.append(_at(header.draw, top))
                y -= header.height
        top = y
        pages[-1].steps.append(_at(item.draw, top))
        y -= item.height
        pages[-1].bottom = y
        bottoms.append(y)
    return pages, bottoms


def _closing_break(items: Sequence[_Item]) -> int:
    """Where to start the last page so that the issuer, date and QR code close at least two lines of text:
    before the second-last line, or before the start of the lines kept together with it."""
    lines = [i for i, item in enumerate(items) if item.text_line]
    index = lines[-2] if len(lines) >= 2 else max(1, len(items) - 1)
    while index > 1 and items[index - 1].keep_with_next:
        index -= 1
    return index


def _flow_with_closing(
    items: Sequence[_Item], held: Sequence[bool], earliest: int, latest: int, fits: Callable[[float], bool]
) -> tuple[list[_Page], list[float]]:
    """The flow with the last page started as late as the closing block allows: at the latest before the
    second-last line of text (two lines closed by the signature, GB/T 9704 practice) and before ``latest``
    (the paragraph with the supervision phones), never where a paragraph would leave a line alone, and
    no earlier than ``earliest`` (where the whole closing chain starts)."""
    lines = [i for i, item in enumerate(items) if item.text_line]
    last = min(lines[-2] if len(lines) >= 2 else len(items) - 1, latest)
    for start in range(last, earliest, -1):
        if not items[start].text_line or held[start - 1]:
            continue
        free = [replace(item, keep_with_next=held[k]) if k < start else item for k, item in enumerate(items)]
        pages, bottoms = _flow(free, forced_break=start)
        if fits(bottoms[-1]):
            return pages, bottoms
    return _flow(items)


def _signature(content: NoticeContent, line: float = LINE) -> tuple[float, Callable[[Canvas, float], None]]:
    """Issuer and date (GB/T 9704 7.3.5.1, a stamped document): two lines left free for the seal under the
    body, the date four characters in from the right, the issuer centred over it."""
    date = chinese_date(content.issued_on)
    issuer = content.issuer
    date_right = LEFT + AREA_W - 4 * PITCH
    date_width = _width(date, BODY_PT, BODY_CHAR_SPACE)
    issuer_width = _width(issuer, BODY_PT, BODY_CHAR_SPACE)
    centre = date_right - date_width / 2
    issuer_x = min(centre - issuer_width / 2, LEFT + AREA_W - issuer_width)
    height = line * 4

    def draw(c: Canvas, top: float) -> None:
        base = top - 2 * line  # two lines left for the seal
        _text(
            c, issuer_x, base - line + (line - BODY_PT) / 2 + BODY_PT * 0.12, issuer, BODY_PT, BODY_CHAR_SPACE
        )
        _text(
            c,
            date_right - date_width,
            base - 2 * line + (line - BODY_PT) / 2 + BODY_PT * 0.12,
            date,
            BODY_PT,
            BODY_CHAR_SPACE,
        )

    return height, draw


def _layout(content: NoticeContent, qr: _QrBlock, line: float = LINE) -> list[_Page]:
    """The pages on the grid's line pitch ``line``."""
    items: list[_Item] = [
        _centered_item(text, TITLE_PT, TITLE_LINE, font=TITLE)
        for text in _balanced_title_lines(content.title, content.keep)
    ]
    if content.number:
        items.append(_centered_item(content.number, BODY_PT, line))
    else:
        items.append(_centered_item("（草稿，发布时生成编号）", BODY_PT, line, color=GREY))
    if content.refers_to:
        items.append(_centered_item(content.reference_line(), BODY_PT * 0.875, line * 0.8))
    items.append(_space(line * 0.6))
    if content.addressee:
        items += _paragraph_items(content.addressee, line, indent=0, keep=content.keep)
    items += _body_items(content.body.strip("\n"), line, content.keep)
    body_lines = [item for item in items if item.text_line and item.table_header is None]
    closing_paragraphs = [_paragraph_items(text, line) for text in content.closing_lines()]
    # where a paragraph's own rules forbid a page break (its first line or its last line alone)
    held = [item.keep_with_next for item in [*items, *(i for p in closing_paragraphs for i in p)]]
    for item in body_lines[-2:]:  # the closing lines and the signature close two lines of the body
        item.keep_with_next = True
    closing: list[_Item] = []
    for paragraph in closing_paragraphs:  # 公示时间… and 公示期间… stay on one page
        if closing:
            closing[-1].keep_with_next = True
        closing += paragraph
    # the paragraph with the supervision phones goes with the signature whatever else moves
    contact = len(items) + len(closing_paragraphs[0]) if content.phones else len(items) + len(closing)
    items += closing
    sign_height, sign_draw = _signature(content, line)
    # The body must end above the QR code, and the issuer and date must fit above the caption on the same
    # page; otherwise the last two lines of text (with what is kept with them) move to a new page with
    # them: never a page with the signature alone.
    qr_top = AREA_BOTTOM + qr.side + 0.5 * mm  # the glyphs of a line stand 2.5 mm clear: the quiet zone

    def fits(y: float) -> bool:
        return bool(y >= qr_top and y - sign_height >= AREA_BOTTOM + qr.caption_height + 1 * mm)

    pages, bottoms = _flow(items)
    last_y = bottoms[-1]
    if not fits(last_y) and content.layout >= 2:  # as few lines as it needs go over with the closing
        pages, bottoms = _flow_with_closing(items, held, _closing_break(items), contact, fits)
        last_y = bottoms[-1]
    if not fits(last_y):
        pages, bottoms = _flow(items, forced_break=_closing_break(items))
        last_y = bottoms[-1]
        if not fits(last_y):
            pages.append(_Page())
            last_y = AREA_TOP
    top = last_y
    pages[-1].steps.append(lambda c: sign_draw(c, top))
    pages[-1].steps.append(qr.draw)
    return pages


def _pages(content: NoticeContent, code: str, qr_mask: int | None) -> list[_Page]:
    """The notice on the standard grid: a notice running onto another page is never set tighter."""
    return _layout(content, _qr_block(qr_plan(content, code), code, qr_mask))


_DASH_MIDDLE = 0.30  # the middle of the 一字线 above the baseline, in em (FandolFang: 271–329 of 1000)


def _page_number(c: Canvas, number: int) -> None:
    """— 1 — in 4号, its 一字线 7 mm under the type area (GB/T 9704 7.5): odd pages one character in from
    the right, even pages one in from the left."""
    text = f"— {number} —"
    width = _width(text, PAGE_NUMBER_PT)
    y = AREA_BOTTOM - 7 * mm - PAGE_NUMBER_PT * _DASH_MIDDLE
    x = LEFT + AREA_W - PITCH - width if number % 2 else LEFT + PITCH
    _text(c, x, y, text, PAGE_NUMBER_PT)


def notice_pdf_bytes(
    content: NoticeContent, code: str, size: str = "a4", qr_mask: int | None = None
) -> bytes:
    """The notice as PDF bytes; the same content, code and mask always give the same bytes. ``qr_mask`` is the
    mask stored at publishing (None: choose the best, as for a draft)."""
    if size not in SIZES:
        raise ValueError(f"unknown paper size {size!r}")
    font = register_fonts()
    pages = _pages(content, code, qr_mask)
    buffer = io.BytesIO()
    scale = A3_SCALE if size == "a3" else 1.0
    canvas = Canvas(
        buffer,
        pagesize=A3 if size == "a3" else A4,
        invariant=1,
        initialFontName=font,  # type: ignore[arg-type]  # a font name; reportlab's stub says float
        initialFontSize=BODY_PT,
        pageCompression=1,
    )
    canvas.setTitle(content.title)
    canvas.setAuthor(content.issuer)
    canvas.setSubject(content.number)
    canvas.setCreator("dangjian-desktop")
    numbered = len(pages) > 1
    for index, page in enumerate(pages, start=1):
        canvas.saveState()
        if scale != 1.0:
            canvas.scale(scale, scale)
        for step in page.steps:
            step(canvas)
        if numbered:
            _page_number(canvas, index)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_notice(
    content: NoticeContent, code: str, path: Path, size: str = "a4", qr_mask: int | None = None
) -> Path:
    path.write_bytes(notice_pdf_bytes(content, code, size, qr_mask))
    return path
