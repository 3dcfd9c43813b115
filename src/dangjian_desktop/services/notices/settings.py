"""The settings of public notices (decisions.md #7 and #13): the public phones, each kind's disclosure
period, the holidays, what the QR code holds, the web address for QR links, the place of posting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace


def _days_table(value: Any) -> dict[str, int]:
    table = {t.code: t.default_days for t in rules.NOTICE_TYPES}
    if not isinstance(value, Mapping):
        raise ValueError(_("The disclosure periods must be a table of kind of notice and days."))
    for code, days in value.items():
        rules.notice_type(str(code))
        try:
            number = int(str(days).strip())
        except ValueError:
            number = 0
        if not 1 <= number <= 90:
            raise ValueError(_("A disclosure period is from 1 to 90 days."))
        table[str(code)] = number
    return table


def _qr_mode(value: Any) -> str:
    if value not in rules.QR_MODES:
        raise ValueError(_("Choose one of: {choices}.").format(choices=", ".join(rules.QR_MODES)))
    return str(value)


def _link_base(value: Any) -> str:
    text = str(value or "").strip()
    if text and not text.lower().startswith(("http://", "https://")):
        raise ValueError(_("A web address starts with http:// or https://."))
    return text


def _place(value: Any) -> str:
    text = normalize_text(value, keep_chinese_punctuation=True)
    if len(text) > 100:
        raise ValueError(_("The place is too long (at most 100 characters)."))
    return text


PUBLIC_PHONES = settings.register(
    settings.SettingKey(
        "notices.public_phones",
        N_("Public phones printed on notices"),
        (),
        rules.parse_public_phones,
        lambda value: list(value),
    )
)
DISCLOSURE_DAYS = settings.register(
    settings.SettingKey(
        "notices.days",
        N_("Disclosure period of each kind of notice"),
        {t.code: t.default_days for t in rules.NOTICE_TYPES},
        _days_table,
    )
)
HOLIDAYS = settings.register(
    settings.SettingKey(
        "notices.holidays",
        N_("Public holidays (not working days)"),
        (),
        rules.parse_holidays,
        lambda value: [day.isoformat() for day in value],
    )
)
QR_MODE = settings.register(
    settings.SettingKey("notices.qr_mode", N_("What the QR code holds"), rules.QR_TEXT, _qr_mode)
)
LINK_BASE = settings.register(
    settings.SettingKey("notices.link_base", N_("Web address for QR links"), "", _link_base)
)
PLACE = settings.register(
    settings.SettingKey("notices.place", N_("Place of posting"), rules.DEFAULT_PLACE, _place)
)
_ALL_SETTINGS = [PUBLIC_PHONES, DISCLOSURE_DAYS, HOLIDAYS, QR_MODE, LINK_BASE, PLACE]


@dataclass(frozen=True)
class NoticeSettings:
    public_phones: tuple[str, ...]
    days: dict[str, int]
    holidays: tuple[dt.date, ...]
    qr_mode: str
    link_base: str
    place: str


def _settings_of(values: Mapping[str, Any]) -> NoticeSettings:
    return NoticeSettings(
        public_phones=tuple(values[PUBLIC_PHONES.key]),
        days=dict(values[DISCLOSURE_DAYS.key]),
        holidays=tuple(values[HOLIDAYS.key]),
        qr_mode=values[QR_MODE.key],
        link_base=values[LINK_BASE.key],
        place=values[PLACE.key],
    )


def notice_settings(workspace: Workspace) -> NoticeSettings:
    return _settings_of(settings.get_many(workspace, _ALL_SETTINGS))


def _settings_in(session: Session, branch_id: int) -> NoticeSettings:
    return _settings_of({key.key: settings.read_in(session, branch_id, key) for key in _ALL_SETTINGS})


def save_notice_settings(workspace: Workspace, **changes: Any) -> NoticeSettings:
    """Change some of the settings: public_phones, days, holidays, qr_mode, link_base, place. Each change is
    checked and audited; a bad value raises FieldErrors naming the setting."""
    keys = {
        "public_phones": PUBLIC_PHONES,
        "days": DISCLOSURE_DAYS,
        "holidays": HOLIDAYS,
        "qr_mode": QR_MODE,
        "link_base": LINK_BASE,
        "place": PLACE,
    }
    errors: dict[str, str] = {}
    for name, value in changes.items():
        try:
            keys[name].parse(value)
        except Exception as error:  # checked first, so that nothing is saved when one value is wrong
            errors[name] = getattr(error, "message", None) or str(error)
    if errors:
        raise FieldErrors(errors)
    for name, value in changes.items():
        settings.set_value(workspace, keys[name], value)
    return notice_settings(workspace)
