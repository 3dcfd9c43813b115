"""Organisation life (组织生活): the kinds of meeting, how often each is held, what is still due, attendance
counting, the yearly democratic evaluation (民主评议党员) and the end of the probationary year.

Sources (rules-research.md §5, 《中国共产党支部工作条例（试行）》 2018): 支部党员大会 一般每季度1次 (第十一条),
支部委员会 一般每月1次 (第十二条), 党小组会 一般每月1次 (第十三条), 主题党日 每月相对固定1天 (第十六条),
组织生活会 每年至少1次 (第十七条), 民主评议党员 一般每年1次 (第十九条). 党课 quarterly is widely used local
practice, not found in the 条例 (decisions.md #8): like every frequency it is a setting with this default.
The appraisal grades 优秀 / 合格 / 基本合格 / 不合格 are data too (decisions.md #11).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from dangjian_desktop.domain.choices import Choice, ChoiceList
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _

# --- kinds of meeting ---------------------------------------------------------------------------------

GENERAL_MEETING = "general_meeting"
COMMITTEE = "committee"
GROUP_MEETING = "group_meeting"
PARTY_LECTURE = "party_lecture"
THEME_DAY = "theme_day"
LIFE_MEETING = "life_meeting"
OTHER = "other"

MEETING_KIND = ChoiceList(
    Choice(
        GENERAL_MEETING, N_("Branch members' meeting"), "支部党员大会", ("党员大会", "支部大会", "党员会")
    ),
    Choice(COMMITTEE, N_("Branch committee meeting"), "支部委员会", ("支委会", "支委会议", "支部委员会会议")),
    Choice(GROUP_MEETING, N_("Party group meeting"), "党小组会", ("小组会", "党小组会议")),
    Choice(PARTY_LECTURE, N_("Party lecture"), "党课", ("上党课", "讲党课")),
    Choice(THEME_DAY, N_("Theme Party day"), "主题党日", ("主题党日活动", "党日活动")),
    Choice(LIFE_MEETING, N_("Organisation life meeting"), "组织生活会", ("组织生活会议",)),
    Choice(OTHER, N_("Other"), "其他", ("其它", "其他会议", "其他活动")),
)

# Who is expected by default: the whole roster, the branch committee, or one Party group.
EXPECT_ALL, EXPECT_COMMITTEE, EXPECT_GROUP = "all", "committee", "group"
EXPECTED_BY_KIND = {COMMITTEE: EXPECT_COMMITTEE, GROUP_MEETING: EXPECT_GROUP}


def expected_scope(kind: str) -> str:
    return EXPECTED_BY_KIND.get(kind, EXPECT_ALL)


# Offices that sit on the branch committee (支部委员会). Village offices such as 村委会委员 or
# 村务监督委员会委员 are not Party committee seats, even though they contain 委员.
COMMITTEE_OFFICES = frozenset(
    {
        "支部委员",
        "支委",
        "支委委员",
        "党支部委员",
        "组织委员",
        "宣传委员",
        "纪检委员",
        "纪律检查委员",
        "青年委员",
        "妇女委员",
        "统战委员",
        "保密委员",
        "武装委员",
    }
)
_OFFICE_SPLIT = re.compile(r"[、，,;；/\s兼]+")


def on_committee(office: str) -> bool:
    """Whether a roster office (possibly several, e.g. "书记、村委会主任") is a seat on the branch committee."""
    for part in _OFFICE_SPLIT.split(normalize_text(office)):
        if not part:
            continue
        if "书记" in part or part in COMMITTEE_OFFICES or part.endswith("支部委员"):
            return True
    return False


# --- frequencies and periods --------------------------------------------------------------------------

MONTHLY, QUARTERLY, YEARLY, NOT_REQUIRED = "month", "quarter", "year", "none"
FREQUENCY = ChoiceList(
    Choice(MONTHLY, N_("Monthly"), "每月", ("每月一次", "月")),
    Choice(QUARTERLY, N_("Quarterly"), "每季度", ("每季度一次", "季度", "季")),
    Choice(YEARLY, N_("Yearly"), "每年", ("每年一次", "年")),
    Choice(NOT_REQUIRED, N_("No fixed frequency"), "不作要求", ("无", "不要求")),
)

DEFAULT_FREQUENCIES: dict[str, str] = {
    GENERAL_MEETING: QUARTERLY,
    COMMITTEE: MONTHLY,
    GROUP_MEETING: MONTHLY,
    PARTY_LECTURE: QUARTERLY,  # decisions.md #8: local practice, a setting
    THEME_DAY: MONTHLY,
    LIFE_MEETING: YEARLY,
    OTHER: NOT_REQUIRED,
}


def check_frequencies(value: object) -> dict[str, str]:
    """A stored or typed frequency table: every kind gets a known frequency (missing kinds: default)."""
    if not isinstance(value, Mapping):
        raise ValueError(_("The meeting frequencies are not readable."))
    result = dict(DEFAULT_FREQUENCIES)
    for kind, frequency in value.items():
        code = MEETING_KIND.code_for(kind)
        freq = FREQUENCY.code_for(frequency)
        if code is None:
            raise ValueError(_("There is no kind of meeting called {kind}.").format(kind=kind))
        if freq is None:
            raise ValueError(
                _("{kind}: choose one of: {choices}.").format(
                    kind=MEETING_KIND.label(code), choices="、".join(c.label() for c in FREQUENCY)
                )
            )
        result[code] = freq
    return result


@dataclass(frozen=True)
class Period:
    frequency: str
    first: dt.date
    last: dt.date

    def label(self) -> str:
        if self.frequency == MONTHLY:
            return _("Month {month} of {year}").format(year=self.first.year, month=self.first.month)
        if self.frequency == QUARTERLY:
            return _("Quarter {quarter} of {year}").format(
                quarter=(self.first.month - 1) // 3 + 1, year=self.first.year
            )
        return _("Year {year}").format(year=self.first.year)


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def period_of(frequency: str, day: dt.date) -> Period:
    """The month, quarter or year that ``day`` falls in."""
    if frequency == MONTHLY:
        return Period(MONTHLY, day.replace(day=1), _month_end(day.year, day.month))
    if frequency == QUARTERLY:
        first_month = (day.month - 1) // 3 * 3 + 1
        return Period(QUARTERLY, dt.date(day.year, first_month, 1), _month_end(day.year, first_month + 2))
    if frequency == YEARLY:
        return Period(YEARLY, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    raise ValueError(f"no period for frequency {frequency!r}")


@dataclass(frozen=True)
class HeldMeeting:
    """What the due-list needs to know of a meeting that was held."""

    kind: str
    day: dt.date
    party_group: str = ""


@dataclass(frozen=True)
class DueMeeting:
    """A kind of meeting not yet held in the current period (for a Party group when ``party_group``)."""

    kind: str
    period: Period
    party_group: str = ""

    @property
    def deadline(self) -> dt.date:
        return self.period.last

    def text(self) -> str:
        kind = MEETING_KIND.label(self.kind)
        if self.party_group:
            kind = _("{kind} of {group}").format(kind=kind, group=self.party_group)
        templates = {
            MONTHLY: _("{kind} not yet held this month"),
            QUARTERLY: _("{kind} not yet held this quarter"),
            YEARLY: _("{kind} not yet held this year"),
        }
        return templates[self.period.frequency].format(kind=kind)


def meetings_due(
    held: Iterable[HeldMeeting],
    as_of: dt.date,
    frequencies: Mapping[str, str] | None = None,
    party_groups: Sequence[str] = (),
) -> list[DueMeeting]:
    """The kinds still due in the month, quarter or year that ``as_of`` falls in: a kind is due when no
    meeting of it was held from the first day of its period up to ``as_of``. A meeting on the last day
    of a quarter counts for that quarter only; on the first day of a year every yearly kind is due again.

    Party group meetings are due for each group of the roster (``party_groups``) that has not met; with
    no groups on the roster, any Party group meeting counts for the branch."""
    frequencies = {**DEFAULT_FREQUENCIES, **(frequencies or {})}
    held = list(held)
    due: list[DueMeeting] = []
    for choice in MEETING_KIND:
        frequency = frequencies.get(choice.code, NOT_REQUIRED)
        if frequency == NOT_REQUIRED:
            continue
        period = period_of(frequency, as_of)
        in_period = [m for m in held if m.kind == choice.code and period.first <= m.day <= as_of]
        if choice.code == GROUP_MEETING and party_groups:
            met = {m.party_group for m in in_period}
            for group in party_groups:
                if group not in met:
                    due.append(DueMeeting(choice.code, period, group))
        elif not in_period:
            due.append(DueMeeting(choice.code, period))
    kinds = MEETING_KIND.codes()
    groups = list(party_groups)
    due.sort(
        key=lambda d: (d.deadline, kinds.index(d.kind), groups.index(d.party_group) if d.party_group else -1)
    )
    return due


# --- attendance -----------------------------------------------------------------------------------------

PRESENT, ABSENT, AWAY = "present", "absent", "away"
ATTENDANCE_STATUS = ChoiceList(
    Choice(PRESENT, N_("Present"), "出席", ("到会", "实到", "参加", "到")),
    Choice(ABSENT, N_("Absent"), "缺席", ("未到", "没来")),
    Choice(AWAY, N_("Away"), "外出", ("外出务工", "在外", "流动")),
)
LEAVE, OTHER_REASON = "leave", "other"
ABSENCE_REASON = ChoiceList(
    Choice(LEAVE, N_("On leave"), "请假", ("病假", "事假", "告假")),
    Choice(AWAY, N_("Away"), "外出", ("外出务工", "在外", "流动")),
    Choice(OTHER_REASON, N_("Other"), "其他", ("其它",)),
)


@dataclass(frozen=True)
class Attendance:
    """One expected attendee's mark: present; absent with a reason (请假 or 其他, and a note); or away (外出)."""

    member_id: int
    status: str = PRESENT
    reason: str = ""  # for ABSENT: LEAVE or OTHER_REASON
    note: str = ""

    @property
    def reason_code(self) -> str:
        """The absence reason as the form and the printout show it: 请假 / 外出 / 其他; "" when present."""
        if self.status == PRESENT:
            return ""
        if self.status == AWAY:
            return AWAY
        return self.reason if self.reason in (LEAVE, OTHER_REASON) else OTHER_REASON


def mark(member_id: int, reason_code: str = "", note: str = "") -> Attendance:
    """An attendance mark from the form's single choice: "" (present), leave, away or other."""
    if not reason_code or reason_code == PRESENT:
        return Attendance(member_id, PRESENT, "", "")
    if reason_code == AWAY:
        return Attendance(member_id, AWAY, "", normalize_text(note))
    if reason_code not in (LEAVE, OTHER_REASON):
        raise ValueError(f"unknown absence reason {reason_code!r}")
    return Attendance(member_id, ABSENT, reason_code, normalize_text(note))


@dataclass(frozen=True)
class AttendanceCount:
    expected: int
    present: int
    on_leave: int
    away: int
    other: int

    @property
    def absent(self) -> int:
        """Everyone expected who did not come, whatever the reason (缺席 on the printout)."""
        return self.on_leave + self.away + self.other

    @property
    def more_than_half_present(self) -> bool:
        """A 支部党员大会 can vote only with more than half of its members present (条例 第十一条)."""
        return self.present * 2 > self.expected

    def reasons_text(self) -> str:
        """E.g. 请假1人、外出2人; "" when nobody was absent."""
        parts = [
            _("{reason} {count}").format(reason=ABSENCE_REASON.label(code), count=count)
            for code, count in ((LEAVE, self.on_leave), (AWAY, self.away), (OTHER_REASON, self.other))
            if count
        ]
        return "、".join(parts)

    def summary(self) -> str:
        values = {"expected": self.expected, "present": self.present, "absent": self.absent}
        if not self.absent:
            return _("Expected {expected}, present {present}, absent {absent}").format(**values)
        return _("Expected {expected}, present {present}, absent {absent} ({reasons})").format(
            reasons=self.reasons_text(), **values
        )


def count_attendance(marks: Iterable[Attendance]) -> AttendanceCount:
    marks = list(marks)
    reasons = [m.reason_code for m in marks]
    return AttendanceCount(
        expected=len(marks),
        present=reasons.count(""),
        on_leave=reasons.count(LEAVE),
        away=reasons.count(AWAY),
        other=reasons.count(OTHER_REASON),
    )


def default_marks(expected: Iterable[tuple[int, bool]]) -> list[Attendance]:
    """The checklist before anyone is ticked: members away (``True``) are pre-marked 外出, the rest present."""
    return [Attendance(member_id, AWAY if away else PRESENT) for member_id, away in expected]


# --- a meeting record -----------------------------------------------------------------------------------

_LIMITS = {"place": 100, "topic": 200, "presenter": 50, "recorder": 50, "party_group": 50, "minutes": 20000}
FIELD_LABELS = {
    "kind": N_("Kind of meeting"),
    "held_on": N_("Date"),
    "start_time": N_("Time"),
    "place": N_("Meeting place"),
    "topic": N_("Meeting topic"),
    "presenter": N_("Chaired by"),
    "recorder": N_("Minutes taken by"),
    "party_group": N_("Party group"),
    "minutes": N_("Meeting minutes"),
    "attendance": N_("Attendance"),
}


def field_label(key: str) -> str:
    return _(FIELD_LABELS.get(key, key))


@dataclass(frozen=True)
class MeetingData:
    kind: str
    held_on: dt.date
    topic: str
    start_time: dt.time | None = None
    place: str = ""
    presenter: str = ""
    recorder: str = ""
    party_group: str = ""
    minutes: str = ""
    attendance: tuple[Attendance, ...] = field(default=())


def _parse_day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalize_text(value)
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?", text)
    if not match:
        raise ValueError
    return dt.date(*(int(g) for g in match.groups()))


def _parse_time(value: object) -> dt.time | None:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = normalize_text(value).replace("：", ":")
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[:点时](\d{2})?分?", text)
    if not match:
        raise ValueError
    return dt.time(int(match.group(1)), int(match.group(2) or 0))


def _check_kind(value: object, errors: dict[str, str]) -> str | None:
    kind = MEETING_KIND.code_for(value)
    if kind is None:
        errors["kind"] = _("Choose the kind of meeting: {choices}.").format(
            choices="、".join(c.label() for c in MEETING_KIND)
        )
    return kind


def _check_held_on(value: object, today: dt.date, errors: dict[str, str]) -> dt.date | None:
    """The meeting's date: given, not in the future (this records meetings that were held), a real year."""
    try:
        held_on = _parse_day(value)
    except ValueError:
        errors["held_on"] = _("Write the date like 2025-03-05.")
        return None
    if held_on is None:
        errors["held_on"] = _("Please enter the date of the meeting.")
    elif held_on > today:
        errors["held_on"] = _("The date {date} is in the future. Record a meeting after it was held.").format(
            date=held_on.isoformat()
        )
    elif held_on.year < 1921:
        errors["held_on"] = _("Check the year of the date.")
    return held_on


def _check_start_time(value: object, errors: dict[str, str]) -> dt.time | None:
    try:
        return _parse_time(value)
    except ValueError:
        errors["start_time"] = _("Write the time like 9:00 or 14:30.")
        return None


def _check_text(raw: Mapping[str, object], key: str, errors: dict[str, str], *, prose: bool = False) -> str:
    """A text field tidied (prose keeps its lines), at most its length limit."""
    value = raw.get(key)
    if prose:
        text = str(value or "").replace("\r\n", "\n").strip()
    else:
        text = normalize_text(value, keep_chinese_punctuation=True)
    limit = _LIMITS[key]
    if len(text) > limit:
        errors[key] = _("Too long: at most {limit} characters.").format(limit=limit)
    return text


def _check_marks(value: object, errors: dict[str, str]) -> tuple[Attendance, ...]:
    """The attendance list: marks only (anything else is a programming error), each member once, someone."""
    marks: tuple[object, ...] = tuple(cast("Iterable[object]", value or ()))
    seen: set[int] = set()
    for m in marks:
        if not isinstance(m, Attendance) or m.status not in ATTENDANCE_STATUS.codes():
            raise ValueError(f"not an attendance mark: {m!r}")
        if m.member_id in seen:
            errors["attendance"] = _("A member is on the attendance list twice.")
        seen.add(m.member_id)
    if not marks:
        errors["attendance"] = _("Nobody is expected at this meeting. Tick who should attend.")
    return cast("tuple[Attendance, ...]", marks)


def validate_meeting(raw: Mapping[str, object], *, today: dt.date | None = None) -> MeetingData:
    """Check a meeting as typed: kind, date (not in the future: this records meetings that were held),
    topic, and the attendance marks (each member once)."""
    errors: dict[str, str] = {}
    kind = _check_kind(raw.get("kind"), errors)
    held_on = _check_held_on(raw.get("held_on"), today or dt.date.today(), errors)
    start_time = _check_start_time(raw.get("start_time"), errors)
    topic = _check_text(raw, "topic", errors)
    if not topic:
        errors["topic"] = _("Please enter the topic of the meeting.")
    values = {key: _check_text(raw, key, errors) for key in ("place", "presenter", "recorder", "party_group")}
    minutes = _check_text(raw, "minutes", errors, prose=True)
    marks = _check_marks(raw.get("attendance"), errors)
    if errors:
        raise FieldErrors(errors)
    assert kind is not None and held_on is not None
    return MeetingData(kind=kind, held_on=held_on, topic=topic, start_time=start_time, minutes=minutes,
                       attendance=marks, **values)  # fmt: skip


# --- democratic evaluation (民主评议党员) ----------------------------------------------------------------

DEFAULT_GRADES: tuple[str, ...] = ("优秀", "合格", "基本合格", "不合格")


def check_grades(value: object) -> tuple[str, ...]:
    """The grade list from settings: 2 to 6 distinct names, best first."""
    if isinstance(value, str):
        items = [normalize_text(v) for v in re.split(r"[、，,;；/\n]+", value)]
    elif isinstance(value, Iterable):
        items = [normalize_text(v) for v in value]
    else:
        items = []
    grades = tuple(item for item in items if item)
    if not 2 <= len(grades) <= 6 or len(set(grades)) != len(grades) or any(len(g) > 10 for g in grades):
        raise ValueError(
            _(
                "Give 2 to 6 different grades, best first, separated by 、 (e.g. 优秀、合格、基本合格、不合格)."
            )
        )
    return grades


@dataclass(frozen=True)
class EvaluationData:
    self_assessment: str
    votes: tuple[tuple[str, int], ...]  # (grade, votes) in the order of the grade list
    grade: str  # the branch's final grade; "" while not decided

    @property
    def total_votes(self) -> int:
        return sum(count for _grade, count in self.votes)


def validate_evaluation(
    self_assessment: object, votes: Mapping[str, object], grade: object, grades: Sequence[str]
) -> EvaluationData:
    errors: dict[str, str] = {}
    text = str(self_assessment or "").replace("\r\n", "\n").strip()
    if len(text) > 2000:
        errors["self_assessment"] = _("Too long: at most {limit} characters.").format(limit=2000)
    counted: list[tuple[str, int]] = []
    unknown = [g for g in votes if g not in grades and votes[g] not in (None, "", 0, "0")]
    if unknown:
        errors["votes"] = _("{grade} is not one of the grades: {choices}.").format(
            grade=unknown[0], choices="、".join(grades)
        )
    for name in grades:
        raw = votes.get(name, 0)
        try:
            number = int(str(raw).strip() or 0)
        except ValueError:
            number = -1
        if not 0 <= number <= 100000:
            errors["votes"] = _("Votes are whole numbers, 0 or more.")
            number = 0
        counted.append((name, number))
    final = normalize_text(grade)
    if final and final not in grades:
        errors["grade"] = _("{grade} is not one of the grades: {choices}.").format(
            grade=final, choices="、".join(grades)
        )
    if errors:
        raise FieldErrors(errors)
    return EvaluationData(text, tuple(counted), final)


def leading_grade(votes: Sequence[tuple[str, int]]) -> str:
    """The grade with the most votes (the better grade on a tie); "" with no votes. Only a suggestion:
    the branch decides the grade (条例 第十九条)."""
    best = ""
    most = 0
    for name, count in votes:
        if count > most:
            best, most = name, count
    return best


# --- the probationary year (预备期) --------------------------------------------------------------------

PROBATION_NOTICE_DAYS = 60


def probation_end(joined: dt.date) -> dt.date:
    """A probationary member's year ends one year after joining (党章 第七条: 预备期为一年)."""
    try:
        return joined.replace(year=joined.year + 1)
    except ValueError:  # joined on 29 February
        return joined.replace(year=joined.year + 1, day=28)


def probation_due(
    joined: dt.date | None, as_of: dt.date, within_days: int = PROBATION_NOTICE_DAYS
) -> dt.date | None:
    """The end of the probationary year when it falls within ``within_days`` of ``as_of`` or has already
    passed (转正 is due, or overdue); None otherwise or when the joining date is unknown."""
    if joined is None:
        return None
    end = probation_end(joined)
    return end if end <= as_of + dt.timedelta(days=within_days) else None
