"""Members working away: stays, activity books, organisation life, opinions and contacts while away.

Its own branch of revisions from the initial schema (each module has one); the program upgrades to all heads.
"""

from alembic import op

from dangjian_desktop.store.migration_columns import (
    at,
    create_table,
    dates,
    integers,
    notes,
    reference,
    texts,
)

revision = "0003_flowing"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "flowing_stay",
        reference("member_id"),
        *dates("since"),
        *dates("expected_return", nullable=True),
        *texts(reason=50, province=30, city=30, county=30, workplace=200, address=200, occupation=100),
        *texts(phone=30, other_contact=100, receiving_org=100, receiving_contact=50, receiving_phone=30),
        *dates("receiving_since", nullable=True),
        *texts(home_contact=50, home_contact_phone=30),
        *dates("return_date", nullable=True),
        *notes("return_note"),
        at("created"),
        at("updated"),
    )
    op.create_index(
        "ix_flowing_stay_member", "flowing_stay", ["branch_id", "member_id", "return_date"], unique=False
    )
    create_table(
        "activity_book",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        *integers("year", "serial"),
        *texts(number=20, official_number=50),
        *dates("issue_date"),
        *texts(status=10),
        *dates("status_date", nullable=True),
        *notes("void_reason"),
        reference("replaced_by_id", "activity_book", nullable=True),
        at("created"),
        unique=[("branch_id", "number")],
    )
    op.create_index("ix_activity_book_member", "activity_book", ["branch_id", "member_id"], unique=False)
    op.create_index("ix_activity_book_year", "activity_book", ["branch_id", "year", "serial"], unique=False)
    create_table(
        "flowing_contact",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        *dates("date"),
        *texts(means=50),
        *notes("content"),
        *texts(contacted_by=50),
        at("created"),
    )
    op.create_index(
        "ix_flowing_contact_member", "flowing_contact", ["branch_id", "member_id", "date"], unique=False
    )
    create_table(
        "flowing_opinion",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        *texts(kind=30),
        *dates("date"),
        *integers("year", nullable=True),
        *texts(grade=20),
        *notes("text"),
        *texts(signed_by=50),
        at("created"),
    )
    op.create_index(
        "ix_flowing_opinion_member", "flowing_opinion", ["branch_id", "member_id", "date"], unique=False
    )
    create_table(
        "flowing_org_life",
        reference("member_id"),
        reference("stay_id", "flowing_stay"),
        *dates("date"),
        *texts(org=100, kind=50),
        *notes("content"),
        *texts(certified_by=50),
        at("created"),
    )
    op.create_index(
        "ix_flowing_org_life_member", "flowing_org_life", ["branch_id", "member_id", "date"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_flowing_org_life_member", table_name="flowing_org_life")
    op.drop_table("flowing_org_life")
    op.drop_index("ix_flowing_opinion_member", table_name="flowing_opinion")
    op.drop_table("flowing_opinion")
    op.drop_index("ix_flowing_contact_member", table_name="flowing_contact")
    op.drop_table("flowing_contact")
    op.drop_index("ix_activity_book_year", table_name="activity_book")
    op.drop_index("ix_activity_book_member", table_name="activity_book")
    op.drop_table("activity_book")
    op.drop_index("ix_flowing_stay_member", table_name="flowing_stay")
    op.drop_table("flowing_stay")
