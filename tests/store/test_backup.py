import datetime as dt
import sqlite3

import pytest

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


def test_restore_brings_back_the_earlier_data(tmp_path):
    db = tmp_path / "db.sqlite3"
    _db(db, ["张三"])
    saved = backup.make_backup(db, tmp_path / "backups", backup.REASON_MANUAL)
    _db(db, ["李四"])
    backup.restore_backup(saved, db)
    assert _names(db) == ["张三"]


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path):
    db = tmp_path / "db.sqlite3"
    _db(db, ["张三"])
    broken = tmp_path / "backups" / "dangjian-20260101-080000-manual.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    with pytest.raises(backup.BackupCheckFailed):
        backup.restore_backup(broken, db)
    assert _names(db) == ["张三"]


def test_a_foreign_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE x (y)")
    connection.commit()
    connection.close()
    with pytest.raises(backup.BackupCheckFailed):
        backup.check_backup(other)
