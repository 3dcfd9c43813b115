"""The one line-breaking engine of every printout (notices, the activity book, minutes, dues reports,
receipts, the post board and cards, the directory).

Chinese is set character by character, but some runs may never be split across lines:

- a number with its decimals, separators and unit (11206.80元, 10,471.90, 2026/10/12, 0531-87876543, 95%);
  a date breaks only between its parts (2026年 | 3月 | 2日), never inside 2026;
- a code, receipt or book number and any Latin word (KC2026-018, No.);
- a range of numbers or dates (2026.01—2026.03, 2025—2026年度);
- a person's name: one with · (阿卜杜热合曼·买买提), one before 同志 (黄海涛同志), a name the caller lists
  in ``keep``, and a short item of 2–4 characters standing between list marks (…、孙振华、… or
  缺席：孙振华（外出）).

Then the line-breaking rules (避头尾): closing punctuation (，。、）》” …) never starts a line and opening
punctuation (（《“ …) never ends one. The engine keeps each mark with its neighbour; a closing mark that
does not fit is pushed in (the line is set a little tighter by ``line_spacing``), never hung past the
type area. A run too long for a whole line is the only thing ever cut, as a last resort.

reportlab's own CJK wrapping (``reportlab.lib.textsplit``) knows the punctuation rules but breaks
numbers, dates and names anywhere, and a UAX #14 breaker treats 11206.80元 as breakable before 元 and
every Han character as a break opportunity; neither knows names, so the rules are kept here, small and
tested (tests/documents/test_textset.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dangjian_desktop.documents.fonts import text_width

# A line may not start with these (避头) …
CLOSING = frozenset("，。、；：？！）」』》〉】〕］｝”’…—–,.;:?!)]}%％·‧℃°～")
# … nor end with these (避尾).
OPENING = frozenset("（「『《〈【〔［｛“‘([{¥￥")

_UNIT = r"(?:个工作日|工作日|万元|亿元|个月|年度|周岁|元|万|亿|年|月|日|号|名|人|次|个|户|项|页|天|岁|期|票|张|份|条|届|%|％|℃)"
_CODE = r"[¥￥]?[A-Za-z0-9]+(?:[.,:/_\-][A-Za-z0-9]+)*"
_ITEM = rf"{_CODE}{_UNIT}?"
_RANGE = r"(?:—|–|~|～|-)"
_HAN = r"[\u3400-\u9fff\U00020000-\U0002ffff]"
_COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|独孤"
_PROTECTED = re.compile(
    rf"{_ITEM}(?:{_RANGE}{_ITEM})*"  # numbers, codes, words, ranges
    rf"|{_HAN}{{1,6}}(?:[·•‧・]{_HAN}{{1,6}})+"  # a name with · (each part at most 6 characters)
    r"|——|……"  # a dash or an ellipsis is one mark of two characters
    rf"|(?:{_COMPOUND_SURNAMES}){_HAN}{{1,2}}同志|{_HAN}{{2,3}}同志"  # 黄海涛同志, 欧阳明远同志
)
# A short item of a list (most often a name): 2–4 characters between list marks or line ends.
_LIST_MARKS = "、，,：:；;。！？（）()　 "
_LIST_ITEM = re.compile(rf"(?:(?<=[{_LIST_MARKS}])|^)({_HAN}{{2,4}})(?=[{_LIST_MARKS}]|$)")


def atoms(text: str, keep: Iterable[str] = ()) -> list[str]:
    """``text`` cut into the pieces a line may break between (punctuation already attached)."""
    spans: list[tuple[int, int]] = []
    for word in sorted({w for w in keep if len(w) > 1}, key=len, reverse=True):
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + len(word))
    spans += [m.span() for m in _PROTECTED.finditer(text)]
    spans += [m.span(1) for m in _LIST_ITEM.finditer(text)]
    whole = [False] * (len(text) + 1)  # whole[i]: no break between text[i - 1] and text[i]
    for start, end in spans:
        for i in range(start + 1, end):
            whole[i] = True
    pieces: list[str] = []
    for i, ch in enumerate(text):
        glue = i > 0 and (whole[i] or ch in CLOSING or text[i - 1] in OPENING)
        if glue and pieces:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def _split_long(atom: str, size: float, width: float, font: str) -> list[str]:
    """The last resort for a run wider than a whole line: by character, punctuation still kept."""
    parts: list[str] = []
    current = ""
    for ch in atom:
        if current and ch not in CLOSING and text_width(current + ch, size, font) > width:
            parts.append(current)
            current = ""
        current += ch
    parts.append(current)
    return parts


def _squeezable(atom: str) -> str:
    """The closing marks at the end of ``atom`` that may be pushed into a full line."""
    end = len(atom)
    while end > 0 and atom[end - 1] in CLOSING:
        end -= 1
    return atom[end:]


def break_lines(
    text: str,
    size: float,
    width: float,
    font: str,
    *,
    first_width: float | None = None,
    keep: Iterable[str] = (),
    squeeze: float = 1.0,
) -> list[str]:
    """The lines of ``text`` (its own line breaks kept) in ``width`` points; the first line of each paragraph
    in ``first_width`` when given (an indent). A line may run over by closing punctuation worth at most
    ``squeeze`` em; ``line_spacing`` then sets it tighter to fit."""
    keep = tuple(keep)
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        lines += _break_paragraph(paragraph, size, width, font, first_width, keep, squeeze)
    return lines


def _break_paragraph(
    text: str,
    size: float,
    width: float,
    font: str,
    first_width: float | None,
    keep: Sequence[str],
    squeeze: float,
) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0.0
    limit = width if first_width is None else first_width
    allowance = squeeze * size
    for atom in atoms(text, keep):
        w = text_width(atom, size, font)
        if used + w <= limit + 0.01:
            lines[-1].append(atom)
            used += w
            continue
        tail = _squeezable(atom)
        glyphs = sum(len(a) for a in lines[-1]) + len(atom)
        room = min(allowance, text_width(tail, size, font), 0.08 * size * (glyphs - 1))  # ≤ 8 % a gap
        if tail and lines[-1] and used + w - limit <= room + 0.01:
            lines[-1].append(atom)  # pushed in: only closing marks run over, and not by much
            used += w
            continue
        if lines[-1]:
            lines.append([])
            used = 0.0
            limit = width
        if w > limit + 0.01:
            parts = _split_long(atom, size, limit, font)
            for part in parts[:-1]:
                lines[-1].append(part)
                lines.append([])
            atom, w = parts[-1], text_width(parts[-1], size, font)
        lines[-1].append(atom)
        used = w
    _avoid_one_character_last_line(lines, size, width, font)
    return ["".join(line) for line in lines]


def _avoid_one_character_last_line(lines: list[list[str]], size: float, width: float, font: str) -> None:
    """A paragraph's last line of one character (…公示如 / 下：) takes the atom before it along."""
    if len(lines) < 2 or len(lines[-2]) < 4:
        return
    last = "".join(lines[-1])
    if len(last.rstrip("".join(CLOSING))) > 1:
        return
    moved = lines[-2][-1]
    if text_width(moved + last, size, font) <= width and len("".join(lines[-2][:-1])) > 2:
        lines[-2].pop()
        lines[-1].insert(0, moved)


def line_spacing(
    line: str, size: float, width: float, font: str, *, justify: bool = False, char_space: float = 0.0
) -> float:
    """The character spacing (points) that sets ``line`` in ``width``: tighter when pushed-in punctuation
    made it a little long; with ``justify``, wider to reach the right edge, but only when the gaps stay
    small — up to two characters' room over a full line (a line broken early before a long word or name
    stays ragged rather than spread out)."""
    count = len(line)
    if count < 2:
        return char_space
    natural = text_width(line, size, font) + char_space * count
    spare = width - natural
    if spare < -0.01:
        return char_space + spare / (count - 1)
    if justify and (spare / (count - 1) <= size * 0.06 or (count >= 16 and spare <= size * 2.2)):
        return char_space + spare / (count - 1)
    return char_space


def least_width(text: str, size: float, font: str, keep: Iterable[str] = ()) -> float:
    """The width of the widest run of ``text`` that may not be split: a column narrower than this cuts a
    number or a name."""
    return max((text_width(atom, size, font) for atom in atoms(text, keep)), default=0.0)


def widen_columns(widths: Sequence[float], needs: Sequence[float]) -> list[float]:
    """Column widths, each at least its ``needs`` where the table's total allows: a column too narrow for
    its longest name or number takes the room from the columns with room to spare (in proportion to it).
    The total stays the same."""
    result = list(widths)
    deficit = sum(max(0.0, need - width) for need, width in zip(needs, widths, strict=True))
    spare = [max(0.0, width - need) for need, width in zip(needs, widths, strict=True)]
    if deficit <= 0 or sum(spare) <= 0:
        return result
    share = min(1.0, sum(spare) / deficit)  # how much of each deficit can be met
    taken = deficit * share
    for i, (need, width) in enumerate(zip(needs, widths, strict=True)):
        if need > width:
            result[i] = width + (need - width) * share
        else:
            result[i] = width - spare[i] * taken / sum(spare)
    return result
