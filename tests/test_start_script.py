"""``scripts/start.sh`` installs only when pyproject.toml changed, so a second start needs no network.

The scripts run in a copy of the project whose ``.venv`` holds a stand-in ``python`` (it writes down how
pip was called) and a stand-in program; the second start runs with ``PIP_NO_INDEX=1`` and, where the
machine allows it, in a network namespace without any network (``unshare -n``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

STAND_IN_PYTHON = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/../../pip-calls.log"
"""
STAND_IN_PROGRAM = """#!/bin/sh
echo "program started with: $@"
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    (copy / "scripts").mkdir(parents=True)
    for name in ("setup.sh", "start.sh", "test.sh"):
        shutil.copy(ROOT / "scripts" / name, copy / "scripts" / name)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    bin_folder = copy / ".venv" / "bin"
    bin_folder.mkdir(parents=True)
    _executable(bin_folder / "python", STAND_IN_PYTHON)
    _executable(bin_folder / "dangjian-desktop", STAND_IN_PROGRAM)
    return copy


def _offline() -> list[str]:
    """``unshare -n`` when this machine lets us drop the network; otherwise nothing (PIP_NO_INDEX stays)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def _start(project: Path, *, offline: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    command = ["bash", "scripts/start.sh", "--data-dir", "somewhere"]
    if offline:
        env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull)
        command = [*_offline(), *command]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=120)


def _pip_calls(project: Path) -> list[str]:
    log = project / "pip-calls.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_second_start_installs_nothing_and_works_offline(project):
    first = _start(project)
    assert first.returncode == 0, first.stderr
    assert _pip_calls(project) == ["-m pip install -q -e ."]
    assert "program started with: --data-dir somewhere" in first.stdout

    second = _start(project, offline=True)
    assert second.returncode == 0, second.stderr
    assert _pip_calls(project) == ["-m pip install -q -e ."]  # pip was not run again
    assert "program started with: --data-dir somewhere" in second.stdout


def test_a_changed_pyproject_installs_again(project):
    assert _start(project).returncode == 0
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n# a new dependency\n", encoding="utf-8")
    assert _start(project).returncode == 0
    assert _pip_calls(project) == ["-m pip install -q -e ."] * 2


def test_the_test_setup_also_covers_starting(project):
    done = subprocess.run(
        ["bash", "scripts/setup.sh", "test"], cwd=project, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert _start(project, offline=True).returncode == 0
    assert _pip_calls(project) == ["-m pip install -q -e .[test]"]
