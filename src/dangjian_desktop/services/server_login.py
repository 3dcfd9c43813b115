"""Working against the township's PostgreSQL server: connecting, the login's branch, the schema's version.

A village PC never changes the shared schema: the township administrator upgrades it (``dangjian admin
upgrade``). A program older or newer than the database opens it read-only and says which side must be
updated. A connection that fails is said in words: the server cannot be reached, the user name or
password is wrong, or the township has not set the database up yet.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.exc import DBAPIError

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import server
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.migrate import NewerSchemaError, SchemaStatus, schema_status

log = logging.getLogger(__name__)


def server_address(url: str) -> str:
    """host:port/database of a server URL, for messages and logs (never the password)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"{host}:{port}{parts.path}"


class ServerUnreachable(AppError):
    def __init__(self, address: str) -> None:
        super().__init__(
            _(
                "The township server ({address}) cannot be reached. Check the network cable or the "
                "wireless network, or ask the township administrator whether the server is running."
            ).format(address=address)
        )
        self.address = address


class LoginRefused(AppError):
    def __init__(self) -> None:
        super().__init__(
            _("The township server refused the user name or the password. Please check both and try again.")
        )


class ServerNotSetUp(AppError):
    def __init__(self, address: str) -> None:
        super().__init__(
            _(
                "The database {address} has not been set up for this program yet. The township "
                "administrator sets it up with: dangjian admin init"
            ).format(address=address)
        )


class NoBranchForLogin(AppError):
    def __init__(self, user: str) -> None:
        super().__init__(
            _(
                "The login {user} belongs to no branch. The township administrator adds it with: "
                "dangjian admin add-user {user} --branch CODE"
            ).format(user=user)
        )


def connection_problem(error: DBAPIError, url: str) -> AppError:
    """What a failed connection means for her, from the driver's message."""
    text = str(error.orig).lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return LoginRefused()
    if "does not exist" in text and "database" in text:
        return ServerNotSetUp(server_address(url))
    if "role" in text and "does not exist" in text:
        return LoginRefused()
    return ServerUnreachable(server_address(url))


def schema_note(status: SchemaStatus | None) -> str:
    """Why a client opens the server read-only ("" when the versions match)."""
    if status is None:
        return _(
            "The township server's database was set up by a newer version of the program. Please "
            "install the newer version on this computer. Until then you can only look, not change anything."
        )
    if status.is_current:
        return ""
    return _(
        "The township server's database is older than this program. The township administrator must "
        "upgrade it (dangjian admin upgrade). Until then you can only look, not change anything."
    )


def open_server_workspace(url: str, folder: Path) -> Workspace:
    """The township's database as this login sees it: its branch (or every branch, read only, for a
    township login), read-only when the program and the database are of different versions."""
    address = server_address(url)
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            if not server.is_installed(connection):
                raise ServerNotSetUp(address)
            login = server.login_of(connection)
        try:
            status: SchemaStatus | None = schema_status(database.engine)
        except NewerSchemaError:
            status = None
    except DBAPIError as error:
        database.dispose()
        log.warning("cannot connect to %s: %s", address, error.orig)
        raise connection_problem(error, url) from error
    except BaseException:
        database.dispose()
        raise
    if login.kind == server.VILLAGE and login.branch_id is None:
        database.dispose()
        raise NoBranchForLogin(login.user)
    note = schema_note(status)
    read_only = bool(note) or login.kind == server.TOWNSHIP
    reason = note or (_("A township login reads every branch and changes none of them.") if read_only else "")
    if read_only:
        database.dispose()
        database = Database(url, read_only=True)
    workspace = Workspace(
        folder=folder,
        db=database,
        branch_id=login.branch_id,
        notes=[note] if note else [],
        read_only=read_only,
        read_only_reason=reason,
        server=login,
    )
    try:
        workspace.refresh_branch()
    except BaseException:
        database.dispose()
        raise
    log.info("connected to %s as %s (%s, branch %s)", address, login.user, login.kind, login.branch_id)
    return workspace
