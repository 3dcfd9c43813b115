"""The printed lines of a PDF, read back from the characters' positions (pypdfium2 char boxes): each line
is a run of characters on one baseline (their origins) in one size with no gap wider than about a character between them, so two
cells of a table row are two lines, as a reader sees them."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    left: float
    right: float
    baseline: float
    size: float


def lines(data: bytes) -> list[list[Line]]:
    """Per page, its lines top to bottom."""
    document = pdfium.PdfDocument(data)
    pages: list[list[Line]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            chars = []
            for i in range(text_page.count_chars()):
                ch = text_page.get_text_range(i, 1)
                if not ch.strip():
                    continue
                left, bottom, right, top = text_page.get_charbox(i)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(text_page.raw, i, ctypes.byref(x), ctypes.byref(y))
                size = pdfium_c.FPDFText_GetFontSize(text_page.raw, i)
                chars.append((ch, x.value, right, y.value, size, top - bottom))
            pages.append(_group(index, chars))
            text_page.close()
            page.close()
    finally:
        document.close()
    return pages


Char = tuple[str, float, float, float, float, float]  # text, origin x, ink right, baseline, size, ink height


def _group(page: int, chars: list[Char]) -> list[Line]:
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c[3], c[1])):
        for row in rows:
            if abs(row[0][3] - char[3]) < 0.5 and abs(row[0][4] - char[4]) < 0.5:
                row.append(char)
                break
        else:
            rows.append([char])
    found: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        em = max(c[5] for c in row) / 0.85  # a Chinese character's ink is about 0.85 em high
        run = [row[0]]
        for char in row[1:]:
            previous = run[-1]
            advance = em if ord(previous[0]) > 0x2E80 else em * 0.6
            if char[1] - previous[1] - advance > em * 0.9:  # a gap wider than a character: another line
                found.append(_line(page, run))
                run = []
            run.append(char)
        found.append(_line(page, run))
    found.sort(key=lambda line: (-line.baseline, line.left))
    return found


def _line(page: int, run: list[Char]) -> Line:
    return Line(page, "".join(c[0] for c in run), run[0][1], run[-1][2], run[0][3], run[0][4])


def split_words(data: bytes, words: tuple[str, ...] | list[str]) -> list[str]:
    """The ``words`` printed with their first part at the end of one line and the rest starting the line
    just under it (in the same column): each as "upper line | lower line"."""
    found = []
    for page in lines(data):
        for upper in page:
            for word in words:
                for cut in range(1, len(word)):
                    if not upper.text.endswith(word[:cut]):
                        continue
                    found += [
                        f"{upper.text} | {lower.text}"
                        for lower in page
                        if 0 < upper.baseline - lower.baseline < upper.size * 2.6
                        and lower.left <= upper.right
                        and lower.right >= upper.left  # the same column
                        and lower.text.startswith(word[cut:])
                    ]
    return found
