"""Cleaning of text typed into forms or read from spreadsheet cells.

Full-width ASCII (typed with a Chinese input method) becomes half-width, invisible characters are
dropped and runs of whitespace become one space. Chinese characters are never touched: we map the
full-width block by hand instead of using NFKC, which would rewrite CJK compatibility ideographs,
Kangxi radicals and circled numbers.
"""

from __future__ import annotations

import re

# Characters that take no space and are never meant: zero-width space/joiners, word joiner,
# byte-order mark, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Dashes that people (or Word/Excel auto-correct) put where a hyphen was meant.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): None for ch in _INVISIBLE}
    # Full-width ASCII block U+FF01..U+FF5E maps onto U+0021..U+007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    # Ideographic space and the no-break spaces become plain spaces (collapsed afterwards).
    for code in (0x3000, 0x00A0, 0x2007, 0x202F):
        table[code] = " "
    return table


_TABLE = _build_table()
# In free text (addresses, notes) Chinese punctuation is part of the writing, not a typing accident.
CHINESE_PUNCTUATION = "，：；（）！？"
_PROSE_TABLE = {code: target for code, target in _TABLE.items() if chr(code) not in CHINESE_PUNCTUATION}
_WHITESPACE = re.compile(r"\s+")
_SPACES_AND_HYPHENS = re.compile("[\\s" + re.escape(HYPHENS) + "]+")


def normalize_text(value: object, *, keep_chinese_punctuation: bool = False) -> str:
    """Return ``value`` as clean one-line text; ``None`` becomes ``""``.

    Full-width digits, letters and punctuation become half-width, the ideographic space and
    no-break spaces become ordinary spaces, zero-width characters are removed, the ends are
    stripped and every run of whitespace (line breaks included) becomes a single space. With
    ``keep_chinese_punctuation`` (free text such as addresses and notes) ，：；（）！？ stay as typed.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.translate(_PROSE_TABLE if keep_chinese_punctuation else _TABLE)
    return _WHITESPACE.sub(" ", text).strip()


def normalize_digits_only(value: object) -> str:
    """``normalize_text`` and then drop every space and hyphen (for phone and ID number cells)."""
    return _SPACES_AND_HYPHENS.sub("", normalize_text(value))


# --- natural order of names with numbers in them (第二党小组 before 第十党小组) ---------------------

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER_CHARS = set(_CHINESE_DIGITS) | {"十", "百"}


def _chinese_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20, 一百零五 -> 105 (enough for party groups and villages)."""
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CHINESE_DIGITS[char]
    return total + current


def natural_key(text: str) -> tuple[str | int, ...]:
    """第二党小组 before 第十党小组, 2组 before 10组: numbers in the text compare as numbers."""
    parts: list[str | int] = []  # word, number, word, number, …, word
    word, number, kind = "", "", ""
    for char in text:
        char_kind = "digit" if char.isdigit() and char.isascii() else "hanzi" if char in _NUMBER_CHARS else ""
        if char_kind and (not number or char_kind == kind):
            number += char
            kind = char_kind
            continue
        if number:
            parts += [word, int(number) if kind == "digit" else _chinese_number(number)]
            word, number, kind = "", "", ""
            if char_kind:
                number, kind = char, char_kind
                continue
        word += char
    if number:
        parts += [word, int(number) if kind == "digit" else _chinese_number(number)]
        word = ""
    parts.append(word)
    return tuple(parts)
