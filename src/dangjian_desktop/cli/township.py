"""``dangjian report township --year YYYY --out FILE.xlsx|FILE.pdf``: the township Party committee's report
across every branch (a township account on the server only; a village account is refused in words).

Exit codes as in ``cli.support``: 0 written; 2 refused (not a township account) or the file could not be
written; 1 a year or a file ending to fix."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dangjian_desktop.cli.support import EXIT_OK, say, with_data, year_argument
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    from dangjian_desktop.services.workspace import Workspace


def _out_argument(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".xlsx", ".pdf"):
        raise argparse.ArgumentTypeError(
            _("{path}: the file must end in .xlsx or .pdf").format(path=text[:200])
        )
    return path


def cmd_township(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import township

    def write(workspace: Workspace) -> Path:
        return township.export_report(township.township_report(workspace, args.year), args.out)

    written = with_data(args, write)
    say(_("Written: {path}").format(path=written))
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", help=_("reports of the township Party committee"))
    sub = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    township = sub.add_parser(
        "township",
        help=_("every branch's figures for a year, as a workbook (.xlsx) or a PDF (township accounts)"),
    )
    township.add_argument("--year", required=True, type=year_argument, metavar="YYYY", help=_("the year"))
    township.add_argument(
        "--out", required=True, type=_out_argument, metavar="FILE", help=_("the file to write: .xlsx or .pdf")
    )
    township.set_defaults(handler=cmd_township)
