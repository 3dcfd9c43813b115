"""The branch's business settings (decisions.md: every local or uncertain rule is a setting with a
default). They live in the ``setting`` table as JSON, travel with the backups, and every change is in the
audit log. Each key is declared once here with its type, default and check.

Screen settings (window size, column widths) are not here: they belong in ``settings.ini``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from dangjian_desktop.domain import dues as dues_rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.money import ROUNDING_UNITS
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services.recording import log_change
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store.models import Setting

T = TypeVar("T")


@dataclass(frozen=True)
class SettingKey(Generic[T]):
    key: str
    label: str  # English source string; shown through _()
    default: T
    parse: Callable[[Any], T]  # checks and converts a stored or typed value; raises on a bad one
    dump: Callable[[T], Any] = lambda value: value  # to JSON


def _months(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = -1
        if not low <= number <= high:
            raise ValueError(_("Enter a whole number from {low} to {high}.").format(low=low, high=high))
        return number

    return parse


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValueError(_("Choose one of: {choices}.").format(choices=", ".join(choices)))
        return str(value)

    return parse


def _farmer_amount(value: Any) -> Decimal:
    return dues_rules.check_farmer_amount(value)


DUES_FARMER_AMOUNT: SettingKey[Decimal] = SettingKey(
    "dues.farmer_amount",
    N_("Monthly dues of farmer members"),
    dues_rules.DEFAULT_FARMER_AMOUNT,
    _farmer_amount,
    lambda value: str(value),
)
DUES_MONTHS_AHEAD: SettingKey[int] = SettingKey(
    "dues.months_ahead", N_("Months that may be paid in advance"), 6, _months(0, 24)
)
DUES_MONTHS_BACK: SettingKey[int] = SettingKey(
    "dues.months_back", N_("Months that may be paid late"), 6, _months(0, 24)
)
DUES_REMIND_AT: SettingKey[int] = SettingKey(
    "dues.remind_at", N_("Unpaid months before a reminder"), dues_rules.DEFAULT_REMIND_AT, _months(1, 24)
)
DUES_WARN_AT: SettingKey[int] = SettingKey(
    "dues.warn_at", N_("Unpaid months before a warning"), dues_rules.DEFAULT_WARN_AT, _months(1, 24)
)
DUES_HANDUP_PERIOD: SettingKey[str] = SettingKey(
    "dues.handup_period",
    N_("How often dues are handed up"),
    "quarter",
    _choice(tuple(dues_rules.HANDUP_PERIODS)),
)


def _ledger_start(value: Any) -> str:
    """Empty (not chosen yet) or a month, stored as 2026-12."""
    text = "" if value is None else str(value).strip()
    return str(dues_rules.Month.parse(text)) if text else ""


# Issue 13: the month from which this program keeps the dues ledger; earlier months are in the paper
# book. Empty until the secretary chooses it (then the first standard's month is taken).
DUES_LEDGER_START: SettingKey[str] = SettingKey(
    "dues.ledger_start",
    N_("Dues ledger kept here from month (earlier months: paper book)"),
    "",
    _ledger_start,
)
DUES_ROUNDING: SettingKey[str] = SettingKey(
    "dues.rounding", N_("Dues are rounded to"), "fen", _choice(tuple(ROUNDING_UNITS))
)

ALL_KEYS: dict[str, SettingKey[Any]] = {
    k.key: k
    for k in (
        DUES_LEDGER_START,
        DUES_FARMER_AMOUNT,
        DUES_MONTHS_AHEAD,
        DUES_MONTHS_BACK,
        DUES_REMIND_AT,
        DUES_WARN_AT,
        DUES_HANDUP_PERIOD,
        DUES_ROUNDING,
    )
}


def register(key: SettingKey[Any]) -> SettingKey[Any]:
    """Other modules declare their keys with this."""
    ALL_KEYS[key.key] = key
    return key


def read_in(session: Session, branch_id: int, key: SettingKey[T]) -> T:
    """Within a service's transaction. A missing or unreadable stored value gives the default."""
    stored = session.scalar(
        select(Setting.value).where(Setting.branch_id == branch_id, Setting.key == key.key)
    )
    if stored is None:
        return key.default
    try:
        return key.parse(json.loads(stored))
    except Exception:  # a value written by hand or by a newer program: fall back, never crash
        return key.default


def read_every_branch(connection: Connection, key: SettingKey[T]) -> dict[int, T]:
    """``read_in`` for every branch the login can read, in one statement: branch id -> value (a branch
    that never stored the key is not in the result: the default applies)."""
    found: dict[int, T] = {}
    rows = connection.execute(select(Setting.branch_id, Setting.value).where(Setting.key == key.key))
    for branch_id, stored in rows:
        try:
            found[branch_id] = key.parse(json.loads(stored))
        except Exception:  # as in read_in: an unreadable value gives the default
            found[branch_id] = key.default
    return found


def get(workspace: Workspace, key: SettingKey[T]) -> T:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return read_in(session, branch_id, key)


def get_many(workspace: Workspace, keys: list[SettingKey[Any]]) -> dict[str, Any]:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return {key.key: read_in(session, branch_id, key) for key in keys}


def set_value(workspace: Workspace, key: SettingKey[T], value: Any) -> T:
    """Check, store and audit a new value; a bad value raises FieldErrors naming the setting."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return write_in(session, branch_id, key, value)


def write_in(session: Session, branch_id: int, key: SettingKey[T], value: Any) -> T:
    """``set_value`` within a service's own transaction."""
    try:
        parsed = key.parse(value)
    except Exception as error:
        message = getattr(error, "message", None) or str(error)
        raise FieldErrors({key.key: message}) from error
    text = json.dumps(key.dump(parsed), ensure_ascii=False)
    row = session.scalar(select(Setting).where(Setting.branch_id == branch_id, Setting.key == key.key))
    before = None if row is None else row.value
    if before == text:
        return parsed
    if row is None:
        row = Setting(branch_id=branch_id, key=key.key, value=text)
        session.add(row)
        session.flush()
    else:
        row.value = text
    log_change(
        session,
        branch_id,
        "setting",
        row.id,
        "insert" if before is None else "update",
        _(key.label),
        before=None if before is None else {key.key: json.loads(before)},
        after={key.key: key.dump(parsed)},
    )
    return parsed
