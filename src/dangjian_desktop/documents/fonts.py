"""The bundled faces of every PDF, embedded and subset, so a printout looks the same on any computer.

| role | reportlab name | embedded as | from (scripts/build_fonts.py) |
| forms, tables (sans) | NotoSansSC | NotoSansSC-Regular | Noto Sans SC (OFL) |
| 黑体: headings, labels, any bold | NotoSansSC-Bold | NotoSansCJKsc-Bold | Noto Sans CJK SC Bold (OFL) |
| 仿宋: notice body | FandolFang | FandolFang-Regular | Fandol (GPL + font exception) |
| 小标宋: notice and document titles | NotoSerifSC-Bold | NotoSerifCJKsc-Bold | Noto Serif CJK SC Bold (OFL) |
| 楷体: second-level headings （一） | KaitiGB | AR PL KaitiM GB | Arphic (Arphic PL) |

Every face but Noto Sans SC holds GB 2312 (仿宋 a little more); a character a face lacks (a rare character
in a name) is drawn in Noto Sans SC, which is complete — ``draw_string`` and ``text_width`` do this.
There is no fake bold (a stroked outline): bold text is the bold face.

reportlab needs TrueType outlines (it rejects the OTF/CFF files), hence the converted TTFs. Set the sans as
the canvas's ``initialFontName`` too, or reportlab adds an unembedded Helvetica.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.font_cache import load_font
from dangjian_desktop.paths import resource_path

SANS = "NotoSansSC"
BOLD = HEI = "NotoSansSC-Bold"
FANGSONG = "FandolFang"
TITLE = "NotoSerifSC-Bold"
KAI = "KaitiGB"
_FILES = {
    SANS: "NotoSansSC-Regular.ttf",
    BOLD: "NotoSansCJKsc-Bold.ttf",
    FANGSONG: "FandolFang-Regular.ttf",
    TITLE: "NotoSerifCJKsc-Bold.ttf",
    KAI: "gkai00mp.ttf",
}


@cache
def register_fonts() -> str:
    """Register the sans faces once per process (the others when first used: reading the 仿宋 file takes
    a while); returns the sans face's reportlab name."""
    for name in (SANS, BOLD):
        face(name)
    for bold in (0, 1):  # Paragraph markup never falls back to Helvetica; <b> is the real bold face
        for italic in (0, 1):
            addMapping(SANS, bold, italic, BOLD if bold else SANS)
    return SANS


@cache
def face(name: str) -> str:
    """``name`` registered with reportlab (once), ready for ``setFont``; the parsed face comes from the
    font cache when it can (documents/font_cache.py)."""
    pdfmetrics.registerFont(load_font(name, resource_path("fonts", _FILES[name])))
    return name


@cache
def _glyphs(font: str) -> frozenset[int]:
    ttf = pdfmetrics.getFont(face(font))
    assert isinstance(ttf, TTFont)  # every face here is a TrueType one
    return frozenset(ttf.face.charToGlyph)


def covers(font: str, ch: str) -> bool:
    return ord(ch) in _glyphs(font)


@cache
def _widths(font: str) -> dict[str, float]:
    return {}


def char_width(ch: str, font: str) -> float:
    """Width at 1000 pt of ``ch`` in ``font`` (or in the sans face when ``font`` lacks it)."""
    table = _widths(font)
    width = table.get(ch)
    if width is None:
        used = font if covers(font, ch) or font == SANS else SANS
        width = table[ch] = pdfmetrics.getFont(face(used)).stringWidth(ch, 1000.0)
    return width


def text_width(text: str, size: float, font: str | None = None) -> float:
    """Width in points (CJK text has no kerning)."""
    font = font or register_fonts()
    return sum(char_width(ch, font) for ch in text) * size / 1000.0


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (face, text) runs: the face where it has the character, the sans face where not."""
    result: list[tuple[str, str]] = []
    for ch in text:
        used = font if font == SANS or covers(font, ch) or ch.isspace() else SANS
        if result and result[-1][0] == used:
            result[-1] = (used, result[-1][1] + ch)
        else:
            result.append((used, ch))
    return result


def draw_string(
    c: Canvas, x: float, y: float, text: str, size: float, font: str | None = None, char_space: float = 0.0
) -> None:
    """One line of text at (x, y) with ``char_space`` between characters, characters the face lacks in the
    sans face."""
    font = font or register_fonts()
    t = c.beginText(x, y)
    if char_space:
        t.setCharSpace(char_space)
    for used, part in runs(text, font):
        t.setFont(face(used), size)
        t.textOut(part)
    if char_space:
        t.setCharSpace(0)  # the text state outlives the text object in PDF: reset it for what follows
    c.drawText(t)
    canvas_state: Any = c  # the canvas's current font, which reportlab's type stubs do not declare
    canvas_state._fontname, canvas_state._fontsize = font, size  # noqa: SLF001 - what the text object left set
