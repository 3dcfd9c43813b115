"""The embedded database: one SQLite file, WAL, foreign keys on, full sync (village PCs lose power)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from dangjian_desktop.domain.data_problems import storage_error_for

DATABASE_FILE = "dangjian.sqlite3"


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def make_engine(url: str, *, read_only: bool = False) -> Engine:
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

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back everything on any error. A full disk or a
        write-protected stick comes out as a message in words (the data stays as it was)."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as error:
            found = storage_error_for(str(error.orig))
            if found is None:
                raise
            raise found from error

    def dispose(self) -> None:
        self.engine.dispose()
