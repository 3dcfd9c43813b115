"""${message}"""

import sqlalchemy as sa
from alembic import op

# New tables: create_table / reference / at / by from dangjian_desktop.store.migration_columns.
${imports if imports else ""}
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
