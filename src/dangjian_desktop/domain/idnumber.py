"""Resident ID numbers (公民身份号码, GB 11643-1999): checking, reading and masking.

An 18-character number is a 6-digit region code, the birth date YYYYMMDD, a 3-digit sequence code
(odd = male) and a check character computed by ISO 7064 MOD 11-2. Old 15-digit numbers
(GB 11643-1989) have a 6-digit birth date YYMMDD (always 19YY) and no check character; they are
converted to 18 characters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.text import normalize_digits_only
from dangjian_desktop.i18n import _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH_DATE = dt.date(1870, 1, 1)
MALE = "男"
FEMALE = "女"

# "3.70101E+17", "3.70101e17", "370101E+12": what Excel shows once it has turned the cell into a number.
_SCIENTIFIC = re.compile(r"\d(?:\.\d*)?E\+?\d", re.IGNORECASE)
# Above this many digits a number cell cannot hold an ID number exactly (Excel keeps 15 digits).
_EXACT_DIGITS_IN_A_NUMBER_CELL = 15


class InvalidIdNumber(AppError):
    """The text is not a valid resident ID number; the message says what to fix."""


@dataclass(frozen=True)
class IdNumberInfo:
    number: str  # always 18 characters, a final X in upper case
    birth_date: dt.date
    sex: str  # "男" or "女"
    region_code: str
    converted_from_15: bool


def check_digit(first17: str) -> str:
    """The check character ("0".."9" or "X") for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"check_digit needs exactly 17 digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def _scientific_notation_error() -> InvalidIdNumber:
    return InvalidIdNumber(
        _(
            "The sheet stored this ID number as a number, so Excel shows it in scientific notation "
            "(like 3.70101E+17) and the last digits are lost; they cannot be recovered. In Excel, set "
            "this column to Text, then type the full number again."
        )
    )


def _text_of(value: object) -> tuple[str, bool]:
    """The typed characters, and whether they came from a number cell rather than text."""
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _scientific_notation_error()
        digits = str(int(value))
        if len(digits) > _EXACT_DIGITS_IN_A_NUMBER_CELL:
            raise _scientific_notation_error()
        return digits, True
    text = normalize_digits_only(value)
    if text.startswith("'"):  # Excel's "this is text" prefix, sometimes exported literally
        text = text[1:].lstrip()
    return text.upper(), False


def _birth_date(digits: str, today: dt.date) -> dt.date:
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdNumber(
            _("The birth date in the number ({digits}) is not a real date. Check the digits.").format(
                digits=digits
            )
        ) from None
    if born > today:
        raise InvalidIdNumber(
            _("The birth date in the number ({date}) is in the future. Check the digits.").format(
                date=born.isoformat()
            )
        )
    if born < EARLIEST_BIRTH_DATE:
        raise InvalidIdNumber(
            _("The birth date in the number ({date}) is too early. Check the digits.").format(
                date=born.isoformat()
            )
        )
    return born


def parse_id_number(value: object, *, today: dt.date | None = None) -> IdNumberInfo:
    """Check an ID number and read the birth date and sex from it.

    Accepts text (full-width digits, spaces, hyphens and a lowercase x are fine), an ``int`` (the
    last character then cannot be X) and legacy 15-digit numbers, which are converted to 18
    characters. Raises :class:`InvalidIdNumber` with a message saying what to fix.
    """
    today = today or dt.date.today()
    text, from_number_cell = _text_of(value)
    if not text:
        raise InvalidIdNumber(_("No number was entered."))
    if _SCIENTIFIC.search(text):
        raise _scientific_notation_error()
    if not re.fullmatch(r"[0-9X]+", text):
        raise InvalidIdNumber(_("Only digits are allowed, and an X as the last character."))
    if len(text) not in (15, 18):
        raise InvalidIdNumber(
            _("{count} characters were entered; an ID number has 18 (old ones have 15).").format(
                count=len(text)
            )
        )
    if "X" in text[:-1] or (len(text) == 15 and text.endswith("X")):
        raise InvalidIdNumber(_("Only digits are allowed, and an X as the last character."))

    converted = len(text) == 15
    first17 = text[:6] + "19" + text[6:] if converted else text[:17]
    try:
        born = _birth_date(first17[6:14], today)
        expected = check_digit(first17)
        if not converted and text[17] != expected:
            raise InvalidIdNumber(
                _(
                    "The last character is wrong: it should be {expected}. If the ID card really "
                    "shows {typed}, another digit was mistyped."
                ).format(expected=expected, typed=text[17])
            )
    except InvalidIdNumber:
        if from_number_cell and len(text) > _EXACT_DIGITS_IN_A_NUMBER_CELL:
            # An 18-digit number cell has been rounded by Excel; the real cause is the lost digits.
            raise _scientific_notation_error() from None
        raise
    number = first17 + expected
    return IdNumberInfo(
        number=number,
        birth_date=born,
        sex=MALE if int(number[16]) % 2 == 1 else FEMALE,
        region_code=number[:6],
        converted_from_15=converted,
    )


def _mask(text: str, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    return text[:head] + "*" * hidden + (text[len(text) - tail :] if tail else "")


def mask_id_number(number: str) -> str:
    """Hide the middle of an ID number: "370101190102039973" -> "3701**********9973".

    Shorter texts keep at most a quarter of their characters at each end; "" stays "".
    """
    text = (number or "").strip()
    if len(text) > 8:
        return _mask(text, 4, 4)
    keep = len(text) // 4
    return _mask(text, keep, keep)


def mask_phone(phone: str) -> str:
    """Hide the middle of a phone number: "13812345678" -> "138****5678".

    Other lengths keep at most the first 3 and the last 2 characters; "" stays "".
    """
    text = normalize_digits_only(phone)
    if len(text) == 11:
        return _mask(text, 3, 4)
    return _mask(text, min(3, len(text) // 3), min(2, len(text) // 4))
