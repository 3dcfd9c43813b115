"""Initial schema: branch, settings, members with their history, audit log."""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0001"
down_revision = None


def upgrade() -> None:
    schema.create_table(
        "branch",
        *schema.texts(name=100, township=100, county=100, secretary=50, phone=30, supervision_phone=30),
        schema.at("created"),
        branch=False,
    )
    schema.create_table(
        "setting",
        *schema.texts(key=100),
        *schema.notes("value"),
        unique=[("branch_id", "key")],
    )
    schema.create_table(
        "member",
        *schema.texts(name=50, sex=4, ethnicity=20),
        *schema.dates("birth_date", nullable=True),
        *schema.texts(birth_date_precision=5, nullable=True),
        *schema.texts(id_number=18, education=20, category=10),
        *schema.dates("joined_date", nullable=True),
        *schema.texts(joined_date_precision=5, nullable=True),
        *schema.dates("full_member_date", nullable=True),
        *schema.texts(full_member_date_precision=5, nullable=True),
        *schema.texts(party_group=50, office=100, dues_category=20, occupation=100, phone=30, address=200),
        *schema.flags("flowing"),
        *schema.texts(away_place=200),
        *schema.flags("holds_activity_book"),
        *schema.notes("notes"),
        *schema.texts(status=20),
        *schema.dates("status_date", nullable=True),
        *schema.notes("status_reason", "search_key"),
        schema.at("created"),
        schema.at("updated"),
        unique=[("branch_id", "id_number")],
    )
    op.create_index("ix_member_branch_status", "member", ["branch_id", "status"], unique=False)
    schema.create_table(
        "member_event",
        schema.reference("member_id"),
        *schema.texts(kind=20, status_before=20, status_after=20),
        *schema.dates("event_date", nullable=True),
        *schema.notes("reason"),
        schema.at("recorded"),
        schema.by("recorded"),
    )
    op.create_index(op.f("ix_member_event_member_id"), "member_event", ["member_id"], unique=False)
    schema.create_table(
        "audit_log",
        schema.reference("branch_id", nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        *schema.texts(user=100, table_name=50),
        *schema.integers("record_id", nullable=True),
        *schema.texts(action=20),
        *schema.notes("summary"),
        *schema.notes("before", "after", nullable=True),
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
