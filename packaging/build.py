"""Build the one-folder program, smoke-test it, and pack the portable zip (and, where NSIS is, the installer).

    python packaging/build.py [--ci] [--skip-venv] [--fresh-venv]

Steps:
 1. venv       a clean virtual environment in build/venv with only the runtime dependencies
               (`pip install .[build]`: the program's dependencies + PyInstaller; no test packages, no numpy).
               It is reused while pyproject.toml and the Python version are unchanged (--fresh-venv: rebuild).
 2. pyinstaller  packaging/dangjian.spec -> dist/dangjian-desktop/ (window program + `dangjian` CLI).
 3. cli        the frozen CLI: `dangjian --data-dir TMP init --branch 测试支部`, `members add`, `members
               list`, `members export`, `check`; and `--database` at a closed port (the server driver).
 4. smoke      the frozen window program's `--smoke-test` offscreen: once on an empty data folder (first
               start) and three times on the set-up one (start-up time = median of those three). Fails on a
               non-zero exit, a time-out or a "Traceback" in its output.
 5. size       the bundle's size; fails above 300 MB.
 6. installer  NSIS: on Windows compiles the real installer into dist/; elsewhere checks that
               packaging/windows/installer.nsi compiles against this build (check_installer.sh).
               Skipped when makensis is not found.
 7. zip        dist/dangjian-desktop-VERSION-PLATFORM-portable.zip: the folder plus portable.txt.

Exit status 0 only when every step passed. --ci prints one line per step (and the failing step's output).
Needs only Python >= 3.11 and, on Linux, the system libraries of `scripts/setup.sh build`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "dangjian.spec"
BUILD = ROOT / "build"
VENV = BUILD / "venv"
WORK = BUILD / "pyinstaller"
DIST = ROOT / "dist"
NAME = "dangjian-desktop"
CLI_NAME = "dangjian"
BUNDLE = DIST / NAME
IS_WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
SIZE_LIMIT_MB = 300
SMOKE_TIMEOUT_S = 180
SMOKE_RUNS = 3
TEST_BRANCH = "测试支部"
TEST_MEMBER = ("张三", "370101190102039973")  # a valid resident ID number (check digit included)
FORBIDDEN_IN_VENV = ("numpy", "pytest", "pytestqt")

PORTABLE_TXT = """\
便携模式 / portable mode

这个文件在，程序就把所有数据（数据库、备份、日志）放在本文件夹里的 data 文件夹中，
所以整个文件夹可以放在U盘上，换一台电脑也能接着用。
请不要删除这个文件。备份：把整个文件夹（或 data 文件夹）复制一份到别处即可。

While this file is here, the program keeps all its data in the data/ folder beside it,
so the whole folder can live on a USB stick and move between computers with its data.
"""


class StepFailed(Exception):
    pass


class Reporter:
    """Normal mode: everything streams. --ci: one line per step, the captured output only on failure."""

    def __init__(self, ci: bool) -> None:
        self.ci = ci
        self.results: list[tuple[str, bool, str]] = []

    def info(self, text: str) -> None:
        if not self.ci:
            print(text, flush=True)

    def run_step(self, name: str, action: Callable[[], str]) -> str:
        self.info(f"\n=== {name} ===")
        started = time.perf_counter()
        try:
            summary = action()
        except StepFailed as failure:
            elapsed = time.perf_counter() - started
            print(f"build: {name}: FAILED after {elapsed:.1f} s: {failure}", flush=True)
            self.results.append((name, False, str(failure)))
            raise
        elapsed = time.perf_counter() - started
        line = f"build: {name}: ok ({elapsed:.1f} s){' - ' + summary if summary else ''}"
        print(line, flush=True)
        self.results.append((name, True, summary))
        return summary


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def run(
    reporter: Reporter,
    command: Sequence[str | os.PathLike[str]],
    *,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    cwd: Path = ROOT,
    stream: bool | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command; raise StepFailed (with its output) when it fails. Streams unless --ci."""
    stream = (not reporter.ci) if stream is None else stream
    printable = " ".join(str(part) for part in command)
    reporter.info(f"$ {printable}")
    try:
        if stream:
            completed = subprocess.run([str(c) for c in command], cwd=cwd, env=env, timeout=timeout, text=True,
                                       encoding="utf-8", errors="replace")
            output = ""
        else:
            completed = subprocess.run([str(c) for c in command], cwd=cwd, env=env, timeout=timeout, text=True,
                                       encoding="utf-8", errors="replace", stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT)
            output = completed.stdout or ""
    except subprocess.TimeoutExpired as expired:
        raise StepFailed(f"{printable}: no result after {timeout} s") from expired
    if completed.returncode != 0:
        raise StepFailed(f"{printable}: exit status {completed.returncode}\n{_tail(output)}")
    completed.stdout = output
    return completed


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def program_version() -> str:
    text = (ROOT / "src" / "dangjian_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise StepFailed("no __version__ in src/dangjian_desktop/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    machine = platform.machine().lower()
    if IS_WINDOWS:
        return {"amd64": "windows-x64", "x86_64": "windows-x64", "arm64": "windows-arm64"}.get(
            machine, f"windows-{machine}")
    if sys.platform == "darwin":
        return f"macos-{machine}"
    return "linux-" + {"amd64": "x86_64"}.get(machine, machine)


# --- steps ----------------------------------------------------------------------------------------------

def step_venv(reporter: Reporter, args: argparse.Namespace) -> tuple[str, Path]:
    if args.skip_venv:
        python = Path(sys.executable)
        probe = subprocess.run([python, "-c", "import PyInstaller, dangjian_desktop"], capture_output=True)
        if probe.returncode != 0:
            raise StepFailed("--skip-venv needs PyInstaller and the program installed in this Python "
                             "(pip install -e .[build])")
        return f"skipped: using {python}", python
    stamp_text = "\n".join([
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), sys.version, platform.platform(),
    ])
    stamp = hashlib.sha256(stamp_text.encode("utf-8")).hexdigest()
    stamp_file = VENV / "dangjian-build.stamp"
    reused = (not args.fresh_venv and venv_python().exists() and stamp_file.is_file()
              and stamp_file.read_text(encoding="utf-8").strip() == stamp)
    if not reused:
        if VENV.exists():
            shutil.rmtree(VENV)
        BUILD.mkdir(exist_ok=True)
        base = getattr(sys, "_base_executable", sys.executable)
        run(reporter, [base, "-m", "venv", VENV])
    pip = [venv_python(), "-m", "pip", "install", "--disable-pip-version-check"]
    if reporter.ci:
        pip.append("-q")
    # The program (wheel built from this tree) with its runtime dependencies, plus PyInstaller.
    run(reporter, [*pip, f"{ROOT}[build]"])
    found = subprocess.run(
        [venv_python(), "-c",
         "import importlib.util, sys; print(' '.join(n for n in sys.argv[1:] if importlib.util.find_spec(n)))",
         *FORBIDDEN_IN_VENV], capture_output=True, text=True, check=True).stdout.split()
    if found:
        raise StepFailed(f"the build environment holds packages that must not be frozen: {', '.join(found)}")
    stamp_file.write_text(stamp + "\n", encoding="utf-8")
    packages = subprocess.run([venv_python(), "-m", "pip", "list", "--format=freeze"], capture_output=True,
                              text=True).stdout.split()
    pyinstaller = next((p.split("==")[1] for p in packages if p.lower().startswith("pyinstaller==")), "?")
    return f"{'reused' if reused else 'new'} {VENV.relative_to(ROOT)}, {len(packages)} packages, PyInstaller " \
           f"{pyinstaller}", venv_python()


def step_pyinstaller(reporter: Reporter, python: Path) -> str:
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    command = [python, "-m", "PyInstaller", "--noconfirm", "--distpath", DIST, "--workpath", WORK, SPEC]
    if reporter.ci:
        command[3:3] = ["--log-level", "WARN"]
    run(reporter, command)
    for name in (NAME, CLI_NAME):
        if not (BUNDLE / f"{name}{EXE_SUFFIX}").is_file():
            raise StepFailed(f"PyInstaller made no {name}{EXE_SUFFIX} in {BUNDLE}")
    if sys.platform.startswith("linux"):  # the menu entry travels with the Linux build
        for name in (f"{NAME}.desktop", "install-desktop-entry.sh"):
            shutil.copy2(PACKAGING / "linux" / name, BUNDLE / name)
    return str(BUNDLE.relative_to(ROOT))


def frozen_env(data: Path) -> dict[str, str]:
    """Offscreen, and the data folder also in $DANGJIAN_DATA_DIR so that the logs go to data/logs (not to
    the builder's own per-user log folder)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    env["DANGJIAN_DATA_DIR"] = str(data)
    return env


def log_findings(data: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings) the frozen program wrote to its log files."""
    errors, warnings = [], []
    for log_file in sorted((data / "logs").glob("*.log")):
        for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
            if " ERROR " in line or " CRITICAL " in line:
                errors.append(line)
            elif " WARNING " in line:
                warnings.append(line)
    return errors, warnings


def check_output(text: str, what: str) -> None:
    if "Traceback" in text:
        raise StepFailed(f"{what} printed a traceback:\n{_tail(text)}")


def step_cli(reporter: Reporter, data: Path) -> str:
    cli = BUNDLE / f"{CLI_NAME}{EXE_SUFFIX}"
    name, id_number = TEST_MEMBER
    export = data.parent / "roster-export.xlsx"
    commands = [
        ["init", "--branch", TEST_BRANCH, "--township", "测试镇党委"],
        ["members", "add", name, "--id", id_number, "--joined", "1990-07-01", "--dues-category", "农民"],
        ["members", "list", "--format", "csv"],
        ["members", "export", str(export)],
        ["check"],
    ]
    outputs = []
    for arguments in commands:
        result = run(reporter, [cli, "--data-dir", data, *arguments], env=frozen_env(data), timeout=120,
                     stream=False)
        reporter.info(result.stdout.rstrip())
        check_output(result.stdout, f"dangjian {arguments[0]}")
        outputs.append(result.stdout)
    if TEST_BRANCH not in outputs[0]:
        raise StepFailed(f"`dangjian init` did not name the branch:\n{outputs[0]}")
    if name not in outputs[2]:
        raise StepFailed(f"`dangjian members list` did not list {name}:\n{outputs[2]}")
    if not export.is_file() or export.stat().st_size == 0:
        raise StepFailed("`dangjian members export` wrote no file")
    step_cli_server(cli, data)
    return f"{len(commands) + 1} commands (init, members add/list/export, check; a township server)"


def step_cli_server(cli: Path, data: Path) -> None:
    """The township server's driver is in the bundle: pointed at a port nobody listens on, the frozen CLI
    gets as far as connecting and says so in words (a missing psycopg would be a traceback)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = subprocess.run(
        [str(cli), "--database", f"postgresql://village:x@127.0.0.1:{port}/dangjian", "--data-dir", str(data),
         "members", "list"],
        env=frozen_env(data), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    said = result.stdout + result.stderr
    check_output(said, "dangjian --database")
    if result.returncode != 2 or "127.0.0.1" not in said:
        raise StepFailed(f"the frozen CLI did not reach the server's driver (exit {result.returncode}):\n{said}")


def smoke_once(reporter: Reporter, data: Path) -> float:
    gui = BUNDLE / f"{NAME}{EXE_SUFFIX}"
    started = time.perf_counter()
    result = run(reporter, [gui, "--smoke-test", "--data-dir", data], env=frozen_env(data),
                 timeout=SMOKE_TIMEOUT_S, stream=False)
    elapsed = time.perf_counter() - started
    if result.stdout.strip():
        reporter.info(result.stdout.rstrip())
    check_output(result.stdout, "the smoke test")
    return elapsed


def step_smoke(reporter: Reporter, data: Path, scratch: Path) -> tuple[str, float]:
    first = smoke_once(reporter, scratch / "first-start")
    times = [smoke_once(reporter, data) for _ in range(SMOKE_RUNS)]
    median = statistics.median(times)
    reporter.info(f"start-up times: {', '.join(f'{t:.2f}' for t in times)} s; first start {first:.2f} s")
    errors, warnings = [], []
    for folder in (scratch / "first-start", data):
        found = log_findings(folder)
        errors += found[0]
        warnings += found[1]
    if errors:
        raise StepFailed("the frozen program logged errors:\n" + "\n".join(errors[-20:]))
    for line in warnings:
        print(f"build: smoke: warning in the program's log: {line}", flush=True)
    return f"start-up {median:.2f} s (median of {SMOKE_RUNS}; first start on an empty folder {first:.2f} s)" + \
        (f"; {len(warnings)} warnings in the log" if warnings else ""), median


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def step_size(reporter: Reporter) -> tuple[str, float]:
    size_mb = folder_size(BUNDLE) / 1_000_000
    if not reporter.ci:
        biggest = sorted(((folder_size(p) if p.is_dir() else p.lstat().st_size, p)
                          for p in (BUNDLE / "_internal").iterdir()), reverse=True)[:8]
        for size, path in biggest:
            reporter.info(f"  {size / 1_000_000:7.1f} MB  {path.relative_to(BUNDLE)}")
    if size_mb > SIZE_LIMIT_MB:
        raise StepFailed(f"the bundle is {size_mb:.1f} MB, over the {SIZE_LIMIT_MB} MB budget")
    return f"bundle {size_mb:.1f} MB (limit {SIZE_LIMIT_MB} MB)", size_mb


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if IS_WINDOWS:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
                return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def numeric_version(version: str) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]]
    return ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])


def step_installer(reporter: Reporter, version: str) -> str:
    makensis = find_makensis()
    if not makensis:
        return "skipped: makensis not found"
    nsi = PACKAGING / "windows" / "installer.nsi"
    if IS_WINDOWS:
        run(reporter, [makensis, "/V2", "/INPUTCHARSET", "UTF8", f"/DSOURCE_DIR={BUNDLE}", f"/DVERSION={version}",
                       f"/DVI_VERSION={numeric_version(version)}", f"/DOUTDIR={DIST}", nsi])
        setup = DIST / f"{NAME}-setup-{version}.exe"
        if not setup.is_file():
            raise StepFailed(f"makensis made no {setup.name}")
        return f"{setup.relative_to(ROOT)} ({setup.stat().st_size / 1_000_000:.1f} MB)"
    result = run(reporter, ["bash", PACKAGING / "windows" / "check_installer.sh", BUNDLE, version],
                 stream=False)
    reporter.info(result.stdout.rstrip())
    return "installer.nsi compiles against this build (check only; the real installer is built on Windows)"


def _zip_folder(archive: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink():  # Linux bundles link some libraries: keep them links (unzip restores them)
            info = zipfile.ZipInfo(name, date_time=time.localtime(path.lstat().st_mtime)[:6])
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, os.readlink(path))
        elif path.is_dir():
            archive.write(path, name)
        else:
            archive.write(path, name)


def step_zip(reporter: Reporter, version: str) -> str:
    target = DIST / f"{NAME}-{version}-{platform_tag()}-portable.zip"
    target.unlink(missing_ok=True)
    partial = target.with_suffix(".zip.part")
    with tempfile.TemporaryDirectory() as scratch:
        marker = Path(scratch) / "portable.txt"
        marker.write_text(PORTABLE_TXT, encoding="utf-8-sig")  # BOM: old Notepad shows the Chinese right
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            _zip_folder(archive, BUNDLE, NAME)
            archive.write(marker, f"{NAME}/portable.txt")
    partial.replace(target)
    return f"{target.relative_to(ROOT)} ({target.stat().st_size / 1_000_000:.1f} MB)"


# --- main -----------------------------------------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build dist/dangjian-desktop/ with PyInstaller from a clean virtual environment, smoke-test "
                    "the frozen program, report its size and start-up time, and pack the portable zip.",
    )
    parser.add_argument("--ci", action="store_true", help="quiet: one summary line per step")
    parser.add_argument("--skip-venv", action="store_true",
                        help="use this Python instead of build/venv (it needs PyInstaller and the program)")
    parser.add_argument("--fresh-venv", action="store_true", help="delete and recreate build/venv first")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    reporter = Reporter(ci=args.ci)
    started = time.perf_counter()
    try:
        version = program_version()
        python = Path(sys.executable)

        def venv() -> str:
            nonlocal python
            summary, python = step_venv(reporter, args)
            return summary

        reporter.run_step("venv", venv)
        reporter.run_step("pyinstaller", lambda: step_pyinstaller(reporter, python))
        with tempfile.TemporaryDirectory(prefix="dangjian-build-") as scratch_name:
            scratch = Path(scratch_name)
            data = scratch / "data"
            reporter.run_step("cli", lambda: step_cli(reporter, data))
            smoke_summary = reporter.run_step("smoke", lambda: step_smoke(reporter, data, scratch)[0])
        size_summary = reporter.run_step("size", lambda: step_size(reporter)[0])
        reporter.run_step("installer", lambda: step_installer(reporter, version))
        zip_summary = reporter.run_step("zip", lambda: step_zip(reporter, version))
    except StepFailed:
        print(f"build: FAILED after {time.perf_counter() - started:.0f} s", flush=True)
        return 1
    print(f"build: OK in {time.perf_counter() - started:.0f} s: {NAME} {version}, {size_summary}, "
          f"{smoke_summary.split(' (')[0]}, {zip_summary}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
