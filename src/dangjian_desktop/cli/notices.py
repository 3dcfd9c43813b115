"""``dangjian notice`` and ``dangjian matter``: public notices (党务公开) and 四议两公开 from the command line.

    dangjian notice new --type TYPE [--title TEXT] [--body-file FILE] [--period-from YYYY-MM-DD] [--days N]
                        [--year YYYY] [--matter ID]          # prints the draft id alone on the last line
    dangjian notice publish DRAFT                            # prints the number, then the check code
    dangjian notice print NUMBER --out FILE.pdf [--size a4|a3]
    dangjian notice verify NUMBER CHECKCODE                  # exit 0 and 真实有效 when genuine
    dangjian notice list [--format csv]
    dangjian matter new --title TEXT [--content TEXT]        # prints the matter id alone on the last line
    dangjian matter step ID --step propose|consult|review|resolve --date YYYY-MM-DD --present N
                        --expected N --for N --against N --abstain N
    dangjian matter implement ID --date YYYY-MM-DD --text TEXT
    dangjian matter list
    dangjian matter print ID --out FILE.pdf                  # the record of the whole matter

TYPE is free, dues, posts, recruitment, evaluation, meetings, resolution or result. ``--year`` is the year the
data of a generated notice is taken from (dues, posts, evaluation, meetings); the notice's number counts in
the year of its date. For ``recruitment`` the body file may give the candidate as lines of 键：值 (姓名、性别、
出生年份、文化程度、职业、阶段、申请入党时间、确定积极分子时间、确定发展对象时间).

Exit codes: 0 done; 1 the input needs fixing (publishing refused because of private data, a bad number);
2 could not be done (e.g. a step out of order: nothing is changed); 3 a 四议两公开 step was recorded but did
not pass, which ends the matter. The heavy modules are imported by the handlers only.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dangjian_desktop.cli.support import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    count_argument,
    date_argument,
    id_argument,
    open_data,
    read_text_argument_file,
    say,
    with_data,
    year_argument,
)
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    pass

T = TypeVar("T")

MAX_BODY_CHARACTERS = 50_000  # the notices' own limit for a body
EXIT_STEP_FAILED = 3
TYPES = ("free", "dues", "posts", "recruitment", "evaluation", "meetings", "resolution", "result")
STEPS = ("propose", "consult", "review", "resolve")


# --- notices ------------------------------------------------------------------------------------------


def cmd_notice_new(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.notice_texts import parse_candidate
    from dangjian_desktop.services import notices

    body = None
    candidate = None
    if args.body_file:
        try:
            body = read_text_argument_file(args.body_file, MAX_BODY_CHARACTERS)
        except AppError as error:
            say(error.message, err=True)
            return EXIT_FAILED
        if args.type == "recruitment":
            candidate = parse_candidate(body)
            if candidate is not None:
                body = None
    elif args.type == "recruitment":
        say(
            _(
                "Give the candidate's details in a file with --body-file, one per line: 姓名：张三, 性别：男, "
                "出生年份：1995, 文化程度：高中, 职业：农民, 阶段：发展对象, 申请入党时间：2024-03-01 ..."
            ),
            err=True,
        )
        return EXIT_BAD_INPUT
    workspace = open_data(args)
    try:
        draft = notices.create_draft(
            workspace,
            args.type,
            title=args.title,
            body=body,
            period_from=args.period_from,
            days=args.days,
            year=args.year,
            matter_id=args.matter,
            candidate=candidate,
        )
    finally:
        workspace.close()
    content = draft.content
    say(_("Draft saved: {title}").format(title=content.title))
    say(
        _("Disclosure period: {start} to {end}").format(
            start=content.period_from.isoformat(), end=content.period_to.isoformat()
        )
    )
    say(str(draft.id))
    return EXIT_OK


def cmd_notice_publish(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import notices

    workspace = open_data(args)
    try:
        try:
            published = notices.publish(workspace, args.draft)
        except notices.PrivateDataFound as error:
            say(error.message, err=True)
            return EXIT_BAD_INPUT
    finally:
        workspace.close()
    say(published.number)
    say(published.check_code_text)
    return EXIT_OK


def cmd_notice_print(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import notices

    path = with_data(
        args, lambda workspace: notices.export_pdf(workspace, args.number, Path(args.out), args.size)
    )
    say(str(path))
    return EXIT_OK


def cmd_notice_verify(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import notices

    result = with_data(args, lambda workspace: notices.verify(workspace, args.number, args.code))
    if result.genuine:  # a withdrawn or corrected sheet says so first: “已作废：已被…更正”
        say(result.headline())
        say(result.message)
        return EXIT_OK
    say(_("Not genuine"), err=True)
    say(result.message, err=True)
    return EXIT_BAD_INPUT


def cmd_notice_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import notices

    rows = with_data(args, lambda workspace: notices.list_notices(workspace))
    today = dt.date.today()
    table = [
        [
            _("Number"),
            _("Title"),
            _("Kind"),
            _("Status"),
            _("Date"),
            _("Period from"),
            _("Period to"),
            _("Posted"),
            _("Taken down"),
            _("On the board now"),
            _("Check code"),
        ]
    ]
    for info in rows:
        content = info.content
        table.append(
            [
                info.number or _("Draft {id}").format(id=info.id),
                content.title,
                info.type_label,
                info.status_label,
                content.issued_on.isoformat(),
                content.period_from.isoformat(),
                content.period_to.isoformat(),
                info.posted_on.isoformat() if info.posted_on else "",
                info.taken_down_on.isoformat() if info.taken_down_on else "",
                _("yes") if info.on_board(today) else _("no"),
                info.check_code_text,
            ]
        )
    if args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(table)
    else:
        for line in table:
            say("  ".join(cell for cell in line if cell is not None))
        say(_("{count} notices.").format(count=len(rows)))
    return EXIT_OK


# --- matters ------------------------------------------------------------------------------------------


def cmd_matter_new(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.notices import matters as major_matters

    matter = with_data(args, lambda workspace: major_matters.new_matter(workspace, args.title, args.content))
    say(_("Major matter recorded: {title}").format(title=matter.title))
    say(str(matter.id))
    return EXIT_OK


def cmd_matter_step(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain import major_matters as rules
    from dangjian_desktop.services.notices import matters as major_matters

    vote = {
        "expected": args.expected,
        "present": args.present,
        "votes_for": args.votes_for,
        "against": args.against,
        "abstain": args.abstain,
    }
    workspace = open_data(args)
    try:
        try:
            matter, step = major_matters.record_step(
                workspace, args.id, args.step, args.date, vote, meeting_id=args.meeting
            )
        except major_matters.StepOutOfOrder as error:
            say(error.message, err=True)
            say(_("Nothing was recorded."), err=True)
            return EXIT_FAILED
    finally:
        workspace.close()
    outcome = rules.decide(args.step, step.vote)  # type: ignore[arg-type]
    say(_("{step}: {outcome}").format(step=step.label, outcome=outcome.explain(args.step, step.vote)))  # type: ignore[arg-type]
    if step.adjourned:
        say(
            _("The matter “{title}” goes on: convene the meeting again and record it once more.").format(
                title=matter.title
            )
        )
        return EXIT_STEP_FAILED
    if not step.passed:
        say(_("The matter “{title}” ends here; the result is recorded.").format(title=matter.title))
        return EXIT_STEP_FAILED
    if matter.next_step:
        say(_("Next step: {step}").format(step=rules.step(matter.next_step).label()))
    return EXIT_OK


def cmd_matter_implement(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.notices import matters as major_matters

    workspace = open_data(args)
    try:
        try:
            matter = major_matters.record_implementation(
                workspace, args.id, args.date, args.text, reason=args.reason
            )
        except major_matters.StepOutOfOrder as error:
            say(error.message, err=True)
            return EXIT_FAILED
    finally:
        workspace.close()
    say(_("Implementation recorded for “{title}”.").format(title=matter.title))
    return EXIT_OK


def cmd_matter_print(args: argparse.Namespace) -> int:
    """Every step with its date and votes, and the notices, as the 四议两公开 tab prints it."""
    from dangjian_desktop.services.notices import matter_print

    path = with_data(args, lambda workspace: matter_print.export_record(workspace, args.id, Path(args.out)))
    say(str(path))
    return EXIT_OK


def cmd_matter_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain import major_matters as rules
    from dangjian_desktop.services.notices import matters as major_matters

    matters = with_data(args, lambda workspace: major_matters.list_matters(workspace))
    for matter in matters:
        say(f"{matter.id}  {matter.title}  {matter.status_label}")
        for step in matter.steps:
            say(f"    {step.held_on.isoformat()}  {step.label}  {step.outcome}  {step.summary()}")
        if matter.next_step:
            say("    " + _("Next step: {step}").format(step=rules.step(matter.next_step).label()))
    return EXIT_OK


# --- the parser ----------------------------------------------------------------------------------------


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    notice = commands.add_parser("notice", help=_("public notices for the notice board (党务公开)"))
    notice_commands = notice.add_subparsers(dest="notice_command", required=True, metavar="COMMAND")

    new = notice_commands.add_parser("new", help=_("write a draft notice from a template"))
    new.add_argument("--type", required=True, choices=TYPES, metavar="TYPE", help=", ".join(TYPES))
    new.add_argument("--title", metavar="TEXT", help=_("the title (generated kinds have one)"))
    new.add_argument("--body-file", metavar="FILE", help=_("the text of the notice, UTF-8"))
    new.add_argument(
        "--period-from",
        type=date_argument,
        metavar="YYYY-MM-DD",
        help=_("first day of the disclosure period"),
    )
    new.add_argument("--days", type=count_argument, metavar="N", help=_("length of the disclosure period"))
    new.add_argument("--year", type=year_argument, metavar="YYYY", help=_("the year the data is taken from"))
    new.add_argument(
        "--matter", type=id_argument, metavar="ID", help=_("the major matter (resolution, result)")
    )
    new.set_defaults(handler=cmd_notice_new)

    publish = notice_commands.add_parser("publish", help=_("check, number and freeze a draft"))
    publish.add_argument("draft", type=id_argument, metavar="DRAFT")
    publish.set_defaults(handler=cmd_notice_publish)

    printing = notice_commands.add_parser("print", help=_("write a published notice as PDF"))
    printing.add_argument("number", metavar="NUMBER")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    printing.add_argument("--size", choices=("a4", "a3"), default="a4")
    printing.set_defaults(handler=cmd_notice_print)

    verify = notice_commands.add_parser("verify", help=_("tell whether a printed notice is genuine"))
    verify.add_argument("number", metavar="NUMBER")
    verify.add_argument("code", metavar="CHECKCODE")
    verify.set_defaults(handler=cmd_notice_verify)

    listing = notice_commands.add_parser("list", help=_("list every notice with its period and board dates"))
    listing.add_argument("--format", choices=("text", "csv"), default="text")
    listing.set_defaults(handler=cmd_notice_list)

    matter = commands.add_parser("matter", help=_("major village matters (四议两公开)"))
    matter_commands = matter.add_subparsers(dest="matter_command", required=True, metavar="COMMAND")

    matter_new = matter_commands.add_parser("new", help=_("record a new major matter"))
    matter_new.add_argument("--title", required=True, metavar="TEXT")
    matter_new.add_argument("--content", default="", metavar="TEXT", help=_("what is proposed"))
    matter_new.set_defaults(handler=cmd_matter_new)

    step = matter_commands.add_parser("step", help=_("record the next step's meeting and votes"))
    step.add_argument("id", type=id_argument, metavar="ID")
    step.add_argument("--step", required=True, choices=STEPS)
    step.add_argument("--date", required=True, type=date_argument, metavar="YYYY-MM-DD")
    step.add_argument("--present", required=True, type=count_argument, metavar="N")
    step.add_argument("--expected", required=True, type=count_argument, metavar="N")
    step.add_argument("--for", dest="votes_for", required=True, type=count_argument, metavar="N")
    step.add_argument("--against", required=True, type=count_argument, metavar="N")
    step.add_argument("--abstain", required=True, type=count_argument, metavar="N")
    step.add_argument(
        "--meeting",
        type=id_argument,
        metavar="ID",
        help=_("the 支部党员大会 recorded in the organisation life that was this members' meeting"),
    )
    step.set_defaults(handler=cmd_matter_step)

    implement = matter_commands.add_parser("implement", help=_("record what was done after the resolution"))
    implement.add_argument("id", type=id_argument, metavar="ID")
    implement.add_argument("--date", required=True, type=date_argument, metavar="YYYY-MM-DD")
    implement.add_argument("--text", required=True, metavar="TEXT")
    implement.add_argument(
        "--reason", default="", metavar="TEXT", help=_("why it started before the resolution's period ended")
    )
    implement.set_defaults(handler=cmd_matter_implement)

    matter_list = matter_commands.add_parser("list", help=_("list the major matters and their steps"))
    matter_list.set_defaults(handler=cmd_matter_list)

    matter_print = matter_commands.add_parser("print", help=_("write the record of a whole matter as PDF"))
    matter_print.add_argument("id", type=int, metavar="ID")
    matter_print.add_argument("--out", required=True, metavar="FILE.pdf")
    matter_print.set_defaults(handler=cmd_matter_print)
