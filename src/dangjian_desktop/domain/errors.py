"""Errors whose message is safe to show to the secretary (already translated)."""

from __future__ import annotations

from dangjian_desktop.i18n import _


class AppError(Exception):
    """An expected problem, with a message in the user's language that says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldErrors(AppError):
    """One or more fields of a form or a sheet row are wrong; ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("；".join(self.errors.values()))


class NotFound(AppError):
    pass


class Conflict(AppError):
    pass


class ChangedMeanwhile(Conflict):
    """Someone else saved the record after this form read it (another PC on the township server, another
    window): nothing was saved, so the other change stays; she opens it again and makes hers once more."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This record was just changed by someone else. Nothing was saved. "
                "Close it, open it again and make your change once more."
            )
        )


def check_version(stored: int, expected: int | None) -> None:
    """Refuse a save made on a copy older than the stored row (``expected`` None: no form was loaded)."""
    if expected is not None and stored != expected:
        raise ChangedMeanwhile()
