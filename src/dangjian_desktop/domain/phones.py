"""Phone numbers as typed into the roster, the branch profile and the flowing-member forms: one rule."""

from __future__ import annotations

import re

from dangjian_desktop.domain.text import normalize_digits_only
from dangjian_desktop.i18n import _

_PHONE = re.compile(r"^\+?[0-9]{7,20}$")
MOBILE_LENGTH = 11
# Beijing and the big cities of 1990s numbering have three-digit area codes; every other is four digits.
_THREE_DIGIT_AREA_CODES = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029")


def clean_phone(value: object) -> str:
    """The number as stored: full-width digits made plain, spaces, hyphens and brackets dropped."""
    return normalize_digits_only(value).replace("(", "").replace(")", "")


def phone_problem(phone: str) -> str | None:
    """What is wrong with a cleaned phone number, in words; None when it is fine or empty.

    Landlines (with or without the area code) never start with 1 in China, so a number starting with 1
    is a mobile and has 11 digits: a 10- or 12-digit one is a typing slip. With a leading + it is an
    international number and only the length rule applies.
    """
    if not phone:
        return None
    if not _PHONE.match(phone):
        return _("A phone number is 7 to 20 digits, e.g. 13812345678 or 053112345678.")
    if phone.startswith("1") and len(phone) != MOBILE_LENGTH:
        return _("A mobile number has 11 digits; this one has {count}. Please check it.").format(
            count=len(phone)
        )
    return None


def format_phone(phone: str) -> str:
    """A phone as written on screens and paper: 13812345678, 0531-87654321, 010-12345678, 400-123-4567.

    Numbers are stored as digits only (``clean_phone``), so the hyphen after the area code is put back
    here, by rule, wherever a phone is shown; anything that is not a plain number stays as typed."""
    text = (phone or "").strip()
    digits = re.sub(r"[^0-9]", "", text)
    if not digits or (text.startswith("+") or len(re.sub(r"[0-9\s\-()（）]", "", text)) > 0):
        return text
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        cut = 3 if digits[:3] in _THREE_DIGIT_AREA_CODES else 4
        return f"{digits[:cut]}-{digits[cut:]}"
    if len(digits) == 10 and digits[:3] in ("400", "800"):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits
