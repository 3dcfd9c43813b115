import datetime as dt
import os
import sqlite3
import time

import pytest

from dangjian_desktop.domain import data_problems as kinds
from dangjian_desktop.domain.data_problems import DataProblem
from dangjian_desktop.store import backup


def _db(path, rows):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE IF NOT EXISTS member (name TEXT)")
    connection.execute("CREATE TABLE IF NOT EXISTS branch (name TEXT)")
    connection.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num TEXT)")
    connection.execute("DELETE FROM member")
    connection.executemany("INSERT INTO member VALUES (?)", [(r,) for r in rows])
    connection.commit()
    connection.close()


def _names(path):
    connection = sqlite3.connect(path)
    try:
        return [r[0] for r in connection.execute("SELECT name FROM member ORDER BY name")]
    finally:
        connection.close()


def test_only_the_last_30_backups_are_kept(tmp_path):
    db = tmp_path / "db.sqlite3"
    _db(db, ["张三"])
    start = dt.datetime(2026, 1, 1, 8, 0, 0)
    for i in range(35):
        backup.make_backup(db, tmp_path / "backups", backup.REASON_DAILY, now=start + dt.timedelta(days=i))
    kept = backup.list_backups(tmp_path / "backups")
    assert len(kept) == 30
    assert kept[0].created == start + dt.timedelta(days=34)
    assert kept[-1].created == start + dt.timedelta(days=5)


def test_a_damaged_backup_is_refused(tmp_path):
    broken = tmp_path / "backups" / "dangjian-20260101-080000-manual.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    with pytest.raises(DataProblem) as refused:
        backup.check_backup(broken)
    assert refused.value.kind in {kinds.NOT_A_DATABASE, kinds.DAMAGED}


def test_a_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE x (y)")
    connection.commit()
    connection.close()
    with pytest.raises(DataProblem) as refused:
        backup.check_backup(other)
    assert refused.value.kind == kinds.FOREIGN


def test_a_killed_backup_leaves_no_partial_behind_after_the_next_clean_up(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    orphan = folder / "dangjian-20260101-080000-manual.sqlite3.partial"
    orphan.write_bytes(b"x" * 1000)
    (folder / (orphan.name + "-journal")).write_bytes(b"j")
    fresh = folder / "dangjian-20260101-080001-manual.sqlite3.partial"
    fresh.write_bytes(b"being written")
    old = time.time() - 60
    os.utime(orphan, (old, old))
    os.utime(folder / (orphan.name + "-journal"), (old, old))
    removed = backup.remove_orphaned_partials(folder)
    assert sorted(p.name for p in removed) == sorted([orphan.name, orphan.name + "-journal"])
    assert fresh.exists()  # a backup still being written by another process is left alone


def test_usb_backup_names_say_branch_and_date_and_are_valid_on_windows():
    name = backup.backup_file_name("党建台账备份", 'A/村:支部*?"<>|', dt.datetime(2026, 12, 7, 9, 5))
    assert name == "党建台账备份-A村支部-2026-12-07-0905.sqlite3"


def test_a_backup_onto_a_stick_first_removes_what_an_interrupted_one_left_there(tmp_path):
    db = tmp_path / "db.sqlite3"
    _db(db, ["张三"])
    stick = tmp_path / "stick"
    stick.mkdir()
    left = stick / "党建台账备份-前进村-2026-12-01-0900.sqlite3.partial"
    left.write_bytes(b"x" * 5000)
    someone_elses = stick / "电影.mkv.partial"
    someone_elses.write_bytes(b"y")
    old = time.time() - 60
    os.utime(left, (old, old))
    os.utime(someone_elses, (old, old))
    name = backup.backup_file_name("党建台账备份", "前进村", dt.datetime(2026, 12, 7, 9, 30))
    written = backup.make_backup_in(db, stick, name)
    assert sorted(p.name for p in stick.iterdir()) == sorted([written.name, someone_elses.name])
