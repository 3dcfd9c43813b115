"""Dues paperwork: the services' data turned into receipts and reports (PDF) and workbooks (.xlsx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from dangjian_desktop.documents.dues_receipts import ReceiptData, write_receipts
from dangjian_desktop.documents.dues_reports import ReportTable as ReportTable
from dangjian_desktop.documents.dues_reports import cell_text as cell_text
from dangjian_desktop.documents.dues_reports import write_pdf as write_pdf
from dangjian_desktop.documents.dues_reports import write_xlsx as write_xlsx
from dangjian_desktop.domain import dues as rules
from dangjian_desktop.domain.dues import Month
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import N_, _, format_date
from dangjian_desktop.services import dues
from dangjian_desktop.services.workspace import Workspace

SIGNATURES = (N_("Prepared by"), N_("Branch secretary"))


def _signatures() -> tuple[str, ...]:
    return tuple(_(s) for s in SIGNATURES)


def months_text(months: Sequence[Month]) -> str:
    """ "2026年1月至2026年3月（共3个月）", "2026年1月", or the runs joined."""
    if not months:
        return ""
    ordered = sorted(months)
    if len(ordered) == 1:
        return ordered[0].label()
    if ordered[0].months_until(ordered[-1]) + 1 == len(ordered):
        return _("{first} to {last} ({count} months)").format(
            first=ordered[0].label(), last=ordered[-1].label(), count=len(ordered)
        )
    return "、".join(m.label() for m in ordered)


def _branch_line(name: str) -> str:
    return _("Branch: {name}").format(name=name)


def _unit_line() -> str:
    return _("Unit: yuan")


# --- receipts ---------------------------------------------------------------------------------------


def receipt_data(workspace: Workspace, payments: Sequence[dues.PaymentInfo]) -> list[ReceiptData]:
    name = dues.branch_name(workspace)
    return [
        ReceiptData(
            number=p.receipt_number,
            branch_name=name,
            member_name=p.member_name,
            months_text=months_text([m for m, _a in p.months]),
            amount=p.amount,
            extra=p.extra,
            paid_on_text=format_date(p.paid_on, "long"),
            method_text=rules.method_label(p.method),
            collector=p.collector,
            voided=p.is_reversed,
            to_central=p.to_central,
        )
        for p in payments
        if p.kind == dues.PAYMENT and p.receipt_number
    ]


def month_receipts(workspace: Workspace, month: Month, target: Path) -> Path:
    """Every receipt issued in ``month`` (the date on the receipt), in number order, several to an A4
    sheet with cut lines: ``dangjian dues receipts --month``."""
    payments = dues.payments_received(workspace, month.first_day, month.last_day)
    data = sorted(receipt_data(workspace, payments), key=lambda r: r.number)
    if not data:
        raise AppError(_("No receipt was issued in {month}.").format(month=month.label()))
    return write_receipts(data, Path(target))


def print_receipts(workspace: Workspace, payment_ids: Sequence[int], target: Path) -> Path:
    payments = dues.get_payments(workspace, payment_ids)
    data = receipt_data(workspace, payments)
    if not data:
        raise AppError(_("There is no receipt for these entries (paid elsewhere, or a reversal)."))
    return write_receipts(data, Path(target))


# --- report tables ----------------------------------------------------------------------------------


def _status_text(row: dues.CollectionRow) -> str:
    if row.is_paid:
        return _("Paid elsewhere") if row.paid_where else _("Paid")
    if not row.declared:
        return _("Not declared")
    return _("Not paid")


def month_summary_table(summary: dues.MonthSummary, made_on: dt.date | None = None) -> ReportTable:
    rows = []
    for index, r in enumerate(summary.rows, start=1):
        rows.append(
            (
                index,
                r.name,
                r.party_group,
                r.standard if r.standard is not None else _("Not declared"),
                r.paid if r.is_paid else None,
                format_date(r.paid_on, "short") if r.paid_on else "",
                (r.paid_where or rules.method_label(r.method)) if r.is_paid else "",
                _status_text(r),
            )
        )
    return ReportTable(
        title=_("Party dues collected in {month}").format(month=summary.month.label()),
        meta=(
            _branch_line(summary.branch_name),
            _("Month: {month}").format(month=summary.month.label()),
            _unit_line(),
        ),
        header=(
            _("No."),
            _("Name"),
            _("Party group"),
            _("Monthly standard"),
            _("Paid for the month"),
            _("Date paid"),
            _("Paid by way of"),
            _("Status"),
        ),
        rows=tuple(rows),
        totals=(_("Total"), "", "", summary.due_total, summary.paid_total, "", "", ""),
        weights=(0.6, 1.4, 1.4, 1.2, 1.2, 1.3, 1.3, 1.2),
        signatures=_signatures(),
        notes=(
            _("{paid} paid, {unpaid} not paid").format(paid=summary.paid_count, unpaid=summary.unpaid_count),
            _(
                "Money received in this month (advance payments and voluntary extras included): {amount} yuan."
            ).format(amount=f"{summary.received_total:,.2f}"),
            *(
                [
                    _("{count} members have no dues standard yet (not declared).").format(
                        count=summary.undeclared_count
                    )
                ]
                if summary.undeclared_count
                else []
            ),
        ),
        sheet_name=_("Month summary"),
        made_on=made_on or dt.date.today(),
    )


def year_sheet_table(sheet: dues.YearSheet, made_on: dt.date | None = None) -> ReportTable:
    rows = []
    marked = set()
    for row_index, r in enumerate(sheet.rows):
        cells: list[object] = []
        for month_index, (value, owed) in enumerate(zip(r.months, r.owed, strict=True)):
            if owed:
                cells.append(_("unpaid"))
                marked.add((row_index, 3 + month_index))
            elif not value and sheet.on_paper(month_index):
                cells.append(_("paper book"))  # before the ledger start: the paper book says
            else:
                cells.append(value if value else None)
        rows.append((r.name, r.party_group, r.standard, *cells, r.extra or None, r.total))
    month_headers = tuple(_("Month {month}").format(month=i) for i in range(1, 13))
    return ReportTable(
        title=_("Party dues paid in {year}").format(year=sheet.year),
        meta=(_branch_line(sheet.branch_name), _("Year: {year}").format(year=sheet.year), _unit_line()),
        header=(
            _("Name"),
            _("Party group"),
            _("Monthly standard"),
            *month_headers,
            _("Voluntary extra"),
            _("Year total"),
        ),
        rows=tuple(rows),  # type: ignore[arg-type]
        totals=(_("Total"), "", None, *sheet.month_totals, sheet.extra_total, sheet.total),
        weights=(1.3, 1.3, 1.1, *([0.9] * 12), 1.0, 1.1),
        landscape=True,
        signatures=_signatures(),
        notes=(
            _(
                "'unpaid': owed for a month that has ended and not paid. Months before a member's first "
                "standard are not owed."
            ),
            *(
                [
                    _(
                        "'paper book': this program keeps the ledger from {month}; earlier months are in the paper book."
                    ).format(month=sheet.ledger_start.label())
                ]
                if sheet.ledger_start is not None and sheet.on_paper(0)
                else []
            ),
            *(f"{r.name}：{r.opening_note}" for r in sheet.rows if r.opening_note),
        ),
        sheet_name=_("Year sheet"),
        made_on=made_on or dt.date.today(),
        marked_cells=frozenset(marked),
    )


def handups_table(workspace: Workspace, year: int, made_on: dt.date | None = None) -> ReportTable:
    entries = dues.handups(workspace, year)
    made_on = made_on or dt.date.today()
    as_of = min(made_on, dt.date(year, 12, 31))  # a year not over yet is counted up to the day it is made
    money = dues.balance(workspace, as_of)
    rows = []
    for h in entries:
        period = ""
        if h.first_month and h.last_month:
            period = months_text(rules.month_range(h.first_month, h.last_month))
        note = h.note
        if h.reverses_id:
            note = _("Reverses an earlier entry: {reason}").format(reason=h.reason)
        elif h.reversed_by_id:
            note = (note + " " if note else "") + _("(reversed)")
        rows.append(
            (
                format_date(h.handed_on, "short"),
                period,
                h.amount,
                h.receiver,
                h.receipt_number,
                _("Central Committee") if h.to_central else _("Township Party committee"),
                note,
            )
        )
    total = sum((h.amount for h in entries), Decimal("0.00"))
    central = sum((h.amount for h in entries if h.to_central), Decimal("0.00"))
    return ReportTable(
        title=_("Party dues handed up in {year}").format(year=year),
        meta=(_branch_line(dues.branch_name(workspace)), _("Year: {year}").format(year=year), _unit_line()),
        header=(
            _("Date"),
            _("Period"),
            _("Amount"),
            _("Received by"),
            _("Receipt number"),
            _("Handed to"),
            _("Note"),
        ),
        rows=tuple(rows),
        totals=(_("Total"), "", total, "", "", "", ""),
        weights=(1.1, 2.2, 1.0, 1.6, 1.2, 1.2, 2.0),
        signatures=_signatures(),
        notes=(
            _(
                "Collected by the branch up to {date}: {collected} yuan; handed up: {handed} yuan; "
                "held by the branch: {balance} yuan."
            ).format(
                date=format_date(as_of, "long"),
                collected=f"{money.collected:,.2f}",
                handed=f"{money.handed_up:,.2f}",
                balance=f"{money.balance:,.2f}",
            ),
            # The total above counts every hand-up; the balance counts the branch's own dues only.
            *(
                [
                    _(
                        "The total of the table includes {amount} yuan of voluntary extras handed on to the "
                        "Central Committee, which are not part of the branch's own dues."
                    ).format(amount=f"{central:,.2f}")
                ]
                if central
                else []
            ),
            *(
                [
                    _("Voluntary extras for the Central Committee not yet handed up: {amount} yuan.").format(
                        amount=f"{money.central_balance:,.2f}"
                    )
                ]
                if money.central_balance
                else []
            ),
        ),
        sheet_name=_("Hand-ups"),
        made_on=made_on,
    )


def arrears_table(workspace: Workspace, as_of: Month, made_on: dt.date | None = None) -> ReportTable:
    """The 欠缴 list up to ``as_of`` as the page shows it (up to this month: ended months only)."""
    rows = tuple(
        (
            r.name,
            r.party_group,
            r.consecutive,
            len(r.months),
            rules.describe_months(r.months),
            r.flag_label,
            _("Not paid this month") if r.this_month_unpaid else "",
        )
        for r in dues.arrears_up_to(workspace, as_of)
    )
    return ReportTable(
        title=_("Members with unpaid dues up to {month}").format(month=as_of.label()),
        meta=(_branch_line(dues.branch_name(workspace)),),
        header=(
            _("Name"),
            _("Party group"),
            _("Consecutive unpaid months"),
            _("Unpaid months in all"),
            _("Unpaid months"),
            _("Flag"),
            _("This month"),
        ),
        rows=rows,
        weights=(1.2, 1.2, 1.2, 1.1, 3.3, 0.8, 1.0),
        signatures=_signatures(),
        notes=(_("The program only flags; the branch decides (Party Constitution, article 9)."),),
        sheet_name=_("Arrears"),
        made_on=made_on or dt.date.today(),
    )


# --- exports ----------------------------------------------------------------------------------------


def _write(tables: Sequence[ReportTable], target: Path) -> Path:
    target = Path(target)
    if target.suffix.lower() == ".pdf":
        return write_pdf(tables, target)
    if target.suffix.lower() != ".xlsx":
        raise AppError(_("Choose a file name ending in .xlsx or .pdf."))
    return write_xlsx(tables, target)


def export_month_summary(workspace: Workspace, month: Month, target: Path) -> Path:
    return _write([month_summary_table(dues.month_summary(workspace, month))], target)


def export_year_sheet(workspace: Workspace, year: int, target: Path) -> Path:
    return _write([year_sheet_table(dues.year_sheet(workspace, year))], target)


def export_handups(workspace: Workspace, year: int, target: Path) -> Path:
    return _write([handups_table(workspace, year)], target)


def export_year_report(workspace: Workspace, year: int, target: Path) -> Path:
    """The year's dues workbook: the year sheet, the hand-ups and the arrears at the end of the year (or
    now, for the current year)."""
    as_of = min(Month(year, 12), Month.of(dt.date.today()))
    tables = [year_sheet_table(dues.year_sheet(workspace, year)), handups_table(workspace, year)]
    if as_of.year == year:
        tables.append(arrears_table(workspace, as_of))
    return _write(tables, target)
