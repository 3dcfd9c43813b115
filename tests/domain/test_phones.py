import pytest

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.members import validate_member
from dangjian_desktop.domain.phones import clean_phone, format_phone, phone_problem


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("138 1234 5678", "13812345678"),
        ("１３８－１２３４－５６７８", "13812345678"),
        ("(0531)12345678", "053112345678"),
        ("+86 138 1234 5678", "+8613812345678"),
    ],
)
def test_phones_are_cleaned(typed, stored):
    assert clean_phone(typed) == stored
    assert phone_problem(stored) is None


@pytest.mark.parametrize(
    "fine", ["", "13812345678", "053112345678", "62345678", "8613812345678", "+12125550100"]
)
def test_good_numbers_pass(fine):
    assert phone_problem(fine) is None


@pytest.mark.parametrize(("slip", "count"), [("1381234567", 10), ("138123456789", 12)])
def test_a_mobile_with_a_digit_too_few_or_too_many_is_caught(slip, count):
    assert phone_problem(slip) == f"手机号码是11位数字，这里填了{count}位，请核对。"


def test_too_short_or_not_digits():
    assert "7到20位" in phone_problem("12345")
    assert "7到20位" in phone_problem("138abc45678")


def test_the_roster_form_says_it_in_words():
    first17 = "37010219700101001"
    with pytest.raises(FieldErrors) as caught:
        validate_member({"name": "张三", "id_number": first17 + check_digit(first17), "phone": "1381234567"})
    assert caught.value.errors["phone"] == "手机号码是11位数字，这里填了10位，请核对。"


def test_a_phone_is_shown_with_the_hyphen_after_its_area_code_however_it_was_typed():
    from dangjian_desktop.domain.phones import format_phone

    assert format_phone(clean_phone("0531-87876543")) == "0531-87876543"  # stored as digits, shown as typed
    assert format_phone("053187876543") == "0531-87876543"
    assert format_phone("05318765432") == "0531-8765432"
    assert format_phone("01012345678") == "010-12345678"
    assert format_phone("02087654321") == "020-87654321"
    assert format_phone("13812345678") == "13812345678"
    assert format_phone("87876543") == "87876543"  # a local number has no area code to set apart
    assert format_phone("4008123456") == "400-812-3456"
    assert format_phone("") == ""
    assert format_phone("+8613812345678") == "+8613812345678"
    assert format_phone("转8001") == "转8001"  # not a plain number: as typed


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("05318765432", "0531-8765432"),
        ("053188888888", "0531-88888888"),
        ("01012345678", "010-12345678"),
        ("02087654321", "020-87654321"),
        ("13812345678", "13812345678"),
        ("62345678", "62345678"),
        ("+8613812345678", "+8613812345678"),
        ("", ""),
    ],
)
def test_a_landline_is_shown_with_the_hyphen_after_its_area_code(stored, shown):
    assert format_phone(stored) == shown
    assert clean_phone(format_phone(stored)) == stored  # saved again unchanged
