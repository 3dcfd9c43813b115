"""Party dues: standards, payments and their month allocations, receipts, hand-ups.

Money is whole fen (integers), months are YYYYMM integers: portable to PostgreSQL, exact in SQL sums.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dues_handup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("to_central", sa.Boolean(), nullable=False),
        sa.Column("receiver", sa.String(length=100), nullable=False),
        sa.Column("receipt_number", sa.String(length=50), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=True),
        sa.Column("last_month", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_dues_handup_branch_id_branch")),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["dues_handup.id"], name=op.f("fk_dues_handup_reverses_id_dues_handup")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_handup")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_dues_handup_reverses_id")),
    )
    op.create_index(op.f("ix_dues_handup_branch_id"), "dues_handup", ["branch_id"], unique=False)
    op.create_table(
        "dues_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
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
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_dues_payment_branch_id_branch")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_dues_payment_member_id_member")),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["dues_payment.id"], name=op.f("fk_dues_payment_reverses_id_dues_payment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_payment")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_dues_payment_reverses_id")),
    )
    op.create_index("ix_dues_payment_member", "dues_payment", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_dues_payment_paid_on", "dues_payment", ["branch_id", "paid_on"], unique=False)
    op.create_table(
        "dues_standard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
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
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_dues_standard_branch_id_branch")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_dues_standard_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_standard")),
    )
    op.create_index(
        "ix_dues_standard_member_month",
        "dues_standard",
        ["branch_id", "member_id", "from_month"],
        unique=False,
    )
    op.create_table(
        "dues_allocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_dues_allocation_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_dues_allocation_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["dues_payment.id"], name=op.f("fk_dues_allocation_payment_id_dues_payment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_allocation")),
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
    op.create_table(
        "dues_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_dues_receipt_branch_id_branch")),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["dues_payment.id"], name=op.f("fk_dues_receipt_payment_id_dues_payment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_receipt")),
        sa.UniqueConstraint("branch_id", "year", "serial", name=op.f("uq_dues_receipt_branch_id")),
        sa.UniqueConstraint("payment_id", name=op.f("uq_dues_receipt_payment_id")),
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
