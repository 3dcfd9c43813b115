"""The change log in words: what each stored field of each kind of record is called, and its values as the
screens show them (人员类别: 正式党员 → 预备党员, 状态: 草稿 → 已发布, the member's name for member_id 3).

The log itself keeps the program's codes (they do not change with the language); this module is the one
place that turns them into words. A key not listed here is shown as it is stored, so a new field is still
visible — tests/ui/test_audit_page.py checks that every field the services log has a name here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from dangjian_desktop.domain import major_matters as matter_rules
from dangjian_desktop.domain import notices as notice_rules
from dangjian_desktop.domain.choices import CATEGORY, DUES_CATEGORY, MEMBER_STATUS, SEX, ChoiceList
from dangjian_desktop.domain.dues import method_label
from dangjian_desktop.domain.flowing import (
    BOOK_STATUS,
    CONTACT_MEANS,
    LEAVE_REASON,
    OPINION_KIND,
    ORG_LIFE_KIND,
)
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.meetings import ATTENDANCE_STATUS, FREQUENCY, MEETING_KIND
from dangjian_desktop.domain.meetings import FIELD_LABELS as MEETING_LABELS
from dangjian_desktop.domain.members import FIELD_LABELS as MEMBER_LABELS
from dangjian_desktop.i18n import N_, _

# Bookkeeping columns and links that mean nothing to her (the linked record is named by another field).
HIDDEN_KEYS = frozenset(
    {
        "id",
        "branch_id",
        "search_key",
        "created_at",
        "updated_at",
        "stay_id",
        "payment_id",
        "reverses_id",
        "replaced_by_id",
        "replaced",
    }
)

_COMMON = {
    "member_id": N_("Party member"),
    "member": N_("Party member"),
    "matter_id": N_("Major matter"),
    "notice_id": N_("Notice"),
    "meeting_id": N_("Meeting in the organisation life"),
    "status": N_("Status"),
    "status_date": N_("Date of the status change"),
    "status_reason": N_("Reason"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    "date": N_("Date"),
    "year": N_("Year"),
    "text": N_("Text"),
    "content": N_("Content"),
    "title": N_("Title"),
    "amount": N_("Amount"),
    "kind": N_("Kind"),
    "grade": N_("Grade"),
}

FIELD_WORDS: dict[str, dict[str, str]] = {
    "member": {**MEMBER_LABELS},
    "branch": {
        "name": N_("Branch name"),
        "township": N_("Township or street Party committee"),
        "county": N_("County or district"),
        "secretary": N_("Secretary"),
        "phone": N_("Contact phone"),
        "supervision_phone": N_("Supervision phone"),
    },
    "dues_standard": {
        "amount": N_("Monthly dues"),
        "capped": N_("Capped"),
        "category": N_("Dues category"),
        "from_month": N_("From month"),
        "income": N_("Monthly income"),
        "rate": N_("Rate"),
        "rules": N_("Rules applied"),
    },
    "dues_payment": {
        "amount": N_("Amount"),
        "collector": N_("Collected by"),
        "extra": N_("Paid beyond the dues"),
        "method": N_("How paid"),
        "months": N_("Months paid"),
        "paid_on": N_("Date paid"),
        "paid_where": N_("Paid where"),
        "receipt": N_("Receipt number"),
        "to_central": N_("Forwarded to the Central Committee"),
    },
    "dues_handup": {
        "first_month": N_("From month"),
        "last_month": N_("To month"),
        "handed_on": N_("Date handed up"),
        "receipt_number": N_("Receipt number"),
        "receiver": N_("Received by"),
        "to_central": N_("Forwarded to the Central Committee"),
    },
    "flowing_stay": {
        "address": N_("Address there"),
        "province": N_("Province"),
        "city": N_("City"),
        "county": N_("County or district"),
        "since": N_("Left on"),
        "expected_return": N_("Expected back"),
        "reason": N_("Reason for leaving"),
        "workplace": N_("Workplace"),
        "occupation": N_("Occupation"),
        "phone": N_("Own phone"),
        "home_contact": N_("Contact at home"),
        "home_contact_phone": N_("Phone of the contact at home"),
        "other_contact": N_("Other contact"),
        "receiving_org": N_("Receiving Party organisation"),
        "receiving_contact": N_("Contact at the receiving organisation"),
        "receiving_phone": N_("Phone of the receiving organisation"),
        "receiving_since": N_("Received since"),
        "return_date": N_("Came back on"),
        "return_note": N_("Note on coming back"),
    },
    "activity_book": {
        "number": N_("Book number"),
        "official_number": N_("Official number"),
        "serial": N_("Serial number"),
        "issue_date": N_("Issued on"),
        "replaced_by": N_("Replaced by"),
        "void_reason": N_("Why made void"),
    },
    "flowing_org_life": {
        "kind": N_("Kind of activity"),
        "org": N_("Organisation"),
        "certified_by": N_("Certified by"),
    },
    "flowing_opinion": {"kind": N_("Kind"), "signed_by": N_("Signed by")},
    "flowing_contact": {"means": N_("Means of contact"), "contacted_by": N_("Contacted by")},
    "meeting": {**MEETING_LABELS},
    "member_evaluation": {"self_assessment": N_("Self-assessment"), "votes": N_("Votes")},
    "post": {
        "name": N_("Post"),
        "duties": N_("Duties"),
        "members_needed": N_("Members needed"),
        "active": N_("In use"),
    },
    "post_term": {"start_date": N_("Start date"), "end_date": N_("End date")},
    "post_assignment": {
        "post": N_("Post"),
        "term": N_("Term"),
        "commitment": N_("Service pledge"),
        "exception_reason": N_("Reason for the exception"),
    },
    "post_record": {"confirmed_by": N_("Confirmed by")},
    "post_evaluation": {"comment": N_("Comment")},
    "notice": {
        "type": N_("Kind of notice"),
        "number": N_("Notice number"),
        "addressee": N_("Addressed to"),
        "body": N_("Body of the notice"),
        "issuer": N_("Issued by"),
        "issued_on": N_("Date of the notice"),
        "period_from": N_("Disclosure from"),
        "period_to": N_("Disclosure to"),
        "period_days": N_("Days of disclosure"),
        "place": N_("Where it is disclosed"),
        "qr_mode": N_("The QR code holds"),
        "qr_link": N_("Link in the QR code"),
        "posted_on": N_("Posted on the board"),
        "taken_down_on": N_("Taken down"),
        "refers_to": N_("Corrects or withdraws"),
        "by": N_("Withdrawn by"),
        "check_code": N_("Check code"),
        "content_hash": N_("Fingerprint of the text (SHA-256)"),
    },
    "matter": {"title": N_("Matter")},
    "matter_step": {
        "step": N_("Step"),
        "held_on": N_("Date"),
        "expected": N_("Expected to attend"),
        "present": N_("Present"),
        "for": N_("For"),
        "against": N_("Against"),
        "abstain": N_("Abstaining"),
        "passed": N_("Passed"),
        "outcome": N_("Outcome"),
        "reason": N_("Reason for starting early"),
    },
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_QR_MODES = {
    notice_rules.QR_TEXT: N_("The text of the notice itself"),
    notice_rules.QR_LINK: N_("A web link to the notice"),
}


def _choice(choices: ChoiceList) -> Callable[[object], str]:
    return lambda value: choices.label(str(value))


def _yuan(value: object) -> str:
    return _("{amount} yuan").format(amount=value)


def _month_number(value: object) -> str:
    text = str(value)
    return f"{text[:4]}-{text[4:]}" if len(text) == 6 and text.isdigit() else text


def _notice_type(value: object) -> str:
    try:
        return notice_rules.notice_type(str(value)).label()
    except Exception:  # a kind this version does not know
        return str(value)


def _step(value: object) -> str:
    try:
        return matter_rules.step(str(value)).label()
    except Exception:  # a step this version does not know
        return str(value)


def _pairs(key_words: Callable[[str], str], value_words: Callable[[object], str]) -> Callable[[object], str]:
    def words(value: object) -> str:
        if not isinstance(value, Mapping):
            return str(value)
        return "；".join(f"{key_words(str(k))}：{value_words(v)}" for k, v in value.items())

    return words


_TABLE_VALUES: dict[str, dict[str, Callable[[object], str]]] = {
    "member": {
        "sex": _choice(SEX),
        "category": _choice(CATEGORY),
        "dues_category": _choice(DUES_CATEGORY),
        "status": _choice(MEMBER_STATUS),
    },
    "dues_standard": {"category": _choice(DUES_CATEGORY), "amount": _yuan, "income": _yuan},
    "dues_payment": {
        "amount": _yuan,
        "extra": _yuan,
        "method": lambda value: method_label(str(value)),
        "months": _pairs(str, _yuan),
    },
    "dues_handup": {
        "amount": _yuan,
        "first_month": _month_number,
        "last_month": _month_number,
    },
    "flowing_stay": {"reason": _choice(LEAVE_REASON)},
    "activity_book": {"status": _choice(BOOK_STATUS)},
    "flowing_org_life": {"kind": _choice(ORG_LIFE_KIND)},
    "flowing_opinion": {"kind": _choice(OPINION_KIND)},
    "flowing_contact": {"means": _choice(CONTACT_MEANS)},
    "meeting": {"kind": _choice(MEETING_KIND), "attendance": _pairs(str, _choice(ATTENDANCE_STATUS))},
    "member_evaluation": {"votes": _pairs(str, lambda count: _("{count} votes").format(count=count))},
    "notice": {
        "status": notice_rules.status_label,  # type: ignore[dict-item]
        "type": _notice_type,
        "qr_mode": lambda value: _(_QR_MODES[str(value)]) if str(value) in _QR_MODES else str(value),
    },
    "matter_step": {"step": _step},
}

# Business settings whose values are tables of codes.
_SETTING_VALUES: dict[str, Callable[[object], str]] = {
    "notices.days": _pairs(_notice_type, lambda days: _("{count} days").format(count=days)),
    "meetings.frequencies": _pairs(_choice(MEETING_KIND), _choice(FREQUENCY)),
}


def _setting_keys() -> dict[str, Any]:
    from dangjian_desktop.services import operator, settings
    from dangjian_desktop.ui.pages.business_settings_page import load_setting_modules

    load_setting_modules()
    return {**settings.ALL_KEYS, operator.OPERATOR.key: operator.OPERATOR}


def field_word(table: str, key: str) -> str:
    """A stored field's name in the screen's language; a setting's own label for the 设置 table."""
    if table == "setting":
        known = _setting_keys().get(key)
        return _(known.label) if known is not None else key
    words = FIELD_WORDS.get(table, {})
    source = words.get(key) or _COMMON.get(key)
    return _(source) if source else key


def field_order(table: str, keys: set[str]) -> list[str]:
    """The form's order where the module declares one, then the rest by name."""
    known = list(FIELD_WORDS.get(table, {}))
    if table == "member":
        known += ["status", "status_date", "status_reason"]
    ordered = [key for key in known if key in keys]
    return ordered + sorted(keys - set(ordered))


def value_words(
    table: str,
    key: str,
    value: object,
    values: Mapping[str, Any],
    *,
    masked: bool = True,
    names: Mapping[str, Mapping[int, str]] | None = None,
) -> str:
    """One stored value in words: codes as their labels, 是/否, dates as 2026-12-07 (month dates as
    1990-01), amounts in 元, an id as the name of what it stands for, masked ID numbers and phones."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    reference = {"member_id": "member", "matter_id": "matter", "notice_id": "notice", "refers_to": "notice"}
    reference["meeting_id"] = "meeting"
    if key in reference and isinstance(value, int):
        return (names or {}).get(reference[key], {}).get(value) or _("number {id}").format(id=value)
    if table == "setting":
        special = _SETTING_VALUES.get(key)
        if special is not None:
            return special(value)
        if isinstance(value, list | tuple):
            return "、".join(str(item) for item in value)
        return str(value)
    special = _TABLE_VALUES.get(table, {}).get(key)
    if special is not None:
        return special(value)
    if isinstance(value, Mapping):
        return "；".join(f"{k}：{v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value)
    text = str(value)
    if key == "id_number" and masked:
        return mask_id_number(text)
    if key in ("phone", "supervision_phone", "home_contact_phone", "receiving_phone") and masked:
        return mask_phone(text)
    match = _ISO_DATE.match(text)
    if match:
        if values.get(f"{key}_precision") == "month":
            return f"{match.group(1)}-{match.group(2)}"
        return match.group(0)
    return text
