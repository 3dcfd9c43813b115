"""Running the programs as whole processes, the way a user's computer runs them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def dangjian_command() -> list[str]:
    """The installed ``dangjian`` command, or the same entry point through this Python."""
    script = BIN / "dangjian"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from dangjian_desktop.startup import cli; raise SystemExit(cli())"]


def window_program_command() -> list[str]:
    return [sys.executable, "-m", "dangjian_desktop"]


def user_environment(**extra: str) -> dict[str, str]:
    """A user's environment: Python keeps compiled modules (__pycache__), as an installed program or the
    frozen build does. Some CI images set PYTHONDONTWRITEBYTECODE, which would time compiling the
    program's own modules on every run instead. Warm up once before timing."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(extra)
    return environment
