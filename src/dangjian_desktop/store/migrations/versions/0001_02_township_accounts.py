"""A township database holds many branches: each gets a short code the administrator chooses (the
``admin add-branch --code``), and every change-log row says which database login wrote it. A village
PC's SQLite file leaves both empty: its one branch is the folder's, its one user the secretary.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_02"
down_revision = "0001_01"


def upgrade() -> None:
    with op.batch_alter_table("branch") as batch:
        batch.add_column(sa.Column("code", sa.String(length=20), nullable=True))
        batch.create_unique_constraint("uq_branch_code", ["code"])
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("login", sa.String(length=63), nullable=False, server_default=""))
        batch.create_index("ix_audit_log_login", ["login"])


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_login")
        batch.drop_column("login")
    with op.batch_alter_table("branch") as batch:
        batch.drop_constraint("uq_branch_code", type_="unique")
        batch.drop_column("code")
