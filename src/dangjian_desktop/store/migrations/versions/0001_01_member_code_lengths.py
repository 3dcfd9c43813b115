"""Roster codes fit their columns: ``member.sex`` holds ``female`` (6 characters) and ``member.category``
``probationary`` (12), longer than the VARCHAR(4) and VARCHAR(10) they had. SQLite never checked the
length; PostgreSQL refuses such a row. tests/store/test_code_lengths.py keeps every code within its column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_01"
down_revision = "0001"


def upgrade() -> None:
    _change_lengths({"sex": (4, 10), "category": (10, 20)})


def downgrade() -> None:
    _change_lengths({"sex": (10, 4), "category": (20, 10)})


def _change_lengths(changes: dict[str, tuple[int, int]]) -> None:
    """column: (its length, the length it gets)"""
    with op.batch_alter_table("member") as batch:
        for column, (before, after) in changes.items():
            batch.alter_column(
                column,
                existing_type=sa.String(length=before),
                type_=sa.String(length=after),
                existing_nullable=False,
            )
