"""The township administrator's backups of the shared database: the whole database with PostgreSQL's own
``pg_dump``/``pg_restore``, or one branch as a file the program writes itself (JSON lines: a header with
the schema version and the branch, then every row of that branch in every business table).

The password never appears on a command line, in a file the program writes or in a log: the child
programs get it through their own environment (``PGPASSWORD``), and every path and message names the
server by host, port and database only.
"""

from __future__ import annotations

import base64
import datetime as dt
import glob
import json
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Column, Connection, Table, delete, insert, select, update

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.server_admin import (
    NotAServer,
    NotTheOwner,
    SchemaReport,
    as_owner,
    upgrade_database,
)
from dangjian_desktop.services.server_login import server_address
from dangjian_desktop.store import server
from dangjian_desktop.store.db import is_server_url
from dangjian_desktop.store.migrate import schema_status
from dangjian_desktop.store.models import Branch
from dangjian_desktop.store.schema import metadata

log = logging.getLogger(__name__)
DUMP_MAGIC = b"PGDMP"  # the first bytes of a pg_dump file in its custom format (-Fc)
BRANCH_FORMAT = "dangjian-branch"
BRANCH_FORMAT_VERSION = 1
_WINDOWS_INSTALLS = ("C:/Program Files/PostgreSQL/*/bin", "C:/Program Files (x86)/PostgreSQL/*/bin")


class ToolMissing(AppError):
    def __init__(self, program: str) -> None:
        super().__init__(
            _(
                "The PostgreSQL program {program} was not found on this computer. Install PostgreSQL's "
                "client programs (on Debian: apt install postgresql-client) and try again."
            ).format(program=program)
        )


class NotADump(AppError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The file {path} is not a backup made by dangjian admin backup (pg_dump -Fc). The "
                "database was not changed."
            ).format(path=path)
        )


class NotABranchFile(AppError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The file {path} is not a branch backup made by dangjian admin backup --branch. The "
                "database was not changed."
            ).format(path=path)
        )


# --- finding and running pg_dump / pg_restore ------------------------------------------------------


def _version_key(folder: str) -> tuple[int, ...]:
    digits = [part for part in Path(folder).parent.name.split(".") if part.isdigit()]
    return tuple(int(part) for part in digits)


def find_program(name: str) -> Path:
    """pg_dump or pg_restore: on the PATH, else the newest of Debian's or Windows' PostgreSQL installs."""
    found = shutil.which(name)
    if found:
        return Path(found)
    for pattern in ("/usr/lib/postgresql/*/bin", *_WINDOWS_INSTALLS):
        for folder in sorted(glob.glob(pattern), key=_version_key, reverse=True):
            for candidate in (Path(folder) / name, Path(folder) / f"{name}.exe"):
                if candidate.is_file():
                    return candidate
    raise ToolMissing(name)


def _connection_options(url: str) -> tuple[list[str], dict[str, str]]:
    """Command-line options naming the server, and the child's environment holding the password."""
    parts = urlsplit(url)
    options = ["--host", parts.hostname or "localhost", "--port", str(parts.port or 5432)]
    if parts.username:
        options += ["--username", unquote(parts.username)]
    options += ["--dbname", unquote(parts.path.lstrip("/"))]
    environment = dict(os.environ)
    environment.pop("PGPASSWORD", None)
    if parts.password is not None:
        environment["PGPASSWORD"] = unquote(parts.password)
    return options, environment


def _run(program: str, arguments: list[str], url: str) -> None:
    options, environment = _connection_options(url)
    command = [str(find_program(program)), *arguments, *options]
    log.info("running %s on %s", program, server_address(url))
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ToolMissing(program) from error
    if done.returncode != 0:
        said = done.stderr.strip().splitlines() or [str(done.returncode)]
        detail = next((line for line in said if "error:" in line), said[-1])
        log.warning("%s failed: %s", program, detail)
        if "permission denied" in detail or "must be owner" in detail:
            raise NotTheOwner(unquote(urlsplit(url).username or ""))
        raise AppError(
            _("{program} did not finish: {detail}. The database was not changed.").format(
                program=program, detail=detail
            )
        )


def _checked_url(url: str) -> str:
    if not is_server_url(url):
        raise NotAServer()
    return url


def back_up_database(url: str, out: Path) -> Path:
    """The whole database into ``out`` (pg_dump's custom format); never half a file under that name."""
    url, out = _checked_url(url), Path(out)
    partial = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _run("pg_dump", ["--format=custom", "--file", str(partial)], url)
        partial.replace(out)
    except OSError as error:
        raise AppError(
            _("The file {path} could not be written: {error}").format(path=out, error=error.strerror or error)
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    return out


def is_dump(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(DUMP_MAGIC)) == DUMP_MAGIC
    except OSError:
        return False


def restore_database(url: str, dump: Path) -> SchemaReport:
    """Put a whole-database backup back (every table dropped and recreated in one transaction), then run
    ``admin upgrade`` on it: a dump made by an older version is brought to this program's schema (the
    village PCs run this version), and the accounts' protection is installed again either way."""
    url, dump = _checked_url(url), Path(dump)
    if not dump.is_file() or not is_dump(dump):
        raise NotADump(dump)
    _run(
        "pg_restore",
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", str(dump)],
        url,
    )
    return upgrade_database(url)


# --- one branch ------------------------------------------------------------------------------------


def _business_tables() -> list[Table]:
    return [table for table in metadata.sorted_tables if "branch_id" in table.c]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.time:
        return dt.time.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value)
    return value


def _row_dict(row: Any) -> dict[str, Any]:
    return {key: _encode(value) for key, value in row._mapping.items()}


def _branch_id(connection: Connection, code: str) -> int:
    branch_id = connection.execute(select(Branch.id).where(Branch.code == code)).scalar()
    if branch_id is None:
        raise FieldErrors({"branch": _("There is no branch with code {code}.").format(code=code)})
    return int(branch_id)


def _lines(connection: Connection, code: str, branch_id: int, version: str | None) -> Iterator[str]:
    branch_row = connection.execute(select(metadata.tables["branch"]).where(Branch.id == branch_id)).one()
    header = {
        "format": BRANCH_FORMAT,
        "format_version": BRANCH_FORMAT_VERSION,
        "schema": version,
        "code": code,
        "made": dt.datetime.now().isoformat(timespec="seconds"),
        "branch": _row_dict(branch_row),
    }
    yield json.dumps(header, ensure_ascii=False)
    for table in _business_tables():
        query = select(table).where(table.c.branch_id == branch_id).order_by(*table.primary_key.columns)
        for row in connection.execute(query):
            yield json.dumps({"table": table.name, "row": _row_dict(row)}, ensure_ascii=False)


def back_up_branch(url: str, code: str, out: Path) -> Path:
    """One branch's rows, every business table, into ``out`` (JSON lines), made in one snapshot."""
    url, out = _checked_url(url), Path(out)
    version = schema_status_of(url)
    partial = out.with_name(out.name + ".partial")
    try:
        with as_owner(url) as connection:
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            branch_id = _branch_id(connection, code)
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "w", encoding="utf-8", newline="\n") as handle:
                for line in _lines(connection, code, branch_id, version):
                    handle.write(line + "\n")
        partial.replace(out)
    except OSError as error:
        raise AppError(
            _("The file {path} could not be written: {error}").format(path=out, error=error.strerror or error)
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    return out


def schema_status_of(url: str) -> str | None:
    from dangjian_desktop.store.db import Database

    database = Database(url)
    try:
        return schema_status(database.engine).current
    finally:
        database.dispose()


def _read_branch_file(path: Path) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    try:
        with open(path, encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            if not isinstance(header, dict) or header.get("format") != BRANCH_FORMAT:
                raise NotABranchFile(path)
            rows = [(entry["table"], entry["row"]) for entry in map(json.loads, filter(str.strip, handle))]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise NotABranchFile(path) from error
    return header, rows


def _check_header(header: dict[str, Any], code: str, version: str | None, branch_id: int) -> None:
    if header.get("code") != code:
        raise AppError(
            _("This file holds branch {found}, not branch {code}. The database was not changed.").format(
                found=header.get("code"), code=code
            )
        )
    if header.get("schema") != version:
        raise AppError(
            _(
                "This file was made at schema version {found}; the database is at {current}. Restore it "
                "into a database of the same version. The database was not changed."
            ).format(found=header.get("schema") or "-", current=version or "-")
        )
    if header.get("branch", {}).get("id") != branch_id:
        raise AppError(
            _(
                "This file is of branch {code} in another database (its rows have other numbers). The "
                "database was not changed."
            ).format(code=code)
        )


def restore_branch(url: str, code: str, path: Path) -> int:
    """Replace branch ``code``'s rows by the file's, in one transaction; returns the number of rows
    put back. The other branches are not touched; the id sequences continue after the loaded rows."""
    url, path = _checked_url(url), Path(path)
    header, rows = _read_branch_file(path)
    version = schema_status_of(url)
    tables = {table.name: table for table in _business_tables()}
    unknown = {name for name, _row in rows} - set(tables)
    if unknown:
        raise NotABranchFile(path)
    with as_owner(url) as connection:
        branch_id = _branch_id(connection, code)
        _check_header(header, code, version, branch_id)
        for table in reversed(list(tables.values())):
            connection.execute(delete(table).where(table.c.branch_id == branch_id))
        branch_table = metadata.tables["branch"]
        profile = {
            key: _decode(branch_table.c[key], value)
            for key, value in header["branch"].items()
            if key in branch_table.c and key not in ("id", "code")
        }
        connection.execute(update(branch_table).where(branch_table.c.id == branch_id).values(**profile))
        for table in tables.values():
            batch = [_decoded_row(table, row, branch_id) for name, row in rows if name == table.name]
            if batch:
                connection.execute(insert(table), batch)
        server.advance_sequences(connection, metadata)
    return len(rows)


def _decoded_row(table: Table, row: dict[str, Any], branch_id: int) -> dict[str, Any]:
    values = {key: _decode(table.c[key], value) for key, value in row.items() if key in table.c}
    if values.get("branch_id") != branch_id:
        raise AppError(_("The file holds rows of another branch. The database was not changed."))
    return values
