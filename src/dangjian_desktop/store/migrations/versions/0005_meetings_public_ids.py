"""Meetings' rows get their public ids (a UUID that travels with the row in the exchange with the
township; see 0001_04 and ``store.models.public_id_column``)."""

from dangjian_desktop.store.migration_columns import add_public_ids, drop_public_ids

revision = "0005_public_ids"
down_revision = "0005_versions"

TABLES = (
    "meeting",
    "meeting_attendance",
    "member_evaluation",
)


def upgrade() -> None:
    add_public_ids(*TABLES)


def downgrade() -> None:
    drop_public_ids(*TABLES)
