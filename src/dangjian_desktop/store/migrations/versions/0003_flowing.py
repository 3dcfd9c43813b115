"""Members working away: stays, activity books, organisation life, opinions and contacts while away.

Its own branch of revisions from the initial schema (each module has one); the program upgrades to all heads.

Revision ID: 0003_flowing
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_flowing"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flowing_stay",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
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
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_flowing_stay_branch_id_branch")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_flowing_stay_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flowing_stay")),
    )
    op.create_index(
        "ix_flowing_stay_member", "flowing_stay", ["branch_id", "member_id", "return_date"], unique=False
    )
    op.create_table(
        "activity_book",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("official_number", sa.String(length=50), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_activity_book_branch_id_branch")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_activity_book_member_id_member")),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"],
            ["activity_book.id"],
            name=op.f("fk_activity_book_replaced_by_id_activity_book"),
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["flowing_stay.id"], name=op.f("fk_activity_book_stay_id_flowing_stay")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_book")),
        sa.UniqueConstraint("branch_id", "number", name=op.f("uq_activity_book_branch_id")),
    )
    op.create_index("ix_activity_book_member", "activity_book", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_activity_book_year", "activity_book", ["branch_id", "year", "serial"], unique=False)
    op.create_table(
        "flowing_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("means", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("contacted_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_flowing_contact_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_flowing_contact_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["flowing_stay.id"], name=op.f("fk_flowing_contact_stay_id_flowing_stay")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flowing_contact")),
    )
    op.create_index(
        "ix_flowing_contact_member", "flowing_contact", ["branch_id", "member_id", "date"], unique=False
    )
    op.create_table(
        "flowing_opinion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_flowing_opinion_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_flowing_opinion_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["flowing_stay.id"], name=op.f("fk_flowing_opinion_stay_id_flowing_stay")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flowing_opinion")),
    )
    op.create_index(
        "ix_flowing_opinion_member", "flowing_opinion", ["branch_id", "member_id", "date"], unique=False
    )
    op.create_table(
        "flowing_org_life",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("org", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("certified_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_flowing_org_life_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_flowing_org_life_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["flowing_stay.id"], name=op.f("fk_flowing_org_life_stay_id_flowing_stay")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flowing_org_life")),
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
