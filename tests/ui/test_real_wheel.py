"""A real mouse wheel over a drop-down that was not clicked scrolls the page and never changes the value.

The program runs on its own X server (Xvfb); ``xdotool`` moves the real pointer and turns the wheel
(buttons 4 and 5), so Qt gets the same spontaneous events as from a mouse — a synthetic event sent inside
the test process would not show the focus Qt gives a field under a turning wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HARNESS = Path(__file__).parents[1] / "support" / "wheel_harness.py"

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)


@pytest.fixture
def display():
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(10)


class Program:
    def __init__(self, display: str, folder: Path) -> None:
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        self.process = subprocess.Popen(
            [sys.executable, str(HARNESS), str(folder)],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        assert line, "the program ended early"
        return json.loads(line)

    def ask(self, command: str = "where") -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._read()

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=20)
        time.sleep(0.3)  # the program handles the X events

    def wheel_over(self, field: dict, button: str, notches: int = 2) -> None:
        self.xdotool("mousemove", str(field["x"]), str(field["y"]))
        for _ in range(notches):
            self.xdotool("click", button)

    def close(self) -> None:
        if self.process.poll() is None:
            self.ask_quit()

    def ask_quit(self) -> None:
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def program(display, tmp_path):
    started = Program(display, tmp_path / "data")
    yield started
    started.close()


def test_the_real_wheel_over_unclicked_fields_changes_nothing(program):
    form = program.ask()
    before = {name: field["value"] for name, field in form.items()}
    assert before["category"] == "正式党员" and before["ethnicity"] == "汉族"
    for field in form.values():
        program.wheel_over(field, "5")  # down
        program.wheel_over(field, "4", notches=1)  # and up
    after = {name: field["value"] for name, field in program.ask().items()}
    assert after == before

    roster = program.ask("close-dialog")
    before = {name: field["value"] for name, field in roster.items()}
    assert before["status_filter"] == "在册党员"
    for field in roster.values():
        program.wheel_over(field, "5")
    after = {name: field["value"] for name, field in program.ask().items()}
    assert after == before


def test_a_clicked_drop_down_still_turns_with_the_real_wheel(program):
    """The counter-check: the wheel events do reach the program, and turn a box she clicked."""
    roster = program.ask("close-dialog")
    status = roster["status_filter"]
    program.xdotool("mousemove", str(status["x"]), str(status["y"]))
    program.xdotool("click", "1")  # opens the list
    program.xdotool("key", "Escape")  # closes it; the box keeps the focus
    program.xdotool("mousemove", str(status["x"]), str(status["y"]))
    program.xdotool("click", "5")
    assert program.ask()["status_filter"]["value"] == "已离开花名册的"
