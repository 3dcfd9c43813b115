"""Dues: an opening note per member for the months kept in the paper book before the ledger start
(issue 13). Continues the dues branch.

Revision ID: 0007_dues_opening
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_dues_opening"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dues_opening_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_dues_opening_note_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_dues_opening_note_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_opening_note")),
        sa.UniqueConstraint("branch_id", "member_id", name=op.f("uq_dues_opening_note_branch_id")),
    )


def downgrade() -> None:
    op.drop_table("dues_opening_note")
