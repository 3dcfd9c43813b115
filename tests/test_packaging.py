"""Fast checks of the packaging files. The real PyInstaller build is `python packaging/build.py` (CI runs it
after the tests); nothing here freezes the program."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dangjian_desktop import APP_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "dangjian.spec"
NSI = PACKAGING / "windows" / "installer.nsi"
DESKTOP = PACKAGING / "linux" / "dangjian-desktop.desktop"
ON_WINDOWS = sys.platform == "win32"


def _entry_points() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {**project["scripts"], **project["gui-scripts"]}


def test_spec_is_python_and_freezes_both_entry_points():
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)  # a spec file is Python
    entry_points = _entry_points()
    assert entry_points == {
        "dangjian": "dangjian_desktop.startup:cli",
        "dangjian-desktop": "dangjian_desktop.startup:gui",
    }
    for name, target in entry_points.items():
        module, function = target.split(":")
        assert f"from {module} import {function}" in text, f"the spec does not launch {target}"
        assert f'"{name}"' in text, f"the spec builds no program named {name}"
    # windowed window program, console CLI; the findings of environment.md section 6
    assert "executable(gui, NAME, console=False" in text
    assert "executable(cli, CLI_NAME, console=True" in text
    assert 'collect_submodules("reportlab.graphics.barcode")' in text
    assert '"numpy"' in text and '"pytest"' in text and '"tkinter"' in text
    assert '"pkg_resources"' in text  # its runtime hook would import it at every start
    assert "qtbase_zh_CN.qm" in text
    assert "compile_catalog" in text
    assert '"dangjian_desktop/store/migrations"' in text


def test_spec_bundles_the_migrations_where_migrate_py_looks():
    migrate = (ROOT / "src" / "dangjian_desktop" / "store" / "migrate.py").read_text(encoding="utf-8")
    assert 'Path(__file__).resolve().parent / "migrations"' in migrate
    migrations = ROOT / "src" / "dangjian_desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert list((migrations / "versions").glob("*.py"))


def test_icons_exist_in_the_right_sizes():
    image = pytest.importorskip("PIL.Image")
    with image.open(ROOT / "resources" / "icons" / "app.png") as png:
        assert png.size == (256, 256)
    with image.open(ROOT / "resources" / "icons" / "app.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)


def test_nsis_script_installs_per_user_with_chinese_shortcuts():
    text = NSI.read_text(encoding="utf-8")
    for needed in (
        "Unicode true",
        "RequestExecutionLevel user",
        'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"',
        '!define APP_ID "dangjian-desktop"',
        '!define APP_EXE "dangjian-desktop.exe"',
        '!define CLI_EXE "dangjian.exe"',
        '!define SHORTCUT_NAME "党建台账.lnk"',
        '!insertmacro MUI_LANGUAGE "SimpChinese"',
        'OutFile "${OUTDIR}${SEP}${APP_ID}-setup-${VERSION}.exe"',
        '"$SMPROGRAMS\\${SHORTCUT_NAME}"',
        '"$DESKTOP\\${SHORTCUT_NAME}"',
        "WriteUninstaller",
    ):
        assert needed in text, needed
    # The uninstaller deletes the data folder only when the box was ticked. The folder is platformdirs'
    # user_data_dir(APP_NAME, appauthor=False) on Windows: %LOCALAPPDATA%\<APP_NAME>.
    assert '!define DATA_DIR "$LOCALAPPDATA\\${APP_ID}"' in text and APP_NAME == "dangjian-desktop"
    uninstall = text[text.index('Section "Uninstall"') :]
    delete_data = uninstall.index('RMDir /r "${DATA_DIR}"')
    assert "${If} $DeleteData == ${BST_CHECKED}" in uninstall[:delete_data]


def _compile_installer(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",
            "-INPUTCHARSET",
            "UTF8",
            "-DFAST",
            f"-DSOURCE_DIR={source}",
            "-DVERSION=0.0.1",
            f"-DOUTDIR={out}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (Debian package nsis)")
def test_installer_compiles_against_a_dummy_build(tmp_path):
    source = tmp_path / "dangjian-desktop"
    source.mkdir()
    (source / "dangjian-desktop.exe").write_bytes(b"not really a program")
    result = _compile_installer(source, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "dangjian-desktop-setup-0.0.1.exe").stat().st_size > 10_000


@pytest.mark.skipif(shutil.which("makensis") is None or ON_WINDOWS, reason="needs makensis and bash")
def test_check_installer_script(tmp_path):
    source = tmp_path / "build"
    source.mkdir()
    (source / "dangjian-desktop").write_text("#!/bin/sh\n", encoding="utf-8")
    result = subprocess.run(
        ["bash", str(PACKAGING / "windows" / "check_installer.sh"), str(source), "1.2.3"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: installer.nsi compiles" in result.stdout


def _desktop_entry(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_desktop_entry_names_the_program():
    entry = _desktop_entry(DESKTOP.read_text(encoding="utf-8"))
    assert entry["Name"] == "党建台账" and entry["Name[en]"] == "Party Affairs Ledger"
    assert entry["Exec"] == "dangjian-desktop" and entry["Icon"] == "dangjian-desktop"
    assert entry["Categories"] == "Office;" and entry["Type"] == "Application"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (Debian package desktop-file-utils)",
)
def test_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(ON_WINDOWS, reason="a Linux menu entry")
def test_install_desktop_entry_points_at_the_build(tmp_path):
    build = tmp_path / "my build" / "dangjian-desktop"
    build.mkdir(parents=True)
    program = build / "dangjian-desktop"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    script = PACKAGING / "linux" / "install-desktop-entry.sh"
    result = subprocess.run(["bash", str(script), str(build)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    installed = tmp_path / "share" / "applications" / "dangjian-desktop.desktop"
    entry = _desktop_entry(installed.read_text(encoding="utf-8"))
    assert entry["Exec"] == f'"{program}"' and entry["TryExec"] == str(program)
    assert entry["Name"] == "党建台账"
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "dangjian-desktop.png").is_file()
    result = subprocess.run(["bash", str(script), "--uninstall"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and not installed.exists()


def test_build_script_help():
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    for option in ("--ci", "--skip-venv", "--fresh-venv"):
        assert option in result.stdout


def test_build_script_names_the_portable_zip():
    text = (PACKAGING / "build.py").read_text(encoding="utf-8")
    assert re.search(r'f"\{NAME\}-\{version\}-\{platform_tag\(\)\}-portable\.zip"', text)
    assert "SIZE_LIMIT_MB = 300" in text


def test_windows_workflow_builds_installer_and_zip():
    text = (ROOT / ".github" / "workflows" / "windows-build.yml").read_text(encoding="utf-8")
    for needed in (
        "windows-latest",
        'python-version: "3.11"',
        "packaging/build.py",
        "choco install nsis",
        "actions/upload-artifact",
        "dangjian-desktop-setup-",
        "-portable.zip",
        "QT_QPA_PLATFORM",
    ):
        assert needed in text, needed
