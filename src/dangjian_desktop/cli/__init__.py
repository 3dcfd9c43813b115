"""``dangjian``: the program's services from the command line, for scripts and tests.

Exit codes, the same in every command (``cli_support``, listed at the end of every ``--help``): 0 done;
1 something typed needs fixing (e.g. bad rows in an import, a value out of range); 2 could not be done.
"""

from __future__ import annotations

import argparse
import importlib
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
    report_error,
    say,
)
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.features import FEATURES
from dangjian_desktop.i18n import _, ngettext
from dangjian_desktop.services.workspace import check_workspace, open_workspace, server_url_in_use

# The branch profile's parts besides its name, each an option of ``init`` of the same name.
PROFILE_DETAILS = ("township", "county", "secretary", "phone", "supervision_phone")


def cmd_init(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.branch import BranchProfile, save_profile

    workspace = open_data(args)
    try:
        details = {name: getattr(args, name) for name in PROFILE_DETAILS}
        profile = save_profile(workspace, BranchProfile(name=args.branch, **details))
    finally:
        workspace.close()
    say(
        _("The branch {name} is set up. Data folder: {folder}").format(
            name=profile.name, folder=workspace.folder
        )
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.backups import back_up_now, back_up_to

    workspace = open_workspace(args.data_dir, database_url=args.database, daily_backup=False)
    try:
        path = back_up_to(workspace, Path(args.to)) if args.to else back_up_now(workspace)
    finally:
        workspace.close()
    say(str(path))
    return EXIT_OK


def refuse_on_server(args: argparse.Namespace) -> None:
    """The PC's backups and restores are not for data on the township's server (its administrator's)."""
    from dangjian_desktop.services.backups import KeptOnTheServer

    if server_url_in_use(args.database) is not None:
        raise KeptOnTheServer()


def cmd_backups(args: argparse.Namespace) -> int:
    """The kept backups, newest first; works when the data itself cannot be opened."""
    from dangjian_desktop.i18n import format_datetime
    from dangjian_desktop.services.backups import backup_passes, list_backups, reason_label
    from dangjian_desktop.services.workspace import data_folder

    refuse_on_server(args)
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

    refuse_on_server(args)
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

    if server_url_in_use(args.database) is not None:
        return check_server(args)
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


def check_server(args: argparse.Namespace) -> int:
    """``check`` on the township's server: versions, the login and its branch, references across branches."""
    from dangjian_desktop.services.server_check import check_server as run_check

    workspace = open_workspace(args.data_dir, database_url=args.database, daily_backup=False)
    try:
        found = run_check(workspace)
    finally:
        workspace.close()
    if found.status is None:
        say(_("Schema version: newer than this program; install the newer version of the program."))
    else:
        say(
            _("Schema version: {current} (program: {head})").format(
                current=found.status.current, head=found.status.head
            )
        )
    say(_("Login: {user} ({kind})").format(user=found.user, kind=found.kind))
    if found.branch_code or found.branch_name:
        say(_("Branch: {code} {name}").format(code=found.branch_code, name=found.branch_name))
    say(
        _("Rows seen: {count} in {tables} tables").format(
            count=sum(found.rows.values()), tables=len(found.rows)
        )
    )
    for crossing in found.crossing:
        say(
            _("{table}.{column}: {count} rows point at a row of another branch").format(
                table=crossing.table, column=crossing.column, count=crossing.rows
            )
        )
    if not found.crossing:
        say(_("References across branches: none"))
    return EXIT_OK if found.is_sound else EXIT_FAILED


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
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the program's version and exit"),
    )
    parser.add_argument("--data-dir", metavar="DIR", help=_("use this data folder"))
    parser.add_argument(
        "--database",
        metavar="URL",
        help=_(
            "work on the township's server: postgresql://USER:PASSWORD@HOST:PORT/DATABASE "
            "(default: the variable DANGJIAN_DATABASE_URL, else the data folder's own file)"
        ),
    )
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

    for module in FEATURES:  # each module's own commands, in the order of the navigation
        if module.has_cli:
            importlib.import_module(module.cli_module).add_commands(commands)

    importlib.import_module("dangjian_desktop.cli.admin").add_commands(commands)
    importlib.import_module("dangjian_desktop.cli.exchange").add_commands(commands)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A deliberate monkeypatch of the standard library: argparse looks its own words ("usage:", "options",
    # its error messages) up through its module-level ``_`` and ``ngettext`` at call time, and offers no
    # other hook. Handing it ours puts them into the active language (translations/*/argparse.po). It is
    # set on every call of ``main`` and is harmless to other users of argparse in this process: our ``_``
    # gives back the English text it is given when no translation is there.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except AppError as error:
        return report_error(error)
    finally:
        forget_operator_override()
