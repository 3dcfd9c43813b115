"""Flowing members' rows get their public ids (a UUID that travels with the row in the exchange with the
township; see 0001_04 and ``store.models.public_id_column``)."""

from dangjian_desktop.store.migration_columns import add_public_ids, drop_public_ids

revision = "0003_public_ids"
down_revision = "0003_versions"

TABLES = (
    "flowing_stay",
    "activity_book",
    "flowing_org_life",
    "flowing_opinion",
    "flowing_contact",
)


def upgrade() -> None:
    add_public_ids(*TABLES)


def downgrade() -> None:
    drop_public_ids(*TABLES)
