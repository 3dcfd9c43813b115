"""Party dues: the database itself refuses a second live payment of a member's month.

A reversal leaves the month's rows in place (+50 / −50 fen), so (member, month) alone cannot be unique.
Each allocation gets a ``generation``: how many earlier payments of that member's month were reversed.
A unique partial index over the positive rows allows one payment per member, month and generation; one
over the negative rows lets each be reversed once. Two windows paying the same month at once both write
generation 0, and the database keeps one of them.

Months already paid twice (two program windows on one folder could do that before) are not deleted:
each payment gets its own generation so that the index can be built, and every such month is reported
in words (the start-up notes the program shows, the audit log, the log file) so that the secretary
reverses the extra payment.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0002_01"
down_revision = "0002"

log = logging.getLogger("dangjian_desktop.migrations")

PAID = sa.text("amount_fen > 0")
REVERSED = sa.text("amount_fen < 0")
COLUMNS = ["branch_id", "member_id", "month", "generation"]


def upgrade() -> None:
    op.add_column(
        "dues_allocation", sa.Column("generation", sa.Integer(), nullable=False, server_default="0")
    )
    connection = op.get_bind()
    _number_generations(connection)
    doubles = _months_paid_twice(connection)
    if doubles:
        _report(connection, doubles)
    op.create_index(
        "uq_dues_allocation_paid",
        "dues_allocation",
        COLUMNS,
        unique=True,
        sqlite_where=PAID,
        postgresql_where=PAID,
    )
    op.create_index(
        "uq_dues_allocation_reversed",
        "dues_allocation",
        COLUMNS,
        unique=True,
        sqlite_where=REVERSED,
        postgresql_where=REVERSED,
    )


def downgrade() -> None:
    op.drop_index("uq_dues_allocation_reversed", table_name="dues_allocation")
    op.drop_index("uq_dues_allocation_paid", table_name="dues_allocation")
    with op.batch_alter_table("dues_allocation") as batch:
        batch.drop_column("generation")


def _number_generations(connection: sa.Connection) -> None:
    """Only months with a reversal or more than one payment need a generation other than 0."""
    rows = connection.execute(
        sa.text(
            """
            SELECT a.id, a.branch_id, a.member_id, a.month, a.amount_fen, a.payment_id, p.reverses_id
            FROM dues_allocation a
            JOIN dues_payment p ON p.id = a.payment_id
            JOIN (
                SELECT branch_id, member_id, month
                FROM dues_allocation
                GROUP BY branch_id, member_id, month
                HAVING SUM(CASE WHEN amount_fen > 0 THEN 1 ELSE 0 END) > 1 OR MIN(amount_fen) < 0
            ) busy ON busy.branch_id = a.branch_id AND busy.member_id = a.member_id AND busy.month = a.month
            ORDER BY a.branch_id, a.member_id, a.month, a.id
            """
        )
    ).all()
    months: dict[tuple[int, int, int], list[sa.Row[Any]]] = defaultdict(list)
    for row in rows:
        months[(row.branch_id, row.member_id, row.month)].append(row)
    updates = []
    for allocations in months.values():
        of_payment: dict[int, int] = {}
        paid = [a for a in allocations if a.amount_fen > 0]
        for generation, allocation in enumerate(paid):
            of_payment[allocation.payment_id] = generation
            if generation:
                updates.append({"row_id": allocation.id, "generation": generation})
        used: set[int] = set()
        for allocation in (a for a in allocations if a.amount_fen < 0):
            generation = of_payment.get(allocation.reverses_id, -1)
            if generation < 0 or generation in used:  # not expected: a reversal of another month
                generation = max([*of_payment.values(), *used, -1]) + 1
            used.add(generation)
            if generation:
                updates.append({"row_id": allocation.id, "generation": generation})
    if updates:
        connection.execute(
            sa.text("UPDATE dues_allocation SET generation = :generation WHERE id = :row_id"), updates
        )


def _months_paid_twice(connection: sa.Connection) -> list[sa.Row[Any]]:
    """Member-months with more than one payment that was not reversed, with their receipts."""
    found = connection.execute(
        sa.text(
            """
            SELECT a.branch_id, a.member_id, m.name, a.month, p.id AS payment_id, p.paid_on,
                   r.year AS receipt_year, r.serial AS receipt_serial
            FROM dues_allocation a
            JOIN dues_payment p ON p.id = a.payment_id
            JOIN member m ON m.id = a.member_id
            LEFT JOIN dues_receipt r ON r.payment_id = p.id
            WHERE a.amount_fen > 0
              AND NOT EXISTS (SELECT 1 FROM dues_payment x WHERE x.reverses_id = p.id)
              AND (a.branch_id, a.member_id, a.month) IN (
                SELECT b.branch_id, b.member_id, b.month
                FROM dues_allocation b
                JOIN dues_payment q ON q.id = b.payment_id
                WHERE b.amount_fen > 0
                  AND NOT EXISTS (SELECT 1 FROM dues_payment y WHERE y.reverses_id = q.id)
                GROUP BY b.branch_id, b.member_id, b.month
                HAVING COUNT(*) > 1
              )
            ORDER BY a.branch_id, a.member_id, a.month, p.id
            """
        )
    ).all()
    return list(found)


def _report(connection: sa.Connection, rows: list[sa.Row[Any]]) -> None:
    from dangjian_desktop.domain.dues import Month, describe_months
    from dangjian_desktop.i18n import _
    from dangjian_desktop.store.audit import audit_row, current_user

    months: dict[tuple[int, int, int], list[sa.Row[Any]]] = defaultdict(list)
    for row in rows:
        months[(row.branch_id, row.member_id, row.month)].append(row)
    notes, audit_rows = [], []
    for (branch_id, member_id, month), payments in months.items():
        entries = "、".join(
            _("receipt {number}").format(number=f"{p.receipt_year}-{p.receipt_serial:04d}")
            if p.receipt_serial
            else _("entry of {date}").format(date=str(p.paid_on))
            for p in payments
        )
        note = _(
            "{name}: the dues for {month} are recorded {count} times ({entries}). Nothing was deleted: "
            "please check, and reverse the extra payment on the dues page."
        ).format(
            name=payments[0].name,
            month=describe_months([Month.from_int(month)]),
            count=len(payments),
            entries=entries,
        )
        notes.append(note)
        log.warning("%s", note)
        audit_rows.append(
            audit_row(
                branch_id=branch_id,
                table="dues_payment",
                record_id=payments[-1].payment_id,
                action="check",
                summary=note,
                after={"member_id": member_id, "month": month, "payments": [p.payment_id for p in payments]},
                user=current_user(),
                at=dt.datetime.now(),
            )
        )
    names = ("branch_id", "at", "user", "table_name", "record_id", "action", "summary", "before", "after")
    audit_log = sa.table("audit_log", *(sa.column(name) for name in names))
    connection.execute(sa.insert(audit_log), audit_rows)
    context.config.attributes.setdefault("notes", []).extend(notes)
