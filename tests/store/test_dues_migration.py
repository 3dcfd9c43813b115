"""Migration 0007 (issue 13): the opening-note table, and a database from before it gets one notion of
the dues category — each member's 党费类别 becomes the category of their latest standard, audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import dues
from dangjian_desktop.services.members import add_member, get_member
from dangjian_desktop.store.migrate import _revision_graph, schema_status, upgrade_to_head
from support.old_schema import DUES_TABLES, undo_dues_public_ids

REVISION = "0007_dues_opening"


def _ancestors(revision: str) -> set[str]:
    graph = _revision_graph()
    found, todo = set(), list(graph.get(revision, ()))
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo += graph.get(parent, ())
    return found


def _before_the_public_ids(connection) -> None:  # noqa: ANN001
    """Undo 0002_02 (the dues rows' public ids, issue 19), which stands above this revision."""
    tables = [table for table in DUES_TABLES if table != "dues_opening_note"]  # dropped already
    undo_dues_public_ids(lambda sql, values: connection.exec_driver_sql(sql, values), tables)


def _before_this_revision(connection) -> None:  # noqa: ANN001
    """The database as the program without this migration left it, wherever the migration sits in the
    history (its parent may already be below another applied head)."""
    connection.execute(text("DELETE FROM alembic_version WHERE version_num = :r"), {"r": REVISION})
    heads = set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    below = set().union(*(_ancestors(head) for head in heads)) if heads else set()
    for parent in _revision_graph()[REVISION]:
        if parent not in below and parent not in heads:
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:r)"), {"r": parent})


@pytest.mark.sqlite_only(reason="the PC's file upgraded at start; a server is upgraded by admin upgrade")
def test_an_older_database_gets_the_table_and_the_category_of_the_standard(workspace):
    first17 = "37010219700101001"
    member = add_member(
        workspace, {"name": "张三", "id_number": first17 + check_digit(first17), "joined_date": "1990-01-01"}
    ).id
    dues.declare_standard(workspace, member, year=2026, category="farmer")
    engine = workspace.db.engine
    with engine.begin() as connection:  # as the program before issue 13 left it
        connection.execute(text("UPDATE member SET dues_category = 'retired' WHERE id = :id"), {"id": member})
        connection.execute(text("DROP TABLE dues_opening_note"))
        _before_the_public_ids(connection)
        _before_this_revision(connection)
        connection.execute(text("DELETE FROM audit_log"))
    assert not schema_status(engine).is_current
    upgrade_to_head(engine)
    assert schema_status(engine).is_current
    assert "dues_opening_note" in inspect(engine).get_table_names()
    assert get_member(workspace, member).data.dues_category == "farmer"
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT table_name, record_id, before, after FROM audit_log")).all()
    assert [(r.table_name, r.record_id, json.loads(r.before), json.loads(r.after)) for r in rows] == [
        ("member", member, {"dues_category": "retired"}, {"dues_category": "farmer"})
    ]
