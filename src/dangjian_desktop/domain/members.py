"""A member of the roster and the one validation path shared by the form, the command line and the
sheet import. Raw values come in (typed text, sheet cells); checked values or field errors come out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from dangjian_desktop.domain.choices import (
    CATEGORY,
    DUES_CATEGORY,
    ETHNICITY_DEFAULT,
    NO_OFFICE_WORDS,
    NO_WORDS,
    SEX,
    YES_WORDS,
)
from dangjian_desktop.domain.dates import InvalidDate, PartialDate, parse_date
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.idnumber import InvalidIdNumber, parse_id_number
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


def party_group_order(group: str) -> tuple:
    """The one order of Party groups on every screen and paper: their natural order (第一, 第二, 第三 …
    第十 党小组, 2组 before 10组, not by code points, which put 第三 before 第二), members without a
    group last."""
    return (not group, natural_key(group or ""))


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


def validate_member(raw: Mapping[str, object], *, today: dt.date | None = None) -> MemberData:
    """Check a member's raw values; raise FieldErrors naming every wrong field, in words."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    warnings: list[str] = []

    def text(key: str) -> str:
        value = normalize_text(raw.get(key), keep_chinese_punctuation=key in _PROSE_FIELDS)
        limit = _MAX_LENGTHS.get(key)
        if limit and len(value) > limit:
            errors[key] = _("Too long: at most {limit} characters.").format(limit=limit)
        return value

    name = text("name")
    if re.search(r"[\u4e00-\u9fff]", name):
        name = name.replace(" ", "")  # 张 三 (spaces to line names up in a sheet) is 张三
    if not name:
        errors["name"] = _("Please enter the name.")

    id_info = None
    try:
        id_info = parse_id_number(raw.get("id_number"))
    except InvalidIdNumber as error:
        errors["id_number"] = error.message

    def date(key: str) -> PartialDate | None:
        try:
            return parse_date(raw.get(key), today=today)
        except InvalidDate as error:
            errors[key] = error.message
            return None

    birth = date("birth_date")
    joined = date("joined_date")
    full_member = date("full_member_date")

    sex_raw = normalize_text(raw.get("sex"))
    sex = SEX.code_for(sex_raw) if sex_raw else ""
    if sex is None:
        errors["sex"] = _("Please choose 男 or 女.")
        sex = ""

    if id_info is not None:
        id_sex = "male" if id_info.sex == "男" else "female"
        if not sex:
            sex = id_sex
        elif sex != id_sex and "sex" not in errors:
            errors["sex"] = _("Does not match the ID number, which says {sex}.").format(sex=SEX.label(id_sex))
        if birth is None and "birth_date" not in errors:
            birth = PartialDate(id_info.birth_date, "day")
        elif birth is not None and not _same_day_or_month(birth, id_info.birth_date):
            errors["birth_date"] = _("Does not match the ID number, which says {date}.").format(
                date=id_info.birth_date.isoformat()
            )
        elif birth is not None and birth.precision == "month":
            birth = PartialDate(id_info.birth_date, "day")  # the ID number knows the day
        if id_info.converted_from_15:
            warnings.append(_("The old 15-digit ID number was converted to 18 digits."))

    for key, value in (("birth_date", birth), ("joined_date", joined), ("full_member_date", full_member)):
        if value is not None and value.value > today and key not in errors:
            errors[key] = _("This date is in the future.")

    if birth and joined and "joined_date" not in errors and "birth_date" not in errors:
        if joined.value <= birth.value:
            errors["joined_date"] = _("The date of joining must come after the date of birth.")
        elif _years_between(birth.value, joined.value) < MIN_JOINING_AGE and joined.precision == "day":
            errors["joined_date"] = _("The member would have been under 18 when joining.")
    if joined and full_member and "full_member_date" not in errors and "joined_date" not in errors:
        if full_member.value <= joined.value:
            errors["full_member_date"] = _("Full membership must come after the date of joining.")

    category_raw = normalize_text(raw.get("category"))
    category = CATEGORY.code_for(category_raw) if category_raw else "full"
    if category is None:
        errors["category"] = _("Please choose 正式党员 or 预备党员.")
        category = "full"
    if category == "probationary" and full_member is not None and "full_member_date" not in errors:
        errors["full_member_date"] = _("A probationary member has no date of full membership yet.")

    dues_raw = normalize_text(raw.get("dues_category"))
    dues_category = DUES_CATEGORY.code_for(dues_raw) if dues_raw else ""
    if dues_category is None:
        errors["dues_category"] = _("Please choose one of: {choices}.").format(
            choices="、".join(c.sheet_name for c in DUES_CATEGORY)
        )
        dues_category = ""

    phone = clean_phone(raw.get("phone"))
    if problem := phone_problem(phone):
        errors["phone"] = problem

    flags: dict[str, bool] = {}
    for key in ("flowing", "holds_activity_book"):
        parsed = _parse_bool(raw.get(key))
        if parsed is None:
            errors[key] = _("Please write 是 or 否.")
            parsed = False
        flags[key] = parsed

    values = {
        k: text(k)
        for k in ("education", "party_group", "office", "occupation", "address", "away_place", "notes")
    }
    if values["office"].replace(" ", "") in NO_OFFICE_WORDS:
        values["office"] = ""  # 无 / 普通党员 / "/" all mean a member without office
    ethnicity = _normalize_ethnicity(raw.get("ethnicity"))
    if errors:
        raise FieldErrors(errors)
    assert id_info is not None
    return MemberData(
        name=name,
        id_number=id_info.number,
        sex=sex,
        ethnicity=ethnicity,
        birth_date=birth,
        category=category,
        joined_date=joined,
        full_member_date=full_member,
        dues_category=dues_category,
        phone=phone,
        flowing=flags["flowing"],
        holds_activity_book=flags["holds_activity_book"],
        warnings=tuple(warnings),
        **values,
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
