"""Party dues use cases (党费): declare standards, record and reverse payments, arrears, reports, hand-ups.

The rules are in ``domain.dues`` (with their sources); this package owns the transactions, writes the
audit log in the same transaction as every change, and returns frozen DTOs, never ORM objects.
Lists that grow with the roster (arrears, year sheet) are computed in SQL, one statement each, not with
a query per member: they must stay fast for 10,000 members × 5 years (``bench/bench_dues.py``).

One file per use-case group; the public names are re-exported here, so ``dues.record_payment(...)`` is
the way callers use them:

- ``common``: settings, branch and member lookups, the standard in force, the receipt number's form;
- ``opening``: where the ledger starts and the paper book's notes before it;
- ``standards``: 核定标准;
- ``payments``: payments, reversals, receipts;
- ``ledger``: the month's collection, the month summary, the year sheet;
- ``arrears_list``: 欠缴;
- ``hand_ups``: 上缴 and the balance;
- ``public_notice``: the data of a 党费收缴情况公示;
- ``documents``: all of it as receipts, reports and workbooks.
"""

from __future__ import annotations

from dangjian_desktop.domain.dues import Month
from dangjian_desktop.services.dues.arrears_list import ArrearsRow, arrears, arrears_up_to
from dangjian_desktop.services.dues.common import (
    PAYMENT,
    REVERSAL,
    DuesSettings,
    ReasonRequired,
    branch_name,
    default_collector,
    dues_settings,
    find_member,
    receipt_number,
)
from dangjian_desktop.services.dues.hand_ups import (
    Balance,
    HandUpInfo,
    PeriodRow,
    balance,
    handup_periods,
    handups,
    record_handup,
    reverse_handup,
)
from dangjian_desktop.services.dues.ledger import (
    CollectionRow,
    MonthSummary,
    YearSheet,
    YearSheetRow,
    collection_rows,
    month_summary,
    year_sheet,
)
from dangjian_desktop.services.dues.opening import (
    ledger_start,
    ledger_start_chosen,
    opening_notes,
    set_ledger_start,
    set_opening_note,
)
from dangjian_desktop.services.dues.payments import (
    MAX_MONTHS_IN_ONE_PAYMENT,
    PaymentInfo,
    collect_month,
    get_payment,
    get_payments,
    payments_of_member,
    payments_received,
    record_payment,
    reverse_payment,
)
from dangjian_desktop.services.dues.public_notice import NoticeData, NoticeRow, public_notice_data
from dangjian_desktop.services.dues.standards import (
    StandardInfo,
    StandardRow,
    amount_due,
    carry_forward_standards,
    declare_standard,
    declare_standards,
    follow_roster_category,
    standard_history,
    standards_for_year,
)

__all__ = [
    "MAX_MONTHS_IN_ONE_PAYMENT",
    "PAYMENT",
    "REVERSAL",
    "ArrearsRow",
    "Balance",
    "CollectionRow",
    "DuesSettings",
    "HandUpInfo",
    "Month",
    "MonthSummary",
    "NoticeData",
    "NoticeRow",
    "PaymentInfo",
    "PeriodRow",
    "ReasonRequired",
    "StandardInfo",
    "StandardRow",
    "YearSheet",
    "YearSheetRow",
    "amount_due",
    "arrears",
    "arrears_up_to",
    "balance",
    "branch_name",
    "carry_forward_standards",
    "collect_month",
    "collection_rows",
    "declare_standard",
    "declare_standards",
    "default_collector",
    "dues_settings",
    "find_member",
    "follow_roster_category",
    "get_payment",
    "get_payments",
    "handup_periods",
    "handups",
    "ledger_start",
    "ledger_start_chosen",
    "month_summary",
    "opening_notes",
    "payments_of_member",
    "payments_received",
    "public_notice_data",
    "receipt_number",
    "record_handup",
    "record_payment",
    "reverse_handup",
    "reverse_payment",
    "set_ledger_start",
    "set_opening_note",
    "standard_history",
    "standards_for_year",
    "year_sheet",
]
