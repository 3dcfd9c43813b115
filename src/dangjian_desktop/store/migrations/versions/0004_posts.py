"""Posts for members without office (无职党员设岗定责): catalogue, terms, assignments, performance
records and evaluations. Its own branch of migrations from the initial schema.

Revision ID: 0004_posts
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_posts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("duties", sa.Text(), nullable=False),
        sa.Column("members_needed", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_post_branch_id_branch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
        sa.UniqueConstraint("branch_id", "name", name=op.f("uq_post_branch_id")),
    )
    op.create_table(
        "post_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_post_term_branch_id_branch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_term")),
        sa.UniqueConstraint("branch_id", "start_date", "end_date", name=op.f("uq_post_term_branch_id")),
    )
    op.create_table(
        "post_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("commitment", sa.Text(), nullable=False),
        sa.Column("exception_reason", sa.Text(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.Column("assigned_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_post_assignment_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_post_assignment_member_id_member")
        ),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], name=op.f("fk_post_assignment_post_id_post")),
        sa.ForeignKeyConstraint(
            ["term_id"], ["post_term.id"], name=op.f("fk_post_assignment_term_id_post_term")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_assignment")),
        sa.UniqueConstraint("term_id", "post_id", "member_id", name=op.f("uq_post_assignment_term_id")),
    )
    op.create_index(
        "ix_post_assignment_branch_term", "post_assignment", ["branch_id", "term_id"], unique=False
    )
    op.create_index(op.f("ix_post_assignment_member_id"), "post_assignment", ["member_id"], unique=False)
    op.create_table(
        "post_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("record_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=50), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["post_assignment.id"],
            name=op.f("fk_post_record_assignment_id_post_assignment"),
        ),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_post_record_branch_id_branch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_record")),
    )
    op.create_index(op.f("ix_post_record_assignment_id"), "post_record", ["assignment_id"], unique=False)
    op.create_table(
        "post_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["post_assignment.id"],
            name=op.f("fk_post_evaluation_assignment_id_post_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_post_evaluation_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_evaluation")),
        sa.UniqueConstraint("assignment_id", name=op.f("uq_post_evaluation_assignment_id")),
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
