"""Restore checks everything before it replaces anything (reliability.md D2, D6, D13, D17, D19 and §3.2):
every unsuitable file is refused with a sentence in Chinese and the live data stays byte for byte as it
was; a good backup (also an older one, or one anywhere under any name) is restored, and the change log
says so."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import make_id_number
from tests.support.data_files import roster_names, run_sql

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.services import audit_log, backups, members
from dangjian_desktop.services.workspace import open_workspace

pytestmark = pytest.mark.sqlite_only(
    reason="restoring the PC's SQLite file from its backups; a server's restore is admin restore (tests/server)"
)

ZHANG = {"name": "张三", "id_number": make_id_number(sequence=11), "joined_date": "1990-07-01"}
LI = {"name": "李四", "id_number": make_id_number(sequence=13), "joined_date": "1991-07-01"}


def _live_bytes(workspace) -> bytes:
    workspace.close()  # the last connection folds the write-ahead log into the file
    return workspace.db_path.read_bytes()


@pytest.fixture
def good_backup(workspace, tmp_path) -> Path:
    """A backup holding 张三 only, copied out of the data folder under another name; the live data then
    has 李四 too."""
    members.add_member(workspace, ZHANG)
    made = backups.back_up_now(workspace)
    outside = tmp_path / "u-disk" / "旧电脑的备份.db"
    outside.parent.mkdir()
    shutil.copyfile(made, outside)
    members.add_member(workspace, LI)
    return outside


def _variant(good: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"{name}.sqlite3"
    shutil.copyfile(good, copy)
    return copy


_FIRST_HEAD = "(SELECT min(rowid) FROM alembic_version)"


def _newer(path: Path) -> None:
    run_sql(path, f"UPDATE alembic_version SET version_num='0099_future' WHERE rowid = {_FIRST_HEAD}")


def _fake_tables(path: Path) -> None:
    path.unlink()
    run_sql(
        path,
        "CREATE TABLE alembic_version (x)",
        "CREATE TABLE branch (x)",
        "CREATE TABLE member (x)",
    )


def _head_missing(path: Path) -> None:
    run_sql(path, f"DELETE FROM alembic_version WHERE rowid = {_FIRST_HEAD}")


def _text_damaged(path: Path) -> None:
    run_sql(path, "UPDATE member SET name = CAST(X'E5BCA0FF' AS TEXT)")


def _dangling(path: Path) -> None:
    run_sql(path, "DELETE FROM branch")


def _table_dropped(path: Path) -> None:
    run_sql(path, "DROP TABLE dues_receipt")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _random(path: Path) -> None:
    path.write_bytes(bytes((i * 7919) % 251 for i in range(300_000)))


def _text_file(path: Path) -> None:
    path.write_text("姓名,公民身份号码\n张三,110105199003071239\n", encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    path.unlink()
    run_sql(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)")


def _missing(path: Path) -> None:
    path.unlink()


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


UNSUITABLE = {
    "newer program": (_newer, "这个备份是新版本程序做的"),
    "empty tables with the right names": (_fake_tables, "不能恢复"),
    "a head missing from alembic_version": (_head_missing, "不能恢复"),
    "damaged text": (_text_damaged, "文字读不出来"),
    "dangling foreign key": (_dangling, "对应的内容不见了"),
    "a table dropped": (_table_dropped, "缺了一部分"),
    "truncated": (_truncated, "不能恢复"),
    "random bytes": (_random, "不是本程序的数据文件"),
    "a text file": (_text_file, "不是本程序的数据文件"),
    "an empty file": (_empty, "空的"),
    "another program's database": (_foreign, "别的程序"),
    "no such file": (_missing, "找不到"),
    "a folder": (_folder, "文件夹"),
}


@pytest.mark.parametrize("case", list(UNSUITABLE))
def test_an_unsuitable_backup_is_refused_and_the_live_data_stays_byte_identical(
    case, workspace, good_backup, tmp_path
):
    spoil, words = UNSUITABLE[case]
    offered = _variant(good_backup, tmp_path, case.replace(" ", "-"))
    spoil(offered)
    before = _live_bytes(workspace)

    with pytest.raises(AppError) as refused:
        backups.restore(workspace, offered)

    message = refused.value.message
    assert words in message
    assert "现有数据没有任何改动" in message or "新版本" in message
    assert not any(english in message for english in ("database", "sqlite", "malformed", "http"))
    assert _live_bytes(workspace) == before
    assert roster_names(workspace.folder) == ["张三", "李四"]
    assert not list(workspace.backups_dir.glob("*.partial*"))  # the copy set aside is gone
    assert not [b for b in backups.list_backups(workspace) if b.reason == "before-restore"]


def test_a_good_backup_from_anywhere_under_any_name_is_restored_and_logged(workspace, good_backup):
    result = backups.restore(workspace, good_backup)

    assert [row.name for row in members.roster_rows(workspace)] == ["张三"]
    assert roster_names(workspace.folder) == ["张三"]
    assert result.safety_copy is not None and result.safety_copy.parent == workspace.backups_dir
    assert result.notes == []
    entries = audit_log.recent_entries(workspace, table="backup")
    assert entries[0].action == "restore"  # written into the restored data's change log
    assert entries[0].after["file"] == str(good_backup)
    assert entries[0].after["before_restore_backup"] == str(result.safety_copy)
    # the way back: the safety copy brings 李四 back
    backups.restore(workspace, result.safety_copy)
    assert [row.name for row in members.roster_rows(workspace)] == ["张三", "李四"]


def test_backups_and_usb_backups_are_in_the_change_log(workspace, tmp_path):
    members.add_member(workspace, ZHANG)
    here = backups.back_up_now(workspace)
    stick = tmp_path / "stick"
    stick.mkdir()
    there = backups.back_up_to(workspace, stick)
    assert there.parent == stick
    assert there.name.startswith("党建台账备份-中共前进村支部委员会-") and there.suffix == ".sqlite3"
    logged = [(e.action, e.summary) for e in audit_log.recent_entries(workspace, table="backup")]
    assert logged == [("backup", there.name), ("backup", here.name)]
    backups.check_backup(there)  # what was written to the stick passes every restore check


def test_an_older_backup_is_upgraded_aside_before_it_replaces_anything(workspace, good_backup, tmp_path):
    """A backup from the first version of the program (schema 0001 only) is brought up to date on the copy
    set aside, then restored."""
    older = _variant(good_backup, tmp_path, "older")
    _downgrade_to_first_version(older)
    backups.restore(workspace, older)
    assert [row.name for row in members.roster_rows(workspace)] == ["张三"]
    assert older.read_bytes()  # the file offered is never changed
    connection = sqlite3.connect(older)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    connection.close()


def _downgrade_to_first_version(path: Path) -> None:
    """The file as the first version of the program left it: every later migration undone."""
    from alembic import command
    from alembic.config import Config

    from dangjian_desktop.store.db import Database
    from dangjian_desktop.store.migrate import _MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    database = Database.for_file(path)
    try:
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            with connection.begin():
                config.attributes["connection"] = connection
                command.downgrade(config, "0001")
    finally:
        database.dispose()


def test_the_rescue_path_restores_into_a_folder_whose_data_cannot_be_opened(workspace, good_backup):
    workspace.close()
    data = workspace.db_path.read_bytes()
    workspace.db_path.write_bytes(data[: len(data) // 2])
    damaged = workspace.db_path.read_bytes()

    result = backups.restore_into(workspace.folder, good_backup)

    assert roster_names(workspace.folder) == ["张三"]
    assert result.safety_copy is not None
    assert result.safety_copy.read_bytes() == damaged  # the damaged file is kept, byte for byte


_HOLD_A_READ = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN")
connection.execute("SELECT count(*) FROM member").fetchone()
print("reading", flush=True)
time.sleep(60)
"""


def test_a_restore_waits_for_no_one_and_is_refused_while_another_process_is_in_the_data(
    workspace, good_backup
):
    """D10, command-line side: a command in the middle of reading the data (another process)."""
    import subprocess
    import sys

    members.add_member(
        workspace, {"name": "王五", "id_number": make_id_number(sequence=15), "joined_date": "1992-07-01"}
    )
    workspace.close()
    reader = subprocess.Popen(
        [sys.executable, "-c", _HOLD_A_READ, str(workspace.db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "reading"
        members.add_member(
            workspace, {"name": "赵六", "id_number": make_id_number(sequence=17), "joined_date": "1993-07-01"}
        )
        before = {p.name: p.read_bytes() for p in _data_files(workspace.folder)}
        workspace.close()
        with pytest.raises(AppError) as refused:
            backups.restore_into(workspace.folder, good_backup)
        assert "正被另一个程序" in refused.value.message
        assert {p.name: p.read_bytes() for p in _data_files(workspace.folder)} == before
    finally:
        reader.kill()
        reader.wait()
    assert roster_names(workspace.folder) == ["张三", "李四", "王五", "赵六"]


def test_a_backups_folder_that_is_a_file_does_not_stop_the_program(tmp_path, capsys):
    """§3.1: `backups` is a file and a daily backup is due: the data opens; a backup says why it failed."""
    import datetime as dt

    from dangjian_desktop import cli

    folder = tmp_path / "data"
    open_workspace(folder).close()
    (folder / "backups").write_text("x", encoding="utf-8")
    opened = open_workspace(folder, today=dt.date.today() + dt.timedelta(days=1))
    opened.close()
    assert cli.main(["--data-dir", str(folder), "backup"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("备份没能写入") and "Errno" not in err


def _data_files(folder: Path) -> list[Path]:
    """The database and its write-ahead log (the -shm file is SQLite's shared index, not data)."""
    return [p for p in (folder / "dangjian.sqlite3", folder / "dangjian.sqlite3-wal") if p.exists()]
