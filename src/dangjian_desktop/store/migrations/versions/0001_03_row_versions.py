"""Records edited through a form count their saves: ``version`` starts at 1 and every update adds one, on
the condition that the row still holds the number the form read (SQLAlchemy's ``version_id_col``, see
``store.models.Versioned``). Two people saving the same member on a township server, or two windows on
one PC, no longer overwrite each other unseen: the second save is refused with "这条记录刚被别人改过"
(township.md TP4, lost updates).

This one numbers the core's rows (the branch profile and the members); each module numbers its own
tables in its own branch of revisions (``0003_versions`` flowing stays, ``0004_versions`` posts and
assignments, ``0005_versions`` meetings, ``0006_versions`` notices).
"""

from dangjian_desktop.store.migration_columns import add_versions, drop_versions

revision = "0001_03"
down_revision = "0001_02"

TABLES = ("branch", "member")


def upgrade() -> None:
    add_versions(*TABLES)


def downgrade() -> None:
    drop_versions(*TABLES)
