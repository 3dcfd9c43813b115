"""党费收据: receipts for dues payments, three to an A4 sheet with cut lines between them.

Each receipt shows the serial number, the branch, the member, the months covered, the amount in figures
and in capitals (大写金额, rules-research §6.2: "人民币" directly before the capitals), the date, how it
was paid and the collector, with places for the member's signature and the branch's stamp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.fonts import register_fonts
from dangjian_desktop.documents.layout import text_width
from dangjian_desktop.domain.money import amount_in_words
from dangjian_desktop.i18n import _

PER_PAGE = 3


@dataclass(frozen=True)
class ReceiptData:
    number: str
    branch_name: str
    member_name: str
    months_text: str  # e.g. "2026年1月至2026年3月（共3个月）"
    amount: Decimal
    extra: Decimal  # voluntary part of the amount
    paid_on_text: str  # e.g. "2026年3月1日"
    method_text: str
    collector: str
    voided: bool = False  # reversed later: printed with a 已冲销 mark
    to_central: bool = False


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits in ``width``."""
    while size > 6 and text_width(text, size, font) > width:
        size -= 0.5
    return size


def _draw_receipt(
    canvas: Canvas, data: ReceiptData, left: float, bottom: float, width: float, height: float
) -> None:
    font = register_fonts()
    top = bottom + height
    canvas.setFillColor(colors.black)
    canvas.setFont(font, 20)
    canvas.drawCentredString(left + width / 2, top - 14 * mm, _("Party Dues Receipt"))
    canvas.setLineWidth(0.8)
    title_width = canvas.stringWidth(_("Party Dues Receipt"), font, 20)
    canvas.line(
        left + width / 2 - title_width / 2 - 4 * mm,
        top - 16 * mm,
        left + width / 2 + title_width / 2 + 4 * mm,
        top - 16 * mm,
    )
    canvas.setFont(font, 11)
    canvas.drawString(left, top - 23 * mm, _("Branch: {name}").format(name=data.branch_name))
    canvas.setFont(font, 12)
    canvas.drawRightString(left + width, top - 23 * mm, _("No. {number}").format(number=data.number))

    # The ruled grid: four rows, label | value | label | value.
    grid_top = top - 26 * mm
    row_height = 10 * mm
    label_width = 30 * mm
    middle = left + width * 0.40
    col_x = [left, left + label_width, middle, middle + label_width, left + width]
    rows = 4
    canvas.setLineWidth(1.0)
    canvas.rect(left, grid_top - rows * row_height, width, rows * row_height)
    canvas.setLineWidth(0.5)
    for i in range(1, rows):
        canvas.line(left, grid_top - i * row_height, left + width, grid_top - i * row_height)
    # vertical lines: full height for the first label column; the middle ones skip the capitals row
    canvas.line(col_x[1], grid_top, col_x[1], grid_top - rows * row_height)
    for x in (col_x[2], col_x[3]):
        canvas.line(x, grid_top, x, grid_top - row_height)
        canvas.line(x, grid_top - 2 * row_height, x, grid_top - rows * row_height)

    def put(column: int, row: int, text: str, size: float = 12, span_to: int | None = None) -> None:
        x0 = col_x[column] + 2.5 * mm
        x1 = col_x[span_to if span_to is not None else column + 1] - 2.5 * mm
        fitted = _fit(canvas, text, font, size, x1 - x0)
        canvas.setFont(font, fitted)
        canvas.drawString(x0, grid_top - row * row_height - row_height / 2 - fitted * 0.35, text)

    put(0, 0, _("Paid by"))
    put(1, 0, data.member_name, 13)
    put(2, 0, _("Months paid"))
    put(3, 0, data.months_text, 12)
    put(0, 1, _("Amount in words"))
    put(1, 1, _("RMB {words}").format(words=amount_in_words(data.amount)), 14, span_to=4)
    put(0, 2, _("Amount"))
    put(1, 2, f"¥{data.amount:,.2f}", 14)
    put(2, 2, _("Of which voluntary"))
    put(3, 2, f"¥{data.extra:,.2f}" if data.extra else "—", 12)
    put(0, 3, _("Paid by way of"))
    put(1, 3, data.method_text)
    put(2, 3, _("Date received"))
    put(3, 3, data.paid_on_text)

    sign_y = grid_top - rows * row_height - 9 * mm
    canvas.setFont(font, 12)
    canvas.drawString(left, sign_y, _("Collector: {name}").format(name=data.collector))
    canvas.drawString(left + width * 0.36, sign_y, _("Payer's signature: ____________"))
    canvas.drawRightString(left + width, sign_y, _("Party branch (stamp)"))
    if data.to_central:
        canvas.setFont(font, 9)
        canvas.drawString(
            left,
            sign_y - 6 * mm,
            _(
                "The voluntary part of 1000 yuan or more is handed up to the Central Committee in full (2008 rules, art. 11)."
            ),
        )
    if data.voided:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.75, 0, 0))
        canvas.setStrokeColor(colors.Color(0.75, 0, 0))
        canvas.setLineWidth(2)
        canvas.translate(left + width - 32 * mm, top - 9 * mm)
        canvas.rotate(12)
        canvas.rect(-22 * mm, -7 * mm, 44 * mm, 14 * mm)
        canvas.setFont(font, 20)
        canvas.drawCentredString(0, -3.5 * mm, _("Reversed"))
        canvas.restoreState()


def write_receipts(receipts: Sequence[ReceiptData], target: Path) -> Path:
    """All receipts, three to an A4 page, with dashed cut lines between them."""
    font = register_fonts()
    canvas = Canvas(str(target), pagesize=A4, invariant=1, initialFontName=font)  # type: ignore[arg-type]  # a font name; reportlab's stub says float
    canvas.setTitle(_("Party Dues Receipt"))
    canvas.setCreator("dangjian-desktop")
    page_width, page_height = A4
    margin_x = 18 * mm
    slot = page_height / PER_PAGE
    for index, receipt in enumerate(receipts):
        position = index % PER_PAGE
        if index and position == 0:
            canvas.showPage()
        slot_bottom = page_height - (position + 1) * slot
        _draw_receipt(
            canvas, receipt, margin_x, slot_bottom + 8 * mm, page_width - 2 * margin_x, slot - 14 * mm
        )
        if position < PER_PAGE - 1:
            canvas.saveState()
            canvas.setDash(4, 3)
            canvas.setLineWidth(0.5)
            canvas.setStrokeColor(colors.grey)
            canvas.line(6 * mm, slot_bottom, page_width - 6 * mm, slot_bottom)
            canvas.setFont(font, 8)
            canvas.setFillColor(colors.grey)
            canvas.drawString(8 * mm, slot_bottom + 1.5 * mm, _("Cut along this line"))
            canvas.restoreState()
    if not receipts:
        canvas.setFont(font, 12)
        canvas.drawString(margin_x, page_height - 30 * mm, _("No receipts to print."))
    canvas.showPage()
    canvas.save()
    return target
