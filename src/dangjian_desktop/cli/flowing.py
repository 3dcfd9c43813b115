"""``dangjian flowing ...`` and ``dangjian book ...``: members working away and their activity books.

    dangjian flowing leave MEMBER --since YYYY-MM-DD --destination TEXT [--receiving-org TEXT] [--phone TEXT]
    dangjian flowing record MEMBER --date YYYY-MM-DD --kind TEXT --content TEXT [--org TEXT]
    dangjian flowing return MEMBER --date YYYY-MM-DD
    dangjian flowing list [--format csv] [--all]
    dangjian flowing directory --out FILE.pdf|FILE.xlsx
    dangjian book MEMBER --out FILE.pdf [--layout a5|a4-booklet|a4-booklet-short|inserts]
    dangjian book --all-away --out DIR [--layout ...]

MEMBER is the member's number (first column of ``flowing list``) or exact name. ``flowing leave`` prints
the new book number alone on its last line. This module is imported for every ``dangjian`` command, so
it imports the services only inside the handlers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dangjian_desktop.cli.support import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    count_argument,
    date_argument,
    say,
    with_data,
)
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    from dangjian_desktop.services.workspace import Workspace

LAYOUT_CHOICES = ("a5", "a4-booklet", "a4-booklet-short", "inserts")
T = TypeVar("T")


def _date_text(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _for_member(args: argparse.Namespace, action: Callable[[Workspace, int], T]) -> tuple[str, T]:
    """Find the member named on the command line (number or exact name) and run ``action`` for them;
    returns the member's name and what the action gave."""
    from dangjian_desktop.services import flowing

    def run(workspace: Workspace) -> tuple[str, T]:
        member = flowing.find_member(workspace, args.member)
        return member.name, action(workspace, member.id)

    return with_data(args, run)


def cmd_leave(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    raw = {"since": args.since, "destination": args.destination, "receiving_org": args.receiving_org,
           "phone": args.phone}  # fmt: skip
    name, result = _for_member(
        args, lambda workspace, member_id: flowing.register_leave(workspace, member_id, raw)
    )
    say(
        _("{name} is registered as working away in {place} since {date}.").format(
            name=name, place=result.stay.destination_text, date=result.stay.since.isoformat()
        )
    )
    say(_("Activity book issued, number:"))
    say(result.book.number)
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    raw = {"date": args.date, "kind": args.kind, "content": args.content, "org": args.org}
    name, record = _for_member(
        args, lambda workspace, member_id: flowing.add_org_life(workspace, member_id, raw)
    )
    say(
        _("Recorded for {name}: {kind} on {date}.").format(
            name=name, kind=record.kind_label, date=record.date.isoformat()
        )
    )
    return EXIT_OK


def cmd_contact(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    raw = {"date": args.date, "means": args.means, "content": args.content, "contacted_by": args.by}
    name, record = _for_member(
        args, lambda workspace, member_id: flowing.add_contact(workspace, member_id, raw)
    )
    say(_("Contact with {name} on {date} recorded.").format(name=name, date=record.date.isoformat()))
    return EXIT_OK


def cmd_return(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    name, stay = _for_member(
        args, lambda workspace, member_id: flowing.register_return(workspace, member_id, args.date, args.note)
    )
    say(
        _("{name} is back since {date}; the activity book is handed back.").format(
            name=name, date=_date_text(stay.return_date)
        )
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    rows = with_data(args, lambda workspace: flowing.away_rows(workspace, include_returned=args.all))
    states = {
        flowing.AWAY: _("away"),
        flowing.RETURNED: _("back"),
        flowing.UNREGISTERED: _("leave not registered"),
    }
    header = [
        _("Number"),
        _("Name"),
        _("State"),
        _("Destination"),
        _("Left on"),
        _("Book number"),
        _("Receiving Party organisation"),
        _("Last contact"),
        _("Last organisation life"),
        _("Returned on"),
    ]
    table = [header]
    for row in rows:
        table.append(
            [
                str(row.member_id),
                row.name,
                states[row.state],
                row.destination,
                _date_text(row.since),
                row.book_number,
                row.receiving_org,
                _date_text(row.last_contact),
                _date_text(row.last_record),
                _date_text(row.return_date),
            ]
        )
    if args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(table)
    else:
        for line in table:
            say("  ".join(cell or "-" for cell in line))
        away = sum(1 for row in rows if row.state == flowing.AWAY)
        say(_("{count} members away.").format(count=away))
    return EXIT_OK


def cmd_alerts(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    found = with_data(args, lambda workspace: flowing.alerts(workspace, months=args.months))
    for row in found:
        if row.last_heard is None:
            say(_("{name}: marked as working away, but no leave is registered.").format(name=row.name))
        else:
            say(
                _("{name} ({place}): no news for {months} months, last on {date}.").format(
                    name=row.name, place=row.destination, months=row.months, date=row.last_heard.isoformat()
                )
            )
    say(_("{count} members at risk of losing touch.").format(count=len(found)))
    return EXIT_OK


def cmd_directory(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    count = with_data(args, lambda workspace: flowing.export_directory(workspace, Path(args.out)))
    say(_("Directory of {count} members away written to {path}").format(count=count, path=args.out))
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_book(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import flowing

    if bool(args.member) == bool(args.all_away):
        say(_("Give either a member or --all-away."), err=True)
        return EXIT_BAD_INPUT
    if args.all_away:
        batch = with_data(
            args,
            lambda workspace: flowing.print_all_away(
                workspace, Path(args.out), layout=args.layout, progress=_progress
            ),
        )
        say(
            _("{count} activity books printed into {folder}").format(
                count=len(batch.files), folder=batch.folder
            )
        )
        return EXIT_OK
    _name, result = _for_member(
        args,
        lambda workspace, member_id: flowing.print_book(
            workspace, member_id, Path(args.out), layout=args.layout
        ),
    )
    say(
        _("Activity book {number} of {name}: {pages} pages.").format(
            number=result.number, name=result.member_name, pages=result.pages
        )
    )
    if result.layout == "a4-booklet":
        say(_("Print on A4 paper, both sides, flipped on the long edge; fold the stack in the middle."))
    elif result.layout == "a4-booklet-short":
        say(_("Print on A4 paper, both sides, flipped on the short edge; fold the stack in the middle."))
    say(str(result.path))
    return EXIT_OK


def _member_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A sub-command about one member, named by number or exact name."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    parser.add_argument("member", metavar="MEMBER", help=_("the member's number or exact name"))
    parser.set_defaults(handler=handler)
    return parser


def _date_option(parser: argparse.ArgumentParser, help_text: str, flag: str = "--date") -> None:
    parser.add_argument(flag, required=True, type=date_argument, metavar="YYYY-MM-DD", help=help_text)


def _text_options(parser: argparse.ArgumentParser, *options: tuple[str, str, bool]) -> None:
    """Text options given as (flag, help, required); one left out is empty."""
    for flag, help_text, required in options:
        if required:
            parser.add_argument(flag, required=True, metavar="TEXT", help=help_text)
        else:
            parser.add_argument(flag, default="", metavar="TEXT", help=help_text)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    flowing = commands.add_parser("flowing", help=_("members working away and their activity books"))
    sub = flowing.add_subparsers(dest="flowing_command", required=True, metavar="COMMAND")

    leave = _member_command(
        sub, "leave", _("register a member leaving to work away; prints the book number"), cmd_leave
    )
    _date_option(leave, _("date of leaving"), "--since")
    _text_options(
        leave,
        ("--destination", _("where, e.g. 江苏省苏州市昆山市"), True),
        ("--receiving-org", _("receiving Party organisation"), False),
        ("--phone", _("the member's phone while away"), False),
    )

    record = _member_command(sub, "record", _("add an organisation-life record of a member away"), cmd_record)
    _date_option(record, _("date"))
    _text_options(
        record,
        ("--kind", _("e.g. 党员大会, 党小组会, 党课, 主题党日, 线上学习"), True),
        ("--content", _("what was done"), True),
        ("--org", _("the organisation that held it"), False),
    )

    contact = _member_command(
        sub, "contact", _("add a contact the home branch made with a member away"), cmd_contact
    )
    _date_option(contact, _("date"))
    contact.add_argument("--means", default="电话", metavar="TEXT", help=_("e.g. 电话, 微信, 走访"))
    _text_options(
        contact, ("--content", _("what was said"), True), ("--by", _("who made the contact"), False)
    )

    back = _member_command(
        sub, "return", _("record that a member is back; the book is handed back"), cmd_return
    )
    _date_option(back, _("date of return"))
    _text_options(back, ("--note", _("a note"), False))

    listing = sub.add_parser("list", help=_("list the members away"))
    listing.add_argument("--format", choices=("text", "csv"), default="text")
    listing.add_argument("--all", action="store_true", help=_("also list members who came back"))
    listing.set_defaults(handler=cmd_list)

    alert = sub.add_parser("alerts", help=_("members away without news for months"))
    alert.add_argument(
        "--months", type=count_argument, default=None, metavar="N", help=_("months without news")
    )
    alert.set_defaults(handler=cmd_alerts)

    directory = sub.add_parser("directory", help=_("write the directory of members away"))
    directory.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx", help=_("file to write"))
    directory.set_defaults(handler=cmd_directory)

    book = commands.add_parser("book", help=_("print the activity book of a member away as a PDF"))
    book.add_argument("member", nargs="?", metavar="MEMBER", help=_("the member's number or exact name"))
    book.add_argument("--all-away", action="store_true", help=_("print the book of every member away"))
    book.add_argument(
        "--out", required=True, metavar="FILE.pdf|DIR", help=_("file (or folder with --all-away)")
    )
    book.add_argument(
        "--layout", choices=LAYOUT_CHOICES, default=None, help=_("page layout; default: the setting")
    )
    book.set_defaults(handler=cmd_book)
