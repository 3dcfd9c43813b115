"""Posts for members without office (无职党员设岗定责): pure rules, no database and no PDF.

The cycle is 设岗 (the branch sets up posts with duties) → 认岗 / 定岗 (members choose a post and the
branch assigns it, each member writing a commitment) → 履岗 (what each member did, with who confirmed
it) → 评岗 (a grade per member and post at the end of the term). None of the post names is national:
the catalogue below is the usual local practice (rules-research.md §3) and the branch edits it freely.
The grades are data too (decisions.md #11).

Public sheets never show an ID number, a member's phone or a home address (decisions.md #13); the
helpers at the end find and blank such numbers in free text typed by the secretary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dangjian_desktop.domain.choices import ACTIVE, NO_OFFICE_WORDS
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.privacy import PrivacyContext, redact, scan_text
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _

# --- the catalogue --------------------------------------------------------------------------------

MAX_NAME_LENGTH = 30
MAX_DUTIES_LENGTH = 1000
MAX_COMMITMENT_LENGTH = 500
MAX_REASON_LENGTH = 300
MAX_RECORD_LENGTH = 1000
MAX_CONFIRMED_BY_LENGTH = 50
MAX_COMMENT_LENGTH = 500
MAX_MEMBERS_NEEDED = 99
DEFAULT_MEMBERS_NEEDED = 2


@dataclass(frozen=True)
class PostData:
    """A post of the catalogue, checked. ``duties`` holds one duty per line."""

    name: str
    duties: str = ""
    members_needed: int = DEFAULT_MEMBERS_NEEDED
    active: bool = True

    @property
    def duty_lines(self) -> tuple[str, ...]:
        return duty_lines(self.duties)


# The usual posts (rules-research.md §3: 开江县, 梅山镇 "5+X", 卡子镇, 车田村 ...). Data, not screen text:
# they are stored in the branch's catalogue on first use and edited there like any other post.
DEFAULT_CATALOGUE: tuple[PostData, ...] = (
    PostData(
        "政策法规宣传岗",
        "宣传党的路线方针政策和国家法律法规\n"
        "向群众讲解惠农政策，解答群众疑问\n"
        "协助做好普法宣传和村规民约宣讲",
    ),
    PostData(
        "党务村务监督岗",
        "监督党务、村务、财务公开情况\n参与重大事项“四议两公开”的监督\n收集群众对村“两委”工作的意见建议",
    ),
    PostData(
        "文明新风倡导岗",
        "倡导移风易俗，婚事新办、丧事简办\n带头孝老爱亲、邻里和睦\n参与文明家庭、好媳妇等评选宣传",
    ),
    PostData(
        "矛盾纠纷调解岗",
        "了解邻里、家庭矛盾纠纷，及时上报\n协助村调解委员会化解矛盾纠纷\n做好群众思想疏导工作",
    ),
    PostData(
        "环境卫生监督岗",
        "监督房前屋后和公共区域环境卫生\n劝导乱堆乱放、乱倒垃圾等行为\n带头参加人居环境整治",
    ),
    PostData(
        "科技种养服务岗",
        "推广种植、养殖新技术新品种\n为群众提供技术咨询和市场信息\n带动群众发展产业、增收致富",
    ),
    PostData(
        "结对帮扶岗",
        "与困难户、留守老人儿童结对帮扶\n经常上门走访，了解困难并及时反映\n协助落实帮扶救助政策",
    ),
    PostData(
        "平安建设岗",
        "参加治安巡逻和安全隐患排查\n做好防火、防汛、防诈骗宣传\n发现不安定因素及时报告",
    ),
    PostData(
        "流动党员联络岗",
        "与外出流动党员保持经常联系\n向流动党员传达支部工作和学习内容\n了解外出党员情况并向支部反映",
        members_needed=1,
    ),
)

# decisions.md #11: the grade list for posts is data, with this default.
DEFAULT_GRADES: tuple[str, ...] = ("优秀", "称职", "基本称职", "不称职")

_LIST_SEPARATORS = re.compile(r"[、,，;；/|\s]+")


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def clean_line(text: str) -> str:
    """One line of Chinese prose, trimmed, runs of spaces made one. Unlike ``normalize_text`` it keeps
    full-width punctuation (，；：) as typed: these lines are printed on the board."""
    return _SPACES.sub(" ", str(text).translate(_INVISIBLE)).strip()


def duty_lines(duties: str) -> tuple[str, ...]:
    """The duties one per line, each cleaned, empty lines dropped."""
    return tuple(line for line in (clean_line(part) for part in str(duties or "").splitlines()) if line)


def validate_post(raw: Mapping[str, object]) -> PostData:
    """Check a post's raw values (name, duties, members_needed, active); raise FieldErrors."""
    errors: dict[str, str] = {}
    name = normalize_text(raw.get("name")).replace(" ", "")
    if not name:
        errors["name"] = _("Please enter the name of the post, e.g. 政策法规宣传岗.")
    elif len(name) > MAX_NAME_LENGTH:
        errors["name"] = _("Too long: at most {limit} characters.").format(limit=MAX_NAME_LENGTH)
    duties = "\n".join(duty_lines(str(raw.get("duties") or "")))
    if len(duties) > MAX_DUTIES_LENGTH:
        errors["duties"] = _("Too long: at most {limit} characters.").format(limit=MAX_DUTIES_LENGTH)
    needed_raw = raw.get("members_needed", DEFAULT_MEMBERS_NEEDED)
    try:
        needed = int(normalize_text(needed_raw) or DEFAULT_MEMBERS_NEEDED)
    except ValueError:
        needed = 0
    if not 1 <= needed <= MAX_MEMBERS_NEEDED:
        errors["members_needed"] = _("Please enter a number of members from 1 to {limit}.").format(
            limit=MAX_MEMBERS_NEEDED
        )
    active = raw.get("active", True)
    if errors:
        raise FieldErrors(errors)
    return PostData(name=name, duties=duties, members_needed=needed, active=bool(active))


def parse_grades(value: str | Iterable[str]) -> tuple[str, ...]:
    """A grade list typed as "优秀、称职、基本称职、不称职" (or given as a list); order kept, no repeats."""
    parts = _LIST_SEPARATORS.split(value) if isinstance(value, str) else list(value)
    grades: list[str] = []
    for part in parts:
        grade = normalize_text(part).replace(" ", "")
        if grade and grade not in grades:
            grades.append(grade)
    if not grades:
        raise FieldErrors(
            {"grades": _("Please enter at least one grade, e.g. 优秀、称职、基本称职、不称职.")}
        )
    if any(len(grade) > 10 for grade in grades):
        raise FieldErrors({"grades": _("A grade is at most 10 characters.")})
    return tuple(grades)


# --- who counts as a member without office -------------------------------------------------------


def holds_office(office: str) -> bool:
    """True when the 职务 text names an office; "无", "/", "党员" and the like mean no office."""
    return normalize_text(office).replace(" ", "") not in NO_OFFICE_WORDS


@dataclass(frozen=True)
class MemberFacts:
    """What the post rules need to know about a member of the roster."""

    id: int
    name: str
    office: str = ""
    status: str = ACTIVE
    flowing: bool = False
    away_place: str = ""

    @property
    def on_roster(self) -> bool:
        return self.status == ACTIVE

    @property
    def holds_office(self) -> bool:
        return holds_office(self.office)

    @property
    def without_office(self) -> bool:
        return is_without_office(self)


def is_without_office(member: MemberFacts) -> bool:
    """A member without office (无职党员): on the roster and holding no office. A member working away
    still counts (the secretary is warned when assigning one)."""
    return member.on_roster and not member.holds_office


def members_without_post(
    members: Iterable[MemberFacts], assigned_member_ids: Iterable[int]
) -> list[MemberFacts]:
    """Members without office who hold no post yet this term, in the order given."""
    taken = set(assigned_member_ids)
    return [m for m in members if is_without_office(m) and m.id not in taken]


# --- terms ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermSpan:
    """A year (1 January to 31 December) or a term with its own start and end."""

    start: dt.date
    end: dt.date
    year: int | None = None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def term_for_year(year: int) -> TermSpan:
    if not 2000 <= year <= 2100:
        raise FieldErrors(
            {"year": _("Please enter a year such as {year}.").format(year=dt.date.today().year)}
        )
    return TermSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), year)


def term_between(start: dt.date, end: dt.date) -> TermSpan:
    if end < start:
        raise FieldErrors({"end": _("The end of the term must come after its start.")})
    if (end - start).days > 366 * 5:
        raise FieldErrors({"end": _("A term is at most five years long.")})
    if start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31):
        return TermSpan(start, end, start.year)
    return TermSpan(start, end, None)


def chinese_date(day: dt.date) -> str:
    """A date as official documents write it: 2025年3月1日 (GB/T 9704: no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def term_title(term: TermSpan) -> str:
    """The term as the board writes it: 2025年度, or 2025年3月1日至2026年2月28日."""
    if term.year is not None:
        return f"{term.year}年度"
    return f"{chinese_date(term.start)}至{chinese_date(term.end)}"


# --- assignment rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentCheck:
    """The outcome of checking an assignment before it is written.

    ``errors`` forbid it. ``warnings`` allow it only with a reason typed in (a member holding an office,
    a member working away, a second post when the branch allows more). ``notes`` are for information.
    """

    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.errors

    @property
    def needs_reason(self) -> bool:
        return bool(self.warnings)

    def messages(self) -> tuple[str, ...]:
        return (*self.errors, *self.warnings, *self.notes)


@dataclass(frozen=True)
class PostLoad:
    """A post as the assignment rules see it for one term."""

    id: int
    name: str
    members_needed: int
    active: bool
    member_ids: tuple[int, ...] = field(default=())


def check_assignment(
    member: MemberFacts,
    post: PostLoad,
    posts_held_this_term: Sequence[str],
    *,
    allow_several_posts: bool = False,
) -> AssignmentCheck:
    """The rules for assigning ``member`` to ``post`` for a term.

    ``posts_held_this_term`` are the names of the posts the member already holds in that term.
    """
    errors: list[str] = []
    warnings: list[str] = []
    notes: list[str] = []
    if not member.on_roster:
        errors.append(_("{name} is not on the roster any more.").format(name=member.name))
    if not post.active:
        errors.append(
            _("The post {post} is not in use. Turn it on in the post list first.").format(post=post.name)
        )
    if member.id in post.member_ids or post.name in posts_held_this_term:
        errors.append(
            _("{name} already holds the post {post} in this term.").format(name=member.name, post=post.name)
        )
    elif posts_held_this_term:
        held = "、".join(posts_held_this_term)
        if allow_several_posts:
            warnings.append(
                _("{name} already holds a post in this term ({posts}).").format(name=member.name, posts=held)
            )
        else:
            errors.append(
                _(
                    "{name} already holds a post in this term ({posts}). One post per member per term; "
                    "the branch can allow more in the post settings."
                ).format(name=member.name, posts=held)
            )
    if member.holds_office:
        warnings.append(
            _("{name} holds an office ({office}); posts are meant for members without office.").format(
                name=member.name, office=member.office
            )
        )
    if member.flowing:
        where = member.away_place or _("away")
        warnings.append(
            _("{name} is working away ({place}); can the post be done from there?").format(
                name=member.name, place=where
            )
        )
    if post.active and len(post.member_ids) >= post.members_needed and member.id not in post.member_ids:
        warnings.append(
            _(
                "The post {post} needs {count} members and already has {taken}; one more needs a reason, "
                "which the post board shows."
            ).format(post=post.name, count=post.members_needed, taken=len(post.member_ids))
        )
    return AssignmentCheck(tuple(errors), tuple(warnings), tuple(notes))


def clean_reason(check: AssignmentCheck, reason: str) -> str:
    """The reason for an exception, checked against what the rules asked for; raises FieldErrors."""
    text = clean_line(reason)
    if check.needs_reason and not text:
        raise FieldErrors(
            {
                "reason": _("Please write why this is allowed: {warnings}").format(
                    warnings=" ".join(check.warnings)
                )
            }
        )
    if len(text) > MAX_REASON_LENGTH:
        raise FieldErrors(
            {"reason": _("Too long: at most {limit} characters.").format(limit=MAX_REASON_LENGTH)}
        )
    return text


def clean_commitment(commitment: str) -> str:
    text = "\n".join(duty_lines(commitment))
    if len(text) > MAX_COMMITMENT_LENGTH:
        raise FieldErrors(
            {"commitment": _("Too long: at most {limit} characters.").format(limit=MAX_COMMITMENT_LENGTH)}
        )
    return text


# --- performance records and grades -----------------------------------------------------------------


@dataclass(frozen=True)
class RecordData:
    """One performance record (履岗记实): on which day, what was done, who confirmed it."""

    day: dt.date
    text: str
    confirmed_by: str = ""


def validate_record(
    day: dt.date | None, text: str, confirmed_by: str = "", *, today: dt.date | None = None
) -> RecordData:
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if day is None:
        errors["date"] = _("Please enter the date.")
    elif day > today:
        errors["date"] = _("This date is in the future.")
    body = "\n".join(duty_lines(text))
    if not body:
        errors["text"] = _("Please write what was done.")
    elif len(body) > MAX_RECORD_LENGTH:
        errors["text"] = _("Too long: at most {limit} characters.").format(limit=MAX_RECORD_LENGTH)
    who = clean_line(confirmed_by)
    if len(who) > MAX_CONFIRMED_BY_LENGTH:
        errors["confirmed_by"] = _("Too long: at most {limit} characters.").format(
            limit=MAX_CONFIRMED_BY_LENGTH
        )
    if errors:
        raise FieldErrors(errors)
    assert day is not None
    return RecordData(day, body, who)


def validate_grade(grade: str, grades: Sequence[str], comment: str = "") -> tuple[str, str]:
    """A grade from the branch's list and its comment, checked; raises FieldErrors. No grade and no
    comment ("", "") means "not graded" (a grade given by mistake is taken back)."""
    value = normalize_text(grade).replace(" ", "")
    text = "\n".join(duty_lines(comment))
    errors: dict[str, str] = {}
    if not value and text:
        errors["grade"] = _("A comment needs a grade: choose one of {choices}, or clear the comment.").format(
            choices="、".join(grades)
        )
    elif value and value not in grades:
        errors["grade"] = _("Please choose one of: {choices}.").format(choices="、".join(grades))
    if len(text) > MAX_COMMENT_LENGTH:
        errors["comment"] = _("Too long: at most {limit} characters.").format(limit=MAX_COMMENT_LENGTH)
    if errors:
        raise FieldErrors(errors)
    return value, text


# --- the public board --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardMember:
    name: str
    commitment: str = ""


@dataclass(frozen=True)
class BoardPost:
    name: str
    duties: tuple[str, ...]
    members: tuple[BoardMember, ...]
    members_needed: int = 0
    over_reasons: tuple[str, ...] = ()  # why members beyond the number needed were put on the post

    def over_note(self) -> str:
        """ "需要2人，安排3人：理由" for a post given more members than it needs; "" otherwise."""
        if not self.members_needed or len(self.members) <= self.members_needed:
            return ""
        note = f"需要{self.members_needed}人，安排{len(self.members)}人"
        return note + ("：" + "；".join(self.over_reasons) if self.over_reasons else "")


@dataclass(frozen=True)
class BoardContent:
    """Everything the 设岗定责公示 shows, as plain data (the notices module takes it as a notice type).

    Only active posts that have members this term are in ``posts``; free text is already cleared of
    anything that looks like an ID number or a phone number.
    """

    branch: str
    term: str
    posts: tuple[BoardPost, ...]
    issued_on: dt.date
    notice_days: int
    supervision_phone: str = ""
    township: str = ""

    @property
    def title(self) -> str:
        return "无职党员设岗定责公示"

    @property
    def notice_end(self) -> dt.date:
        return self.issued_on + dt.timedelta(days=self.notice_days - 1)

    @property
    def member_count(self) -> int:
        return sum(len(post.members) for post in self.posts)

    def intro(self) -> str:
        return (
            f"为充分发挥无职党员先锋模范作用，经党员本人认岗、支部研究定岗，现将{self.branch}"
            f"{self.term}无职党员设岗定责情况公示如下，共{len(self.posts)}个岗位、"
            f"{self.member_count}名党员，请广大党员群众监督。"
        )

    def closing(self) -> str:
        period = f"公示期：{chinese_date(self.issued_on)}至{chinese_date(self.notice_end)}（{self.notice_days}天）。"
        phone = f"监督电话：{self.supervision_phone}" if self.supervision_phone else "监督电话："
        return period + "公示期间如有意见和建议，请向党支部反映。\n" + phone


@dataclass(frozen=True)
class DutyCard:
    """One 党员责任岗 card: a member on a post for a term (cut out and handed to the member)."""

    member: str
    post: str
    duties: tuple[str, ...]
    commitment: str
    branch: str
    term: str


def board_text(content: BoardContent) -> str:
    """The board as plain text, in reading order (title, intro, each post, closing, issuer, date)."""
    lines = [content.title, f"（{content.term}）", "", content.intro(), ""]
    for number, post in enumerate(content.posts, start=1):
        lines.append(f"{number}. {post.name}" + (f"（{post.over_note()}）" if post.over_note() else ""))
        lines.append("   岗位职责：" + "；".join(post.duties))
        lines.append("   上岗党员：" + "、".join(m.name for m in post.members))
        for member in post.members:
            if member.commitment:
                lines.append(f"   {member.name}的承诺：{member.commitment.replace(chr(10), '；')}")
    lines += ["", content.closing(), "", content.branch, chinese_date(content.issued_on)]
    return "\n".join(lines)


# decisions.md #13: no resident ID number and no member's phone on a public sheet. The board has no
# publishing step, so what the privacy guard finds is masked rather than refused.


def find_private_numbers(text: str, context: PrivacyContext | None = None) -> list[str]:
    """Every ID number, private phone or roster address in ``text``, as written there."""
    return [finding.value for finding in scan_text(text, context or PrivacyContext(), "")]


def redact_private_numbers(text: str, context: PrivacyContext | None = None) -> str:
    """``text`` with every ID number, private phone or roster address replaced by ＊＊＊."""
    return redact(text, context or PrivacyContext())
