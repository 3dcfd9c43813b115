"""Making and reading data folders behind the program's back, as damage or another program would, and
running the two programs as real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import dangjian_desktop

SOURCE = str(Path(dangjian_desktop.__file__).parents[1])
GUI = "from dangjian_desktop.startup import gui; raise SystemExit(gui())"
CLI = "from dangjian_desktop.startup import cli; raise SystemExit(cli())"


def run_sql(path: Path, *statements: str) -> None:
    """Change a SQLite file directly, foreign keys off (as a damaged or foreign file would be)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def roster_names(folder: Path) -> list[str]:
    """The names on the roster, read by opening the folder afresh (what the next start would see)."""
    from dangjian_desktop.services import members
    from dangjian_desktop.services.workspace import open_workspace

    opened = open_workspace(folder, daily_backup=False)
    try:
        return [row.name for row in members.roster_rows(opened)]
    finally:
        opened.close()


def program_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SOURCE, **extra}


def run_program(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``dangjian`` (CLI) or ``dangjian-desktop`` (GUI) as a real process; Qt offscreen unless ``env``."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env or program_env(QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
