"""Party dues: standards, payments and their month allocations, receipts, hand-ups.

Money is whole fen (integers), months are YYYYMM integers: portable to PostgreSQL, exact in SQL sums.
"""

from alembic import op

from dangjian_desktop.store.migration_columns import (
    at,
    by,
    create_table,
    dates,
    flags,
    integers,
    notes,
    reference,
    texts,
)

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "dues_handup",
        *dates("handed_on"),
        *integers("amount_fen"),
        *flags("to_central"),
        *texts(receiver=100, receipt_number=50),
        *integers("first_month", "last_month", nullable=True),
        *notes("note"),
        reference("reverses_id", "dues_handup", nullable=True),
        *notes("reason"),
        at("created"),
        by("created"),
        unique=[("reverses_id",)],
    )
    op.create_index(op.f("ix_dues_handup_branch_id"), "dues_handup", ["branch_id"], unique=False)
    create_table(
        "dues_payment",
        reference("member_id"),
        *texts(kind=10),
        *dates("paid_on"),
        *integers("amount_fen", "extra_fen"),
        *flags("to_central"),
        *integers("first_month", "last_month", nullable=True),
        *texts(method=20, collector=50, paid_where=200),
        *notes("reason"),
        reference("reverses_id", "dues_payment", nullable=True),
        at("created"),
        by("created"),
        unique=[("reverses_id",)],
    )
    op.create_index("ix_dues_payment_member", "dues_payment", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_dues_payment_paid_on", "dues_payment", ["branch_id", "paid_on"], unique=False)
    create_table(
        "dues_standard",
        reference("member_id"),
        *integers("year", "from_month"),
        *texts(category=20),
        *integers("income_fen", nullable=True),
        *texts(rate=12),
        *integers("amount_fen"),
        *flags("capped"),
        *texts(rules=40),
        *dates("declared_on"),
        *notes("note"),
        *flags("active"),
        at("created"),
        by("created"),
    )
    op.create_index(
        "ix_dues_standard_member_month",
        "dues_standard",
        ["branch_id", "member_id", "from_month"],
        unique=False,
    )
    create_table(
        "dues_allocation",
        reference("payment_id", "dues_payment"),
        reference("member_id"),
        *integers("month", "amount_fen"),
    )
    op.create_index(
        "ix_dues_allocation_member_month",
        "dues_allocation",
        ["branch_id", "member_id", "month", "amount_fen"],
        unique=False,
    )
    op.create_index(
        "ix_dues_allocation_month",
        "dues_allocation",
        ["branch_id", "month", "member_id", "amount_fen"],
        unique=False,
    )
    op.create_index(op.f("ix_dues_allocation_payment_id"), "dues_allocation", ["payment_id"], unique=False)
    create_table(
        "dues_receipt",
        reference("payment_id", "dues_payment"),
        *integers("year", "serial"),
        *dates("issued_on"),
        at("created"),
        unique=[("branch_id", "year", "serial"), ("payment_id",)],
    )


def downgrade() -> None:
    op.drop_table("dues_receipt")
    op.drop_index(op.f("ix_dues_allocation_payment_id"), table_name="dues_allocation")
    op.drop_index("ix_dues_allocation_month", table_name="dues_allocation")
    op.drop_index("ix_dues_allocation_member_month", table_name="dues_allocation")
    op.drop_table("dues_allocation")
    op.drop_index("ix_dues_standard_member_month", table_name="dues_standard")
    op.drop_table("dues_standard")
    op.drop_index("ix_dues_payment_paid_on", table_name="dues_payment")
    op.drop_index("ix_dues_payment_member", table_name="dues_payment")
    op.drop_table("dues_payment")
    op.drop_index(op.f("ix_dues_handup_branch_id"), table_name="dues_handup")
    op.drop_table("dues_handup")
