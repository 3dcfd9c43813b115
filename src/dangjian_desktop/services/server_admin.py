"""The township administrator's work on the shared database: set it up, upgrade it, add branches and
logins, reset a password. Each runs as the database's owner (the URL the administrator gives)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import DBAPIError, OperationalError

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.server_login import connection_problem
from dangjian_desktop.store import server
from dangjian_desktop.store.db import INSUFFICIENT_PRIVILEGE, Database, is_server_url, server_error_code
from dangjian_desktop.store.migrate import NewerSchemaError, schema_status, upgrade_to_head
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.schema import metadata

_LOGIN_NAME = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
_BRANCH_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
MIN_PASSWORD_LENGTH = 8


class NotAServer(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The administrator's commands work on the township's PostgreSQL database only: give "
                "--database postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        )


class NotTheOwner(AppError):
    def __init__(self, user: str) -> None:
        super().__init__(
            _(
                "The login {user} may not do this: the administrator's commands need the database's "
                "owner (the login that ran admin init)."
            ).format(user=user)
        )


@contextmanager
def owners_database(url: str) -> Iterator[Database]:
    """The database as the administrator; a refused connection or right is said in words."""
    if not is_server_url(url):
        raise NotAServer()
    database = Database(url)
    try:
        yield database
    except DBAPIError as error:
        if server_error_code(error) == INSUFFICIENT_PRIVILEGE:
            raise NotTheOwner(_user_of(url)) from error
        if isinstance(error, OperationalError):
            raise connection_problem(error, url) from error
        raise
    finally:
        database.dispose()


@contextmanager
def as_owner(url: str) -> Iterator[Connection]:
    """One transaction as the administrator."""
    with owners_database(url) as database, database.engine.begin() as connection:
        yield connection


def _user_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).username or ""


@dataclass(frozen=True)
class SchemaReport:
    before: str | None
    after: str
    notes: list[str]


def init_database(url: str) -> SchemaReport:
    """Create the schema in an empty database and install accounts and row-level security."""
    return upgrade_database(url)


def upgrade_database(url: str) -> SchemaReport:
    """Bring the shared schema to this program's version and refresh the protection of every table.
    Refuses a database a newer program has written."""
    with owners_database(url) as database:
        try:
            before = schema_status(database.engine).current
        except NewerSchemaError as error:
            raise AppError(
                _(
                    "The database was set up by a newer version of the program ({versions}). Use that "
                    "version to administer it."
                ).format(versions=str(error))
            ) from error
        notes = upgrade_to_head(database.engine)
        with database.engine.begin() as connection:
            server.install(connection, metadata)
        return SchemaReport(before=before, after=schema_status(database.engine).head, notes=notes)


def _checked_code(code: str) -> str:
    cleaned = normalize_text(code)
    if not _BRANCH_CODE.match(cleaned):
        raise FieldErrors(
            {"code": _("A branch code is 1 to 20 letters, digits, - or _ (e.g. 03 or qianjin).")}
        )
    return cleaned


def add_branch(url: str, code: str, name: str, *, township: str = "", county: str = "") -> int:
    """A new branch of the township; its secretary completes the profile at her first start."""
    code = _checked_code(code)
    name = normalize_text(name)
    if not name:
        raise FieldErrors({"name": _("Please enter the branch name, e.g. 中共XX村支部委员会.")})
    with as_owner(url) as connection:
        if connection.execute(select(Branch.id).where(Branch.code == code)).first():
            raise FieldErrors({"code": _("A branch with code {code} already exists.").format(code=code)})
        branch_id = connection.execute(
            insert(Branch)
            .values(
                code=code,
                name=name,
                township=normalize_text(township),
                county=normalize_text(county),
                secretary="",
                phone="",
                supervision_phone="",
                created_at=dt.datetime.now(),
            )
            .returning(Branch.id)
        ).scalar_one()
    return int(branch_id)


def _checked_login(name: str, password: str) -> None:
    errors = {}
    if not _LOGIN_NAME.match(name):
        errors["name"] = _(
            "A login name is 2 to 63 small letters, digits or _ and starts with a letter (e.g. qianjin)."
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = _("The password must have at least {count} characters.").format(
            count=MIN_PASSWORD_LENGTH
        )
    if errors:
        raise FieldErrors(errors)


def add_user(url: str, name: str, password: str, *, role: str, branch_code: str | None) -> None:
    """A login for a village secretary (one branch, read and write) or for the township (every branch,
    read only)."""
    name = name.strip()
    _checked_login(name, password)
    if role not in server.KINDS:
        raise FieldErrors({"role": _("The role is village or township.")})
    if role == server.VILLAGE and not branch_code:
        raise FieldErrors({"branch": _("A village login needs its branch: --branch CODE.")})
    with as_owner(url) as connection:
        branch_id = None
        if role == server.VILLAGE:
            code = _checked_code(branch_code or "")
            branch_id = connection.execute(select(Branch.id).where(Branch.code == code)).scalar()
            if branch_id is None:
                raise FieldErrors({"branch": _("There is no branch with code {code}.").format(code=code)})
        server.create_login(connection, name, password, role, branch_id)


def reset_password(url: str, name: str, password: str) -> None:
    name = name.strip()
    _checked_login(name, password)
    with as_owner(url) as connection:
        if not server.role_exists(connection, name):
            raise FieldErrors({"name": _("There is no login {name}.").format(name=name)})
        server.set_password(connection, name, password)


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    branch_code: str
    branch_name: str


def list_accounts(url: str) -> list[Account]:
    with as_owner(url) as connection:
        branches = {row.id: (row.code or "", row.name) for row in connection.execute(select(Branch))}
        return [
            Account(name, kind, *branches.get(branch, ("", ""))) if branch else Account(name, kind, "", "")
            for name, kind, branch in server.accounts(connection)
        ]
