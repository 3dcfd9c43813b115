"""``dangjian members``: the roster from the command line.

    dangjian members add NAME --id IDNUMBER [--joined YYYY-MM-DD] [--category …] [--office TEXT] …
    dangjian members list [--format csv] [--unmask]
    dangjian members import FILE [--dry-run] [--all-or-nothing]
    dangjian members export FILE.xlsx
    dangjian members print --out FILE.pdf [--with-id-numbers]

Exit codes as for ``dangjian``: 0 done, 1 the input needs fixing (bad rows in an import), 2 could not be done.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from dangjian_desktop.cli.support import EXIT_BAD_INPUT, EXIT_OK, open_data, print_field_errors, say
from dangjian_desktop.domain.choices import CATEGORY, DUES_CATEGORY, MEMBER_STATUS, SEX
from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import _


def cmd_members_add(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.members import add_member

    raw = {
        "name": args.name,
        "id_number": args.id,
        "joined_date": args.joined,
        "category": args.category,
        "office": args.office,
        "phone": args.phone,
        "dues_category": args.dues_category,
        "full_member_date": args.full_member,
        "party_group": args.group,
    }
    workspace = open_data(args)
    try:
        record = add_member(workspace, raw)
    except FieldErrors as error:
        print_field_errors(error, field_label)
        return EXIT_BAD_INPUT
    finally:
        workspace.close()
    say(_("Added {name} to the roster.").format(name=record.data.name))
    for warning in record.data.warnings:
        say(warning)
    return EXIT_OK


def cmd_members_list(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.members import roster_rows

    workspace = open_data(args)
    try:
        rows = roster_rows(workspace)
    finally:
        workspace.close()
    header = [_("Number")] + [
        field_label(k)
        for k in (
            "name",
            "sex",
            "birth_date",
            "id_number",
            "category",
            "joined_date",
            "party_group",
            "office",
            "dues_category",
            "phone",
        )
    ]
    header.append(_("Status"))
    table = [header]
    for row in rows:
        table.append(
            [
                str(row.id),
                row.name,
                SEX.label(row.sex),
                row.birth_date,
                row.id_number if args.unmask else mask_id_number(row.id_number),
                CATEGORY.label(row.category),
                row.joined_date,
                row.party_group,
                row.office,
                DUES_CATEGORY.label(row.dues_category),
                row.phone if args.unmask else mask_phone(row.phone),
                MEMBER_STATUS.label(row.status),
            ]
        )
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(table)
    else:
        for line in table:
            say("  ".join(line))
        say(_("{count} members on the roster.").format(count=len(rows)))
    return EXIT_OK


def cmd_members_import(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.members.roster_import import commit_import, read_roster_file

    workspace = open_data(args)
    try:
        workspace.require_branch()
        preview = read_roster_file(Path(args.file), workspace=workspace)
        for problem in preview.problems:
            say(problem.line())
        for warning in preview.warnings:
            say(_("Note: {text}").format(text=warning.line()))
        has_bad = bool(preview.problems)
        if args.dry_run:
            say(
                _("Checked only, nothing written: {good} good rows, {bad} rows with problems.").format(
                    good=len(preview.good), bad=preview.bad_row_count
                )
            )
        elif has_bad and args.all_or_nothing:
            say(_("Nothing was imported because some rows have problems (--all-or-nothing)."))
        else:
            summary = commit_import(workspace, preview)
            say(
                _("Imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
                    added=summary.added, updated=summary.updated, unchanged=summary.unchanged
                )
            )
            if has_bad:
                say(_("{bad} rows with problems were not imported.").format(bad=preview.bad_row_count))
    finally:
        workspace.close()
    return EXIT_BAD_INPUT if has_bad else EXIT_OK


def cmd_members_export(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.members.roster_export import export_roster

    workspace = open_data(args)
    try:
        count = export_roster(workspace, Path(args.file))
    finally:
        workspace.close()
    say(_("Exported {count} members to {path}").format(count=count, path=args.file))
    return EXIT_OK


def cmd_members_print(args: argparse.Namespace) -> int:
    """The 花名册 as the roster page prints it (A4 landscape); the ID numbers only when asked."""
    from dangjian_desktop.services.members.roster_print import export_roster_pdf

    workspace = open_data(args)
    try:
        path = export_roster_pdf(workspace, Path(args.out), with_id_numbers=args.with_id_numbers)
    finally:
        workspace.close()
    say(str(path))
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    members = commands.add_parser("members", help=_("the roster of members"))
    member_commands = members.add_subparsers(dest="members_command", required=True, metavar="COMMAND")

    add = member_commands.add_parser("add", help=_("add a member to the roster"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--id", required=True, metavar="IDNUMBER", help=_("resident ID number"))
    add.add_argument("--joined", metavar="YYYY-MM-DD", help=_("date joined the Party"))
    add.add_argument("--full-member", metavar="YYYY-MM-DD", help=_("date of full membership"))
    add.add_argument("--category", metavar="正式党员|预备党员", help=_("member category"))
    add.add_argument("--office", default="", metavar="TEXT", help=_("office held; empty for none"))
    add.add_argument("--group", default="", metavar="TEXT", help=_("Party group"))
    add.add_argument("--phone", default="", metavar="TEXT", help=_("phone"))
    add.add_argument(
        "--dues-category",
        metavar="CAT",
        help=_("work / income category: {choices}").format(
            choices=", ".join(c.sheet_name for c in DUES_CATEGORY)
        ),
    )
    add.set_defaults(handler=cmd_members_add)

    listing = member_commands.add_parser("list", help=_("list the members on the roster"))
    listing.add_argument("--format", choices=("text", "csv"), default="text")
    listing.add_argument("--unmask", action="store_true", help=_("show full ID numbers and phones"))
    listing.set_defaults(handler=cmd_members_list)

    importing = member_commands.add_parser("import", help=_("import members from an Excel or CSV sheet"))
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("check the sheet only, write nothing"))
    importing.add_argument(
        "--all-or-nothing", action="store_true", help=_("write nothing when any row has a problem")
    )
    importing.set_defaults(handler=cmd_members_import)

    exporting = member_commands.add_parser("export", help=_("export the roster to an Excel file"))
    exporting.add_argument("file", metavar="FILE.xlsx")
    exporting.set_defaults(handler=cmd_members_export)

    printing = member_commands.add_parser("print", help=_("write the roster (花名册) as a PDF to print"))
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    printing.add_argument(
        "--with-id-numbers",
        action="store_true",
        help=_("add the full ID numbers (an internal roster to keep in the branch file)"),
    )
    printing.set_defaults(handler=cmd_members_print)
