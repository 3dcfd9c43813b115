"""Finding a member as a secretary types: by name, by pinyin initials (``zs`` finds 张三), by full
pinyin, or by the last digits of the ID number or phone. Keys are computed once, at write time."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import product
from typing import Any

from dangjian_desktop.domain.text import normalize_text

# pypinyin reads these characters by their common reading; as surnames they are read otherwise.
# Both readings are indexed, so either spelling a secretary types finds the person.
_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "区": ("ou",),
    "盖": ("ge",),
    "乐": ("yue", "le"),
    "繁": ("po",),
    "覃": ("qin", "tan"),
    "召": ("shao",),
    "员": ("yun",),
    "缪": ("miao",),
    "秘": ("bi",),
    "宓": ("mi",),
    "种": ("chong",),
    "折": ("she",),
    "翟": ("zhai",),
    "黑": ("he",),
    "冼": ("xian",),
    "尉": ("yu", "wei"),
    "句": ("gou",),
    "能": ("nai",),
    "华": ("hua",),
    "任": ("ren",),
    "过": ("guo",),
    "都": ("du",),
    "阚": ("kan",),
    "隗": ("wei",),
    "长": ("chang",),
    "沈": ("shen",),
    "薄": ("bo",),
    "费": ("fei",),
    "万": ("wan",),
}
_COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "万俟": ("mo", "qi"),
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "单于": ("chan", "yu"),
}
FIELD_SEPARATOR = "\t"


def _each_character(chars: str) -> Any:
    """Characters pypinyin cannot read stay themselves, one item each (its stubs say str; a list is
    what it takes at run time)."""
    return list(chars)


@cache
def _reading(char: str) -> str:
    """A character's usual reading. Names are read character by character: pypinyin's phrase matching
    is for running text, and asking it once per character (cached) makes an import of 10,000 names
    several times faster."""
    from pypinyin import Style, lazy_pinyin  # 0.2 s to import: only when a name is written

    syllables = lazy_pinyin(char, style=Style.NORMAL, errors=_each_character)
    return (syllables[0] if syllables else char).lower()


def _syllable_options(name: str) -> list[tuple[str, ...]]:
    options: list[tuple[str, ...]] = [(_reading(char),) for char in name]
    for compound, readings in _COMPOUND_SURNAMES.items():
        if name.startswith(compound) and len(name) > len(compound):
            for i, reading in enumerate(readings):
                options[i] = tuple(dict.fromkeys((reading, *options[i])))
            return options
    if name and name[0] in _SURNAME_READINGS:
        options[0] = tuple(dict.fromkeys((*_SURNAME_READINGS[name[0]], *options[0])))
    return options


def pinyin_spellings(name: str) -> tuple[list[str], list[str]]:
    """The initials and the full pinyin of a name, every surname reading included."""
    name = normalize_text(name).replace(" ", "")
    if not name:
        return [], []
    combos = list(product(*_syllable_options(name)))[:8]
    initials = list(dict.fromkeys("".join(s[0] for s in combo if s) for combo in combos))
    full = list(dict.fromkeys("".join(combo) for combo in combos))
    return initials, full


def build_search_key(name: str, id_number: str, phone: str) -> str:
    initials, full = pinyin_spellings(name)
    digits_phone = "".join(ch for ch in phone if ch.isdigit())
    return FIELD_SEPARATOR.join(
        [normalize_text(name), " ".join(initials + full), id_number.upper(), digits_phone]
    )


class SearchIndex:
    """All members' keys, prepared for a fast scan; ``search`` returns the matching row positions."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._names: list[str] = []
        self._spellings: list[str] = []
        self._numbers: list[str] = []
        for key in keys:
            parts = (key.split(FIELD_SEPARATOR) + ["", "", "", ""])[:4]
            self._names.append(parts[0])
            self._spellings.append(" " + parts[1])
            self._numbers.append(parts[2] + "\n" + parts[3] + "\n")

    def __len__(self) -> int:
        return len(self._names)

    def search(self, text: str) -> list[int] | None:
        """Row positions that match; None means 'no search' (an empty query matches everyone)."""
        query = normalize_text(text).replace(" ", "")
        if not query:
            return None
        lowered = query.lower()
        if lowered.rstrip("x").isdigit():
            needle = query.upper() + "\n"
            return [i for i, s in enumerate(self._numbers) if needle in s]
        if lowered.isascii() and lowered.isalpha():
            needle = " " + lowered
            return [i for i, s in enumerate(self._spellings) if needle in s]
        return [i for i, s in enumerate(self._names) if query in s]
