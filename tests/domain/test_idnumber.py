from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from dangjian_desktop import i18n
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.idnumber import (
    IdNumberInfo,
    InvalidIdNumber,
    check_digit,
    mask_id_number,
    mask_phone,
    parse_id_number,
)

TODAY = dt.date(2025, 6, 1)

# The weights and check characters written out here, independently of the module.
_WEIGHTS = [2 ** (18 - i) % 11 for i in range(1, 18)]  # W_i = 2^(18-i) mod 11, i = 1 at the left
_CHARS = {0: "1", 1: "0", 2: "X", 3: "9", 4: "8", 5: "7", 6: "6", 7: "5", 8: "4", 9: "3", 10: "2"}


def _reference_check(first17: str) -> str:
    return _CHARS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


@pytest.fixture
def english() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture
def chinese() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(previous)


def _error(value: object, **kwargs: object) -> str:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_id_number(value, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, AppError)
    assert caught.value.message == str(caught.value)
    return caught.value.message


def test_reference_weights_are_the_standard_ones() -> None:
    assert _WEIGHTS == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "440524188001010014", "370101190102039973", "513101198201130014"]
)
def test_check_digit_of_public_samples(number: str) -> None:
    assert check_digit(number[:17]) == number[17]
    assert _reference_check(number[:17]) == number[17]


@pytest.mark.parametrize(
    "bad", ["", "1234", "1101051949123100X", "110105194912310021", "１１０１０５１９４９１２３１００２"]
)
def test_check_digit_needs_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_digit(bad)


def test_check_digit_covers_every_remainder() -> None:
    # Find a prefix for every remainder 0..10 and compare with the reference table.
    seen = set()
    for seq in range(200):
        first17 = f"37010119900101{seq:03d}"
        assert check_digit(first17) == _reference_check(first17)
        seen.add(check_digit(first17))
    assert seen == set("0123456789X")


@pytest.mark.parametrize(
    ("number", "born", "sex", "region"),
    [
        ("11010519491231002X", dt.date(1949, 12, 31), "女", "110105"),
        ("440524188001010014", dt.date(1880, 1, 1), "男", "440524"),
        ("370101190102039973", dt.date(1901, 2, 3), "男", "370101"),
        ("513101198201130014", dt.date(1982, 1, 13), "男", "513101"),
    ],
)
def test_valid_numbers(number: str, born: dt.date, sex: str, region: str) -> None:
    info = parse_id_number(number, today=TODAY)
    assert info == IdNumberInfo(
        number=number, birth_date=born, sex=sex, region_code=region, converted_from_15=False
    )


def test_sex_comes_from_the_17th_digit() -> None:
    first16 = "3701011990010100"
    for digit in range(10):
        first17 = first16 + str(digit)
        info = parse_id_number(first17 + _reference_check(first17), today=TODAY)
        assert info.sex == ("男" if digit % 2 else "女")


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105 19491231 002X",
        "110105-19491231-002x",
        "\u3000110105\u300019491231002X\u200b",
        "'11010519491231002X",
    ],
)
def test_normalises_input(typed: str) -> None:
    info = parse_id_number(typed, today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.sex == "女"


def test_today_defaults_to_the_real_date() -> None:
    assert parse_id_number("513101198201130014").birth_date == dt.date(1982, 1, 13)


def test_int_with_18_digits_is_accepted() -> None:
    info = parse_id_number(370101190102039973, today=TODAY)
    assert info.number == "370101190102039973"
    assert info.converted_from_15 is False


def test_15_digit_number_is_converted() -> None:
    old = "513101820113001"
    first17 = old[:6] + "19" + old[6:]
    expected = first17 + _reference_check(first17)
    info = parse_id_number(old, today=TODAY)
    assert info.number == expected == "513101198201130014"
    assert info.converted_from_15 is True
    assert info.birth_date == dt.date(1982, 1, 13)
    assert info.sex == "男"
    assert info.region_code == "513101"


@pytest.mark.parametrize("old", ["110105491231002", "370101620704182", "440301750101123"])
def test_15_digit_conversion_against_reference(old: str) -> None:
    first17 = old[:6] + "19" + old[6:]
    info = parse_id_number(old, today=TODAY)
    assert info.number == first17 + _reference_check(first17)
    assert len(info.number) == 18
    assert info.sex == ("男" if int(old[14]) % 2 else "女")


def test_15_digit_number_from_a_number_cell() -> None:
    # Excel keeps 15 digits exactly, so an old number stored as a number is still intact.
    assert parse_id_number(513101820113001, today=TODAY).number == "513101198201130014"
    assert parse_id_number(513101820113001.0, today=TODAY).number == "513101198201130014"


def test_15_digit_number_with_impossible_date() -> None:
    assert "19820230" in _error("513101820230001")


@pytest.mark.parametrize("empty", [None, "", "   ", "\u3000", "-"])
def test_empty(english: None, empty: object) -> None:
    assert _error(empty) == "No number was entered."


def test_empty_in_chinese(chinese: None) -> None:
    assert _error("") == "没有填号码。"


def test_wrong_check_digit_names_the_expected_digit(english: None) -> None:
    message = _error("370101190102039970")
    assert "it should be 3" in message
    assert "shows 0" in message


def test_wrong_check_digit_expects_x(english: None) -> None:
    message = _error("110105194912310021")
    assert "it should be X" in message


def test_wrong_check_digit_in_chinese(chinese: None) -> None:
    message = _error("110105194912310021")
    assert "应该是 X" in message
    assert "最后一位" in message


def test_x_instead_of_a_digit(english: None) -> None:
    assert "it should be 4" in _error("44052418800101001X")


@pytest.mark.parametrize(
    ("typed", "count"),
    [("1234567", 7), ("37010119010203997", 17), ("3701011901020399731", 19), ("3701011901020399", 16)],
)
def test_wrong_length_says_how_many(english: None, typed: str, count: int) -> None:
    message = _error(typed)
    assert message.startswith(f"{count} characters were entered")
    assert "18" in message


def test_wrong_length_in_chinese(chinese: None) -> None:
    message = _error("37010119010203997")
    assert "17" in message and "18" in message


@pytest.mark.parametrize(
    "typed",
    [
        "37010119010203997A",
        "3701011901020X9973",
        "X70101190102039973",
        "51310182011300X",
        "张三",
        "37010119010203997?",
    ],
)
def test_letters_other_than_a_final_x(english: None, typed: str) -> None:
    assert _error(typed) == "Only digits are allowed, and an X as the last character."


def test_impossible_birth_dates(english: None) -> None:
    for date_digits in ("19900230", "19901301", "19900001", "19900132", "19890229"):
        first17 = "370101" + date_digits + "123"
        message = _error(first17 + _reference_check(first17))
        assert f"({date_digits}) is not a real date" in message


def test_leap_day_birth_date_is_fine() -> None:
    first17 = "370101" + "20000229" + "123"
    assert parse_id_number(first17 + _reference_check(first17), today=TODAY).birth_date == dt.date(
        2000, 2, 29
    )


def test_birth_date_in_the_future(english: None) -> None:
    first17 = "370101" + "20250602" + "123"
    message = _error(first17 + _reference_check(first17))
    assert "(2025-06-02) is in the future" in message
    # Born today is fine.
    first17 = "370101" + "20250601" + "123"
    assert parse_id_number(first17 + _reference_check(first17), today=TODAY).birth_date == TODAY


def test_birth_date_too_early(english: None) -> None:
    first17 = "370101" + "18691231" + "123"
    assert "(1869-12-31) is too early" in _error(first17 + _reference_check(first17))
    first17 = "370101" + "18700101" + "123"
    assert parse_id_number(first17 + _reference_check(first17), today=TODAY).birth_date == dt.date(1870, 1, 1)


def test_date_is_checked_before_check_digit(english: None) -> None:
    assert "not a real date" in _error("370101199002301230")


SCIENTIFIC = (
    "The sheet stored this ID number as a number, so Excel shows it in scientific notation "
    "(like 3.70101E+17) and the last digits are lost; they cannot be recovered. In Excel, set "
    "this column to Text, then type the full number again."
)


@pytest.mark.parametrize(
    "value",
    [
        "3.70101E+17",
        "3.70101e+17",
        "3.70101190102E+17",
        "３．７０１０１Ｅ＋１７",
        " 3.70101E+17 ",
        "3.7E17",
        "370101E+12",
    ],
)
def test_scientific_notation_text(english: None, value: str) -> None:
    assert _error(value) == SCIENTIFIC


@pytest.mark.parametrize(
    "value", [3.70101e17, 370101190102039973.0, 1.1010519491231002e17, 1.5, float("nan")]
)
def test_float_gives_scientific_notation_message(english: None, value: float) -> None:
    assert _error(value) == SCIENTIFIC


def test_int_rounded_by_excel_gives_scientific_notation_message(english: None) -> None:
    # What a reader makes of the rounded cell: the check digit no longer fits.
    assert _error(370101190102040000) == SCIENTIFIC


def test_scientific_message_in_chinese(chinese: None) -> None:
    message = _error("3.70101E+17")
    assert "文本" in message
    assert "3.70101E+17" in message
    assert "找不回来" in message


def test_short_int_is_a_length_error(english: None) -> None:
    assert _error(12345).startswith("5 characters")


def test_error_is_an_app_error() -> None:
    assert issubclass(InvalidIdNumber, AppError)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("370101190102039973", "3701**********9973"),
        ("11010519491231002X", "1101**********002X"),
        ("370101620704182", "3701*******4182"),
        ("123456789", "1234*6789"),
        ("12345678", "12****78"),
        ("1234", "1**4"),
        ("123", "***"),
        ("1", "*"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked
    assert len(mask_id_number(number)) == len(number)


def test_mask_id_number_none_like() -> None:
    assert mask_id_number(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("053112345678", "053*******78"),
        ("1234567", "12****7"),
        ("87654321", "87****21"),
        ("12345", "1***5"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked
