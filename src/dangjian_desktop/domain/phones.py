"""Phone numbers as typed into the roster, the branch profile and the flowing-member forms: one rule."""

from __future__ import annotations

import re

from dangjian_desktop.domain.text import normalize_digits_only
from dangjian_desktop.i18n import _

_PHONE = re.compile(r"^\+?[0-9]{7,20}$")
MOBILE_LENGTH = 11


def clean_phone(value: object) -> str:
    """The number as stored: full-width digits made plain, spaces, hyphens and brackets dropped."""
    return normalize_digits_only(value).replace("(", "").replace(")", "")


def phone_text(phone: str) -> str:
    """A stored number as people write it: a landline with its area code keeps the hyphen
    (05318765432 -> 0531-8765432, 01012345678 -> 010-12345678); mobiles and others as stored."""
    if not phone.startswith("0") or not phone.isdigit() or len(phone) < 10:
        return phone
    area = 3 if phone[1] in "12" else 4  # 010 and 02x are three digits, the other area codes four
    return f"{phone[:area]}-{phone[area:]}"


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
