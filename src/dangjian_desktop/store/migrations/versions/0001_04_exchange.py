"""The exchange with the township on a USB stick (issue 19): every row of the core gets a public id that
travels with it (``public_id``, a UUID; ``store.models.public_id_column``), and the tables of the exchange
are created: the branch's signing key, the files sent and received, and the township's decisions
(``store/exchange_models.py``). Each module gives its own tables their public ids in its own branch of
revisions (``*_public_ids``).
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0001_04"
down_revision = "0001_03"

TABLES = ("branch", "setting", "member", "member_event", "audit_log")
NEW_TABLES = ("exchange_key", "exchange_sent", "exchange_received", "township_decision")


def upgrade() -> None:
    schema.add_public_ids(*TABLES)
    schema.create_table(
        "exchange_key",
        *schema.texts(secret=64),
        schema.at("made"),
        schema.by("made"),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        schema.public_id(),
    )
    schema.create_table(
        "exchange_sent",
        *schema.integers("sequence"),
        schema.at("made"),
        schema.by("made"),
        *schema.texts(file_name=255),
        *schema.notes("counts"),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        schema.public_id(),
        unique=[("branch_id", "sequence")],
    )
    schema.create_table(
        "exchange_received",
        *schema.texts(kind=20),
        *schema.integers("sequence"),
        *schema.texts(digest=64),
        schema.at("made"),
        schema.at("imported"),
        schema.by("imported"),
        *schema.notes("changes"),
        schema.public_id(),
        unique=[("branch_id", "kind", "sequence")],
    )
    schema.create_table(
        "township_decision",
        *schema.texts(kind=20, subject=200),
        *schema.notes("details"),
        *schema.texts(refers_to=36, nullable=True),
        *schema.dates("decided_on"),
        schema.by("decided"),
        schema.at("made"),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        schema.version(),
        schema.public_id(),
    )
    for table in NEW_TABLES:
        schema.index_public_id(table)


def downgrade() -> None:
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    schema.drop_public_ids(*TABLES)
