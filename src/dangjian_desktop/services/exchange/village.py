"""The village's side: 上报数据到乡镇… (a file of every record of the branch, for the township), and
导入乡镇的答复… (the township's decisions, and which of its files the township took).

Every file holds the whole branch, never only what changed: the program decides so, because a whole file
stands on its own (a lost or older stick breaks nothing: the next file brings everything), the township
can check it against its own copy row by row, and a branch of 1,000 members with 5 years of dues is a few
megabytes. The township counts what is new, updated, unchanged or removed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _
from dangjian_desktop.services.exchange import common
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit, exchange_file
from dangjian_desktop.store.exchange_models import ExchangeReceived, ExchangeSent, TownshipDecision
from dangjian_desktop.store.exchange_rows import FileDoesNotFit, count_branch, read_branch
from dangjian_desktop.store.migrate import schema_status
from dangjian_desktop.store.models import Branch

ON_THE_SERVER = N_(
    "This computer works on the township's server: the township's decisions are there already (on the home "
    "page and in their places), with no file and no key."
)


@dataclass(frozen=True)
class Preview:
    """What the next file will hold, before she saves it."""

    code: str
    branch_name: str
    sequence: int
    file_name: str
    areas: dict[str, int]  # area -> rows
    last_sent: dt.datetime | None
    last_accepted: int | None  # the number of the last file the township took
    last_accepted_at: dt.datetime | None


@dataclass(frozen=True)
class Sent:
    path: Path
    sequence: int
    areas: dict[str, int]


def _require_key(workspace: Workspace) -> tuple[str, str]:
    """(code, key) of the branch; refused in words while the township's key was not entered."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        code = session.scalar(select(Branch.code).where(Branch.id == branch_id)) or ""
        key = common.current_key(session.connection(), branch_id)
    if key is None or not code:
        raise common.NoKey(
            _(
                "Enter the branch code and exchange key the township gave you first (设置 → 与乡镇交换). "
                "Without them the township cannot tell that the file is yours."
            )
        )
    return code, key.secret


def _last_sent(session: Session, branch_id: int) -> Any:
    return session.execute(
        select(ExchangeSent.sequence, ExchangeSent.made_at)
        .where(ExchangeSent.branch_id == branch_id)
        .order_by(ExchangeSent.sequence.desc())
        .limit(1)
    ).first()


# what a new PC holds before any record: its branch profile, its settings, its change log
_NOT_RECORDS = ("branch", "setting", "audit_log")


def _branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    assert branch is not None  # the workspace's branch
    return branch


def last_sent(workspace: Workspace) -> dt.datetime | None:
    """When the branch's last file for the township was written (None: never)."""
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        last = _last_sent(session, branch_id)
    return last.made_at if last else None


def preview(workspace: Workspace) -> Preview:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        branch = _branch(session, branch_id)
        counts = count_branch(session.connection(), branch_id)
        last = _last_sent(session, branch_id)
        accepted = session.execute(
            select(ExchangeSent.sequence, ExchangeSent.accepted_at)
            .where(ExchangeSent.branch_id == branch_id, ExchangeSent.accepted_at.is_not(None))
            .order_by(ExchangeSent.sequence.desc())
            .limit(1)
        ).first()
        code, name = branch.code or "", branch.name
    sequence = (last.sequence if last else 0) + 1
    return Preview(
        code=code,
        branch_name=name,
        sequence=sequence,
        file_name=rules.branch_file_name(code, name, dt.date.today(), sequence),
        areas=common.counts_by_area(counts),
        last_sent=last.made_at if last else None,
        last_accepted=accepted.sequence if accepted else None,
        last_accepted_at=accepted.accepted_at if accepted else None,
    )


def export_branch(workspace: Workspace, out: Path) -> Sent:
    """Write the branch's file: ``out`` is the file, or a folder to put it in under its own name. The
    rows are read in one transaction (one moment's data); the file is signed with the branch's key."""
    if workspace.is_server:
        raise AppError(
            _(
                "This computer works on the township's server: the township has the branch's data already. "
                "The administrator writes a branch's file with dangjian --database URL exchange export --branch CODE."
            )
        )
    code, key = _require_key(workspace)
    branch_id = workspace.require_branch()
    heads = sorted(schema_status(workspace.db.engine).current_heads)
    with workspace.db.transaction(exclusive=True) as session:
        branch = _branch(session, branch_id)
        last = _last_sent(session, branch_id)
        sequence = (last.sequence if last else 0) + 1
        tables = read_branch(session.connection(), branch_id)
        target = common.target_file(out, rules.branch_file_name(code, branch.name, dt.date.today(), sequence))
        head = common.manifest(rules.BRANCH_FILE, code, branch, sequence, heads, key)
        exchange_file.write(target, head, tables, key)
        counts = {table: len(rows.rows) for table, rows in tables.items()}
        session.execute(
            insert(ExchangeSent).values(
                branch_id=branch_id,
                sequence=sequence,
                made_at=dt.datetime.now(),
                made_by=audit.current_user(),
                file_name=target.name[:255],
                counts=json.dumps(counts, sort_keys=True),
            )
        )
    return Sent(target, sequence, common.counts_by_area(counts))


# --- the township's reply ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    public_id: str
    kind: str
    kind_title: str
    subject: str
    details: str
    refers_to: str | None
    decided_on: dt.date
    decided_by: str
    made_at: dt.datetime  # when the township wrote it down
    received_at: dt.datetime | None  # when it came to this PC (None on the server: it was there at once)

    @classmethod
    def of(cls, row: Any) -> Decision:
        """From a ``TownshipDecision`` (a session's) or a row of its table (a connection's)."""
        return cls(
            public_id=row.public_id or "",
            kind=row.kind,
            kind_title=_(rules.DECISION_KINDS.get(row.kind, row.kind)),
            subject=row.subject,
            details=row.details,
            refers_to=row.refers_to,
            decided_on=row.decided_on,
            decided_by=row.decided_by,
            made_at=row.made_at,
            received_at=row.received_at,
        )

    @property
    def known_since(self) -> dt.datetime:
        return self.received_at or self.made_at


@dataclass(frozen=True)
class RepliesImported:
    new: int
    updated: int
    unchanged: int
    accepted_sequence: int | None  # the last village file the township had taken when it wrote this one
    already: bool = False


def decisions(workspace: Workspace, *, kind: str | None = None) -> list[Decision]:
    """The township's decisions for this branch, the newest first."""
    branch_id = workspace.require_branch()
    query = select(TownshipDecision).where(TownshipDecision.branch_id == branch_id)
    if kind is not None:
        query = query.where(TownshipDecision.kind == kind)
    with workspace.db.transaction() as session:
        rows = session.scalars(query.order_by(TownshipDecision.decided_on.desc(), TownshipDecision.id.desc()))
        return [Decision.of(row) for row in rows]


def import_decisions(workspace: Workspace, path: Path) -> RepliesImported:
    """Take the township's file of decisions: checked (key, branch, sequence) before anything is written;
    the decisions go into their own table, never over the branch's records."""
    if workspace.is_server:
        raise AppError(_(ON_THE_SERVER))
    code, _key = _require_key(workspace)
    branch_id = workspace.require_branch()
    file = common.read_file(Path(path), rules.DECISIONS_FILE)
    if common.file_code(file) != code:
        raise AppError(
            _(
                "This reply is for branch {found}, and this computer holds branch {code}. Nothing was changed."
            ).format(found=common.file_code(file) or "-", code=code)
        )
    now = dt.datetime.now()
    with workspace.db.transaction(exclusive=True) as session:
        connection = session.connection()
        common.check_signature(connection, branch_id, file, code)
        try:
            sequence = common.check_sequence(connection, branch_id, rules.DECISIONS_FILE, file)
        except common.AlreadyImported:
            rows = file.tables.get("township_decision")
            return RepliesImported(0, 0, len(rows.rows) if rows else 0, _accepted(file), already=True)
        new, updated, unchanged = _lay_decisions(session, branch_id, file, now)
        accepted = _accepted(file)
        if accepted is not None:
            session.execute(
                update(ExchangeSent)
                .where(
                    ExchangeSent.branch_id == branch_id,
                    ExchangeSent.sequence <= accepted,
                    ExchangeSent.accepted_at.is_(None),
                )
                .values(accepted_at=_accepted_at(file) or now)
            )
        session.execute(
            insert(ExchangeReceived).values(
                branch_id=branch_id,
                kind=rules.DECISIONS_FILE,
                sequence=sequence,
                digest=file.digest,
                made_at=dt.datetime.fromisoformat(str(file.manifest.get("made_at"))),
                imported_at=now,
                imported_by=audit.current_user(),
                changes=json.dumps({"township_decision": [new, updated, unchanged, 0]}),
            )
        )
    return RepliesImported(new, updated, unchanged, accepted)


def _accepted(file: exchange_file.ExchangeFile) -> int | None:
    accepted = file.manifest.get("accepted")
    return accepted.get("sequence") if isinstance(accepted, dict) else None


def _accepted_at(file: exchange_file.ExchangeFile) -> dt.datetime | None:
    accepted = file.manifest.get("accepted")
    try:
        return dt.datetime.fromisoformat(accepted["imported_at"]) if isinstance(accepted, dict) else None
    except (KeyError, TypeError, ValueError):
        return None


_DECISION_COLUMNS = (
    "public_id",
    "kind",
    "subject",
    "details",
    "refers_to",
    "decided_on",
    "decided_by",
    "made_at",
)


def _lay_decisions(
    session: Session, branch_id: int, file: exchange_file.ExchangeFile, now: dt.datetime
) -> tuple[int, int, int]:
    given = file.tables.get("township_decision")
    if given is None:
        return 0, 0, 0
    if any(name not in given.columns for name in _DECISION_COLUMNS):
        raise exchange_file.NotAnExchangeFile(Path("?"), _("a decision without its columns"))
    existing = {
        row.public_id: row
        for row in session.scalars(select(TownshipDecision).where(TownshipDecision.branch_id == branch_id))
    }
    new = updated = unchanged = 0
    for values in given.rows:
        row = dict(zip(given.columns, values, strict=True))
        data = {
            "kind": str(row["kind"]),
            "subject": str(row["subject"])[:200],
            "details": str(row["details"] or ""),
            "refers_to": row["refers_to"],
            "decided_on": dt.date.fromisoformat(row["decided_on"]),
            "decided_by": str(row["decided_by"] or "")[:100],
            "made_at": dt.datetime.fromisoformat(row["made_at"]),
        }
        found = existing.get(row["public_id"])
        if found is None:
            session.add(
                TownshipDecision(branch_id=branch_id, public_id=row["public_id"], received_at=now, **data)
            )
            new += 1
        elif any(getattr(found, name) != value for name, value in data.items()):
            for name, value in data.items():
                setattr(found, name, value)
            found.received_at = now
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return new, updated, unchanged


def count_decisions(workspace: Workspace) -> int:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(TownshipDecision)
                .where(TownshipDecision.branch_id == branch_id)
            )
            or 0
        )


# --- moving the branch onto this PC (a village that leaves the server, or a new computer) -----------


@dataclass(frozen=True)
class BranchTaken:
    code: str
    branch_name: str
    sequence: int
    areas: list[common.AreaChanges]
    backup: Path | None  # the backup made of this PC's data before it was changed


def import_branch_file(workspace: Workspace, path: Path, typed_key: str = "") -> BranchTaken:
    """Lay a whole branch's file (written on the server by ``exchange export --branch``, or by another
    PC) over this PC's data: into a new, empty branch, or over the same branch (same code). The key is
    the one entered here, or ``typed_key`` on a computer that has none yet. A backup of this PC's data is
    made first; a file that fails a check changes nothing."""
    from dangjian_desktop.services import backups
    from dangjian_desktop.store.exchange_rows import apply_branch

    if workspace.is_server:
        raise AppError(
            _(
                "On the township's server a village's file is imported by the administrator: dangjian --database URL exchange import FILE"
            )
        )
    file = common.read_file(Path(path), rules.BRANCH_FILE)
    code = common.file_code(file)
    common.check_schema(file)
    if workspace.branch_id is None and not workspace.read_only:  # a new computer: the file's branch
        _new_branch(workspace, file, code)
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        here = _branch(session, branch_id)
        here_code = here.code or ""
        counts = count_branch(session.connection(), branch_id)
        holds_records = any(n for table, n in counts.items() if table not in _NOT_RECORDS)
        has_key = common.current_key(session.connection(), branch_id) is not None
    last = _last_sent_sequence(workspace, branch_id)
    if last is not None and int(file.manifest.get("sequence") or 0) < last:
        raise AppError(
            _(
                "This file (number {sequence}) is older than the last file this computer wrote (number {last}): "
                "taking it would undo later work. Nothing was changed."
            ).format(sequence=file.manifest.get("sequence"), last=last)
        )
    if here_code and here_code != code:
        raise AppError(
            _(
                "The file holds branch {found}, and this computer holds branch {code}. Nothing was changed."
            ).format(found=code or "-", code=here_code)
        )
    if not here_code and holds_records:
        raise AppError(
            _(
                "This computer already holds a branch's records, and the file is branch {found}'s. Enter branch "
                "{found}'s code and key first if they are the same branch. Nothing was changed."
            ).format(found=code or "-")
        )
    key = ""
    if not has_key or typed_key:
        key = rules.parse_key(typed_key) if typed_key else ""
        if not key:
            raise common.NoKey(
                _(
                    "Give the branch's exchange key (from the township) to check the file. Nothing was changed."
                )
            )
        if not file.signed_with(key):
            raise AppError(
                _("The file's signature does not match the key you gave: check the key. Nothing was changed.")
            )
    backup = backups.back_up_now(workspace) if holds_records else None
    now = dt.datetime.now()
    with workspace.db.transaction(exclusive=True) as session:
        connection = session.connection()
        if has_key and not typed_key:
            common.check_signature(connection, branch_id, file, code)
        else:
            connection.execute(update(Branch).where(Branch.id == branch_id).values(code=code))
            common.store_key(connection, branch_id, key, audit.current_user())
        sequence = int(file.manifest["sequence"])
        try:
            changes = apply_branch(connection, branch_id, file.tables)
        except IntegrityError as error:
            raise FileDoesNotFit(
                _(
                    "The file's rows do not fit this computer's data (they break a rule of the data). "
                    "Nothing was changed."
                )
            ) from error
        session.execute(
            insert(ExchangeReceived).values(
                branch_id=branch_id,
                kind=rules.BRANCH_FILE,
                sequence=_next_received(session, branch_id),
                digest=file.digest,
                made_at=dt.datetime.fromisoformat(str(file.manifest.get("made_at"))),
                imported_at=now,
                imported_by=audit.current_user(),
                changes=common.changes_json(changes),
            )
        )
        last = _last_sent(session, branch_id)
        if last is None or last.sequence < sequence:  # the next file follows the township's last one
            session.execute(
                insert(ExchangeSent).values(
                    branch_id=branch_id,
                    sequence=sequence,
                    made_at=now,
                    made_by=audit.current_user(),
                    file_name=Path(path).name[:255],
                    counts=json.dumps({t: len(r.rows) for t, r in file.tables.items()}, sort_keys=True),
                    accepted_at=now,
                )
            )
        name = _branch(session, branch_id).name
    workspace.refresh_branch()
    return BranchTaken(code, name, sequence, common.changes_by_area(changes), backup)


def _new_branch(workspace: Workspace, file: exchange_file.ExchangeFile, code: str) -> None:
    """The branch row of a computer that had none, from the file's profile (the rows follow)."""
    given = file.tables.get("branch")
    profile = dict(zip(given.columns, given.rows[0], strict=True)) if given and given.rows else {}
    with workspace.db.transaction() as session:
        session.add(
            Branch(
                code=code,
                name=str(profile.get("name") or code),
                created_at=dt.datetime.fromisoformat(profile["created_at"])
                if profile.get("created_at")
                else dt.datetime.now(),
            )
        )
    workspace.refresh_branch()


def _last_sent_sequence(workspace: Workspace, branch_id: int) -> int | None:
    with workspace.db.transaction() as session:
        last = _last_sent(session, branch_id)
    return int(last.sequence) if last else None


def _next_received(session: Session, branch_id: int) -> int:
    last = session.scalar(
        select(func.max(ExchangeReceived.sequence)).where(
            ExchangeReceived.branch_id == branch_id, ExchangeReceived.kind == rules.BRANCH_FILE
        )
    )
    return int(last or 0) + 1
