"""validate_member, one rule group at a time: each field rule and each rule across fields, with the
message the secretary reads and the order the errors are listed in."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.domain.dates import PartialDate
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.members import validate_member
from dangjian_desktop.i18n import _

TODAY = dt.date(2026, 5, 1)


def id_number(birth: str = "19700101", sequence: int = 1) -> str:
    first17 = f"370102{birth}{sequence:03d}"  # odd sequence: male
    return first17 + check_digit(first17)


def check(**raw: object):
    return validate_member({"name": "张三", "id_number": id_number(), **raw}, today=TODAY)


def errors_of(**raw: object) -> dict[str, str]:
    with pytest.raises(FieldErrors) as caught:
        check(**raw)
    return caught.value.errors


def test_a_plain_member_takes_sex_and_birth_from_the_id_number():
    data = check()
    assert data.sex == "male"
    assert data.birth_date == PartialDate(dt.date(1970, 1, 1), "day")
    assert data.category == "full"
    assert data.ethnicity == "汉族"
    assert (data.flowing, data.holds_activity_book) == (False, False)


def test_name_rules():
    assert check(name="张 三").name == "张三"
    assert check(name="Li Lei").name == "Li Lei"  # spaces in a name without Chinese characters stay
    assert errors_of(name="  ") == {"name": _("Please enter the name.")}
    assert errors_of(name="张" * 51) == {"name": _("Too long: at most {limit} characters.").format(limit=50)}


def test_text_fields_have_length_limits_and_no_office_words_mean_no_office():
    assert errors_of(office="x" * 101, notes="y" * 2001) == {
        "office": _("Too long: at most {limit} characters.").format(limit=100),
        "notes": _("Too long: at most {limit} characters.").format(limit=2000),
    }
    for word in ("无", "普通党员", "/"):
        assert check(office=word).office == ""
    assert check(office="村委会主任").holds_office


def test_ethnicity_gets_its_zu():
    assert check(ethnicity="回").ethnicity == "回族"
    assert check(ethnicity="穿青人").ethnicity == "穿青人"
    assert check(ethnicity="").ethnicity == "汉族"


def test_choice_rules():
    assert errors_of(sex="其他") == {"sex": _("Please choose 男 or 女.")}
    assert errors_of(category="群众") == {"category": _("Please choose 正式党员 or 预备党员.")}
    assert list(errors_of(dues_category="干部")) == ["dues_category"]
    assert check(category="预备党员").category == "probationary"
    assert check(dues_category="").dues_category == ""


def test_yes_no_rules():
    assert check(flowing="是", holds_activity_book=True).flowing
    assert errors_of(flowing="也许", holds_activity_book="?") == {
        "flowing": _("Please write 是 or 否."),
        "holds_activity_book": _("Please write 是 or 否."),
    }


def test_the_id_number_is_required_and_checked():
    assert list(errors_of(id_number="")) == ["id_number"]
    number = id_number()
    wrong_digit = "1" if number[-1] != "1" else "2"
    assert list(errors_of(id_number=number[:-1] + wrong_digit)) == ["id_number"]


def test_the_id_number_decides_sex_and_birth_date():
    assert errors_of(sex="女") == {
        "sex": _("Does not match the ID number, which says {sex}.").format(sex="男")
    }
    assert errors_of(birth_date="1971-01-01") == {
        "birth_date": _("Does not match the ID number, which says {date}.").format(date="1970-01-01")
    }
    # a year and month that fit are made whole by the ID number
    assert check(birth_date="1970.1").birth_date == PartialDate(dt.date(1970, 1, 1), "day")


def test_a_15_digit_id_number_is_converted_with_a_warning():
    data = check(id_number="370102700101001")
    assert len(data.id_number) == 18
    assert data.warnings == (_("The old 15-digit ID number was converted to 18 digits."),)


def test_dates_not_in_the_future():
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert errors_of(joined_date=tomorrow) == {"joined_date": _("This date is in the future.")}


def test_dates_in_order():
    assert errors_of(joined_date="1969-01-01") == {
        "joined_date": _("The date of joining must come after the date of birth.")
    }
    assert errors_of(joined_date="1987-06-01") == {
        "joined_date": _("The member would have been under 18 when joining.")
    }
    assert check(joined_date="1987-12").joined_date is not None  # a month only: the age is not checked
    assert errors_of(joined_date="1995-07-01", full_member_date="1995-07-01") == {
        "full_member_date": _("Full membership must come after the date of joining.")
    }


def test_a_probationary_member_has_no_full_membership_date():
    assert errors_of(category="预备党员", joined_date="2025-07-01", full_member_date="2026-01-01") == {
        "full_member_date": _("A probationary member has no date of full membership yet.")
    }


def test_every_wrong_field_is_named_in_a_fixed_order():
    errors = errors_of(
        name="",
        sex="其他",
        joined_date="1969-01-01",
        category="群众",
        phone="12",
        flowing="?",
        education="x" * 21,
    )
    assert list(errors) == ["name", "sex", "joined_date", "category", "phone", "flowing", "education"]
