"""Organisation life: meetings, their attendance, and the yearly democratic evaluation of members.
Its own branch of migrations from the initial schema.

Revision ID: 0005_meetings
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_meetings"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("party_group", sa.String(length=50), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("presenter", sa.String(length=50), nullable=False),
        sa.Column("recorder", sa.String(length=50), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_meeting_branch_id_branch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    op.create_index("ix_meeting_branch_held_on", "meeting", ["branch_id", "held_on"], unique=False)
    op.create_table(
        "meeting_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_meeting_attendance_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attendance_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_meeting_attendance_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
        sa.UniqueConstraint("meeting_id", "member_id", name=op.f("uq_meeting_attendance_meeting_id")),
    )
    op.create_index(
        op.f("ix_meeting_attendance_member_id"), "meeting_attendance", ["member_id"], unique=False
    )
    op.create_table(
        "member_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("self_assessment", sa.Text(), nullable=False),
        sa.Column("votes", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_member_evaluation_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_evaluation_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_evaluation")),
        sa.UniqueConstraint("branch_id", "year", "member_id", name=op.f("uq_member_evaluation_branch_id")),
    )
    op.create_index(op.f("ix_member_evaluation_member_id"), "member_evaluation", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_member_evaluation_member_id"), table_name="member_evaluation")
    op.drop_table("member_evaluation")
    op.drop_index(op.f("ix_meeting_attendance_member_id"), table_name="meeting_attendance")
    op.drop_table("meeting_attendance")
    op.drop_index("ix_meeting_branch_held_on", table_name="meeting")
    op.drop_table("meeting")
