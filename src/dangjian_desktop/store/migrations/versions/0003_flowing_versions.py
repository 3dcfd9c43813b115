"""Flowing stays (外出登记) count their saves: a form's save is refused when someone else
saved the row after the form read it (``version``, see migration 0001_03 and ``store.models.Versioned``)."""

from dangjian_desktop.store.migration_columns import add_versions, drop_versions

revision = "0003_versions"
down_revision = "0003_flowing"

TABLES = ("flowing_stay",)


def upgrade() -> None:
    add_versions(*TABLES)


def downgrade() -> None:
    drop_versions(*TABLES)
