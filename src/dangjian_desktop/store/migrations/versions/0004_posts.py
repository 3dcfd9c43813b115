"""Posts for members without office (无职党员设岗定责): catalogue, terms, assignments, performance
records and evaluations. Its own branch of migrations from the initial schema.
"""

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store.migration_columns import at, by, create_table, reference

revision = "0004_posts"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "post",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("duties", sa.Text(), nullable=False),
        sa.Column("members_needed", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        at("created"),
        at("updated"),
        unique=[("branch_id", "name")],
    )
    create_table(
        "post_term",
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        at("created"),
        unique=[("branch_id", "start_date", "end_date")],
    )
    create_table(
        "post_assignment",
        reference("term_id", "post_term"),
        reference("post_id"),
        reference("member_id"),
        sa.Column("commitment", sa.Text(), nullable=False),
        sa.Column("exception_reason", sa.Text(), nullable=False),
        at("assigned"),
        by("assigned"),
        unique=[("term_id", "post_id", "member_id")],
    )
    op.create_index(
        "ix_post_assignment_branch_term", "post_assignment", ["branch_id", "term_id"], unique=False
    )
    op.create_index(op.f("ix_post_assignment_member_id"), "post_assignment", ["member_id"], unique=False)
    create_table(
        "post_record",
        reference("assignment_id", "post_assignment"),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=50), nullable=False),
        at("recorded"),
        by("recorded"),
    )
    op.create_index(op.f("ix_post_record_assignment_id"), "post_record", ["assignment_id"], unique=False)
    create_table(
        "post_evaluation",
        reference("assignment_id", "post_assignment"),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        at("updated"),
        unique=[("assignment_id",)],
    )


def downgrade() -> None:
    op.drop_table("post_evaluation")
    op.drop_index(op.f("ix_post_record_assignment_id"), table_name="post_record")
    op.drop_table("post_record")
    op.drop_index(op.f("ix_post_assignment_member_id"), table_name="post_assignment")
    op.drop_index("ix_post_assignment_branch_term", table_name="post_assignment")
    op.drop_table("post_assignment")
    op.drop_table("post_term")
    op.drop_table("post")
