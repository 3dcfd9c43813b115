"""A write-protected USB stick (reliability.md D7), a full disk (D8) and killed backups (D9), on real
file systems: a small tmpfs mounted for the test (skipped where mounting is not allowed)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import make_id_number
from tests.support.cli import run
from tests.support.data_files import GUI, program_env, run_program

from dangjian_desktop.domain.data_problems import DiskFull, ReadOnlyData
from dangjian_desktop.services import members
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import open_workspace

NEW_MEMBER = {"name": "新党员", "id_number": make_id_number(sequence=97), "joined_date": "2000-07-01"}


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    point = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)):
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill_with_data(folder: Path, count: int = 3) -> None:
    workspace = open_workspace(folder)
    try:
        save_profile(workspace, BranchProfile(name="中共前进村支部委员会"))
        for n in range(count):
            members.add_member(
                workspace,
                {
                    "name": f"党员{n}",
                    "id_number": make_id_number(sequence=2 * n + 1),
                    "joined_date": "1990-07-01",
                },
            )
    finally:
        workspace.close()


def _fill_disk(point: Path) -> Path:
    """Fill the file system to the last byte."""
    filler = point / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1 << 8, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * chunk)
    finally:
        os.close(fd)
    return filler


# --- D7: a write-protected stick ------------------------------------------------------------------


def test_a_write_protected_stick_opens_read_only_and_says_so(tmp_path, capsys):
    with tmpfs(tmp_path, "16m") as stick:
        data = stick / "data"
        _fill_with_data(data)
        assert _mount("-o", "remount,ro", str(stick))
        before = (data / "dangjian.sqlite3").read_bytes()

        workspace = open_workspace(data)  # a daily backup would be due: it is skipped, not a traceback
        try:
            assert workspace.read_only
            assert [row.name for row in members.roster_rows(workspace)] == ["党员0", "党员1", "党员2"]
            with pytest.raises(ReadOnlyData) as refused:
                members.add_member(workspace, NEW_MEMBER)
            assert refused.value.message.startswith("U盘是只读的，只能查看，不能修改")
        finally:
            workspace.close()

        code, out, err = run(capsys, "--data-dir", str(data), "members", "list")
        assert code == 0 and "党员2" in out
        code, out, err = run(capsys, "--data-dir", str(data), "check")
        assert code == 0, err
        code, out, err = run(
            capsys, "--data-dir", str(data), "members", "add", "新党员", "--id", make_id_number(sequence=97)
        )
        assert code != 0 and "U盘是只读的" in err
        code, out, err = run(capsys, "--data-dir", str(data), "backup")
        assert code != 0 and "只读" in err
        assert (data / "dangjian.sqlite3").read_bytes() == before

        # the window program: opens (logging falls back to a temporary folder) and shows the banner
        done = run_program(GUI, "--data-dir", str(data), "--smoke-test")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert not (data / "logs").exists()


# --- D8: a full disk ------------------------------------------------------------------------------


def test_a_full_disk_fails_the_write_in_words_and_keeps_the_data(tmp_path, capsys):
    with tmpfs(tmp_path, "6m") as disk:
        data = disk / "data"
        _fill_with_data(data)
        folder = str(data)
        # backups until the disk is full: the one that does not fit says so and leaves nothing behind
        for _ in range(40):
            code, out, err = run(capsys, "--data-dir", folder, "backup")
            if code != 0:
                break
        assert code != 0 and "磁盘满了" in err and "Traceback" not in err
        assert not list((data / "backups").glob("*.partial*"))

        workspace = open_workspace(data, daily_backup=False)
        filler = _fill_disk(disk)
        try:
            with pytest.raises(DiskFull) as refused:
                members.add_member(workspace, NEW_MEMBER)
            assert refused.value.message.startswith("磁盘满了")
        finally:
            workspace.close()
        code, out, err = run(
            capsys,
            "--data-dir",
            folder,
            "members",
            "add",
            "新党员",
            "--id",
            make_id_number(sequence=97),
            "--joined",
            "2000-07-01",
        )
        assert code != 0
        assert "磁盘满了" in err, err
        filler.unlink()
        for old in (data / "backups").glob("*.sqlite3"):
            old.unlink()

        assert run(capsys, "--data-dir", folder, "check")[0] == 0
        code, out, _ = run(capsys, "--data-dir", folder, "members", "list")
        assert "党员2" in out and "新党员" not in out


def test_opening_on_a_full_disk_says_disk_full(tmp_path):
    with tmpfs(tmp_path, "6m") as disk:
        data = disk / "data"
        _fill_with_data(data)
        filler = _fill_disk(disk)
        try:
            with pytest.raises(DiskFull) as refused:
                open_workspace(data, daily_backup=False)
            assert refused.value.message.startswith("磁盘满了")
        finally:
            filler.unlink()
        open_workspace(data, daily_backup=False).close()


# --- D9: killed backups -----------------------------------------------------------------------------

_SLOW_BACKUP = """
import sys, time
from pathlib import Path
from dangjian_desktop.store import backup

def slow_copy(source, target):
    Path(target).write_bytes(Path(source).read_bytes()[:4096])  # the first pages, then "still copying"
    print("copying", flush=True)
    time.sleep(60)

backup._copy = slow_copy
backup.make_backup(Path(sys.argv[1]), Path(sys.argv[2]), backup.REASON_MANUAL)
"""


def test_a_killed_backup_leaves_a_partial_that_the_next_start_removes(tmp_path):
    data = tmp_path / "data"
    _fill_with_data(data)
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BACKUP, str(data / "dangjian.sqlite3"), str(data / "backups")],
        stdout=subprocess.PIPE,
        text=True,
        env=program_env(),
    )
    assert process.stdout.readline().strip() == "copying"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    [partial] = list((data / "backups").glob("*.partial"))

    open_workspace(data, daily_backup=False).close()  # right after: it may still be being written
    assert partial.exists()
    old = time.time() - 60
    os.utime(partial, (old, old))
    open_workspace(data, daily_backup=False).close()  # the next start
    assert not list((data / "backups").glob("*.partial*"))


def test_the_window_program_starts_when_its_log_folder_cannot_be_written(tmp_path):
    """D7: `logs` being a file stopped the program before its crash handler existed."""
    data = tmp_path / "data"
    _fill_with_data(data)
    (data / "logs").write_text("不是文件夹", encoding="utf-8")
    done = run_program(GUI, "--data-dir", str(data), "--smoke-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert (data / "logs").read_text(encoding="utf-8") == "不是文件夹"
