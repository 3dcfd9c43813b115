"""Initial schema: branch, settings, members with their history, audit log."""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, by, create_table, reference

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_table(
        "branch",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("township", sa.String(length=100), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("secretary", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("supervision_phone", sa.String(length=30), nullable=False),
        at("created"),
        branch=False,
    )
    create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        unique=[("branch_id", "key")],
    )
    create_table(
        "member",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("sex", sa.String(length=4), nullable=False),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_date_precision", sa.String(length=5), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("education", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("joined_date", sa.Date(), nullable=True),
        sa.Column("joined_date_precision", sa.String(length=5), nullable=True),
        sa.Column("full_member_date", sa.Date(), nullable=True),
        sa.Column("full_member_date_precision", sa.String(length=5), nullable=True),
        sa.Column("party_group", sa.String(length=50), nullable=False),
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("dues_category", sa.String(length=20), nullable=False),
        sa.Column("occupation", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("flowing", sa.Boolean(), nullable=False),
        sa.Column("away_place", sa.String(length=200), nullable=False),
        sa.Column("holds_activity_book", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        at("created"),
        at("updated"),
        unique=[("branch_id", "id_number")],
    )
    op.create_index("ix_member_branch_status", "member", ["branch_id", "status"], unique=False)
    create_table(
        "member_event",
        reference("member_id"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status_before", sa.String(length=20), nullable=False),
        sa.Column("status_after", sa.String(length=20), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        at("recorded"),
        by("recorded"),
    )
    op.create_index(op.f("ix_member_event_member_id"), "member_event", ["member_id"], unique=False)
    create_table(
        "audit_log",
        reference("branch_id", nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        branch=False,
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)
    op.create_index(op.f("ix_audit_log_branch_id"), "audit_log", ["branch_id"], unique=False)


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("member_event")
    op.drop_index("ix_member_branch_status", table_name="member")
    op.drop_table("member")
    op.drop_table("setting")
    op.drop_table("branch")
