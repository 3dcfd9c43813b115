"""One program per data folder, with real processes (reliability.md D1 single-instance part, D10, §3.4):
a second start says in words that the program is already open, asks the first window to come forward and
exits 0 (exit 3 with --smoke-test); a restore is refused while the program is open elsewhere, and the
live data stays byte for byte as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.support.data_files import CLI, GUI, program_env, run_program

from dangjian_desktop.services.backups import back_up_now
from dangjian_desktop.services.branch import BranchProfile, save_profile
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store.folder_lock import held_elsewhere

ALREADY_OPEN = "党建台账已经打开了"


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    workspace = open_workspace(folder)
    save_profile(workspace, BranchProfile(name="中共前进村支部委员会"))
    back_up_now(workspace)
    workspace.close()
    return folder


def _launch_gui(folder: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", GUI, "--data-dir", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _start_gui(folder: Path, env: dict[str, str]) -> subprocess.Popen:
    """The first window, once it holds the folder's lock."""
    process = _launch_gui(folder, env)
    deadline = time.monotonic() + 60
    while not held_elsewhere(folder):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first window did not start"
        time.sleep(0.1)
    time.sleep(1.0)  # the lock is taken before the window listens for later starts
    return process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _log(folder: Path) -> str:
    return (folder / "logs" / "dangjian-desktop.log").read_text(encoding="utf-8")


def test_a_second_start_says_the_program_is_open_and_a_restore_is_refused(data):
    env = program_env(QT_QPA_PLATFORM="offscreen")
    first = _start_gui(data, env)
    try:
        second = run_program(GUI, "--data-dir", str(data), "--smoke-test", env=env)
        assert second.returncode == 3
        assert ALREADY_OPEN in second.stdout + second.stderr
        assert "Traceback" not in second.stderr
        assert "the window comes forward" in _log(data)

        [backup] = list((data / "backups").glob("*.sqlite3"))
        live = data / "dangjian.sqlite3"
        before = live.read_bytes()
        refused = run_program(CLI, "--data-dir", str(data), "restore", str(backup), env=env)
        assert refused.returncode == 1
        assert "还开着另一个窗口" in refused.stderr and "现有数据没有任何改动" in refused.stderr
        assert live.read_bytes() == before
        assert first.poll() is None  # the first window is still running, untouched
    finally:
        _stop(first)

    done = run_program(CLI, "--data-dir", str(data), "restore", str(backup), env=env)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def display() -> str:
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("Xvfb and xdotool are needed")
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    number = server.stdout.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_without_the_smoke_test_the_second_start_shows_a_message_and_exits_0(data, display):
    env = program_env(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    first = _start_gui(data, env)
    try:
        second = _launch_gui(data, env)
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(second.pid)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        window = found.stdout.split()[0]
        name = subprocess.run(["xdotool", "getwindowname", window], env=env, capture_output=True, text=True)
        assert name.stdout.strip() == "党建台账"
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=20)
        subprocess.run(["xdotool", "key", "--window", window, "Return"], env=env, timeout=20)
        out, err = second.communicate(timeout=30)
        assert second.returncode == 0
        assert ALREADY_OPEN in err
        assert first.poll() is None
    finally:
        if second.poll() is None:
            second.kill()
        _stop(first)
