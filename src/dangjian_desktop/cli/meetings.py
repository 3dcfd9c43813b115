"""``dangjian meeting`` and ``dangjian due``: organisation life and the home page's list from the command line.

    dangjian meeting add --kind TEXT --date YYYY-MM-DD --topic TEXT [--absent NAME:REASON ...]
                         [--present NAME ...] [--time HH:MM] [--place TEXT] [--presenter TEXT]
                         [--recorder TEXT] [--group TEXT]
    dangjian meeting print ID --out FILE.pdf
    dangjian meeting list [--year YYYY] [--format csv]
    dangjian due [--as-of YYYY-MM-DD] [--format csv]

``meeting add`` expects the default attendees of the kind (everybody on the roster; the branch committee
for a 支部委员会; the Party group given with ``--group`` for a 党小组会). As on the screen's checklist,
members working away count as 外出 unless named with ``--present``, and everyone else expected who is not
named with ``--absent`` counts as present. REASON is 请假, 外出 or 其他 (other words are kept as the note of
其他). Who was away is judged on the meeting's date, not today. The meeting's number is printed alone on the last
line; ``meeting print`` writes its record (会议记录) as the screen prints it. Exit codes as for ``dangjian``:
0 done, 1 the input needs fixing, 2 could not be done.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from dangjian_desktop.cli.support import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    date_argument,
    open_data,
    print_field_errors,
    say,
    year_argument,
)
from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.meetings import ABSENCE_REASON, FIELD_LABELS, MEETING_KIND
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    from dangjian_desktop.services.meetings import Attendee, MeetingInfo

# The services are imported inside the commands that use them, so that ``--help`` and the other modules'
# commands start without loading them.


def _field_label(key: str) -> str:
    return rules.field_label(key) if key in FIELD_LABELS else ""


def _absence(text: str) -> tuple[str, str, str]:
    """NAME:REASON → (name, reason code, note)."""
    name, _sep, reason = normalize_text(text).replace("：", ":").partition(":")
    reason = reason.strip()
    code = ABSENCE_REASON.code_for(reason) if reason else rules.OTHER_REASON
    if code is None:
        return name.strip(), rules.OTHER_REASON, reason
    return name.strip(), code, ""


def _find(expected: list[Attendee], text: str, problems: list[str]) -> Attendee | None:
    """The expected member named by ``text`` (a name or a member number), or None with the problem said."""
    found = [a for a in expected if (text.isdigit() and a.member_id == int(text)) or a.name == text]
    if not found:
        problems.append(_("{name} is not among the members expected at this meeting.").format(name=text))
        return None
    if len(found) > 1:
        problems.append(
            _("Several members are called {name} (numbers {ids}). Give the member's number.").format(
                name=text, ids=", ".join(str(a.member_id) for a in found)
            )
        )
        return None
    return found[0]


def _attendance(
    expected: list[Attendee], absences: list[str], present: list[str]
) -> tuple[list[rules.Attendance], list[str]]:
    """As the screen's checklist starts: everybody expected present, members away 外出; then those named
    with --absent are absent and those named with --present (members away who came) present.
    Returns the marks and the problems."""
    reasons: dict[int, tuple[str, str]] = {a.member_id: (rules.AWAY, "") for a in expected if a.away}
    problems: list[str] = []
    for text in absences:
        name, code, note = _absence(text)
        member = _find(expected, name or text, problems)
        if member is not None:
            reasons[member.member_id] = (code, note)
    for text in present:
        member = _find(expected, normalize_text(text).strip(), problems)
        if member is not None:
            reasons.pop(member.member_id, None)
    marks = [rules.mark(a.member_id, *reasons.get(a.member_id, ("", ""))) for a in expected]
    return marks, problems


def _say_nobody_expected(kind: str) -> None:
    if rules.expected_scope(kind) == rules.EXPECT_COMMITTEE:
        say(
            _(
                "No member of the branch committee was found on the roster. Write 书记, 副书记 or "
                "支部委员 in the office column of the committee's members."
            ),
            err=True,
        )
    else:
        say(_("Nobody on the roster is expected at this meeting."), err=True)


def _meeting_values(args: argparse.Namespace, kind: str, marks: list[rules.Attendance]) -> dict[str, object]:
    return {
        "kind": kind,
        "held_on": args.date,
        "start_time": args.time,
        "topic": args.topic,
        "place": args.place,
        "presenter": args.presenter,
        "recorder": args.recorder,
        "party_group": args.group if rules.expected_scope(kind) == rules.EXPECT_GROUP else "",
        "minutes": args.minutes,
        "attendance": marks,
    }


def cmd_add(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import meetings

    kind = MEETING_KIND.code_for(args.kind)
    if kind is None:
        say(
            _("There is no kind of meeting called {kind}. Choose one of: {choices}.").format(
                kind=args.kind, choices="、".join(c.sheet_name for c in MEETING_KIND)
            ),
            err=True,
        )
        return EXIT_BAD_INPUT
    workspace = open_data(args)
    try:
        expected = meetings.expected_attendees(workspace, kind, args.group, args.date)
        if not expected:
            _say_nobody_expected(kind)
            return EXIT_BAD_INPUT
        marks, problems = _attendance(expected, args.absent or [], args.present or [])
        if problems:  # a member named who is not there: exit 2, as an unknown member in every command
            for problem in problems:
                say(problem, err=True)
            say(_("Nothing was saved."), err=True)
            return EXIT_FAILED
        try:
            detail = meetings.record_meeting(workspace, _meeting_values(args, kind, marks))
        except FieldErrors as error:
            print_field_errors(error, _field_label)
            return EXIT_BAD_INPUT
    finally:
        workspace.close()
    meeting = detail.meeting
    say(
        _("Recorded: {kind} on {date}, {topic}").format(
            kind=meeting.kind_label, date=meeting.held_on.isoformat(), topic=meeting.topic
        )
    )
    say(meeting.count.summary())
    for row in detail.absent:
        say(f"  {row.name}: {row.reason_text}")
    say(str(meeting.id))  # alone on the last line, for scripts: `dangjian meeting print ID`
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    """The 会议记录 as the screen's 打印 / 保存为 PDF makes it."""
    from dangjian_desktop.services import meetings

    workspace = open_data(args)
    try:
        path = meetings.export_minutes(workspace, args.meeting_id, args.out)
    finally:
        workspace.close()
    say(str(path))
    return EXIT_OK


def _csv_columns() -> list[tuple[str, Callable[[MeetingInfo], object]]]:
    """The columns of ``meeting list --format csv``: heading and value of each."""
    return [
        (_("Date"), lambda m: m.held_on.isoformat()),
        (_("Time"), lambda m: f"{m.start_time:%H:%M}" if m.start_time else ""),
        (rules.field_label("kind"), lambda m: MEETING_KIND.label(m.kind)),
        (rules.field_label("party_group"), lambda m: m.party_group),
        (rules.field_label("topic"), lambda m: m.topic),
        (rules.field_label("place"), lambda m: m.place),
        (rules.field_label("presenter"), lambda m: m.presenter),
        (rules.field_label("recorder"), lambda m: m.recorder),
        (_("Number expected"), lambda m: m.count.expected),
        (_("Number present"), lambda m: m.count.present),
        (_("Number absent"), lambda m: m.count.absent),
        (ABSENCE_REASON.label(rules.LEAVE), lambda m: m.count.on_leave),
        (ABSENCE_REASON.label(rules.AWAY), lambda m: m.count.away),
        (ABSENCE_REASON.label(rules.OTHER_REASON), lambda m: m.count.other),
    ]


def cmd_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import meetings

    workspace = open_data(args)
    try:
        held = meetings.list_meetings(workspace, args.year)
    finally:
        workspace.close()
    if args.format == "csv":
        columns = _csv_columns()
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([heading for heading, _value in columns])
        for m in held:
            writer.writerow([value(m) for _heading, value in columns])
        return EXIT_OK
    for m in held:
        say(f"{m.held_on.isoformat()}  {m.kind_label}  {m.topic}  {m.count.summary()}")
    if args.year:
        say(_("{count} meetings in {year}.").format(count=len(held), year=args.year))
    else:
        say(_("{count} meetings.").format(count=len(held)))
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import home as due_items

    workspace = open_data(args)
    try:
        items = due_items.due_items(workspace, args.as_of or dt.date.today())
    finally:
        workspace.close()
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([_("Kind"), _("Item"), _("Page to open"), _("Member number")])
        for item in items:
            writer.writerow(
                [item.kind_label, item.text, due_items.page_title(item.page), item.member_id or ""]
            )
        return EXIT_OK
    for item in items:
        say(f"[{item.kind_label}] {item.text}")
    if not any(item.urgent for item in items):
        say(_("Nothing is due."))
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    meeting = subparsers.add_parser("meeting", help=_("organisation life: meetings and their attendance"))
    commands = meeting.add_subparsers(dest="meeting_command", required=True, metavar="COMMAND")

    add = commands.add_parser("add", help=_("record a meeting that was held"))
    add.add_argument(
        "--kind",
        required=True,
        metavar="TEXT",
        help=_("kind of meeting: {choices}").format(choices="、".join(c.sheet_name for c in MEETING_KIND)),
    )
    add.add_argument(
        "--date", required=True, type=date_argument, metavar="YYYY-MM-DD", help=_("date of the meeting")
    )
    add.add_argument("--topic", required=True, metavar="TEXT", help=_("topic of the meeting"))
    add.add_argument(
        "--absent",
        action="extend",
        nargs="+",
        default=[],
        metavar="NAME:REASON",
        help=_(
            "a member who was absent, with the reason 请假, 外出 or 其他; everyone else expected was present, "
            "except members working away, who count as 外出"
        ),
    )
    add.add_argument(
        "--present",
        action="extend",
        nargs="+",
        default=[],
        metavar="NAME",
        help=_("a member working away who came to this meeting"),
    )
    add.add_argument("--time", default="", metavar="HH:MM", help=_("time the meeting began"))
    add.add_argument("--place", default="", metavar="TEXT", help=_("place of the meeting"))
    add.add_argument("--presenter", default="", metavar="TEXT", help=_("who chaired the meeting"))
    add.add_argument("--recorder", default="", metavar="TEXT", help=_("who took the minutes"))
    add.add_argument(
        "--group", default="", metavar="TEXT", help=_("the Party group, for a Party group meeting")
    )
    add.add_argument("--minutes", default="", metavar="TEXT", help=_("the minutes"))
    add.set_defaults(handler=cmd_add)

    printing = commands.add_parser("print", help=_("write the record of a meeting as PDF"))
    printing.add_argument(
        "meeting_id", type=int, metavar="ID", help=_("the meeting's number (from meeting add)")
    )
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    printing.set_defaults(handler=cmd_print)

    listing = commands.add_parser("list", help=_("list the meetings"))
    listing.add_argument("--year", type=year_argument, metavar="YYYY", help=_("only this year"))
    listing.add_argument("--format", choices=("text", "csv"), default="text")
    listing.set_defaults(handler=cmd_list)

    due = subparsers.add_parser("due", help=_("print what is due, as the home page lists it"))
    due.add_argument(
        "--as-of", type=date_argument, metavar="YYYY-MM-DD", help=_("as of this day (default: today)")
    )
    due.add_argument("--format", choices=("text", "csv"), default="text")
    due.set_defaults(handler=cmd_due)
