"""One program per data folder: an operating-system lock on ``dangjian.lock`` in the folder.

The window program holds it for as long as it runs; a restore (window or command line) takes it before it
replaces anything, so it refuses while the program is open elsewhere. The lock is the OS's own (``flock``
on Linux and macOS, ``msvcrt.locking`` on Windows): it goes away with the process, even after a crash or a
kill, so a stale lock file never keeps the secretary out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_FILE = "dangjian.lock"

ACQUIRED = "acquired"
HELD_ELSEWHERE = "held-elsewhere"
UNAVAILABLE = "unavailable"  # the lock file cannot be created (a read-only folder): nobody can write

_held_in_this_process: set[Path] = set()


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    """``try_acquire()`` answers ACQUIRED, HELD_ELSEWHERE or UNAVAILABLE; ``release()`` gives it back."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> str:
        if self._fd is not None:
            return ACQUIRED
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return UNAVAILABLE
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return HELD_ELSEWHERE
        self._fd = fd
        _held_in_this_process.add(self.path.resolve())
        return ACQUIRED

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _held_in_this_process.discard(self.path.resolve())
        try:
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def held_here(folder: Path) -> bool:
    """True when this process holds the folder's lock (the window program restoring its own data)."""
    return (Path(folder) / LOCK_FILE).resolve() in _held_in_this_process


def held_elsewhere(folder: Path) -> bool:
    """True while another process (or another lock in this one) holds the folder's lock."""
    probe = FolderLock(folder)
    answer = probe.try_acquire()
    probe.release()
    return answer == HELD_ELSEWHERE
