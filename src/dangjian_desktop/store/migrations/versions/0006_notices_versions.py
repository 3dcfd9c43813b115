"""Notice drafts (公开草稿) count their saves: a form's save is refused when someone else
saved the row after the form read it (``version``, see migration 0001_03 and ``store.models.Versioned``)."""

from alembic import op

from dangjian_desktop.store.migration_columns import version_column

revision = "0006_versions"
down_revision = "0006b_matter_steps"

TABLES = ("notice",)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(version_column())


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
