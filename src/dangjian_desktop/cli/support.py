"""What every ``dangjian`` command module shares: exit codes, printing, opening the data folder, and the
argument types for dates and years."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import N_, _

if TYPE_CHECKING:
    from dangjian_desktop.services.workspace import Workspace

T = TypeVar("T")

# The same mistake gives the same exit code in every command (reliability.md D20):
# 0 done; 1 something typed needs fixing (a value that is malformed or out of range, a field a rule refuses,
# a command line argparse cannot read), nothing or only the good part done; 2 it could not be done (what
# was named is not there, it conflicts with what is stored, or the data folder or a file cannot be used).
EXIT_OK, EXIT_BAD_INPUT, EXIT_FAILED = 0, 1, 2
EXIT_CODES_HELP = N_(
    "Exit codes: 0 done; 1 something typed needs fixing (a value, date, amount or number that is wrong or "
    "out of range); 2 it could not be done (not found, in conflict with the stored data, or the data "
    "folder or a file cannot be used); 3 a 四议两公开 vote did not pass (matter step)."
)

# Bounds of the command line's values (reliability.md D14, D16): no argument reaches the services as
# something no person means, and nothing is read whole that could be endless (/dev/zero).
MAX_ID = 2**63 - 1  # a database id is a 64-bit integer
MAX_COUNT = 1_000_000  # people at a meeting, votes
EARLIEST_DATE = dt.date(1900, 1, 1)
YEARS_AHEAD = 10
MAX_AMOUNT_DIGITS = 9  # 999,999,999.99 yuan
_NUMBER_IN_AMOUNT = re.compile(r"([0-9]+)(?:\.([0-9]*))?")


class Parser(argparse.ArgumentParser):
    """argparse with the exit codes above: a command line it cannot read is input to fix (1), and every
    command's ``--help`` ends with the list of exit codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", _(EXIT_CODES_HELP))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_BAD_INPUT, _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        )


def exit_code_for(error: AppError) -> int:
    """1 for a value to fix (a field, an amount, a date), 2 for everything else that could not be done."""
    from dangjian_desktop.domain.dates import InvalidDate
    from dangjian_desktop.domain.money import InvalidAmount

    return EXIT_BAD_INPUT if isinstance(error, FieldErrors | InvalidAmount | InvalidDate) else EXIT_FAILED


def report_error(error: AppError) -> int:
    """Say on stderr what went wrong (each problem of a form on its own line) and give the exit code.
    ``main`` does this for every command, so a command lets such an error pass unless it says more."""
    if isinstance(error, FieldErrors):
        print_field_errors(error)
    else:
        say(error.message, err=True)
    return exit_code_for(error)


def say(text: str = "", *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout)


def open_data(args: argparse.Namespace) -> Workspace:
    """The workspace in ``--data-dir`` (or the default data folder). Imported here, not at the top, so
    that ``--help`` and argument errors come without loading the database layer."""
    from dangjian_desktop.services.workspace import open_workspace
    from dangjian_desktop.store import audit

    audit.set_operator_override(getattr(args, "operator", None))
    workspace = open_workspace(args.data_dir, database_url=getattr(args, "database", None))
    for note in workspace.notes:  # what upgrading the data found (e.g. a month paid twice)
        say(note, err=True)
    return workspace


def with_data(args: argparse.Namespace, action: Callable[[Workspace], T]) -> T:
    """Open the data, do ``action`` with it and close it again, whatever happens."""
    workspace = open_data(args)
    try:
        return action(workspace)
    finally:
        workspace.close()


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


def latest_date(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return today.replace(year=today.year + YEARS_AHEAD, day=28 if today.month == 2 else today.day)


def check_date_range(day: dt.date) -> dt.date:
    """A date between 1900-01-01 and ten years from today (no meeting, payment or notice is outside)."""
    if not EARLIEST_DATE <= day <= latest_date():
        raise argparse.ArgumentTypeError(
            _("{date} is out of range: a date from {first} to {last}").format(
                date=day.isoformat(), first=EARLIEST_DATE.isoformat(), last=latest_date().isoformat()
            )
        )
    return day


def date_argument(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01").format(text=text[:40])
        ) from None
    return check_date_range(day)


def id_argument(text: str) -> int:
    """A record's number: a whole number from 1 to 2⁶³−1."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(_("write the number as digits, e.g. 12"))
    if not 1 <= int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(_("there is no number {text}").format(text=value[:40]))
    return int(value)


def count_argument(text: str) -> int:
    """How many people or votes: 0 to a million."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_COUNT:
        raise argparse.ArgumentTypeError(_("write a whole number from 0 to {most}").format(most=MAX_COUNT))
    return int(value)


def money_argument(text: str) -> str:
    """An amount as typed (the services read 15, 0.50, 0.500, ¥1,680.32, 12元5角): refused here when a
    number in it has more than nine digits before the point, or when the domain's own reading refuses it
    (more than two decimals that are not zeros, 0.499), with that reading's words."""
    from dangjian_desktop.domain.money import InvalidAmount, parse_amount
    from dangjian_desktop.domain.text import normalize_text

    plain = normalize_text(text).replace(",", "").replace("，", "").replace(" ", "").replace("。", ".")
    for match in _NUMBER_IN_AMOUNT.finditer(plain):
        if len(match.group(1).lstrip("0")) > MAX_AMOUNT_DIGITS:
            raise argparse.ArgumentTypeError(
                _("the amount is too large: at most {digits} digits before the decimal point").format(
                    digits=MAX_AMOUNT_DIGITS
                )
            )
    try:
        parse_amount(text)
    except InvalidAmount as error:
        raise argparse.ArgumentTypeError(error.message) from None
    return text


def read_text_argument_file(path: str, max_characters: int) -> str:
    """The UTF-8 text of ``path``, read up to the limit and never further (a file without end, such as
    /dev/zero, stops there). Raises AppError with a Chinese sentence."""
    from pathlib import Path

    limit = max_characters * 4 + 4  # UTF-8 takes at most four bytes a character (and a BOM)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise AppError(_("The file {path} was not found.").format(path=path)) from None
    except IsADirectoryError:
        raise AppError(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError:
        raise AppError(
            _("The file {path} cannot be read. Is it open in another program, or not yours to read?").format(
                path=path
            )
        ) from None
    if len(data) > limit:
        raise _too_long(path, max_characters)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AppError(
            _(
                "{path} is not UTF-8 text. Save it as UTF-8 (in Notepad: 另存为, 编码 UTF-8) and try again."
            ).format(path=path)
        ) from None
    if len(text) > max_characters:
        raise _too_long(path, max_characters)
    return text


def year_argument(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(_("write the year with four digits, e.g. 2025"))
    return year


def _too_long(path: str, limit: int) -> AppError:
    return AppError(_("{path} is too long: at most {limit} characters.").format(path=path, limit=limit))
