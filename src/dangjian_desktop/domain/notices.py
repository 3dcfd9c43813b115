"""Public notices (党务公开 / 四议两公开) on the village notice board: the rules, as plain data and pure
functions.

- The notice types, their printed names and their default disclosure periods (decisions.md #7: 7 calendar
  days for 四议两公开 决议 and results, dues and posts; 5 working days for 发展党员, weekends skipped and
  the public holidays the branch enters).
- Numbering: 党务公开〔2026〕3号, sequential per branch and year.
- The privacy scan on the final text (decisions.md #13): resident ID numbers, mobile and landline numbers
  other than the public phones, and any phone or home address that is on the roster — each reported with
  the part of the notice, the line and the position where it was found.
- The frozen content of a published notice, its SHA-256 and the short check code printed on the sheet.
- What the QR code holds: the notice itself as text up to 450 bytes of UTF-8 (a version-16 code, 0.6 mm modules in 50 mm), otherwise an abstract with
  the number and the check code (and a caption that says so), or a link.

The printed notice is a Chinese document whatever the screen language, so its fixed words are Chinese.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from urllib.parse import quote

from dangjian_desktop.domain import phones
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.privacy import (
    ADDRESS,
    FINDING_LABELS,
    ID_NUMBER,
    LANDLINE,
    MOBILE,
    PART_LABELS,
    ROSTER_PHONE,
    Finding,
    PrivacyContext,
    digits_of,
    is_public_phone,
    national_digits,
    scan_text,
)
from dangjian_desktop.i18n import N_, _

__all__ = [
    "ADDRESS",
    "FINDING_LABELS",
    "ID_NUMBER",
    "LANDLINE",
    "MOBILE",
    "ROSTER_PHONE",
    "PART_LABELS",
    "Finding",
    "PrivacyContext",
    "digits_of",
    "is_public_phone",
    "national_digits",
    "scan_text",
]

# --- types ------------------------------------------------------------------------------------------

FREE, DUES, POSTS, RECRUITMENT, EVALUATION, MEETINGS, RESOLUTION, RESULT = (
    "free",
    "dues",
    "posts",
    "recruitment",
    "evaluation",
    "meetings",
    "resolution",
    "result",
)


@dataclass(frozen=True)
class NoticeType:
    code: str
    label_source: str  # English, shown through _()
    name: str  # the Chinese name of the kind of notice
    default_days: int
    working_days: bool = False
    generated: bool = True  # the body is filled from the program's data
    needs_matter: bool = False  # made from a 四议两公开 matter
    word: str = "公示"  # 公示 (publicity for objections) or 公开 (disclosure of a decision or result)

    def label(self) -> str:
        return _(self.label_source)


NOTICE_TYPES: tuple[NoticeType, ...] = (
    NoticeType(FREE, N_("Free text notice"), "党务公开", 7, generated=False),
    NoticeType(DUES, N_("Party dues collected"), "党费收缴情况公示", 7),
    NoticeType(POSTS, N_("Posts and duties of members"), "设岗定责公示", 7),
    NoticeType(RECRUITMENT, N_("Recruitment of a new member"), "发展党员公示", 5, working_days=True),
    NoticeType(EVALUATION, N_("Democratic evaluation results"), "民主评议党员结果公示", 7),
    NoticeType(MEETINGS, N_("Organisation life held"), "组织生活情况公示", 7),
    NoticeType(RESOLUTION, N_("Resolution of a major matter"), "决议公开", 7, needs_matter=True, word="公开"),
    NoticeType(RESULT, N_("Result of a major matter"), "实施结果公开", 7, needs_matter=True, word="公开"),
)
TYPE_CODES: tuple[str, ...] = tuple(t.code for t in NOTICE_TYPES)
_TYPES = {t.code: t for t in NOTICE_TYPES}


def notice_type(code: str) -> NoticeType:
    found = _TYPES.get((code or "").strip().lower())
    if found is None:
        raise AppError(
            _("Unknown kind of notice {code}. Use one of: {codes}.").format(
                code=code, codes=", ".join(TYPE_CODES)
            )
        )
    return found


DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"
STATUS_LABELS = {DRAFT: N_("Draft"), PUBLISHED: N_("Published and valid"), WITHDRAWN: N_("Withdrawn")}
CORRECTION, WITHDRAWAL = "correction", "withdrawal"


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


# --- numbers ----------------------------------------------------------------------------------------

NUMBER_PREFIX = "党务公开"
_NUMBER_PATTERN = re.compile(r"((?:19|20|21)\d{2})\D{0,8}?(\d{1,5})(?!\d)")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class InvalidNoticeNumber(AppError):
    pass


def format_notice_number(year: int, sequence: int) -> str:
    """党务公开〔2026〕3号 (GB/T 9704 7.2.4: the year in 六角括号 〔〕, the sequence without leading zeros and
    without 第). Notices published before keep the number they were published with (党务公开〔2026〕第3号)."""
    return f"{NUMBER_PREFIX}〔{year}〕{sequence}号"


def parse_notice_number(text: str) -> tuple[int, int]:
    """(year, sequence) from a number as printed or typed: 党务公开〔2026〕第3号, [2026]3, 2026-3 ..."""
    if not (text or "").strip():
        raise InvalidNoticeNumber(_("Please enter the notice number as printed, e.g. 党务公开〔2026〕3号."))
    match = _NUMBER_PATTERN.search((text or "").translate(_FULL_WIDTH_DIGITS))
    if match is None or int(match.group(2)) < 1:
        raise InvalidNoticeNumber(
            _("{text} is not a notice number. Write it as printed, e.g. 党务公开〔2026〕3号.").format(
                text=text
            )
        )
    return int(match.group(1)), int(match.group(2))


# --- dates and periods ----------------------------------------------------------------------------


def chinese_date(day: dt.date) -> str:
    """2026年3月2日: the year in full, no zero padding (GB/T 9704-2012 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_end(
    start: dt.date, days: int, *, working_days: bool = False, holidays: Iterable[dt.date] = ()
) -> dt.date:
    """The last day of a disclosure period of ``days`` days that starts on ``start`` (counted inclusively).

    With ``working_days`` only Monday to Friday count, and not the public holidays given; a period that
    starts on a day off starts counting on the next working day.
    """
    if days < 1:
        raise ValueError("a disclosure period has at least one day")
    if not working_days:
        return start + dt.timedelta(days=days - 1)
    off = frozenset(holidays)
    day = start
    counted = 0
    while True:
        if day.weekday() < 5 and day not in off:
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def period_length_text(days: int, working_days: bool) -> str:
    return f"{days}个工作日" if working_days else f"{days}天"


def parse_holidays(value: object) -> tuple[dt.date, ...]:
    """Holidays typed as a list or as text (one date per line, or separated by commas/spaces)."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r"[\s,，;；、]+", str(value))
    days: set[dt.date] = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            days.add(dt.date.fromisoformat(text.replace("/", "-").replace(".", "-")))
        except ValueError:
            raise ValueError(
                _("{text} is not a date. Write each holiday as YYYY-MM-DD, e.g. 2026-10-01.").format(
                    text=text
                )
            ) from None
    return tuple(sorted(days))


# --- phones ----------------------------------------------------------------------------------------

format_phone = phones.format_phone  # one rule for every document: 0531-87654321


def parse_public_phones(value: object) -> tuple[str, ...]:
    """The public phones of the settings: one per line (or a list), each a name and a number, e.g.
    镇党委组织委员 0531-82345678."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list | tuple) else str(value).splitlines()
    lines: list[str] = []
    for item in items:
        text = re.sub(r"\s+", " ", str(item)).strip()
        if not text:
            continue
        if len(re.sub(r"[^0-9]", "", text)) < 7:
            raise ValueError(
                _(
                    "{text}: each line needs a name and a phone number, e.g. 镇党委组织委员 0531-82345678."
                ).format(text=text)
            )
        lines.append(text)
    return tuple(lines)


# --- the content of a notice ----------------------------------------------------------------------

QR_TEXT, QR_LINK = "text", "link"
QR_MODES = (QR_TEXT, QR_LINK)
DEFAULT_ADDRESSEE = "全体党员、村民群众："
DEFAULT_PLACE = ""  # printed only when the branch gives one (e.g. 村党务公开栏、村民微信群)
TABLE_SEPARATOR = "｜"  # a run of body lines containing it prints as a ruled table, the first line its header
_VILLAGE = re.compile(r"^(?:中共|中国共产党)?(.{1,20}?(?:村|社区))")


def joint_issuer(branch_name: str) -> str:
    """The 落款 of a 四议两公开 notice: the village Party organisation and the villagers' committee issue it
    together (中共红旗村支部委员会 红旗村村民委员会). Without a village in the branch's name, the branch alone."""
    name = (branch_name or "").strip()
    match = _VILLAGE.match(name)
    if not match:
        return name
    village = match.group(1)
    committee = f"{village}居民委员会" if village.endswith("社区") else f"{village}村民委员会"
    return f"{name} {committee}"


KEYBOARD_BAR = "|"  # what Shift+\\ types in English mode; it looks the same as ｜ to her


def table_bars(body: str) -> str:
    """The body with the keyboard's bar | written as the full-width ｜ that marks table cells, so that a
    table typed either way prints as a table (and the frozen text has one spelling)."""
    return body.replace(KEYBOARD_BAR, TABLE_SEPARATOR)


CURRENT_LAYOUT = 2  # the page layout of notices drafted now (``NoticeContent.layout``)


@dataclass(frozen=True)
class NoticeContent:
    """Everything printed on the sheet. Once published this is frozen as JSON and hashed."""

    type: str
    number: str  # "" while a draft
    title: str
    body: str
    issuer: str
    issued_on: dt.date
    period_from: dt.date
    period_to: dt.date
    period_days: int
    working_days: bool = False
    addressee: str = DEFAULT_ADDRESSEE
    phones: tuple[str, ...] = ()  # "村党支部 0531-87654321": the public supervision phones
    place: str = DEFAULT_PLACE
    refers_to: str = ""  # the number of the notice this one corrects or withdraws
    relation: str = ""  # "correction" / "withdrawal"
    qr_mode: str = QR_TEXT
    qr_link: str = ""  # link mode: a fixed address, or a base the number and check code are added to
    # The names of people in the text, never split across lines. Stored with the frozen text from this
    # version on; a notice frozen before it has none and reprints exactly as it did (its JSON and hash too).
    keep: tuple[str, ...] = ()
    # How the pages are laid out. 1: as before (a notice frozen earlier reprints as it did). 2, for notices
    # drafted from this version on: when the closing block does not fit under the text, only the last lines
    # it needs go over with it, not the whole closing paragraphs.
    layout: int = 1

    @property
    def kind(self) -> NoticeType:
        return notice_type(self.type)

    def to_dict(self) -> dict[str, object]:
        values = asdict(self)
        for key in ("issued_on", "period_from", "period_to"):
            values[key] = getattr(self, key).isoformat()
        values["phones"] = list(self.phones)
        if self.keep:
            values["keep"] = list(self.keep)
        else:
            del values["keep"]  # the JSON of a notice without names is what it was before the field
        if values["layout"] == 1:
            del values["layout"]  # likewise, a notice laid out as before
        return values

    def to_json(self) -> str:
        """The canonical form that is stored and hashed: sorted keys, no spaces, UTF-8 text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> NoticeContent:
        values = json.loads(text)
        for key in ("issued_on", "period_from", "period_to"):
            values[key] = dt.date.fromisoformat(values[key])
        values["phones"] = tuple(values.get("phones", ()))
        values["keep"] = tuple(values.get("keep", ()))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in values.items() if k in known})

    def with_names(self, names: Iterable[str]) -> NoticeContent:
        """This content keeping whole those of ``names`` (the roster's) that its text mentions."""
        text = "\n".join((self.title, self.addressee, self.body, self.issuer))
        found = sorted({name for name in names if len(name) > 1 and name in text})
        return replace(self, keep=tuple(found))

    # --- the printed text, part by part ---

    def period_line(self) -> str:
        word = self.kind.word
        return (
            f"{word}时间：{chinese_date(self.period_from)}至{chinese_date(self.period_to)}"
            f"（{period_length_text(self.period_days, self.working_days)}）。"
        )

    def closing_lines(self) -> list[str]:
        word = self.kind.word
        contact = f"{word}期间，如有意见和建议，可通过来信、来电、来访等方式向党支部反映"
        if self.phones:
            contact += "。监督电话：" + "；".join(self.phones)
        lines = [self.period_line(), contact + "。"]
        if self.place:
            lines.append(f"{word}地点：{self.place}")
        return lines

    def reference_line(self) -> str:
        if not self.refers_to:
            return ""
        if self.relation == WITHDRAWAL:
            return f"（撤回{self.refers_to}）"
        return f"（更正{self.refers_to}，原件同时作废）"

    def full_text(self) -> str:
        """The notice as plain text, in reading order: title, number, addressee, body, period and phones,
        issuer and date."""
        lines = [self.title]
        if self.number:
            lines.append(self.number)
        if self.refers_to:
            lines.append(self.reference_line())
        lines.append("")
        if self.addressee:
            lines.append(self.addressee)
        lines.append(self.body.strip("\n"))
        lines.append("")
        lines += self.closing_lines()
        lines += ["", self.issuer, chinese_date(self.issued_on)]
        return "\n".join(lines)


def _qr_lines(content: NoticeContent) -> list[str]:
    """What a full-text QR code holds (the issue's list): title, number, period, body, issuer, date."""
    lines = [content.title]
    if content.number:
        lines.append(content.number)
    if content.refers_to:
        lines.append(content.reference_line())
    lines += [
        content.period_line(),
        "",
        content.body.strip("\n"),
        "",
        content.issuer,
        chinese_date(content.issued_on),
    ]
    return lines


def content_hash(content: NoticeContent | str) -> str:
    """SHA-256 (hex) of the canonical JSON of the content."""
    text = content if isinstance(content, str) else content.to_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Crockford-like, without the look-alikes 0/O and 1/I: 32 symbols, so each carries 5 bits.
CHECK_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CHECK_LENGTH = 8


def check_code(hash_hex: str) -> str:
    """Eight readable characters from the first 40 bits of the content's SHA-256."""
    value = int(hash_hex[:10], 16)
    symbols = []
    for _index in range(CHECK_LENGTH):
        symbols.append(CHECK_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(symbols))


def format_check_code(code: str) -> str:
    """Printed in two groups of four: 7K3M-9QXA."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CHECK_LENGTH else code


def normalize_check_code(text: str) -> str:
    """What a person typed, made comparable: upper case, no spaces or dashes, full-width made half-width."""
    cleaned = (text or "").translate(_FULL_WIDTH_DIGITS).upper()
    cleaned = "".join(ch if ord(ch) < 0xFF00 else chr(ord(ch) - 0xFEE0) for ch in cleaned).upper()
    return re.sub(r"[\s\-－—_.·]", "", cleaned)


# --- what the QR code holds -----------------------------------------------------------------------

# Bytes of UTF-8: up to this the code has at most 81 modules, 0.6 mm each within 50 mm, which a phone reads
# on the board at arm's length; beyond it (0.5 mm and less) softness or distance defeats it.
QR_TEXT_LIMIT = 450
FULL, ABSTRACT, LINK = "full", "abstract", "link"


@dataclass(frozen=True)
class QrPlan:
    kind: str  # full / abstract / link
    payload: str
    caption: str


def link_template(base: str) -> str:
    """A link base from the settings as a template: {number} and {code} are added as query parameters
    unless the base already places them."""
    base = base.strip()
    if not base or "{number}" in base or "{code}" in base:
        return base
    return base + ("&" if "?" in base else "?") + "no={number}&code={code}"


def make_link(template: str, number: str, code: str) -> str:
    """The address a link-mode code opens: {number} and {code} filled in (URL-quoted); a fixed address
    (a public-account article) stays as it is."""
    return (
        template.strip().replace("{number}", quote(number)).replace("{code}", quote(format_check_code(code)))
    )


def _abstract(content: NoticeContent, code_text: str) -> str:
    lines = [
        content.title,
        content.number or "（草稿）",
        content.period_line(),
        f"{content.issuer} {chinese_date(content.issued_on)}",
        f"校验码：{code_text}",
        "全文较长，请以公示栏张贴的文本为准；在“党建台账”中输入编号和校验码可核验真伪。",
    ]
    text = "\n".join(lines)
    while len(text.encode("utf-8")) > QR_TEXT_LIMIT and len(lines[0]) > 10:  # a very long title
        lines[0] = lines[0][: max(10, len(lines[0]) - 20)] + "……"
        text = "\n".join(lines)
    return text


def full_qr_text(content: NoticeContent, code: str) -> str:
    code_text = format_check_code(code) if code else "（发布后生成）"
    return "\n".join(_qr_lines(content)) + f"\n校验码：{code_text}"


def qr_plan(content: NoticeContent, code: str) -> QrPlan:
    """The QR code's content and caption. ``code`` is the check code ("" for a draft)."""
    if content.qr_mode == QR_LINK and content.qr_link.strip():
        return QrPlan(
            LINK, make_link(content.qr_link, content.number, code), "扫码在网上查看本" + content.kind.word
        )
    text = full_qr_text(content, code)
    if len(text.encode("utf-8")) <= QR_TEXT_LIMIT:
        return QrPlan(FULL, text, "扫码查看本" + content.kind.word + "全文")
    code_text = format_check_code(code) if code else "（发布后生成）"
    return QrPlan(ABSTRACT, _abstract(content, code_text), "全文较长，二维码内为摘要\n（含编号和校验码）")


# --- the privacy scan (the guard itself is domain/privacy.py) ---------------------------------------


def scan_notice(content: NoticeContent, context: PrivacyContext) -> list[Finding]:
    """The privacy scan over every part of the notice a person writes (the public phones line is the
    settings' own list and is not scanned)."""
    findings: list[Finding] = []
    for part, text in (
        ("title", content.title),
        ("addressee", content.addressee),
        ("body", content.body),
        ("place", content.place),
        ("issuer", content.issuer),
    ):
        findings += scan_text(text, context, part)
    return findings


class PrivateDataFound(AppError):
    """Publishing refused: the text contains an ID number, a private phone or a home address. When a phone
    was found, the message also lists the phones that may be printed and says where to add one
    (first-week.md m14: a secretary who wants a contact phone on the notice needs to know that)."""

    def __init__(self, findings: Sequence[Finding], public_phones: Sequence[str] = ()) -> None:
        self.findings = tuple(findings)
        lines = [finding.describe() for finding in self.findings]
        message = (
            _(
                "The notice was not published: a public notice must not show ID numbers, members' phones or "
                "home addresses. Remove these and publish again:"
            )
            + "\n"
            + "\n".join(lines)
        )
        if any(f.kind in (MOBILE, LANDLINE, ROSTER_PHONE) for f in self.findings):
            if public_phones:
                allowed = _("Phones that may be printed on notices: {phones}.").format(
                    phones="；".join(public_phones)
                )
            else:
                allowed = _("No phone may be printed on notices yet.")
            message += (
                "\n\n"
                + allowed
                + "\n"
                + _(
                    "To print a contact phone on notices, add it on 党务公开 → 设置 under 公开电话 (one per line, a "
                    "name and the number, e.g. 村委会 0531-12345678)."
                )
            )
        super().__init__(message)
