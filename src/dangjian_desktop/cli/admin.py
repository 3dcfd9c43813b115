"""``dangjian --database URL admin …``: the township administrator's commands on the shared database.

Passwords are read from a file (``--password-file``, or ``-`` for the first line of standard input),
never from the command line, where other users of the computer and the shell's history would see them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dangjian_desktop.cli.support import EXIT_OK, say
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _


class NoDatabaseGiven(AppError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Which database? Give --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE before "
                "admin (or set DANGJIAN_DATABASE_URL)."
            )
        )


def database_url(args: argparse.Namespace) -> str:
    import os

    from dangjian_desktop.services.workspace import DATABASE_URL_VARIABLE

    url = getattr(args, "database", None) or os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not url:
        raise NoDatabaseGiven()
    return str(url)


def read_password(path: str) -> str:
    """The first line of the file (or of standard input for ``-``), without its line end."""
    try:
        if path == "-":
            line = sys.stdin.readline()
        else:
            with open(path, encoding="utf-8-sig") as handle:
                line = handle.readline()
    except (OSError, UnicodeDecodeError) as error:
        raise FieldErrors(
            {"password": _("The password file {path} cannot be read: {error}").format(path=path, error=error)}
        ) from error
    return line.rstrip("\r\n")


def cmd_init(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin
    from dangjian_desktop.services.server_login import server_address

    url = database_url(args)
    report = server_admin.init_database(url)
    say(
        _("The database {address} is set up (schema {version}).").format(
            address=server_address(url), version=report.after
        )
    )
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin

    url = database_url(args)
    report = server_admin.upgrade_database(url)
    for note in report.notes:
        say(note)
    if report.before == report.after:
        say(_("The database is already at this program's version ({version}).").format(version=report.after))
    else:
        say(
            _("The database was upgraded from {before} to {after}.").format(
                before=report.before or "-", after=report.after
            )
        )
    return EXIT_OK


def cmd_add_branch(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin

    branch_id = server_admin.add_branch(
        database_url(args), args.code, args.name, township=args.township, county=args.county
    )
    say(_("Branch {code} {name} added (number {id}).").format(code=args.code, name=args.name, id=branch_id))
    _say_key(args, server_admin_issue_key(args))
    return EXIT_OK


def server_admin_issue_key(args: argparse.Namespace):  # noqa: ANN201
    from dangjian_desktop.services import exchange

    return exchange.issue_key(database_url(args), getattr(args, "code", None) or args.branch)


def _say_key(args: argparse.Namespace, issued) -> None:  # noqa: ANN001
    """The key is shown once: on the screen, and in a file when --key-file names one."""
    from dangjian_desktop.services import exchange

    say(
        _(
            "Exchange key of branch {code} (for the USB exchange; give it to the secretary, it is shown once):"
        ).format(code=issued.code)
    )
    say("  " + issued.printed)
    if getattr(args, "key_file", None):
        say(_("Written: {path}").format(path=exchange.write_key_file(issued, Path(args.key_file))))


def cmd_exchange_key(args: argparse.Namespace) -> int:
    _say_key(args, server_admin_issue_key(args))
    say(_("Files signed with the branch's earlier key are refused from now on."))
    return EXIT_OK


def cmd_add_user(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin

    password = read_password(args.password_file)
    server_admin.add_user(database_url(args), args.name, password, role=args.role, branch_code=args.branch)
    if args.role == "village":
        say(_("Login {name} added for branch {code}.").format(name=args.name, code=args.branch))
    else:
        say(_("Township login {name} added: it reads every branch.").format(name=args.name))
    return EXIT_OK


def cmd_reset_password(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin

    server_admin.reset_password(database_url(args), args.name, read_password(args.password_file))
    say(_("The password of {name} was changed.").format(name=args.name))
    return EXIT_OK


def cmd_accounts(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_admin

    for account in server_admin.list_accounts(database_url(args)):
        say(f"{account.name}\t{account.role}\t{account.branch_code}\t{account.branch_name}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_backup

    url = database_url(args)
    if args.branch:
        path = server_backup.back_up_branch(url, args.branch, Path(args.out))
        say(_("Branch {code} was backed up to {path}").format(code=args.branch, path=path))
    else:
        path = server_backup.back_up_database(url, Path(args.out))
        say(_("The whole database was backed up to {path}").format(path=path))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import server_backup

    url = database_url(args)
    if args.branch:
        count = server_backup.restore_branch(url, args.branch, Path(args.file))
        say(
            _(
                "Branch {code} was restored from {path} ({count} rows); the other branches are unchanged."
            ).format(code=args.branch, path=args.file, count=count)
        )
    else:
        report = server_backup.restore_database(url, Path(args.file))
        say(_("The whole database was restored from {path}.").format(path=args.file))
        if report.before != report.after:  # a dump made by an older version of the program
            say(
                _("The database was upgraded from {before} to {after}.").format(
                    before=report.before or "-", after=report.after
                )
            )
        for note in report.notes:
            say(note)
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.server_check import change_log

    lines = change_log(database_url(args), login=args.user, code=args.branch, limit=args.limit)
    for line in lines:
        say(
            "\t".join(
                (
                    f"{line.at:%Y-%m-%d %H:%M:%S}",
                    line.branch_code or "-",
                    line.login or "-",
                    line.operator,
                    line.table,
                    line.action,
                    line.summary,
                )
            )
        )
    if not lines:
        say(_("The change log has no such lines."))
    return EXIT_OK


def _add_maintenance_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser(
        "backup", help=_("back up the whole database (pg_dump), or one branch with --branch")
    )
    backup.add_argument("--out", required=True, metavar="FILE", help=_("the backup file to write"))
    backup.add_argument(
        "--branch", metavar="CODE", help=_("only this branch (a file the program reads back)")
    )
    backup.set_defaults(handler=cmd_backup)
    restore = commands.add_parser(
        "restore", help=_("put a backup back: the whole database, or one branch with --branch")
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--branch", metavar="CODE", help=_("replace only this branch's data by the file's"))
    restore.set_defaults(handler=cmd_restore)
    log = commands.add_parser("log", help=_("the change log of every branch: who changed what"))
    log.add_argument("--user", metavar="LOGIN", help=_("only the changes of this login"))
    log.add_argument("--branch", metavar="CODE", help=_("only the changes in this branch"))
    log.add_argument("--limit", type=int, default=50, metavar="N", help=_("at most N lines, newest first"))
    log.set_defaults(handler=cmd_log)


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    admin = subparsers.add_parser(
        "admin", help=_("the township administrator's commands on the shared PostgreSQL database")
    )
    commands = admin.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    init = commands.add_parser("init", help=_("create the schema, the roles and the row-level security"))
    init.set_defaults(handler=cmd_init)
    upgrade = commands.add_parser("upgrade", help=_("upgrade the schema to this program's version"))
    upgrade.set_defaults(handler=cmd_upgrade)

    branch = commands.add_parser("add-branch", help=_("add a village branch"))
    branch.add_argument("--code", required=True, metavar="CODE", help=_("a short code, e.g. 03"))
    branch.add_argument("--name", required=True, metavar="NAME", help=_("branch name"))
    branch.add_argument(
        "--township", default="", metavar="TEXT", help=_("township or street Party committee")
    )
    branch.add_argument("--county", default="", metavar="TEXT", help=_("county or district"))
    branch.add_argument(
        "--key-file", metavar="FILE", help=_("also write the branch's exchange key into this file")
    )
    branch.set_defaults(handler=cmd_add_branch)

    key = commands.add_parser(
        "exchange-key", help=_("issue a new exchange key for a branch (the old one stops working)")
    )
    key.add_argument("--branch", required=True, metavar="CODE")
    key.add_argument("--key-file", metavar="FILE", help=_("also write the key into this file"))
    key.set_defaults(handler=cmd_exchange_key)

    user = commands.add_parser("add-user", help=_("add a login for a village secretary or the township"))
    user.add_argument("name", metavar="NAME", help=_("the login name, e.g. qianjin"))
    user.add_argument(
        "--password-file",
        required=True,
        metavar="FILE",
        help=_("a file whose first line is the password (- for standard input)"),
    )
    user.add_argument("--branch", metavar="CODE", help=_("the branch of a village login"))
    user.add_argument("--role", required=True, choices=("village", "township"))
    user.set_defaults(handler=cmd_add_user)

    reset = commands.add_parser("reset-password", help=_("give a login a new password"))
    reset.add_argument("name", metavar="NAME")
    reset.add_argument(
        "--password-file",
        required=True,
        metavar="FILE",
        help=_("a file whose first line is the password (- for standard input)"),
    )
    reset.set_defaults(handler=cmd_reset_password)

    listing = commands.add_parser("accounts", help=_("list the logins and their branches"))
    listing.set_defaults(handler=cmd_accounts)
    _add_maintenance_commands(commands)
