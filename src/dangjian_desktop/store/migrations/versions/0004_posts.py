"""Posts for members without office (无职党员设岗定责): catalogue, terms, assignments, performance
records and evaluations. Its own branch of migrations from the initial schema.
"""

from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0004_posts"
down_revision = "0001"


def upgrade() -> None:
    schema.create_table(
        "post",
        *schema.texts(name=30),
        *schema.notes("duties"),
        *schema.integers("members_needed"),
        *schema.flags("active"),
        *schema.integers("sort_order"),
        schema.at("created"),
        schema.at("updated"),
        unique=[("branch_id", "name")],
    )
    schema.create_table(
        "post_term",
        *schema.integers("year", nullable=True),
        *schema.dates("start_date", "end_date"),
        schema.at("created"),
        unique=[("branch_id", "start_date", "end_date")],
    )
    schema.create_table(
        "post_assignment",
        schema.reference("term_id", "post_term"),
        schema.reference("post_id"),
        schema.reference("member_id"),
        *schema.notes("commitment", "exception_reason"),
        schema.at("assigned"),
        schema.by("assigned"),
        unique=[("term_id", "post_id", "member_id")],
    )
    op.create_index(
        "ix_post_assignment_branch_term", "post_assignment", ["branch_id", "term_id"], unique=False
    )
    op.create_index(op.f("ix_post_assignment_member_id"), "post_assignment", ["member_id"], unique=False)
    schema.create_table(
        "post_record",
        schema.reference("assignment_id", "post_assignment"),
        *schema.dates("record_date"),
        *schema.notes("text"),
        *schema.texts(confirmed_by=50),
        schema.at("recorded"),
        schema.by("recorded"),
    )
    op.create_index(op.f("ix_post_record_assignment_id"), "post_record", ["assignment_id"], unique=False)
    schema.create_table(
        "post_evaluation",
        schema.reference("assignment_id", "post_assignment"),
        *schema.texts(grade=20),
        *schema.notes("comment"),
        *schema.dates("evaluated_on"),
        schema.at("updated"),
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
