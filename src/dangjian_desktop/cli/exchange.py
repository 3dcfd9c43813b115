"""``dangjian exchange …``: the exchange with the township on a USB stick (docs/exchange-format.md).

On the village's PC: ``exchange key`` (the code and key the township gave), ``exchange export --out FILE``
(the branch's file), ``exchange import-decisions FILE`` (the township's reply), ``exchange status``, and
``exchange import FILE --key KEY`` to take a whole branch onto this PC (from the server, or another PC).

On the township's server (``--database URL``, the administrator's login for imports and whole-branch
exports; a township login may write and send decisions): ``exchange import FILE``, ``exchange decide``,
``exchange export-decisions --branch CODE --out FILE``, ``exchange export --branch CODE --out FILE`` and
``exchange status``.

A refused file exits with 1 and says why in words; nothing was changed then.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from dangjian_desktop.cli.support import EXIT_BAD_INPUT, EXIT_OK, date_argument, say, with_data
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _


def _server_url(args: argparse.Namespace) -> str:
    from dangjian_desktop.services.workspace import DATABASE_URL_VARIABLE

    return str(getattr(args, "database", None) or os.environ.get(DATABASE_URL_VARIABLE, "").strip())


def _say_counts(areas: dict[str, int]) -> None:
    for area, count in areas.items():
        say(_("  {area}: {count} records").format(area=area, count=count))


def _say_changes(areas: list) -> None:  # type: ignore[type-arg]
    for area in areas:
        say(
            _("  {area}: {new} new, {updated} updated, {unchanged} unchanged, {removed} removed").format(
                area=area.area,
                new=area.new,
                updated=area.updated,
                unchanged=area.unchanged,
                removed=area.removed,
            )
        )


def _refused(error: AppError) -> int:
    """A file refused: its reason on stderr, exit 1 (nothing was changed)."""
    if isinstance(error, FieldErrors):
        for message in error.errors.values():
            say(message, err=True)
    else:
        say(error.message, err=True)
    return EXIT_BAD_INPUT


def cmd_export(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import exchange

    url = _server_url(args)
    if url:
        if not args.branch:
            raise FieldErrors({"branch": _("On the township's server, say which branch: --branch CODE")})
        path = exchange.export_branch_from_server(url, args.branch, args.out)
        say(_("Written: {path}").format(path=path))
        return EXIT_OK
    sent = with_data(args, lambda workspace: exchange.export_branch(workspace, args.out))
    say(_("File number {sequence} for the township:").format(sequence=sent.sequence))
    _say_counts(sent.areas)
    say(_("Written: {path}").format(path=sent.path))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import exchange

    url = _server_url(args)
    done: exchange.Imported | exchange.BranchTaken
    try:
        if url:
            done = exchange.import_village_file(url, args.file)
        else:
            done = with_data(
                args, lambda workspace: exchange.import_branch_file(workspace, args.file, args.key or "")
            )
    except AppError as error:
        return _refused(error)
    if getattr(done, "already", False):
        say(
            _("File number {sequence} of branch {code} was imported before: nothing changed.").format(
                sequence=done.sequence, code=done.code
            )
        )
    else:
        say(
            _("Branch {code} {name}, file number {sequence}:").format(
                code=done.code, name=done.branch_name, sequence=done.sequence
            )
        )
    _say_changes(done.areas)
    if isinstance(done, exchange.Imported):
        say(
            _("In all: {new} new, {updated} updated, {unchanged} unchanged, {removed} removed.").format(
                new=done.new, updated=done.updated, unchanged=done.unchanged, removed=done.removed
            )
        )
    elif done.backup is not None:
        say(_("This computer's data as it was before: {path}").format(path=done.backup))
    return EXIT_OK


def cmd_export_decisions(args: argparse.Namespace) -> int:
    from dangjian_desktop.cli.admin import database_url
    from dangjian_desktop.services import exchange

    path = exchange.export_decisions(database_url(args), args.branch, args.out)
    say(_("Written: {path}").format(path=path))
    return EXIT_OK


def cmd_import_decisions(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import exchange

    try:
        done = with_data(args, lambda workspace: exchange.import_decisions(workspace, args.file))
    except AppError as error:
        return _refused(error)
    if done.already:
        say(_("This reply was imported before: nothing changed."))
    else:
        say(
            _("The township's decisions: {new} new, {updated} updated, {unchanged} unchanged.").format(
                new=done.new, updated=done.updated, unchanged=done.unchanged
            )
        )
    if done.accepted_sequence is not None:
        say(
            _("The township has taken your files up to number {sequence}.").format(
                sequence=done.accepted_sequence
            )
        )
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from dangjian_desktop.cli.admin import database_url
    from dangjian_desktop.services import exchange

    public_id = exchange.add_decision(
        database_url(args),
        args.branch,
        args.kind,
        args.subject,
        details=args.details,
        refers_to=args.refers_to,
        decided_on=args.date,
        decided_by=args.by,
    )
    say(_("Decision recorded for branch {code} ({id}).").format(code=args.branch, id=public_id))
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import exchange

    if args.key_file:
        state = with_data(args, lambda workspace: exchange.enter_key_file(workspace, Path(args.key_file)))
    else:
        state = with_data(
            args, lambda workspace: exchange.enter_key(workspace, args.code or "", args.key or "")
        )
    say(
        _("Exchange key of branch {code} entered (key {key_id}).").format(
            code=state.code, key_id=state.key_id
        )
    )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import exchange

    url = _server_url(args)
    if url:
        for received in exchange.last_imports(url):
            say(
                _("{code} {name}: file number {sequence} of {made}, imported {imported}").format(
                    code=received.code,
                    name=received.branch_name,
                    sequence=received.sequence,
                    made=received.made_at.date().isoformat(),
                    imported=received.imported_at.strftime("%Y-%m-%d %H:%M"),
                )
            )
        return EXIT_OK

    def status(workspace):  # noqa: ANN001, ANN202
        return exchange.key_state(workspace), exchange.preview(workspace)

    state, preview = with_data(args, status)
    if not state.has_key:
        say(_("No exchange key entered yet: dangjian exchange key --code CODE --key KEY"))
    else:
        say(_("Branch code {code}, key {key_id}.").format(code=state.code, key_id=state.key_id))
    if preview.last_accepted is not None:
        say(
            _("The township has taken your files up to number {sequence} ({date}).").format(
                sequence=preview.last_accepted, date=preview.last_accepted_at.date().isoformat()
            )
        )
    say(_("The next file is number {sequence}:").format(sequence=preview.sequence))
    _say_counts(preview.areas)
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from dangjian_desktop.domain.exchange import DECISION_KINDS

    exchange = commands.add_parser("exchange", help=_("exchange with the township on a USB stick"))
    sub = exchange.add_subparsers(dest="exchange_command", required=True, metavar="COMMAND")

    export = sub.add_parser("export", help=_("write the branch's file for the township"))
    export.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help=_("the file (or folder) to write")
    )
    export.add_argument("--branch", metavar="CODE", help=_("on the township's server: the branch to write"))
    export.set_defaults(handler=cmd_export)

    take = sub.add_parser("import", help=_("import a branch's file (the township's server, or this PC)"))
    take.add_argument("file", type=Path, metavar="FILE")
    take.add_argument(
        "--key", metavar="KEY", help=_("on a PC without the branch's key: the key from the township")
    )
    take.set_defaults(handler=cmd_import)

    out = sub.add_parser("export-decisions", help=_("write the township's decisions for one branch"))
    out.add_argument("--branch", required=True, metavar="CODE")
    out.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help=_("the file (or folder) to write")
    )
    out.set_defaults(handler=cmd_export_decisions)

    back = sub.add_parser("import-decisions", help=_("import the township's decisions on the village's PC"))
    back.add_argument("file", type=Path, metavar="FILE")
    back.set_defaults(handler=cmd_import_decisions)

    decide = sub.add_parser("decide", help=_("record a decision of the township for a branch"))
    decide.add_argument("--branch", required=True, metavar="CODE")
    decide.add_argument("--kind", required=True, choices=sorted(DECISION_KINDS))
    decide.add_argument(
        "--subject", required=True, metavar="TEXT", help=_("what was decided, in a few words")
    )
    decide.add_argument("--details", default="", metavar="TEXT")
    decide.add_argument(
        "--refers-to", metavar="ID", help=_("the public id of the village's record it is about")
    )
    decide.add_argument("--date", type=date_argument, metavar="YYYY-MM-DD", help=_("the day of the decision"))
    decide.add_argument("--by", default="", metavar="NAME", help=_("who decided"))
    decide.set_defaults(handler=cmd_decide)

    key = sub.add_parser("key", help=_("enter the branch code and exchange key the township gave"))
    key.add_argument("--code", metavar="CODE")
    key.add_argument("--key", metavar="KEY")
    key.add_argument("--key-file", metavar="FILE", help=_("the key file from the township"))
    key.set_defaults(handler=cmd_key)

    status = sub.add_parser("status", help=_("what was sent and taken"))
    status.set_defaults(handler=cmd_status)
