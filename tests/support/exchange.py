"""The USB exchange's tests (issue 19): villages on their own PC built through the services, copies of one
under other branches, a branch's rows as they travel compared row by row, and exchange files changed on
the way."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from tests.support.township import _front_village

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.services import exchange
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import Workspace, open_workspace
from dangjian_desktop.store.db import DATABASE_FILE
from dangjian_desktop.store.exchange_file import MANIFEST, SIGNATURE, TABLES_FOLDER
from dangjian_desktop.store.exchange_rows import read_branch
from dangjian_desktop.store.migration_columns import _NEW_UUID
from dangjian_desktop.store.models import Branch

VILLAGE_NAME = "中共前进村支部委员会"
Dump = dict[str, dict[str, dict[str, Any]]]  # table -> public id -> column -> value (as the file has it)


def village(
    folder: Path, code: str | None = None, key: str | None = None, name: str = VILLAGE_NAME
) -> Workspace:
    """A village's own PC with a rich branch (tests/support/township.py), and the township's code and key
    when given. The caller closes it."""
    workspace = open_workspace(folder)
    save_profile(workspace, BranchProfile(name=name, township="城关镇党委", county="平安县"))
    _front_village(workspace, {})
    if code is not None and key is not None:
        exchange.enter_key(workspace, code, rules.format_key(key))
    return workspace


def copy_village(source: Path, folder: Path, code: str, key: str, name: str) -> Workspace:
    """Another village made of ``source``'s data file (a closed data folder): every row gets a new public id
    (as the migration gives existing rows one), the branch its own code, name and key. The caller closes it."""
    folder.mkdir(parents=True)
    target = folder / DATABASE_FILE
    target.write_bytes((source / DATABASE_FILE).read_bytes())
    with sqlite3.connect(target) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if any(column[1] == "public_id" for column in connection.execute(f'PRAGMA table_info("{name}")'))
        ]
        for table in tables:
            connection.execute(f'UPDATE "{table}" SET public_id = {_NEW_UUID["sqlite"]}')
        connection.execute("UPDATE branch SET code = ?, name = ?", (code, name))
        connection.execute("DELETE FROM exchange_key")
        connection.execute("DELETE FROM exchange_sent")
    connection.close()
    workspace = open_workspace(folder, daily_backup=False)
    exchange.enter_key(workspace, code, key)
    return workspace


def as_dump(tables: dict[str, Any]) -> Dump:
    """Rows as a file holds them, by public id (the branch's profile under its own public id)."""
    dump: Dump = {}
    for name, rows in tables.items():
        at = rows.columns.index("public_id")
        dump[name] = {row[at]: dict(zip(rows.columns, row, strict=True)) for row in rows.rows}
    return dump


def village_dump(workspace: Workspace) -> Dump:
    with workspace.db.engine.connect() as connection:
        return as_dump(read_branch(connection, workspace.require_branch()))


def server_dumps(url: str, codes: Iterable[str]) -> dict[str, Dump]:
    """Each branch's rows on the server (by code), read as the administrator in one transaction."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            found = {}
            for code in codes:
                branch_id = connection.execute(select(Branch.id).where(Branch.code == code)).scalar_one()
                found[code] = as_dump(read_branch(connection, branch_id))
            return found
    finally:
        engine.dispose()


def server_dump(url: str, code: str) -> Dump:
    return server_dumps(url, [code])[code]


def server_rows(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    from sqlalchemy import text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def counts(dump: Dump) -> dict[str, int]:
    return {table: len(rows) for table, rows in dump.items() if rows}


def differences(before: Dump, after: Dump) -> dict[str, tuple[int, int, int]]:
    """Per table: rows (new, updated, removed) from ``before`` to ``after``."""
    found = {}
    for table in set(before) | set(after):
        old, new = before.get(table, {}), after.get(table, {})
        added = len(new.keys() - old.keys())
        gone = len(old.keys() - new.keys())
        changed = sum(1 for public in old.keys() & new.keys() if old[public] != new[public])
        if added or gone or changed:
            found[table] = (added, changed, gone)
    return found


# --- files changed on the way ----------------------------------------------------------------------


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def write_members(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in parts.items():
            bundle.writestr(name, data)
    return path


def flip_middle_byte(source: Path, target: Path) -> int:
    """``target``: ``source`` with one bit changed in the middle of its largest compressed part (the
    middle of the zip's data); returns the byte's offset."""
    with zipfile.ZipFile(source) as bundle:
        largest = max(bundle.infolist(), key=lambda info: info.compress_size)
        header = largest.header_offset + 30 + len(largest.filename.encode()) + len(largest.extra)
    offset = header + largest.compress_size // 2
    data = bytearray(source.read_bytes())
    data[offset] ^= 0x10
    target.write_bytes(bytes(data))
    return offset


def change_a_value(
    source: Path,
    target: Path,
    table: str,
    change: Callable[[list[Any], tuple[str, ...]], None],
    *,
    reseal: bool = False,
) -> Path:
    """``target``: ``source`` with one row of ``table`` changed by ``change(row, columns)``, zipped again
    with the manifest as it was (``reseal``: with the table's new hash in the manifest, still signed
    with the old signature)."""
    parts = members_of(source)
    name = f"{TABLES_FOLDER}{table}.jsonl"
    lines = parts[name].decode("utf-8").splitlines()
    columns = tuple(json.loads(lines[0])["columns"])
    row = json.loads(lines[1])
    change(row, columns)
    lines[1] = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    parts[name] = ("\n".join(lines) + "\n").encode("utf-8")
    if reseal:
        import hashlib

        manifest = json.loads(parts[MANIFEST])
        manifest["files"][name] = hashlib.sha256(parts[name]).hexdigest()
        parts[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    return write_members(target, parts)


def resign(source: Path, target: Path, key: str, **manifest_changes: Any) -> Path:
    """``target``: ``source`` with its manifest changed and signed again with ``key`` (someone who holds
    that key making a file for another branch)."""
    parts = members_of(source)
    manifest = json.loads(parts[MANIFEST])
    for name, value in manifest_changes.items():
        if name == "code":
            manifest["branch"]["code"] = value
        else:
            manifest[name] = value
    manifest["key_id"] = rules.key_id(key)
    parts[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    parts[SIGNATURE] = (rules.signature(key, parts[MANIFEST]) + "\n").encode("ascii")
    return write_members(target, parts)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def says_in_chinese(text: str, *known: str) -> bool:
    """Chinese words in ``text`` besides the file's and the branch's names (which may be Chinese)."""
    for name in known:
        text = text.replace(name, "")
    return bool(_CJK.search(text))
