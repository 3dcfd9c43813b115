"""A member of the roster and the one validation path shared by the form, the command line and the
sheet import. Raw values come in (typed text, sheet cells); checked values or field errors come out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from dangjian_desktop.domain.choices import (
    CATEGORY,
    DUES_CATEGORY,
    ETHNICITY_DEFAULT,
    NO_OFFICE_WORDS,
    NO_WORDS,
    SEX,
    YES_WORDS,
    ChoiceList,
)
from dangjian_desktop.domain.dates import InvalidDate, PartialDate, parse_date
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.idnumber import IdNumberInfo, InvalidIdNumber, parse_id_number
from dangjian_desktop.domain.phones import clean_phone, phone_problem
from dangjian_desktop.domain.text import natural_key, normalize_text
from dangjian_desktop.i18n import N_, _

# Field keys are shared with the sheet columns (domain.roster_columns) and the form.
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "sex": N_("Sex"),
    "ethnicity": N_("Ethnicity"),
    "birth_date": N_("Date of birth"),
    "id_number": N_("Resident ID number"),
    "education": N_("Education"),
    "category": N_("Member category"),
    "joined_date": N_("Date joined the Party"),
    "full_member_date": N_("Date of full membership"),
    "party_group": N_("Party group"),
    "office": N_("Office held"),
    "dues_category": N_("Work / income category"),
    "occupation": N_("Occupation"),
    "phone": N_("Phone"),
    "address": N_("Home address"),
    "flowing": N_("Working away"),
    "away_place": N_("Where working away"),
    "holds_activity_book": N_("Holds activity book"),
    "notes": N_("Notes"),
}


def party_group_order(group: str) -> tuple[bool, tuple[object, ...]]:
    """The one order of Party groups on every screen and paper: their natural order (第一, 第二, 第三 …
    第十 党小组, 2组 before 10组, not by code points, which put 第三 before 第二), members without a
    group last."""
    return (not group, natural_key(group or ""))


# The kinds of a member's history events (store.models.MemberEvent.kind), in words.
EVENT_LABELS: dict[str, str] = {
    "added": N_("Entered in the roster"),
    "left": N_("Left the roster"),
    "returned": N_("Returned to the roster"),
    "deleted": N_("Deleted (entry made by mistake)"),
    "restored": N_("Deleted entry restored"),
}
MIN_JOINING_AGE = 18  # 党章 第一条: 年满十八岁的中国工人、农民……
_PROSE_FIELDS = frozenset({"address", "notes", "occupation", "away_place"})
_MAX_LENGTHS = {
    "name": 50,
    "ethnicity": 20,
    "education": 20,
    "party_group": 50,
    "office": 100,
    "occupation": 100,
    "address": 200,
    "away_place": 200,
    "notes": 2000,
}


def field_label(key: str) -> str:
    return _(FIELD_LABELS.get(key, key))


@dataclass(frozen=True, slots=True)  # slots: a 200,000-row import holds as many of these
class MemberData:
    """A member's checked values, as stored."""

    name: str
    id_number: str
    sex: str = ""
    ethnicity: str = ETHNICITY_DEFAULT
    birth_date: PartialDate | None = None
    education: str = ""
    category: str = "full"
    joined_date: PartialDate | None = None
    full_member_date: PartialDate | None = None
    party_group: str = ""
    office: str = ""
    dues_category: str = ""
    occupation: str = ""
    phone: str = ""
    address: str = ""
    flowing: bool = False
    away_place: str = ""
    holds_activity_book: bool = False
    notes: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def holds_office(self) -> bool:
        return bool(self.office.strip())

    def as_dict(self) -> dict[str, object]:
        values = asdict(self)
        values.pop("warnings")
        for key in ("birth_date", "joined_date", "full_member_date"):
            part = getattr(self, key)
            values[key] = str(part) if part else None
        return values


def _parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = normalize_text(value).lower()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None


def _normalize_ethnicity(value: object) -> str:
    text = normalize_text(value).replace(" ", "")
    if not text:
        return ETHNICITY_DEFAULT
    if not text.endswith("族") and text not in {"其他", "未识别民族", "穿青人"} and len(text) <= 4:
        text += "族"
    return text


class _Check:
    """One check of a member's raw values: the errors (field key -> message, in the order found) and
    warnings it has collected so far. The field rules and cross-field rules below add to them."""

    def __init__(self, raw: Mapping[str, object], today: dt.date) -> None:
        self.raw = raw
        self.today = today
        self.errors: dict[str, str] = {}
        self.warnings: list[str] = []

    def ok(self, key: str) -> bool:
        return key not in self.errors

    def text(self, key: str) -> str:
        value = normalize_text(self.raw.get(key), keep_chinese_punctuation=key in _PROSE_FIELDS)
        limit = _MAX_LENGTHS.get(key)
        if limit and len(value) > limit:
            self.errors[key] = _("Too long: at most {limit} characters.").format(limit=limit)
        return value

    def date(self, key: str) -> PartialDate | None:
        try:
            return parse_date(self.raw.get(key), today=self.today)
        except InvalidDate as error:
            self.errors[key] = error.message
            return None

    def choice(self, key: str) -> str:
        """A code from a list of choices (男/女, 正式/预备党员, the dues categories): a blank cell is the
        rule's default; a word not in the list is an error (and the default is kept meanwhile)."""
        rule = _CHOICE_RULES[key]
        typed = normalize_text(self.raw.get(key))
        code = rule.choices.code_for(typed) if typed else rule.default
        if code is None:
            self.errors[key] = rule.message()
            return rule.default
        return code

    def flag(self, key: str) -> bool:
        parsed = _parse_bool(self.raw.get(key))
        if parsed is None:
            self.errors[key] = _("Please write 是 or 否.")
            return False
        return parsed


@dataclass(frozen=True)
class _ChoiceRule:
    choices: ChoiceList
    default: str
    message: Callable[[], str]


_CHOICE_RULES: dict[str, _ChoiceRule] = {
    "sex": _ChoiceRule(SEX, "", lambda: _("Please choose 男 or 女.")),
    "category": _ChoiceRule(CATEGORY, "full", lambda: _("Please choose 正式党员 or 预备党员.")),
    "dues_category": _ChoiceRule(
        DUES_CATEGORY,
        "",
        lambda: _("Please choose one of: {choices}.").format(
            choices="、".join(c.sheet_name for c in DUES_CATEGORY)
        ),
    ),
}
_DATE_KEYS = ("birth_date", "joined_date", "full_member_date")
_FLAG_KEYS = ("flowing", "holds_activity_book")
_TEXT_KEYS = ("education", "party_group", "office", "occupation", "address", "away_place", "notes")


# --- rules for one field ---------------------------------------------------------------------------


def _name(check: _Check) -> str:
    name = check.text("name")
    if re.search(r"[\u4e00-\u9fff]", name):
        name = name.replace(" ", "")  # 张 三 (spaces to line names up in a sheet) is 张三
    if not name:
        check.errors["name"] = _("Please enter the name.")
    return name


def _id_number(check: _Check) -> IdNumberInfo | None:
    try:
        return parse_id_number(check.raw.get("id_number"))
    except InvalidIdNumber as error:
        check.errors["id_number"] = error.message
        return None


def _phone(check: _Check) -> str:
    phone = clean_phone(check.raw.get("phone"))
    if problem := phone_problem(phone):
        check.errors["phone"] = problem
    return phone


def _texts(check: _Check) -> dict[str, str]:
    values = {key: check.text(key) for key in _TEXT_KEYS}
    if values["office"].replace(" ", "") in NO_OFFICE_WORDS:
        values["office"] = ""  # 无 / 普通党员 / "/" all mean a member without office
    return values


# --- rules across fields ---------------------------------------------------------------------------


def _sex_by_id(check: _Check, sex: str, id_info: IdNumberInfo) -> str:
    """The ID number says the sex: a blank one is taken from it, a different one is an error."""
    id_sex = "male" if id_info.sex == "男" else "female"
    if not sex:
        return id_sex
    if sex != id_sex and check.ok("sex"):
        check.errors["sex"] = _("Does not match the ID number, which says {sex}.").format(
            sex=SEX.label(id_sex)
        )
    return sex


def _birth_by_id(check: _Check, birth: PartialDate | None, id_info: IdNumberInfo) -> PartialDate | None:
    """The ID number says the date of birth: a blank one is taken from it, a year and month is made
    whole, a different one is an error."""
    if birth is None:
        return PartialDate(id_info.birth_date, "day") if check.ok("birth_date") else None
    if not _same_day_or_month(birth, id_info.birth_date):
        check.errors["birth_date"] = _("Does not match the ID number, which says {date}.").format(
            date=id_info.birth_date.isoformat()
        )
    elif birth.precision == "month":
        return PartialDate(id_info.birth_date, "day")  # the ID number knows the day
    return birth


def _no_future_dates(check: _Check, dates: Mapping[str, PartialDate | None]) -> None:
    for key, value in dates.items():
        if value is not None and value.value > check.today and check.ok(key):
            check.errors[key] = _("This date is in the future.")


def _dates_in_order(check: _Check, dates: Mapping[str, PartialDate | None]) -> None:
    """Born, then joined (at 18 or older), then a full member."""
    birth, joined, full_member = (dates[key] for key in _DATE_KEYS)
    if birth and joined and check.ok("joined_date") and check.ok("birth_date"):
        if joined.value <= birth.value:
            check.errors["joined_date"] = _("The date of joining must come after the date of birth.")
        elif _years_between(birth.value, joined.value) < MIN_JOINING_AGE and joined.precision == "day":
            check.errors["joined_date"] = _("The member would have been under 18 when joining.")
    if joined and full_member and check.ok("full_member_date") and check.ok("joined_date"):
        if full_member.value <= joined.value:
            check.errors["full_member_date"] = _("Full membership must come after the date of joining.")


def _probationary_not_yet_full(check: _Check, category: str, full_member: PartialDate | None) -> None:
    if category == "probationary" and full_member is not None and check.ok("full_member_date"):
        check.errors["full_member_date"] = _("A probationary member has no date of full membership yet.")


def validate_member(raw: Mapping[str, object], *, today: dt.date | None = None) -> MemberData:
    """Check a member's raw values; raise FieldErrors naming every wrong field, in words. The rules run
    in a fixed order, so the errors are always listed in the same order."""
    check = _Check(raw, today or dt.date.today())
    name = _name(check)
    id_info = _id_number(check)
    dates = {key: check.date(key) for key in _DATE_KEYS}
    sex = check.choice("sex")
    if id_info is not None:
        sex = _sex_by_id(check, sex, id_info)
        dates["birth_date"] = _birth_by_id(check, dates["birth_date"], id_info)
        if id_info.converted_from_15:
            check.warnings.append(_("The old 15-digit ID number was converted to 18 digits."))
    _no_future_dates(check, dates)
    _dates_in_order(check, dates)
    category = check.choice("category")
    _probationary_not_yet_full(check, category, dates["full_member_date"])
    dues_category = check.choice("dues_category")
    phone = _phone(check)
    flags = {key: check.flag(key) for key in _FLAG_KEYS}
    texts = _texts(check)
    ethnicity = _normalize_ethnicity(raw.get("ethnicity"))
    if check.errors:
        raise FieldErrors(check.errors)
    assert id_info is not None
    checked: dict[str, Any] = {**dates, **flags, **texts}
    return MemberData(
        name=name,
        id_number=id_info.number,
        sex=sex,
        ethnicity=ethnicity,
        category=category,
        dues_category=dues_category,
        phone=phone,
        warnings=tuple(check.warnings),
        **checked,
    )


def _same_day_or_month(given: PartialDate, actual: dt.date) -> bool:
    if given.precision == "month":
        return (given.value.year, given.value.month) == (actual.year, actual.month)
    return given.value == actual


def _years_between(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years
