"""Errors whose message is safe to show to the secretary (already translated)."""

from __future__ import annotations


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
