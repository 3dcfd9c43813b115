"""Members working away: stays, activity books, organisation life, opinions and contacts while away.

Its own branch of revisions from the initial schema (each module has one); the program upgrades to all heads.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0003_flowing"
down_revision = "0001"


def upgrade() -> None:
    schema.create_table(
        "flowing_stay",
        schema.reference("member_id"),
        *schema.dates("since"),
        *schema.dates("expected_return", nullable=True),
        *schema.texts(reason=50, province=30, city=30, county=30, workplace=200, address=200, occupation=100),
        *schema.texts(
            phone=30, other_contact=100, receiving_org=100, receiving_contact=50, receiving_phone=30
        ),
        *schema.dates("receiving_since", nullable=True),
        *schema.texts(home_contact=50, home_contact_phone=30),
        *schema.dates("return_date", nullable=True),
        *schema.notes("return_note"),
        schema.at("created"),
        schema.at("updated"),
    )
    op.create_index(
        "ix_flowing_stay_member", "flowing_stay", ["branch_id", "member_id", "return_date"], unique=False
    )
    schema.create_table(
        "activity_book",
        schema.reference("member_id"),
        schema.reference("stay_id", "flowing_stay"),
        *schema.integers("year", "serial"),
        *schema.texts(number=20, official_number=50),
        *schema.dates("issue_date"),
        *schema.texts(status=10),
        *schema.dates("status_date", nullable=True),
        *schema.notes("void_reason"),
        schema.reference("replaced_by_id", "activity_book", nullable=True),
        schema.at("created"),
        unique=[("branch_id", "number")],
    )
    op.create_index("ix_activity_book_member", "activity_book", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_activity_book_year", "activity_book", ["branch_id", "year", "serial"], unique=False)
    _stay_record(
        "flowing_contact",
        *schema.dates("date"),
        *schema.texts(means=50),
        *schema.notes("content"),
        *schema.texts(contacted_by=50),
    )
    _stay_record(
        "flowing_opinion",
        *schema.texts(kind=30),
        *schema.dates("date"),
        *schema.integers("year", nullable=True),
        *schema.texts(grade=20),
        *schema.notes("text"),
        *schema.texts(signed_by=50),
    )
    _stay_record(
        "flowing_org_life",
        *schema.dates("date"),
        *schema.texts(org=100, kind=50),
        *schema.notes("content"),
        *schema.texts(certified_by=50),
    )


def _stay_record(name: str, *columns: sa.Column[Any]) -> None:
    """A table of dated records about a member while away (contacts, opinions, organisation life): each
    row belongs to the member and their stay, and is looked up by member and date."""
    schema.create_table(
        name,
        schema.reference("member_id"),
        schema.reference("stay_id", "flowing_stay"),
        *columns,
        schema.at("created"),
    )
    op.create_index(f"ix_{name}_member", name, ["branch_id", "member_id", "date"], unique=False)


def downgrade() -> None:
    for name in ("flowing_org_life", "flowing_opinion", "flowing_contact"):
        op.drop_index(f"ix_{name}_member", table_name=name)
        op.drop_table(name)
    op.drop_index("ix_activity_book_year", table_name="activity_book")
    op.drop_index("ix_activity_book_member", table_name="activity_book")
    op.drop_table("activity_book")
    op.drop_index("ix_flowing_stay_member", table_name="flowing_stay")
    op.drop_table("flowing_stay")
