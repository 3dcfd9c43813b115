"""The bundled Chinese font for every PDF: embedded, so a printout looks the same on any computer.

reportlab needs TrueType outlines (it rejects the OTF/CFF Noto files), hence the converted TTF.
Set it as the canvas's ``initialFontName`` too, or reportlab adds an unembedded Helvetica.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dangjian_desktop.paths import resource_path

FONT_NAME = "NotoSansSC"
FONT_FILE = ("fonts", "NotoSansSC-Regular.ttf")


@cache
def register_fonts() -> str:
    """Register the font once per process; returns its reportlab name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(resource_path(*FONT_FILE))))
    # One face only: bold and italic map to it, so Paragraph markup never falls back to Helvetica.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
