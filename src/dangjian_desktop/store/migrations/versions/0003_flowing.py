"""Members working away: stays, activity books, organisation life, opinions and contacts while away.

Its own branch of revisions from the initial schema (each module has one); the program upgrades to all heads.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, create_table, reference

revision = "0003_flowing"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "flowing_stay",
        reference("member_id"),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("expected_return", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=50), nullable=False),
        sa.Column("province", sa.String(length=30), nullable=False),
        sa.Column("city", sa.String(length=30), nullable=False),
        sa.Column("county", sa.String(length=30), nullable=False),
        sa.Column("workplace", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("occupation", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("other_contact", sa.String(length=100), nullable=False),
        sa.Column("receiving_org", sa.String(length=100), nullable=False),
        sa.Column("receiving_contact", sa.String(length=50), nullable=False),
        sa.Column("receiving_phone", sa.String(length=30), nullable=False),
        sa.Column("receiving_since", sa.Date(), nullable=True),
        sa.Column("home_contact", sa.String(length=50), nullable=False),
        sa.Column("home_contact_phone", sa.String(length=30), nullable=False),
        sa.Column("return_date", sa.Date(), nullable=True),
        sa.Column("return_note", sa.Text(), nullable=False),
        at("created"),
        at("updated"),
    )
    op.create_index(
        "ix_flowing_stay_member", "flowing_stay", ["branch_id", "member_id", "return_date"], unique=False
    )
    create_table(
        "activity_book",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("official_number", sa.String(length=50), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        reference("replaced_by_id", "activity_book", nullable=True),
        at("created"),
        unique=[("branch_id", "number")],
    )
    op.create_index("ix_activity_book_member", "activity_book", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_activity_book_year", "activity_book", ["branch_id", "year", "serial"], unique=False)
    create_table(
        "flowing_contact",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("means", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("contacted_by", sa.String(length=50), nullable=False),
        at("created"),
    )
    op.create_index(
        "ix_flowing_contact_member", "flowing_contact", ["branch_id", "member_id", "date"], unique=False
    )
    create_table(
        "flowing_opinion",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(length=50), nullable=False),
        at("created"),
    )
    op.create_index(
        "ix_flowing_opinion_member", "flowing_opinion", ["branch_id", "member_id", "date"], unique=False
    )
    create_table(
        "flowing_org_life",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("org", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("certified_by", sa.String(length=50), nullable=False),
        at("created"),
    )
    op.create_index(
        "ix_flowing_org_life_member", "flowing_org_life", ["branch_id", "member_id", "date"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_flowing_org_life_member", table_name="flowing_org_life")
    op.drop_table("flowing_org_life")
    op.drop_index("ix_flowing_opinion_member", table_name="flowing_opinion")
    op.drop_table("flowing_opinion")
    op.drop_index("ix_flowing_contact_member", table_name="flowing_contact")
    op.drop_table("flowing_contact")
    op.drop_index("ix_activity_book_year", table_name="activity_book")
    op.drop_index("ix_activity_book_member", table_name="activity_book")
    op.drop_table("activity_book")
    op.drop_index("ix_flowing_stay_member", table_name="flowing_stay")
    op.drop_table("flowing_stay")
