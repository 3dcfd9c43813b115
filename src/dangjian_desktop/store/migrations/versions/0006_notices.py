"""Public notices (党务公开) and major matters (四议两公开) with their steps. Its own branch of migrations
from the initial schema.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, by, create_table, reference

revision = "0006_notices"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "matter",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        at("created"),
        at("updated"),
        by("created"),
    )
    op.create_index("ix_matter_branch_status", "matter", ["branch_id", "status"], unique=False)
    create_table(
        "notice",
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("addressee", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("period_days", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("qr_mode", sa.String(length=10), nullable=False),
        sa.Column("qr_link", sa.String(length=500), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=True),
        sa.Column("taken_down_on", sa.Date(), nullable=True),
        reference("refers_to", "notice", nullable=True),
        sa.Column("relation", sa.String(length=20), nullable=False),
        reference("matter_id", nullable=True),
        sa.Column("frozen_content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("check_code", sa.String(length=16), nullable=False),
        sa.Column("qr_mask", sa.Integer(), nullable=True),
        at("created"),
        at("updated"),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        by("created"),
        unique=[("branch_id", "year", "sequence")],
    )
    op.create_index("ix_notice_branch_status", "notice", ["branch_id", "status"], unique=False)
    op.create_index(op.f("ix_notice_matter_id"), "notice", ["matter_id"], unique=False)
    create_table(
        "matter_step",
        reference("matter_id"),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.Column("quorum_met", sa.Boolean(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        reference("notice_id", nullable=True),
        at("recorded"),
        by("recorded"),
        unique=[("matter_id", "step")],
    )


def downgrade() -> None:
    op.drop_table("matter_step")
    op.drop_index(op.f("ix_notice_matter_id"), table_name="notice")
    op.drop_index("ix_notice_branch_status", table_name="notice")
    op.drop_table("notice")
    op.drop_index("ix_matter_branch_status", table_name="matter")
    op.drop_table("matter")
