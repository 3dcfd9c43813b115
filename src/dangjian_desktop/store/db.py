"""The embedded database: one SQLite file, WAL, foreign keys on, full sync (village PCs lose power)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dangjian_desktop.domain.data_problems import storage_error_for
from dangjian_desktop.domain.errors import AppError, ChangedMeanwhile
from dangjian_desktop.i18n import _

DATABASE_FILE = "dangjian.sqlite3"
BUSY_TIMEOUT_MS = 5000


class DatabaseBusy(AppError):
    """Another window or command held the data longer than the busy timeout; nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The data is busy: another window or command of the program is saving right now. "
                "Nothing was saved. Please try again in a moment."
            )
        )


class LookOnly(AppError):
    """The server refused a change: a township login, or a schema of another version (opened read-only)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Nothing was saved: with this login, or while the server's database and this program "
                "are of different versions, you can only look, not change anything."
            )
        )


# PostgreSQL's error codes (SQLSTATE), the same whatever language the server writes its messages in
INSUFFICIENT_PRIVILEGE = "42501"  # permission denied, must be owner, a row-level security policy
READ_ONLY_TRANSACTION = "25006"


def server_error_code(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


def _refused_on_server(error: DBAPIError) -> bool:
    return server_error_code(error) in (INSUFFICIENT_PRIVILEGE, READ_ONLY_TRANSACTION)


def _is_busy(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _set_server_session(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """Dates come back as 2026-12-07 whatever the server's own DateStyle (township.md TP8). No JIT: the
    township's grouped statements are estimated dear enough for PostgreSQL to compile them first, which
    took 3.4 s for a statement that runs in 1.3 s (bench/bench_township.py); the program's statements
    are short and different each time, so the compiled code is never used again. Always a plan made for
    the values given: psycopg prepares a statement on the server from its 6th use, and from the 11th
    PostgreSQL may switch to one generic plan for all values, which for the township's members away took
    13.5 s instead of 0.5 s."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET DateStyle = 'ISO, YMD'")
    cursor.execute("SET jit = off")
    cursor.execute("SET plan_cache_mode = force_custom_plan")
    cursor.close()
    dbapi_connection.commit()


def _set_server_read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    _set_server_session(dbapi_connection, _record)
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()


SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 8


def is_server_url(url: str) -> bool:
    return url.split("://", 1)[0] in SERVER_SCHEMES


def server_url(url: str) -> str:
    """``postgresql://USER:PASSWORD@HOST:PORT/DB`` (as the administrator writes it) with the driver
    the program uses (psycopg 3)."""
    scheme, _sep, rest = url.partition("://")
    if scheme in SERVER_SCHEMES:
        return f"postgresql+psycopg://{rest}"
    return url


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    if is_server_url(url):
        engine = create_engine(
            server_url(url),
            pool_pre_ping=True,  # a village line drops: a dead pooled connection is replaced, not used
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "dangjian-desktop"},
        )
        event.listen(engine, "connect", _set_server_read_only if read_only else _set_server_session)
        return engine
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_read_only_pragmas if read_only else _set_sqlite_pragmas)
    return engine


def sqlite_url(path: Path, *, read_only: bool = False) -> str:
    if read_only:  # a write-protected medium: nobody can change the file, so SQLite need not lock it
        return f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true"
    return f"sqlite:///{path}"


class Database:
    """An engine and its session factory. Only services open transactions, through ``transaction()``."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def for_file(cls, path: Path, *, read_only: bool = False) -> Database:
        return cls(sqlite_url(path, read_only=read_only), read_only=read_only)

    @property
    def is_server(self) -> bool:
        """A shared PostgreSQL database (the township's), not the village PC's own SQLite file."""
        return self.engine.dialect.name != "sqlite"

    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back everything on any error. A full disk or a
        write-protected stick comes out as a message in words (the data stays as it was).

        ``exclusive`` is for a unit of work that decides on what it reads (the next receipt number,
        whether a month is already paid). On SQLite it takes the write lock before its first read
        (``BEGIN IMMEDIATE``): a second writer (another window, the command line) waits until this one
        has committed, then reads what it wrote. Without it, SQLite reads outside the write
        transaction and two processes can both decide "not paid yet". On PostgreSQL the caller locks a
        row instead (``services.numbering``), which serialises per branch.

        A versioned row (``store.models.Versioned``) that another writer saved after this unit of work
        read it is not overwritten: the UPDATE finds no row with the version read, and the error says
        in words that the record was just changed by someone else.
        """
        try:
            with self._sessions.begin() as session:
                if exclusive and self.engine.dialect.name == "sqlite":
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except StaleDataError as error:
            raise ChangedMeanwhile() from error
        except DBAPIError as error:
            if self.is_server and _refused_on_server(error):
                raise LookOnly() from error
            if not isinstance(error, OperationalError):
                raise
            if _is_busy(error):
                raise DatabaseBusy() from error
            found = storage_error_for(str(error.orig))
            if found is None:
                raise
            raise found from error

    def dispose(self) -> None:
        self.engine.dispose()
