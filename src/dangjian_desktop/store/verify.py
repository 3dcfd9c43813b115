"""Is this SQLite file the program's data, and is it whole? Used on the live data at start (quickly, and
fully once a day before the daily backup), by ``dangjian check``, and on every backup before a restore.

Everything here reads through Python's own ``sqlite3`` with the file opened read-only, so a damaged or
foreign file is never changed by looking at it. Problems are raised as ``DataProblem`` with a kind.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from dangjian_desktop.domain import data_problems as kinds
from dangjian_desktop.domain.data_problems import DataProblem
from dangjian_desktop.store.migrate import head_revisions, known_revisions

# Revision ids are "NNNN", "NNNN_words" or "NNNNb_words"; a newer program's revision has a higher number than any known here.
_REVISION_ID = re.compile(r"^(\d{4})[a-z]?(?:_[a-z0-9_]+)?$")
# Tables every version of the program's data has had since the first one.
CORE_TABLES = frozenset({"alembic_version", "branch", "member"})


@dataclass(frozen=True)
class Inspection:
    """A sound database (or an empty new one): its schema heads and whether it is the program's version."""

    current_heads: frozenset[str]
    tables: frozenset[str]

    @property
    def is_empty(self) -> bool:
        return not self.tables

    @property
    def is_current(self) -> bool:
        return self.current_heads == head_revisions()


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """Open without the right to write; ``immutable`` for a medium nobody can write to (no -shm needed)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{quote(str(path))}?{flags}", uri=True)


def program_tables() -> frozenset[str]:
    from dangjian_desktop.store.schema import metadata

    return frozenset(metadata.tables) | {"alembic_version"}


def _kind_of(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "not a database" in text:
        return kinds.NOT_A_DATABASE
    if "could not decode" in text:
        return kinds.UNREADABLE_TEXT
    if "unable to open" in text or "disk i/o" in text:
        return kinds.UNREADABLE
    return kinds.DAMAGED


def _is_newer(revision: str) -> bool:
    match = _REVISION_ID.match(revision)
    if match is None:
        return False
    numbers = [int(m.group(1)) for m in map(_REVISION_ID.match, known_revisions()) if m is not None]
    return int(match.group(1)) > max(numbers, default=0)


def _schema_heads(connection: sqlite3.Connection) -> frozenset[str]:
    connection.text_factory = bytes
    try:
        raw = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.OperationalError as error:  # no such column: a table named so, but not ours
        raise DataProblem(kinds.FOREIGN, str(error)) from error
    finally:
        connection.text_factory = str
    heads: set[str] = set()
    for value in raw:
        try:
            heads.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
        except UnicodeDecodeError as error:
            raise DataProblem(kinds.DAMAGED, f"alembic_version {value!r}") from error
    unknown = heads - known_revisions()
    if unknown:
        kind = kinds.NEWER if all(_is_newer(rev) for rev in unknown) else kinds.UNKNOWN_VERSION
        raise DataProblem(kind, ",".join(sorted(unknown)))
    return frozenset(heads)


_NUMBER_TYPE = re.compile(r"INT|NUMERIC|DECIMAL|REAL|FLOA|DOUB|BOOL", re.IGNORECASE)
_TEXT_WINDOW = 50_000  # rows whose text is read as one string (bounds the memory used)


def _read_every_text(connection: sqlite3.Connection, tables: frozenset[str]) -> None:
    """Read every stored text, so text whose bytes are damaged (which integrity_check does not look at)
    is found here and not in the middle of the roster. Each window of rows is joined into one string by
    SQLite and decoded once, which is many times faster than one Python object per value."""
    for table in sorted(tables):
        columns = [
            row[1]
            for row in connection.execute(f'PRAGMA table_info("{table}")')
            if not _NUMBER_TYPE.search(str(row[2]))  # the program never writes text into a number column
        ]
        if not columns:
            continue
        texts = " || ".join(
            "coalesce(CASE WHEN typeof(\"{0}\") = 'text' THEN \"{0}\" END, '')".format(c.replace('"', '""'))
            for c in columns
        )
        last = connection.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
        query = f"SELECT group_concat({texts}, '') FROM \"{table}\" WHERE rowid > ? AND rowid <= ?"
        for start in range(0, last, _TEXT_WINDOW):
            try:
                connection.execute(query, (start, start + _TEXT_WINDOW)).fetchone()
            except sqlite3.OperationalError as error:
                raise DataProblem(_kind_of(error), f"{table}: {error}") from error


def inspect_database(
    path: Path, *, full: bool, immutable: bool = False, allow_empty: bool = True, thorough: bool = True
) -> Inspection:
    """Raise DataProblem unless ``path`` is a usable database of this program. ``full`` also runs
    integrity_check, foreign_key_check and reads every text (seconds on a large file: used once a day,
    by ``check`` and before a restore); ``thorough=False`` runs quick_check instead of integrity_check
    (it does not compare the indexes with the tables: a quarter of the time, for the daily check). An
    empty file or one without tables is a new database."""
    if not path.exists():
        raise DataProblem(kinds.MISSING, str(path))
    if not path.is_file():
        raise DataProblem(kinds.NOT_A_FILE, str(path))
    if path.stat().st_size == 0:
        if allow_empty:
            return Inspection(frozenset(), frozenset())
        raise DataProblem(kinds.EMPTY, str(path))
    try:
        connection = connect_read_only(path, immutable=immutable)
    except sqlite3.Error as error:
        raise DataProblem(kinds.UNREADABLE, str(error)) from error
    try:
        return _inspect(connection, full=full, allow_empty=allow_empty, thorough=thorough)
    except sqlite3.Error as error:
        raise DataProblem(_kind_of(error), str(error)) from error
    finally:
        connection.close()


def _inspect(connection: sqlite3.Connection, *, full: bool, allow_empty: bool, thorough: bool) -> Inspection:
    tables = frozenset(
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if not str(row[0]).startswith("sqlite_")
    )
    if not tables:
        if allow_empty:
            return Inspection(frozenset(), frozenset())
        raise DataProblem(kinds.EMPTY, "no tables")
    ours = program_tables()
    if "alembic_version" not in tables:
        kind = kinds.FOREIGN if not tables & ours else kinds.MISSING_TABLES
        raise DataProblem(kind, ",".join(sorted(tables))[:200])
    heads = _schema_heads(connection)
    if not heads:
        raise DataProblem(
            kinds.FOREIGN if not (tables & ours) - {"alembic_version"} else kinds.MISSING_TABLES
        )
    missing = (ours if heads == head_revisions() else CORE_TABLES) - tables
    if missing:
        raise DataProblem(kinds.MISSING_TABLES, ",".join(sorted(missing)))
    if full:
        check = "integrity_check" if thorough else "quick_check"
        result = [row[0] for row in connection.execute(f"PRAGMA {check}")]
        if result != ["ok"]:
            raise DataProblem(kinds.DAMAGED, "; ".join(map(str, result))[:500])
        dangling = connection.execute("PRAGMA foreign_key_check").fetchmany(5)
        if dangling:
            raise DataProblem(kinds.BROKEN_LINKS, repr(dangling))
        _read_every_text(connection, tables)
    return Inspection(heads, tables)
