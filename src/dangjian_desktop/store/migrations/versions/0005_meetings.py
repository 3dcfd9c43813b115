"""Organisation life: meetings, their attendance, and the yearly democratic evaluation of members.
Its own branch of migrations from the initial schema.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, by, create_table, reference

revision = "0005_meetings"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "meeting",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("party_group", sa.String(length=50), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("presenter", sa.String(length=50), nullable=False),
        sa.Column("recorder", sa.String(length=50), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        at("created"),
        at("updated"),
        by("recorded"),
    )
    op.create_index("ix_meeting_branch_held_on", "meeting", ["branch_id", "held_on"], unique=False)
    create_table(
        "meeting_attendance",
        reference("meeting_id"),
        reference("member_id"),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        unique=[("meeting_id", "member_id")],
    )
    op.create_index(
        op.f("ix_meeting_attendance_member_id"), "meeting_attendance", ["member_id"], unique=False
    )
    create_table(
        "member_evaluation",
        sa.Column("year", sa.Integer(), nullable=False),
        reference("member_id"),
        sa.Column("self_assessment", sa.Text(), nullable=False),
        sa.Column("votes", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        at("updated"),
        unique=[("branch_id", "year", "member_id")],
    )
    op.create_index(op.f("ix_member_evaluation_member_id"), "member_evaluation", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_member_evaluation_member_id"), table_name="member_evaluation")
    op.drop_table("member_evaluation")
    op.drop_index(op.f("ix_meeting_attendance_member_id"), table_name="meeting_attendance")
    op.drop_table("meeting_attendance")
    op.drop_index("ix_meeting_branch_held_on", table_name="meeting")
    op.drop_table("meeting")
