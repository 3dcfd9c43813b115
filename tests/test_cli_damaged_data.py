"""A damaged data folder (reliability.md D3, D6, D13, D19 and §3.1): `dangjian check` says so in Chinese
and exits non-zero (never a traceback, never "install a newer version"); `dangjian backups` and
`dangjian restore FILE` still work, and after the restore everything is back."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import make_id_number
from tests.support.cli import run
from tests.support.data_files import CLI, run_program, run_sql

from dangjian_desktop.domain.data_problems import LiveDataProblem
from dangjian_desktop.services.workspace import open_workspace

pytestmark = pytest.mark.sqlite_only(
    reason="a damaged SQLite file in the PC's data folder, its backups and their restore"
)

DB = "dangjian.sqlite3"


@pytest.fixture
def data(tmp_path, capsys) -> Path:
    """A data folder with a branch, 张三, and the day's automatic backup."""
    folder = tmp_path / "data"
    assert run(capsys, "--data-dir", str(folder), "init", "--branch", "中共前进村支部委员会")[0] == 0
    member = ["members", "add", "张三", "--id", make_id_number(sequence=11), "--joined", "1990-07-01"]
    assert run(capsys, "--data-dir", str(folder), *member)[0] == 0
    for early in (folder / "backups").glob("*.sqlite3"):  # made at the start of the command, before 张三
        early.unlink()
    assert run(capsys, "--data-dir", str(folder), "members", "list")[0] == 0  # the daily backup, with 张三
    assert len(list((folder / "backups").glob("*-daily.sqlite3"))) == 1
    return folder


def _replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data and len(old) == len(new)
    path.write_bytes(data.replace(old, new))


def truncated_half(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def truncated_50_bytes(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:50])


def page_size_overwritten(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[16:18] = b"\x03\x01"  # not a power of two
    db.write_bytes(bytes(data))


def random_bytes(db: Path) -> None:
    db.write_bytes(os.urandom(300_000))


def text_file(db: Path) -> None:
    db.write_text("这不是数据库\n" * 100, encoding="utf-8")


def folder_in_its_place(db: Path) -> None:
    db.unlink()
    db.mkdir()


def text_bytes_damaged(db: Path) -> None:
    """D6: damage inside a stored text that SQLite's integrity_check does not look at."""
    run_sql(db, "UPDATE member SET birth_date = CAST(X'3139FF362D30362DFF30' AS TEXT)")
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def _a_schema_head(db: Path) -> bytes:
    connection = sqlite3.connect(db)
    try:
        return (
            connection.execute("SELECT version_num FROM alembic_version ORDER BY rowid")
            .fetchone()[0]
            .encode()
        )
    finally:
        connection.close()


def version_page_damaged(db: Path) -> None:
    """D13: damage where the schema version is stored."""
    head = _a_schema_head(db)
    _replace_bytes(db, head, head[:-2] + b"\xff\xfe")


def version_looks_changed(db: Path) -> None:
    """D13: a damaged version id that still reads as text."""
    head = _a_schema_head(db)
    _replace_bytes(db, head, head[:-1] + (b"x" if not head.endswith(b"x") else b"y"))


def foreign_database(db: Path) -> None:
    """D19."""
    db.unlink()
    run_sql(db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)")


def table_dropped(db: Path) -> None:
    run_sql(db, "DROP TABLE dues_receipt")


DAMAGE = [
    truncated_half,
    truncated_50_bytes,
    page_size_overwritten,
    random_bytes,
    text_file,
    folder_in_its_place,
    text_bytes_damaged,
    version_page_damaged,
    version_looks_changed,
    foreign_database,
    table_dropped,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_check_says_so_and_restore_brings_the_data_back(damage, data, capsys):
    damage(data / DB)
    damaged = (data / DB).read_bytes() if (data / DB).is_file() else None
    folder = str(data)

    code, out, err = run(capsys, "--data-dir", folder, "check")
    assert code != 0
    assert "打不开" in err or "别的程序" in err
    assert "新版本" not in err  # D13: damage is never "install a newer version"
    assert "dangjian restore" in err
    if damaged is not None:
        assert (data / DB).read_bytes() == damaged  # looking did not change it (D19: not filled with tables)

    code, out, err = run(capsys, "--data-dir", folder, "backups", "--check")
    assert code == 0
    [line] = [line for line in out.splitlines() if "daily" in line]
    assert line.startswith("✓")
    backup = line.split()[-1]

    code, out, err = run(capsys, "--data-dir", folder, "restore", backup)
    assert code == 0, err
    assert "已恢复" in out

    assert run(capsys, "--data-dir", folder, "check")[0] == 0
    code, out, _ = run(capsys, "--data-dir", folder, "members", "list")
    assert "张三" in out


def test_damaged_text_is_found_before_the_daily_backup_and_never_copied(data):
    text_bytes_damaged(data / DB)
    before = sorted(p.name for p in (data / "backups").iterdir())
    with pytest.raises(LiveDataProblem) as refused:
        open_workspace(data, today=dt.date.today() + dt.timedelta(days=1))  # a daily backup is due
    assert "文字读不出来" in refused.value.message
    assert sorted(p.name for p in (data / "backups").iterdir()) == before  # the good backups are kept


def test_a_refused_restore_exits_1_and_leaves_the_data_as_it_was(data, tmp_path, capsys):
    offered = tmp_path / "bad.sqlite3"
    offered.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    before = (data / DB).read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data), "restore", str(offered))
    assert code == 1
    assert "现有数据没有任何改动" in err
    assert (data / DB).read_bytes() == before


def test_a_real_check_process_on_a_damaged_file_prints_no_traceback(data):
    truncated_half(data / DB)
    done = run_program(CLI, "--data-dir", str(data), "check")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "sqlalchemy" not in done.stderr.lower()
    assert "数据打不开" in done.stderr


def test_backup_to_a_folder_prints_its_path(data, tmp_path, capsys):
    stick = tmp_path / "U盘"
    stick.mkdir()
    code, out, _ = run(capsys, "--data-dir", str(data), "backup", "--to", str(stick))
    assert code == 0
    written = Path(out.strip())
    assert written.parent == stick and written.is_file()
    assert "中共前进村支部委员会" in written.name and dt.date.today().isoformat() in written.name
