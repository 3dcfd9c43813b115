"""What can be wrong with a data file, said in words: the one place that turns a kind of damage, a full
disk or a write-protected stick into the sentence the secretary reads (never SQLite's English text)."""

from __future__ import annotations

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _

# Kinds of problem a database file (the live data or a backup offered for restore) can have.
MISSING = "missing"
NOT_A_FILE = "not-a-file"
EMPTY = "empty"
NOT_A_DATABASE = "not-a-database"
DAMAGED = "damaged"
UNREADABLE_TEXT = "unreadable-text"
BROKEN_LINKS = "broken-links"
MISSING_TABLES = "missing-tables"
FOREIGN = "foreign"
NEWER = "newer"
UNKNOWN_VERSION = "unknown-version"
UNREADABLE = "unreadable"

_SENTENCES = {
    MISSING: N_("The file is not there."),
    NOT_A_FILE: N_("It is a folder, not a file."),
    EMPTY: N_("The file is empty."),
    NOT_A_DATABASE: N_("The file is damaged or is not a data file of this program."),
    DAMAGED: N_("The file is damaged: part of it cannot be read."),
    UNREADABLE_TEXT: N_("The file is damaged: some of the text stored in it cannot be read."),
    BROKEN_LINKS: N_("The file is damaged: some records point to records that are not there."),
    MISSING_TABLES: N_("The file is damaged: part of the data is missing."),
    FOREIGN: N_("The file belongs to another program, not to this one."),
    NEWER: N_(
        "This backup was made by a newer version of the program; please install the newer version first."
    ),
    UNKNOWN_VERSION: N_("The file's version cannot be recognised; it is damaged or not from this program."),
    UNREADABLE: N_("The file cannot be opened: it may be in use or the disk may not allow reading it."),
}


def sentence(kind: str) -> str:
    """One sentence for a kind of problem, in the user's language."""
    return _(_SENTENCES.get(kind, _SENTENCES[DAMAGED]))


class DataProblem(AppError):
    """A database file cannot be used; ``kind`` is one of the constants above, ``detail`` is for the log
    (it may be SQLite's English text and is never shown on its own)."""

    def __init__(self, kind: str, detail: str = "", message: str | None = None) -> None:
        super().__init__(message or sentence(kind))
        self.kind = kind
        self.detail = detail


class LiveDataProblem(DataProblem):
    """The data folder's own database cannot be opened; the program offers its backups instead."""

    def __init__(self, kind: str, detail: str = "") -> None:
        if kind == NEWER:
            text = _(
                "This data was saved by a newer version of the program. Please install the newer version."
            )
        elif kind == FOREIGN:
            text = _(
                "The file dangjian.sqlite3 in the data folder belongs to another program; it was left as it "
                "is. Restore a backup, or move that file elsewhere and start again."
            )
        else:
            text = _("Your data cannot be opened. {what} Nothing has been changed.").format(
                what=sentence(kind)
            )
        super().__init__(kind, detail, text)


class ReadOnlyData(AppError):
    def __init__(self) -> None:
        super().__init__(_("The USB stick is write-protected: you can only look, not change anything."))


class DiskFull(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The disk is full: nothing was saved. Delete some files you no longer need, then try again. "
                "The data saved before is intact."
            )
        )


def storage_error_for(text: str) -> AppError | None:
    """A full disk or a read-only medium named by SQLite's (or the OS's) message, or None."""
    lowered = text.lower()
    if "disk is full" in lowered or "no space left" in lowered or "errno 28" in lowered:
        return DiskFull()
    if "readonly" in lowered or "read-only" in lowered or "errno 30" in lowered:
        return ReadOnlyData()
    return None
