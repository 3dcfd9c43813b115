"""Where the program finds its own files and where it keeps the user's data.

Resources (fonts, texts, icons) and translations are looked up in one place that works in the
source tree, in an installed wheel and in a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from dangjian_desktop import APP_NAME

DATA_DIR_ENV = "DANGJIAN_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundle_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(_PACKAGE_DIR)  # installed wheel: resources/ and translations/ inside the package
    roots.append(_PACKAGE_DIR.parent.parent)  # source tree: src/dangjian_desktop -> repository root
    return roots


def _find_dir(name: str) -> Path:
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the program's {name}/ folder (looked in {_bundle_roots()})")


def resources_dir() -> Path:
    return _find_dir("resources")


def translations_dir() -> Path:
    return _find_dir("translations")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def program_dir() -> Path:
    """The folder that holds the program itself (the executable when frozen)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return _PACKAGE_DIR.parent.parent


def portable_data_dir() -> Path | None:
    """With a portable.txt beside the program, data lives beside it (a USB stick moves with its data)."""
    marker = program_dir() / PORTABLE_MARKER
    if marker.is_file():
        return program_dir() / "data"
    return None


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: --data-dir, then $DANGJIAN_DATA_DIR, then portable mode, then the per-user folder."""
    if explicit:
        chosen = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        chosen = Path(os.environ[DATA_DIR_ENV])
    else:
        chosen = portable_data_dir() or Path(user_data_dir(APP_NAME, appauthor=False))
    chosen = chosen.expanduser().resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def log_dir(data_folder: Path) -> Path:
    """Logs live in the data folder, so a copied or portable folder carries its own history."""
    folder = data_folder / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
