"""Members working away (流动党员) and their activity book (流动党员活动证): the pure rules.

Management is shared by the home branch and the receiving Party organisation (流出地、流入地党组织共管,
2024 意见); the home branch names the person who keeps in touch (专人联系). The book number is the branch's
own serial per year ("2026-003"); a provincial booklet's number, if any, is recorded beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from dangjian_desktop.domain.choices import Choice, ChoiceList
from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.phones import clean_phone, phone_problem
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _

DEFAULT_BOOK_TITLE = "流动党员活动证"
DEFAULT_ALERT_MONTHS = 6
# Stays of one to three years are usual for migrant work; the bound only catches a mistyped year.
EXPECTED_RETURN_YEARS = 10
LAYOUTS = ("a5", "a4-booklet", "a4-booklet-short", "inserts")
DEFAULT_LAYOUT = "a5"

BOOK_ISSUED = "issued"
BOOK_RETURNED = "returned"
BOOK_VOID = "void"
BOOK_STATUS = ChoiceList(
    Choice(BOOK_ISSUED, N_("Issued"), "在用"),
    Choice(BOOK_RETURNED, N_("Handed back"), "已交回"),
    Choice(BOOK_VOID, N_("Void"), "作废"),
)

LEAVE_REASON = ChoiceList(
    Choice("work", N_("Working"), "务工", ("打工", "外出务工")),
    Choice("business", N_("Business"), "经商", ("做生意",)),
    Choice("study", N_("Studying"), "求学", ("上学", "读书", "学习")),
    Choice("family", N_("Family"), "随迁", ("照顾家人", "探亲", "投亲")),
    Choice("other", N_("Other"), "其他", ("其它",)),
)

ORG_LIFE_KIND = ChoiceList(
    Choice("general_meeting", N_("Members' meeting"), "党员大会", ("支部党员大会",)),
    Choice("group_meeting", N_("Party group meeting"), "党小组会", ("小组会",)),
    Choice("party_lecture", N_("Party lecture"), "党课", ("上党课",)),
    Choice("theme_day", N_("Theme Party day"), "主题党日", ("主题党日活动",)),
    Choice("online_study", N_("Online study"), "线上学习", ("网上学习", "在线学习", "学习强国")),
    Choice("life_meeting", N_("Organisation life meeting"), "组织生活会", ()),
    Choice("volunteer", N_("Volunteer service"), "志愿服务", ("义务劳动",)),
    Choice("other", N_("Other activity"), "其他", ("其它",)),
)

CONTACT_MEANS = ChoiceList(
    Choice("phone", N_("Phone call"), "电话", ("打电话",)),
    Choice("wechat", N_("WeChat"), "微信", ("weixin",)),
    Choice("video", N_("Video call"), "视频", ("视频通话",)),
    Choice("visit", N_("Visit"), "走访", ("上门", "面谈", "见面")),
    Choice("message", N_("Text message"), "短信", ("信息",)),
    Choice("letter", N_("Letter"), "书信", ("信件",)),
    Choice("other", N_("Other means"), "其他", ("其它",)),
)

RECEIVING_OPINION = "receiving_opinion"
BRANCH_OPINION = "branch_opinion"
EVALUATION = "evaluation"
REWARD = "reward"
PUNISHMENT = "punishment"
OPINION_KIND = ChoiceList(
    Choice(
        RECEIVING_OPINION, N_("Opinion of the receiving organisation"), "流入地党组织意见", ("流入地意见",)
    ),
    Choice(BRANCH_OPINION, N_("Opinion of the home branch"), "党支部意见", ("支部意见",)),
    Choice(EVALUATION, N_("Annual democratic evaluation"), "年度民主评议", ("民主评议", "年审", "评议")),
    Choice(REWARD, N_("Reward"), "奖励", ("表彰", "表扬")),
    Choice(PUNISHMENT, N_("Punishment"), "惩处", ("处分", "惩罚")),
)

# Decision #11: the grades of 民主评议党员 are data, not code.
EVALUATION_GRADES = ("优秀", "合格", "基本合格", "不合格")

_MAX = {
    "destination": 200,
    "province": 30,
    "city": 30,
    "county": 30,
    "workplace": 100,
    "address": 200,
    "occupation": 100,
    "other_contact": 100,
    "receiving_org": 100,
    "receiving_contact": 50,
    "home_contact": 50,
    "official_number": 50,
    "org": 100,
    "content": 1000,
    "certified_by": 50,
    "text": 1000,
    "signed_by": 50,
    "contacted_by": 50,
    "note": 500,
    "reason": 500,
}

# --- destinations -------------------------------------------------------------------------------

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCE = re.compile(
    r"^(.{2,3}?省|.{2,10}?自治区|.{2,3}?特别行政区|北京市?|天津市?|上海市?|重庆市?|香港|澳门|台湾)"
)
_CITY = (
    re.compile(r"^(.{1,10}?自治州)"),
    re.compile(r"^(.{1,8}?市)"),
    re.compile(r"^(.{1,10}?(?:地区|盟|州))"),
)
_COUNTY = re.compile(r"^(.{1,10}?(?:自治县|自治旗|县|区|旗|市))")
# Prefecture-level cities with no counties: their towns and sub-districts are the level below the city.
_CITIES_WITHOUT_COUNTIES = ("东莞市", "中山市", "儋州市", "嘉峪关市")
_TOWN = re.compile(r"^(.{1,8}?(?:街道|镇|乡))")


@dataclass(frozen=True)
class Destination:
    province: str = ""
    city: str = ""
    county: str = ""
    workplace: str = ""

    @property
    def region(self) -> str:
        return f"{self.province}{self.city}{self.county}"

    def text(self) -> str:
        return " ".join(p for p in (self.region, self.workplace) if p)

    def group(self) -> str:
        """Where a joint Party group of members away could meet: the province and the city."""
        return f"{self.province}{self.city}" or self.county or self.workplace


def split_destination(text: str) -> Destination:
    """Read province / city / county from a destination typed in one line ("江苏省苏州市昆山市XX电子厂").

    Whatever follows the administrative names is the workplace or address. Municipalities (北京市 ...)
    have no city level; in the cities with no counties (东莞市 ...) the town takes the county's place. Text that names no province is kept whole as the workplace.
    """
    rest = normalize_text(text).replace(" ", "")
    province = city = county = ""
    match = _PROVINCE.match(rest)
    if match:
        province = match.group(1)
        rest = rest[len(province) :]
        if province in ("北京", "天津", "上海", "重庆"):
            province += "市"
        if province not in _MUNICIPALITIES:
            for pattern in _CITY:
                city_match = pattern.match(rest)
                if city_match:
                    city = city_match.group(1)
                    rest = rest[len(city) :]
                    break
        county_match = (_TOWN if city in _CITIES_WITHOUT_COUNTIES else _COUNTY).match(rest)
        if county_match:
            county = county_match.group(1)
            rest = rest[len(county) :]
    return Destination(province, city, county, rest)


# --- book numbers ---------------------------------------------------------------------------------


def format_book_number(year: int, serial: int) -> str:
    """The branch's own serial: "2026-003" (three digits at least)."""
    return f"{year:04d}-{serial:03d}"


# --- months without news --------------------------------------------------------------------------


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(0, months)


def months_ago(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` months before ``today`` (the last day of a shorter month)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- validation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaveData:
    since: dt.date
    destination: Destination
    expected_return: dt.date | None = None
    reason: str = ""
    address: str = ""
    occupation: str = ""
    phone: str = ""
    other_contact: str = ""
    receiving_org: str = ""
    receiving_contact: str = ""
    receiving_phone: str = ""
    receiving_since: dt.date | None = None
    home_contact: str = ""
    home_contact_phone: str = ""
    official_number: str = ""


@dataclass(frozen=True)
class OrgLifeData:
    date: dt.date
    kind: str
    content: str
    org: str = ""
    certified_by: str = ""


@dataclass(frozen=True)
class ContactData:
    date: dt.date
    means: str
    content: str
    contacted_by: str = ""


@dataclass(frozen=True)
class OpinionData:
    kind: str
    date: dt.date
    text: str = ""
    year: int | None = None
    grade: str = ""
    signed_by: str = ""


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


def clean_prose(value: object) -> str:
    """Text written in Chinese (a record's content, an organisation's name): full-width digits and letters
    become half-width, but Chinese punctuation (，。：（）) is kept as typed; runs of spaces become one."""
    if value is None:
        return ""
    text = str(value).translate(_INVISIBLE).translate(_FULL_WIDTH_ALNUM).replace("\r\n", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _Checker:
    def __init__(self, raw: Mapping[str, object], today: dt.date) -> None:
        self.raw = raw
        self.today = today
        self.errors: dict[str, str] = {}

    def text(self, key: str) -> str:
        value = clean_prose(self.raw.get(key))
        limit = _MAX.get(key)
        if limit and len(value) > limit:
            self.errors[key] = _("Too long: at most {limit} characters.").format(limit=limit)
        return value

    def date(
        self, key: str, *, required: bool = False, not_future: bool = False, years_ahead: int = 1
    ) -> dt.date | None:
        try:
            parsed = parse_date(self.raw.get(key), today=self.today, years_ahead=years_ahead)
        except InvalidDate as error:
            self.errors[key] = error.message
            return None
        if parsed is None:
            if required:
                self.errors[key] = _("Please enter the date.")
            return None
        if not_future and parsed.value > self.today:
            self.errors[key] = _("This date is in the future.")
        return parsed.value

    def phone(self, key: str) -> str:
        value = clean_phone(self.raw.get(key))
        if problem := phone_problem(value):
            self.errors[key] = problem
        return value

    def choice(self, key: str, choices: ChoiceList, *, default: str = "", free: bool = False) -> str:
        """A code from ``choices``; with ``free`` other text is kept as typed (shown as it is)."""
        value = normalize_text(self.raw.get(key))
        if not value:
            return default
        code = choices.code_for(value)
        if code is not None:
            return code
        if free:
            return value[:50]
        self.errors[key] = _("Please choose one of: {choices}.").format(
            choices="、".join(c.sheet_name for c in choices)
        )
        return default

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


EARLIEST_LEAVE = dt.date(1950, 1, 1)


def _leave_dates(check: _Checker) -> tuple[dt.date | None, dt.date | None]:
    """The date of leaving and the expected return, each in its range."""
    since = check.date("since", required=True)
    # reliability.md D16: a leave in 1900 or decades ahead is a typing slip, not a member working away.
    latest = check.today + dt.timedelta(days=366)
    if since and not EARLIEST_LEAVE <= since <= latest:
        check.errors["since"] = _(
            "The date of leaving must be between {first} and {last}. Check the year."
        ).format(first=EARLIEST_LEAVE.isoformat(), last=latest.isoformat())
    expected = check.date("expected_return", years_ahead=EXPECTED_RETURN_YEARS)
    if since and expected and expected < since:
        check.errors["expected_return"] = _("The expected return must come after the date of leaving.")
    return since, expected


def _destination(check: _Checker) -> Destination:
    """The one-line destination, with each part typed on its own taking precedence; what the line has
    after the county (a town, a street) goes before a workplace typed on its own."""
    parts = {k: check.text(k) for k in ("province", "city", "county", "workplace")}
    line = split_destination(check.text("destination"))
    values = {k: parts[k] or getattr(line, k) for k in parts}
    if parts["workplace"] and line.workplace and line.workplace not in parts["workplace"]:
        values["workplace"] = f"{line.workplace} {parts['workplace']}"
    destination = Destination(**values)
    if not destination.text():
        check.errors["destination"] = _("Please enter where the member works away, e.g. 江苏省苏州市昆山市.")
    return destination


def validate_leave(raw: Mapping[str, object], *, today: dt.date | None = None) -> LeaveData:
    """Check a leave registration (外出登记). ``destination`` is one line ("江苏省苏州市昆山市XX厂"); any of
    ``province``/``city``/``county``/``workplace`` given on its own takes precedence over that line."""
    check = _Checker(raw, today or dt.date.today())
    since, expected = _leave_dates(check)
    destination = _destination(check)
    receiving_since = check.date("receiving_since")
    data = LeaveData(
        since=since or check.today,
        destination=destination,
        expected_return=expected,
        reason=check.choice("reason", LEAVE_REASON, default="work", free=True),
        address=check.text("address"),
        occupation=check.text("occupation"),
        phone=check.phone("phone"),
        other_contact=check.text("other_contact"),
        receiving_org=check.text("receiving_org"),
        receiving_contact=check.text("receiving_contact"),
        receiving_phone=check.phone("receiving_phone"),
        receiving_since=receiving_since,
        home_contact=check.text("home_contact"),
        home_contact_phone=check.phone("home_contact_phone"),
        official_number=check.text("official_number"),
    )
    check.done()
    return data


def validate_org_life(raw: Mapping[str, object], *, today: dt.date | None = None) -> OrgLifeData:
    """An organisation-life record while away: date, kind, content, where, who certified it."""
    check = _Checker(raw, today or dt.date.today())
    date = check.date("date", required=True, not_future=True)
    kind = check.choice("kind", ORG_LIFE_KIND, free=True)
    if not kind:
        check.errors["kind"] = _("Please choose what kind of organisation life it was.")
    content = check.text("content")
    if not content:
        check.errors["content"] = _("Please write what was done, e.g. the topic of the meeting.")
    data = OrgLifeData(date or check.today, kind, content, check.text("org"), check.text("certified_by"))
    check.done()
    return data


def validate_contact(raw: Mapping[str, object], *, today: dt.date | None = None) -> ContactData:
    """A contact the home branch made with a member away."""
    check = _Checker(raw, today or dt.date.today())
    date = check.date("date", required=True, not_future=True)
    means = check.choice("means", CONTACT_MEANS, default="phone", free=True)
    content = check.text("content")
    if not content:
        check.errors["content"] = _("Please write briefly what was said.")
    data = ContactData(date or check.today, means, content, check.text("contacted_by"))
    check.done()
    return data


def validate_opinion(raw: Mapping[str, object], *, today: dt.date | None = None) -> OpinionData:
    """An opinion, the annual evaluation (with its grade), a reward or a punishment."""
    check = _Checker(raw, today or dt.date.today())
    kind = check.choice("kind", OPINION_KIND)
    if not kind:
        check.errors["kind"] = _("Please choose what is being recorded.")
    date = check.date("date", required=True, not_future=True)
    text = check.text("text")
    grade = normalize_text(check.raw.get("grade"))
    year: int | None = None
    if kind == EVALUATION:
        if grade not in EVALUATION_GRADES:
            check.errors["grade"] = _("Please choose one of: {choices}.").format(
                choices="、".join(EVALUATION_GRADES)
            )
        raw_year = normalize_text(check.raw.get("year"))
        if raw_year:
            if raw_year.isdigit() and 1950 <= int(raw_year) <= check.today.year + 1:
                year = int(raw_year)
            else:
                check.errors["year"] = _("Please enter the year, e.g. {year}.").format(year=check.today.year)
        elif date:
            year = date.year
    else:
        grade = ""
        if not text:
            check.errors["text"] = _("Please write the text.")
    data = OpinionData(kind, date or check.today, text, year, grade, check.text("signed_by"))
    check.done()
    return data


def book_qr_text(number: str, member_name: str, branch_name: str, branch_phone: str) -> str:
    """What the cover's QR code holds, so the receiving side can check who issued the book."""
    lines = [
        _("Book number: {number}").format(number=number),
        _("Member: {name}").format(name=member_name),
        _("Home branch: {branch}").format(branch=branch_name),
    ]
    if branch_phone:
        lines.append(_("Branch phone: {phone}").format(phone=branch_phone))
    return "\n".join(lines)
