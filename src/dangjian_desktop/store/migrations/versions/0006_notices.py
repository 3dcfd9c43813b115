"""Public notices (党务公开) and major matters (四议两公开) with their steps. Its own branch of migrations
from the initial schema.
"""

import sqlalchemy as sa
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

revision = "0006_notices"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "matter",
        *texts(title=200),
        *notes("content"),
        *texts(status=20),
        at("created"),
        at("updated"),
        by("created"),
    )
    op.create_index("ix_matter_branch_status", "matter", ["branch_id", "status"], unique=False)
    create_table(
        "notice",
        *texts(status=20, type=20),
        *integers("year", "sequence", nullable=True),
        *texts(number=50, title=200, addressee=100),
        *notes("body"),
        *texts(issuer=100),
        *dates("issued_on", "period_from", "period_to"),
        *integers("period_days"),
        *flags("working_days"),
        *texts(place=100, qr_mode=10, qr_link=500),
        *dates("posted_on", "taken_down_on", nullable=True),
        reference("refers_to", "notice", nullable=True),
        *texts(relation=20),
        reference("matter_id", nullable=True),
        *notes("frozen_content"),
        *texts(content_hash=64, check_code=16),
        *integers("qr_mask", nullable=True),
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
        *texts(step=30),
        *integers("position"),
        *dates("held_on"),
        *integers("expected", "present", "votes_for", "votes_against", "votes_abstain", nullable=True),
        *flags("quorum_met", "passed"),
        *texts(outcome=50),
        *notes("text"),
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
