"""The privacy guard of everything pinned on the public board (decisions.md #13): resident ID numbers
(18 digits, and the old 15), mobile numbers, landline numbers other than the public phones, and any phone
or home address that is on the roster.

The guard looks at the text as a reader sees it, not as it is stored. First the text is read the way an
eye reads it: full-width characters become half-width, every kind of decimal digit (𝟏, ١) becomes 0–9,
zero-width characters and soft hyphens disappear, and a long run of Chinese numerals (一三八…) or of
digits with O/l for 0/1 counts as digits. Then digits that are only kept apart by spaces, dots, slashes,
dashes, commas, underscores, tabs, brackets or line breaks are one number to the reader, so the groups of
such a chain are joined in every way that gives an ID number or a mobile (``110105.19900307.1239``,
``138/1234/5678``, ``(138)(1234)(5678)``, a number split over two lines). A joined number has to look
like the real thing (an ID number's birth date, a mobile's 13x–19x) so that dates, amounts and lists of
small numbers are left alone.

Both the notices (which refuse to publish) and the post board (which masks) use this one guard.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.i18n import N_, _

ID_NUMBER, MOBILE, LANDLINE, ROSTER_PHONE, ADDRESS = (
    "id_number",
    "mobile",
    "landline",
    "roster_phone",
    "address",
)
FINDING_LABELS = {
    ID_NUMBER: N_("a resident ID number"),
    MOBILE: N_("a mobile phone number"),
    LANDLINE: N_("a landline phone number"),
    ROSTER_PHONE: N_("a member's phone number from the roster"),
    ADDRESS: N_("a member's home address from the roster"),
}
PART_LABELS = {
    "title": N_("title"),
    "addressee": N_("addressee"),
    "body": N_("body"),
    "issuer": N_("issuer"),
    "place": N_("place of posting"),
    "phones": N_("supervision phones"),
}
REDACTED = "＊＊＊"

# --- the text as a reader sees it ------------------------------------------------------------------

# Characters that take no room on paper: zero-width space/joiners, direction marks, word joiner and the
# invisible operators, BOM, soft hyphen, combining grapheme joiner, Mongolian vowel separator.
_INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Spaces of every width become a plain space.
_SPACES = "\u3000\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): None for ch in _INVISIBLE}
    for code in range(0xFF01, 0xFF5F):  # the full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for ch in _SPACES:
        table[ord(ch)] = " "
    return table


_TABLE = _build_table()

# Between the groups of one number a reader skips these (at most a few of them in a row).
_SEPARATORS = (
    " \t\r\n\v\f\u2028\u2029"
    ".。·・/\\_,，、"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"
    "()（）[]【】〔〕{}"
)
_MAX_SEPARATOR_RUN = 6
_SEPARATOR_CLASS = "[" + re.escape(_SEPARATORS) + "]"
_SEPARATOR_RUN = re.compile(f"{_SEPARATOR_CLASS}{{1,{_MAX_SEPARATOR_RUN}}}")

# Digits written as Chinese numerals (一三八…) count as digits in a run of at least seven of them; the
# letters O and l (or I) count as 0 and 1 in a run of digits, unless they are part of a word.
_CHINESE_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}
_CHINESE_DIGITS |= {"六": "6", "七": "7", "八": "8", "九": "9"}
_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1"}
_MIN_DIGITS_IN_WORDS = 7


def _run_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{chars}](?:{_SEPARATOR_CLASS}{{0,{_MAX_SEPARATOR_RUN}}}[{chars}])*")


_CHINESE_DIGIT_RUN = _run_of("".join(_CHINESE_DIGITS))
_LOOKALIKE_RUN = _run_of("0-9" + "".join(_LOOKALIKES))
_WORD = re.compile(r"[A-Za-z]+")


def _resolve_numerals(chars: list[str]) -> None:
    text = "".join(chars)
    for match in _CHINESE_DIGIT_RUN.finditer(text):
        if sum(ch in _CHINESE_DIGITS for ch in match.group(0)) >= _MIN_DIGITS_IN_WORDS:
            for offset in range(match.start(), match.end()):
                chars[offset] = _CHINESE_DIGITS.get(chars[offset], chars[offset])
    words = [m for m in _WORD.finditer(text) if not set(m.group(0)) <= set(_LOOKALIKES)]
    for match in _LOOKALIKE_RUN.finditer(text):
        run = match.group(0)
        if sum(ch.isdigit() for ch in run) < 4 or sum(ch.isdigit() or ch in _LOOKALIKES for ch in run) < 7:
            continue
        for offset in range(match.start(), match.end()):
            if chars[offset] in _LOOKALIKES and not any(w.start() <= offset < w.end() for w in words):
                chars[offset] = _LOOKALIKES[chars[offset]]


@dataclass(frozen=True)
class Reading:
    """``text`` as a reader sees it, and for each of its characters the position in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original positions of ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1


def read_as_seen(text: str) -> Reading:
    """The text with full-width, other-script digits, invisible characters and digit look-alikes
    resolved (see the module's description). Line breaks stay where they are."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        mapped = ch.translate(_TABLE) if ord(ch) in _TABLE else ch
        if not mapped:
            continue
        if not mapped.isascii():
            digit = unicodedata.decimal(mapped, None)
            if digit is not None:
                mapped = str(digit)
        chars.append(mapped)
        origin.append(index)
    _resolve_numerals(chars)
    return Reading("".join(chars), tuple(origin))


def digits_of(text: str) -> str:
    """The digits a reader sees in ``text``."""
    return re.sub(r"[^0-9]", "", read_as_seen(text or "").text)


def national_digits(text: str) -> str:
    """The digits of a phone without the country code 86."""
    digits = digits_of(text)
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    if len(digits) == 15 and digits.startswith("0086"):
        return digits[4:]
    return digits


def is_public_phone(found: str, public_phones: Iterable[str]) -> bool:
    """Whether ``found`` is one of the public phones (compared by their digits: 0531-8765 4321 is
    053187654321; the number without its area code is the same phone)."""
    number = national_digits(found)
    for phone in public_phones:
        public = national_digits(phone)
        if len(public) < 5:
            continue
        if (
            number == public
            or (len(number) >= 7 and public.endswith(number))
            or (len(public) >= 7 and number.endswith(public))
        ):
            return True
    return False


# --- what is looked for ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    value: str  # as written in the text
    part: str  # title / addressee / body / issuer / place / a field of a sheet
    line: int  # 1-based, within the part
    column: int  # 1-based character position in that line
    start: int = field(default=0, compare=False)  # position in the part's original text
    end: int = field(default=0, compare=False)

    @property
    def masked(self) -> str:
        digits = digits_of(self.value)
        if self.kind == ID_NUMBER:
            last = read_as_seen(self.value).text.rstrip()[-1:]
            return mask_id_number(digits + ("X" if last in "Xx" else ""))
        if self.kind == ADDRESS:
            return self.value[:2] + "…" if len(self.value) > 2 else self.value
        return mask_phone(digits)

    def describe(self) -> str:
        """E.g. 正文第3行第12个字起：身份证号 3701**********001X (in the screen language)."""
        return _("{part}, line {line}, from character {column}: {what} {value}").format(
            part=_(PART_LABELS.get(self.part, self.part)),
            line=self.line,
            column=self.column,
            what=_(FINDING_LABELS[self.kind]),
            value=self.masked,
        )


@dataclass(frozen=True)
class PrivacyContext:
    """What the scan compares against: the public phones (may be printed), and the roster's phones and
    addresses (must never be). ``public_texts`` (the branch name, the township) exempt an "address" that
    is only the village's own name."""

    public_phones: tuple[str, ...] = ()
    roster_phones: frozenset[str] = field(default_factory=frozenset)
    roster_addresses: tuple[str, ...] = ()
    public_texts: tuple[str, ...] = ()

    @cached_property
    def addresses_to_find(self) -> tuple[str, ...]:
        """The roster's addresses as the scan compares them (no spaces; read as printed), without those too
        short to mean anything and those that are only a public name. Worked out once per context: a sheet
        of a thousand lines against a thousand addresses otherwise normalised them a million times."""
        public = [re.sub(r"\s+", "", text) for text in self.public_texts if text]
        found = []
        for address in self.roster_addresses:
            wanted = re.sub(r"\s+", "", read_as_seen(address or "").text)
            if len(wanted) >= 6 and not any(wanted in text for text in public):
                found.append(wanted)
        return tuple(found)


# Landlines keep their usual writing: an area code (in brackets or not), a space or hyphen, the number.
_SEP = r"[ \-]?"
_START = r"(?<![0-9A-Za-z])(?<![0-9][ \-])"
_END_DIGIT = r"(?![ \-]?[0-9])"
_LANDLINE = re.compile(
    r"(?:(?<![0-9])[(（]0[0-9]{2,3}[)）]|"
    + _START
    + r"0[0-9]{2,3})"
    + r"[ \-]?[0-9]{3,4}"
    + _SEP
    + r"[0-9]{4}"
    + _END_DIGIT
)
_LOCAL = re.compile(_START + r"[2-9][0-9]{2,3}" + _SEP + r"[0-9]{4}" + _END_DIGIT)
_DIGIT_RUN = re.compile(r"[0-9](?:[ \-]?[0-9])*")
# Dates and times are not phone numbers: 2026-03-01, 2026.3.1, 2026/3/1, 20260301, 2025-2026, 14:30.
_DATE_LIKE = re.compile(
    r"(?<![0-9])(?:(?:19|20)[0-9]{2}[\-./年](?:1[0-2]|0?[1-9])[\-./月](?:3[01]|[12][0-9]|0?[1-9])"
    r"|(?:19|20)[0-9]{2}(?:1[0-2]|0[1-9])(?:3[01]|[12][0-9]|0[1-9])"
    r"|(?:19|20)[0-9]{2}\s?[\-–—~至到]\s?(?:19|20)[0-9]{2})(?![0-9])"
)
_GROUP = re.compile(r"[0-9]+(?:[Xx](?![A-Za-z0-9]))?|(?<![A-Za-z0-9])[Xx](?![A-Za-z0-9])")
_ID18 = re.compile(r"[0-9]{17}[0-9Xx]")
_ID15 = re.compile(r"[0-9]{15}")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
_MAX_WINDOW = 20  # digits: the longest thing looked for is +86 and a mobile, or an ID number


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    digits: str


def _chains(text: str) -> Iterator[list[_Group]]:
    """Runs of digit groups that only separators keep apart."""
    chain: list[_Group] = []
    for match in _GROUP.finditer(text):
        group = _Group(match.start(), match.end(), match.group(0))
        if chain and not _SEPARATOR_RUN.fullmatch(text, chain[-1].end, group.start):
            yield chain
            chain = []
        chain.append(group)
    if chain:
        yield chain


def _is_date(year: str, month: str, day: str = "1") -> bool:
    try:
        return 1900 <= int(year) <= 2099 and dt.date(int(year), int(month), int(day)) is not None
    except ValueError:
        return False


def _date_groups(text: str, chain: list[_Group]) -> set[int]:
    """The groups of the chain that are parts of a date (2026.3.1, 2026-03, 2025—2026)."""
    dated: set[int] = set()
    for i, group in enumerate(chain):
        if len(group.digits) != 4 or not group.digits.startswith(("19", "20")):
            continue
        rest = chain[i + 1 : i + 3]
        joins = [text[a.end : b.start].strip() for a, b in zip(chain[i : i + 2], rest, strict=False)]
        parts = [g.digits for g in rest]
        if len(parts) == 2 and all(j in ("-", ".", "/") for j in joins) and _is_date(group.digits, *parts):
            dated |= {i, i + 1, i + 2}
        elif (
            parts and joins[0] in ("-", ".", "/") and len(parts[0]) <= 2 and _is_date(group.digits, parts[0])
        ):
            dated |= {i, i + 1}
        elif parts and len(parts[0]) == 4 and parts[0].startswith(("19", "20")):
            dated |= {i, i + 1}
    return dated


def _plausible_id(digits: str) -> bool:
    """An ID number put together from groups must look like one: a region code 1–8… and a birth date."""
    if digits[0] not in "12345678":
        return False
    if len(digits) == 18:
        return _is_date(digits[6:10], digits[10:12], digits[12:14])
    return _is_date("19" + digits[6:8], digits[8:10], digits[10:12])


def _windows(chain: list[_Group]) -> Iterator[tuple[int, int, str]]:
    """(first, last, joined digits) for every run of consecutive groups of at most 20 characters."""
    for first in range(len(chain)):
        joined = ""
        for last in range(first, len(chain)):
            joined += chain[last].digits
            if len(joined) > _MAX_WINDOW:
                break
            yield first, last, joined


def _grouped_like_a_phone(groups: list[_Group], country_code: bool, shortest: int = 3) -> bool:
    """Phones are written in a few groups of three or four digits (138 1234 5678, 0531 8765 4321), after
    +86 as a group of its own; 1、3、5、7、9、11 is a list, not a phone."""
    if country_code:
        if groups[0].digits not in ("86", "0086"):
            return False
        groups = groups[1:]
    return len(groups) <= 4 and all(len(g.digits) >= shortest for g in groups)


def _id_kind(joined: str, single: bool) -> bool:
    if _ID18.fullmatch(joined) or _ID15.fullmatch(joined):
        return single or _plausible_id(joined)
    return False


def scan_text(text: str, context: PrivacyContext, part: str = "body") -> list[Finding]:
    """Every private number or address in ``text`` as a reader sees it, in reading order."""
    if not text:
        return []
    scan = _Scan(text, context, part)
    # ID numbers first (an ID number holds a birth date, so dates are not set aside here).
    scan.id_numbers()
    scan.mobiles()
    scan.landlines()
    scan.roster_phones_written_otherwise()
    scan.addresses()
    return sorted(scan.found, key=lambda finding: finding.start)


class _Scan:
    """One scan of a text: each pass adds what it finds where no earlier pass found something."""

    def __init__(self, text: str, context: PrivacyContext, part: str) -> None:
        self.text = text
        self.context = context
        self.part = part
        self.reading = read_as_seen(text)
        self.seen = self.reading.text
        self.chains = list(_chains(self.seen))
        # Landlines and numbers are looked for with dates masked.
        self.masked = _DATE_LIKE.sub(lambda m: "#" * len(m.group(0)), self.seen)
        self.roster_lengths = sorted({len(p) for p in context.roster_phones if len(p) >= 7}, reverse=True)
        self.taken: list[tuple[int, int]] = []
        self.found: list[Finding] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def add(self, kind: str, start: int, end: int) -> None:
        self.taken.append((start, end))
        text = self.text
        first, last = self.reading.span(start, end)
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        self.found.append(Finding(kind, text[first:last], self.part, line, column, first, last))

    def public(self, digits: str) -> bool:
        return is_public_phone(digits, self.context.public_phones)

    def on_roster(self, digits: str) -> bool:
        return national_digits(digits) in self.context.roster_phones

    def roster_inside(self, digits: str) -> bool:
        return any(
            digits[i : i + length] in self.context.roster_phones
            for length in self.roster_lengths
            for i in range(0, len(digits) - length + 1)
        )

    def id_numbers(self) -> None:
        for chain in self.chains:
            for first, last, joined in _windows(chain):
                start, end = chain[first].start, chain[last].end
                if _id_kind(joined, first == last) and self.free(start, end):
                    self.add(ID_NUMBER, start, end)

    def mobiles(self) -> None:
        """Mobiles and roster phones, from groups that are not parts of dates."""
        for chain in self.chains:
            dated = _date_groups(self.seen, chain)
            for first, last, joined in _windows(chain):
                start, end = chain[first].start, chain[last].end
                if first != last and dated & set(range(first, last + 1)):
                    continue
                if not self.free(start, end) or self.public(joined):
                    continue
                kind = self._phone_kind(chain[first : last + 1], joined)
                if kind:
                    self.add(kind, start, end)

    def _phone_kind(self, groups: list[_Group], joined: str) -> str | None:
        single = len(groups) == 1
        mobile = _MOBILE.fullmatch(joined)
        # +86 counts only written as its own group: 86 138 1234 5678, not 8613 8123 45678.
        country_code = mobile is not None and len(mobile.group(1)) < len(joined)
        if self.on_roster(joined) and (single or _grouped_like_a_phone(groups, False, 2)):
            return ROSTER_PHONE
        if mobile and (single or _grouped_like_a_phone(groups, country_code)):
            return ROSTER_PHONE if self.on_roster(mobile.group(1)) else MOBILE
        return None

    def landlines(self) -> None:
        """Landlines in their usual writing; dates are masked for them."""
        for pattern in (_LANDLINE, _LOCAL):
            for match in pattern.finditer(self.masked):
                start, end = match.span()
                if not self.free(start, end) or self.public(match.group(0)):
                    continue
                self.add(
                    ROSTER_PHONE if self.roster_inside(digits_of(match.group(0))) else LANDLINE, start, end
                )

    def roster_phones_written_otherwise(self) -> None:
        """A roster phone written some other way (inside a longer number, or not looking like a phone)."""
        if not self.roster_lengths:
            return
        for match in _DIGIT_RUN.finditer(self.masked):
            start, end = match.span()
            if (
                self.free(start, end)
                and self.roster_inside(digits_of(match.group(0)))
                and not self.public(match.group(0))
            ):
                self.add(ROSTER_PHONE, start, end)

    def addresses(self) -> None:
        """Home addresses from the roster, compared without spaces."""
        if not self.context.roster_addresses:
            return
        seen = self.seen
        positions = [i for i, ch in enumerate(seen) if not ch.isspace()]
        compact = "".join(seen[i] for i in positions)
        for wanted in self.context.addresses_to_find:
            at = compact.find(wanted)
            while at >= 0:
                start, end = positions[at], positions[at + len(wanted) - 1] + 1
                if self.free(start, end):
                    self.add(ADDRESS, start, end)
                at = compact.find(wanted, at + 1)


def redact(text: str, context: PrivacyContext) -> str:
    """``text`` with every private number or roster address replaced by ＊＊＊ (for sheets printed straight
    away, without a publishing step)."""
    if not text:
        return text or ""
    result = text
    for finding in sorted(scan_text(text, context, ""), key=lambda f: f.start, reverse=True):
        result = result[: finding.start] + REDACTED + result[finding.end :]
    return result
