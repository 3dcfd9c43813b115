"""Public notices (党务公开) and major matters (四议两公开) with their steps. Its own branch of migrations
from the initial schema.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0006_notices"
down_revision = "0001"


def upgrade() -> None:
    schema.create_table(
        "matter",
        *schema.texts(title=200),
        *schema.notes("content"),
        *schema.texts(status=20),
        schema.at("created"),
        schema.at("updated"),
        schema.by("created"),
    )
    op.create_index("ix_matter_branch_status", "matter", ["branch_id", "status"], unique=False)
    schema.create_table(
        "notice",
        *schema.texts(status=20, type=20),
        *schema.integers("year", "sequence", nullable=True),
        *schema.texts(number=50, title=200, addressee=100),
        *schema.notes("body"),
        *schema.texts(issuer=100),
        *schema.dates("issued_on", "period_from", "period_to"),
        *schema.integers("period_days"),
        *schema.flags("working_days"),
        *schema.texts(place=100, qr_mode=10, qr_link=500),
        *schema.dates("posted_on", "taken_down_on", nullable=True),
        schema.reference("refers_to", "notice", nullable=True),
        *schema.texts(relation=20),
        schema.reference("matter_id", nullable=True),
        *schema.notes("frozen_content"),
        *schema.texts(content_hash=64, check_code=16),
        *schema.integers("qr_mask", nullable=True),
        schema.at("created"),
        schema.at("updated"),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        schema.by("created"),
        unique=[("branch_id", "year", "sequence")],
    )
    op.create_index("ix_notice_branch_status", "notice", ["branch_id", "status"], unique=False)
    op.create_index(op.f("ix_notice_matter_id"), "notice", ["matter_id"], unique=False)
    schema.create_table(
        "matter_step",
        schema.reference("matter_id"),
        *schema.texts(step=30),
        *schema.integers("position"),
        *schema.dates("held_on"),
        *schema.integers("expected", "present", "votes_for", "votes_against", "votes_abstain", nullable=True),
        *schema.flags("quorum_met", "passed"),
        *schema.texts(outcome=50),
        *schema.notes("text"),
        schema.reference("notice_id", nullable=True),
        schema.at("recorded"),
        schema.by("recorded"),
        unique=[("matter_id", "step")],
    )


def downgrade() -> None:
    op.drop_table("matter_step")
    op.drop_index(op.f("ix_notice_matter_id"), table_name="notice")
    op.drop_index("ix_notice_branch_status", table_name="notice")
    op.drop_table("notice")
    op.drop_index("ix_matter_branch_status", table_name="matter")
    op.drop_table("matter")
