"""Meetings (会议记录) count their saves: a form's save is refused when someone else
saved the row after the form read it (``version``, see migration 0001_03 and ``store.models.Versioned``)."""

from dangjian_desktop.store.migration_columns import add_versions, drop_versions

revision = "0005_versions"
down_revision = "0005_meetings"

TABLES = ("meeting",)


def upgrade() -> None:
    add_versions(*TABLES)


def downgrade() -> None:
    drop_versions(*TABLES)
