"""Writing a finished document to the file the secretary chose."""

from __future__ import annotations

from pathlib import Path

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _


def write_file(path: Path | str, data: bytes) -> Path:
    """Write ``data`` beside ``path`` first and then put it in place, so a failure (a full USB stick, the
    file open in a PDF reader) never leaves half a file under the real name. Problems are said in words."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise AppError(
            _("The file {path} could not be written: {error}. Is it open in another program?").format(
                path=path, error=error.strerror or error
            )
        ) from error
    return path
