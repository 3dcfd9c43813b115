"""Party dues: standards, payments and their month allocations, receipts, hand-ups.

Money is whole fen (integers), months are YYYYMM integers: portable to PostgreSQL, exact in SQL sums.
"""

from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    schema.create_table(
        "dues_handup",
        *schema.dates("handed_on"),
        *schema.integers("amount_fen"),
        *schema.flags("to_central"),
        *schema.texts(receiver=100, receipt_number=50),
        *schema.integers("first_month", "last_month", nullable=True),
        *schema.notes("note"),
        schema.reference("reverses_id", "dues_handup", nullable=True),
        *schema.notes("reason"),
        schema.at("created"),
        schema.by("created"),
        unique=[("reverses_id",)],
    )
    op.create_index(op.f("ix_dues_handup_branch_id"), "dues_handup", ["branch_id"], unique=False)
    schema.create_table(
        "dues_payment",
        schema.reference("member_id"),
        *schema.texts(kind=10),
        *schema.dates("paid_on"),
        *schema.integers("amount_fen", "extra_fen"),
        *schema.flags("to_central"),
        *schema.integers("first_month", "last_month", nullable=True),
        *schema.texts(method=20, collector=50, paid_where=200),
        *schema.notes("reason"),
        schema.reference("reverses_id", "dues_payment", nullable=True),
        schema.at("created"),
        schema.by("created"),
        unique=[("reverses_id",)],
    )
    op.create_index("ix_dues_payment_member", "dues_payment", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_dues_payment_paid_on", "dues_payment", ["branch_id", "paid_on"], unique=False)
    schema.create_table(
        "dues_standard",
        schema.reference("member_id"),
        *schema.integers("year", "from_month"),
        *schema.texts(category=20),
        *schema.integers("income_fen", nullable=True),
        *schema.texts(rate=12),
        *schema.integers("amount_fen"),
        *schema.flags("capped"),
        *schema.texts(rules=40),
        *schema.dates("declared_on"),
        *schema.notes("note"),
        *schema.flags("active"),
        schema.at("created"),
        schema.by("created"),
    )
    op.create_index(
        "ix_dues_standard_member_month",
        "dues_standard",
        ["branch_id", "member_id", "from_month"],
        unique=False,
    )
    schema.create_table(
        "dues_allocation",
        schema.reference("payment_id", "dues_payment"),
        schema.reference("member_id"),
        *schema.integers("month", "amount_fen"),
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
    schema.create_table(
        "dues_receipt",
        schema.reference("payment_id", "dues_payment"),
        *schema.integers("year", "serial"),
        *schema.dates("issued_on"),
        schema.at("created"),
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
