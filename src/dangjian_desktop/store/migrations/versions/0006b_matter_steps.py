"""四议两公开: a meeting without its quorum is convened again, so a step may have several rows (unique by
position instead of by step); the reason for starting 组织实施 early; the 支部党员大会 a 党员大会 step was.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006b_matter_steps"
down_revision = "0006_notices"


def upgrade() -> None:
    with op.batch_alter_table("matter_step") as batch:
        batch.drop_constraint("uq_matter_step_matter_id", type_="unique")
        batch.create_unique_constraint("uq_matter_step_matter_id_position", ["matter_id", "position"])
        batch.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("meeting_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matter_step") as batch:
        batch.drop_column("meeting_id")
        batch.drop_column("reason")
        batch.drop_constraint("uq_matter_step_matter_id_position", type_="unique")
        batch.create_unique_constraint("uq_matter_step_matter_id", ["matter_id", "step"])
