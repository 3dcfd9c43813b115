"""Initial schema: branch, settings, members with their history, audit log."""

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

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_table(
        "branch",
        *texts(name=100, township=100, county=100, secretary=50, phone=30, supervision_phone=30),
        at("created"),
        branch=False,
    )
    create_table(
        "setting",
        *texts(key=100),
        *notes("value"),
        unique=[("branch_id", "key")],
    )
    create_table(
        "member",
        *texts(name=50, sex=4, ethnicity=20),
        *dates("birth_date", nullable=True),
        *texts(birth_date_precision=5, nullable=True),
        *texts(id_number=18, education=20, category=10),
        *dates("joined_date", nullable=True),
        *texts(joined_date_precision=5, nullable=True),
        *dates("full_member_date", nullable=True),
        *texts(full_member_date_precision=5, nullable=True),
        *texts(party_group=50, office=100, dues_category=20, occupation=100, phone=30, address=200),
        *flags("flowing"),
        *texts(away_place=200),
        *flags("holds_activity_book"),
        *notes("notes"),
        *texts(status=20),
        *dates("status_date", nullable=True),
        *notes("status_reason", "search_key"),
        at("created"),
        at("updated"),
        unique=[("branch_id", "id_number")],
    )
    op.create_index("ix_member_branch_status", "member", ["branch_id", "status"], unique=False)
    create_table(
        "member_event",
        reference("member_id"),
        *texts(kind=20, status_before=20, status_after=20),
        *dates("event_date", nullable=True),
        *notes("reason"),
        at("recorded"),
        by("recorded"),
    )
    op.create_index(op.f("ix_member_event_member_id"), "member_event", ["member_id"], unique=False)
    create_table(
        "audit_log",
        reference("branch_id", nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        *texts(user=100, table_name=50),
        *integers("record_id", nullable=True),
        *texts(action=20),
        *notes("summary"),
        *notes("before", "after", nullable=True),
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
