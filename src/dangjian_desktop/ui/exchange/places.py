"""Where the exchange's files go and come from: a USB stick when one is plugged in, else the folder used
last time, else the home folder; and a file's place said in words ("on the USB stick E:", "in the folder …")."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from dangjian_desktop.i18n import _

_DRIVE_REMOVABLE = 2  # GetDriveTypeW: a USB stick or a memory card
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")  # where Linux and macOS mount a stick


def _is_removable(root: str) -> bool:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == _DRIVE_REMOVABLE  # type: ignore[attr-defined]
    return root.startswith(_REMOVABLE_ROOTS)


def removable_drives() -> list[Path]:
    """The USB sticks (and memory cards) mounted now, that can be written to."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly() or volume.isRoot():
            continue
        root = volume.rootPath()
        if _is_removable(root if root.endswith(("/", "\\")) else root + "/"):
            found.append(Path(root))
    return found


def start_folder(last_used: str = "") -> Path:
    """Where a file dialog starts: the first USB stick, else the folder used last time (if it is still
    there), else the home folder."""
    drives = removable_drives()
    if drives:
        return drives[0]
    if last_used and Path(last_used).is_dir():
        return Path(last_used)
    return Path.home()


def _drive_of(path: Path) -> Path | None:
    for drive in removable_drives():
        if path == drive or drive in path.parents:
            return drive
    return None


def where_in_words(path: Path) -> str:
    """Where a file is, for the secretary: the USB stick (by its name) and the folder on it, or the folder."""
    drive = _drive_of(path)
    if drive is None:
        return _("in the folder {folder}").format(folder=path.parent)
    name = QStorageInfo(str(drive)).displayName() or str(drive)
    if path.parent == drive:
        return _("on the USB stick “{name}” ({drive})").format(name=name, drive=drive)
    return _("on the USB stick “{name}” ({drive}), in the folder {folder}").format(
        name=name, drive=drive, folder=path.parent
    )
