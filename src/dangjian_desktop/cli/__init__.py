"""``dangjian``: the program's services from the command line, for scripts and tests.

Exit codes, the same in every command (``cli_support``, listed at the end of every ``--help``): 0 done;
1 something typed needs fixing (e.g. bad rows in an import, a value out of range); 2 could not be done.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from dangjian_desktop import __version__
from dangjian_desktop.cli.support import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    Parser,
    forget_operator_override,
    open_data,
    print_field_errors,
    report_error,
    say,
)
from dangjian_desktop.domain.choices import CATEGORY, DUES_CATEGORY, MEMBER_STATUS, SEX
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.domain.idnumber import mask_id_number, mask_phone
from dangjian_desktop.domain.members import field_label
from dangjian_desktop.i18n import _, ngettext
from dangjian_desktop.services.workspace import check_workspace, open_workspace

# Each module of the program adds its own commands: a module here has ``add_commands(subparsers)``,
# whose handlers take the parsed arguments and return an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "dangjian_desktop.cli.posts",
    "dangjian_desktop.cli.dues",
    "dangjian_desktop.cli.flowing",
    "dangjian_desktop.cli.meetings",
    "dangjian_desktop.cli.notices",
)


def cmd_init(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.branch import BranchProfile, save_profile

    workspace = open_data(args)
    try:
        profile = save_profile(
            workspace,
            BranchProfile(
                name=args.branch,
                township=args.township,
                county=args.county,
                secretary=args.secretary,
                phone=args.phone,
                supervision_phone=args.supervision_phone,
            ),
        )
    finally:
        workspace.close()
    say(
        _("The branch {name} is set up. Data folder: {folder}").format(
            name=profile.name, folder=workspace.folder
        )
    )
    return EXIT_OK


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


def cmd_backup(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.backups import back_up_now, back_up_to

    workspace = open_workspace(args.data_dir, daily_backup=False)
    try:
        path = back_up_to(workspace, Path(args.to)) if args.to else back_up_now(workspace)
    finally:
        workspace.close()
    say(str(path))
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    """The kept backups, newest first; works when the data itself cannot be opened."""
    from dangjian_desktop.i18n import format_datetime
    from dangjian_desktop.services.backups import backup_passes, list_backups, reason_label
    from dangjian_desktop.services.workspace import data_folder

    folder = data_folder(args.data_dir)
    found = list_backups(folder)
    for info in found:
        line = f"{format_datetime(info.created, 'medium')}  {reason_label(info.reason)}  {info.path}"
        if args.check:
            line = ("✓ " if backup_passes(info.path) else "✗ ") + line
        say(line)
    say(_("{count} backups in {folder}").format(count=len(found), folder=folder / "backups"))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup file (any name, anywhere); works when the data itself cannot be opened."""
    from dangjian_desktop.services.backups import restore_into
    from dangjian_desktop.services.workspace import data_folder

    folder = data_folder(args.data_dir)
    chosen = Path(args.file)
    if not chosen.exists() and (folder / "backups" / chosen.name).exists():
        chosen = folder / "backups" / chosen.name  # a name as `dangjian backups` lists it
    try:
        result = restore_into(folder, chosen)
    except AppError as error:
        say(error.message, err=True)
        return EXIT_BAD_INPUT
    say(_("Restored {file}.").format(file=chosen))
    if result.safety_copy is not None:
        say(_("The data from before the restore was saved as {path}").format(path=result.safety_copy))
    for note in result.notes:
        say(note)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.data_problems import LiveDataProblem
    from dangjian_desktop.services.workspace import check_live_data, data_folder, folder_is_writable

    folder = data_folder(args.data_dir)
    try:
        check_live_data(folder, full=True, read_only=not folder_is_writable(folder))
    except LiveDataProblem as problem:
        say(problem.message, err=True)
        say(
            _("To put back a backup: dangjian backups --check, then dangjian restore FILE."),
            err=True,
        )
        return EXIT_FAILED
    workspace = open_workspace(folder, daily_backup=False)
    try:
        integrity, status = check_workspace(workspace)
    finally:
        workspace.close()
    say(_("Integrity check: {result}").format(result=integrity))
    say(_("Schema version: {current} (program: {head})").format(current=status.current, head=status.head))
    say(_("Branch set up: {answer}").format(answer=_("yes") if workspace.branch_id else _("no")))
    return EXIT_OK if integrity == "ok" and status.is_current else EXIT_FAILED


def cmd_operator(args: argparse.Namespace) -> int:
    """Show the 当前操作人, or name another (an empty name: the secretary again)."""
    from dangjian_desktop.services import operator

    workspace = open_data(args)
    try:
        current = (
            operator.set_operator(workspace, args.name)
            if args.name is not None
            else operator.current_operator(workspace)
        )
    finally:
        workspace.close()
    say(
        current.name
        or _("Nobody is named and the branch profile has no secretary: the computer's login name is written.")
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dangjian",
        description=_("Party affairs ledger, command line."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("use this data folder"))
    parser.add_argument(
        "--operator",
        metavar="NAME",
        help=_(
            "who makes the changes, for the change log (default: the current operator chosen in the settings)"
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    operator = commands.add_parser(
        "operator", help=_("show the current operator written in the change log, or name another")
    )
    operator.add_argument("name", nargs="?", metavar="NAME", help=_('the new name; "" for the secretary'))
    operator.set_defaults(handler=cmd_operator)

    init = commands.add_parser("init", help=_("set up the branch profile and create the database"))
    init.add_argument("--branch", required=True, metavar="NAME", help=_("branch name"))
    init.add_argument("--township", default="", metavar="TEXT", help=_("township or street Party committee"))
    init.add_argument("--county", default="", metavar="TEXT", help=_("county or district"))
    init.add_argument("--secretary", default="", metavar="TEXT", help=_("name of the branch secretary"))
    init.add_argument("--phone", default="", metavar="TEXT", help=_("contact phone"))
    init.add_argument("--supervision-phone", default="", metavar="TEXT", help=_("supervision phone"))
    init.set_defaults(handler=cmd_init)

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

    backup = commands.add_parser("backup", help=_("back up the database now and print the backup's path"))
    backup.add_argument(
        "--to",
        metavar="DIR",
        help=_("put the backup into this folder (e.g. a USB stick), named with branch and date"),
    )
    backup.set_defaults(handler=cmd_backup)
    listing_backups = commands.add_parser("backups", help=_("list the kept backups, newest first"))
    listing_backups.add_argument(
        "--check", action="store_true", help=_("mark each backup that can be restored")
    )
    listing_backups.set_defaults(handler=cmd_backups)
    restore = commands.add_parser(
        "restore",
        help=_("restore a backup file (checked first; the current data is backed up before it is replaced)"),
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)
    check = commands.add_parser("check", help=_("check the database's integrity and schema version"))
    check.set_defaults(handler=cmd_check)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # argparse looks its own words ("usage:", "options", its error messages) up through a module-level
    # ``_`` at call time; handing it ours puts them into the active language too.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except AppError as error:
        return report_error(error)
    finally:
        forget_operator_override()
