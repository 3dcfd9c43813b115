"""The gates of the test run: the layer rule (import-linter), the code style and complexity (ruff), types (mypy),
dead code (vulture) and the size of a file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    return str(beside_python) if beside_python.exists() else (shutil.which(name) or name)


def test_layers_point_one_way():
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = subprocess.run(
        [_tool("ruff"), "check", "src", "tests", "bench", "packaging"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _files_with_errors(mypy_output: str) -> list[str]:
    """'path: count' for every file mypy reported an error in, most errors first."""
    counts: dict[str, int] = {}
    for line in mypy_output.splitlines():
        path, sep, rest = line.partition(":")
        if sep and path.endswith(".py") and " error: " in rest:
            counts[path] = counts.get(path, 0) + 1
    return [f"{path}: {n}" for path, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def test_types_check():
    """mypy over the whole package: --strict on domain, store, documents and services, default settings on
    the UI, the CLI and the start-up files (both set in pyproject.toml's [tool.mypy])."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    files = _files_with_errors(result.stdout)
    assert result.returncode == 0, (
        "mypy found errors in these files:\n  " + "\n  ".join(files) + "\n\n" + result.stdout + result.stderr
    )


def test_no_dead_code():
    """vulture finds nothing at 80 % confidence; Qt overrides, Alembic hooks and the like that only a framework
    calls are named in vulture_whitelist.py."""
    result = subprocess.run(
        [_tool("vulture"), "src/dangjian_desktop", "vulture_whitelist.py", "--min-confidence", "80"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


MAX_LINES = 800  # issue 17: a file is readable in one sitting; split a bigger one by use case, tab or dialog


def test_no_source_file_is_longer_than_a_sitting():
    source = ROOT / "src" / "dangjian_desktop"
    too_long = {
        str(path.relative_to(source)): count
        for path in sorted(source.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"files over {MAX_LINES} lines: {too_long}"
