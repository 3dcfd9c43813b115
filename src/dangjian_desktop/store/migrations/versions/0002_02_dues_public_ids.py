"""Dues rows get their public ids (a UUID that travels with the row in the exchange with the
township; see 0001_04 and ``store.models.public_id_column``)."""

from dangjian_desktop.store.migration_columns import add_public_ids, drop_public_ids

revision = "0002_02"
down_revision = ("0002_01", "0007_dues_opening")

TABLES = (
    "dues_standard",
    "dues_payment",
    "dues_allocation",
    "dues_receipt",
    "dues_handup",
    "dues_opening_note",
)


def upgrade() -> None:
    add_public_ids(*TABLES)


def downgrade() -> None:
    drop_public_ids(*TABLES)
