"""Party dues: standards, payments and their month allocations, receipts, hand-ups.

Money is whole fen (integers), months are YYYYMM integers: portable to PostgreSQL, exact in SQL sums.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, by, create_table, reference

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "dues_handup",
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("to_central", sa.Boolean(), nullable=False),
        sa.Column("receiver", sa.String(length=100), nullable=False),
        sa.Column("receipt_number", sa.String(length=50), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=True),
        sa.Column("last_month", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        reference("reverses_id", "dues_handup", nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        at("created"),
        by("created"),
        unique=[("reverses_id",)],
    )
    op.create_index(op.f("ix_dues_handup_branch_id"), "dues_handup", ["branch_id"], unique=False)
    create_table(
        "dues_payment",
        reference("member_id"),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("extra_fen", sa.Integer(), nullable=False),
        sa.Column("to_central", sa.Boolean(), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=True),
        sa.Column("last_month", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("collector", sa.String(length=50), nullable=False),
        sa.Column("paid_where", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
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
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("from_month", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("income_fen", sa.Integer(), nullable=True),
        sa.Column("rate", sa.String(length=12), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("capped", sa.Boolean(), nullable=False),
        sa.Column("rules", sa.String(length=40), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
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
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
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
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
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
