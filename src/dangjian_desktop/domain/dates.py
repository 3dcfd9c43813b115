"""Dates typed by hand or read from spreadsheet cells, possibly known only to the month.

Rosters often give only a year and month ("1990.1", "1990年1月"); such a date is kept as the first
of the month with precision "month" and shown as "1990-01".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.text import HYPHENS, normalize_text
from dangjian_desktop.i18n import _

DAY = "day"
MONTH = "month"
PRECISIONS = (DAY, MONTH)
EARLIEST_YEAR = 1870

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29.
EXCEL_SERIAL_MIN = 1
EXCEL_SERIAL_MAX = 80000
_EXCEL_EPOCH_AFTER_LEAP_BUG = dt.date(1899, 12, 30)  # for serials > 60
_EXCEL_EPOCH_BEFORE_LEAP_BUG = dt.date(1899, 12, 31)  # for serials < 60
_EXCEL_FAKE_LEAP_DAY = 60


class InvalidDate(AppError):
    """The value is not a date we can read; the message names the accepted forms."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    value: dt.date
    precision: str  # "day" or "month"; a "month" date is always the 1st of its month

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")
        if isinstance(self.value, dt.datetime):
            object.__setattr__(self, "value", self.value.date())
        if self.precision == MONTH and self.value.day != 1:
            object.__setattr__(self, "value", self.value.replace(day=1))

    def __str__(self) -> str:
        if self.precision == MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def from_storage(cls, value: dt.date | None, precision: str | None) -> PartialDate | None:
        """Rebuild from the two stored columns; a missing precision means "day"."""
        if value is None:
            return None
        return cls(value, precision if precision in PRECISIONS else DAY)


def format_partial_date(d: PartialDate | None) -> str:
    return "" if d is None else str(d)


# --- errors -----------------------------------------------------------------------------------


def _not_a_date() -> InvalidDate:
    return InvalidDate(
        _("This is not a date. Write it like 1990-01-01 or 1990年1月1日; for year and month only, 1990.1.")
    )


def _year_only(year: int) -> InvalidDate:
    return InvalidDate(
        _("Only the year {year} is given. Add the month, like {year}.1 or {year}-01-01.").format(year=year)
    )


def _no_such_month(month: int) -> InvalidDate:
    return InvalidDate(
        _("There is no month {month}. Write the date like 1990-01-01, or 1990.1 for year and month.").format(
            month=month
        )
    )


def _no_such_day(year: int, month: int, day: int) -> InvalidDate:
    return InvalidDate(
        _("Month {month} of {year} has no day {day}. Write the date like 1990-01-01.").format(
            year=year, month=month, day=day
        )
    )


# --- building and checking --------------------------------------------------------------------


def years_after(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def _checked(result: PartialDate, today: dt.date, years_ahead: int) -> PartialDate:
    if result.value.year < EARLIEST_YEAR:
        raise InvalidDate(
            _("The year {year} is too early. Check the year; write the date like 1990-01-01.").format(
                year=result.value.year
            )
        )
    latest = years_after(today, years_ahead)
    if result.value > latest:
        if years_ahead == 1:
            message = _("The date {date} is too far in the future. Check the year.")
        else:
            message = _(
                "The date {date} is more than {years} years from now. Check the year (at the latest {latest})."
            )
        raise InvalidDate(message.format(date=str(result), years=years_ahead, latest=latest.isoformat()))
    return result


def _build(year: int, month: int, day: int | None) -> PartialDate:
    if year < EARLIEST_YEAR:  # year 0 is no date at all (reliability.md §3.6)
        raise InvalidDate(
            _("The year {year} is too early. Check the year; write the date like 1990-01-01.").format(
                year=year
            )
        )
    if not 1 <= month <= 12:
        raise _no_such_month(month)
    if day is None:
        return PartialDate(dt.date(year, month, 1), MONTH)
    try:
        return PartialDate(dt.date(year, month, day), DAY)
    except ValueError:
        raise _no_such_day(year, month, day) from None


def _is_year(number: int, today: dt.date) -> bool:
    return EARLIEST_YEAR <= number <= today.year + 1


def _from_excel_serial(serial: int) -> PartialDate:
    if not EXCEL_SERIAL_MIN <= serial <= EXCEL_SERIAL_MAX or serial == _EXCEL_FAKE_LEAP_DAY:
        raise _not_a_date()
    epoch = _EXCEL_EPOCH_AFTER_LEAP_BUG if serial > _EXCEL_FAKE_LEAP_DAY else _EXCEL_EPOCH_BEFORE_LEAP_BUG
    return PartialDate(epoch + dt.timedelta(days=serial), DAY)


def _from_whole_number(number: int, today: dt.date) -> PartialDate:
    """A whole number from a cell: a year alone (rejected), an Excel serial, YYYYMM or YYYYMMDD."""
    if _is_year(number, today):
        raise _year_only(number)
    if EXCEL_SERIAL_MIN <= number <= EXCEL_SERIAL_MAX:
        return _from_excel_serial(number)
    digits = str(number)
    if len(digits) == 6:
        return _build(int(digits[:4]), int(digits[4:]), None)
    if len(digits) == 8:
        return _build(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    raise _not_a_date()


def _from_float(number: float, today: dt.date) -> PartialDate:
    if not math.isfinite(number) or number < 0:
        raise _not_a_date()
    if number.is_integer():
        return _from_whole_number(int(number), today)
    whole = int(number)
    if _is_year(whole, today):
        # "1990.1" or "1990.12" typed into a number cell. The trailing zero of "1990.10" is gone,
        # so 1990.1 can only be read as January.
        fraction = repr(number).partition(".")[2]
        if len(fraction) > 2 or not fraction.isdigit():
            raise _not_a_date()
        return _build(whole, int(fraction), None)
    # An Excel serial with a time of day: the time is dropped.
    return _from_excel_serial(whole)


# --- text -------------------------------------------------------------------------------------

_SEP = r"\s*[-/.]\s*"
_TIME = r"(?:\s*T?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_TEXT_FORMS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern with groups year, month[, day], has_day)
    (re.compile(r"(\d{4})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{1,2})" + _TIME), True),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME), True),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), True),
    (re.compile(r"(\d{4})" + _SEP + r"(\d{1,2})"), False),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"), False),
    (re.compile(r"(\d{4})(\d{2})"), False),
)
_YEAR_ONLY = re.compile(r"(\d{4})\s*年?")
_SERIAL_TEXT = re.compile(r"\d{1,5}(?:\.\d+)?")
_TEXT_TABLE = str.maketrans({"。": ".", "．": ".", "、": ".", **{h: "-" for h in HYPHENS}})


def _from_text(text: str, today: dt.date) -> PartialDate:
    text = text.translate(_TEXT_TABLE).rstrip(".")
    for pattern, has_day in _TEXT_FORMS:
        match = pattern.fullmatch(text)
        if match:
            groups = [int(g) for g in match.groups()]
            return _build(groups[0], groups[1], groups[2] if has_day else None)
    match = _YEAR_ONLY.fullmatch(text)
    if match and _is_year(int(match.group(1)), today):
        raise _year_only(int(match.group(1)))
    if _SERIAL_TEXT.fullmatch(text):
        return _from_excel_serial(int(Decimal(text)))
    raise _not_a_date()


def parse_date(value: object, *, today: dt.date | None = None, years_ahead: int = 1) -> PartialDate | None:
    """Read a date from a form field or a sheet cell; empty values give ``None``.

    Accepted: ``date``/``datetime`` objects (the time is dropped); Excel serial numbers (1900 date
    system, 1..80000, also as text); YYYYMMDD and YYYYMM numbers; numbers like 1990.1 or 1990.12
    (year and month: 1990.1 is January, since Excel drops the zero of 1990.10); and text such as
    1990-01-01, 1990/1/1, 1990.1.1, 1990年1月1日(号), 19900101, 1990-01-01 00:00:00 or, for year and
    month only, 1990-01, 1990/01, 1990.1, 1990年1月, 199001. Full-width digits are fine.

    Raises :class:`InvalidDate` for anything else, for a year alone, for impossible dates, for
    years before 1870 and for dates more than a year (``years_ahead`` years) after ``today``. Dates
    before that are accepted: the caller decides whether a future date makes sense.
    """
    today = today or dt.date.today()
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        result = PartialDate(value.date(), DAY)
    elif isinstance(value, dt.date):
        result = PartialDate(value, DAY)
    elif isinstance(value, bool):
        raise _not_a_date()
    elif isinstance(value, int):
        if value < 0:
            raise _not_a_date()
        result = _from_whole_number(value, today)
    elif isinstance(value, float):
        result = _from_float(value, today)
    else:
        text = normalize_text(value)
        if not text:
            return None
        result = _from_text(text, today)
    return _checked(result, today, years_ahead)
