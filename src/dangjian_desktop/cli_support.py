"""What every ``dangjian`` command module shares: exit codes, printing, opening the data folder, and the
argument types for dates and years."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    from dangjian_desktop.services.workspace import Workspace

# 0 done; 1 done in part or not at all because some input needs fixing; 2 could not be done.
EXIT_OK, EXIT_BAD_INPUT, EXIT_FAILED = 0, 1, 2


def say(text: str = "", *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


def open_data(args: argparse.Namespace) -> Workspace:
    """The workspace in ``--data-dir`` (or the default data folder). Imported here, not at the top, so
    that ``--help`` and argument errors come without loading the database layer."""
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.store import audit

    audit.set_operator_override(getattr(args, "operator", None))
    workspace = open_workspace(args.data_dir)
    for note in workspace.notes:  # what upgrading the data found (e.g. a month paid twice)
        say(note, err=True)
    return workspace


def forget_operator_override() -> None:
    """After a command: --operator named someone for that command only."""
    audit = sys.modules.get("dangjian_desktop.store.audit")  # not loaded: no data was opened
    if audit is not None:
        audit.set_operator_override(None)


def print_field_errors(error: FieldErrors, label: Callable[[str], str] | None = None) -> None:
    """Each problem on its own line on stderr, after the field's name when ``label`` gives one."""
    for key, message in error.errors.items():
        name = label(key) if label else ""
        say(f"{name}: {message}" if name else message, err=True)


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("write the date as YYYY-MM-DD, e.g. 2025-03-01")) from None


def year_argument(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(_("write the year with four digits, e.g. 2025"))
    return year
