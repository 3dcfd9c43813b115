"""Posts for members without office (无职党员设岗定责): catalogue, terms, assignments, performance
records and evaluations. Its own branch of migrations from the initial schema.
"""

from alembic import op

from dangjian_desktop.store.migration_columns import (
    at,
    by,
    create_table,
    dates,
    flags,
    integers,
    notes,
    reference,
    texts,
)

revision = "0004_posts"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "post",
        *texts(name=30),
        *notes("duties"),
        *integers("members_needed"),
        *flags("active"),
        *integers("sort_order"),
        at("created"),
        at("updated"),
        unique=[("branch_id", "name")],
    )
    create_table(
        "post_term",
        *integers("year", nullable=True),
        *dates("start_date", "end_date"),
        at("created"),
        unique=[("branch_id", "start_date", "end_date")],
    )
    create_table(
        "post_assignment",
        reference("term_id", "post_term"),
        reference("post_id"),
        reference("member_id"),
        *notes("commitment", "exception_reason"),
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
        *dates("record_date"),
        *notes("text"),
        *texts(confirmed_by=50),
        at("recorded"),
        by("recorded"),
    )
    op.create_index(op.f("ix_post_record_assignment_id"), "post_record", ["assignment_id"], unique=False)
    create_table(
        "post_evaluation",
        reference("assignment_id", "post_assignment"),
        *texts(grade=20),
        *notes("comment"),
        *dates("evaluated_on"),
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
