"""The township's side: 导入村里的数据… (a village's file into the server, as the administrator: a village
that works on its own PC owns its branch's records, and the township's logins only read them), the
township's decisions for a branch, and the file of them that goes back to the village."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DataError, IntegrityError

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.money import from_fen
from dangjian_desktop.domain.text import natural_key, normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.exchange import common
from dangjian_desktop.services.exchange.common import AreaChanges
from dangjian_desktop.services.exchange.village import Decision
from dangjian_desktop.services.server_admin import NotTheOwner, as_owner, owners_database
from dangjian_desktop.store import audit, exchange_file, server
from dangjian_desktop.store.dues_models import DuesHandUp
from dangjian_desktop.store.exchange_models import ExchangeReceived, TownshipDecision
from dangjian_desktop.store.exchange_rows import Changes, FileDoesNotFit, apply_branch, encode, read_branch
from dangjian_desktop.store.migrate import schema_status
from dangjian_desktop.store.models import AuditEntry, Branch


@dataclass(frozen=True)
class Imported:
    code: str
    branch_name: str
    sequence: int
    areas: list[AreaChanges]
    already: bool = False  # the same file was imported before: nothing written

    @property
    def new(self) -> int:
        return sum(area.new for area in self.areas)

    @property
    def updated(self) -> int:
        return sum(area.updated for area in self.areas)

    @property
    def unchanged(self) -> int:
        return sum(area.unchanged for area in self.areas)

    @property
    def removed(self) -> int:
        return sum(area.removed for area in self.areas)


def owner_login(url: str, user: str, password: str) -> str:
    """The URL of the administrator's login on the server of ``url`` (its host, port and database), for
    the work a township login may not do (importing a village's file). Checked at once: a wrong password
    or a login that is not the database's owner is refused in words. The URL holds the password: keep it
    in memory only."""
    user = normalize_text(user)
    errors: dict[str, str] = {}
    if not user:
        errors["user"] = _("Type the administrator's login name.")
    if not password:
        errors["password"] = _("Type the administrator's password.")
    if errors:
        raise FieldErrors(errors)
    target = make_url(url).set(username=user, password=password).render_as_string(hide_password=False)
    with owners_database(target) as database, database.engine.connect() as connection:
        login = server.login_of(connection)
    if login.kind != server.OWNER:
        raise NotTheOwner(user)
    return target


def _heads(url: str) -> list[str]:
    with owners_database(url) as database:
        status = schema_status(database.engine)
    if not status.is_current:
        raise AppError(
            _(
                "The township's database is not at this program's version: run dangjian admin upgrade first. "
                "Nothing was changed."
            )
        )
    return sorted(status.current_heads)


def import_village_file(url: str, path: Path) -> Imported:
    """Check the file (seal, branch, key, schema, sequence) and lay its rows over the branch, in one
    transaction; the same file again writes nothing; a refused file changes nothing."""
    file = common.read_file(Path(path), rules.BRANCH_FILE)
    code = common.file_code(file)
    _heads(url)  # refuses a database that is not at this program's version
    try:
        with as_owner(url) as connection:
            branch = common.branch_by_code(connection, code)
            # a second import of the same branch waits here, then finds this one's number taken
            connection.execute(select(Branch.id).where(Branch.id == branch.id).with_for_update())
            common.check_signature(connection, branch.id, file, code)
            common.check_schema(file)
            try:
                sequence = common.check_sequence(connection, branch.id, rules.BRANCH_FILE, file)
            except common.AlreadyImported:
                same = Changes()
                for table, rows in file.tables.items():
                    same.add(table, unchanged=len(rows.rows))
                return Imported(
                    code, branch.name, int(file.manifest["sequence"]), common.changes_by_area(same), True
                )
            changes = apply_branch(connection, branch.id, file.tables)
            connection.execute(
                insert(ExchangeReceived).values(
                    branch_id=branch.id,
                    kind=rules.BRANCH_FILE,
                    sequence=sequence,
                    digest=file.digest,
                    made_at=dt.datetime.fromisoformat(str(file.manifest.get("made_at"))),
                    imported_at=dt.datetime.now(),
                    imported_by=audit.current_user(),
                    changes=common.changes_json(changes),
                )
            )
    except (IntegrityError, DataError) as error:  # DataError: a value PostgreSQL cannot read
        raise FileDoesNotFit(
            _(
                "The file's rows do not fit the township's database (some of them are another branch's, or "
                "break a rule of the data). Nothing was changed."
            )
        ) from error
    return Imported(code, branch.name, sequence, common.changes_by_area(changes))


@dataclass(frozen=True)
class Received:
    code: str
    branch_name: str
    sequence: int
    made_at: dt.datetime
    imported_at: dt.datetime


def last_imports(url: str) -> list[Received]:
    """Each branch's last imported file (the township's overview of who has sent what)."""
    with _township(url) as connection:
        latest = (
            select(ExchangeReceived.branch_id, func.max(ExchangeReceived.sequence).label("sequence"))
            .where(ExchangeReceived.kind == rules.BRANCH_FILE)
            .group_by(ExchangeReceived.branch_id)
            .subquery()
        )
        rows = connection.execute(
            select(
                Branch.code,
                Branch.name,
                ExchangeReceived.sequence,
                ExchangeReceived.made_at,
                ExchangeReceived.imported_at,
            )
            .join(latest, latest.c.branch_id == ExchangeReceived.branch_id)
            .join(Branch, Branch.id == ExchangeReceived.branch_id)
            .where(ExchangeReceived.sequence == latest.c.sequence, ExchangeReceived.kind == rules.BRANCH_FILE)
        ).all()
    found = [Received(row[0] or "", row[1], row[2], row[3], row[4]) for row in rows]
    return sorted(found, key=lambda received: received.code)


@dataclass(frozen=True)
class BranchReports:
    """A branch, and the last of its files the township imported (None: it never sent one)."""

    code: str
    branch_name: str
    last: Received | None


def reports_by_branch(url: str) -> list[BranchReports]:
    """Every branch of the township, by code in its natural order, with its last imported file: who has
    sent what, and who has sent nothing yet."""
    from dangjian_desktop.store.models import Branch

    received = {entry.code: entry for entry in last_imports(url)}
    with _township(url) as connection:
        rows = connection.execute(select(Branch.code, Branch.name)).all()
    found = [BranchReports(row[0] or "", row[1], received.get(row[0] or "")) for row in rows]
    return sorted(found, key=lambda entry: (natural_key(entry.code), entry.branch_name))


# --- decisions -------------------------------------------------------------------------------------


# One transaction as the login of ``url``: the administrator, or a township login (which may write decisions
# and read everything, store/server.py); a right refused is said as the administrator's commands say it.
_township = as_owner


def add_decision(
    url: str,
    code: str,
    kind: str,
    subject: str,
    *,
    details: str = "",
    refers_to: str | None = None,
    decided_on: dt.date | None = None,
    decided_by: str = "",
) -> str:
    """A decision of the township for branch ``code``; returns its public id."""
    errors: dict[str, str] = {}
    if kind not in rules.DECISION_KINDS:
        errors["kind"] = _("Choose what kind of decision it is.")
    subject = normalize_text(subject)
    if not subject:
        errors["subject"] = _("Say in a few words what was decided.")
    elif len(subject) > 200:
        errors["subject"] = _("At most 200 characters; put the rest under details.")
    if errors:
        raise FieldErrors(errors)
    with _township(url) as connection:
        branch = common.branch_by_code(connection, code)
        public_id = connection.execute(
            insert(TownshipDecision)
            .values(
                branch_id=branch.id,
                kind=kind,
                subject=subject,
                details=(details or "").strip(),
                refers_to=(refers_to or None),
                decided_on=decided_on or dt.date.today(),
                decided_by=normalize_text(decided_by) or audit.current_user(),
                made_at=dt.datetime.now(),
            )
            .returning(TownshipDecision.public_id)
        ).scalar_one()
        connection.execute(
            insert(AuditEntry),
            [
                audit.audit_row(
                    branch_id=branch.id,
                    table="township_decision",
                    record_id=None,
                    action="insert",
                    summary=f"{_(rules.DECISION_KINDS[kind])}：{subject}",
                    after={"kind": kind, "subject": subject, "refers_to": refers_to},
                )
            ],
        )
    return str(public_id)


class HandUpRow(NamedTuple):
    """A dues hand-up of a village, as the township confirms it (``refers_to`` of a "handup" decision)."""

    public_id: str
    handed_on: dt.date
    amount: Decimal
    receiver: str


def handups_of(url: str, code: str) -> list[HandUpRow]:
    """The dues hand-ups of branch ``code`` the township has (from the village's files), oldest first;
    a wrong entry and its reversal are left out (neither was money handed up)."""
    with _township(url) as connection:
        branch = common.branch_by_code(connection, code)
        reversed_ids = select(DuesHandUp.reverses_id).where(
            DuesHandUp.branch_id == branch.id, DuesHandUp.reverses_id.is_not(None)
        )
        rows = connection.execute(
            select(DuesHandUp.public_id, DuesHandUp.handed_on, DuesHandUp.amount_fen, DuesHandUp.receiver)
            .where(
                DuesHandUp.branch_id == branch.id,
                DuesHandUp.reverses_id.is_(None),
                DuesHandUp.id.not_in(reversed_ids),
            )
            .order_by(DuesHandUp.handed_on, DuesHandUp.id)
        ).all()
    return [HandUpRow(str(row[0]), row[1], from_fen(row[2]), row[3]) for row in rows]


def decisions_for(url: str, code: str) -> list[Decision]:
    """The township's decisions for branch ``code``, the newest first."""
    with _township(url) as connection:
        branch = common.branch_by_code(connection, code)
        rows = connection.execute(
            select(TownshipDecision)
            .where(TownshipDecision.branch_id == branch.id)
            .order_by(TownshipDecision.decided_on.desc(), TownshipDecision.id.desc())
        ).all()
    return [Decision.of(row) for row in rows]


def export_decisions(url: str, code: str, out: Path) -> Path:
    """The township's decisions for branch ``code``, and the last of its files the township imported,
    as a file for the village (signed with the branch's key). ``out``: a file, or a folder."""
    heads = _heads(url)
    with _township(url) as connection:
        branch = common.branch_by_code(connection, code)
        key = common.signing_key(connection, branch.id, code)
        columns = (
            "public_id",
            "kind",
            "subject",
            "details",
            "refers_to",
            "decided_on",
            "decided_by",
            "made_at",
        )
        rows = connection.execute(
            select(*(TownshipDecision.__table__.c[name] for name in columns))
            .where(TownshipDecision.branch_id == branch.id)
            .order_by(TownshipDecision.id)
        ).all()
        last = common.last_received(connection, branch.id, rules.BRANCH_FILE)
    now = dt.datetime.now()
    head = common.manifest(rules.DECISIONS_FILE, code, branch, int(now.timestamp()), heads, key)
    if last is not None:
        head["accepted"] = {
            "sequence": last.sequence,
            "imported_at": last.imported_at.isoformat(timespec="seconds"),
        }
    target = common.target_file(out, rules.decisions_file_name(code, branch.name, now.date()))
    tables = {
        "township_decision": exchange_file.TableRows(
            columns, [[encode(value) for value in row] for row in rows]
        )
    }
    return exchange_file.write(target, head, tables, key)


# --- moving a branch from the server to a PC -------------------------------------------------------


def export_branch_from_server(url: str, code: str, out: Path) -> Path:
    """The whole branch as a village's file, written on the server by the administrator (a village that
    loses its link goes on on its own PC: ``dangjian exchange import FILE`` there). Its sequence is the
    last one the township imported, so the village's next file follows it."""
    heads = _heads(url)
    with as_owner(url) as connection:
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        branch = common.branch_by_code(connection, code)
        key = common.signing_key(connection, branch.id, code)
        last = common.last_received(connection, branch.id, rules.BRANCH_FILE)
        sequence = last.sequence if last is not None else 1
        tables = read_branch(connection, branch.id)
    head = common.manifest(rules.BRANCH_FILE, code, branch, sequence, heads, key)
    head["from_server"] = True
    target = common.target_file(out, rules.branch_file_name(code, branch.name, dt.date.today(), sequence))
    return exchange_file.write(target, head, tables, key)
