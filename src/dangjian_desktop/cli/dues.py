"""``dangjian dues …``: Party dues from the command line (standard, declare, pay, report, arrears).

Exit codes as in ``cli_support``: 0 done; 1 a value to fix (the message says what is wrong, in Chinese);
2 could not be done (e.g. no such member).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dangjian_desktop.cli.support import (
    EXIT_OK,
    check_date_range,
    money_argument,
    open_data,
    with_data,
    year_argument,
)
from dangjian_desktop.domain.dates import InvalidDate, parse_date
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _

if TYPE_CHECKING:
    from dangjian_desktop.services.workspace import Workspace

CATEGORY_CODES = ("employed", "retired", "farmer", "student", "hardship")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None or parsed.precision != "day":
        raise InvalidDate(_("Write the date with year, month and day, like 2026-03-01."))
    try:
        return check_date_range(parsed.value)
    except argparse.ArgumentTypeError as error:
        raise InvalidDate(str(error)) from None


def cmd_standard(args: argparse.Namespace) -> int:
    """Print the monthly dues for a category and income: a plain number with two decimals."""
    from dangjian_desktop.domain import dues as rules

    if not args.category:
        raise AppError(
            _("Please give the category with --category: {choices}.").format(
                choices=", ".join(CATEGORY_CODES)
            )
        )
    code = rules.dues_category_code(args.category)
    on_date = _date(args.date) or dt.date.today()
    income = args.income if code in rules.INCOME_CATEGORIES else None
    amount = rules.monthly_standard(code, income, on_date, farmer_amount=args.farmer_amount)
    print(f"{amount:.2f}")
    return EXIT_OK


def cmd_declare(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    def declare(workspace: Workspace) -> tuple[str, dues.StandardInfo]:
        member_id, name = dues.find_member(workspace, args.member)
        info = dues.declare_standard(
            workspace,
            member_id,
            year=args.year,
            category=args.category,
            income=args.income,
            from_month=Month.parse(args.from_month) if args.from_month else None,
            note=args.note,
        )
        return name, info

    name, info = with_data(args, declare)
    print(
        _("{name}: {amount} yuan a month from {month}.").format(
            name=name, amount=f"{info.amount:.2f}", month=str(info.from_month)
        )
    )
    return EXIT_OK


def cmd_pay(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    def pay(workspace: Workspace) -> dues.PaymentInfo:
        member_id, _name = dues.find_member(workspace, args.member)
        return dues.record_payment(
            workspace,
            member_id,
            Month.parse(args.first),
            Month.parse(args.last),
            args.amount,
            paid_on=_date(args.date),
            method=args.method,
            collector=args.collector,
            paid_where=args.where,
            reason=args.reason,
        )

    payment = with_data(args, pay)
    line = _("Recorded: {name}, {months}, {amount} yuan.").format(
        name=payment.member_name, months=payment.months_text, amount=f"{payment.amount:.2f}"
    )
    if payment.extra:
        line += " " + _("Of which voluntary: {amount} yuan.").format(amount=f"{payment.extra:.2f}")
    if payment.receipt_number:
        line += " " + _("Receipt No. {number}.").format(number=payment.receipt_number)
    print(line)
    if payment.receipt_number:
        print(payment.receipt_number)  # alone on the last line, for scripts
    return EXIT_OK


def _write_file(args: argparse.Namespace, write: Callable[[Workspace], Path]) -> int:
    """Open the data, ``write(workspace)`` a file and print where it went (the path alone)."""
    print(with_data(args, write))
    return EXIT_OK


def cmd_receipts(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services.dues import documents as dues_documents

    month = Month.parse(args.month)
    return _write_file(
        args, lambda workspace: dues_documents.month_receipts(workspace, month, Path(args.out))
    )


def cmd_ledger_start(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import dues

    workspace = open_data(args)
    try:
        if args.month:
            month = dues.set_ledger_start(workspace, args.month)
            print(
                _("The dues ledger is kept here from {month}; earlier months are in the paper book.").format(
                    month=month
                )
            )
            return EXIT_OK
        chosen = dues.ledger_start_chosen(workspace)
        start = chosen or dues.ledger_start(workspace)
    finally:
        workspace.close()
    if start is None:
        print(_("Not chosen yet, and no dues standard is declared yet."))
    elif chosen is None:
        print(_("{month} (not chosen yet: the month of the first standard)").format(month=start))
    else:
        print(start)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.dues import documents as dues_documents

    return _write_file(
        args, lambda workspace: dues_documents.export_year_report(workspace, args.year, Path(args.out))
    )


def cmd_arrears(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.dues import Month
    from dangjian_desktop.services import dues

    rows = with_data(
        args, lambda workspace: dues.arrears(workspace, Month.parse(args.as_of) if args.as_of else None)
    )
    table = [[_("Name"), _("Consecutive unpaid months"), _("Unpaid months"), _("Flag")]]
    for row in rows:
        table.append([row.name, str(row.consecutive), ";".join(str(m) for m in row.months), row.flag_label])
    if args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(table)
    else:
        for line in table:
            print("  ".join(line))
        print(_("{count} members have unpaid months.").format(count=len(rows)))
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    dues = subparsers.add_parser("dues", help=_("Party dues"))
    commands = dues.add_subparsers(dest="dues_command", required=True, metavar="COMMAND")

    standard = commands.add_parser("standard", help=_("work out the monthly dues for a category and income"))
    standard.add_argument("--category", metavar="CAT", help=", ".join(CATEGORY_CODES))
    standard.add_argument(
        "--income", type=money_argument, metavar="AMOUNT", help=_("monthly income base in yuan")
    )
    standard.add_argument("--date", metavar="YYYY-MM-DD", help=_("the rules in force on this date"))
    standard.add_argument(
        "--farmer-amount", type=money_argument, metavar="AMOUNT", help=_("the branch's amount for farmers")
    )
    standard.set_defaults(handler=cmd_standard)

    declare = commands.add_parser("declare", help=_("set a member's monthly dues for a year"))
    declare.add_argument("member", metavar="MEMBER", help=_("the member's number or exact name"))
    declare.add_argument("--category", required=True, metavar="CAT", help=", ".join(CATEGORY_CODES))
    declare.add_argument(
        "--income", type=money_argument, metavar="AMOUNT", help=_("monthly income base in yuan")
    )
    declare.add_argument("--year", required=True, type=year_argument, metavar="YYYY")
    declare.add_argument(
        "--from", dest="from_month", metavar="YYYY-MM", help=_("first month of the standard in that year")
    )
    declare.add_argument("--note", default="", metavar="TEXT")
    declare.set_defaults(handler=cmd_declare)

    pay = commands.add_parser("pay", help=_("record a payment for one or more months"))
    pay.add_argument("member", metavar="MEMBER", help=_("the member's number or exact name"))
    pay.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
    pay.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
    pay.add_argument(
        "--amount",
        required=True,
        type=money_argument,
        metavar="AMOUNT",
        help=_("the total for all the months"),
    )
    pay.add_argument("--date", metavar="YYYY-MM-DD", help=_("date paid; today if not given"))
    pay.add_argument("--method", choices=("cash", "transfer", "other"), default="cash")
    pay.add_argument("--collector", metavar="NAME", help=_("who received it; the secretary if not given"))
    pay.add_argument(
        "--where", default="", metavar="TEXT", help=_("where it was paid, if not to this branch")
    )
    pay.add_argument("--reason", default="", metavar="TEXT", help=_("reason, for months beyond the limits"))
    pay.set_defaults(handler=cmd_pay)

    report = commands.add_parser("report", help=_("write the year's dues workbook"))
    report.add_argument("--year", required=True, type=year_argument, metavar="YYYY")
    report.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    report.set_defaults(handler=cmd_report)

    receipts = commands.add_parser(
        "receipts", help=_("write the receipts issued in a month, several to a page")
    )
    receipts.add_argument("--month", required=True, metavar="YYYY-MM")
    receipts.add_argument("--out", required=True, metavar="FILE.pdf")
    receipts.set_defaults(handler=cmd_receipts)

    ledger = commands.add_parser(
        "ledger-start", help=_("print or set the month the dues ledger starts (earlier: the paper book)")
    )
    ledger.add_argument("month", nargs="?", metavar="YYYY-MM")
    ledger.set_defaults(handler=cmd_ledger_start)

    arrears = commands.add_parser("arrears", help=_("list members with unpaid months"))
    arrears.add_argument(
        "--as-of",
        metavar="YYYY-MM",
        help=_("up to the end of this month; if not given, the months that have ended by today"),
    )
    arrears.add_argument("--format", choices=("text", "csv"), default="text")
    arrears.set_defaults(handler=cmd_arrears)
