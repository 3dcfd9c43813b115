"""Roster codes fit their columns: ``member.sex`` holds ``female`` (6 characters) and ``member.category``
``probationary`` (12), longer than the VARCHAR(4) and VARCHAR(10) they had. SQLite never checked the
length; PostgreSQL refuses such a row. tests/store/test_code_lengths.py keeps every code within its column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_01"
down_revision = "0001"

_WIDER = {"sex": (4, 10), "category": (10, 20)}  # column: (length before, length now)


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        for column, (before, now) in _WIDER.items():
            batch.alter_column(
                column,
                existing_type=sa.String(length=before),
                type_=sa.String(length=now),
                existing_nullable=False,
            )


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        for column, (before, now) in _WIDER.items():
            batch.alter_column(
                column,
                existing_type=sa.String(length=now),
                type_=sa.String(length=before),
                existing_nullable=False,
            )
