"""Organisation life: meetings, their attendance, and the yearly democratic evaluation of members.
Its own branch of migrations from the initial schema.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0005_meetings"
down_revision = "0001"


def upgrade() -> None:
    schema.create_table(
        "meeting",
        *schema.texts(kind=20),
        *schema.dates("held_on"),
        sa.Column("start_time", sa.Time(), nullable=True),
        *schema.texts(party_group=50, place=100, topic=200, presenter=50, recorder=50),
        *schema.notes("minutes"),
        schema.at("created"),
        schema.at("updated"),
        schema.by("recorded"),
    )
    op.create_index("ix_meeting_branch_held_on", "meeting", ["branch_id", "held_on"], unique=False)
    schema.create_table(
        "meeting_attendance",
        schema.reference("meeting_id"),
        schema.reference("member_id"),
        *schema.texts(status=10, reason=10, note=200),
        unique=[("meeting_id", "member_id")],
    )
    op.create_index(
        op.f("ix_meeting_attendance_member_id"), "meeting_attendance", ["member_id"], unique=False
    )
    schema.create_table(
        "member_evaluation",
        *schema.integers("year"),
        schema.reference("member_id"),
        *schema.notes("self_assessment", "votes"),
        *schema.texts(grade=20),
        schema.at("updated"),
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
