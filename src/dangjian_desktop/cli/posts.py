"""``dangjian posts``: posts for members without office from the command line.

    dangjian posts assign MEMBER --post NAME --year YYYY [--commitment TEXT] [--reason TEXT]
    dangjian posts record MEMBER --date YYYY-MM-DD --text TEXT [--post NAME] [--confirmed-by TEXT]
    dangjian posts board --year YYYY --out FILE.pdf [--size a4|a3]
    dangjian posts list [--format csv] [--year YYYY]

MEMBER is the member's exact name or the number ``posts list`` shows. Exit codes as for ``dangjian``:
0 done, 1 the input needs fixing (e.g. a member with an office or away assigned without ``--reason``),
2 could not be done.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dangjian_desktop.cli.support import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    date_argument,
    open_data,
    say,
    year_argument,
)
from dangjian_desktop.i18n import _
from dangjian_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from dangjian_desktop.services.posts import CatalogueRow

# The posts service is imported when a posts command runs (it pulls in reportlab).


@contextmanager
def _data(args: argparse.Namespace) -> Iterator[Workspace]:
    workspace = open_data(args)
    try:
        yield workspace
    finally:
        workspace.close()


def cmd_assign(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import posts

    with _data(args) as workspace:
        member = posts.find_member(workspace, args.member)
        post = posts.find_post(workspace, args.post)
        term = posts.term_for_year(workspace, args.year)
        notes = posts.check_assignment(workspace, member.id, post.id, term.id).notes
        try:
            result = posts.assign(
                workspace, member.id, post.id, term.id, commitment=args.commitment, reason=args.reason
            )
        except posts.ReasonRequired as error:
            for warning in error.check.warnings:
                say(_("Warning: {text}").format(text=warning), err=True)
            say(_("Nothing was saved. To assign anyway, give the reason with --reason TEXT."), err=True)
            return EXIT_BAD_INPUT
    say(
        _("{name} takes the post {post} for {term}.").format(
            name=result.member_name, post=result.post_name, term=term.label
        )
    )
    if result.exception_reason:
        say(_("Reason recorded: {reason}").format(reason=result.exception_reason))
    for note in notes:
        say(_("Note: {text}").format(text=note))
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import posts

    with _data(args) as workspace:
        member = posts.find_member(workspace, args.member)
        record = posts.record_for_member(
            workspace, member.id, args.date, args.text, args.confirmed_by, post_name=args.post
        )
    say(
        _("Recorded for {name} ({post}) on {date}.").format(
            name=record.member_name, post=record.post_name, date=record.day.isoformat()
        )
    )
    return EXIT_OK


def cmd_board(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import posts

    with _data(args) as workspace:
        term = posts.find_year_term(workspace, args.year)
        content = posts.board_content(workspace, term.id) if term else None
        if term is None or content is None or not content.posts:
            say(
                _("Nobody has a post in {year} yet, so there is nothing to publish.").format(year=args.year),
                err=True,
            )
            return EXIT_BAD_INPUT
        posts.export_board(workspace, term.id, Path(args.out), args.size)
    say(
        _("The post board ({posts} posts, {members} members) was saved to {path}").format(
            posts=len(content.posts), members=content.member_count, path=args.out
        )
    )
    return EXIT_OK


def _list_table(rows: list[CatalogueRow]) -> list[list[str]]:
    return [
        [
            row.term,
            row.post,
            str(row.members_needed),
            _("yes") if row.active else _("no"),
            "" if row.member_id is None else str(row.member_id),
            row.member,
            row.commitment.replace("\n", "；"),
            row.grade,
        ]
        for row in rows
    ]


def cmd_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import posts

    with _data(args) as workspace:
        if args.year is not None:
            term = posts.find_year_term(workspace, args.year)
        else:
            term = posts.current_term(workspace)
        rows = posts.catalogue_rows(workspace, term.id if term else None)
        waiting = (
            posts.members_without_post(workspace, term.id)
            if term
            else posts.members_without_office(workspace)
        )
    header = [
        _("Term"),
        _("Post"),
        _("Members needed"),
        _("In use"),
        _("Number"),
        _("Member"),
        _("Commitment"),
        _("Grade"),
    ]
    table = _list_table(rows)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(table)
        return EXIT_OK
    say("  ".join(header))
    for line in table:
        say("  ".join(cell for cell in line))
    if term is None:
        say(_("No term has been set up yet; assign a post with --year to start one."))
    names = "、".join(f"{m.name}({m.id})" for m in waiting)
    say(
        _("Members without office who have no post yet: {count}{names}").format(
            count=len(waiting), names=f"：{names}" if names else ""
        )
    )
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    posts = commands.add_parser("posts", help=_("posts for members without office (设岗定责)"))
    sub = posts.add_subparsers(dest="posts_command", required=True, metavar="COMMAND")

    assign = sub.add_parser("assign", help=_("assign a member to a post for a year"))
    assign.add_argument("member", metavar="MEMBER", help=_("the member's exact name or number"))
    assign.add_argument("--post", required=True, metavar="NAME", help=_("the post's name"))
    assign.add_argument("--year", required=True, type=year_argument, metavar="YYYY", help=_("the year"))
    assign.add_argument("--commitment", default="", metavar="TEXT", help=_("the member's commitment"))
    assign.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help=_("why a member with an office or away takes the post"),
    )
    assign.set_defaults(handler=cmd_assign)

    record = sub.add_parser("record", help=_("record what a member did on the post"))
    record.add_argument("member", metavar="MEMBER", help=_("the member's exact name or number"))
    record.add_argument("--date", required=True, type=date_argument, metavar="YYYY-MM-DD", help=_("the day"))
    record.add_argument("--text", required=True, metavar="TEXT", help=_("what was done"))
    record.add_argument(
        "--post", default="", metavar="NAME", help=_("the post, when the member holds several")
    )
    record.add_argument("--confirmed-by", default="", metavar="TEXT", help=_("who confirmed it"))
    record.set_defaults(handler=cmd_record)

    board = sub.add_parser("board", help=_("make the public post board (PDF)"))
    board.add_argument("--year", required=True, type=year_argument, metavar="YYYY", help=_("the year"))
    board.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    board.add_argument(
        "--size", choices=("a4", "a3"), default="a4", help=_("paper: A4 portrait or A3 landscape")
    )
    board.set_defaults(handler=cmd_board)

    listing = sub.add_parser("list", help=_("list the posts and who holds them"))
    listing.add_argument("--format", choices=("text", "csv"), default="text")
    listing.add_argument(
        "--year", type=year_argument, metavar="YYYY", help=_("the year (default: the current term)")
    )
    listing.set_defaults(handler=cmd_list)
