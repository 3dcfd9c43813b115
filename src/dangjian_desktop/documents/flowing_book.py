"""The activity book (流动党员活动证) of a member working away, printed on demand as a PDF.

Three layouts:

- ``a5``: the whole book on A5 pages — cover (title, number, member, home branch, QR code), instructions,
  the Party constitution excerpt, profile, leaving information, organisation-life records, dues records,
  opinions and evaluations, the home branch's contacts and a back cover. Everything recorded so far is
  printed, followed by ruled blank rows for the receiving organisation to fill in by hand.
- ``a4-booklet``: the same pages imposed two by two on A4 sheets for duplex printing flipped on the long
  edge; folded in the middle, the sheets make an A5 booklet in page order. The page count is padded to a
  multiple of four with ruled memo pages (before the back cover). The first sheet says in its top margin
  how to print it (双面打印，沿长边翻转).
- ``a4-booklet-short``: the same for printers that flip on the short edge (many office printers'
  default for landscape): the back sides are not turned.
- ``inserts``: only the record pages, to go with a provincial booklet: no cover, and each page headed with
  the member, the book number and "page x/y".

The canvas is created with ``invariant=1`` (same content, same bytes) and the bundled font as its
initial font, so every font in the file is embedded.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.flowing_booklet import A4_LANDSCAPE, A5_SIZE, draw_sheets
from dangjian_desktop.documents.fonts import register_fonts
from dangjian_desktop.documents.layout import BLACK, GREY, RED, Column, Layout, Page, bold_text, draw_text
from dangjian_desktop.documents.textset import least_width
from dangjian_desktop.i18n import _

LAYOUT_A5 = "a5"
LAYOUT_BOOKLET = "a4-booklet"
LAYOUT_BOOKLET_SHORT = "a4-booklet-short"
LAYOUT_INSERTS = "inserts"
LAYOUTS = (LAYOUT_A5, LAYOUT_BOOKLET, LAYOUT_BOOKLET_SHORT, LAYOUT_INSERTS)
BOOKLETS = (LAYOUT_BOOKLET, LAYOUT_BOOKLET_SHORT)

MARGIN_X = 15 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 16 * mm
INSERT_HEADER = 9 * mm  # room for the header line of an insert page
QR_SIZE = 30 * mm


@dataclass(frozen=True)
class OrgLifeLine:
    date: dt.date
    org: str
    kind: str  # shown as given (already a label)
    content: str
    certified_by: str = ""


@dataclass(frozen=True)
class DuesLine:
    months: str  # "2026.01" or "2026.01—2026.03"
    amount: str  # "1.50"
    paid_on: dt.date | None
    paid_where: str
    collector: str = ""


@dataclass(frozen=True)
class OpinionLine:
    date: dt.date
    text: str
    signed_by: str = ""
    year: int | None = None
    grade: str = ""
    kind: str = ""  # for rewards and punishments: the label of the kind


@dataclass(frozen=True)
class ContactLine:
    date: dt.date
    means: str
    content: str
    contacted_by: str = ""


@dataclass(frozen=True)
class BookContent:
    """Everything printed in one book, as plain values (labels already translated)."""

    title: str
    number: str
    issue_date: dt.date
    branch_name: str
    member_name: str
    qr_text: str
    official_number: str = ""
    replaces_number: str = ""
    branch_township: str = ""
    branch_phone: str = ""
    branch_secretary: str = ""
    # profile: (label, value) pairs in print order
    profile: tuple[tuple[str, str], ...] = ()
    # leaving information
    since: dt.date | None = None
    expected_return: dt.date | None = None
    reason: str = ""
    destination: str = ""
    workplace: str = ""
    occupation: str = ""
    phone: str = ""
    other_contact: str = ""
    home_contact: str = ""
    home_contact_phone: str = ""
    receiving_org: str = ""
    receiving_contact: str = ""
    receiving_phone: str = ""
    receiving_since: dt.date | None = None
    return_date: dt.date | None = None
    org_life: tuple[OrgLifeLine, ...] = ()
    dues: tuple[DuesLine, ...] = ()  # payments while away, from the dues ledger; then blank rows
    receiving_opinions: tuple[OpinionLine, ...] = ()
    branch_opinions: tuple[OpinionLine, ...] = ()
    evaluations: tuple[OpinionLine, ...] = ()
    rewards: tuple[OpinionLine, ...] = ()
    contacts: tuple[ContactLine, ...] = ()
    constitution: str = ""  # the 党章 excerpt: first line the title, then one paragraph per line
    extra: dict[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # the people its records may name (the roster's): never split


def _names(book: BookContent) -> tuple[str, ...]:
    """Everyone the book's records may name: the member, the contacts, whoever signed, the roster."""
    signers = (
        *(r.certified_by for r in book.org_life),
        *(d.collector for d in book.dues),
        *(o.signed_by for lines in (book.receiving_opinions, book.branch_opinions, book.evaluations,
                                     book.rewards) for o in lines),
        *(c.contacted_by for c in book.contacts),
    )  # fmt: skip
    people = (book.member_name, book.branch_secretary, book.home_contact, book.receiving_contact, *signers)
    return tuple(name for name in (*people, *book.names) if name)


def long_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return _("{year}-{month}-{day}").format(year=value.year, month=value.month, day=value.day)


def short_date(value: dt.date | None) -> str:
    return "" if value is None else f"{value.year}.{value.month:02d}.{value.day:02d}"


BLANK_DATE = "　　年　　月　　日"


# --- the book -------------------------------------------------------------------------------------


def _qr_steps(text: str, x: float, y: float, size: float):  # type: ignore[no-untyped-def]
    """The QR matrix as one vector path (runs of dark modules merged), drawn into a ``size`` square."""
    import qrcode  # imported when a cover is printed (it brings PIL along)
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    count = len(matrix)
    quiet = 4  # modules of white around the code
    module = size / (count + 2 * quiet)

    def step(c: Canvas) -> None:
        path = c.beginPath()
        for row_index, row in enumerate(matrix):
            top = y + size - (row_index + quiet) * module
            start = None
            for col_index, dark in enumerate([*row, False]):
                if dark and start is None:
                    start = col_index
                elif not dark and start is not None:
                    path.rect(
                        x + (start + quiet) * module, top - module, (col_index - start) * module, module
                    )
                    start = None
        c.setFillColor(BLACK)
        c.drawPath(path, stroke=0, fill=1)

    return step


def _cover(layout: Layout, book: BookContent) -> None:
    page = layout.new_page("cover")
    w, h = layout.width, layout.height
    cx = w / 2
    info = [
        (_("Book number"), book.number),
        (_("Name"), book.member_name),
        (_("Home branch"), book.branch_name),
        (_("Date of issue"), long_date(book.issue_date)),
    ]
    if book.official_number:
        info.append((_("Provincial booklet number"), book.official_number))
    qr = _qr_steps(book.qr_text, cx - QR_SIZE / 2, 30 * mm, QR_SIZE)

    def step(c: Canvas) -> None:
        c.setStrokeColor(RED)
        c.setLineWidth(2.2)
        c.rect(9 * mm, 9 * mm, w - 18 * mm, h - 18 * mm, stroke=1, fill=0)
        c.setLineWidth(0.6)
        c.rect(10.8 * mm, 10.8 * mm, w - 21.6 * mm, h - 21.6 * mm, stroke=1, fill=0)
        c.setStrokeColor(BLACK)
        c.setFillColor(RED)
        if book.branch_township:
            draw_text(c, cx, h - 36 * mm, book.branch_township, 12, align="center")
        title_size = 27 if len(book.title) <= 8 else max(16, 27 * 8 / len(book.title))
        bold_text(c, cx, h - 68 * mm, book.title, title_size, align="center")
        c.setStrokeColor(RED)
        c.setLineWidth(1.2)
        c.line(cx - 45 * mm, h - 76 * mm, cx + 45 * mm, h - 76 * mm)
        c.setStrokeColor(BLACK)
        c.setFillColor(BLACK)
        label_width = max(len(label) for label, _v in info) * 11
        x_label = 25 * mm
        y = h - 92 * mm
        for label, value in info:
            bold_text(c, x_label + label_width, y, label, 11, align="right")
            draw_text(c, x_label + label_width, y, "：" + value, 11)
            y -= 9 * mm
        qr(c)
        c.setFillColor(GREY)
        draw_text(c, cx, 24 * mm, _("Scan to check who issued this book"), 8, align="center")
        c.setFillColor(BLACK)

    page.steps.append(step)


def _instructions(layout: Layout, book: BookContent) -> None:
    layout.section(_("Instructions for use"))
    items = [
        _(
            "This book is registered, filled in and handed to the member by {branch}. It is the member's "
            "record of taking part in Party activities and paying Party dues while working away."
        ).format(branch=book.branch_name),
        _(
            "Members working away are managed jointly by the Party organisation at home and the Party "
            "organisation where they work (流出地、流入地党组织共管). {contact} of the home branch keeps in "
            "touch with the member."
        ).format(contact=book.home_contact or book.branch_secretary or _("A named person")),
        _(
            "On arriving, the member shows this book to the Party organisation there and takes part in its "
            "organisation life. Please fill in the receiving organisation's name, the date, the contact person "
            "and the phone number on the page 'Leaving and receiving'."
        ),
        _(
            "After each organisation life and each payment of dues, the receiving organisation fills in the "
            "records and the person in charge signs."
        ),
        _(
            "Where the member takes part in Party activities away from home, the member has no right to vote, "
            "to elect or to be elected."
        ),
        _(
            "Once a year, together with the democratic evaluation of members, the organisation holding the "
            "member's relationship, or the one where the member attends organisation life, checks this book."
        ),
        _(
            "A member who studies, works or lives away for six months or more at a fairly fixed place should "
            "transfer the organisational relationship (党员教育管理工作条例, article 25)."
        ),
        _(
            "On returning, the member hands this book back to the branch for checking. A lost book must be "
            "reported to the branch at once; the branch issues a new one and the old number becomes void."
        ),
        _("This book must not be lent to anyone or altered."),
    ]
    for number, text in enumerate(items, 1):
        layout.paragraph(f"{number}. {text}", size=10, first_indent=0, space_after=3)
    layout.space(6)
    contact_lines = [_("Home branch: {branch}").format(branch=book.branch_name)]
    if book.branch_phone:
        contact_lines.append(_("Branch phone: {phone}").format(phone=book.branch_phone))
    if book.home_contact:
        contact_lines.append(
            _("Person keeping in touch: {name} {phone}").format(
                name=book.home_contact, phone=book.home_contact_phone
            )
        )
    for line in contact_lines:
        layout.paragraph(line, size=10, first_indent=0, space_after=1)


def _constitution(layout: Layout, book: BookContent) -> None:
    lines = [line.strip() for line in book.constitution.splitlines() if line.strip()]
    if not lines:
        return
    layout.section(_("Party Constitution (excerpt)"))
    title, *body = lines
    layout.paragraph(title, size=9, first_indent=0, color=GREY, space_after=6)
    for line in body:
        if line.startswith("第") and "章" in line[:4] and len(line) < 20:
            layout.heading(line.replace("\u3000", " "), size=11.5, space_after=6)
            continue
        prefix = ""
        if line.startswith("第") and "条" in line[:6]:
            prefix = line[: line.index("条") + 1]
        layout.paragraph(line, size=9.5, leading=15, bold_prefix=prefix, space_after=1.5)


def _profile(layout: Layout, book: BookContent) -> None:
    layout.section(_("The member"))
    width = layout.content_width
    photo_w = 27 * mm
    label_w = 22 * mm
    value_w = (width - photo_w - 2 * label_w) / 2
    pairs = list(book.profile)
    rows: list[list[tuple[str, float, bool]]] = []
    top = layout.y
    row_h = 26.0
    waiting: list[tuple[str, float, bool]] = []
    for label, value in pairs[:8]:
        if least_width(value, 10 * 0.8, register_fonts()) > value_w - 8:  # a long name: a row of its own
            rows.append([(label, label_w, True), (value, 2 * value_w + label_w, False)])
            continue
        waiting += [(label, label_w, True), (value, value_w, False)]
        if len(waiting) == 4:
            rows.append(waiting)
            waiting = []
    if waiting:
        waiting[-1] = (waiting[-1][0], 2 * value_w + label_w, False)
        rows.append(waiting)
    layout.grid(rows, row_height=row_h)
    photo_x = layout.left + width - photo_w
    photo_bottom = layout.y

    def photo(c: Canvas) -> None:
        c.setLineWidth(0.6)
        c.rect(photo_x, photo_bottom, photo_w, top - photo_bottom, stroke=1, fill=0)
        c.setFillColor(GREY)
        mid = (top + photo_bottom) / 2
        draw_text(c, photo_x + photo_w / 2, mid + 4, _("Photo"), 9, align="center")
        draw_text(c, photo_x + photo_w / 2, mid - 10, _("(1-inch)"), 8, align="center")
        c.setFillColor(BLACK)

    layout.add(photo)
    rest = pairs[8:]
    full_value = width - label_w
    wide_rows = []
    for label, value in rest:
        wide_rows.append([(label, label_w, True), (value, full_value, False)])
    layout.grid(wide_rows, row_height=row_h)
    layout.space(8)
    layout.paragraph(
        _("Without a photo, this book is valid only together with the member's resident ID card."),
        size=8.5,
        first_indent=0,
        color=GREY,
    )
    layout.signature(_("Issuing Party organisation (seal)"), space_before=18)
    layout.signature(long_date(book.issue_date), space_before=8)


def _leaving(layout: Layout, book: BookContent) -> None:
    layout.section(_("Leaving and receiving"))
    width = layout.content_width
    label_w = 24 * mm
    half = (width - 2 * label_w) / 2
    full = width - label_w

    def pair(a: str, av: str, b: str, bv: str) -> list[tuple[str, float, bool]]:
        return [(a, label_w, True), (av, half, False), (b, label_w, True), (bv, half, False)]

    def wide(a: str, av: str) -> list[tuple[str, float, bool]]:
        return [(a, label_w, True), (av, full, False)]

    layout.subheading(_("Leaving (filled in by the home branch)"))
    layout.grid(
        [
            pair(_("Left on"), short_date(book.since), _("Expected back"), short_date(book.expected_return)),
            pair(_("Reason"), book.reason, _("Occupation"), book.occupation),
            wide(_("Destination"), book.destination),
            wide(_("Workplace or address"), book.workplace),
            pair(_("Own phone"), book.phone, _("Other contact"), book.other_contact),
            pair(_("Kept in touch by"), book.home_contact, _("Their phone"), book.home_contact_phone),
        ],
        row_height=25,
    )
    layout.subheading(_("Receiving Party organisation (filled in there)"), space_before=14)
    layout.grid(
        [
            wide(_("Organisation"), book.receiving_org),
            pair(
                _("Received on"),
                short_date(book.receiving_since) or BLANK_DATE,
                _("Contact person"),
                book.receiving_contact,
            ),
            wide(_("Phone"), book.receiving_phone),
        ],
        row_height=25,
    )
    layout.signature(_("Receiving Party organisation (seal)"), space_before=22)
    layout.signature(BLANK_DATE, space_before=8)
    if book.return_date:
        layout.space(6)
        layout.paragraph(
            _("Returned on {date}; the book was handed back.").format(date=long_date(book.return_date)),
            size=10,
            first_indent=0,
        )


def _org_life(layout: Layout, book: BookContent) -> None:
    layout.section(_("Organisation life while away"))
    rows = [
        (short_date(r.date), r.org, r.kind, r.content, r.certified_by)
        for r in sorted(book.org_life, key=lambda r: r.date)
    ]
    layout.table(
        [
            Column(_("Date"), 18, "center"),
            Column(_("Organisation"), 25),
            Column(_("Kind"), 14, "center"),
            Column(_("Content"), 31),
            Column(_("Certified by"), 12, "center"),
        ],
        rows,
        fill_page=True,
        min_fill=6,
    )


def _dues(layout: Layout, book: BookContent) -> None:
    layout.section(_("Party dues paid"))
    rows = [
        (d.months, d.amount, short_date(d.paid_on), d.paid_where, d.collector)
        for d in sorted(book.dues, key=lambda d: (d.paid_on or dt.date.min, d.months))
    ]
    layout.table(
        [
            Column(_("For months"), 24, "center"),
            Column(_("Amount (yuan)"), 15, "center"),
            Column(_("Paid on"), 18, "center"),
            Column(_("Received by (organisation)"), 27),
            Column(_("Signature"), 17, "center"),
        ],
        rows,
        fill_page=True,
        min_fill=6,
    )


def _opinion_block(layout: Layout, title: str, lines: Sequence[OpinionLine], seal: str) -> None:
    layout.subheading(title)
    for line in sorted(lines, key=lambda o: o.date):
        layout.paragraph(line.text, size=10, space_after=1)
        signer = f"{line.signed_by}　" if line.signed_by else ""
        layout.signature(f"{signer}{long_date(line.date)}", size=9.5, space_before=0)
        layout.space(4)
    layout.ruled_lines(3, spacing=20)
    layout.signature(f"{seal}　{BLANK_DATE}", size=9.5, space_before=8)


def _opinions(layout: Layout, book: BookContent) -> None:
    layout.section(_("Opinions and evaluation"))
    _opinion_block(
        layout, _("Opinion of the receiving Party organisation"), book.receiving_opinions, _("(seal)")
    )
    layout.space(6)
    _opinion_block(layout, _("Opinion of the home branch"), book.branch_opinions, _("(seal)"))
    layout.space(6)
    layout.table(
        [
            Column(_("Year"), 12, "center"),
            Column(_("Result"), 16, "center"),
            Column(_("Remarks"), 38),
            Column(_("Date"), 18, "center"),
            Column(_("Seal or signature"), 17, "center"),
        ],
        [
            (str(e.year or e.date.year), e.grade, e.text, short_date(e.date), e.signed_by)
            for e in sorted(book.evaluations, key=lambda e: (e.year or e.date.year, e.date))
        ],
        min_blank=2,
        heading=_("Annual check and democratic evaluation"),
    )
    layout.table(
        [
            Column(_("Date"), 18, "center"),
            Column(_("Kind"), 13, "center"),
            Column(_("Content"), 50),
            Column(_("Decided by"), 20, "center"),
        ],
        [
            (short_date(r.date), r.kind, r.text, r.signed_by)
            for r in sorted(book.rewards, key=lambda r: r.date)
        ],
        min_blank=2,
        heading=_("Rewards and punishments"),
        heading_space=10,
    )


def _contacts(layout: Layout, book: BookContent) -> None:
    layout.section(_("Contacts by the home branch"))
    layout.table(
        [
            Column(_("Date"), 18, "center"),
            Column(_("Means"), 12, "center"),
            Column(_("What was said"), 53),
            Column(_("Contacted by"), 18, "center"),
        ],
        [
            (short_date(r.date), r.means, r.content, r.contacted_by)
            for r in sorted(book.contacts, key=lambda r: r.date)
        ],
        fill_page=True,
        min_fill=6,
    )


def _memo(layout: Layout) -> None:
    layout.section(_("Notes"))
    layout.continuation = ""
    count = int(layout.room() // 24)
    layout.ruled_lines(count, spacing=24)


def _back_cover(layout: Layout, book: BookContent) -> None:
    page = layout.new_page("back")
    w = layout.width
    lines = [_("Issued by: {branch} (seal)").format(branch=book.branch_name)]
    if book.branch_township:
        lines.append(_("Higher Party committee: {name}").format(name=book.branch_township))
    if book.branch_phone:
        lines.append(_("Branch phone: {phone}").format(phone=book.branch_phone))
    lines.append(_("Book number: {number} (the branch's own serial)").format(number=book.number))
    if book.replaces_number:
        lines.append(_("Re-issued; the old book {number} is void.").format(number=book.replaces_number))

    def step(c: Canvas) -> None:
        y = 62 * mm
        c.setLineWidth(0.6)
        c.line(MARGIN_X, y + 8 * mm, w - MARGIN_X, y + 8 * mm)
        for line in lines:
            draw_text(c, MARGIN_X + 2 * mm, y, line, 10)
            y -= 8 * mm
        c.setStrokeColor(RED)
        c.setLineWidth(2.2)
        c.line(MARGIN_X, 22 * mm, w - MARGIN_X, 22 * mm)
        c.setStrokeColor(BLACK)

    page.steps.append(step)


def lay_out_book(book: BookContent, layout_name: str = LAYOUT_A5) -> Layout:
    """The book's pages, ready to draw (the page count is known before anything is drawn)."""
    if layout_name not in LAYOUTS:
        raise ValueError(f"unknown layout {layout_name!r}")
    register_fonts()
    inserts = layout_name == LAYOUT_INSERTS
    top = MARGIN_TOP + (INSERT_HEADER if inserts else 0)
    layout = Layout(*A5_SIZE, left=MARGIN_X, right=MARGIN_X, top=top, bottom=MARGIN_BOTTOM + 4 * mm)
    layout.continued_label = _("{title} (continued)")
    layout.keep = _names(book)
    if not inserts:
        _cover(layout, book)
        _instructions(layout, book)
        _constitution(layout, book)
        _profile(layout, book)
    else:
        _profile(layout, book)
    _leaving(layout, book)
    _org_life(layout, book)
    _dues(layout, book)
    _opinions(layout, book)
    _contacts(layout, book)
    if layout_name in BOOKLETS:
        while (len(layout.pages) + 1) % 4:
            _memo(layout)
    if not inserts:
        _back_cover(layout, book)
    return layout


def _decorate(c: Canvas, page: Page, index: int, total: int, book: BookContent, inserts: bool) -> None:
    w, h = A5_SIZE
    if inserts:
        y = h - MARGIN_TOP
        c.setFillColor(GREY)
        draw_text(
            c,
            MARGIN_X,
            y,
            _("{name}   Activity book {number}").format(name=book.member_name, number=book.number),
            9,
        )
        draw_text(
            c, w - MARGIN_X, y, _("Page {page}/{total}").format(page=index, total=total), 9, align="right"
        )
        c.setFillColor(BLACK)
        c.setLineWidth(0.5)
        c.line(MARGIN_X, y - 2.5 * mm, w - MARGIN_X, y - 2.5 * mm)
    elif page.kind == "content":
        c.setFillColor(GREY)
        draw_text(c, w / 2, 9 * mm, f"— {index} —", 9, align="center")
        c.setFillColor(BLACK)


def _canvas(target: str | BinaryIO, size: tuple[float, float], book: BookContent, font: str) -> Canvas:
    c = Canvas(target, pagesize=size, invariant=1, initialFontName=font, pageCompression=1)  # type: ignore[arg-type]  # a font name; reportlab's stub says float
    c.setTitle(f"{book.title} {book.number} {book.member_name}")
    c.setAuthor(book.branch_name)
    return c


def _draw_page(c: Canvas, page: Page, index: int, total: int, book: BookContent, inserts: bool) -> None:
    c.setFont(register_fonts(), 10)
    for step in page.steps:
        step(c)
    _decorate(c, page, index, total, book, inserts)


def _render_booklet(c: Canvas, layout: Layout, book: BookContent, long_edge: bool) -> int:
    """The A5 pages kept as forms, then drawn two by two on A4 sheets in print order."""
    pages = layout.pages
    total = len(pages)
    for index, page in enumerate(pages, 1):
        c.beginForm(f"p{index}", 0, 0, *A5_SIZE)
        _draw_page(c, page, index, total, book, False)
        c.endForm()
    note = (
        _("Print both sides, flip on the long edge")
        if long_edge
        else _("Print both sides, flip on the short edge")
    )
    draw_sheets(c, total, long_edge, note)
    c.save()
    return total // 2


def render_book(book: BookContent, out: str | Path | BinaryIO, layout_name: str = LAYOUT_A5) -> int:
    """Write the book as a PDF to a path or a binary file; returns the number of PDF pages."""
    layout = lay_out_book(book, layout_name)
    font = register_fonts()
    target = str(out) if isinstance(out, Path) else out
    if layout_name in BOOKLETS:
        c = _canvas(target, A4_LANDSCAPE, book, font)
        return _render_booklet(c, layout, book, long_edge=layout_name == LAYOUT_BOOKLET)
    c = _canvas(target, A5_SIZE, book, font)
    total = len(layout.pages)
    for index, page in enumerate(layout.pages, 1):
        _draw_page(c, page, index, total, book, layout_name == LAYOUT_INSERTS)
        c.showPage()
    c.save()
    return total


def book_pdf_bytes(book: BookContent, layout_name: str = LAYOUT_A5) -> bytes:
    buffer = io.BytesIO()
    render_book(book, buffer, layout_name)
    return buffer.getvalue()
