"""What both sides of the exchange share: the areas a file's tables are counted in, the manifest, the
checks of a file against the key, branch, schema and sequence it must have, and the branch's key."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from dangjian_desktop import __version__, features
from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.store import audit, exchange_file
from dangjian_desktop.store.exchange_file import ExchangeFile
from dangjian_desktop.store.exchange_models import ExchangeKey, ExchangeReceived
from dangjian_desktop.store.exchange_rows import AUDIT, Changes
from dangjian_desktop.store.migrate import known_revisions
from dangjian_desktop.store.models import Branch

_CORE_AREAS = {"branch": N_("Branch information"), "setting": N_("Business rules"), AUDIT: N_("Change log")}


def area_of(table: str) -> str:
    """The area (a module's title, translated) a table's rows are counted in for the secretary."""
    if table in _CORE_AREAS:
        return _(_CORE_AREAS[table])
    for module in features.FEATURES:
        if table in module.audit_tables or table in module.inner_tables:
            return _(module.title)
    return table


def _area_order() -> list[str]:
    return (
        [_(_CORE_AREAS["branch"])]
        + [_(m.title) for m in features.FEATURES]
        + [
            _(_CORE_AREAS["setting"]),
            _(_CORE_AREAS[AUDIT]),
        ]
    )


def counts_by_area(counts: Mapping[str, int]) -> dict[str, int]:
    """Rows per area, in the navigation's order (areas without rows left out)."""
    totals: dict[str, int] = {}
    for table, count in counts.items():
        totals[area_of(table)] = totals.get(area_of(table), 0) + count
    order = _area_order()
    return {area: totals[area] for area in sorted(totals, key=lambda a: order.index(a) if a in order else 99)}


@dataclass(frozen=True)
class AreaChanges:
    area: str
    new: int
    updated: int
    unchanged: int
    removed: int


def changes_by_area(changes: Changes) -> list[AreaChanges]:
    totals: dict[str, list[int]] = {}
    for table, numbers in changes.counts.items():
        entry = totals.setdefault(area_of(table), [0, 0, 0, 0])
        for index, amount in enumerate(numbers):
            entry[index] += amount
    order = _area_order()
    return [
        AreaChanges(area, *totals[area])
        for area in sorted(totals, key=lambda a: order.index(a) if a in order else 99)
    ]


def manifest(kind: str, code: str, branch: Any, sequence: int, schema: list[str], key: str) -> dict[str, Any]:
    """The manifest of a file signed with ``key`` (named by its id), written now by the current operator."""
    return {
        "format": rules.FORMAT,
        "format_version": rules.FORMAT_VERSION,
        "kind": kind,
        "branch": {"code": code, "name": branch.name, "public_id": branch.public_id},
        "program": __version__,
        "schema": sorted(schema),
        "sequence": sequence,
        "made_at": dt.datetime.now().isoformat(timespec="seconds"),
        "made_by": audit.current_user(),
        "key_id": rules.key_id(key),
    }


def target_file(out: Path, name: str) -> Path:
    """``out`` itself, or the file ``name`` in it when ``out`` is a folder (a USB stick's drive)."""
    out = Path(out)
    return out / name if out.is_dir() else out


# --- the key ---------------------------------------------------------------------------------------


class NoKey(AppError):
    pass


def store_key(connection: Connection, branch_id: int, key: str, by: str) -> None:
    """``key`` becomes the branch's key; the one before it is kept as replaced."""
    now = dt.datetime.now()
    connection.execute(
        update(ExchangeKey)
        .where(ExchangeKey.branch_id == branch_id, ExchangeKey.replaced_at.is_(None))
        .values(replaced_at=now)
    )
    connection.execute(insert(ExchangeKey).values(branch_id=branch_id, secret=key, made_at=now, made_by=by))


def current_key(connection: Connection, branch_id: int) -> ExchangeKey | None:
    row = connection.execute(
        select(ExchangeKey.secret, ExchangeKey.made_at)
        .where(ExchangeKey.branch_id == branch_id, ExchangeKey.replaced_at.is_(None))
        .order_by(ExchangeKey.id.desc())
        .limit(1)
    ).first()
    return row  # type: ignore[return-value]


def signing_key(connection: Connection, branch_id: int, code: str) -> str:
    """The key the township signs branch ``code``'s files with; ``NoKey`` saying how to issue one."""
    key = current_key(connection, branch_id)
    if key is None:
        raise NoKey(
            _(
                "Branch {code} has no exchange key yet: issue one with dangjian admin exchange-key --branch {code}."
            ).format(code=code)
        )
    return str(key.secret)


def replaced_key_ids(connection: Connection, branch_id: int) -> set[str]:
    secrets_ = connection.execute(
        select(ExchangeKey.secret).where(
            ExchangeKey.branch_id == branch_id, ExchangeKey.replaced_at.is_not(None)
        )
    ).scalars()
    return {rules.key_id(secret) for secret in secrets_}


def check_signature(connection: Connection, branch_id: int, file: ExchangeFile, code: str) -> None:
    """The file was signed with the branch's current key; else refused, saying which case it is."""
    key = current_key(connection, branch_id)
    if key is None:
        raise NoKey(
            _(
                "Branch {code} has no exchange key here yet, so its files cannot be checked. Nothing was changed."
            ).format(code=code)
        )
    if file.signed_with(key.secret):
        return
    if file.manifest.get("key_id") in replaced_key_ids(connection, branch_id):
        raise AppError(
            _(
                "The file was signed with an exchange key of branch {code} that has been replaced. Enter the new "
                "key on the village's computer and write the file again. Nothing was changed."
            ).format(code=code)
        )
    raise AppError(
        _(
            "The file's signature does not match the exchange key of branch {code}: it was signed with another "
            "branch's key, or changed on the way. Nothing was changed."
        ).format(code=code)
    )


def read_file(path: Path, kind: str) -> ExchangeFile:
    file = exchange_file.read(Path(path))
    if file.manifest.get("kind") != kind:
        if kind == rules.BRANCH_FILE:
            raise AppError(
                _(
                    "The file {path} holds the township's decisions, not a village's data. Nothing was changed."
                ).format(path=Path(path).name)
            )
        raise AppError(
            _(
                "The file {path} holds a village's data, not the township's decisions. Nothing was changed."
            ).format(path=Path(path).name)
        )
    return file


def file_code(file: ExchangeFile) -> str:
    branch = file.manifest.get("branch")
    return str(branch.get("code") or "") if isinstance(branch, dict) else ""


def check_schema(file: ExchangeFile) -> None:
    """A file from a newer program is refused (it may hold what this one cannot keep); one from an older
    program is taken (columns it lacks keep their defaults)."""
    given = file.manifest.get("schema")
    if not isinstance(given, list) or any(head not in known_revisions() for head in given):
        raise AppError(
            _(
                "The file was written by a newer version of the program ({version}). Update the program here "
                "first. Nothing was changed."
            ).format(version=file.manifest.get("program") or "?")
        )


def last_received(connection: Connection, branch_id: int, kind: str) -> ExchangeReceived | None:
    return connection.execute(
        select(ExchangeReceived.sequence, ExchangeReceived.digest, ExchangeReceived.imported_at)
        .where(ExchangeReceived.branch_id == branch_id, ExchangeReceived.kind == kind)
        .order_by(ExchangeReceived.sequence.desc())
        .limit(1)
    ).first()  # type: ignore[return-value]


class AlreadyImported(Exception):
    """The same file again: nothing to write (not an error)."""


def check_sequence(connection: Connection, branch_id: int, kind: str, file: ExchangeFile) -> int:
    """The file's sequence, when it is newer than the last one imported; ``AlreadyImported`` for that one
    again; refused for an older one or another file under the same number."""
    sequence = file.manifest.get("sequence")
    if not isinstance(sequence, int) or sequence < 1:
        raise exchange_file.NotAnExchangeFile(Path("?"), _("no sequence number"))
    last = last_received(connection, branch_id, kind)
    if last is None or sequence > last.sequence:
        return sequence
    if sequence == last.sequence and file.digest == last.digest:
        raise AlreadyImported()
    if sequence == last.sequence:
        raise AppError(
            _(
                "A file numbered {sequence} was imported already on {date}, and this one differs from it. Ask "
                "for a new file. Nothing was changed."
            ).format(sequence=sequence, date=last.imported_at.date().isoformat())
        )
    raise AppError(
        _(
            "This file (number {sequence}) is older than the last one imported (number {last}, on {date}): "
            "importing it would undo later work. Nothing was changed."
        ).format(sequence=sequence, last=last.sequence, date=last.imported_at.date().isoformat())
    )


def branch_by_code(connection: Connection, code: str) -> Any:
    row = connection.execute(select(Branch.__table__).where(Branch.code == code)).first()
    if row is None:
        raise AppError(
            _(
                "There is no branch with code {code} here. Add it first (dangjian admin add-branch). Nothing was changed."
            ).format(code=code or "-")
        )
    return row  # the branch's columns by name (a Core row: .id, .name, .public_id)


def changes_json(changes: Changes) -> str:
    return json.dumps(dict(changes.counts), sort_keys=True)
