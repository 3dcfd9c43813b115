"""What the posts use cases share besides services.recording: writing a file with a message in words when
it cannot be written."""

from __future__ import annotations

from pathlib import Path

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _


def write_file(path: Path, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise AppError(
            _(
                "The file could not be written: {path}. Is it open in another program, or is the folder read-only?"
            ).format(path=path)
        ) from error
