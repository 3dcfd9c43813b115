"""The township report on paper (乡镇党委汇总表): landscape A4 in the manner of an official table report —
the title in 小标宋, the committee and the day made, then per section a 黑体 heading, a bar chart
(reportlab.graphics) and the ruled table, its header repeated on every page, the totals row last.
Branch names and counts only: no ID number, phone or address is ever on it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from dangjian_desktop.documents.fonts import BOLD, TITLE, register_fonts
from dangjian_desktop.documents.layout import RED, Lines, ruled_table_style, text_width
from dangjian_desktop.domain.township import Cell, Chart, ReportPaper, SectionPart, SectionTable
from dangjian_desktop.i18n import _

PAGE = landscape(A4)
MARGIN = 14 * mm
WIDTH = PAGE[0] - 2 * MARGIN
BAR_COLOURS = (colors.Color(0.72, 0.11, 0.11), colors.Color(0.85, 0.62, 0.2), colors.Color(0.35, 0.35, 0.35))
FONT_SIZE = 9
CHINESE_NUMERALS = "一二三四五六七八九十"


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=TITLE, fontSize=20, leading=28, alignment=TA_CENTER),
        "committee": ParagraphStyle(
            "committee", fontName=BOLD, fontSize=13, leading=20, alignment=TA_CENTER, textColor=RED
        ),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=10.5, leading=16, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=BOLD, fontSize=14, leading=20, spaceBefore=4),
        "part": ParagraphStyle("part", fontName=BOLD, fontSize=11, leading=16),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=13),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=FONT_SIZE, leading=11, alignment=TA_CENTER),
        "name": ParagraphStyle("name", fontName=font, fontSize=FONT_SIZE, leading=11),
        "number": ParagraphStyle("number", fontName=font, fontSize=FONT_SIZE, leading=11, alignment=TA_RIGHT),
    }


def _widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """The first column as wide as the longest branch name needs (within reason), the rest shared."""
    font = register_fonts()
    names = [cell_text(row[0]) for row in rows] + [header[0]]
    first = min(max(text_width(name, FONT_SIZE, font) for name in names) + 8, WIDTH * 0.3)
    first = max(first, 60.0)
    rest = (WIDTH - first) / max(1, len(header) - 1)
    return [first, *([rest] * (len(header) - 1))]


def _table(header: Sequence[str], rows: Sequence[Sequence[Cell]], totals: Sequence[Cell] | None) -> Flowable:
    styles = _styles()
    body = [*rows, *([totals] if totals is not None else [])]

    # the body as plain strings (reportlab sets them in one go; a flowable per cell is ten times slower):
    # branch names fit their column, which is as wide as the longest one needs
    data: list[list[Flowable | str]] = [[Lines(h, styles["head"]) for h in header]]
    data += [[cell_text(value) for value in row] for row in body]
    table = LongTable(data, colWidths=_widths(header, body), repeatRows=1)
    style = [*ruled_table_style(register_fonts(), FONT_SIZE, totals=totals is not None)]
    style.append(("ALIGN", (1, 1), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))  # type: ignore[arg-type]  # commands of mixed shape
    return table


def bar_chart(chart: Chart, width: float = WIDTH, height: float = 62 * mm) -> Drawing:
    """Grouped bars, one group per branch; the branch names under the bars, turned when there are many."""
    font = register_fonts()
    drawing = Drawing(width, height)
    many = len(chart.categories) > 8
    longest = max((text_width(name, 7, font) for name in chart.categories), default=0.0)
    # turned names hang below the axis: room for the longest (sin 60° of its length), within reason
    label_room = min(longest * 0.87 + 10, height / 2) if many else 18.0
    plot = VerticalBarChart()
    plot.x, plot.y = 40, int(label_room + 4)
    plot.width, plot.height = int(width - 60), int(height - label_room - 34)
    plot.data = [list(values) or [0.0] for _name, values in chart.series]
    plot.categoryAxis.categoryNames = list(chart.categories) or [""]
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7 if many else 8
    if many:
        plot.categoryAxis.labels.angle = 60
        plot.categoryAxis.labels.boxAnchor = "ne"
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    highest = max((value for _name, values in chart.series for value in values), default=0.0)
    if highest <= 5:  # a few people or notices: whole steps, never 0.5 of a person
        plot.valueAxis.valueMax = max(1, int(highest) + (0 if highest == int(highest) else 1))
        plot.valueAxis.valueStep = 1
    plot.valueAxis.forceZero = 1
    plot.barSpacing = 1
    plot.groupSpacing = 3 if many else 8
    for index in range(len(chart.series)):
        plot.bars[index].fillColor = BAR_COLOURS[index % len(BAR_COLOURS)]
        plot.bars[index].strokeColor = None
    drawing.add(plot)
    title = chart.title + (f"（{chart.unit}）" if chart.unit else "")
    drawing.add(String(width / 2, height - 12, title, fontName=BOLD, fontSize=10, textAnchor="middle"))
    legend = Legend()
    legend.fontName = font
    legend.fontSize = 8
    legend.x, legend.y = int(width - 10), int(height - 8)
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 60
    legend.colorNamePairs = [
        (BAR_COLOURS[index % len(BAR_COLOURS)], name) for index, (name, _values) in enumerate(chart.series)
    ]
    drawing.add(legend)
    return drawing


def _section(section: SectionTable, number: int) -> list[Flowable]:
    styles = _styles()
    numeral = CHINESE_NUMERALS[number - 1] if number <= len(CHINESE_NUMERALS) else str(number)
    heading = Lines(_("{numeral}. {title}").format(numeral=numeral, title=section.title), styles["heading"])
    story: list[Flowable] = [
        CondPageBreak(90 * mm),
        KeepTogether([heading, Spacer(1, 2 * mm), bar_chart(section.chart)]),
        Spacer(1, 2 * mm),
    ]
    story += [Lines(note, styles["note"]) for note in section.notes]
    story += [Spacer(1, 2 * mm), _table(section.header, section.rows, section.totals)]
    for part in section.extra:
        story += _part(part)
    return story


def _part(part: SectionPart) -> list[Flowable]:
    styles = _styles()
    return [
        Spacer(1, 5 * mm),
        CondPageBreak(30 * mm),
        Lines(part.title, styles["part"]),
        Spacer(1, 1.5 * mm),
        _table(part.header, part.rows, part.totals),
    ]


def _front(paper: ReportPaper) -> list[Flowable]:
    styles = _styles()
    story: list[Flowable] = [
        Lines(paper.committee, styles["committee"]),
        Spacer(1, 2 * mm),
        Lines(paper.title, styles["title"]),
        Spacer(1, 2 * mm),
    ]
    story += [Lines(line, styles["meta"]) for line in paper.lines]
    return [*story, Spacer(1, 4 * mm)]


def _page_number(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(register_fonts(), 9)
    canvas.drawCentredString(PAGE[0] / 2, 8 * mm, _("Page {page}").format(page=document.page))
    canvas.restoreState()


def pdf_bytes(paper: ReportPaper) -> bytes:
    """The report as a PDF: every section with its chart and tables; the same report gives the same bytes."""
    font = register_fonts()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        invariant=1,
        initialFontName=font,
        title=paper.title,
        author=paper.committee,
        creator="dangjian-desktop",
    )
    story = _front(paper)
    for number, section in enumerate(paper.sections, start=1):
        if number > 1 and section.wide:
            story.append(PageBreak())
        story += _section(section, number)
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()
