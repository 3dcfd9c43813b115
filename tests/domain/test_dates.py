from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

from dangjian_desktop import i18n
from dangjian_desktop.domain.dates import InvalidDate, PartialDate, format_partial_date, parse_date
from dangjian_desktop.domain.errors import AppError

TODAY = dt.date(2025, 6, 1)
D = dt.date


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


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(D(y, m, d), "day")


def month(y: int, m: int) -> PartialDate:
    return PartialDate(D(y, m, 1), "month")


def parse(value: object) -> PartialDate | None:
    return parse_date(value, today=TODAY)


def error(value: object) -> str:
    with pytest.raises(InvalidDate) as caught:
        parse_date(value, today=TODAY)
    return caught.value.message


# --- PartialDate ------------------------------------------------------------------------------


def test_partial_date_str() -> None:
    assert str(day(1990, 1, 1)) == "1990-01-01"
    assert str(month(1990, 1)) == "1990-01"
    assert str(month(1990, 12)) == "1990-12"
    assert str(day(1921, 7, 1)) == "1921-07-01"


def test_month_precision_is_always_the_first() -> None:
    assert PartialDate(D(1990, 5, 17), "month").value == D(1990, 5, 1)
    assert PartialDate(D(1990, 5, 17), "month") == month(1990, 5)


def test_partial_date_drops_time() -> None:
    assert PartialDate(dt.datetime(1990, 1, 1, 13, 5), "day").value == D(1990, 1, 1)
    assert type(PartialDate(dt.datetime(1990, 1, 1, 13, 5), "day").value) is dt.date


def test_partial_date_rejects_unknown_precision() -> None:
    with pytest.raises(ValueError):
        PartialDate(D(1990, 1, 1), "year")


def test_partial_date_is_frozen() -> None:
    with pytest.raises(AttributeError):
        day(1990, 1, 1).precision = "month"  # type: ignore[misc]


def test_from_storage() -> None:
    assert PartialDate.from_storage(None, None) is None
    assert PartialDate.from_storage(None, "month") is None
    assert PartialDate.from_storage(D(1990, 1, 1), "month") == month(1990, 1)
    assert PartialDate.from_storage(D(1990, 1, 5), "day") == day(1990, 1, 5)
    assert PartialDate.from_storage(D(1990, 1, 5), None) == day(1990, 1, 5)


def test_format_partial_date() -> None:
    assert format_partial_date(None) == ""
    assert format_partial_date(day(1990, 1, 1)) == "1990-01-01"
    assert format_partial_date(month(1990, 10)) == "1990-10"


# --- empty and objects ------------------------------------------------------------------------


@pytest.mark.parametrize("empty", [None, "", "   ", "\u3000", "\n"])
def test_empty_is_none(empty: object) -> None:
    assert parse(empty) is None


def test_date_and_datetime_objects() -> None:
    assert parse(D(1990, 1, 1)) == day(1990, 1, 1)
    assert parse(dt.datetime(1990, 1, 1, 23, 59, 59)) == day(1990, 1, 1)


def test_date_objects_are_range_checked(english: None) -> None:
    assert "1869" in error(D(1869, 12, 31))
    assert "too far in the future" in error(D(2026, 6, 2))
    assert parse(D(2026, 6, 1)) == day(2026, 6, 1)


# --- text forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-01-01", day(1990, 1, 1)),
        ("1990-1-1", day(1990, 1, 1)),
        ("1990/1/1", day(1990, 1, 1)),
        ("1990/01/31", day(1990, 1, 31)),
        ("1990.1.1", day(1990, 1, 1)),
        ("1990.12.31", day(1990, 12, 31)),
        ("1990. 1. 1", day(1990, 1, 1)),
        ("1990.1.1.", day(1990, 1, 1)),
        ("1990年1月1日", day(1990, 1, 1)),
        ("1990年1月1号", day(1990, 1, 1)),
        ("1990 年 10 月 1 日", day(1990, 10, 1)),
        ("1990年01月01", day(1990, 1, 1)),
        ("19900101", day(1990, 1, 1)),
        ("1990-1-1 00:00:00", day(1990, 1, 1)),
        ("1990-01-01 13:45", day(1990, 1, 1)),
        ("1990-01-01T00:00:00", day(1990, 1, 1)),
        ("1990/1/1 0:00", day(1990, 1, 1)),
        ("2000-02-29", day(2000, 2, 29)),
        ("１９９０－０１－０１", day(1990, 1, 1)),
        ("１９９０年１月１日", day(1990, 1, 1)),
        ("1990\u20141\u20141", day(1990, 1, 1)),
        ("1990。1。1", day(1990, 1, 1)),
    ],
)
def test_text_day_forms(text: str, expected: PartialDate) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-01", month(1990, 1)),
        ("1990-1", month(1990, 1)),
        ("1990/01", month(1990, 1)),
        ("1990/1", month(1990, 1)),
        ("1990.1", month(1990, 1)),
        ("1990.01", month(1990, 1)),
        ("1990.10", month(1990, 10)),
        ("1990.12", month(1990, 12)),
        ("1990年1月", month(1990, 1)),
        ("1990年12月", month(1990, 12)),
        ("1990年1", month(1990, 1)),
        ("199001", month(1990, 1)),
        ("199012", month(1990, 12)),
        ("１９９０年１月", month(1990, 1)),
        ("１９９０．１", month(1990, 1)),
        (" 1990.1 ", month(1990, 1)),
    ],
)
def test_text_month_forms(text: str, expected: PartialDate) -> None:
    result = parse(text)
    assert result == expected
    assert result is not None and result.precision == "month"


def test_month_form_str() -> None:
    assert str(parse("１９９０年１月")) == "1990-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32874", day(1990, 1, 1)),
        ("45658", day(2025, 1, 1)),
        ("32874.75", day(1990, 1, 1)),
        ("61", day(1900, 3, 1)),
    ],
)
def test_text_excel_serials(text: str, expected: PartialDate) -> None:
    assert parse(text) == expected


# --- numbers from cells -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (32874, day(1990, 1, 1)),
        (45658, day(2025, 1, 1)),
        (1, day(1900, 1, 1)),
        (59, day(1900, 2, 28)),
        (61, day(1900, 3, 1)),
        (7853, day(1921, 7, 1)),
        (36526, day(2000, 1, 1)),
        (32874.0, day(1990, 1, 1)),
        (32874.999, day(1990, 1, 1)),
        (45658.5, day(2025, 1, 1)),
    ],
)
def test_excel_serial_numbers(serial: float, expected: PartialDate) -> None:
    assert parse(serial) == expected


def test_excel_serials_agree_with_the_1899_12_30_base() -> None:
    for serial in (61, 10000, 32874, 45658, 46000):
        assert parse(serial) == day(*(D(1899, 12, 30) + dt.timedelta(days=serial)).timetuple()[:3])


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1990.1, month(1990, 1)),
        (1990.01, month(1990, 1)),
        (1990.12, month(1990, 12)),
        (1990.11, month(1990, 11)),
        (1990.9, month(1990, 9)),
        (2025.5, month(2025, 5)),
        (1870.1, month(1870, 1)),
    ],
)
def test_year_dot_month_numbers(number: float, expected: PartialDate) -> None:
    assert parse(number) == expected


def test_year_dot_month_number_1990_10_is_read_as_january() -> None:
    # A number cell cannot keep the trailing zero, so 1990.10 arrives as 1990.1.
    assert parse(1990.10) == month(1990, 1)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (19900101, day(1990, 1, 1)),
        (19900101.0, day(1990, 1, 1)),
        (199001, month(1990, 1)),
        (199012.0, month(1990, 12)),
    ],
)
def test_digit_numbers(number: float, expected: PartialDate) -> None:
    assert parse(number) == expected


def test_decimal_is_read_as_text() -> None:
    assert parse(Decimal("1990.10")) == month(1990, 10)


# --- errors -----------------------------------------------------------------------------------

NOT_A_DATE = "This is not a date. Write it like 1990-01-01 or 1990年1月1日; for year and month only, 1990.1."


@pytest.mark.parametrize(
    "garbage",
    [
        "abc",
        "张三",
        "1990-01-01-01",
        "90.1.1",
        "1/1/1990",
        "0",
        "80001",
        "1990.1.1.1",
        "12345678901",
        "1990年1月1日上午",
        True,
        -5,
        0,
        80001,
        1234567,
        1990.123,
        float("nan"),
        float("inf"),
        -32874.0,
        [1990, 1],
    ],
)
def test_garbage(english: None, garbage: object) -> None:
    assert error(garbage) == NOT_A_DATE


def test_excel_fake_leap_day_is_rejected(english: None) -> None:
    assert error(60) == NOT_A_DATE


@pytest.mark.parametrize(
    "value", ["1990-13-01", "1990.13", "1990年13月", "199013", "19901301", 1990.13, 199013]
)
def test_month_13(english: None, value: object) -> None:
    message = error(value)
    assert message.startswith("There is no month 13.")
    assert "1990-01-01" in message


@pytest.mark.parametrize("value", ["1990-00-01", "1990.0.1", "199000"])
def test_month_0(english: None, value: object) -> None:
    assert error(value).startswith("There is no month 0.")


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("1990-01-32", "Month 1 of 1990 has no day 32."),
        ("1990年1月32日", "Month 1 of 1990 has no day 32."),
        ("19900132", "Month 1 of 1990 has no day 32."),
        ("1990-02-30", "Month 2 of 1990 has no day 30."),
        ("1990/2/29", "Month 2 of 1990 has no day 29."),
        ("1900-02-29", "Month 2 of 1900 has no day 29."),
        ("1990.4.31", "Month 4 of 1990 has no day 31."),
        ("1990-01-00", "Month 1 of 1990 has no day 0."),
        (19900230, "Month 2 of 1990 has no day 30."),
    ],
)
def test_impossible_days(english: None, value: object, start: str) -> None:
    message = error(value)
    assert message.startswith(start)
    assert "1990-01-01" in message


@pytest.mark.parametrize("value", ["1990", "1990年", 1990, 1990.0, "２０２４"])
def test_year_alone(english: None, value: object) -> None:
    message = error(value)
    assert message.startswith("Only the year")
    year = str(int(float(str(value).replace("年", "").replace("２０２４", "2024"))))
    assert f"{year}.1" in message


def test_year_too_early(english: None) -> None:
    assert error("1869-12-31").startswith("The year 1869 is too early.")
    assert error("1800.1").startswith("The year 1800 is too early.")
    assert parse("1870-01-01") == day(1870, 1, 1)


def test_future_within_a_year_is_accepted() -> None:
    assert parse("2025-12-31") == day(2025, 12, 31)
    assert parse("2026-06-01") == day(2026, 6, 1)
    assert parse("2026.6") == month(2026, 6)


def test_more_than_a_year_ahead_is_rejected(english: None) -> None:
    assert error("2026-06-02") == "The date 2026-06-02 is too far in the future. Check the year."
    assert error("2026.7") == "The date 2026-07 is too far in the future. Check the year."
    assert "2990" in error("2990-01-01")


def test_one_year_after_a_leap_day() -> None:
    leap = D(2024, 2, 29)
    assert parse_date("2025-02-28", today=leap) == day(2025, 2, 28)
    with pytest.raises(InvalidDate):
        parse_date("2025-03-01", today=leap)


def test_today_defaults_to_the_real_date() -> None:
    assert parse_date("1990-01-01") == day(1990, 1, 1)
    with pytest.raises(InvalidDate):
        parse_date(D.today().replace(year=D.today().year + 2, day=1))


def test_invalid_date_is_an_app_error() -> None:
    assert issubclass(InvalidDate, AppError)


def test_messages_in_chinese(chinese: None) -> None:
    assert "1990年1月1日" in error("abc")
    assert "没有 13 月" in error("1990-13-01")
    assert error("1990-02-30").startswith("1990年2月没有 30 日")
    assert "只写了年份 1990" in error("1990")
    assert "1869" in error("1869-01-01")
