"""Dues: an opening note per member for the months kept in the paper book before the ledger start, and
one notion of the dues category (issue 13): a member's 党费类别 on the roster becomes the category of their
latest dues standard, where they differ (each such change is written to the audit log). Continues the
dues branch.
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

from dangjian_desktop.store import migration_columns as schema

revision = "0007_dues_opening"
down_revision = "0002"


def upgrade() -> None:
    schema.create_table(
        "dues_opening_note",
        schema.reference("member_id"),
        *schema.notes("note"),
        schema.at("updated"),
        schema.by("updated"),
        unique=[("branch_id", "member_id")],
    )

    _member_category_follows_the_standard()


def _member_category_follows_the_standard() -> None:
    connection = op.get_bind()
    latest = connection.execute(
        sa.text(
            "SELECT s.member_id, s.category, m.dues_category, m.branch_id, m.name"
            " FROM dues_standard s JOIN member m ON m.id = s.member_id"
            " WHERE s.active = :yes"
            " ORDER BY s.member_id, s.from_month, s.id"
        ),
        {"yes": True},
    ).all()
    newest = {row.member_id: row for row in latest}  # the last one of each member is the latest
    now = dt.datetime.now()
    for member_id, row in newest.items():
        if row.dues_category == row.category:
            continue
        connection.execute(
            sa.text("UPDATE member SET dues_category = :category WHERE id = :id"),
            {"category": row.category, "id": member_id},
        )
        connection.execute(
            sa.text(
                'INSERT INTO audit_log (branch_id, at, "user", table_name, record_id, action, summary, before, after)'
                " VALUES (:branch, :at, :user, 'member', :id, 'update', :summary, :before, :after)"
            ),
            {
                "branch": row.branch_id,
                "at": now,
                "user": "upgrade",
                "id": member_id,
                "summary": row.name,
                "before": json.dumps({"dues_category": row.dues_category}, ensure_ascii=False),
                "after": json.dumps({"dues_category": row.category}, ensure_ascii=False),
            },
        )


def downgrade() -> None:
    op.drop_table("dues_opening_note")
