"""Posts' rows get their public ids (a UUID that travels with the row in the exchange with the
township; see 0001_04 and ``store.models.public_id_column``)."""

from dangjian_desktop.store.migration_columns import add_public_ids, drop_public_ids

revision = "0004_public_ids"
down_revision = "0004_versions"

TABLES = (
    "post",
    "post_term",
    "post_assignment",
    "post_record",
    "post_evaluation",
)


def upgrade() -> None:
    add_public_ids(*TABLES)


def downgrade() -> None:
    drop_public_ids(*TABLES)
